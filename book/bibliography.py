"""``references.bib`` is made from ``data/sources.csv``: one list of sources for the data and the
prose, so that a chapter's ``{cite}`` key is the same id a data row names.

``python -m book.bibliography`` writes it anew; a test fails if it is out of date.
"""

from __future__ import annotations

import re
import sys

import pandas as pd

from book.data import load
from book.paths import repo_root

BIB_FILE = "references.bib"
_SPECIAL = re.compile(r"([&%$#_{}])")


def _escape(text: str) -> str:
    """Escape the characters BibTeX treats specially.

    >>> _escape("Q&A on 50% {x}")
    'Q\\\\&A on 50\\\\% \\\\{x\\\\}'
    """
    return _SPECIAL.sub(r"\\\1", text)


def entry(row: pd.Series) -> str:
    """One ``@misc`` entry for a source row.

    >>> print(entry(pd.Series({"source_id": "s-res-1", "publisher": "UN", "title": "T",
    ...     "published": "2013-04-25", "url": "https://un.org/x", "accessed": pd.Timestamp("2026-11-28"),
    ...     "kind": "un_document", "note": None})))
    @misc{s-res-1,
      author = {{UN}},
      title = {{T}},
      year = {2013},
      date = {2013-04-25},
      url = {https://un.org/x},
      note = {UN document. Accessed 2026-11-28},
    }
    """
    published = row["published"] if isinstance(row["published"], str) and row["published"] else None
    fields = [("author", f"{{{_escape(row['publisher'])}}}"), ("title", f"{{{_escape(row['title'])}}}")]
    if published:
        fields += [("year", published[:4]), ("date", published)]
    if isinstance(row["url"], str) and row["url"]:
        fields.append(("url", row["url"]))
    kind = str(row["kind"]).replace("_", " ")
    kind = kind.replace("un ", "UN ", 1) if kind.startswith("un ") else kind
    note = f"{kind[0].upper()}{kind[1:]}. Accessed {row['accessed']:%Y-%m-%d}"
    fields.append(("note", _escape(note)))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@misc{{{row['source_id']},\n{body}}}"


def bibtex() -> str:
    """The whole bibliography, sorted by key."""
    sources = load("sources").sort_values("source_id")
    header = "% Made by `python -m book.bibliography` from data/sources.csv. Do not edit by hand.\n\n"
    return header + "\n\n".join(entry(row) for _, row in sources.iterrows()) + "\n"


def main() -> int:
    """Write references.bib."""
    (repo_root() / BIB_FILE).write_text(bibtex(), encoding="utf-8")
    print(f"wrote {BIB_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
