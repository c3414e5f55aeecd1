"""A chapter prints cleanly (book/static/print.css): what a reader sees on paper, in Chromium's print
layout and in the PDF Chromium writes.

- No navigation: the site header, the sidebars, the theme's printed contents, the search, theme
  and download buttons, "back to top", the previous/next buttons.
- The article at the printable width, in a readable size, and each figure at that width.
- The addresses of links to other sites (a quiz answer's source, an opened claim's sources),
  but not a second time for a link that already reads as its address (the references).
- Black on white, even for a reader who chose the dark theme.
- In the PDF: the chapter's title and its sources' addresses, none of the navigation's text, a
  text on every page, a page count that fits the text, and no figure caption or quiz question
  cut across two pages (a figure's title stays with its caption).

The printable width is an A4 page less the margins print.css sets (15 mm each side).
"""

from __future__ import annotations

import io
import math
import re
import unicodedata

import pytest
from conftest import FIGURES_DRAWN, answer_two_mandate_questions
from pypdf import PdfReader

pytestmark = pytest.mark.browser

MM = 96 / 25.4  # CSS pixels per millimetre
PORTRAIT = round((210 - 30) * MM)  # 680 px: A4 portrait less 15 mm margins each side
LANDSCAPE = round((297 - 30) * MM)  # 1009 px: wide enough for the theme to show its sidebars
CHAPTERS = {"chapters/mandate.html": "The mandate, real and imagined",
            "chapters/mali-2012.html": "Mali 2012: the crisis that brought the UN"}

NAVIGATION = {
    "site header": ".bd-header",
    "primary sidebar (chapters)": ".bd-sidebar-primary",
    "secondary sidebar (on this page)": ".bd-sidebar-secondary",
    "theme's printed table of contents": "#jb-print-docs-body, #jb-print-toc",
    "article header buttons (download, theme, search, contents)": ".bd-header-article, .article-header-buttons",
    "search": ".search-button, .search-button-field, #pst-search-dialog",
    "theme switcher": ".theme-switch-button",
    "back to top": "#pst-back-to-top",
    "previous/next buttons": ".prev-next-footer",
    "skip link": ".skip-link",
    "ways in (notebook, hub, Binder, course pack)": ".course-ways-in",
    "timeline filters and their status line": ".timeline-controls, .timeline-status",
    "an open event card's previous, next and close buttons": ".timeline-card__nav",
}
# Shown on screen on every chapter at both widths (below 992 px the theme folds the site header away
# and shows the article header's buttons): each must then be hidden in print, not only absent.
ON_EVERY_CHAPTER = ("article header buttons (download, theme, search, contents)", "previous/next buttons",
                    "ways in (notebook, hub, Binder, course pack)")
# On the chapters with an event timeline, once a reader opened a card.
ON_A_TIMELINE = ("timeline filters and their status line", "an open event card's previous, next and close buttons")

# Whether an element shows on the page: rendered, not hidden, with a box inside the page's width.
SHOWN = """el => {
  const r = el.getBoundingClientRect();
  return el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && r.width > 1 && r.height > 1 && r.right > 0 && r.left < window.innerWidth;
}"""


def _open(page, site_url: str, path: str, width: int = PORTRAIT) -> None:
    """Open a chapter at a width and wait until every figure is drawn (each is scrolled to, for a
    page that draws figures as they come into view)."""
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(f"{site_url}/{path}")
    for figure in page.locator(".course-figure").all():
        figure.scroll_into_view_if_needed()
    page.wait_for_function(FIGURES_DRAWN)
    page.evaluate("window.scrollTo(0, 0)")


