"""The beans photo variants the known-answer panels train and audit on (panel.py, discovery_panel.py): each split
written as PNG folders at one size with a change applied to every photo; and the class-tinted background."""
from pathlib import Path
import numpy as np, torch
from PIL import Image
from leaf_ig.data import load_beans, normalize, unnormalize
from leaf_ig.leaf import leaf_mask

TINT = {0: (1.25, 0.85, 0.85), 1: (0.85, 0.85, 1.3), 2: (0.85, 1.1, 0.85)}  # class -> RGB gain on the background

def tint(x, y, i=None):
    "The photo with its background (all but `leaf_mask`'s leaf) tinted by its class"
    m, px = torch.from_numpy(leaf_mask(x))[:, None], unnormalize(x)
    return normalize(torch.where(m, px, (px*torch.tensor(TINT[int(y)]).view(1, 3, 1, 1)).clamp(0, 1)))

def write_variant(src:Path, root:Path, size:int, change) -> Path:
    "The beans splits of `src` at `size` px with `change(image, label, index)` applied to every photo, as PNGs in `root`"
    if (root/'.done').exists(): return root
    d = load_beans(str(src))
    for split in d.splits:
        ds = d.dataset(split, size, augment=False)
        for i in range(len(ds)):
            x, y = ds[i]
            (root/split/d.classes[y]).mkdir(parents=True, exist_ok=True)
            px = unnormalize(change(x[None], y, i)[0]).clamp(0, 1).permute(1, 2, 0).numpy()
            Image.fromarray((px*255).round().astype(np.uint8)).save(root/split/d.classes[y]/f'{i:04d}.png')
    (root/'.done').touch()
    return root
