"""``crosswire eval AREA GOLD.jsonl``: the scorers of each extractor and of linking.

Each scorer lives in ``crosswire.eval.<area>`` and exposes
``main(gold: Path, show_errors: bool) -> int`` which prints its figures.
"""
from __future__ import annotations

import importlib
from pathlib import Path

import typer

from . import eval_app

AREAS = {
    "events": "events: type, source/target and full-match accuracy, events per sentence",
    "claims": "attributions: exact and overlap P/R/F1 for cue, source and content",
    "time": "time expressions: strict/relaxed span F1 and value accuracy (TempEval-3)",
    "places": "places: P/R/F1 by country and by coordinates within 50 km",
    "figures": "figures: P/R/F1 of value, category and qualifier",
    "stories": "story clustering: B-cubed and pairwise P/R/F1",
}


def _make(area: str, help_text: str):
    def command(
        gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="gold JSON Lines file"),
        errors: bool = typer.Option(False, "--errors", help="print every miss and false alarm"),
    ) -> None:
        module = importlib.import_module(f"crosswire.eval.{area}")
        raise typer.Exit(module.main(gold, show_errors=errors))
    command.__doc__ = f"Score {help_text}."
    eval_app.command(area)(command)


for _area, _help in AREAS.items():
    _make(_area, _help)
