"""Rewrap the lines over 120 characters in the notebooks' exported cells, in the compact style the code is written in,
without changing what the code does (issue 24). Run it, then `nbdev_export`, and lower tools/line_budget.txt:

    python tools/wrap_lines.py nbs/*.ipynb          (rewrites the notebooks in place; prints what it left)

Why not a formatter: `ruff format --line-length 120` puts every argument on its own line (notebook 08's module grew
from 786 to 1,281 lines, against issue 24's goal of short functions) and moved a field's comment away from it. This
tool only does what a person rewrapping by hand would, one long line at a time:

1. a trailing comment that makes a line long goes on its own line above it (docments reads a parameter's comment from
   the line above as well), wrapped if it is long itself;
2. a one-line docstring becomes a triple-quoted one, wrapped;
3. code is broken after a comma (or before `+`, `and`, `or`, `if`, `else`, `for`) inside brackets, the rest aligned
   with the bracket's first item; a long string inside brackets is split into two adjacent literals at a space.

Each changed cell must parse to the same syntax tree as before (docstrings compared with their whitespace collapsed);
a cell that does not is left as it was and named.
"""
import ast, io, json, keyword, re, sys, textwrap, tokenize
from pathlib import Path

LIMIT = 120
BREAK_BEFORE = {'+', 'and', 'or', 'if', 'else', 'for'}

def _tokens(src:str) -> list:
    return list(tokenize.generate_tokens(io.StringIO(src).readline))

def _docstrings_flat(tree):
    "The tree with every docstring's whitespace collapsed (rewrapping a docstring changes only its whitespace)"
    for n in ast.walk(tree):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)) and n.body:
            d = n.body[0]
            if isinstance(d, ast.Expr) and isinstance(d.value, ast.Constant) and isinstance(d.value.value, str):
                d.value.value = ' '.join(d.value.value.split())
    return ast.dump(tree)

def same_code(a:str, b:str) -> bool:
    try: return _docstrings_flat(ast.parse(a)) == _docstrings_flat(ast.parse(b))
    except SyntaxError: return False

def _depths(toks:list) -> dict:
    "(row, col) of each token -> bracket depth before it, and the column of the innermost open bracket's first item"
    out, stack = {}, []
    for i, t in enumerate(toks):
        out[t.start] = (len(stack), stack[-1] if stack else None)
        if t.type == tokenize.OP and t.string in '([{':
            nxt = toks[i + 1]
            stack.append(nxt.start[1] if nxt.start[0] == t.start[0] and nxt.type not in (tokenize.NL, tokenize.COMMENT)
                         else None)
        elif t.type == tokenize.OP and t.string in ')]}' and stack: stack.pop()
    return out

def _comment_lines(text:str, indent:str) -> list:
    body = text.lstrip('#').strip()
    width = max(LIMIT - len(indent) - 2, 40)  # paths and addresses are not broken
    return [indent + '# ' + l for l in textwrap.wrap(body, width, break_on_hyphens=False, break_long_words=False)] or [indent + '#']

def _fix_comment(lines, toks, row) -> bool:
    com = [t for t in toks if t.type == tokenize.COMMENT and t.start[0] == row]
    if not com: return False
    if lines[row - 1].lstrip().startswith('#'):  # a comment line of its own: wrapped
        if lines[row - 1].lstrip().startswith('#|'): return False
        lines[row - 1:row] = _comment_lines(com[0].string, lines[row - 1][:com[0].start[1]])
        return True
    code = lines[row - 1][:com[0].start[1]].rstrip()
    if re.match(r'\s*(async\s+)?(def|class)\s', code) or re.match(r'\s*@', code): return False  # docments: keep it beside
    if row > 1 and lines[row - 2].rstrip().endswith('\\'): return False  # no comment line inside a backslash continuation
    indent = re.match(r'\s*', code).group()
    lines[row - 1:row] = _comment_lines(com[0].string, indent) + [code]
    return True

def _docstring_rows(src:str) -> set:
    "Line numbers of the one-line docstrings in `src`"
    try: tree = ast.parse(src)
    except SyntaxError: return set()
    return {n.body[0].lineno for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)
            and isinstance(n.body[0].value.value, str) and n.body[0].lineno == n.body[0].end_lineno}

