"""The glossary (data/glossary.csv and the page written from it) and the chapters' key terms:
every key term of every chapter links to an entry, and every link finds one."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from book import manifest
from book.data import load
from book.glossary import PAGE, glossary_markdown, key_terms, linked_terms, term_lines

ROOT = manifest.repo_root()
GLOSSARY = load("glossary")
NAMES = {name.lower() for names in term_lines(GLOSSARY).values() for name in names}
NOTEBOOKS = [ROOT / c.notebook for c in manifest.built_chapters() if c.notebook]
PAGES = [*NOTEBOOKS, *sorted((ROOT / "chapters").glob("*.md"))]


def test_the_glossary_page_is_written_from_the_table():
    assert (ROOT / PAGE).read_text(encoding="utf-8") == glossary_markdown(), \
        "chapters/glossary.md is out of date: run python -m book.glossary --write"


def test_the_glossary_covers_the_variants_the_style_guide_names():
    for name in ("Goïta", "Goita", "Ménaka", "Menaka", "Timbuktu", "Tombouctou", "FAMa", "IS Sahel", "ISSP",
                 "Azawad", "CMA", "CSP", "FLA", "M5-RFP", "AES"):
        found = any(name.lower() == t.lower() or name.lower() in (v.lower() for v in vs) or name in t
                    for t, vs in zip(GLOSSARY["term"], GLOSSARY["variants"].map(lambda v: v or []), strict=True))
        assert found, f"the glossary has no entry or variant for {name}"


def test_every_see_also_names_an_entry():
    for row in GLOSSARY.itertuples():
        for other in row.see_also or []:
            assert other.lower() in NAMES, f"glossary entry {row.term!r}: see also {other!r} is not an entry"


def test_every_entry_but_the_course_s_own_method_terms_cites_a_source():
    unsourced = set(GLOSSARY.loc[GLOSSARY["source_ids"].map(lambda s: not s), "term"])
    method = {"Primary source", "Secondary source", "Wire agency", "Checkable fact", "Judgement", "Forecast",
              "Verdict", "Bambara"}
    assert unsourced <= method, f"entries without a source: {sorted(unsourced - method)}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_key_term_of_a_chapter_links_to_the_glossary(notebook: Path):
    bullets = key_terms(notebook)
    assert bullets, f"{notebook.name} has no Key terms list"
    for bullet in bullets:
        assert linked_terms(bullet), f"{notebook.name}: key term without a glossary link: {bullet[:80]!r}"


def _text(page: Path) -> str:
    if page.suffix != ".ipynb":
        return page.read_text(encoding="utf-8")
    return "\n".join(c.source for c in nbformat.read(page, as_version=4).cells if c.cell_type == "markdown")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_glossary_link_finds_an_entry(page: Path):
    missing = [t for t in linked_terms(_text(page)) if t.lower() not in NAMES]
    assert not missing, f"{page.name} links to glossary terms that have no entry: {missing}"


def test_a_key_term_without_an_entry_is_reported(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "**Key terms**\n\n- **{term}`MINUSMA`**: the mission.\n- **Blue berets**: no link.\n"
        "- **{term}`Nowhere`**: x.")])
    path = tmp_path / "demo.ipynb"
    nbformat.write(nb, path)
    bullets = key_terms(path)
    assert [bool(linked_terms(b)) for b in bullets] == [True, False, True]
    assert [t for b in bullets for t in linked_terms(b) if t.lower() not in NAMES] == ["Nowhere"]


def test_claims_name_a_chapter_that_names_them():
    chapters = {c.slug: c for c in manifest.chapters()}
    claims = load("claims")
    for row in claims.itertuples():
        assert row.chapter in chapters, f"claim {row.claim_id}: no chapter {row.chapter!r} in _chapters.yml"
        text = (ROOT / chapters[row.chapter].notebook).read_text(encoding="utf-8")
        assert re.search(rf"\b{row.claim_id}\b", text), (
            f"claim {row.claim_id} is assigned to {row.chapter}, whose text and outputs never name it")
