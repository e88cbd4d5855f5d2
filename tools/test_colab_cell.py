"""Test the Colab install cell of the notebooks: plain Python, standard library only.

    python tools/test_colab_cell.py [--nbs DIR]

Checks that the first code cell of every notebook (nbs/[0-9]*.ipynb and nbs/index.ipynb) is the same
cell, the one tools/colab_cell.py writes, hidden on the docs site; then runs it twice with exec:
- with a stand-in `google.colab` module (as in Colab) and subprocess patched to record calls: it must
  run exactly EXPECTED, once, with check=True;
- with `google.colab` not importable (anywhere else, nbdev_test included): it must run nothing, fast.
Prints one line and exits 0 when all holds, 1 otherwise.
"""
from __future__ import annotations
import argparse, json, os, subprocess, sys, time, types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import colab_cell  # noqa: E402

# The pip command line the cell must run in Colab. Change it together with colab_cell.PIP_SPEC.
EXPECTED = [sys.executable, '-m', 'pip', 'install', '-q', 'leaf-ig[dev] @ git+https://github.com/leaf-ig/leaf-ig.git']
# Everything through which the cell could start a program: all are recorded, none may run.
PATCHED = [(subprocess, 'run'), (subprocess, 'call'), (subprocess, 'check_call'), (subprocess, 'check_output'),
           (subprocess, 'Popen'), (os, 'system')]


class Recorder:
    "Stands in for the functions in PATCHED while the cell runs; `calls` is what the cell asked for."
    def __init__(self): self.calls, self.saved = [], []

    def __enter__(self):
        for mod, name in PATCHED:
            self.saved.append((mod, name, getattr(mod, name)))
            setattr(mod, name, self._fake(f'{mod.__name__}.{name}'))
        return self

    def _fake(self, qual):
        def fake(*args, **kwargs):
            self.calls.append((qual, args, kwargs))
            return subprocess.CompletedProcess(args[0] if args else kwargs.get('args'), 0)
        return fake

    def __exit__(self, *exc):
        for mod, name, f in self.saved: setattr(mod, name, f)


class Modules:
    "Sets entries of sys.modules for a while (None makes an import fail), then puts back what was there."
    def __init__(self, **mods): self.mods, self.saved = mods, {}

    def __enter__(self):
        for k, v in self.mods.items():
            self.saved[k] = sys.modules.get(k, Ellipsis)
            sys.modules[k] = v

    def __exit__(self, *exc):
        for k, v in self.saved.items():
            if v is Ellipsis: sys.modules.pop(k, None)
            else: sys.modules[k] = v


def run_cell(src: str, in_colab: bool):
    "Exec the cell's code as a notebook would; return the recorded calls and the seconds it took."
    if in_colab:
        google, colab = types.ModuleType('google'), types.ModuleType('google.colab')
        google.__path__, google.colab = [], colab
        mods = Modules(**{'google': google, 'google.colab': colab})
    else:
        mods = Modules(**{'google.colab': None})  # `import google.colab` raises ImportError, as outside Colab
    code = compile(src, '<colab cell>', 'exec')  # a `!pip` or `%pip` line would fail here
    with mods, Recorder() as rec:
        t = time.perf_counter()
        exec(code, {'__name__': '__main__'})
        return rec.calls, time.perf_counter() - t


def check_spec(spec: str = colab_cell.PIP_SPEC) -> list[str]:
    "The pip target must name this package, with the extras the notebooks need, at the repository settings.ini names."
    import configparser, re
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(colab_cell.ROOT / 'settings.ini')
    cfg = cfg['DEFAULT']
    m = re.fullmatch(r'([A-Za-z0-9_.-]+)\[([a-z,]+)\] @ git\+(\S+?)(?:\.git)?', spec)
    if not m: return [f'pip target {spec!r} is not of the form NAME[EXTRAS] @ git+URL']
    name, extras, url = m.groups()
    errors = []
    if name != cfg['lib_name']: errors.append(f'pip target installs {name!r}, settings.ini names {cfg["lib_name"]!r}')
    if url.rstrip('/') != cfg['git_url'].rstrip('/'): errors.append(f'pip target URL {url} is not settings.ini git_url {cfg["git_url"]}')
    if 'dev' not in extras.split(','): errors.append("pip target lacks the [dev] extra (nbdev and fastcore.test for the test cells)")
    for need in ('nbdev', 'fastcore'):
        if need not in cfg.get('dev_requirements', '') + ' ' + cfg.get('requirements', ''):
            errors.append(f'{need} is in neither requirements nor dev_requirements of settings.ini')
    return errors


def check(nbs: Path) -> list[str]:
    "What is wrong, as a list of short messages (empty when all holds)."
    nb_paths = colab_cell.notebooks(nbs)
    if not nb_paths: return [f'no notebooks in {nbs}']
    errors, firsts = check_spec(), {}
    for p in nb_paths:
        code = [c for c in json.loads(p.read_text(encoding='utf-8'))['cells'] if c.get('cell_type') == 'code']
        if not code: errors.append(f'{p.name}: no code cell'); continue
        firsts[p.name] = colab_cell._src(code[0])
    for p in nb_paths:  # "run all" in Colab must not stop at the last cell: nbdev_export needs the project's settings.ini
        for c in json.loads(p.read_text(encoding='utf-8'))['cells']:
            s = colab_cell._src(c)
            if c.get('cell_type') == 'code' and 'nbdev_export()' in s and 'settings.ini' not in s:
                errors.append(f'{p.name}: a cell calls nbdev_export() without checking for settings.ini (fails in Colab)')
    want = colab_cell.cell_source()
    wrong = [n for n, s in firsts.items() if s != want]
    if wrong: errors.append(f'first code cell is not the Colab install cell of tools/colab_cell.py in {len(wrong)} of '
                            f'{len(nb_paths)} notebooks ({", ".join(wrong)}): run `python tools/colab_cell.py`')
    if len(set(firsts.values())) > 1: errors.append(f'the first code cells differ between notebooks ({len(set(firsts.values()))} versions)')
    # The cell's code as written in the notebooks (or the tool's, if no notebook has it yet), run both ways
    srcs = [s for s in firsts.values() if colab_cell.MARKER in s] or [want]
    for src in sorted(set(srcs)):
        if src.split('\n')[0].strip() != '#| hide': errors.append('the cell does not start with `#| hide`')
        try:
            calls, _ = run_cell(src, in_colab=True)
            want_call = [('subprocess.run', (EXPECTED,), {'check': True})]
            if calls != want_call: errors.append(f'in Colab the cell ran {calls}, expected {want_call}')
            calls, secs = run_cell(src, in_colab=False)
            if calls: errors.append(f'outside Colab the cell ran {calls}, expected nothing')
            if secs > 1: errors.append(f'outside Colab the cell took {secs:.1f} s')
        except Exception as e:
            errors.append(f'the cell raised {type(e).__name__}: {e}')
    return errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--nbs', type=Path, default=colab_cell.ROOT / 'nbs', help='folder of the notebooks (default: nbs/)')
    a = ap.parse_args(argv)
    errors = check(a.nbs)
    n = len(colab_cell.notebooks(a.nbs))
    if errors:
        print(f'colab cell: FAILED ({n} notebooks): ' + '; '.join(errors))
        return 1
    print(f'colab cell: ok ({n} notebooks, one cell; pip line checked with a stand-in google.colab; nothing run outside Colab)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
