"""Shortcut discovery on real photos: the audit's discovery step on the beans mirror's test split, bundled models.

Run from the repository root (the beans mirror in LEAF_IG_DATA or as the first argument):

    .venv/bin/python bench/discovery_beans.py [BEANS_DIR]

Each model is audited with the steps discovery needs (data, model, accuracy, explanations, leaf focus, discovery) on
the full audit's 64 test photos, so the step's seconds are the ones it adds to a full audit (its IG maps come from
the leaf-focus step's cache). Writes bench/discovery_beans.json: per model the step's seconds, clusters, suspects,
tests and verdict, and each suspect's sentence.
"""
import json, os, sys, tempfile, time
from pathlib import Path
import torch
from leaf_ig.audit import (audit_job, data_step, model_step, accuracy_step, explanations_step, leaf_focus_step,
                           discovery_step, save_json)

MODELS = {'bundled MobileNetV2 (ImageNet-pretrained, fine-tuned)': 'bundled-pretrained',
          'bundled ResNet-18 (trained from scratch)': 'bundled'}

if __name__ == '__main__':
    data = sys.argv[1] if len(sys.argv) > 1 else os.environ['LEAF_IG_DATA']
    torch.set_num_threads(os.cpu_count())
    res = dict(date=time.strftime('%Y-%m-%d'), cpus=os.cpu_count(), data='beans mirror (test split)', runs={})
    for name, model in MODELS.items():
        out = Path(tempfile.mkdtemp())/'audit'; out.mkdir()
        t0 = time.time()
        S = audit_job(out, data=data, model=model, n_images=64, progress=False, log=print,
                      steps=(data_step, model_step, accuracy_step, explanations_step, leaf_focus_step, discovery_step))
        v = next(v for v in S['verdicts'] if v['check'] == 'shortcut discovery')
        sec = next(s for s in S['sections'] if s['key'] == 'discovery')
        res['runs'][name] = dict(model=model, wall_s=round(time.time() - t0, 1), step_seconds=S['seconds'],
                                 test_accuracy=S['accuracy']['test_accuracy'], discovery=S['discovery'], verdict=v['status'],
                                 sentence=v['sentence'], suspects=sec['text'][2:], answer_of_these_steps=S['conclusion']['answer'])
        print(name, res['runs'][name]['verdict'], v['sentence'])
    save_json(res, Path(__file__).with_name('discovery_beans.json'))
