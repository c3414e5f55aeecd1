"""Maps drawn with plain scatter traces on longitude/latitude axes.

Why not Plotly's geo maps: plotly.js fetches base-map shapes from a CDN for every geo subplot,
even when every shape comes from our own GeoJSON, and the geo bundle is heavier. Country outlines
as filled scatter polygons need only the basic bundle the site already loads, and nothing leaves
the site. The projection is equirectangular with the y axis stretched by 1/cos(latitude) at
Mali's centre, which keeps shapes true to within a few per cent across the region.
"""

from __future__ import annotations

import html
import json
import math
from functools import cache
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from book.figures.base import base_layout, require_rows
from book.figures.palette import COUNTRY_FILL, MALI_FILL, NEUTRAL, SERIES_COLOURS
from book.paths import data_dir

SHAPES_FILE = "geo/mali_and_neighbours.geojson"
CENTRE_LAT = 17.0


@cache
def country_shapes() -> dict[str, Any]:
    """The GeoJSON of Mali and its neighbours (Natural Earth 1:50m, see data/geo/README.md).

    >>> sorted(f["properties"]["iso3"] for f in country_shapes()["features"])[:3]
    ['BFA', 'CIV', 'DZA']
    """
    return json.loads((data_dir() / SHAPES_FILE).read_text(encoding="utf-8"))


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    raise ValueError(f"Unsupported geometry type {geometry['type']!r}")


def outline_traces(shapes: dict[str, Any], highlight: str = "MLI") -> list[go.Scatter]:
    """One filled outline per country, labelled in the hover; ``highlight`` is tinted.

    >>> traces = outline_traces(country_shapes())
    >>> len(traces), traces[0].name
    (8, 'Mali')
    """
    traces = []
    for feature in shapes["features"]:
        props = feature["properties"]
        lons: list[float | None] = []
        lats: list[float | None] = []
        for ring in _rings(feature["geometry"]):
            lons += [p[0] for p in ring] + [None]
            lats += [p[1] for p in ring] + [None]
        traces.append(go.Scatter(
            x=lons, y=lats, mode="lines", fill="toself", name=props["name"],
            line={"color": NEUTRAL, "width": 1},
            fillcolor=MALI_FILL if props["iso3"] == highlight else COUNTRY_FILL,
            hoverinfo="text", hoveron="fills", text=props["name"], showlegend=False,
        ))
    return traces


def place_map(places: pd.DataFrame, *, title: str, groups: dict[str, list[str]] | None = None,
              labels: list[str] | None = None, areas: list[tuple[str, list[tuple[float, float]]]] | None = None
              ) -> go.Figure:
    """Mali and its neighbours with places as markers.

    ``groups`` maps a legend label to place ids (for example cities and MINUSMA bases); without
    it, every place with coordinates is drawn. ``labels`` lists place ids whose names are written
    on the map. ``areas`` adds outlined zones (name, [(lon, lat), ...]) such as Liptako-Gourma.

    >>> p = pd.DataFrame({"place_id": ["bamako"], "name": ["Bamako"], "lat": [12.6392], "lon": [-8.0029],
    ...                   "kind": ["capital"]})
    >>> fig = place_map(p, title="T")
    >>> fig.data[-1].text
    ('Bamako',)
    """
    require_rows(places, "places", ["place_id", "name", "lat", "lon"])
    located = places.dropna(subset=["lat", "lon"])
    groups = groups or {"Places": located["place_id"].tolist()}
    traces: list[go.Scatter] = outline_traces(country_shapes())
    for name, ring in areas or []:
        xs = [p[0] for p in ring] + [ring[0][0]]
        ys = [p[1] for p in ring] + [ring[0][1]]
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", name=name, line={"dash": "dash", "width": 2,
                                 "color": SERIES_COLOURS[1]}, hoverinfo="name"))
    symbols = ("circle", "square", "diamond", "triangle-up", "star")
    shown = set(labels or [])
    for i, (label, ids) in enumerate(groups.items()):
        rows = located[located["place_id"].isin(ids)]
        traces.append(go.Scatter(
            x=[float(v) for v in rows["lon"]], y=[float(v) for v in rows["lat"]],
            mode="markers+text", name=label,
            text=[html.escape(n) if pid in shown or not labels else "" for pid, n in
                  zip(rows["place_id"], rows["name"], strict=True)],
            textposition="top center", textfont={"size": 11},
            hovertext=[html.escape(n) for n in rows["name"]], hoverinfo="text+name",
            marker={"symbol": symbols[i % len(symbols)], "size": 10, "color": SERIES_COLOURS[i % 6],
                    "line": {"width": 1, "color": "#222"}},
        ))
    fig = go.Figure(traces)
    fig.update_layout(**base_layout(
        title, height=560,
        xaxis={"title": {"text": "Longitude (°)"}, "range": [-18, 12], "showgrid": False, "zeroline": False},
        yaxis={"title": {"text": "Latitude (°)"}, "range": [4, 28], "showgrid": False, "zeroline": False,
               "scaleanchor": "x", "scaleratio": round(1 / math.cos(math.radians(CENTRE_LAT)), 4)},
    ))
    return fig
