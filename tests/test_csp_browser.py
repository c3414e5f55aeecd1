"""The Content-Security-Policy of every page: it is there, it allows only the site's own scripts and
styles, and no page breaks it in Chromium (a violation is reported as a ``securitypolicyviolation``
event and on the console). The quiz, the figures and the claims explorer still work under it."""

from __future__ import annotations

import pytest
from conftest import FIGURES_DRAWN, SITE, toc_pages

from book.csp import EMPTY_STYLE, POLICY, style_hash

pytestmark = pytest.mark.browser
PAGES = toc_pages()

WATCH = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));"""


def test_the_policy_allows_nothing_inline_and_nothing_from_elsewhere():
    directives = dict(part.strip().split(" ", 1) for part in POLICY.split(";"))
    for name in ("script-src", "default-src"):
        assert directives[name] == "'self'", name
    # styles: the site's own files, plotly.js's empty <style> elements, and the two exact inline styles
    # of its bold and italic hover text, by hash
    rich = " ".join(style_hash(css) for css in ("font-weight:bold", "font-style:italic"))
    assert directives["style-src"] == f"'self' {EMPTY_STYLE} 'unsafe-hashes' {rich}"
    assert "unsafe-inline" not in POLICY and "unsafe-eval" not in POLICY and "http" not in POLICY
    assert POLICY.count("unsafe") == 1


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_policy_and_breaks_none_of_it(page, watched, site_url, path):
    text = (SITE / path).read_text(encoding="utf-8")
    assert text.count('http-equiv="Content-Security-Policy"') == 1, "the policy must be in the page once"
    assert " onclick=" not in text and " style=\"" not in text, "inline handlers and style attributes are moved out"
    page.add_init_script(WATCH)
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    if page.locator(".course-figure").count():
        page.wait_for_function(FIGURES_DRAWN)
    violations = page.evaluate("window.__violations")
    assert violations == [], violations
    assert not [e for e in watched.console_errors if "Content Security Policy" in e]
    watched.assert_clean()
