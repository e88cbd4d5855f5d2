"Audit the known-answer panel's models on the beans mirror (quick settings, 32 test photos, shortcut test) and save the verdicts."
import json, time, sys
from pathlib import Path
from leaf_ig.audit import audit_job, save_json
from leaf_ig.known_answers import observed_verdicts, known_answer_matrix
P = Path('/tmp/work/panel')
data = dict(normal=P/'data/normal', random=P/'data/normal', permuted=P/'data/normal', patch=P/'data/patch', background=P/'data/background')
names = sys.argv[1:] or list(data)
res = json.loads((P/'observed.json').read_text()) if (P/'observed.json').exists() else {}
for name in names:
    out = P/'audits'/name
    if out.exists(): import shutil; shutil.rmtree(out)
    out.mkdir(parents=True)
    t = time.time()
    S = audit_job(out, data=str(data[name]), model=str(P/'models'/f'{name}.pt'), quick=True, n_images=32, shortcut_test=True,
                  progress=False, log=lambda m: print('   ', m, flush=True))
    res[name] = dict(verdicts=observed_verdicts(S), seconds=round(time.time() - t), accuracy=S['accuracy']['test_accuracy'],
                     sentences={v['check']: v['sentence'] for v in S['verdicts']} | {'conclusion': S['conclusion']['sentence']})
    print(name, res[name]['verdicts'], res[name]['seconds'], 's', flush=True)
    save_json(res, P/'observed.json')
m = known_answer_matrix({k: v['verdicts'] for k, v in res.items()})
print(m.to_string())
