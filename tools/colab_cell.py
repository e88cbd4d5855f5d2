"""The Colab install cell: the first code cell of every notebook (nbs/[0-9]*.ipynb and nbs/index.ipynb).

In Google Colab (where `import google.colab` succeeds) the cell installs leaf-ig with pip, so that the
notebook's imports work there; anywhere else, nbdev_test included, it does nothing. It is hidden on the
docs site (`#| hide`) and is plain Python, no `!pip` or `%pip` magic, so tools/test_colab_cell.py can
exec it.

    python tools/colab_cell.py            # insert the cell, or bring it up to date, in every notebook
    python tools/colab_cell.py --check    # exit 1 if any notebook lacks the current cell; write nothing
    python tools/colab_cell.py --nbs DIR  # work on the notebooks in DIR instead of nbs/

Idempotent: a second run changes nothing. The cell is recognised by its MARKER line, wherever it is,
and placed just before the notebook's first other code cell (after the title and the Colab badge).
Standard library only.
"""
from __future__ import annotations
import argparse, json, sys
from pathlib import Path

# What pip installs in Colab. No release is on PyPI yet, so the GitHub repository; once `pip install
# leaf-ig` works, make this 'leaf-ig[dev]' (and change EXPECTED in tools/test_colab_cell.py with it).
# [dev]: the notebooks' test cells use nbdev (show_doc) and fastcore.test, which a plain install does not bring.
PIP_SPEC = 'leaf-ig[dev] @ git+https://github.com/leaf-ig/leaf-ig.git'
MARKER = '# Written by tools/colab_cell.py: edit it there, then run `python tools/colab_cell.py`.'
CELL_ID = 'colab-install'
ROOT = Path(__file__).resolve().parent.parent


def cell_source(spec: str = PIP_SPEC) -> str:
    "The cell's code."
    return f'''#| hide
# In Google Colab, install leaf-ig first; anywhere else this cell does nothing.
{MARKER}
import subprocess, sys
try:
    import google.colab  # noqa: F401  (importable only in Colab)
except ImportError:
    pass
else:
    subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', {spec!r}], check=True)'''


def _lines(src: str) -> list[str]:
    "Source as Jupyter stores it: a list of lines, each but the last ending in a newline."
    ls = src.split('\n')
    return [l + '\n' for l in ls[:-1]] + [ls[-1]]


def _src(cell) -> str:
    s = cell.get('source', '')
    return ''.join(s) if isinstance(s, list) else s


def is_colab_cell(cell) -> bool:
    return cell.get('cell_type') == 'code' and MARKER in _src(cell)


def notebooks(nbs: Path) -> list[Path]:
    "The notebooks that get the cell: the numbered ones and index.ipynb."
    return sorted(nbs.glob('[0-9]*.ipynb')) + [p for p in [nbs / 'index.ipynb'] if p.exists()]


def nb_text(nb) -> str:
    "The notebook as nbdev_clean writes it (execnb's nb2str), so the tool leaves no formatting diff."
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + '\n'


def with_cell(nb, spec: str = PIP_SPEC):
    "`nb` with exactly one up-to-date install cell, just before its first other code cell."
    old = [c for c in nb['cells'] if is_colab_cell(c)]
    cells = [c for c in nb['cells'] if not is_colab_cell(c)]
    cell = {'cell_type': 'code', 'execution_count': None, 'id': old[0].get('id', CELL_ID) if old else CELL_ID,
            'metadata': {}, 'outputs': [], 'source': _lines(cell_source(spec))}
    if any(c.get('id') == cell['id'] for c in cells): cell['id'] = CELL_ID + '-cell'
    at = next((i for i, c in enumerate(cells) if c.get('cell_type') == 'code'), len(cells))
    return {**nb, 'cells': cells[:at] + [cell] + cells[at:]}


def update(nbs: Path = ROOT / 'nbs', check: bool = False, spec: str = PIP_SPEC) -> list[Path]:
    "Insert or update the cell in every notebook in `nbs`; return those that changed (or would, with `check`)."
    changed = []
    for p in notebooks(nbs):
        nb = json.loads(p.read_text(encoding='utf-8'))
        new = with_cell(nb, spec)
        if new == nb: continue  # already there and current: leave the file as it is, byte for byte
        changed.append(p)
        if not check: p.write_text(nb_text(new), encoding='utf-8')
    return changed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--nbs', type=Path, default=ROOT / 'nbs', help='folder of the notebooks (default: nbs/)')
    ap.add_argument('--check', action='store_true', help='write nothing; exit 1 if a notebook lacks the current cell')
    a = ap.parse_args(argv)
    if not notebooks(a.nbs): ap.error(f'no notebooks in {a.nbs}')
    changed = update(a.nbs, check=a.check)
    n = len(notebooks(a.nbs))
    if a.check:
        print(f'colab cell: {n - len(changed)} of {n} notebooks up to date' + (f'; out of date: {", ".join(p.name for p in changed)}' if changed else ''))
        return 1 if changed else 0
    print(f'colab cell: {len(changed)} of {n} notebooks updated' + (f' ({", ".join(p.name for p in changed)})' if changed else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
