"""scripts/build_world_map.py: the shapefile reader, simplification and SVG paths,
on a tiny shapefile written here (the real input is Natural Earth in a PyPI wheel)."""
from __future__ import annotations

import importlib.util
import struct
import zipfile
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_world_map.py"
spec = importlib.util.spec_from_file_location("build_world_map", SCRIPT)
build_world_map = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_world_map)


def shp(polygons: list[list[tuple[float, float]]]) -> bytes:
    """A polygon shapefile, one single-ring record per polygon."""
    records = b""
    for number, ring in enumerate(polygons, 1):
        content = struct.pack("<i4d", 5, 0, 0, 0, 0) + struct.pack("<iii", 1, len(ring), 0)
        content += b"".join(struct.pack("<dd", x, y) for x, y in ring)
        records += struct.pack(">ii", number, len(content) // 2) + content
    return b"\0" * 100 + records


def dbf(rows: list[dict[str, str]], widths: dict[str, int]) -> bytes:
    fields = b"".join(name.encode().ljust(11, b"\0") + b"C" + b"\0" * 4 + bytes([w])
                      + b"\0" * 15 for name, w in widths.items())
    record_len = 1 + sum(widths.values())
    header_len = 32 + len(fields) + 1
    head = struct.pack("<BBBBIHH", 3, 0, 0, 0, len(rows), header_len, record_len).ljust(32, b"\0")
    body = b"".join(b" " + b"".join(r[n].encode().ljust(w) for n, w in widths.items())
                    for r in rows)
    return head + fields + b"\r" + body


def square(lon, lat, size):
    return [(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat)]


def test_a_wheel_with_two_countries_becomes_two_paths(tmp_path):
    wavy = [(10 + i / 10, 50 + (0.001 if i % 2 else 0)) for i in range(0, 50)]  # nearly straight
    big = wavy + [(15, 55), (10, 55), (10, 50)]
    rows = [{"name": "Squareland", "iso_a3": "SQL"}, {"name": "Speck", "iso_a3": "SPK"},
            {"name": "Wavy", "iso_a3": "WVY"}]
    wheel = tmp_path / "fake.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr(build_world_map.MEMBER + ".shp",
                   shp([square(-10, -5, 10), square(100, 0, 0.05), big]))
        z.writestr(build_world_map.MEMBER + ".dbf", dbf(rows, {"name": 20, "iso_a3": 3}))
    out = {iso3: (name, path) for iso3, name, path in build_world_map.build(wheel)}
    assert set(out) == {"SQL", "WVY"}  # the speck is smaller than a map pixel: dropped
    # x = (lon + 180) * 10, y = (90 - lat) * 10, then relative moves.
    assert out["SQL"] == ("Squareland", "M1700 950l100 0 0-100-100 0z")
    # The wavy edge is simplified to its ends: a handful of points, not fifty.
    assert out["WVY"][1].count(" ") < 12
