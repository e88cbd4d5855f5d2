"""Write README.md from nbs/index.ipynb without Quarto (nbdev_readme needs it): drop `#| hide` cells,
strip nbdev directives, point image links at nbs/, and render with nbconvert's Markdown exporter."""
import re
from pathlib import Path
import nbformat
from nbconvert import MarkdownExporter

root = Path(__file__).resolve().parent.parent
nb = nbformat.read(root/'nbs'/'index.ipynb', as_version=4)
cells = []
for c in nb.cells:
    lines = c.source.splitlines()
    if c.cell_type == 'code' and any(re.match(r'#\|\s*hide\b', l) for l in lines): continue
    if c.cell_type == 'code': c.source = '\n'.join(l for l in lines if not re.match(r'#\|', l)).strip()
    if c.cell_type == 'markdown': c.source = re.sub(r'\]\((images/)', r'](nbs/\1', c.source)
    cells.append(c)
nb.cells = cells
body, _ = MarkdownExporter().from_notebook_node(nb)
body = re.sub(r'\n{3,}', '\n\n', body).strip() + '\n'
(root/'README.md').write_text(body)
print(f'README.md written from nbs/index.ipynb ({len(body.splitlines())} lines)')