def _fix_long_docstring(lines, toks, row) -> bool:
    "A triple-quoted docstring of one paragraph with a long line, rewrapped"
    try: tree = ast.parse('\n'.join(lines))
    except SyntaxError: return False
    for n in ast.walk(tree):
        if not (isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.body): continue
        d = n.body[0]
        if not (isinstance(d, ast.Expr) and isinstance(d.value, ast.Constant) and isinstance(d.value.value, str)): continue
        if not d.lineno <= row <= d.end_lineno or d.lineno == d.end_lineno: continue
        first, last = lines[d.lineno - 1], lines[d.end_lineno - 1]
        indent = first[:d.col_offset]
        if not (first[d.col_offset:].startswith('"""') and last.rstrip().endswith('"""')): return False
        if last[:d.end_col_offset].rstrip() != last.rstrip(): return False  # something follows the docstring
        text = d.value.value
        if '\n\n' in text or re.search(r'\n\s*([-*]|\d+\.)\s', text) or '\\' in text or '"""' in text: return False
        parts = textwrap.wrap(' '.join(text.split()), LIMIT - len(indent) - 3, break_on_hyphens=False, break_long_words=False)
        new = [indent + '"""' + parts[0]] + [indent + q for q in parts[1:]]
        new[-1] += '"""'
        lines[d.lineno - 1:d.end_lineno] = new
        return True
    return False

def _fix_docstring(lines, toks, row) -> bool:
    line = lines[row - 1]
    if row not in _docstring_rows('\n'.join(lines)): return _fix_long_docstring(lines, toks, row)
    st = [t for t in toks if t.start[0] == row and t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)]
    if len(st) != 1 or st[0].type != tokenize.STRING or st[0].end[0] != row: return False
    s = st[0].string
    if not re.fullmatch(r'"[^"\\]*"', s): return False  # plain one-line "…" docstrings only
    indent = line[:st[0].start[1]]
    parts = textwrap.wrap(s[1:-1], LIMIT - len(indent) - 3, break_on_hyphens=False, break_long_words=False)
    lines[row - 1:row] = [indent + '"""' + parts[0]] + [indent + p for p in parts[1:-1]] + \
                         ([indent + parts[-1] + '"""'] if len(parts) > 1 else [])
    if len(parts) == 1: lines[row - 1] += '"""'
    return True

def _split_string(tok, room:int):
    "(head, tail) of a string literal split at a space within `room` characters, outside any f-string field"
    s = tok.string
    m = re.match(r'([rRbBfFuU]*)(["\'])', s)
    if not m or s.startswith(m.group(1) + m.group(2)*3): return None
    pre, q = m.group(1), m.group(2)
    body, depth, best = s[len(pre) + 1:-1], 0, None
    for i, ch in enumerate(body):
        if 'f' in pre.lower() and ch in '{}': depth += 1 if ch == '{' else -1
        if ch == ' ' and depth == 0 and len(pre) + 2 + i + 1 <= room and 10 < i < len(body) - 1 and body[i - 1] != '\\':
            best = i  # never an empty tail
    if best is None: return None
    return f'{pre}{q}{body[:best + 1]}{q}', f'{pre}{q}{body[best + 1:]}{q}'

COMPOUND = {'if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally', 'def', 'class', 'async', '@'}

def _fix_semicolons(lines, on, dep, row) -> bool:
    "`a; b; c` on a line of its own becomes one statement per line"
    if not on or on[0].string in COMPOUND or dep[on[0].start][0] or (row > 1 and lines[row - 2].rstrip().endswith('\\')):
        return False
    cuts = [t.start[1] for t in on if t.type == tokenize.OP and t.string == ';' and dep[t.start][0] == 0]
    if not cuts: return False
    line, indent, pieces, prev = lines[row - 1], ' '*on[0].start[1], [], 0
    for c in cuts: pieces.append(line[prev:c].strip()); prev = c + 1
    pieces.append(line[prev:].strip())
    lines[row - 1:row] = [indent + p for p in pieces if p]
    return True

def _candidates(on, dep) -> list:
    "(depth, column where the rest starts, alignment column) of each place the line may break"
    out, target = [], set()  # depths inside a `for …` target, where a comma is not a place to break
    for i, t in enumerate(on[:-1]):
        d, _ = dep[t.start]
        if t.string == 'for': target.add(d)
        elif t.string == 'in': target.discard(d)
        nxt = on[i + 1]; dn, coln = dep[nxt.start]
        if coln is None or nxt.start[1] > LIMIT or nxt.start[1] <= coln + 8: continue  # the rest must start further right
        if t.type == tokenize.OP and t.string == ',' and d > 0 and d not in target and nxt.string not in ')]}':
            out.append((d, 0, nxt.start[1], coln))
        elif nxt.string in BREAK_BEFORE and dn > 0 and i > 0 and not (nxt.string == 'for' and t.string in '([{'):
            out.append((dn, 1, nxt.start[1], coln))
    return out

