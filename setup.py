"""Packaging for leaf-ig: every setting is read from settings.ini (nbdev 2 convention)."""
from configparser import ConfigParser
import setuptools

cfg = ConfigParser(delimiters=['='])
cfg.read('settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']

for key in 'version description keywords author author_email user lib_name lib_path min_python license status audience language git_url doc_host doc_baseurl'.split():
    assert key in cfg, f'settings.ini is missing "{key}"'

licenses = {'mit': 'MIT', 'apache2': 'Apache-2.0'}  # SPDX expressions
# Trove's Development Status classifiers are numbered from 1: status = 3 means '3 - Alpha'
statuses = {int(s.split(' - ')[0]): s for s in ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta',
                                                '5 - Production/Stable', '6 - Mature', '7 - Inactive']}
py_versions = '3.11 3.12 3.13'.split()
min_python = cfg['min_python']
assert min_python in py_versions, f'min_python = {min_python} is not one of the tested versions {py_versions}'

requirements = cfg.get('requirements', '').split()
dev_requirements = cfg.get('dev_requirements', '').split()
scripts = [s.strip() for s in cfg.get('console_scripts', '').split('\n') if s.strip()]
git_url = cfg['git_url'].rstrip('/')
project_urls = {'Documentation': cfg['doc_host'].rstrip('/') + cfg['doc_baseurl'],
                'Source': git_url,
                'Issues': git_url + '/issues'}

# Data shipped inside the package: the bundled sample (photos, README, LICENSE), the bundled trained
# model (weights *.pt and provenance *.json) and HTML templates, in leaf_ig/ or any folder below it.
# find_namespace_packages lists every such folder as a package, so these patterns reach all of them.
package_data = ['*.jpg', '*.md', '*.pt', '*.json', '*.html', 'LICENSE']

setuptools.setup(
    name=cfg['lib_name'],
    version=cfg['version'],
    description=cfg['description'],
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    url=git_url,
    project_urls=project_urls,
    author=cfg['author'],
    author_email=cfg['author_email'],
    license=licenses[cfg['license'].lower()],
    keywords=cfg['keywords'],
    classifiers=['Development Status :: ' + statuses[int(cfg['status'])],
                 'Intended Audience :: ' + cfg['audience'].title(),
                 'Natural Language :: ' + cfg['language'].title()]
                + ['Programming Language :: Python :: 3']
                + ['Programming Language :: Python :: ' + v for v in py_versions[py_versions.index(min_python):]],
    packages=setuptools.find_namespace_packages(include=[cfg['lib_path'], cfg['lib_path'] + '.*'],
                                                exclude=['*.__pycache__', '*.ipynb_checkpoints']),
    package_data={'': package_data},
    install_requires=requirements,
    extras_require={'dev': dev_requirements},
    python_requires='>=' + min_python,
    entry_points={'console_scripts': scripts, 'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    zip_safe=False,
)
