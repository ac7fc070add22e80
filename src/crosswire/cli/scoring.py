"""``crosswire eval AREA GOLD.jsonl``: the scorers of each extractor and of linking.

Each scorer lives in ``crosswire.eval.<area>`` and exposes
``main(gold: Path, show_errors: bool) -> int`` which prints its figures.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Optional

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
    if _area != "claims":
        _make(_area, _help)


@eval_app.command("claims")
def eval_claims(
    gold: Optional[Path] = typer.Argument(None, exists=True, dir_okay=False,
                                          help="gold JSON Lines file (crosswire's own format)"),
    polnear: Optional[Path] = typer.Option(None, "--polnear", exists=True, dir_okay=False,
                                           help="score against a PolNeAR split instead (PARC spans)"),
    limit: Optional[int] = typer.Option(None, "--limit", help="PolNeAR: first N articles only"),
    errors: bool = typer.Option(False, "--errors", help="print every miss and false alarm"),
) -> None:
    """Score attributions: exact and overlap P/R/F1 for cue, source and content
    (with --polnear: also attribution F1 and direct/indirect recall)."""
    if polnear is not None:
        from ..eval import claims_polnear
        raise typer.Exit(claims_polnear.main(polnear, limit))
    if gold is None:
        raise typer.BadParameter("give a gold file or --polnear FILE")
    from ..eval import claims
    raise typer.Exit(claims.main(gold, show_errors=errors))
