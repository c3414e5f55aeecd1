"""How the site builder renders notebook figures: a myst-nb mime renderer (entry point
``myst_nb.mime_renderers``, declared in ``pyproject.toml``).

- A Plotly figure shown by :func:`book.figures.show` is stored once, as Plotly JSON with its id and
  alt text in the output's metadata; this renderer writes the placeholder that ``figures.js`` draws.
- In the site, each figure's JSON then moves out of the page into a script of its own,
  ``_static/figures/<digest>.js`` (:func:`specs_to_files`), which ``figures.js`` fetches behind the
  text: the page's text arrives sooner (the introduction's HTML was 88 KB gzip, 56 KB of it figure
  data). A script, not a JSON file, so that the site also works from ``file://``.
- Any other Plotly output (``fig`` as a cell's last line, ``fig.show()``, plotly's own HTML) has no
  text alternative, and myst-nb would publish it as nothing. The renderer warns, naming the
  notebook and the cell, so the ``-W`` build stops; the fix is in the message.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes

from book.figures.display import COURSE_KEY, PLOTLY_MIME, placeholder_html

FIX = "show it with book.figures.show(fig, alt=..., caption=...), which gives it a text alternative and draws it"


def silent_figure_message(where: str, cell_index: int | None) -> str:
    """The message for a figure that the course's figure path does not render.

    >>> silent_figure_message("chapters/demo.ipynb", 4)
    'chapters/demo.ipynb, cell 5: a Plotly figure is displayed without book.figures.show and would be published ...'
    """
    cell = f"cell {cell_index + 1}" if cell_index is not None else "a cell"
    return (f"{where}, {cell}: a Plotly figure is displayed without book.figures.show and would be published "
            f"empty; {FIX}")


def is_plotly_html(text: str) -> bool:
    """True for the HTML that Plotly's own renderers write (a ``plotly-graph-div``).

    >>> is_plotly_html('<div id="x" class="plotly-graph-div" style="height:100%"></div>')
    True
    >>> is_plotly_html('<div class="course-figure"></div>')
    False
    """
    return "plotly-graph-div" in text or "Plotly.newPlot" in text


class CourseFigureRenderer:
    """Renders the course's figures and refuses silent ones (a myst-nb ``MimeRenderPlugin``)."""

    # Prefer the Plotly JSON over any other representation, so that a figure cannot slip through
    # as another mime type (lower numbers come first; myst-nb's text/html is 30).
    mime_priority_overrides = (("html", PLOTLY_MIME, 5),)

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        """Render a course figure; warn about a Plotly output that is not one."""
        if data.mime_type == "text/html" and is_plotly_html(data.string):
            renderer.logger.warning(silent_figure_message(_where(renderer), data.cell_index),
                                    subtype="course_figure", line=data.line)
            return []
        if data.mime_type != PLOTLY_MIME:
            return None
        marker = (data.output_metadata.get(PLOTLY_MIME) or {}).get(COURSE_KEY)
        if not marker:
            renderer.logger.warning(silent_figure_message(_where(renderer), data.cell_index),
                                    subtype="course_figure", line=data.line)
            return []
        html = placeholder_html(data.content, marker["id"], marker["alt"])
        return [nodes.raw(text=html, format="html", classes=["output", "text_html"])]


def _where(renderer: Any) -> str:
    source = getattr(renderer, "renderer", None)
    document = getattr(source, "document", None)
    return str(document["source"]) if document is not None and "source" in document else "a notebook"


FIGURE_FOLDER = "_static/figures"
# A figure's placeholder as placeholder_html writes it: its opening tag, then its JSON.
INLINE_SPEC = re.compile(r'(?P<open><div class="course-figure" id="(?P<id>[^"]+)")(?P<rest>[^>]*>.*?)'
                         r'<script type="application/json" class="course-figure__spec">(?P<json>.*?)</script>', re.S)


def spec_script(figure_id: str, spec_json: str) -> str:
    """The script that hands a figure's JSON to figures.js.

    >>> spec_script("fig-1", '{"data":[]}')
    'SahelFigures.define("fig-1", {"data":[]});\\n'
    """
    return f"SahelFigures.define({json.dumps(figure_id)}, {spec_json});\n"


def spec_from_script(script: str, figure_id: str) -> dict[str, Any]:
    """The figure's JSON that :func:`spec_script` wrote, read back (for tests and tools).

    >>> spec_from_script(spec_script("fig-1", '{"data":[]}'), "fig-1")
    {'data': []}
    """
    prefix, suffix = spec_script(figure_id, "\0").split("\0")
    if not (script.startswith(prefix) and script.endswith(suffix)):
        raise ValueError(f"not the data script of {figure_id}: {script[:60]!r}")
    return json.loads(script[len(prefix):-len(suffix)])


def specs_to_files(body: str, folder: Path, url: Callable[[str], str]) -> str:
    """``body`` with each figure's JSON written to a script in ``folder``, named by a digest of its
    content, and the figure pointing to it (``data-spec``, the address given by ``url(name)``).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> page = ('<div class="course-figure" id="fig-1" role="figure"><div class="course-figure__plot"></div>'
    ...         '<script type="application/json" class="course-figure__spec">{"data":[]}</script></div>')
    >>> out = specs_to_files(page, folder, lambda name: "../_static/figures/" + name)
    >>> out.split("><")[0]
    '<div class="course-figure" id="fig-1" data-spec="../_static/figures/fig-1-....js" role="figure"'
    >>> "course-figure__spec" in out
    False
    >>> [p.read_text() for p in folder.iterdir()]
    ['SahelFigures.define("fig-1", {"data":[]});\\n']
    """
    def moved(match: re.Match[str]) -> str:
        script = spec_script(match.group("id"), match.group("json"))
        name = f"{match.group('id')}-{hashlib.sha256(script.encode()).hexdigest()[:10]}.js"
        path = folder / name
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(script, encoding="utf-8")
        return f'{match.group("open")} data-spec="{html.escape(url(name), quote=True)}"{match.group("rest")}'

    return INLINE_SPEC.sub(moved, body)
