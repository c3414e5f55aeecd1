"""The Sahel crisis course: the shared code that chapters and exercises import.

- :mod:`book.data` loads the sourced tables in ``data/`` as typed DataFrames, validated on load.
- :mod:`book.figures` draws the course's timelines, charts and maps, the same in JupyterLab
  and in the static site.
- :mod:`book.quiz` shows a chapter's quiz, graded in the browser in both places.
- :mod:`book.checks` checks an exercise answer and says, in a sentence, what is wrong.
"""

__version__ = "0.1.0"
