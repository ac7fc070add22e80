"""A story's timeline: its merged events in date order, with status and sources."""
from __future__ import annotations


def _sort_key(event: dict) -> tuple:
    date = event.get("date") or {}
    start = date.get("start") or date.get("value") or ""
    # Undated events go last, in the order they were first reported.
    return (start == "", start, event.get("_order", 0))


def timeline(events: list[dict]) -> list[dict]:
    """One row per merged event, earliest first."""
    rows = []
    for order, event in enumerate(events):
        date = event.get("date") or {}
        rows.append({
            "_order": order, "date": event.get("date"),
            "when": when(date),
            "event": event["id"], "what": summary(event), "modality": event.get("modality"),
            "status": event.get("status"),
            # one label per independent origin
            "sources": [s["label"] for s in
                        event.get("independent_sources") or event.get("sources", [])],
            "num_articles": event.get("num_articles"), "num_sources": event.get("num_sources"),
            "text": event.get("text"),
            # "vague"/"wide" dates ("PAST_REF", "the 20th century") are flagged so a
            # chart draws them apart instead of as a long bar.
            "date_precision": event.get("date_precision"),
            "date_vague": bool(event.get("date_vague")),
        })
    rows.sort(key=_sort_key)
    for row in rows:
        row.pop("_order")
        row.pop("date")
    return rows


def when(date: dict) -> str | None:
    """The TIMEX3 value, unless it is only "in the past/future": then the interval start."""
    value = date.get("value")
    if value and not value.endswith("_REF"):
        return value
    return date.get("start") or value


def summary(event: dict) -> str:
    """"Dermer -[CONSULT visit]-> Russia" in words a reader scans quickly."""
    source = (event.get("source") or {}).get("text") or "?"
    target = (event.get("target") or {}).get("text") or "?"
    plover = event.get("plover") or {}
    action = " ".join(filter(None, [plover.get("type"), plover.get("mode")])) or event.get("cameo")
    trigger = (event.get("trigger") or {}).get("text")
    return f"{source} —{action} ({trigger})→ {target}"
