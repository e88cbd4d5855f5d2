"""Check that settings.ini's `requirements` declare exactly the libraries that leaf_ig/*.py import.

    python tools/check_requirements.py

Reads every import in the package (module level or inside functions), leaves out the standard library
and leaf_ig itself, maps import names to distribution names (PIL -> pillow, ...), and compares them
with the names in `requirements`. Prints one line; exit 1 if a library is imported but not declared
(pip install would leave it out) or declared but never imported. Standard library only.
"""
import ast, re, sys
from configparser import ConfigParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = {'PIL': 'pillow', 'skimage': 'scikit-image', 'sklearn': 'scikit-learn'}  # import name -> distribution


def imported(lib: Path) -> dict[str, set[str]]:
    "Top-level names of the third-party modules imported in `lib`/*.py -> the files importing them."
    found = {}
    for f in sorted(lib.rglob('*.py')):
        for node in ast.walk(ast.parse(f.read_text(encoding='utf-8'), str(f))):
            if isinstance(node, ast.Import): names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module: names = [node.module]
            else: continue
            for n in names:
                top = n.split('.')[0]
                if top in sys.stdlib_module_names or top == lib.name or top == '__future__': continue
                found.setdefault(DIST.get(top, top).lower(), set()).add(f.name)
    return found


def declared() -> set[str]:
    cfg = ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini', encoding='utf-8')
    reqs = cfg['DEFAULT'].get('requirements', '').split()
    return {re.split(r'[<>=!~;\[ ]', r, maxsplit=1)[0].lower().replace('_', '-') for r in reqs}


def main() -> int:
    cfg = ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini', encoding='utf-8')
    used, decl = imported(ROOT / cfg['DEFAULT']['lib_path']), declared()
    missing = sorted(set(used) - decl)
    unused = sorted(decl - set(used))
    if missing or unused:
        print('requirements: FAILED: ' + '; '.join(
            [f'imported but not in settings.ini requirements: ' + ', '.join(f'{m} ({", ".join(sorted(used[m]))})' for m in missing)] * bool(missing)
            + [f'declared but never imported: {", ".join(unused)}'] * bool(unused)))
        return 1
    print(f'requirements: ok ({len(decl)} declared, each imported by leaf_ig, none missing: {", ".join(sorted(decl))})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
