"""Extract Mali and its seven neighbours from world-atlas TopoJSON as GeoJSON.

Reads ``countries-50m.json`` from the npm package ``world-atlas`` (Natural
Earth 1:50m, ISC licence) and writes ``data/geo/mali_and_neighbours.geojson``.
The TopoJSON is decoded here with the standard library only.

Ring winding is kept as in the source (exterior rings clockwise, the d3-geo /
Plotly convention), which is the opposite of RFC 7946's recommendation.

Usage::

    python scripts/make_country_shapes.py path/to/countries-50m.json
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Point = tuple[float, float]
Ring = list[Point]

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = REPO_ROOT / "data" / "geo" / "mali_and_neighbours.geojson"
NDIGITS = 3

# ISO 3166-1 numeric (as used for ``id`` in world-atlas) -> (ISO3, name).
COUNTRIES: dict[str, tuple[str, str]] = {
    "466": ("MLI", "Mali"),
    "012": ("DZA", "Algeria"),
    "562": ("NER", "Niger"),
    "854": ("BFA", "Burkina Faso"),
    "384": ("CIV", "Côte d'Ivoire"),
    "324": ("GIN", "Guinea"),
    "686": ("SEN", "Senegal"),
    "478": ("MRT", "Mauritania"),
}


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Return the topology's arcs as absolute (lon, lat) points.

    Quantized topologies (with a ``transform``) store delta-encoded integers.

    >>> topo = {"transform": {"scale": [0.5, 2], "translate": [10, -5]},
    ...         "arcs": [[[0, 0], [2, 1], [-1, 3]]]}
    >>> decode_arcs(topo)
    [[(10.0, -5.0), (11.0, -3.0), (10.5, 3.0)]]
    >>> decode_arcs({"arcs": [[[1.5, 2.5], [3, 4]]]})
    [[(1.5, 2.5), (3.0, 4.0)]]
    """
    transform = topology.get("transform")
    if transform is None:
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in topology["arcs"]]
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    decoded: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[Point] = []
        for qx, qy, *_ in arc:
            x += qx
            y += qy
            points.append((float(x * kx + dx), float(y * ky + dy)))
        decoded.append(points)
    return decoded


def arc_points(arcs: Sequence[list[Point]], index: int) -> list[Point]:
    """Return arc ``index``; a negative index ``~i`` means arc ``i`` reversed.

    >>> arcs = [[(0.0, 0.0), (1.0, 0.0)], [(1.0, 0.0), (1.0, 1.0)]]
    >>> arc_points(arcs, 1)
    [(1.0, 0.0), (1.0, 1.0)]
    >>> arc_points(arcs, -2)
    [(1.0, 1.0), (1.0, 0.0)]
    """
    if index >= 0:
        return list(arcs[index])
    return list(reversed(arcs[~index]))


def stitch_ring(arcs: Sequence[list[Point]], indices: Sequence[int]) -> Ring:
    """Join the arcs of one ring, dropping the point shared by consecutive arcs.

    >>> arcs = [[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], [(1.0, 1.0), (0.0, 0.0)]]
    >>> stitch_ring(arcs, [0, 1])
    [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
    """
    ring: Ring = []
    for index in indices:
        points = arc_points(arcs, index)
        if ring:
            ring.pop()
        ring.extend(points)
    return ring


def clean_ring(ring: Ring, ndigits: int = NDIGITS) -> list[list[float]] | None:
    """Round a ring, drop consecutive duplicates; None if it degenerates.

    >>> clean_ring([(0.0001, 0.0), (1.0, 0.0), (1.0, 0.0004), (1.0, 1.0), (0.0, 0.0)])
    [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
    >>> clean_ring([(0.0, 0.0), (0.0001, 0.0), (0.0, 0.0002), (0.0, 0.0)]) is None
    True
    """
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, ndigits) + 0.0, round(y, ndigits) + 0.0]  # +0.0: no -0.0
        if not out or point != out[-1]:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    return out if len(out) >= 4 else None


def polygon_coords(
    arcs: Sequence[list[Point]], rings: Sequence[Sequence[int]], ndigits: int
) -> list[list[list[float]]] | None:
    """Return cleaned rings of one polygon; None if its exterior degenerates."""
    cleaned = [clean_ring(stitch_ring(arcs, ring), ndigits) for ring in rings]
    if not cleaned or cleaned[0] is None:
        return None
    return [ring for ring in cleaned if ring is not None]


def to_geometry(
    geometry: dict[str, Any], arcs: Sequence[list[Point]], ndigits: int = NDIGITS
) -> dict[str, Any]:
    """Convert a TopoJSON Polygon or MultiPolygon to a GeoJSON geometry.

    >>> arcs = [[(0.0, 0.0), (0.0, 1.0), (1.0, 1.0)], [(1.0, 1.0), (0.0, 0.0)]]
    >>> to_geometry({"type": "Polygon", "arcs": [[0, 1]]}, arcs)["coordinates"]
    [[[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]]
    >>> to_geometry({"type": "MultiPolygon", "arcs": [[[-2, -1]]]}, arcs)["type"]
    'MultiPolygon'
    """
    kind = geometry["type"]
    if kind == "Polygon":
        coords = polygon_coords(arcs, geometry["arcs"], ndigits)
        if coords is None:
            raise ValueError("polygon degenerates after rounding")
        return {"type": "Polygon", "coordinates": coords}
    if kind == "MultiPolygon":
        polygons = [polygon_coords(arcs, p, ndigits) for p in geometry["arcs"]]
        kept = [p for p in polygons if p is not None]
        if not kept:
            raise ValueError("multipolygon degenerates after rounding")
        return {"type": "MultiPolygon", "coordinates": kept}
    raise ValueError(f"unsupported geometry type: {kind}")


def build_collection(
    topology: dict[str, Any],
    countries: dict[str, tuple[str, str]] = COUNTRIES,
    ndigits: int = NDIGITS,
) -> dict[str, Any]:
    """Build a FeatureCollection of ``countries`` (ordered as in the dict)."""
    arcs = decode_arcs(topology)
    by_id = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}
    missing = sorted(set(countries) - set(by_id))
    if missing:
        raise KeyError(f"country ids not found in topology: {missing}")
    features = [
        {
            "type": "Feature",
            "properties": {"iso3": iso3, "name": name, "m49": m49},
            "geometry": to_geometry(by_id[m49], arcs, ndigits),
        }
        for m49, (iso3, name) in countries.items()
    ]
    return {"type": "FeatureCollection", "features": features}


def dumps_collection(collection: dict[str, Any]) -> str:
    """Serialise compactly, one feature per line (diff-friendly, valid JSON).

    >>> print(dumps_collection({"type": "FeatureCollection", "features": [{"a": 1}]}))
    {"type":"FeatureCollection","features":[
    {"a":1}
    ]}
    <BLANKLINE>
    """
    lines = [
        json.dumps(f, ensure_ascii=False, separators=(",", ":"))
        for f in collection["features"]
    ]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    collection = build_collection(topology)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(dumps_collection(collection), encoding="utf-8")
    size = args.output.stat().st_size
    print(f"wrote {args.output} ({len(collection['features'])} features, {size} bytes)")


if __name__ == "__main__":
    main()
