"""The course's browser scripts as JupyterLab's widgets load them: one module per widget.

The site loads ``book/static/dom-helpers.js`` as a script of its own before the quiz engine, the
timeline explorer and the claims explorer; a widget's module has no such page, so it starts with it.
"""

from __future__ import annotations

from book.paths import STATIC_DIR

#: Loaded before every interactive script: ``globalThis.SahelDom`` (``make``, ``safeUrl``).
SHARED_SCRIPT = "dom-helpers.js"


def widget_module(*scripts: str, tail: str = "") -> str:
    """The shared helpers, then these scripts of ``book/static`` in order, then ``tail``.

    >>> source = widget_module("quiz-engine.js", tail="export default globalThis.SahelQuiz;")
    >>> source.index("globalThis.SahelDom =") < source.index("globalThis.SahelQuiz =")
    True
    >>> source.endswith("export default globalThis.SahelQuiz;\\n")
    True
    """
    parts = [(STATIC_DIR / name).read_text(encoding="utf-8") for name in (SHARED_SCRIPT, *scripts)]
    return "\n".join(parts) + "\n" + (tail + "\n" if tail else "")
