"""The frozen recipe as a linear probe (issue 22): torchvision's real MobileNetV2 ImageNet file, backbone frozen, the head
fitted by `leaf_ig.train.linear_probe` (multinomial logistic regression on the pooled features of the un-augmented training
photos), scored on the whole beans test split.

Usage: python bench/transfer/linear_probe.py BEANS_DIR [--sizes 160,224] [--C 1.0]
Writes bench/transfer/linear_probe.json.
"""
import argparse, json, os, tempfile, time
from pathlib import Path

p = argparse.ArgumentParser(); p.add_argument('data'); p.add_argument('--sizes', default='160,224'); p.add_argument('--C', type=float, default=1.0)
a = p.parse_args()
os.environ.setdefault('TORCH_HOME', tempfile.mkdtemp(prefix='leaf-ig-torch-home-'))
import torch
from leaf_ig.data import load_beans
from leaf_ig.model import build_model, cache_weights, offline_weights_file
from leaf_ig.train import linear_probe, evaluate, set_seed

torch.set_num_threads(2)
cache_weights(offline_weights_file())
data, res = load_beans(a.data), dict(date=time.strftime('%Y-%m-%d'), C=a.C, runs={})
for size in map(int, a.sizes.split(',')):
    set_seed(42); m = build_model(len(data.classes), 'mobilenet_v2', pretrained=True, freeze_backbone=True)
    before = {k: v.clone() for k, v in m.state_dict().items() if not k.startswith('classifier.1.')}
    t = time.time(); linear_probe(m, data.dataset('train', size, augment=False), C=a.C, device='cpu'); secs = time.time() - t
    same = all(torch.equal(v, m.state_dict()[k]) for k, v in before.items())
    ev, va = evaluate(m, data.dataset('test', size), data.classes), evaluate(m, data.dataset('validation', size), data.classes)
    res['runs'][size] = dict(test_accuracy=ev.accuracy, validation_accuracy=va.accuracy, fit_seconds=round(secs, 1),
                             backbone_unchanged=same, n_train=len(data['train']))
    print(size, res['runs'][size])
Path(__file__).with_name('linear_probe.json').write_text(json.dumps(res, indent=1))
