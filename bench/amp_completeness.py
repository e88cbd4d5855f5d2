"""Benchmark: is mixed precision safe for Integrated Gradients? Completeness error with and without autocast.

IG's completeness (attributions sum to f(x) - f(baseline)) is the one check of an attribution's arithmetic that needs
no ground truth. This runs the bundled ResNet-18 on the bundled sample's photos at its 128 px, IG with a black baseline
and Gauss-Legendre steps, once in float32 and once with the forward pass under torch.autocast (bfloat16 on the CPU,
float16 on CUDA), and reports the median and 90th percentile relative completeness error of each, the speed of each,
and how far the low-precision maps are from the float32 ones (Spearman of |attribution| per photo).

Usage:  python bench/amp_completeness.py [--n-images 32] [--n-steps 32 64] [--device auto]
Writes bench/amp_completeness.json. Numbers are wall-clock on whatever machine runs it; nothing here is a test.
"""
import argparse, json, platform, time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from scipy.stats import spearmanr

from leaf_ig.data import load_beans
from leaf_ig.ig import integrated_gradients
from leaf_ig.train import load_bundled_model, get_device


class Autocast(nn.Module):
    "Run `model`'s forward pass under torch.autocast; logits come back as float32"
    def __init__(self, model, device_type, dtype):
        super().__init__(); self.model, self.device_type, self.dtype = model, device_type, dtype
    def forward(self, x):
        with torch.autocast(self.device_type, dtype=self.dtype): return self.model(x).float()


def run(model, x, n_steps):
    t = time.perf_counter()
    r = integrated_gradients(model, x, n_steps=n_steps, internal_batch_size=max(256, len(x)))
    return r, time.perf_counter() - t


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--n-images', type=int, default=32)
    p.add_argument('--n-steps', type=int, nargs='+', default=[32, 64])
    p.add_argument('--device', default='auto')
    p.add_argument('--out', default=str(Path(__file__).with_name('amp_completeness.json')))
    a = p.parse_args()
    dev = get_device(a.device)
    model, meta = load_bundled_model(device=str(dev))
    model = model.float().eval()
    data = load_beans('sample')
    ds = data.dataset('test', meta['image_size'])
    x = torch.stack([ds[i][0] for i in range(min(a.n_images, len(ds)))]).to(dev)
    dtype = torch.float16 if dev.type == 'cuda' else torch.bfloat16
    amp = Autocast(model, dev.type, dtype)
    rows = []
    for n in a.n_steps:
        r32, t32 = run(model, x, n)
        r16, t16 = run(amp, x, n)
        m32, m16 = r32.attributions.abs().sum(1).flatten(1).cpu().numpy(), r16.attributions.abs().sum(1).flatten(1).cpu().numpy()
        rho = np.array([spearmanr(u, v)[0] for u, v in zip(m32, m16)])
        e32, e16 = r32.rel_error.cpu().numpy(), r16.rel_error.cpu().numpy()
        rows.append(dict(n_steps=n, n_images=len(x),
                         fp32=dict(median_rel_error=float(np.median(e32)), p90_rel_error=float(np.quantile(e32, .9)), seconds=t32),
                         autocast=dict(dtype=str(dtype).replace('torch.', ''), median_rel_error=float(np.median(e16)),
                                       p90_rel_error=float(np.quantile(e16, .9)), seconds=t16),
                         spearman_abs_maps_median=float(np.median(rho)), spearman_abs_maps_min=float(rho.min()),
                         same_targets=bool(torch.equal(r32.targets, r16.targets))))
        print(json.dumps(rows[-1]))
    out = dict(device=str(dev), device_name=torch.cuda.get_device_name() if dev.type == 'cuda' else platform.processor() or platform.machine(),
               threads=torch.get_num_threads(), torch=torch.__version__, model='bundled beans ResNet-18', image_size=meta['image_size'],
               data='bundled sample, test split', rows=rows)
    Path(a.out).write_text(json.dumps(out, indent=1) + '\n')


if __name__ == '__main__': main()
