"""Benchmark: `leaf-ig audit --arch X --data sample --quick` for every architecture leaf-ig supports.

Each architecture is trained from scratch here (no ImageNet weights offline) on the bundled sample's train split at the
quick settings (64 px, 3 epochs), then audited; this records whether the run reached a report, its wall time, the peak
memory of the process, the test accuracy and every verdict. Trained from scratch on ~70 photos, these models are not
meant to be good: the point is that every step of the audit runs on each architecture and says what it found.

Usage:  python bench/arch_audits.py [--arch resnet18 vit_b_16 ...] [--out bench/arch_audits.json]
"""
import argparse, json, resource, subprocess, sys, tempfile, time
from pathlib import Path

ARCHS = ('resnet18', 'resnet50', 'mobilenet_v3_large', 'efficientnet_b0', 'convnext_tiny', 'vit_b_16')

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--arch', nargs='+', default=list(ARCHS))
    p.add_argument('--out', default=str(Path(__file__).with_name('arch_audits.json')))
    a = p.parse_args()
    rows, work = [], Path(tempfile.mkdtemp())
    for arch in a.arch:
        out, t = work/arch, time.time()
        cmd = [sys.executable, '-c', 'import resource, sys; from leaf_ig.cli import main; rc = main(sys.argv[1:]); '
               'print("PEAK_RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)',
               'audit', '--arch', arch, '--data', 'sample', '--quick', '--no-progress', '--out', str(out)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        row = dict(arch=arch, rc=r.returncode, seconds=round(time.time() - t, 1), report=(out/'report.html').is_file())
        peak = [l for l in r.stderr.splitlines() if l.startswith('PEAK_RSS_KB')]
        if peak: row['peak_rss_gib'] = round(int(peak[0].split()[1])/2**20, 2)
        if (out/'summary.json').is_file():
            S = json.loads((out/'summary.json').read_text())
            row |= dict(test_accuracy=round(S['accuracy']['test_accuracy'], 3), balanced_accuracy=round(S['accuracy']['balanced_accuracy'], 3),
                        pretrained=S['model']['pretrained'], stages=[x['stage'] for x in S['sanity']['cascading']],
                        skipped=S['faithfulness'].get('skipped', {}), verdicts={v['check']: v['status'] for v in S['verdicts']},
                        conclusion=S['conclusion']['answer'], step_seconds=S['seconds'])
        else: row['stderr_tail'] = r.stderr[-1500:]
        rows.append(row); print(json.dumps({k: row[k] for k in row if k not in ('stages', 'verdicts', 'step_seconds')}), flush=True)
    Path(a.out).write_text(json.dumps(dict(command='leaf-ig audit --arch X --data sample --quick', rows=rows), indent=1) + '\n')

if __name__ == '__main__': main()
