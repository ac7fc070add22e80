"""Build the offline world map (web/static/map/world-110m.tsv) from Natural Earth.

    .venv/bin/python scripts/build_world_map.py                 # fetches the wheel with pip
    .venv/bin/python scripts/build_world_map.py --wheel geopandas-0.14.4-py3-none-any.whl

Source: Natural Earth 1:110m Admin 0 countries ("naturalearth_lowres"), as
shipped inside the geopandas 0.14.4 wheel on PyPI (geopandas/datasets/; later
geopandas releases dropped it). Natural Earth is in the public domain
(https://www.naturalearthdata.com/about/terms-of-use/). Only the wheel is read:
geopandas itself is never installed or imported, and the shapefile and its
attribute table are parsed here with the standard library.

Output: one line per country, ``iso3 <TAB> name <TAB> SVG path``, in an
equirectangular projection whose unit is a tenth of a degree
(x = (lon + 180) * 10, y = (90 - lat) * 10), simplified with Douglas-Peucker
(tolerance 0.25 degrees) and written with relative integer moves, so the whole
map is a few tens of kilobytes and the page can draw it inline.
"""
from __future__ import annotations

import argparse
import io
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "crosswire" / "web" / "static" / "map" / "world-110m.tsv"
WHEEL = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
TOLERANCE = 2.5  # in tenths of a degree
MIN_RING = 4.0  # rings smaller than this (tenths of a degree, both sides) are dropped


def fetch_wheel(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    "-d", str(folder), WHEEL], check=True)
    return next(folder.glob("geopandas-*.whl"))


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """The attribute table (dBase III): fixed-width text fields."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        at = header_len + i * record_len + 1  # skip the deletion flag
        row = {}
        for name, width in fields:
            row[name] = data[at:at + width].decode("utf-8", "replace").strip()
            at += width
        rows.append(row)
    return rows


def read_shp(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Polygons (shape type 5) as lists of rings of (lon, lat)."""
    shapes, pos = [], 100
    while pos < len(data):
        _num, words = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8:pos + 8 + words * 2]
        pos += 8 + words * 2
        kind = struct.unpack("<i", content[:4])[0]
        if kind != 5:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44:44 + 4 * n_parts])) + [n_points]
        start = 44 + 4 * n_parts
        points = [struct.unpack("<dd", content[start + 16 * i:start + 16 * i + 16])
                  for i in range(n_points)]
        shapes.append([points[a:b] for a, b in zip(parts, parts[1:])])
    return shapes


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) * 10, (90 - lat) * 10


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-9
        best, index = 0.0, None
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(points: list[tuple[float, float]], tolerance: float
                  ) -> list[tuple[float, float]]:
    """A closed ring starts and ends at one point: cut it at the point farthest from
    there, and simplify the two halves."""
    x0, y0 = points[0]
    far = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
    return simplify(points[:far + 1], tolerance) + simplify(points[far:], tolerance)[1:]


def ring_path(ring: list[tuple[float, float]]) -> str:
    pts = [(round(x), round(y)) for x, y in simplify_ring([project(*p) for p in ring], TOLERANCE)]
    pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
    if len(pts) > 1 and pts[-1] == pts[0]:
        pts.pop()  # "z" closes the ring
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    if len(pts) < 3 or (max(xs) - min(xs) < MIN_RING and max(ys) - min(ys) < MIN_RING):
        return ""
    out = [f"M{pts[0][0]} {pts[0][1]}"]
    moves = [f"{x - px} {y - py}" for (px, py), (x, y) in zip(pts, pts[1:])]
    return out[0] + "l" + " ".join(moves).replace(" -", "-") + "z"


def build(wheel: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(wheel) as z:
        shp = z.read(MEMBER + ".shp")
        dbf = z.read(MEMBER + ".dbf")
    rows = []
    for attrs, rings in zip(read_dbf(dbf), read_shp(shp)):
        path = "".join(ring_path(r) for r in rings)
        if path:
            rows.append((attrs.get("iso_a3", "-99"), attrs.get("name", ""), path))
    return sorted(rows, key=lambda r: r[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded geopandas 0.14.4 wheel")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        rows = build(wheel)
    lines = ["# Natural Earth 1:110m countries (public domain), via the geopandas 0.14.4 wheel;",
             "# built by scripts/build_world_map.py. Unit: 0.1 degree, x = (lon+180)*10,",
             "# y = (90-lat)*10. iso3 -99 = no ISO code in Natural Earth.",
             "iso3\tname\tpath"]
    lines += ["\t".join(r) for r in rows]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = OUT.stat().st_size
    print(f"{len(rows)} countries, {size / 1024:.0f} KiB -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
