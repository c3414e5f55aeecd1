"""Accessibility, measured with axe-core (WCAG 2.1 A and AA rules) in the light and dark themes,
with quiz feedback on the page; and the site read from a downloaded copy (file://), offline."""

from __future__ import annotations

import pytest
from conftest import FIGURES_DRAWN, ROOT, SITE, toc_pages
from quiz_driver import answer_first_questions

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = toc_pages()  # every page of the manifest, with the search and index pages
RUN_AXE = """async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v =>
    `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}"""


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violation(page, site_url, path, mode):
    assert AXE.exists(), "axe-core is missing: run npm ci"
    page.goto(f"{site_url}/{path}")
    page.evaluate("m => { localStorage.setItem('mode', m); localStorage.setItem('theme', m); }", mode)
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    if page.locator(".course-figure").count():
        page.wait_for_function(FIGURES_DRAWN)
    if page.locator(".quiz-mount").count():
        answer_first_questions(page)  # so that the feedback colours are audited too
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a script tag: the page's policy allows no inline script
    violations = page.evaluate(RUN_AXE)
    assert violations == [], "\n".join(violations)


def test_downloaded_copy_works_offline_from_file_urls(page):
    requested: list[str] = []

    def route(r):
        requested.append(r.request.url)
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((SITE / "chapters" / "mandate.html").as_uri())
    page.wait_for_function(FIGURES_DRAWN)
    q = page.locator('.quiz__question[data-question-id="ceiling-2016"]')
    q.get_by_label("Your answer").fill("13289")
    q.get_by_role("button", name="Check answer").click()
    assert q.locator(".quiz__feedback").inner_text().startswith("✓ Correct.")
    assert not [u for u in requested if not u.startswith(("file:", "data:", "blob:"))]
    assert not errors, errors
