"""The glossary page, written from ``data/glossary.csv``, and the key terms that chapters link to it.

``python -m book.glossary --write`` rewrites ``chapters/glossary.md`` (a Sphinx ``glossary``
directive, so that ``{term}`MINUSMA``` in a chapter links to its entry); the tests fail when the
page and the table disagree, and when a chapter's key term has no entry.

>>> entry = glossary_markdown().split("\\nFAMa\\n")[1]
>>> entry.splitlines()[0]
'Forces armées maliennes'
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pandas as pd

from book.data import load
from book.paths import repo_root

PAGE = Path("chapters") / "glossary.md"
HEADER = """\
# Glossary

<!-- Written from data/glossary.csv by `python -m book.glossary --write`: edit the table, not this page. -->

Every acronym, name and term the chapters use, with the other spellings that sources use for it.
A key term in a chapter links here. Each definition cites its sources; the few terms of the
course's own method (such as *primary source* or *verdict*) are defined by the course.

"""
TERM_ROLE = re.compile(r"\{term\}`([^`<]*?)(?:\s*<([^>`]+)>)?`")


def _plain(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def term_lines(glossary: pd.DataFrame) -> dict[str, list[str]]:
    """For each entry, the names it answers to in the page: its term, then each variant that no
    other entry already uses (Sphinx matches terms without regard to case).

    >>> g = pd.DataFrame({"term": ["FAMa", "MINUSMA"], "variants": [["FAMA", "Malian army"], ["Minusma"]]})
    >>> term_lines(g)
    {'FAMa': ['FAMa', 'Malian army'], 'MINUSMA': ['MINUSMA']}
    """
    taken = {t.lower() for t in glossary["term"]}
    lines: dict[str, list[str]] = {}
    for row in glossary.itertuples():
        names = [row.term]
        for variant in _plain(row.variants):
            if variant.lower() not in taken:
                names.append(variant)
                taken.add(variant.lower())
        lines[row.term] = names
    return lines


def glossary_markdown(glossary: pd.DataFrame | None = None) -> str:
    """The glossary page as MyST markdown."""
    glossary = load("glossary") if glossary is None else glossary
    names = term_lines(glossary)
    blocks = []
    for row in glossary.sort_values("term", key=lambda s: s.str.strip('"').str.lower()).itertuples():
        text = row.definition.strip()
        variants = _plain(row.variants)
        if variants:
            text += f" *Also written:* {'; '.join(variants)}."
        related = _plain(row.see_also)
        if related:
            text += " *See also:* " + ", ".join(f"{{term}}`{r}`" for r in related) + "."
        sources = _plain(row.source_ids)
        if sources:
            text += f" {{footcite}}`{','.join(sources)}`"
        blocks.append("\n".join(names[row.term]) + "\n  " + text)
    return HEADER + "```{glossary}\n" + "\n\n".join(blocks) + "\n```\n\n## References\n\n```{footbibliography}\n```\n"


def write(root: Path | None = None) -> Path:
    """Write the glossary page from the table."""
    path = (root or repo_root()) / PAGE
    path.write_text(glossary_markdown(), encoding="utf-8")
    return path


def key_terms(notebook: Path) -> list[str]:
    """The bullets of a chapter's "Key terms" list, as written.

    >>> key_terms(repo_root() / "chapters" / "mandate.ipynb")[0].startswith("- **{term}`MINUSMA")
    True
    """
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "**Key terms**" in cell.source:
            after = cell.source.split("**Key terms**", 1)[1].split("\n", 1)[-1].lstrip("\n")
            bullets = []
            for line in after.splitlines():
                if not line.startswith("- "):
                    break
                bullets.append(line)
            return bullets
    return []


def linked_terms(text: str) -> list[str]:
    """The glossary terms that ``{term}`` roles in ``text`` point at.

    >>> linked_terms("The {term}`Malian army <FAMa>` and {term}`MINUSMA`.")
    ['FAMa', 'MINUSMA']
    """
    return [(target or label).strip() for label, target in TERM_ROLE.findall(text)]


def main(argv: list[str]) -> int:
    """``--write`` rewrites the page; with no argument, exit 1 if it is out of date."""
    current = (repo_root() / PAGE).read_text(encoding="utf-8") if (repo_root() / PAGE).exists() else ""
    if "--write" in argv:
        print(f"wrote {write()}")
        return 0
    if current != glossary_markdown():
        print(f"{PAGE} is out of date: run python -m book.glossary --write")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
