"""The bundled example corpus (invented outlets and stories), shipped as package
data so ``crosswire demo`` works from any directory. See README.md beside it."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def corpus_path() -> Path:
    """The folder holding the example articles."""
    return Path(str(resources.files(__package__) / "corpus"))
