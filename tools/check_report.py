"""Open a leaf-ig report.html in headless Chromium: count its images and broken ones, collect console
messages, and save screenshots (phone and desktop width) to look at.

    python tools/check_report.py runs/sample-audit/report.html [--out DIR]

Exit status 1 if an image is broken or the console reports an error. Needs Debian's `chromium`.
"""
import argparse, re, shutil, subprocess, sys, tempfile
from pathlib import Path

FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--hide-scrollbars']
PROBE = ('<script>window.addEventListener("load", () => {const im = [...document.images];'
         'const bad = im.filter(i => !i.complete || i.naturalWidth === 0).length;'
         'document.title = `IMAGES ${im.length} BROKEN ${bad}`;});</script>')

def chromium(*args, tmp):
    exe = shutil.which('chromium') or shutil.which('chromium-browser')
    if exe is None: sys.exit("chromium not found: apt-get install chromium")
    return subprocess.run([exe, *FLAGS, f'--user-data-dir={tmp}/profile', *args], capture_output=True, text=True, timeout=180)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('report'); ap.add_argument('--out', default=None, help='folder for the screenshots (default: beside the report)')
    a = ap.parse_args()
    report = Path(a.report).resolve()
    out = Path(a.out or report.parent); out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    probe = tmp/'probe.html'
    probe.write_text(report.read_text(encoding='utf-8').replace('</body>', PROBE + '</body>'), encoding='utf-8')
    r = chromium('--enable-logging=stderr', '--v=0', '--virtual-time-budget=10000', '--dump-dom', probe.as_uri(), tmp=tmp)
    m = re.search(r'<title>IMAGES (\d+) BROKEN (\d+)</title>', r.stdout)
    console = [l for l in r.stderr.splitlines() if 'CONSOLE' in l]
    errors = [l for l in console if 'ERROR' in l.upper()]
    for name, size in (('phone', '412,9000'), ('desktop', '1200,9000')):
        chromium(f'--screenshot={out}/report_{name}.png', f'--window-size={size}', report.as_uri(), tmp=tmp)
    shutil.rmtree(tmp, ignore_errors=True)
    if m is None: sys.exit(f"the page did not finish loading: {r.stderr[-500:]}")
    n, bad = int(m.group(1)), int(m.group(2))
    print(f"{report}: {n} images, {bad} broken; {len(console)} console messages, {len(errors)} errors; "
          f"screenshots {out}/report_phone.png, {out}/report_desktop.png")
    for l in console: print('  ', l)
    return 1 if bad or errors else 0

if __name__ == '__main__': sys.exit(main())
