"""Small dependency-free SVG charts, drawn on the server.

Drawing on the server keeps the pages working without JavaScript and
without any chart library, and lets a strict Content-Security-Policy stand:
colours come from CSS classes (``q1``..``q4`` for the quad classes), never
from inline styles. Every piece of text goes through :func:`markupsafe.escape`.
Hovering a bar or a dot shows its SVG ``<title>``.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable

from markupsafe import Markup, escape

from .queries import QUAD_NAMES, is_day

QUADS = (1, 2, 3, 4)


def _attrs(attrs: dict) -> str:
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(v)}"'
                   for k, v in attrs.items() if v is not None)


def el(tag: str, children: Iterable[str] | str = (), **attrs) -> str:
    body = children if isinstance(children, str) else "".join(children)
    return f"<{tag}{_attrs(attrs)}>{body}</{tag}>"


def _title(text: str) -> str:
    return el("title", str(escape(text)))


def _svg(width: int, height: int, label: str, body: list[str]) -> Markup:
    return Markup(el("svg", body, xmlns="http://www.w3.org/2000/svg",
                     viewBox=f"0 0 {width} {height}", width="100%", role="img", aria_label=label,
                     class_="chart"))


def _ticks(n: int, every: int) -> list[int]:
    return [i for i in range(n) if i % every == 0]


def stacked_bars(series: list[dict], label: str, width: int = 1100, height: int = 260) -> Markup:
    """Bars per time bucket, stacked by quad class: ``series`` from ``queries.count_series``."""
    if not series:
        return Markup("")
    left, right, top, bottom = 36, 8, 10, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(row["total"] for row in series) or 1
    step = plot_w / len(series)
    bar_w = max(1.0, min(step * 0.8, 48.0))  # a few buckets should not look like blocks
    body = [_axis_y(peak, left, top, plot_w, plot_h)]
    for i, row in enumerate(series):
        x = left + i * step + (step - bar_w) / 2
        y = top + plot_h
        for q in QUADS:
            h = row.get(q, 0) / peak * plot_h
            if h <= 0:
                continue
            y -= h
            body.append(el("rect", _title(f"{row['bucket']}: {row[q]} {QUAD_NAMES[q]}"),
                           x=f"{x:.1f}", y=f"{y:.1f}", width=f"{bar_w:.1f}", height=f"{h:.1f}",
                           class_=f"q{q}"))
    every = max(1, -(-len(series) // max(2, width // 140)))  # labels never overlap
    for i in _ticks(len(series), every):
        x = left + i * step + step / 2
        body.append(el("text", str(escape(series[i]["bucket"])), x=f"{x:.1f}",
                       y=str(height - 14), class_="tick", text_anchor="middle"))
    return _svg(width, height, label, body)


def _axis_y(peak: int, left: int, top: int, plot_w: float, plot_h: float) -> str:
    parts = []
    for value in sorted({0, peak // 2, peak}):
        y = top + plot_h - value / peak * plot_h
        parts.append(el("line", x1=str(left), x2=f"{left + plot_w:.1f}", y1=f"{y:.1f}",
                        y2=f"{y:.1f}", class_="grid"))
        parts.append(el("text", str(value), x=str(left - 6), y=f"{y + 4:.1f}", class_="tick",
                        text_anchor="end"))
    return "".join(parts)


def _day_number(day: str) -> int:
    return date.fromisoformat(day[:10]).toordinal()


def timeline(events: list[dict], width: int = 1100, compact: bool = False) -> Markup:
    """A story's merged events on a date axis, one row each, coloured by quad class;
    a bigger dot means more independent sources. Undated events are left out.

    ``compact`` (for a phone) puts each event's label above its row, across the
    whole width, so that the text is not shrunk with a wide drawing."""
    dated = [e for e in events if is_day(e.get("date_start"))]
    if not dated:
        return Markup("")
    row_h, left, right, top, axis_h = 26, 400, 40, 8, 30  # labels are words now: room for them
    if compact:
        row_h, left, right = 44, 14, 18
    height = top + row_h * len(dated) + axis_h
    first = min(_day_number(e["date_start"]) for e in dated)
    last = max(_day_number(_end(e)) for e in dated)
    span = max(1, last - first)
    pad = 0 if compact else 14  # room for the biggest dot, clear of the labels
    plot_w = width - left - right - pad

    def x_of(day: str) -> float:
        return left + pad + (_day_number(day) - first) / span * plot_w

    body = []
    for i, e in enumerate(dated):
        y = top + i * row_h + row_h / 2
        if compact:
            y += 8
            body.append(el("text", str(escape(_short(e["label"], 52))), x="2",
                           y=f"{y - 12:.1f}", class_="row-label"))
        else:
            body.append(el("text", str(escape(_short(e["label"], 52))), x=str(left - 8),
                           y=f"{y + 4:.1f}", class_="row-label", text_anchor="end"))
        body.append(el("line", x1=str(left), x2=str(width - right), y1=f"{y:.1f}", y2=f"{y:.1f}",
                       class_="grid"))
        body.append(_event_mark(e, x_of, y))
    body.append(_date_axis(first, last, x_of, top + row_h * len(dated) + 18,
                           labels=3 if compact else 6))
    return _svg(width, height, "timeline of the story's events", body)


def _event_mark(e: dict, x_of, y: float) -> str:
    q = e.get("quad_class") or 1
    sources = e.get("num_sources") or 1
    tip = _title(f"{e['label']} — {e['date_start']}"
                 + (f" to {e['date_end']}" if e.get("date_end") not in (None, e["date_start"])
                    else "") + f" · {sources} independent source(s) · {e.get('status') or ''}"
                 + (f" · {e['codes']}" if e.get("codes") else ""))
    x0 = x_of(e["date_start"])
    x1 = x_of(_end(e))
    parts = []
    if x1 - x0 > 2:  # a period ("last week") is drawn as a bar over its days
        parts.append(el("rect", x=f"{x0:.1f}", y=f"{y - 4:.1f}", width=f"{x1 - x0:.1f}",
                        height="8", rx="4", class_=f"q{q} span"))
    parts.append(el("circle", tip, cx=f"{(x0 + x1) / 2:.1f}", cy=f"{y:.1f}",
                    r=str(4 + 2 * min(sources, 4)), class_=f"q{q} status-{e.get('status')}"))
    return "".join(parts)


def _end(event: dict) -> str:
    return event["date_end"] if is_day(event.get("date_end")) else event["date_start"]


def _date_axis(first: int, last: int, x_of, y: float, labels: int = 6) -> str:
    days = [first + i for i in range(0, last - first + 1)]
    every = max(1, -(-len(days) // labels))  # a few labels, so they never overlap
    labels = []
    x_first, x_last = x_of(date.fromordinal(first).isoformat()), \
        x_of(date.fromordinal(last).isoformat())
    for i, n in enumerate(days):
        if i % every == 0:
            day = date.fromordinal(n)
            x = x_of(day.isoformat())
            # Ends are anchored inwards, so "Nov 12" is never cut at the edge.
            anchor = "start" if x - x_first < 20 else "end" if x_last - x < 20 else "middle"
            labels.append(el("text", day.strftime("%b %d").replace(" 0", " "), x=f"{x:.1f}",
                             y=f"{y:.1f}", class_="tick", text_anchor=anchor))
    return "".join(labels)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
