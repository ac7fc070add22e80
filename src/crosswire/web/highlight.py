"""Turn an article record into highlighted text plus the notes that explain it.

Spans overlap (an entity inside a claim's content, a figure inside a claim),
so the text is cut at every span boundary into segments; each segment lists
the annotations covering it. The template renders a segment as one ``<mark>``
whose ``data-ann`` names its annotations, and the notes as cards the page's
script shows on hover or click. Nothing here builds HTML: the template does,
with autoescaping, so article text can never become markup.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import labels
from .queries import QUAD_NAMES


@dataclass
class Note:
    """One explained item: an entity, event, claim, date, place or figure."""

    id: str  # the record's item id (e1, v1, c1, ...): unique within a record
    kind: str  # entity | event | claim | timex | place | quantity
    title: str
    details: list[tuple[str, str]] = field(default_factory=list)
    status: str | None = None
    origins: list[str] = field(default_factory=list)


@dataclass
class Mark:
    """A span of text that belongs to a note; ``css`` says which part (claim source, cue...)."""

    start: int
    end: int
    note: str
    css: str


@dataclass
class Segment:
    text: str
    notes: list[str]
    css: list[str]
    hover: str = ""  # a native tooltip, so hovering explains even without the script


def annotate(rec: dict[str, Any]) -> tuple[list[Segment], list[Note]]:
    notes: list[Note] = []
    marks: list[Mark] = []
    # Claims first: the side panel lists a segment's notes in this order, and who
    # says so matters more than what kind of entity a word is.
    for build in (_claims, _events, _quantities, _timexes, _places, _entities):
        n, m = build(rec)
        notes += n
        marks += m
    text = rec.get("text") or ""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    pieces = segments(text, marks)
    titles = {n.id: f"{n.kind}: {n.title}" for n in notes}
    for piece in pieces:
        piece.hover = " | ".join(titles[i] for i in piece.notes if i in titles)
    return pieces, notes


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each piece carries the marks covering it."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        notes = list(dict.fromkeys(m.note for m in covering))
        css = sorted({m.css for m in covering})
        out.append(Segment(text[start:end], notes, css))
    return out


def _actor_text(actor: dict | None) -> str:
    if not actor:
        return "not coded"
    code = actor.get("code")
    parts = [f"{labels.actor(code)} ({code})" if code else "no code"]
    if actor.get("role"):
        parts.append(actor["role"])
    if actor.get("name"):
        parts.insert(0, actor["name"])
    return " · ".join(parts)


def _with_code(label: str, code: str | None) -> str:
    """'one day (P1D)': the label, and the code when the label says it differently."""
    return f"{label} ({code})" if code and label and label != code else (label or "")


def _entities(rec: dict) -> tuple[list[Note], list[Mark]]:
    notes, marks = [], []
    for e in rec.get("entities", []):
        notes.append(Note(e["id"], "entity", e["text"], [
            ("type", e.get("label") or ""), ("actor", _actor_text(e.get("actor")))]))
        marks.append(Mark(e["start"], e["end"], e["id"], "hl-entity"))
    return notes, marks


def _ref_text(ref: dict | None) -> str:
    if not ref:
        return "—"
    code = (ref.get("actor") or {}).get("code")
    return f"{ref['text']} — {labels.actor(code)} ({code})" if code else ref["text"]


def _events(rec: dict) -> tuple[list[Note], list[Mark]]:
    notes, marks = [], []
    for v in rec.get("events", []):
        plover = v.get("plover") or {}
        date = v.get("date") or {}
        details = [
            ("who", _ref_text(v.get("source"))), ("to whom", _ref_text(v.get("target"))),
            ("CAMEO", f"{labels.cameo_name(v.get('cameo'))} ({v.get('cameo')}) · "
                      f"Goldstein {v.get('goldstein')}"),
            ("PLOVER", " / ".join(x for x in (plover.get("type"), plover.get("mode")) if x)),
            ("class", QUAD_NAMES.get(v.get("quad_class"), "?")),
            ("modality", v.get("modality") or ""),
            ("when", _with_code(labels.timex(date.get("value")), date.get("value"))
             or "unknown"),
        ]
        if date.get("basis"):
            details.append(("date from", labels.date_basis(date["basis"])))
        if v.get("claim"):
            details.append(("reported under", v["claim"]))
        if v.get("num_sources"):
            details.append(("independent sources", str(v["num_sources"])))
        notes.append(Note(v["id"], "event", f"{labels.event_type(plover.get('type'), v.get('cameo'))}: "
                          f"{v['trigger']['text']}", details, v.get("status"),
                          v.get("origins") or []))
        marks.append(Mark(v["trigger"]["start"], v["trigger"]["end"], v["id"], "hl-event"))
    return notes, marks


def _claims(rec: dict) -> tuple[list[Note], list[Mark]]:
    notes, marks = [], []
    for c in rec.get("claims", []):
        src = c.get("source")
        source = "(no stated source)" if not src else src["text"] + (
            f" → {src['resolved']}" if src.get("resolved") and src["resolved"] != src["text"] else "")
        notes.append(Note(c["id"], "claim", f"{source} {c['cue']['text']}", [
            ("source", source), ("source kind", (src or {}).get("kind") or "unknown"),
            ("cue", c["cue"]["text"]), ("quote", c.get("quote") or ""),
            ("says", c["content"]["text"])], c.get("status")))
        marks += [Mark(c["content"]["start"], c["content"]["end"], c["id"], "hl-claim"),
                  Mark(c["cue"]["start"], c["cue"]["end"], c["id"], "hl-claim-cue")]
        if src:
            marks.append(Mark(src["start"], src["end"], c["id"], "hl-claim-source"))
    return notes, marks


def _timexes(rec: dict) -> tuple[list[Note], list[Mark]]:
    notes, marks = [], []
    for t in rec.get("timexes", []):
        notes.append(Note(t["id"], "timex", t["text"], [
            ("type", t.get("type") or ""), ("value", _with_code(labels.timex(t.get("value")), t.get("value")) or "unresolved")]))
        marks.append(Mark(t["start"], t["end"], t["id"], "hl-timex"))
    return notes, marks


def _places(rec: dict) -> tuple[list[Note], list[Mark]]:
    notes, marks = [], []
    for p in rec.get("places", []):
        where = (f"{p['lat']:.2f}, {p['lon']:.2f}" if p.get("lat") is not None
                 and p.get("lon") is not None else "no coordinates")
        notes.append(Note(p["id"], "place", p["text"], [
            ("name", p.get("name") or ""), ("kind", p.get("feature") or ""),
            ("country", p.get("country") or "?"), ("coordinates", where)]))
        marks.append(Mark(p["start"], p["end"], p["id"], "hl-place"))
    return notes, marks


def _quantities(rec: dict) -> tuple[list[Note], list[Mark]]:
    notes, marks = [], []
    for q in rec.get("quantities", []):
        value = q.get("value")
        shown = f"{value:,}" if isinstance(value, (int, float)) else "?"
        details = [("figure", shown), ("qualifier", q.get("approx") or ""),
                   ("counts", q.get("category") or "")]
        if q.get("unit"):
            details.append(("of", q["unit"]))
        if q.get("claim"):
            details.append(("reported under", q["claim"]))
        notes.append(Note(q["id"], "quantity", q["text"], details))
        marks.append(Mark(q["start"], q["end"], q["id"], "hl-quantity"))
    return notes, marks
