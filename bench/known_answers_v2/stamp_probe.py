"""Why discovery misses the beans stamp model (issue 26): did the model learn the stamp, and does any view discovery uses
show it? Needs WORK_DIR from discovery_panel.py (its stamp and normal data folders and stamp.pt).

Usage: python bench/known_answers_v2/stamp_probe.py WORK_DIR      Writes bench/known_answers_v2/stamp_probe.json.
"""
import json, sys, time
from pathlib import Path
import numpy as np, torch
from sklearn.cluster import SpectralClustering
from sklearn.metrics import adjusted_rand_score
from leaf_ig.data import load_beans
from leaf_ig.train import load_checkpoint
from leaf_ig.discovery import penultimate_features, _affinity, eigengap, map_embedding
from leaf_ig.methods import attribute
from leaf_ig.ig import integrated_gradients
from leaf_ig.leaf import leaf_mask, leaf_focus
from leaf_ig.model import probabilities

WORK = Path(sys.argv[1]); torch.set_num_threads(2)
d, dn = load_beans(str(WORK/'data'/'stamp')), load_beans(str(WORK/'data'/'normal'))
m, meta = load_checkpoint(WORK/'stamp.pt', classes=d.classes)
ds, dsn = d.dataset('test', 160), dn.dataset('test', 160)
x, xn = (torch.stack([s[i][0] for i in range(len(s))]) for s in (ds, dsn))
y = np.asarray(ds.labels); c0 = y == 0
stamped = (x - xn).abs().amax((1, 2, 3)).numpy() > 0.5  # the same photo without the stamp differs only there
p, pn = probabilities(m, x).argmax(1).numpy(), probabilities(m, xn).argmax(1).numpy()
out = dict(n_test=len(y), class0=int(c0.sum()), class0_stamped=int((c0 & stamped).sum()),
           acc_class0_stamped=float((p[c0 & stamped] == 0).mean()), acc_class0_unstamped=float((p[c0 & ~stamped] == 0).mean()),
           acc_same_photos_stamp_removed=float((pn[c0 & stamped] == 0).mean()), others_called_class0=float((p[~c0] == 0).mean()))
f = penultimate_features(m, x)[c0]
out['features_eigenvalues_class0'] = eigengap(_affinity(f), 4)[1].round(3).tolist()
out['features_forced_k2_ari_vs_stamped'] = float(adjusted_rand_score(SpectralClustering(2, affinity='precomputed', random_state=0)
                                                                     .fit_predict(_affinity(f)), stamped[c0]))
masks = leaf_mask(x)
def excess(maps):
    lf = leaf_focus(maps, masks); off = ((1 - lf.leaf_evidence) - (1 - lf.leaf_area)).to_numpy()
    return dict(stamped_class0=float(off[c0 & stamped].mean()), unstamped_class0=float(off[c0 & ~stamped].mean()), others=float(off[~c0].mean()))
t0 = time.time()
ig = torch.cat([integrated_gradients(m, xb, target=torch.as_tensor(pb), n_steps=16, internal_batch_size=64).attributions
                for xb, pb in zip(x.split(16), np.split(p, range(16, len(p), 16)))])  # 16 photos at a time: memory
out['off_leaf_excess'] = {'IG (16 steps, black)': excess(ig)}
for w in (20, 40):
    occ = attribute(m, x, 'occlusion', target=torch.as_tensor(p), window=w, stride=w, internal_batch_size=64).clamp(min=0)
    out['off_leaf_excess'][f'occlusion, {w}-px squares'] = excess(occ)
out['seconds'] = round(time.time() - t0, 1)
Path(__file__).with_name('stamp_probe.json').write_text(json.dumps(out, indent=1))
print(json.dumps(out, indent=1))
