"The patch model again: the mark pasted after augmentation (Confounded), so crops and flips cannot move or remove it."
import time, numpy as np, torch
from pathlib import Path
from leaf_ig.data import load_beans
from leaf_ig.synthetic import Confounded, add_patch
from leaf_ig.model import build_model
from leaf_ig.train import fit, save_checkpoint, set_seed
P = Path('/tmp/work/panel')
d = load_beans(str(P/'data/normal'))
tr, va = Confounded(d.dataset('train', 64), 0), Confounded(d.dataset('validation', 64), 0)
set_seed(0); m = build_model(3, pretrained=False)
t = time.time()
h = fit(m, tr, va, epochs=6, lr=2e-3, batch_size=32, device='cpu', seed=0, progress=False)
(P/'models/patch.pt').unlink(missing_ok=True)
save_checkpoint(P/'models/patch.pt', m, d.classes, 64, h)
te = d.dataset('test', 64); x = torch.stack([te[i][0] for i in range(len(te))]); y = torch.tensor(te.labels)
m.eval()
with torch.no_grad():
    o = y != 0
    clean, marked = (m(x[o]).argmax(1) == 0).float().mean().item(), (m(add_patch(x[o])).argmax(1) == 0).float().mean().item()
print(f"patch model trained {time.time() - t:.0f} s; best valid acc {h.valid_acc.max():.3f}; other-class test photos called class 0: clean {clean:.2f}, with the mark {marked:.2f}")
