"""The claims explorer in the built site, driven in Chromium as a reader uses it: filters, search,
a claim opened by keyboard, a link to one claim, a phone-sized screen, and no JavaScript at all.

Every expected list is computed here from ``data/claims.csv``, so a test fails when the explorer
shows a claim it should hide or hides one it should show.
"""

from __future__ import annotations

import unicodedata

import pytest
from conftest import SITE

from book.data import load
from book.explorer import EXPLORER_SLUG

pytestmark = pytest.mark.browser
PAGE = f"chapters/{EXPLORER_SLUG}.html"
CLAIMS = load("claims")
SOURCES = load("sources").set_index("source_id")


def fold(text: str) -> str:
    """As the explorer compares: lower case, accents removed."""
    return "".join(ch for ch in unicodedata.normalize("NFD", str(text)) if not unicodedata.combining(ch)).lower()


def searchable(row) -> str:
    return fold(" ".join(str(v) for v in (row.claim_id, row.section, row.quote, row.paraphrase,
                                              row.correction, row.evidence) if isinstance(v, str)))


def visible_ids(page) -> list[str]:
    return page.locator(".claims__item:not([hidden])").evaluate_all("els => els.map(e => e.dataset.claimId)")


def open_explorer(page, site_url: str, suffix: str = ""):
    page.goto(f"{site_url}/{PAGE}{suffix}")
    page.wait_for_selector(".claims-mount[data-mounted='true'] .claims__item")
    return page.locator(".claims")


def test_the_explorer_replaces_the_table_and_lists_every_claim(page, watched, site_url):
    explorer = open_explorer(page, site_url)
    assert explorer.count() == 1
    assert page.locator(".claims-fallback").count() == 0, "the no-JavaScript table is still shown"
    assert visible_ids(page) == list(CLAIMS["claim_id"])
    assert page.get_by_role("status").filter(has_text="claims").inner_text() == \
        f"Showing {len(CLAIMS)} of {len(CLAIMS)} claims."
    watched.assert_clean()


@pytest.mark.parametrize("verdict", sorted(set(CLAIMS["verdict"])))
def test_the_verdict_filter_shows_exactly_the_claims_with_that_verdict(page, watched, site_url, verdict):
    open_explorer(page, site_url)
    page.locator(".claims").get_by_label("Verdict", exact=True).select_option(verdict)
    expected = list(CLAIMS.loc[CLAIMS["verdict"] == verdict, "claim_id"])
    assert visible_ids(page) == expected
    assert page.locator(".claims__status").inner_text() == f"Showing {len(expected)} of {len(CLAIMS)} claims."
    watched.assert_clean()


def test_chapter_and_theme_filters_combine_and_clear(page, watched, site_url):
    open_explorer(page, site_url)
    chapter, theme = CLAIMS[["chapter", "theme"]].value_counts().index[0]
    page.locator(".claims").get_by_label("Chapter", exact=True).select_option(chapter)
    assert visible_ids(page) == list(CLAIMS.loc[CLAIMS["chapter"] == chapter, "claim_id"])
    page.locator(".claims").get_by_label("Theme", exact=True).select_option(theme)
    both = CLAIMS[(CLAIMS["chapter"] == chapter) & (CLAIMS["theme"] == theme)]
    assert visible_ids(page) == list(both["claim_id"])
    page.get_by_role("button", name="Clear filters").click()
    assert visible_ids(page) == list(CLAIMS["claim_id"])
    assert page.evaluate("document.activeElement.type") == "search", "focus should return to the search box"
    watched.assert_clean()


@pytest.mark.parametrize("words", ["menaka", "ECOWAS sanctions", "resolution 2690", "goita"])
def test_search_finds_words_in_any_order_with_or_without_accents(page, watched, site_url, words):
    open_explorer(page, site_url)
    page.locator(".claims").get_by_label("Search the claims", exact=True).fill(words)
    wanted = fold(words).split()
    expected = [r.claim_id for r in CLAIMS.itertuples() if all(w in searchable(r) for w in wanted)]
    assert expected, f"the test needs a search that finds something: {words!r}"
    assert visible_ids(page) == expected
    watched.assert_clean()


def test_a_search_that_finds_nothing_says_so(page, watched, site_url):
    open_explorer(page, site_url)
    page.locator(".claims").get_by_label("Search the claims", exact=True).fill("zzzz qqqq")
    assert visible_ids(page) == []
    assert page.locator(".claims__empty").is_visible()
    assert page.locator(".claims__status").inner_text() == f"Showing 0 of {len(CLAIMS)} claims."
    watched.assert_clean()


def test_a_claim_opens_and_closes_from_the_keyboard_with_its_evidence_and_links(page, watched, site_url):
    open_explorer(page, site_url)
    claim = CLAIMS[CLAIMS["verdict"] == "inaccurate"].iloc[0]
    toggle = page.locator(f'#claim-{claim.claim_id} .claims__toggle')
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    panel = page.locator(f"#{toggle.get_attribute('aria-controls')}")
    assert panel.is_visible()
    text = panel.inner_text()
    assert "✗ Inaccurate" in text and claim.correction[:60] in text and claim.evidence[:60] in text
    hrefs = panel.locator(".claims__sources a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs == [SOURCES.at[s, "url"] for s in claim.source_ids]
    chapter_link = panel.get_by_role("link", name="Chapter")
    assert chapter_link.count() == 1
    href = chapter_link.get_attribute("href")
    assert href == f"{claim.chapter}.html" and (SITE / "chapters" / href).is_file()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false" and not panel.is_visible()
    watched.assert_clean()


def test_a_link_to_one_claim_opens_it(page, watched, site_url):
    claim_id = CLAIMS["claim_id"].iloc[-1]
    open_explorer(page, site_url, f"#claim-{claim_id}")
    assert page.locator(f"#claim-{claim_id} .claims__toggle").get_attribute("aria-expanded") == "true"
    watched.assert_clean()


def test_the_explorer_fits_a_320_pixel_screen(page, watched, site_url):
    page.set_viewport_size({"width": 320, "height": 640})
    explorer = open_explorer(page, site_url)
    page.locator(".claims__toggle").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "the page scrolls sideways"
    box = explorer.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    for control in ("Search the claims", "Verdict", "Theme"):
        b = explorer.get_by_label(control, exact=True).bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= 320, f"{control} overflows"
    watched.assert_clean()


def test_without_javascript_every_claim_is_in_a_plain_table(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{PAGE}")
    rows = page.locator(".claims-fallback table tbody tr")
    assert rows.count() == len(CLAIMS)
    first = CLAIMS.iloc[0]
    assert rows.first.locator("th").inner_text() == first.claim_id
    assert first.verdict.capitalize() in rows.first.inner_text()
    assert page.locator(".claims__item").count() == 0
    context.close()
