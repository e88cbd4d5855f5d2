"""Benchmark: Integrated Gradients speed and gradient evaluations on the trained ResNet-18.

Reports, in one run, on the checkpoint's image size (128 px for the notebooks' model):
  1. images/s for IG done the seed's way (one image at a time, Captum defaults, n_steps=32),
  2. images/s for the package's way (`leaf_ig.ig.integrated_gradients`, a batch, channels_last inputs),
  3. each as a ratio of the floor: a plain forward+backward w.r.t. the input of the same image-steps,
  4. gradient evaluations per image needed for <= 1% median relative completeness error: the smallest fixed
     n_steps (Captum's default rule) vs `auto_integrated_gradients`, plus the error of the seed's fixed 32.

Usage:  python bench/ig_bench.py --checkpoint models/beans-resnet18.pt --data path/to/beans [--n-images 16]
Numbers are wall-clock on whatever machine runs it; nothing here is a test.
"""
import argparse, json, time

import numpy as np
import torch
from captum.attr import IntegratedGradients

from leaf_ig.data import load_beans
from leaf_ig.ig import integrated_gradients, make_baseline
from leaf_ig.sensitivity import auto_integrated_gradients
from leaf_ig.train import load_checkpoint


def timed(fn, repeat=2):
    "Best wall time of `repeat` runs (the first run also warms up)"
    fn(); best = float('inf')
    for _ in range(repeat):
        t = time.perf_counter(); fn(); best = min(best, time.perf_counter() - t)
    return best


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--checkpoint', required=True)
    p.add_argument('--data', default=None, help='beans source (default: $LEAF_IG_DATA or the hub)')
    p.add_argument('--n-images', type=int, default=16)
    p.add_argument('--n-steps', type=int, default=32)
    p.add_argument('--internal-batch-size', type=int, default=64)
    p.add_argument('--threads', type=int, default=None)
    p.add_argument('--skip-timing', action='store_true', help='only count gradient evaluations')
    a = p.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    data = load_beans(a.data)
    model, meta = load_checkpoint(a.checkpoint, classes=data.classes)
    ds = data.dataset('test', meta['image_size'])
    idx = np.random.default_rng(0).permutation(len(ds))[:a.n_images]
    xs = torch.stack([ds[int(i)][0] for i in idx])
    n, steps = len(xs), a.n_steps
    with torch.no_grad(): target = model(xs).argmax(1)
    black = make_baseline(xs, 'black')

    def seed_way():  # one image at a time, Captum defaults (gausslegendre, no internal batching), contiguous memory
        ig = IntegratedGradients(model)
        for i in range(n): ig.attribute(xs[i:i+1], baselines=black[i:i+1], target=int(target[i]), n_steps=steps)

    xs_cl = xs.contiguous(memory_format=torch.channels_last)
    def package_way():
        integrated_gradients(model, xs_cl, 'black', target, n_steps=steps, internal_batch_size=a.internal_batch_size)

    def floor(fmt):  # forward+backward w.r.t. the input for the same n*steps images, in chunks like the package's
        def run():
            for c in torch.split(torch.arange(n*steps), a.internal_batch_size):
                z = xs[c % n].contiguous(memory_format=fmt).requires_grad_()
                out = model(z).gather(1, target[c % n][:, None]).sum()
                torch.autograd.grad(out, z)
        return run

    res = dict(device='cpu', threads=torch.get_num_threads(), image_size=meta['image_size'], n_images=n, n_steps=steps)
    if not a.skip_timing:
        t_seed, t_pkg = timed(seed_way), timed(package_way)
        t_floor_cl, t_floor = timed(floor(torch.channels_last)), timed(floor(torch.contiguous_format))
        res.update(seed_way_img_per_s=n/t_seed, package_way_img_per_s=n/t_pkg, speedup_vs_seed=t_seed/t_pkg,
                   floor_channels_last_img_per_s=n/t_floor_cl, floor_contiguous_img_per_s=n/t_floor,
                   seed_way_vs_floor=t_seed/t_floor_cl, package_way_vs_floor=t_pkg/t_floor_cl)

    # gradient evaluations for <= 1% median relative completeness error
    med, mx = {}, {}
    for s in (4, 8, 16, 32, 64, 128, 256, 512):
        e = integrated_gradients(model, xs, 'black', target, n_steps=s, internal_batch_size=a.internal_batch_size).rel_error
        med[s], mx[s] = float(e.median()), float(e.max())
    need_med = next((s for s, e in med.items() if e <= 0.01), None)  # fixed n_steps for a 1% median error
    need_max = next((s for s, e in mx.items() if e <= 0.01), None)  # fixed n_steps for 1% on every image
    auto, log = auto_integrated_gradients(model, xs, 'black', target, tol=0.01, start=8, max_steps=512,
                                          internal_batch_size=a.internal_batch_size)
    evals = float(log.gradient_evals.mean())
    res.update(
        median_rel_error_fixed=med, max_rel_error_fixed=mx, seed_fixed32_median_error=med[32], seed_fixed32_max_error=mx[32],
        fixed_n_steps_for_1pct_median=need_med, fixed_n_steps_for_1pct_every_image=need_max,
        auto_mean_grad_evals=evals, auto_median_rel_error=float(log.rel_error.median()), auto_max_rel_error=float(log.rel_error.max()),
        auto_n_steps=log.n_steps.value_counts().sort_index().to_dict(),
        auto_saving_vs_fixed_every_image=(need_max/evals) if need_max else None,
        auto_saving_vs_fixed_median=(need_med/evals) if need_med else None)
    print(json.dumps(res, indent=2, default=str))


if __name__ == '__main__':
    main()
