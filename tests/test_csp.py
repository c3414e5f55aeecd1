"""How a page is rewritten for its Content-Security-Policy (book.csp): what runs moves to the site's
own files, in the same order; data stays; dead configuration goes."""

from __future__ import annotations

from book.csp import META, _Site, secure_page

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<script>var first = 1;</script><script src="_static/a.js"></script>
<script type="text/x-thebe-config">{ requestKernel: true }</script><script>kernelName = 'python3'</script>
<style>.dataframe td { color: red; }</style></head>
<body><table style="width: 100%" class="t"><tr style="text-align: right;"><td>1</td></tr></table>
<button onclick="window.print()" class="btn">Print</button>
<script type="application/json" class="quiz-spec">{"id": "q"}</script><script>var last = 2;</script></body></html>"""


def test_a_page_is_rewritten_so_that_its_policy_holds(tmp_path):
    site = _Site(tmp_path)
    out = secure_page(PAGE, "../", site)
    site.finish()
    assert out.count(META) == 1 and out.index(META) < out.index("<script")
    scripts = [name.name for name in (tmp_path / "_static" / "inline").glob("*.js") if name.name != "handlers.js"]
    assert len(scripts) == 2, "each inline script has its own file"
    first, last = (out.index(f'src="../_static/inline/{n}"') for n in sorted(
        scripts, key=lambda n: (tmp_path / "_static" / "inline" / n).read_text().startswith("var last")))
    assert first < out.index('src="_static/a.js"') < last, "scripts keep their order"
    assert "thebe" not in out and "kernelName" not in out, "dead configuration is dropped"
    assert "<style" not in out and 'rel="stylesheet" href="../_static/inline/' in out
    assert ' style="' not in out and 'class="t csp-' in out and '<tr class="csp-' in out
    css = (tmp_path / "_static" / "inline" / "attributes.css").read_text()
    assert "{width: 100%}" in css and "{text-align: right;}" in css
    assert "onclick" not in out and 'data-course-print class="btn"' in out
    assert '<script type="application/json" class="quiz-spec">{"id": "q"}</script>' in out, "data stays in the page"