def _fix_code(lines, toks, row) -> bool:
    line, dep = lines[row - 1], _depths(toks)
    on = [t for t in toks if t.start[0] == row and t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)]
    if _fix_semicolons(lines, on, dep, row): return True
    cands = _candidates(on, dep)
    if cands:  # the outermost brackets first, a comma before an operator, then as far right as fits
        d, _, start, align = min(cands, key=lambda c: (c[0], c[1], -c[2]))
        lines[row - 1:row] = [line[:start].rstrip(), ' '*align + line[start:]]
        return True
    nxt_line = [t for t in toks if t.start[0] == row + 1 and t.type not in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT)]
    for t in reversed(on):  # a string literal inside brackets, split at its last space that leaves the first part short
        d, col = dep[t.start]
        if t.type == tokenize.STRING and d > 0 and col is not None and t.start[0] == t.end[0] and t.start[1] < LIMIT - 20:
            cut = _split_string(t, LIMIT - t.start[1])
            if not cut or t.start[1] <= col - 1: continue
            head, tail = cut
            rest = line[t.end[1]:]
            n = nxt_line[0] if nxt_line else None
            if not rest.strip() and n is not None and n.type == tokenize.STRING and n.start == (row + 1, t.start[1]) \
                    and n.start[0] == n.end[0] and _prefix(n.string) == _prefix(tail):
                # the literal goes on in the next line's: the tail joins it (a paragraph reflowed, no short pieces)
                k = len(_prefix(tail))
                merged = tail[:-1] + n.string[k:]
                lines[row - 1:row + 1] = [line[:t.start[1]] + head, lines[row][:n.start[1]] + merged + lines[row][n.end[1]:]]
                return True
            if t.start[1] + len(tail) + len(rest) <= max(LIMIT, len(line) - 20):  # fits, or shorter by a clear step
                lines[row - 1:row] = [line[:t.start[1]] + head, ' '*t.start[1] + tail + rest]
                return True
    return False

def _prefix(s:str) -> str:
    "A literal's prefix and opening quote, e.g. 'f\"'"
    m = re.match(r'([rRbBfFuU]*)(["\'])', s)
    return (m.group(1).lower() + m.group(2)) if m else ''

def wrap_cell(src:str) -> tuple[str, int]:
    "The cell's source rewrapped, and how many long lines are left"
    lines, tried = src.split('\n'), set()
    while True:
        try: toks = _tokens('\n'.join(lines))
        except (tokenize.TokenError, IndentationError, SyntaxError): break
        todo = [i + 1 for i, l in enumerate(lines) if len(l) > LIMIT and not l.lstrip().startswith('#|')
                and (i, l) not in tried]
        if not todo: break
        row = todo[0]
        if not (_fix_comment(lines, toks, row) or _fix_docstring(lines, toks, row) or _fix_code(lines, toks, row)):
            tried.add((row - 1, lines[row - 1]))
    out = '\n'.join(lines)
    return out, sum(len(l) > LIMIT for l in lines)

def wrap_notebook(path:Path) -> tuple[int, int, list]:
    "(long lines before, after, cells left unchanged because the tree changed) in the notebook's exported cells"
    nb = json.loads(path.read_text())
    before = after = 0; refused = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] != 'code' or not src.startswith('#| export'): continue
        n0 = sum(len(l) > LIMIT for l in src.split('\n')); before += n0
        if not n0: continue
        new, n1 = wrap_cell(src)
        if new != src and not same_code(src, new): refused.append(c.get('id')); n1 = n0; new = src
        after += n1
        ls = new.split('\n'); c['source'] = [l + '\n' for l in ls[:-1]] + ([ls[-1]] if ls[-1] else [])
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
    return before, after, refused

if __name__ == '__main__':
    tot0 = tot1 = 0
    for p in map(Path, sys.argv[1:]):
        b, a, bad = wrap_notebook(p); tot0 += b; tot1 += a
        if b: print(f"{p.name}: {b} -> {a} long lines" + (f"; cells left as they were (tree changed): {bad}" if bad else ''))
    print(f"all: {tot0} -> {tot1}")
