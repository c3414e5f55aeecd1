"""Every page of the table of contents, as the manifest declares it, checked in Chromium the way a
reader uses it: the page is built, every figure is drawn with its text alternative and data table,
every quiz answers every question by mouse and by keyboard alone, and a draft says so.

A chapter added with ``./course new-chapter`` is in these tests the day it is created.
"""

from __future__ import annotations

import pytest
from conftest import FIGURES_DRAWN, SITE, toc_pages
from quiz_driver import answer, feedback, page_quiz, question

from book import manifest

pytestmark = pytest.mark.browser
PAGES = toc_pages()
BUILT = manifest.built_chapters()
QUIZ_PAGES = [f"{c.docname}.html" for c in BUILT if c.quiz]


def test_every_page_of_the_manifest_is_built():
    missing = [p for p in PAGES if not (SITE / p).is_file()]
    assert not missing, f"pages in _chapters.yml that the site lacks: {missing}"
    assert not any(p.startswith("exercises/teacher") for p in PAGES), "the teacher edition must not be published"


@pytest.mark.parametrize("path", PAGES)
def test_every_figure_is_drawn_with_its_text_alternative_and_data(page, watched, site_url, path):
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    figures = page.locator(".course-figure")
    if figures.count() == 0:
        pytest.skip(f"{path} has no figure")
    page.wait_for_function(FIGURES_DRAWN)
    for fig in figures.all():
        assert fig.locator(".main-svg").count() >= 1, f"figure {fig.get_attribute('id')} was not drawn"
        label = fig.get_attribute("aria-label") or ""
        assert len(label) > 20, f"figure {fig.get_attribute('id')}: alt text too short: {label!r}"
        caption = page.locator(f"#{fig.get_attribute('aria-describedby')}")
        assert caption.count() == 1 and caption.inner_text().startswith("Figure:")
        table = caption.locator("details table")
        assert table.count() == 1 and table.locator("tbody tr").count() >= 1, "no data table under the figure"
    watched.assert_clean()


@pytest.mark.parametrize("mode", ["mouse", "keyboard"])
@pytest.mark.parametrize("path", QUIZ_PAGES)
def test_every_quiz_question_answers_wrong_then_right(page, watched, site_url, path, mode):
    page.goto(f"{site_url}/{path}")
    mount = page.locator(".quiz-mount")
    assert mount.count() == 1, f"{path} declares a quiz but shows {mount.count()}"
    spec = page_quiz(page)
    total = len(spec["questions"])
    for done, q_spec in enumerate(spec["questions"], start=1):
        q = question(page, q_spec["id"])
        answer(page, q, q_spec, right=False, mode=mode)
        assert feedback(page, q_spec["id"]).startswith("✗ Not quite. Try again"), (q_spec["id"], mode)
        answer(page, q, q_spec, right=True, mode=mode)
        text = feedback(page, q_spec["id"])
        assert text.startswith("✓ Correct."), (q_spec["id"], mode, text)
        assert "Source:" in text
        assert f"Score: {done} of {total}" in page.locator(".quiz__score").inner_text()
    watched.assert_clean()


@pytest.mark.parametrize("chapter", BUILT, ids=[c.slug for c in BUILT])
def test_a_draft_is_marked_in_preparation_and_a_published_chapter_is_not(page, site_url, chapter):
    for path in (f"{page}.html" for page in chapter.pages()):
        page.goto(f"{site_url}/{path}")
        banner = page.locator(".course-draft")
        if chapter.status == "draft":
            assert banner.count() == 1 and "In preparation" in banner.inner_text(), f"{path}: no draft banner"
        else:
            assert banner.count() == 0, f"{path} is published but marked as a draft"
