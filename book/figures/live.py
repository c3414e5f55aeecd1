"""The event timeline in JupyterLab: the same drawing and timeline scripts as the static site
(``book/static/figures.js`` and ``timeline-explorer.js``), run as an anywidget.

The widget's output also carries the figure's Plotly JSON with its id and alt text, which the site
builder draws as in :mod:`book.figures.display`; JupyterLab prefers the widget view. The event cards come from
the course's tables (:func:`book.figures.cards.course_cards`), and plotly.js comes from the kernel
the first time a timeline is drawn (a custom message, not stored in the notebook):
the site's own copy in ``node_modules`` when ``npm ci`` has run, else the one in plotly's Python
package. The site never loads it this way.

>>> from book.data import load
>>> from book.figures import event_timeline
>>> fig = event_timeline(load("events").head(3), title="Three events")
>>> TimelineWidget(FigureOutput(fig, "Three events."))
<TimelineWidget fig-...: Three events>
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import plotly
import traitlets

from book.figures.cards import course_cards
from book.figures.display import PLOTLY_CONFIG, PLOTLY_MIME, FigureOutput
from book.paths import STATIC_DIR, repo_root
from book.static_sources import widget_module

SCRIPTS = ("timeline-explorer.js", "figures.js")
WIDGET_ENTRY = """
const Figures = globalThis.SahelFigures;
let plotlyReady = null;

function plotlyFrom(model) {
  if (globalThis.__sahelPlotly) return Promise.resolve(globalThis.__sahelPlotly);
  if (!plotlyReady) {
    plotlyReady = new Promise((resolve, reject) => {
      model.on("msg:custom", (message) => {
        if (!message || message.kind !== "plotly") return;
        if (!message.source) { reject(new Error(message.error || "plotly.js is not available")); return; }
        const module = { exports: {} };
        new Function("module", "exports", "define", message.source)(module, module.exports, undefined);
        globalThis.__sahelPlotly = module.exports;
        resolve(module.exports);
      });
      model.send({ want: "plotly" });
    });
  }
  return plotlyReady;
}

function render({ model, el }) {
  const figure = document.createElement("div");
  figure.className = "course-figure";
  figure.id = model.get("figure_id");
  figure.setAttribute("role", "figure");
  figure.setAttribute("aria-label", model.get("alt"));
  figure.setAttribute("data-address", "none");
  const plot = document.createElement("div");
  plot.className = "course-figure__plot";
  figure.appendChild(plot);
  el.appendChild(figure);
  const spec = model.get("spec");
  spec.layout.meta.course.details = model.get("details");
  plotlyFrom(model).then((Plotly) => Figures.draw(figure, Plotly, spec)).catch((error) => {
    figure.textContent = "The timeline could not be drawn: " + error.message;
  });
}

export default { render };
"""


def plotly_bundle() -> Path:
    """The plotly.js file the widget sends: the site's own copy, or the one in plotly's package.

    >>> plotly_bundle().name in {"plotly-basic.min.js", "plotly.min.js"}
    True
    """
    site_copy = repo_root() / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
    return site_copy if site_copy.exists() else Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class TimelineWidget(anywidget.AnyWidget):
    """An event timeline with its HTML controls and event card, live in JupyterLab."""

    _esm = widget_module(*SCRIPTS, tail=WIDGET_ENTRY)
    _css = STATIC_DIR / "timeline.css"
    spec = traitlets.Dict().tag(sync=True)
    figure_id = traitlets.Unicode().tag(sync=True)
    alt = traitlets.Unicode().tag(sync=True)
    details = traitlets.Dict().tag(sync=True)

    def __init__(self, figure: FigureOutput, **kwargs: Any) -> None:
        events = figure.spec["layout"]["meta"]["course"]["events"]
        cards = course_cards(e["id"] for e in events)
        details = {"events": {c["id"]: c for c in cards["events"]}, "sources": cards["sources"]}
        super().__init__(spec={**figure.spec, "config": PLOTLY_CONFIG}, figure_id=figure.id, alt=figure.alt,
                         details=details, **kwargs)
        self._figure = figure
        self.on_msg(self._answer)

    def _answer(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if content.get("want") != "plotly":
            return
        path = plotly_bundle()
        if path.exists():
            self.send({"kind": "plotly", "source": path.read_text(encoding="utf-8")})
        else:
            self.send({"kind": "plotly", "error": f"{path} is missing: run `npm ci` in the course folder"})

    def __repr__(self) -> str:
        return repr(self._figure).replace("<Figure", "<TimelineWidget", 1)

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        figure_data, figure_meta = self._figure._repr_mimebundle_()
        return {**data, PLOTLY_MIME: figure_data[PLOTLY_MIME], "text/plain": repr(self)}, {**meta, **figure_meta}


def is_event_timeline(figure: FigureOutput) -> bool:
    """True for a figure made by :func:`book.figures.event_timeline` (it has event cards).

    >>> import plotly.graph_objects as go
    >>> is_event_timeline(FigureOutput(go.Figure(), "Empty."))
    False
    """
    meta = figure.spec.get("layout", {}).get("meta")
    return isinstance(meta, dict) and meta.get("course", {}).get("kind") == "event-timeline"


__all__ = ["TimelineWidget", "is_event_timeline", "plotly_bundle"]
