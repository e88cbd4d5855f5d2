"""The map-free tests (background swap, background alone, leaf alone) on the beans stamp model of discovery_panel.py:
the model discovery misses (issue 26), and the tests that do catch it.

Usage: python bench/known_answers_v2/stamp_map_free.py WORK_DIR      Writes bench/known_answers_v2/stamp_map_free.json.
"""
import sys
import json, tempfile, time
from pathlib import Path
WORK = Path(sys.argv[1])
from leaf_ig.audit import audit_job, data_step, model_step, accuracy_step, background_step, save_json
out = Path(tempfile.mkdtemp())/'a'; out.mkdir()
t0 = time.time()
S = audit_job(out, data=str(WORK/'data'/'stamp'), model=str(WORK/'stamp.pt'), progress=False, steps=(data_step, model_step, accuracy_step, background_step))
res = dict(date=time.strftime('%Y-%m-%d'), command='audit_job steps data, model, accuracy, background on the stamp variant (discovery_panel.py WORK_DIR)',
           seconds=round(time.time() - t0, 1), conclusion=S['conclusion'],
           verdicts=[{k: v[k] for k in ('check', 'status', 'value', 'lo', 'hi', 'sentence')} for v in S['verdicts']])
save_json(res, Path(__file__).with_name('stamp_map_free.json'))
for v in res['verdicts']: print(v['check'], v['status'], v['value'], v['lo'], v['hi'])
print(S['conclusion']['answer'])
