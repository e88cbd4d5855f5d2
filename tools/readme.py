"""Write README.md from nbs/index.ipynb without Quarto (nbdev_readme needs it): drop `#| hide` cells,
strip nbdev directives, point image links at absolute URLs of the files in the repository (README.md
is also the PyPI page, where a relative path is broken), and render with nbconvert's Markdown exporter."""
import re
from configparser import ConfigParser
from pathlib import Path
import nbformat
from nbconvert import MarkdownExporter

root = Path(__file__).resolve().parent.parent
cfg = ConfigParser(delimiters=['=']); cfg.read(root/'settings.ini', encoding='utf-8'); cfg = cfg['DEFAULT']
# https://github.com/OWNER/REPO -> https://raw.githubusercontent.com/OWNER/REPO/BRANCH/nbs/
raw = cfg['git_url'].rstrip('/').replace('https://github.com/', 'https://raw.githubusercontent.com/') + f"/{cfg['branch']}/{cfg['nbs_path']}/"

def absolute_images(md):
    "Markdown images `![..](rel)` and HTML `<img src=\"rel\">` with a relative path -> absolute raw URL."
    md = re.sub(r'(!\[[^\]]*\]\()(?![a-z][a-z0-9+.-]*:|/|#)', lambda m: m.group(1) + raw, md)
    return re.sub(r'(<img\b[^>]*\bsrc=["\'])(?![a-z][a-z0-9+.-]*:|/|#)', lambda m: m.group(1) + raw, md)

nb = nbformat.read(root/'nbs'/'index.ipynb', as_version=4)
cells = []
for c in nb.cells:
    lines = c.source.splitlines()
    if c.cell_type == 'code' and any(re.match(r'#\|\s*hide\b', l) for l in lines): continue
    if c.cell_type == 'code': c.source = '\n'.join(l for l in lines if not re.match(r'#\|', l)).strip()
    if c.cell_type == 'markdown': c.source = absolute_images(c.source)
    cells.append(c)
nb.cells = cells
body, _ = MarkdownExporter().from_notebook_node(nb)
body = re.sub(r'\n{3,}', '\n\n', body).strip() + '\n'
left = re.findall(r'!\[[^\]]*\]\((?!https?://)[^)]*\)|<img\b[^>]*\bsrc=["\'](?!https?://|data:)[^"\']*', body)
assert not left, f'README.md would link images by relative path (broken on PyPI): {left}'
(root/'README.md').write_text(body)
print(f'README.md written from nbs/index.ipynb ({len(body.splitlines())} lines)')
