"""The ``crosswire`` command line (Typer).

Each area registers its own commands from its own module, so the CLI reads
like the data flow: extract/ingest/report/demo (core), stories/story/events/
conflicts/timeline/export (linking), eval (scorers), serve (web).
"""
from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="crosswire", no_args_is_help=True, add_completion=False,
    help="Read the news like an analyst: who did what to whom, who says so, "
         "how many independent sources back it, and where outlets disagree.")

eval_app = typer.Typer(no_args_is_help=True, help="Score crosswire against a gold file.")
app.add_typer(eval_app, name="eval")

train_app = typer.Typer(no_args_is_help=True, help="Train a learned component from annotated data.")
app.add_typer(train_app, name="train")

# Modules that add commands to `app` / `eval_app` when imported.
_COMMAND_MODULES = ("core", "linking", "scoring", "serve", "training")


def _load_commands() -> None:
    for name in _COMMAND_MODULES:
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise


def main() -> None:
    _load_commands()
    app()
