"""Benchmark: `leaf_ig.batch.explain_folder` with the bundled ResNet-18 over the beans mirror (1,295 photos).

One command, four measurements (nothing here is a test, and no test depends on the beans mirror):
  A. a fresh output folder, stopped after `--first-batches` batches (~200 photos): peak memory of ~200 photos;
     this is the first interruption (a clean stop, as `max_batches` gives);
  B. the same folder resumed, then killed with SIGKILL once its CSV holds `--kill-at` rows: an interruption in the middle
     of a batch, possibly in the middle of a line;
  C. resumed again to the end: peak memory over the remaining ~900 photos, photos/s, and the time per phase;
  then checks that every photo appears exactly once (explained or bad), sorted, with no duplicates;
  D. the floor: images/s of one plain forward+backward pass w.r.t. the input at the same image size, at the photo
     batch size and at IG's internal batch size, and what IG costs relative to n_steps x that floor.
Each run is a fresh process (its peak resident memory is VmHWM from /proc, Linux; DataLoader worker processes are
sampled by this parent every 0.5 s and reported separately, as proportional set size: pages shared with the main
process counted once). Writes the numbers to --json.

Usage:  python bench/explain_folder.py --data /work/shared/beans [--n-steps 16] [--threads 2] [--out DIR]
"""
import argparse, json, os, signal, shutil, subprocess, sys, tempfile, time
from pathlib import Path


def _hwm_kb(pid='self'):
    "Peak resident memory of a process in kB (VmHWM), or None"
    try: return int(Path(f'/proc/{pid}/status').read_text().split('VmHWM:')[1].split()[0])
    except (OSError, IndexError, ValueError): return None


def _pss_kb(pid):
    "Proportional set size of a process in kB: pages shared with its parent (a forked DataLoader worker) counted once, split"
    try: return int(Path(f'/proc/{pid}/smaps_rollup').read_text().split('Pss:')[1].split()[0])
    except (OSError, IndexError, ValueError): return 0


def _children(pid):
    "Direct child processes of `pid` (scan of /proc)"
    out = []
    for d in Path('/proc').iterdir():
        if d.name.isdigit():
            try: st = (d/'stat').read_text()
            except OSError: continue
            if int(st.rsplit(')', 1)[1].split()[1]) == pid: out.append(int(d.name))
    return out


def child(a):
    "One explain_folder run in this process; prints its summary with the peak memory as the last line of stdout"
    import torch
    torch.set_num_threads(a.threads)
    from leaf_ig.train import load_bundled_model
    from leaf_ig.batch import explain_folder
    model, meta = load_bundled_model('cpu')
    s = explain_folder(a.data, a.child, model, meta, n_steps=a.n_steps, batch_size=a.batch_size,
                       internal_batch_size=a.internal_batch_size, num_workers=a.num_workers,
                       max_batches=a.max_batches, progress=True, log_every=100)
    s['peak_rss_kb'] = _hwm_kb()
    print(json.dumps(s), flush=True)


def run_child(a, out, max_batches=None, kill_at_rows=None):
    "Run `child` in a fresh process; sample its workers' memory; optionally SIGKILL it once the CSV has `kill_at_rows` rows"
    cmd = [sys.executable, __file__, '--child', str(out), '--data', a.data, '--n-steps', str(a.n_steps), '--threads', str(a.threads),
           '--batch-size', str(a.batch_size), '--internal-batch-size', str(a.internal_batch_size), '--num-workers', str(a.num_workers)]
    if max_batches: cmd += ['--max-batches', str(max_batches)]
    t0, worker_peak, killed = time.perf_counter(), 0, None
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
    while p.poll() is None:
        time.sleep(0.5)
        worker_peak = max(worker_peak, sum(_pss_kb(c) for c in _children(p.pid)))
        if kill_at_rows is not None and (out/'explanations.csv').exists():
            rows = (out/'explanations.csv').read_bytes().count(b'\n') - 1
            if rows >= kill_at_rows:
                p.send_signal(signal.SIGKILL); p.wait()
                data = (out/'explanations.csv').read_bytes()
                killed = dict(rows_when_killed=rows, half_written_last_line=not data.endswith(b'\n'))
    stdout = p.stdout.read()
    res = dict(seconds=time.perf_counter() - t0, workers_peak_pss_kb=worker_peak, returncode=p.returncode)
    if killed: res.update(killed)
    else:
        if p.returncode != 0: raise SystemExit(f"run failed: {cmd}")
        res['summary'] = json.loads(stdout.strip().splitlines()[-1])
    return res


