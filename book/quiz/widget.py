"""The quiz widget: one grading engine (``book/static/quiz-engine.js``) for JupyterLab and the site.

Why this rendering path: the usual way to show a widget in a static Jupyter Book page embeds
its state and loads ``@jupyter-widgets/html-manager`` (3.6 MB, 914 KB gzipped) plus require.js.
Instead, the widget's output also carries a small ``text/html`` version: the questions as JSON
and a mount point. The site builder is told to prefer that HTML over the widget view, and the
site loads the same engine script (about 6 KB gzipped) with a local-storage model. JupyterLab
prefers the widget view, where the engine runs with the kernel's synced model, so
``quiz.answers`` and ``quiz.score`` are readable from Python.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from book.markup import script_json
from book.paths import STATIC_DIR, repo_root
from book.quiz.schema import check_quiz, load_quiz
from book.static_sources import widget_module


def static_html(spec: dict[str, Any]) -> str:
    """The quiz as the static site shows it: its questions as JSON and a mount point.

    >>> out = static_html({"id": "demo", "title": "T", "version": "1", "questions": []})
    >>> out.startswith('<div class="quiz-mount" data-quiz-id="demo"')
    True
    """
    quiz_id = html.escape(spec["id"], quote=True)
    return (
        f'<div class="quiz-mount" data-quiz-id="{quiz_id}" '
        f'data-quiz-version="{html.escape(str(spec["version"]), quote=True)}">'
        f'<script type="application/json" class="quiz-spec">{script_json(spec)}</script>'
        '<p class="quiz-fallback">This quiz needs JavaScript. The same questions are in the '
        "chapter's exercise notebook.</p></div>"
    )


class Quiz(anywidget.AnyWidget):
    """A chapter's quiz, graded in the browser; ``answers`` and ``score`` sync back to Python."""

    _esm = widget_module("quiz-engine.js", tail="export default globalThis.SahelQuiz;")
    _css = STATIC_DIR / "quiz.css"
    spec = traitlets.Dict().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    score = traitlets.Int(0).tag(sync=True)

    @traitlets.validate("spec")
    def _valid_spec(self, proposal: Any) -> dict[str, Any]:
        """Every quiz shown goes through the schema, however it was made."""
        return check_quiz(dict(proposal["value"]), "spec")

    def __repr__(self) -> str:
        n = len(self.spec.get("questions", []))
        return f"<Quiz {self.spec.get('id')!r}: {n} questions, score {self.score} of {n}>"

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = {**data, "text/plain": repr(self), "text/html": static_html(self.spec)}
        return data, meta


def quiz_path(name: str) -> Path:
    """Where quiz ``name`` is written: ``chapters/quizzes/<name>.yaml``."""
    return repo_root() / "chapters" / "quizzes" / f"{name}.yaml"


def show_quiz(name: str) -> Quiz:
    """Return the quiz ``name`` (a file in ``chapters/quizzes/``), ready to display.

    >>> quiz = show_quiz("mandate")
    >>> quiz.score, len(quiz.spec["questions"]) >= 5
    (0, True)
    """
    return Quiz(spec=load_quiz(quiz_path(name)))
