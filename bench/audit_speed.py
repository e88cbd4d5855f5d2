"""Time the quick audit per step: wall clock, peak memory, and each step's seconds and IG gradient evaluations.

Run from the repository root on an otherwise idle machine:

    .venv/bin/python bench/audit_speed.py [--before DIR]

`--before DIR` also times an older checkout (e.g. a `git worktree` of the previous commit) with the same
commands, each before-run just before its after-run, so both numbers come from the same machine in the same minutes.
Writes bench/audit_speed.json.
"""
import argparse, json, os, re, subprocess, sys, tempfile, time
from pathlib import Path

RUNS = {  # name -> leaf-ig audit arguments
    'sample, bundled ResNet-18 (the first command until this change)': ['--data', 'sample', '--quick'],
    "sample-full, bundled MobileNetV2 (the README's first command)": ['--data', 'sample-full', '--quick', '--bundled', 'mobilenet_v2'],
}

def timed(args:list, cwd:str|None=None) -> dict:
    "Run `leaf-ig audit ARGS` under /usr/bin/time -v; wall seconds, peak RSS (GiB), the summary's seconds and evaluations"
    out = Path(tempfile.mkdtemp())/'audit'
    cmd = ['/usr/bin/time', '-v', sys.executable, '-m', 'leaf_ig.cli', 'audit', *args, '--no-progress', '--out', str(out)]
    t0 = time.time()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)  # `-m` imports leaf_ig from cwd first
    wall = time.time() - t0
    if p.returncode: raise SystemExit(p.stdout + p.stderr)
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', p.stderr).group(1))
    s = json.loads((out/'summary.json').read_text())
    return dict(command='leaf-ig audit ' + ' '.join(args), wall_s=round(wall, 1), peak_rss_gib=round(rss/2**20, 2),
                step_seconds=s['seconds'], ig_evaluations=s.get('ig_evaluations'), answer=s['conclusion']['answer'],
                verdicts={v['check']: v['status'] for v in s['verdicts']},
                values={v['check']: [v.get(k) for k in ('value', 'lo', 'hi')] for v in s['verdicts']})

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--before', help='an older checkout of the repository to time the same way')
    a = ap.parse_args()
    res = dict(date=time.strftime('%Y-%m-%d'), cpus=os.cpu_count(), load_before=os.getloadavg()[0], runs={})
    for name, args in RUNS.items():
        if a.before: res['runs']['before: ' + name] = timed(args, str(Path(a.before).resolve()))
        res['runs'][name] = timed(args)
    Path('bench/audit_speed.json').write_text(json.dumps(res, indent=1))
    for k, r in res['runs'].items(): print(f"{k}: {r['wall_s']} s, {r['peak_rss_gib']} GiB, answer {r['answer']}; steps {r['step_seconds']}")