def floor(a):
    """The floor and IG side by side, in this process, interleaved, so that both see about the same load:
    images/s of one plain forward+backward pass w.r.t. the input (channels_last, as IG runs) at the photo batch and at IG's
    internal batch; IG alone and `explain_batch` (IG + prediction + leaf focus + background) on `batch_size` real photos.
    Medians over rounds; the cost ratios are taken within each round"""
    import numpy as np, torch
    torch.set_num_threads(a.threads)
    from leaf_ig.train import load_bundled_model
    from leaf_ig.batch import PhotoFiles, find_photos, explain_batch
    from leaf_ig.ig import integrated_gradients
    model, meta = load_bundled_model('cpu')
    s, n = meta['image_size'], a.batch_size
    ds = PhotoFiles(a.data, find_photos(a.data)[0][:n], s)
    x = torch.stack([ds[i]['x'] for i in range(len(ds))])
    with torch.no_grad(): pred = model(x).argmax(1)
    def fb(m):
        z0 = x[torch.arange(m) % n].contiguous(memory_format=torch.channels_last)
        def once():
            z = z0.clone().requires_grad_()
            torch.autograd.grad(model(z).gather(1, pred[torch.arange(m) % n][:, None]).sum(), z)
        return once, m
    def rep(fn, k): return (lambda: [fn() for _ in range(k)])
    jobs = {f'floor batch {n}': (rep(fb(n)[0], max(1, 256//n)), max(1, 256//n)*n),
            f'floor batch {a.internal_batch_size}': (rep(fb(a.internal_batch_size)[0], max(1, 256//a.internal_batch_size)), max(1, 256//a.internal_batch_size)*a.internal_batch_size),
            'ig': (lambda: integrated_gradients(model, x, 'black', target=pred, n_steps=a.n_steps, internal_batch_size=a.internal_batch_size), n),
            'explain_batch': (lambda: explain_batch(model, x, a.n_steps, internal_batch_size=a.internal_batch_size), n)}
    for f, _ in jobs.values(): f()  # warm up
    rounds = []  # rates per round: the ratio is taken within a round, where both saw about the same load
    for _ in range(a.floor_rounds):
        r = {}
        for k, (f, m) in jobs.items():
            t = time.perf_counter(); f(); r[k] = m/(time.perf_counter() - t)
        rounds.append(r)
    fk = f'floor batch {a.internal_batch_size}'
    med = lambda v: float(np.median(v))
    rate = {k: med([r[k] for r in rounds]) for k in jobs}
    fl = rate[fk]
    return dict(rounds=rounds, images_per_s={k: v for k, v in rate.items() if k.startswith('floor')},
                ig_photos_per_s=rate['ig'], explain_batch_photos_per_s=rate['explain_batch'], ideal_ig_photos_per_s=fl/a.n_steps,
                ig_cost_vs_n_steps_floor=med([r[fk]/a.n_steps/r['ig'] for r in rounds]),
                explain_batch_cost_vs_n_steps_floor=med([r[fk]/a.n_steps/r['explain_batch'] for r in rounds]), loadavg=os.getloadavg())


def load():
    "Load average and the other busy processes, to say what else was running"
    ps = subprocess.run(['ps', '-eo', 'pcpu,etime,args', '--sort=-pcpu'], capture_output=True, text=True).stdout.splitlines()[1:8]
    return dict(loadavg=os.getloadavg(), busiest=[l.strip()[:120] for l in ps])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', default='/work/shared/beans', help='the beans mirror (any folder of photos)')
    p.add_argument('--out', default=None, help='output folder for the runs (default: a temporary one, removed at the end)')
    p.add_argument('--json', default=str(Path(__file__).with_suffix('.json')))
    p.add_argument('--n-steps', type=int, default=16)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--batch-size', type=int, default=16)
    p.add_argument('--internal-batch-size', type=int, default=64)
    p.add_argument('--num-workers', type=int, default=1)
    p.add_argument('--first-batches', type=int, default=13, help='batches of run A (13 x 16 = 208 photos)')
    p.add_argument('--kill-at', type=int, default=400, help='run B is killed once the CSV has this many rows')
    p.add_argument('--floor-rounds', type=int, default=4, help='interleaved rounds of the floor measurement (D)')
    p.add_argument('--floor-only', action='store_true', help='only measure the floor (D) and update it in an existing --json')
    p.add_argument('--child', default=None, help=argparse.SUPPRESS)
    p.add_argument('--max-batches', type=int, default=None, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child: return child(a)
    if a.floor_only:
        from leaf_ig.files import atomic_write
        res = json.loads(Path(a.json).read_text())
        res['floor'] = fl = floor(a); res['floor']['measured'] = time.strftime('%Y-%m-%d %H:%M:%S')
        res['folder_cost_vs_n_steps_floor'] = fl['ideal_ig_photos_per_s']/res['run_C']['photos_per_s']
        atomic_write(a.json, lambda f: f.write((json.dumps(res, indent=1) + '\n').encode()))
        return print(json.dumps(res['floor'], indent=1))
    os.environ['OMP_NUM_THREADS'] = str(a.threads)
    base = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix='leaf-ig-bench-'))
    out = base/'explain'
    if out.exists(): raise SystemExit(f"{out} exists: choose another --out")
    started = time.strftime('%Y-%m-%d %H:%M:%S'); load_before = load(); t0 = time.perf_counter()
    A = run_child(a, out, max_batches=a.first_batches)
    B = run_child(a, out, kill_at_rows=a.kill_at)
    C = run_child(a, out)
    wall = time.perf_counter() - t0
    load_after = load()
    import csv
    rows = list(csv.reader(open(out/'explanations.csv', newline='')))[1:]
    bad = list(csv.reader(open(out/'bad_photos.csv', newline='')))[1:]
    paths = [r[0] for r in rows] + [r[0] for r in bad]
    found = C['summary']['found']
    check = dict(found=found, rows=len(rows), bad=len(bad), every_photo_once=len(paths) == len(set(paths)) == found,
                 sorted=[r[0] for r in rows] == sorted(r[0] for r in rows),
                 photos_before_kill=B.get('rows_when_killed'), half_written_line_at_kill=B.get('half_written_last_line'))
    head = next(csv.reader(open(out/'explanations.csv', newline='')))
    errs = sorted(float(r[head.index('ig_completeness_error')]) for r in rows)
    fl = floor(a)
    sC = C['summary']; tm = sC['timings']; busy = sum(tm.values())
    pps = sC['photos_per_s']
    res = dict(
        started=started, data=a.data, model='bundled beans ResNet-18 (128 px)', device='cpu', threads=a.threads,
        n_steps=a.n_steps, method='gausslegendre', baseline='black', batch_size=a.batch_size,
        internal_batch_size=a.internal_batch_size, num_workers=a.num_workers, background_columns=True, overlays=False,
        total_wall_s=wall, checks=check,
        run_A=dict(photos=A['summary']['explained'] + A['summary']['bad'], seconds=A['seconds'],
                   peak_rss_MiB=A['summary']['peak_rss_kb']/1024, workers_peak_pss_MiB=A['workers_peak_pss_kb']/1024),
        run_B_killed=dict(seconds=B['seconds'], **{k: B.get(k) for k in ('rows_when_killed', 'half_written_last_line')}),
        run_C=dict(done_before=sC['done_before'], photos=sC['explained'] + sC['bad'], seconds=C['seconds'], photos_per_s=pps,
                   peak_rss_MiB=sC['peak_rss_kb']/1024, workers_peak_pss_MiB=C['workers_peak_pss_kb']/1024,
                   time_share={k: v/busy for k, v in tm.items()}),
        ig_completeness_error=dict(median=errs[len(errs)//2], p90=errs[int(0.9*len(errs))], max=errs[-1]),
        floor=fl, folder_cost_vs_n_steps_floor=fl['ideal_ig_photos_per_s']/pps,
        load_before=load_before, load_after=load_after)
    from leaf_ig.files import atomic_write
    atomic_write(a.json, lambda f: f.write((json.dumps(res, indent=1) + '\n').encode()))
    print(json.dumps({k: res[k] for k in ('total_wall_s', 'checks', 'run_A', 'run_C', 'floor', 'folder_cost_vs_n_steps_floor')}, indent=1))
    if not a.out: shutil.rmtree(base, ignore_errors=True)


if __name__ == '__main__':
    main()