def _compact(text: str) -> str:
    """Text without white space or ligatures, to compare page text with the PDF's, which wraps lines
    anywhere and prints "fi" as one glyph."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("width", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
@pytest.mark.parametrize("path", CHAPTERS)
def test_printed_chapter_is_the_article_alone_at_full_width(page, site_url, path, width):
    _open(page, site_url, path, width)
    timeline = page.locator('.course-figure[data-kind="event-timeline"]')
    if timeline.count():  # a reader opened an event's card before printing
        timeline.first.get_by_role("button", name="Read the events one by one").click()
        page.wait_for_selector(".timeline-card__nav")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")  # as a reader mid-chapter

    def shown() -> dict[str, int]:
        return {name: page.locator(selector).evaluate_all(f"els => els.filter({SHOWN}).length")
                for name, selector in NAVIGATION.items()}

    on_screen = shown()
    expected = ON_EVERY_CHAPTER + (ON_A_TIMELINE if timeline.count() else ())
    assert all(on_screen[name] for name in expected), f"not on screen, so its print check proves nothing: {on_screen}"
    page.emulate_media(media="print")
    printed = shown()
    assert not {name for name, count in printed.items() if count}, f"navigation printed: {printed}"

    article = page.locator("article.bd-article").bounding_box()
    assert abs(article["x"]) <= 2 and article["width"] >= width - 4, (article, width)
    title = page.locator("article.bd-article h1").first
    assert title.evaluate(SHOWN) and title.inner_text().strip() == CHAPTERS[path]
    font_px = page.locator("article.bd-article section > p").first.evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)")
    assert 10 <= font_px * 72 / 96 <= 13, f"body text at {font_px * 72 / 96:.1f} pt"


@pytest.mark.parametrize("path", CHAPTERS)
def test_printed_figures_span_the_printable_width(page, site_url, path):
    # Loaded on a desktop screen, then printed on A4: every figure follows the printed width.
    _open(page, site_url, path, width=1280)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PORTRAIT, "height": 1000})
    page.wait_for_function("""width => [...document.querySelectorAll('.course-figure')].every(f => {
        const svg = f.querySelector('svg.main-svg');
        return f.dataset.drawn === 'true' && svg && Math.abs(svg.getBoundingClientRect().width - width) <= width * 0.02;
      })""", arg=PORTRAIT, timeout=10_000)
    figures = page.locator(".course-figure")
    assert figures.count() >= 2
    for figure in figures.all():
        box = figure.locator("svg.main-svg").first.bounding_box()
        assert box["height"] >= 250 and abs(box["x"]) <= 2, box


def test_printed_links_to_other_sites_show_their_addresses(page, site_url):
    _open(page, site_url, "chapters/mandate.html")
    answer_two_mandate_questions(page)  # the quiz then gives each answer's source as a link
    page.emulate_media(media="print")
    after = "el => getComputedStyle(el, '::after').content"
    sources = page.locator(".quiz__source a[href^='http']")
    assert sources.count() >= 1
    for link in sources.all():
        assert link.evaluate(after) == f'" ({link.get_attribute("href")})"'
    # A reference already reads as its address, and a link inside the site has none to show.
    reference = page.locator("aside.footnote a[href^='http']").first
    assert reference.inner_text().strip() == reference.get_attribute("href")
    assert reference.evaluate(after) == "none"
    assert page.locator("article a[href*='glossary.html']").first.evaluate(after) == "none"


def test_printed_claims_show_their_sources_addresses(page, site_url):
    page.goto(f"{site_url}/chapters/reading-the-article.html")
    toggles = page.locator(".claims__toggle")
    for toggle in toggles.all()[:2]:  # a reader opens two claims, then prints
        toggle.click()
    page.emulate_media(media="print")
    assert not page.locator(".claims__filters").evaluate(SHOWN)
    assert toggles.count() >= 50 and toggles.nth(10).evaluate(SHOWN)  # every claim's verdict prints
    links = page.locator(".claims__panel a[href^='http']")
    assert links.count() >= 2
    for link in links.all():
        assert link.evaluate("el => getComputedStyle(el, '::after').content") == \
            f'" ({link.get_attribute("href")})"', link.inner_text()


def test_dark_theme_prints_black_on_white(page, site_url):
    _open(page, site_url, "chapters/mali-2012.html")
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_function("""() => { const t = document.querySelector('.course-figure .main-svg .gtitle');
        return t && getComputedStyle(t).fill !== 'rgb(31, 31, 31)'; }""")  # figures.js recoloured it
    page.emulate_media(media="print")
    colour = "(el, prop) => getComputedStyle(el)[prop]"
    assert page.locator("body").evaluate(colour, "backgroundColor") == "rgb(255, 255, 255)"
    for selector in ("article section > p", "article h1", "article h2", ".course-figure__caption p",
                     "aside.footnote p", "article a[href*='glossary.html']"):
        assert page.locator(selector).first.evaluate(colour, "color") == "rgb(0, 0, 0)", selector
    # Read in one go: a figure redrawn for the print width replaces its text elements meanwhile.
    fills = page.evaluate("""() => [...document.querySelectorAll('.course-figure .main-svg text')]
        .slice(0, 30).map(t => getComputedStyle(t).fill)""")
    rgb = [f for f in fills if f.startswith("rgb")]
    assert rgb, fills
    for fill in rgb:
        assert max(int(c) for c in re.findall(r"\d+", fill)[:3]) <= 80, fill


@pytest.fixture(scope="module", params=list(CHAPTERS))
def printed(request, browser, site_url):
    """A chapter printed to PDF on A4 by Chromium, with what its page shows in print."""
    context = browser.new_context()
    page = context.new_page()
    path = request.param
    _open(page, site_url, path)
    page.emulate_media(media="print")
    seen = page.evaluate("""() => ({
      article: document.querySelector('article.bd-article').innerText,
      references: [...document.querySelectorAll('aside.footnote a[href^="http"]')].map(a => a.getAttribute('href')),
      navigation: [...document.querySelectorAll('.bd-sidebar-primary nav a, .bd-sidebar-secondary nav a,'
                   + ' .bd-header a, .prev-next-footer a, .course-ways-in a, .timeline-controls button')]
                  .map(a => a.textContent.trim()).filter(Boolean),
      captions: [...document.querySelectorAll('.course-figure__caption')].map(c => ({
        paragraphs: [...c.querySelectorAll(':scope > p')].map(p => p.innerText),
        title: c.parentElement.closest('.cell_output, .cell').querySelector('.gtitle')?.textContent || ''})),
      questions: [...document.querySelectorAll('.quiz__question')].map(q => ({
        prompt: q.querySelector('.quiz__prompt').innerText,
        last: [...q.querySelectorAll('.quiz__option span, .quiz__order-text, .quiz__match-row label,'
               + ' .quiz__number-input label')].map(e => e.innerText).pop() || ''})),
      figures: document.querySelectorAll('.course-figure').length,
    })""")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    context.close()
    return {"path": path, "seen": seen, "pdf": pdf,
            "pages": [_compact(p.extract_text()) for p in pdf.pages]}


def test_pdf_has_the_chapter_and_its_sources_but_no_navigation(printed):
    text = "".join(printed["pages"])
    seen = printed["seen"]
    assert _compact(CHAPTERS[printed["path"]]) in printed["pages"][0]
    assert len(seen["references"]) >= 10
    missing = [url for url in seen["references"] if _compact(url).lower() not in text.lower()]  # aBamako.com
    assert not missing, f"{len(missing)} of {len(seen['references'])} source addresses not printed: {missing[:3]}"
    # What only the navigation says (the text of its links that the article does not also say).
    article = _compact(seen["article"])
    navigation_only = {t for t in seen["navigation"] if len(t) > 3 and _compact(t) not in article}
    assert len(navigation_only) >= 5, navigation_only
    printed_navigation = [t for t in navigation_only if _compact(t) in text]
    assert not printed_navigation, f"navigation in the PDF: {printed_navigation}"
    if "Contents" not in article:  # the theme's printed table of contents
        assert "Contents" not in text


def test_pdf_pages_are_a4_filled_and_as_many_as_the_text_needs(printed):
    pdf, pages = printed["pdf"], printed["pages"]
    width_mm = float(pdf.pages[0].mediabox.width) * 25.4 / 72
    assert abs(width_mm - 210) < 1, width_mm
    assert all(len(p) > 50 for p in pages), [i + 1 for i, p in enumerate(pages) if len(p) <= 50]
    characters = len(_compact(printed["seen"]["article"]))
    # An A4 page at 11 pt holds under 4,000 characters; a figure takes at most half a page.
    fewest = math.ceil(characters / 4000)
    most = math.ceil(characters / 1500) + printed["seen"]["figures"] + 2
    assert fewest <= len(pages) <= most, (len(pages), fewest, most)


def _page_of(pages: list[str], text: str, start: int = 0) -> int:
    """The first page, from ``start``, whose text has ``text`` (compared without white space)."""
    needle = _compact(text)
    return next((i for i in range(start, len(pages)) if needle in pages[i]), -1)


def test_pdf_keeps_captions_questions_and_figure_titles_whole(printed):
    pages, seen = printed["pages"], printed["seen"]
    assert seen["captions"] and len(seen["captions"]) == seen["figures"]
    for caption in seen["captions"]:
        whole = " ".join(caption["paragraphs"])
        first = _page_of(pages, whole[:40])
        assert first >= 0 and _page_of(pages, whole[-40:], first) == first, f"caption cut: {whole[:60]}"
        if caption["title"]:
            assert _compact(caption["title"]) in pages[first], f"figure title apart: {caption['title']}"
    questions = seen["questions"]
    assert len(questions) >= 6 or printed["path"] != "chapters/mandate.html"
    for question in questions:
        first = _page_of(pages, question["prompt"][:60])
        assert first >= 0, question["prompt"]
        assert _compact(question["last"]) in pages[first], f"question cut: {question['prompt'][:60]}"


def test_the_printed_bibliography_has_every_entry(page, site_url):
    """Its entries are laid out only as they near the screen (content-visibility): all still print."""
    page.goto(f"{site_url}/chapters/bibliography.html")
    page.wait_for_load_state("networkidle")
    entries = page.locator(".citation-list > .citation").count()
    assert entries > 1000
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert text.count("Accessed") == entries
