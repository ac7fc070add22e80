"""Lexicons are data files beside this module; ``load`` reads and caches them.

YAML (``.yaml``) for structured lexicons, TSV (``.tsv``, first line = column
names) for tables. Code never embeds word lists: it loads them from here.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """``load("cues.yaml")`` -> parsed YAML; ``load("cameo.tsv")`` -> list of row dicts."""
    path = resources.files(__package__) / name
    text = path.read_text(encoding="utf-8")
    if name.endswith((".yaml", ".yml")):
        return yaml.safe_load(text)
    if name.endswith(".tsv"):
        lines = [line for line in text.splitlines() if line and not line.startswith("#")]
        return list(csv.DictReader(lines, delimiter="\t"))
    return text
