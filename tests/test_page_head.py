"""The rewriting of the pages' heads (``book/page_head.py``) on a small site: one stylesheet bundle
in the place of the first stylesheet, deferred scripts, and a second build that rewrites only some
pages (as Sphinx does when only some sources changed) still gives every page a bundle that holds
what it needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from book.page_head import BUNDLE_LIST, HeadError, speed_up_site, stylesheets

PAGE = """<!DOCTYPE html><html><head>
<meta charset="utf-8">
<script data-cfasync="false" src="{p}_static/mode.js"></script>
<link href="{p}_static/styles/theme.css?digest=1" rel="stylesheet" />
{links}
<link media="print" rel="stylesheet" href="{p}_static/print.css" />
<link rel="preload" as="script" href="{p}_static/scripts/theme.js" />
<script src="{p}_static/doctools.js"></script>
</head><body><p>Text</p></body></html>
"""


def _page(prefix: str, *names: str) -> str:
    links = "\n".join(f'<link rel="stylesheet" type="text/css" href="{prefix}_static/{n}?v=1" />' for n in names)
    return PAGE.format(p=prefix, links=links)


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "basic.css").write_text("div.body{background:url(file.png)}\n")
    (static / "styles" / "theme.css").write_text('@import "../basic.css";\n')
    for name, rule in {"course.css": ".course{}", "quiz.css": ".quiz{}", "claims.css": ".claims{}"}.items():
        (static / name).write_text(rule + "\n")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "index.html").write_text(_page("", "course.css"))
    (tmp_path / "chapters" / "quiz.html").write_text(_page("../", "quiz.css", "course.css"))
    (tmp_path / "chapters" / "claims.html").write_text(_page("../", "course.css", "claims.css"))
    return tmp_path


def test_every_page_gets_the_one_bundle_with_every_stylesheet_in_an_order_that_suits_all(site):
    bundle = speed_up_site(site)
    text = bundle.read_text()
    assert text.index("div.body{background:url(file.png)}") < text.index(".quiz{}") < text.index(".course{}") \
        < text.index(".claims{}")
    for page, prefix in ((site / "index.html", ""), (site / "chapters" / "quiz.html", "../")):
        html = page.read_text()
        assert stylesheets(html) == [f"{prefix}_static/{bundle.name}"]
        assert 'media="print" rel="stylesheet"' in html, "the print stylesheet stays apart"
        assert '<script defer src="' + prefix + '_static/doctools.js">' in html
        assert '<script data-cfasync="false" src="' in html, "the colour mode is set before the first paint"
        assert 'rel="preload"' not in html


def test_a_second_build_that_rewrites_one_page_keeps_what_the_others_need(site):
    first = speed_up_site(site)
    (site / "_static" / "course.css").write_text(".course{color:red}\n")
    (site / "index.html").write_text(_page("", "course.css"))  # Sphinx wrote this page again
    second = speed_up_site(site)
    assert second != first and not first.exists(), "the old bundle goes"
    assert ".claims{}" in second.read_text(), "the claims page, not rewritten, still needs claims.css"
    assert ".course{color:red}" in second.read_text()
    for page in (site / "index.html", site / "chapters" / "claims.html"):
        assert second.name in page.read_text() and first.name not in page.read_text()
    assert (site / "_static" / BUNDLE_LIST).read_text().split() == [
        "styles/theme.css", "quiz.css", "course.css", "claims.css"]


def test_pages_that_disagree_on_the_order_stop_the_build(site):
    (site / "chapters" / "claims.html").write_text(_page("../", "course.css", "quiz.css"))  # quiz.html: the reverse
    with pytest.raises(HeadError, match="different orders"):
        speed_up_site(site)
