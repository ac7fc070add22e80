"""``crosswire train claims --data train.jsonl``: rebuild the learned
attribution model shipped in ``lexicons/claims_model.json.gz``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import train_app

SHIPPED = Path(__file__).resolve().parent.parent / "lexicons" / "claims_model.json.gz"


@train_app.command("claims")
def train_claims(
    data: Path = typer.Option(..., "--data", exists=True, dir_okay=False,
                              help="PolNeAR-shaped JSON Lines (e.g. ../shared/data/polnear/train.jsonl)"),
    out: Path = typer.Option(SHIPPED, "--out", help="where to write the model (default: the shipped one)"),
    cache: Optional[Path] = typer.Option(None, "--cache", help="directory to keep spaCy parses between runs"),
    limit: Optional[int] = typer.Option(None, "--limit", help="first N articles only"),
) -> None:
    """Train the attribution model (cue tagger, content and source rankers); deterministic."""
    from ..extract import claims_train
    raise typer.Exit(claims_train.main(data, out, cache, limit))
