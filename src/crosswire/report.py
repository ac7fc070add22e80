"""Readable summaries of stored records: what ``crosswire report`` and
``crosswire demo`` print.

Works on records in their JSON form (as stored), so it needs nothing but the
contract. ``summary`` gives the same content as plain data for ``--format json``.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from typing import Any, Iterable

from rich.console import Console
from rich.markup import escape
from rich.table import Table

ITEM_KINDS = ("entities", "events", "claims", "timexes", "places", "quantities")
HEADINGS = {"quantities": "figures", "anonymous_claims": "anonymous"}  # what a reader calls them
CONTENT_WIDTH = 90


def console() -> Console:
    """A console on the current stdout; wide enough for tables when not a terminal."""
    return Console(file=sys.stdout, width=None if sys.stdout.isatty() else 140,
                   highlight=False)


# --------------------------------------------------------------------------- one line per item


def shorten(text: str, width: int = CONTENT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def actor_label(ref: dict | None) -> str:
    """``ISR Ron Dermer``: country code (when known) and the words of the text."""
    if not ref:
        return "?"
    actor = ref.get("actor") or {}
    country = actor.get("country") or actor.get("code")
    return f"{country} {ref['text']}" if country else ref["text"]


def claim_source_label(claim: dict) -> str:
    source = claim.get("source")
    if not source:
        return "(no stated source)"
    return source.get("resolved") or source["text"]


def event_line(event: dict, claims_by_id: dict[str, dict]) -> str:
    """``2024-W45  ISR Ron Dermer —CONSULT/visit (042)→ RUS Russia  [asserted; per Army Radio]``"""
    date = (event.get("date") or {}).get("value") or "(no date)"
    plover = event.get("plover") or {}
    kind = plover.get("type", "?") + (f"/{plover['mode']}" if plover.get("mode") else "")
    notes = [event.get("modality", "asserted")]
    claim = claims_by_id.get(event.get("claim") or "")
    if claim:
        notes.append(f"per {claim_source_label(claim)}")
    return (f"{date}  {actor_label(event.get('source'))} —{kind} ({event['cameo']})→ "
            f"{actor_label(event.get('target'))}  [{'; '.join(notes)}]")


def claim_line(claim: dict) -> str:
    """``Army Radio (outlet) reported: made a secret visit…``"""
    return (f"{claim_source_label(claim)} ({(claim.get('source') or {}).get('kind', 'unknown')}) "
            f"{claim['cue']['text']}: {shorten(claim['content']['text'])}")


def figure_line(quantity: dict) -> str:
    value = quantity.get("value")
    shown = value if value is not None else f"{quantity.get('low')}–{quantity.get('high')}"
    return (f"{quantity.get('category', 'other')}: {shown} ({quantity.get('approx', 'exact')})"
            f"  “{shorten(quantity['text'], 60)}”")


# --------------------------------------------------------------------------- summaries


def counts(record: dict) -> dict[str, int]:
    return {kind: len(record.get(kind) or []) for kind in ITEM_KINDS}


def article_summary(record: dict, copy_of: str | None = None) -> dict[str, Any]:
    claims_by_id = {c["id"]: c for c in record.get("claims", [])}
    return {
        "id": record["id"], "title": record.get("title"), "outlet": record.get("outlet"),
        "published": record.get("published"), "copy_of": copy_of, "counts": counts(record),
        "events": [event_line(v, claims_by_id) for v in record.get("events", [])],
        "claims": [claim_line(c) for c in record.get("claims", [])],
        "figures": [figure_line(q) for q in record.get("quantities", [])],
    }


def anonymous_claims(record: dict) -> int:
    return sum((c.get("source") or {}).get("kind") == "anonymous" for c in record.get("claims", []))


def outlet_summaries(records: Iterable[dict]) -> list[dict[str, Any]]:
    columns = ("articles",) + ITEM_KINDS + ("anonymous_claims",)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(columns, 0))
    for record in records:
        row = totals[record.get("outlet") or "(unknown outlet)"]
        row["articles"] += 1
        row["anonymous_claims"] += anonymous_claims(record)
        for kind, n in counts(record).items():
            row[kind] += n
    return [{"outlet": name, **row} for name, row in sorted(totals.items())]


def summary(records: list[dict], copies: dict[str, str] | None = None) -> dict[str, Any]:
    """Everything ``render`` shows, as plain data (``crosswire report --format json``).
    ``copies`` maps an article id to the article it is a near copy of."""
    copies = copies or {}
    return {"outlets": outlet_summaries(records),
            "articles": [article_summary(r, copies.get(r["id"])) for r in records]}


# --------------------------------------------------------------------------- rendering


def render(records: list[dict], copies: dict[str, str] | None = None,
           out: Console | None = None) -> None:
    """Print the per-outlet table, then each article's events, claims and figures."""
    out = out or console()
    if not records:
        out.print("No articles stored yet. Try: crosswire ingest PATH --db URL")
        return
    data = summary(records, copies)
    out.print(outlet_table(data["outlets"]))
    for article in data["articles"]:
        render_article(article, out)


def outlet_table(rows: list[dict]) -> Table:
    columns = ("articles",) + ITEM_KINDS + ("anonymous_claims",)
    table = Table(title="Per outlet", title_justify="left")
    table.add_column("outlet")
    for column in columns:
        table.add_column(HEADINGS.get(column, column), justify="right")
    for row in rows:
        table.add_row(escape(row["outlet"]), *(str(row[c]) for c in columns))
    return table


def render_article(article: dict, out: Console) -> None:
    out.rule(f"[bold]{escape(article['title'] or article['id'])}", align="left")
    counted = ", ".join(f"{n} {HEADINGS.get(k, k)}" for k, n in article["counts"].items())
    copy = f" · near copy of {article['copy_of']}" if article.get("copy_of") else ""
    out.print(f"{article['outlet'] or '(unknown outlet)'} · {article['published'] or 'undated'}"
              f" · id {article['id']}{copy}\n{counted}", markup=False)
    for heading, lines in (("Events", article["events"]), ("Claims", article["claims"]),
                           ("Figures", article["figures"])):
        if lines:
            out.print(f"[bold]{heading}[/bold]")
            for line in lines:
                out.print("  " + line, markup=False)
