#!/usr/bin/env bash
# Regenerate README.md from nbs/index.ipynb (Quarto, which nbdev_readme needs, is not available offline).
cd "$(dirname "$0")/.." && "${PYTHON:-.venv/bin/python}" tools/readme.py
