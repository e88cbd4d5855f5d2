"Known-answer panel on the beans mirror: write the confounded copies of the data and train the panel's models (64 px, one recipe)."
import sys, json, time, shutil
from pathlib import Path
import numpy as np, torch
from PIL import Image
from leaf_ig.data import load_beans, normalize, unnormalize
from leaf_ig.synthetic import add_patch
from leaf_ig.leaf import leaf_mask
from leaf_ig.model import build_model
from leaf_ig.train import fit, save_checkpoint, set_seed
from leaf_ig.sanity import Relabelled

SRC, OUT, SIZE, EPOCHS = Path("/work/shared/beans"), Path("/tmp/work/panel"), 64, 6
TINT = {0: (1.25, 0.85, 0.85), 1: (0.85, 0.85, 1.3), 2: (0.85, 1.1, 0.85)}  # class -> RGB gain on the background (not the leaf)

def write_variant(name, change):
    "A copy of the beans mirror at 128 px with `change(pixels, label) -> pixels` applied to every photo of every split"
    root = OUT/'data'/name
    if root.exists(): return root
    d = load_beans(str(SRC)); ds = {s: d.dataset(s, 128, augment=False) for s in d.splits}
    for split, data in ds.items():
        for i in range(len(data)):
            x, y = data[i]
            px = change(x[None], y)[0]
            (root/split/d.classes[y]).mkdir(parents=True, exist_ok=True)
            Image.fromarray((unnormalize(px).clamp(0, 1).permute(1, 2, 0).numpy()*255).round().astype(np.uint8)).save(root/split/d.classes[y]/f'{i:04d}.png')
    return root

def tint(x, y):
    m = torch.from_numpy(leaf_mask(x))[:, None]
    px = unnormalize(x)
    g = torch.tensor(TINT[int(y)]).view(1, 3, 1, 1)
    return normalize(torch.where(m, px, (px*g).clamp(0, 1)))

PATCH_CLASS = 0
def patch(x, y): return add_patch(x) if int(y) == PATCH_CLASS else x

t0 = time.time()
data = dict(normal=write_variant('normal', lambda x, y: x), background=write_variant('background', tint), patch=write_variant('patch', patch))
print('data written', round(time.time() - t0), 's', flush=True)

def train(name, root, permute=False):
    path = OUT/'models'/f'{name}.pt'
    if path.exists(): return path
    path.parent.mkdir(parents=True, exist_ok=True)
    d = load_beans(str(root))
    tr, va = d.dataset('train', SIZE), d.dataset('validation', SIZE)
    if permute:
        rng = np.random.default_rng(0)
        tr = Relabelled(tr, np.arange(len(tr)), rng.permutation(tr.labels)); va = Relabelled(va, np.arange(len(va)), rng.permutation(va.labels))
    set_seed(0); m = build_model(len(d.classes), pretrained=False)
    t = time.time()
    h = fit(m, tr, va, epochs=EPOCHS, lr=2e-3, batch_size=32, device='cpu', seed=0, progress=False)
    save_checkpoint(path, m, d.classes, SIZE, h)
    print(name, 'trained', round(time.time() - t), 's; best valid acc', round(float(h.valid_acc.max()), 3), 'train acc', round(float(h.train_acc.iloc[-1]), 3) if 'train_acc' in h else '', flush=True)
    return path

set_seed(0); r = build_model(3, pretrained=False); (OUT/'models').mkdir(parents=True, exist_ok=True)
d = load_beans(str(SRC))
if not (OUT/'models'/'random.pt').exists(): save_checkpoint(OUT/'models'/'random.pt', r, d.classes, SIZE)
if not (OUT/'models'/'random128.pt').exists(): save_checkpoint(OUT/'models'/'random128.pt', r, d.classes, 128)
for name, root, perm in (('normal', data['normal'], False), ('background', data['background'], False), ('patch', data['patch'], False),
                         ('permuted', data['normal'], True)):
    train(name, root, perm)
print('done', round(time.time() - t0), 's')
