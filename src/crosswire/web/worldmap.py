"""An offline world map in SVG: country outlines from Natural Earth, events on top.

The outlines (``static/map/world-110m.tsv``, built by
``scripts/build_world_map.py``) are drawn inline, so the page needs no tile
server, no script and no request to another origin. The view is cropped to
the events with a margin, so a story in the Levant is not a dot on a globe.
A point's area grows with its independent sources; every point has a
``<title>`` tooltip, and the page lists the same places as a table.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from .charts import el

MAP_FILE = Path(__file__).parent / "static" / "map" / "world-110m.tsv"
WORLD_W, WORLD_H = 3600, 1800  # tenths of a degree
MIN_VIEW_W = 360  # never zoom closer than 36 degrees across
ASPECT = 1.6  # width / height of the drawing


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    path: str


@dataclass
class MapPoint:
    """One place on the map: the events there (sized by sources) or a place named."""

    lat: float
    lon: float
    label: str
    sources: int = 0  # independent sources of the events there; 0 = a place only named
    events: int = 0
    quad_class: int | None = None
    country: str | None = None


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    rows = []
    for line in MAP_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("iso3\t"):
            continue
        iso3, name, path = line.split("\t")
        rows.append(Country(iso3, name, path))
    return tuple(rows)


def xy(lat: float, lon: float) -> tuple[float, float]:
    return (lon + 180) * 10, (90 - lat) * 10


def view_box(points: list[MapPoint]) -> tuple[float, float, float, float]:
    """x, y, width, height around the points, with a margin, at a fixed aspect."""
    xs = [xy(p.lat, p.lon)[0] for p in points]
    ys = [xy(p.lat, p.lon)[1] for p in points]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    w = max(MIN_VIEW_W, (max(xs) - min(xs)) * 1.4, (max(ys) - min(ys)) * 1.4 * ASPECT)
    w = min(w, WORLD_W)
    h = w / ASPECT
    x = min(max(cx - w / 2, 0), WORLD_W - w)
    y = min(max(cy - h / 2, 0), WORLD_H - h) if h < WORLD_H else 0
    return x, y, w, h


def radius(point: MapPoint, view_w: float) -> float:
    """Area grows with independent sources (1 source = the smallest dot)."""
    unit = view_w / 160
    if point.sources <= 0:
        return unit * 0.9
    return unit * (1.2 + 0.9 * min(point.sources, 8) ** 0.5)


def world_map(points: list[MapPoint], label: str) -> Markup:
    """The SVG, or nothing when no point has coordinates."""
    points = [p for p in points if p.lat is not None and p.lon is not None]
    if not points:
        return Markup("")
    # Framed on the events when there are any: a capital named in passing on another
    # continent would otherwise shrink them to a dot (the list below names every place).
    x, y, w, h = view_box([p for p in points if p.sources > 0] or points)
    hit = {p.country for p in points if p.country and p.sources > 0}  # where events happened
    body = [el("rect", x=f"{x:.0f}", y=f"{y:.0f}", width=f"{w:.0f}", height=f"{h:.0f}",
               class_="sea")]
    for c in countries():
        body.append(el("path", el("title", str(escape(c.name))), d=c.path,
                       class_="land hit" if c.iso3 in hit else "land"))
    # Places only named first, events on top; big dots under small ones.
    for p in sorted(points, key=lambda p: (p.sources > 0, -p.sources)):
        px, py = xy(p.lat, p.lon)
        kind = f"event q{p.quad_class or 0}" if p.sources > 0 else "place"
        body.append(el("circle", el("title", str(escape(p.label))), cx=f"{px:.1f}",
                       cy=f"{py:.1f}", r=f"{radius(p, w):.1f}", class_=kind))
    return Markup(el("svg", body, xmlns="http://www.w3.org/2000/svg",
                     viewBox=f"{x:.0f} {y:.0f} {w:.0f} {h:.0f}", width="100%", role="img",
                     aria_label=label, class_="world-map",
                     preserveAspectRatio="xMidYMid meet"))
