"""How the site builder renders notebook figures: a myst-nb mime renderer (entry point
``myst_nb.mime_renderers``, declared in ``pyproject.toml``).

- A Plotly figure shown by :func:`book.figures.show` is stored once, as Plotly JSON with its id and
  alt text in the output's metadata; this renderer writes the placeholder that ``figures.js`` draws.
- Any other Plotly output (``fig`` as a cell's last line, ``fig.show()``, plotly's own HTML) has no
  text alternative, and myst-nb would publish it as nothing. The renderer warns, naming the
  notebook and the cell, so the ``-W`` build stops; the fix is in the message.
"""

from __future__ import annotations

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
