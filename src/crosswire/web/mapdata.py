"""What a story's or an actor's map shows: where its events happened, and the places
its articles name. One point per place; an event point's size is the number of
independent origins behind the events there (not of articles: ten copies of one
wire report are one source)."""
from __future__ import annotations

from collections import Counter, defaultdict

from . import labels
from .worldmap import MapPoint


def _key(lat: float, lon: float) -> tuple[float, float]:
    return round(lat, 2), round(lon, 2)


def event_points(events: list[dict]) -> list[MapPoint]:
    """Merged events with coordinates, grouped by place."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for e in events:
        if e.get("lat") is not None and e.get("lon") is not None:
            groups[_key(e["lat"], e["lon"])].append(e)
    points = []
    for (lat, lon), group in groups.items():
        origins = {o for e in group for o in e.get("origins") or []}
        sources = max(len(origins), max(e.get("num_sources") or 1 for e in group))
        place = (group[0].get("place") or {}) if isinstance(group[0].get("place"), dict) else {}
        name = place.get("name") or labels.actor(group[0].get("location_country")) \
            or f"{lat:.1f}, {lon:.1f}"
        kinds = Counter(labels.event_type(e.get("plover_type"), e.get("cameo")) for e in group)
        what = ", ".join(f"{k} ×{n}" if n > 1 else k for k, n in kinds.most_common(4))
        quads = Counter(e.get("quad_class") for e in group)
        points.append(MapPoint(
            lat=lat, lon=lon, sources=sources, events=len(group),
            quad_class=quads.most_common(1)[0][0],
            country=group[0].get("location_country") or place.get("country"),
            label=f"{name}: {len(group)} event{'s' if len(group) > 1 else ''} ({what}); "
                  f"{sources} independent source{'s' if sources > 1 else ''}"))
    return sorted(points, key=lambda p: (-p.sources, -p.events, p.label))


def place_points(articles: list[dict], skip: list[MapPoint] = ()) -> list[MapPoint]:
    """Places the articles name (with coordinates), by how many articles name them;
    places where an event point already stands are left to it."""
    taken = {_key(p.lat, p.lon) for p in skip}
    named: dict[tuple, dict] = {}
    articles_naming: Counter = Counter()
    for rec in articles:
        seen = set()
        for p in rec.get("places", []):
            if p.get("lat") is None or p.get("lon") is None:
                continue
            key = _key(p["lat"], p["lon"])
            named.setdefault(key, p)
            if key not in seen:
                articles_naming[key] += 1
                seen.add(key)
    points = []
    for key, p in named.items():
        if key in taken:
            continue
        n = articles_naming[key]
        points.append(MapPoint(lat=key[0], lon=key[1], country=p.get("country"),
                               label=f"{p.get('name') or p.get('text')}: named in {n} "
                                     f"article{'s' if n > 1 else ''}, no event placed here"))
    return sorted(points, key=lambda p: p.label)
