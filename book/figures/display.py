"""Show a Plotly figure the same way in JupyterLab and in the static site, with a text alternative.

A figure is stored once in the notebook, as Plotly JSON (``application/vnd.plotly.v1+json``), with
its id and alt text in the output's metadata. JupyterLab draws it with Plotly's own renderer. The
site builder turns it into a light placeholder (:func:`placeholder_html`, called by
:mod:`book.sphinx_figures`), which ``book/static/figures.js`` draws with the site's own copy of
plotly.js (loaded once per site, no CDN). Ids come from a hash of the figure, so the output is the
same on every run (strict nbval).

A Plotly figure displayed any other way (``fig`` as a cell's last line, ``fig.show()``) carries no
alt text and would publish an empty output: the site build stops on it, naming notebook and cell.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from IPython.display import display

from book.markup import script_json

PLOTLY_CONFIG = {"responsive": True, "displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def figure_json(fig: go.Figure) -> dict[str, Any]:
    """The figure as plain JSON data (dates as ISO text, arrays as lists).

    >>> figure_json(go.Figure(go.Scatter(x=[1], y=[2])))["data"][0]["type"]
    'scatter'
    """
    return json.loads(fig.to_json())


def figure_id(spec: dict[str, Any]) -> str:
    """A stable id for a figure: a hash of its JSON.

    >>> figure_id({"data": [], "layout": {}})
    'fig-7b529ff761'
    """
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()
    return f"fig-{digest[:10]}"


PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: What the site shows in a figure's place until it is drawn (or if scripts do not run).
PENDING = "The figure is drawn when it comes into view; its description and data table are below it."
COURSE_KEY = "sahel_course"  # the output-metadata key that marks a figure shown by :func:`show`


def placeholder_html(spec: dict[str, Any], figure_id: str, alt: str) -> str:
    """The placeholder that figures.js draws in the static site: a ``role="figure"`` labelled by
    the alt text, described by the caption that :func:`show` displays after it, and holding the
    figure's JSON. It also says the figure's height (so that the page does not move when it is
    drawn) and its kind (an event timeline can be drawn at once when the address asks for it).

    >>> placeholder_html({"data": [], "layout": {"height": 300}}, "fig-1", "An empty figure.")[:60]
    '<div class="course-figure" id="fig-1" role="figure" aria-lab'
    >>> 'data-height="300"' in placeholder_html({"data": [], "layout": {"height": 300}}, "fig-1", "Empty.")
    True
    """
    layout = spec.get("layout", {})
    payload = {"data": spec.get("data", []), "layout": layout, "config": spec.get("config", PLOTLY_CONFIG)}
    meta = layout.get("meta")
    course = meta.get("course") if isinstance(meta, dict) else None
    kind = course.get("kind") if isinstance(course, dict) else None
    extra = "".join(f' data-{name}="{html.escape(str(value), quote=True)}"'
                    for name, value in (("height", layout.get("height")), ("kind", kind)) if value)
    return (
        f'<div class="course-figure" id="{html.escape(figure_id, quote=True)}" role="figure" '
        f'aria-label="{html.escape(alt, quote=True)}" aria-describedby="{html.escape(figure_id, quote=True)}-caption"'
        f'{extra}><div class="course-figure__plot"></div>'
        f'<p class="course-figure__pending">{PENDING}</p>'
        f'<script type="application/json" class="course-figure__spec">{script_json(payload)}</script>'
        "</div>"
    )


class FigureOutput:
    """A figure ready to display: its Plotly JSON, once, with its id and alt text as metadata."""

    def __init__(self, fig: go.Figure, alt: str) -> None:
        if not alt.strip():
            raise ValueError("Every figure needs alt text: one sentence that says what it shows.")
        self.spec = figure_json(fig)
        self.alt = alt
        self.id = figure_id(self.spec)

    def __repr__(self) -> str:
        title = self.spec.get("layout", {}).get("title", {}).get("text", "untitled")
        return f"<Figure {self.id}: {title}>"

    def html(self) -> str:
        """The placeholder the site shows for this figure."""
        return placeholder_html({**self.spec, "config": PLOTLY_CONFIG}, self.id, self.alt)

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        data = {PLOTLY_MIME: {**self.spec, "config": PLOTLY_CONFIG}, "text/plain": repr(self)}
        return data, {PLOTLY_MIME: {COURSE_KEY: {"id": self.id, "alt": self.alt}}}


class Caption:
    """A figure's caption, source line and data table: the text alternative to the figure."""

    def __init__(self, figure_id: str, title: str, caption: str, sources: Sequence[str],
                 table: pd.DataFrame | None) -> None:
        self.figure_id = figure_id
        self.title = title
        self.caption = caption
        self.sources = list(sources)
        self.table = table

    def __repr__(self) -> str:
        return f"Figure: {self.title}. {self.caption}"

    def _repr_html_(self) -> str:
        parts = [
            f'<div class="course-figure__caption" id="{self.figure_id}-caption">',
            f"<p><strong>Figure: {html.escape(self.title)}.</strong> {html.escape(self.caption)}</p>",
        ]
        if self.sources:
            parts.append("<p class=\"course-figure__sources\">Sources: "
                         + "; ".join(html.escape(s) for s in self.sources) + "</p>")
        if self.table is not None:
            table_html = self.table.to_html(index=False, border=0, classes="course-figure__table",
                                            na_rep="—", escape=True)
            parts.append("<details><summary>The data behind this figure, as a table</summary>"
                         f"{table_html}</details>")
        parts.append("</div>")
        return "".join(parts)


def show(fig: go.Figure, *, alt: str, caption: str, sources: Sequence[str] = (),
         table: pd.DataFrame | None = None) -> None:
    """Display ``fig`` with its alt text, then its caption, sources and data table.

    >>> show(go.Figure(layout={"title": {"text": "Demo"}}), alt="An empty demo.", caption="Nothing.")
    <Figure fig-...: Demo>
    Figure: Demo. Nothing.
    """
    from book.figures.live import TimelineWidget, is_event_timeline  # it reads this module's names

    out = FigureOutput(fig, alt)
    title = fig.layout.title.text or "Untitled figure"
    display(TimelineWidget(out) if is_event_timeline(out) else out, Caption(out.id, title, caption, sources, table))
