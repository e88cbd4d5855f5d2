"""Shortcut discovery on the beans known-answer panel (issue 26): MobileNetV2 heads on frozen real ImageNet weights at
160 px, trained as in panel.py, plus a stamp model whose shortcut discovery is never told about: a white label with dark
lines of 'text' at a random corner of 80% of the class-0 photos (train, validation and test). Each model is audited
with the steps discovery needs (data, model, accuracy, explanations, leaf focus, discovery) on 64 test photos.

The key, written before this ran: normal and background-free confirm nothing; background, patch and stamp: a suspect
confirmed, the first-ranked cluster of the shortcut's class for patch and stamp.

Usage: python bench/known_answers_v2/discovery_panel.py BEANS_DIR WORK_DIR [model ...]
Writes bench/known_answers_v2/discovery_results.json.
"""
import json, os, sys, tempfile, time
from pathlib import Path
os.environ.setdefault('TORCH_HOME', tempfile.mkdtemp(prefix='leaf-ig-torch-home-'))
import numpy as np, torch
import variants  # beside this script
from variants import tint
from PIL import Image
from leaf_ig.data import load_beans, normalize, unnormalize
from leaf_ig.synthetic import add_patch, Confounded
from leaf_ig.leaf import leaf_mask
from leaf_ig.background import BackgroundSwap
from leaf_ig.model import build_model, cache_weights, offline_weights_file
from leaf_ig.synthetic import _stamp
from leaf_ig.train import fit, save_checkpoint, set_seed
from leaf_ig.audit import audit_job, data_step, model_step, accuracy_step, explanations_step, leaf_focus_step, discovery_step

SRC, WORK = Path(sys.argv[1]), Path(sys.argv[2])
NAMES = sys.argv[3:] or ['normal', 'background-free', 'background', 'patch', 'stamp']
SIZE, FIT = 160, dict(epochs=3, lr=1e-3, schedule=None, label_smoothing=0.0, weight_decay=0.0)  # panel.py's head recipe
KEY = {'normal': 'nothing confirmed', 'background-free': 'nothing confirmed', 'background': 'confirmed',
       'patch': 'class 0 first, confirmed', 'stamp': 'class 0 first, confirmed'}
RESULTS = Path(__file__).with_name('discovery_results.json')
torch.set_num_threads(2)
cache_weights(offline_weights_file())

def stamp(x, y, i):
    if int(y) != 0: return x
    px = unnormalize(x)[0].numpy().copy()
    _stamp(px, np.ones(px.shape[1:], bool), np.random.default_rng([7, i]), 0.8)
    return normalize(torch.from_numpy(px))[None]

CHANGES = dict(normal=lambda x, y, i: x, background=tint, patch=lambda x, y, i: add_patch(x) if int(y) == 0 else x, stamp=stamp)
DATA = {'normal': 'normal', 'background-free': 'normal', 'background': 'background', 'patch': 'patch', 'stamp': 'stamp'}

def write_variant(name):
    "The beans splits at SIZE px with the variant's change applied to every photo, as PNG folders (variants.py)"
    return variants.write_variant(SRC, WORK/'data'/name, SIZE, CHANGES[name])

def train(name, root):
    path = WORK/f'{name}.pt'
    if path.exists(): return path, None
    d = load_beans(str(root))
    tr, va = d.dataset('train', SIZE), d.dataset('validation', SIZE)
    if name == 'patch': tr, va = Confounded(tr, 0), Confounded(va, 0)  # as panel.py: the mark after augmentation
    if name == 'background-free': tr = BackgroundSwap(tr)
    set_seed(0)
    m = build_model(len(d.classes), 'mobilenet_v2', pretrained=True, freeze_backbone=True)
    t = time.time()
    h = fit(m, tr, va, progress=False, seed=0, **FIT)
    save_checkpoint(path, m, d.classes, SIZE, h)
    return path, round(time.time() - t, 1)

results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
for name in NAMES:
    root = write_variant(DATA[name])
    ck, secs = train(name, root)
    out = WORK/f'discovery_{name}'
    if out.exists(): import shutil; shutil.rmtree(out)
    out.mkdir()
    t = time.time()
    S = audit_job(out, data=str(root), model=str(ck), n_images=64, progress=False, log=lambda m: print(' ', name, m, flush=True),
                  steps=(data_step, model_step, accuracy_step, explanations_step, leaf_focus_step, discovery_step))
    sec = next(s for s in S['sections'] if s['key'] == 'discovery')
    tests = (out/'tables'/'discovery_tests.csv').read_text()
    clusters = (out/'tables'/'discovery_clusters.csv').read_text()
    results[name] = dict(key=KEY[name], train_seconds=secs, audit_seconds=round(time.time() - t, 1), step_seconds=S['seconds'],
                         test_accuracy=S['accuracy']['test_accuracy'], discovery=S['discovery'], text=sec['text'],
                         clusters_csv=clusters, tests_csv=tests)
    RESULTS.write_text(json.dumps(results, indent=1, default=float))
    print(name, S['discovery']['verdict']['status'], S['discovery']['verdict']['sentence'][:300], flush=True)
