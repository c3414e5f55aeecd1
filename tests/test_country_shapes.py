"""Checks on the committed country shapes (data/geo/mali_and_neighbours.geojson)."""

from __future__ import annotations

import importlib.util
import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
GEOJSON = ROOT / "data" / "geo" / "mali_and_neighbours.geojson"
SCRIPT = ROOT / "scripts" / "make_country_shapes.py"
EXPECTED_ISO3 = {"MLI", "DZA", "NER", "BFA", "CIV", "GIN", "SEN", "MRT"}


@pytest.fixture(scope="module")
def collection() -> dict[str, Any]:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


def polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiPolygon"
    return geometry["coordinates"]


def rings(feature: dict[str, Any]) -> list[list[list[float]]]:
    return [ring for poly in polygons(feature["geometry"]) for ring in poly]


def signed_area(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring)) / 2


def test_features_and_properties(collection: dict[str, Any]) -> None:
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == 8
    assert {f["properties"]["iso3"] for f in features} == EXPECTED_ISO3
    for f in features:
        assert f["type"] == "Feature"
        assert set(f["properties"]) == {"iso3", "name", "m49"}
        assert len(f["properties"]["m49"]) == 3


def test_rings_closed_without_repeats(collection: dict[str, Any]) -> None:
    for f in collection["features"]:
        for ring in rings(f):
            assert len(ring) >= 4
            assert ring[0] == ring[-1]
            assert all(a != b for a, b in pairwise(ring))


def test_exterior_rings_clockwise(collection: dict[str, Any]) -> None:
    # Source (world-atlas / d3-geo / Plotly) convention, kept on purpose.
    for f in collection["features"]:
        for poly in polygons(f["geometry"]):
            assert signed_area(poly[0]) < 0


def test_mali_bbox(collection: dict[str, Any]) -> None:
    (mali,) = [f for f in collection["features"] if f["properties"]["iso3"] == "MLI"]
    xs, ys = zip(*(pt for ring in rings(mali) for pt in ring), strict=True)
    assert min(xs) == pytest.approx(-12.3, abs=0.1)
    assert max(xs) == pytest.approx(4.3, abs=0.1)
    assert min(ys) == pytest.approx(10.1, abs=0.1)
    assert max(ys) == pytest.approx(25.0, abs=0.1)


def test_coordinates_within_africa(collection: dict[str, Any]) -> None:
    for f in collection["features"]:
        for x, y in (pt for ring in rings(f) for pt in ring):
            assert -26 <= x <= 52 and -35 <= y <= 38
            assert round(x, 3) == x and round(y, 3) == y


def test_script_decodes_small_topology() -> None:
    spec = importlib.util.spec_from_file_location("make_country_shapes", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # Two squares sharing the arc x=1; the right one uses it reversed (-1 == ~0).
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [
            [[1, 0], [0, 1]],
            [[1, 1], [-1, 0], [0, -1], [1, 0]],
            [[1, 0], [1, 0], [0, 1], [-1, 0]],
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "001"},
                    {"type": "MultiPolygon", "arcs": [[[2, -1]]], "id": "002"},
                ],
            }
        },
    }
    out = module.build_collection(topology, {"001": ("AAA", "A"), "002": ("BBB", "B")})
    left, right = (f["geometry"]["coordinates"] for f in out["features"])
    assert left == [[[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0], [1.0, 0.0]]]
    assert right == [[[[1.0, 0.0], [2.0, 0.0], [2.0, 1.0], [1.0, 1.0], [1.0, 0.0]]]]
