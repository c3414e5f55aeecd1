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


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Ray casting: whether a point lies inside a ring of (lon, lat) points."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


# Room at the left for the latitude labels (whole degrees, two digits at most: see map_layout) and the
# axis title in the course's 13 px font (they need 46 px): Plotly's automargin then has nothing to add,
# and does not draw the map twice.
MAP_MARGIN_LEFT = 50


def map_layout(title: str, bounds: tuple[float, float, float, float], height: int,
               centre_lat: float | None = None) -> dict[str, Any]:
    """The layout of a map on longitude/latitude axes: ``bounds`` is (lon_min, lon_max, lat_min,
    lat_max); the y axis is stretched by 1/cos of ``centre_lat`` (the middle of the bounds by default).
    Latitudes are labelled in whole degrees (every 5° on a map of the region, every degree on a
    close-up), so that their labels fit the left margin.

    >>> layout = map_layout("T", (-18, 12, 4, 28), 560)
    >>> layout["yaxis"]["range"], layout["yaxis"]["dtick"], layout["yaxis"]["scaleratio"], layout["margin"]["l"]
    ([4, 28], 5, 1.0403, 50)
    >>> map_layout("T", (-7.5, -0.5, 12.5, 16.5), 560)["yaxis"]["dtick"]
    1
    """
    lon_min, lon_max, lat_min, lat_max = bounds
    centre = (lat_min + lat_max) / 2 if centre_lat is None else centre_lat
    layout = base_layout(
        title, height=height,
        xaxis={"title": {"text": "Longitude (°)"}, "range": [lon_min, lon_max], "showgrid": False, "zeroline": False},
        yaxis={"title": {"text": "Latitude (°)"}, "range": [lat_min, lat_max], "showgrid": False, "zeroline": False,
               "dtick": 5 if lat_max - lat_min >= 12 else 1,
               "scaleanchor": "x", "scaleratio": round(1 / math.cos(math.radians(centre)), 4)},
    )
    layout["margin"] = {**layout["margin"], "l": MAP_MARGIN_LEFT}
    return layout


def country_at(lon: float, lat: float, shapes: dict[str, Any] | None = None) -> str | None:
    """The ISO3 code of the country (among Mali and its neighbours) a point falls in, or None.

    >>> country_at(-8.0029, 12.6392)  # Bamako
    'MLI'
    >>> country_at(2.1, 13.5)  # Niamey
    'NER'
    >>> country_at(7.4833, 9.0667) is None  # Abuja, outside the shapes
    True
    """
    for feature in (shapes or country_shapes())["features"]:
        if any(_inside(lon, lat, ring) for ring in _rings(feature["geometry"])):
            return feature["properties"]["iso3"]
    return None


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


def tri_border_point(shapes: dict[str, Any], countries: tuple[str, ...] = ("MLI", "BFA", "NER")
                     ) -> tuple[float, float]:
    """The point where the borders of ``countries`` meet, found in the country shapes themselves
    (a vertex all their outlines share). Mali, Burkina Faso and Niger meet at the heart of the
    Liptako-Gourma area.

    >>> lon, lat = tri_border_point(country_shapes())
    >>> round(lon, 1), round(lat, 1)
    (0.2, 14.9)
    """
    vertex_sets = []
    for feature in shapes["features"]:
        if feature["properties"]["iso3"] in countries:
            vertex_sets.append({(p[0], p[1]) for ring in _rings(feature["geometry"]) for p in ring})
    if len(vertex_sets) != len(countries):
        raise ValueError(f"The shapes lack one of {', '.join(countries)}")
    shared = set.intersection(*vertex_sets)
    if not shared:
        raise ValueError(f"The outlines of {', '.join(countries)} share no point")
    return (sum(p[0] for p in shared) / len(shared), sum(p[1] for p in shared) / len(shared))


def events_by_place(events: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """One row per place with coordinates: how many events happened there, and their titles.

    >>> ev = pd.DataFrame({"place_ids": [["gao"], ["gao", "kidal"]], "title": ["A", "B"],
    ...                    "date": pd.to_datetime(["2013-01-01", "2014-01-01"])})
    >>> pl = pd.DataFrame({"place_id": ["gao", "kidal"], "name": ["Gao", "Kidal"], "lat": [16.3, 18.4],
    ...                    "lon": [-0.04, 1.4]})
    >>> events_by_place(ev, pl)[["name", "events"]].values.tolist()
    [['Gao', 2], ['Kidal', 1]]
    """
    located = places.dropna(subset=["lat", "lon"]).set_index("place_id")
    exploded = events.explode("place_ids")
    exploded = exploded[exploded["place_ids"].isin(located.index)].sort_values("date")
    grouped = exploded.groupby("place_ids")
    out = pd.DataFrame({"events": grouped.size(), "titles": grouped["title"].agg(list)})
    out = out.join(located[["name", "lat", "lon"]])
    return out.reset_index(names="place_id").sort_values(["events", "name"], ascending=[False, True],
                                                         ignore_index=True)


def place_map(places: pd.DataFrame, *, title: str, groups: dict[str, list[str]] | None = None,
              labels: list[str] | None = None, events: pd.DataFrame | None = None,
              tri_border: bool = False) -> go.Figure:
    """Mali and its neighbours with places as markers.

    ``groups`` maps a legend label to place ids (for example cities and MINUSMA bases); without
    it, every place with coordinates is drawn. ``labels`` lists place ids whose names are written
    on the map. ``events`` adds a marker per place sized by its number of events, listing them in
    the hover. ``tri_border`` marks where Mali, Burkina Faso and Niger meet (Liptako-Gourma).

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
    if events is not None:
        counts = events_by_place(events, places)
        traces.append(go.Scatter(
            x=counts["lon"].tolist(), y=counts["lat"].tolist(), mode="markers", name="Events (by place)",
            marker={"size": [8 + 4 * math.sqrt(n) for n in counts["events"]], "color": "rgba(213, 94, 0, 0.35)",
                    "line": {"width": 1.5, "color": SERIES_COLOURS[1]}, "symbol": "circle-open-dot"},
            hovertext=[f"<b>{html.escape(n)}</b>: {k} event(s)<br>" + "<br>".join(html.escape(t) for t in ts[:6])
                       + ("<br>…" if len(ts) > 6 else "")
                       for n, k, ts in zip(counts["name"], counts["events"], counts["titles"], strict=True)],
            hoverinfo="text"))
    if tri_border:
        lon, lat = tri_border_point(country_shapes())
        traces.append(go.Scatter(
            x=[lon], y=[lat], mode="markers+text", name="Tri-border point (Liptako-Gourma)",
            text=["Liptako-Gourma"], textposition="bottom center", textfont={"size": 11},
            marker={"symbol": "star-diamond", "size": 16, "color": SERIES_COLOURS[3],
                    "line": {"width": 1, "color": "#222"}},
            hovertext=["Where Mali, Burkina Faso and Niger meet: the heart of the Liptako-Gourma (tri-border) area"],
            hoverinfo="text"))
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
    fig.update_layout(**map_layout(title, (-18, 12, 4, 28), 560, centre_lat=CENTRE_LAT))
    return fig
