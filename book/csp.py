"""A Content-Security-Policy for every page of the site: only the site's own scripts and styles run.

Run after the build (:func:`secure_site`, from ``book.sphinx_ext``). Sphinx, the theme and its
extensions write small inline scripts, ``<style>`` blocks, ``style`` attributes and one inline
click handler into the pages; a policy without ``'unsafe-inline'`` would block them. So each page
is rewritten:

- every inline script goes to a file of its own under ``_static/inline/`` (named by a hash of its
  text, so identical ones are written once) and the page loads it in the same place, so that it
  runs in the same order as before;
- the theme's dead Thebe configuration (Thebe itself is not shipped) is dropped;
- ``<style>`` blocks become stylesheets under ``_static/inline/``, and each ``style`` attribute a
  class defined in ``_static/inline/attributes.css``;
- the print button's ``onclick`` becomes a ``data-course-print`` attribute that
  ``_static/inline/handlers.js`` listens to;
- a ``<meta http-equiv="Content-Security-Policy">`` opens the head.

JSON held in ``<script type="application/json">`` (quizzes, figures, the claims explorer) is data,
not script, and stays in the page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from pathlib import Path

from book.page_head import site_pages

# plotly.js keeps its own rules in <style> elements that it creates empty and fills through the CSS
# object model (which a policy does not restrict); the hash of the empty text lets only those in.
EMPTY_STYLE = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
# plotly.js writes <b> and <i> of hover labels as <tspan style="font-weight:bold"> (and italic): only
# these exact style attributes are let in ('unsafe-hashes' with their hashes), no other inline style.
PLOTLY_TAG_STYLES = ("font-weight:bold", "font-style:italic")


def style_hash(css: str) -> str:
    """The policy source that allows one exact inline style.

    >>> style_hash("font-weight:bold")
    "'sha256-wkY2X5hecQzbhnFCqvTpwrUJ1f4X8LH5WFjYUzv1wmU='"
    """
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"


RICH_TEXT = "'unsafe-hashes' " + " ".join(style_hash(css) for css in PLOTLY_TAG_STYLES)
POLICY = (f"default-src 'self'; script-src 'self'; style-src 'self' {EMPTY_STYLE} {RICH_TEXT}; img-src 'self' data:; "
          "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")
META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'

SCRIPT = re.compile(r"<script(?P<attrs>(?:(?!\bsrc=)[^>])*)>(?P<body>.*?)</script>", re.S | re.I)
STYLE_BLOCK = re.compile(r"<style[^>]*>(?P<body>.*?)</style>", re.S | re.I)
STYLE_ATTR = re.compile(r'\sstyle="(?P<css>[^"]*)"')
PRINT = re.compile(r'\sonclick="window\.print\(\)"')
HANDLERS = """// Click handlers that the theme wrote inline, kept out of the page for its security policy.
document.addEventListener("click", function (event) {
  var target = event.target.closest ? event.target.closest("[data-course-print]") : null;
  if (target) window.print();
});
"""
DATA_TYPES = ("application/json", "application/ld+json")
DEAD = ("text/x-thebe-config",)
DEAD_BODIES = ("kernelName = 'python3'",)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class _Site:
    """What the rewriting collects across pages: scripts, stylesheets and attribute classes."""

    def __init__(self, out: Path) -> None:
        self.folder = out / "_static" / "inline"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.attribute_classes: dict[str, str] = {}
        (self.folder / "handlers.js").write_text(HANDLERS, encoding="utf-8")

    def file(self, text: str, suffix: str) -> str:
        name = f"{_digest(text)}{suffix}"
        path = self.folder / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        return name

    def attribute_class(self, css: str) -> str:
        """The class that stands for a ``style`` attribute (one per distinct value)."""
        return self.attribute_classes.setdefault(css, f"csp-{_digest(css)[:10]}")

    def finish(self) -> None:
        """Write the classes of every page's style attributes, keeping those of pages an earlier build
        rewrote (class names are hashes of their rules, so a rule keeps its name)."""
        path = self.folder / "attributes.css"
        rules = {f".{cls}{{{html.unescape(css)}}}" for css, cls in self.attribute_classes.items()}
        if path.exists():
            rules |= {line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(".")}
        path.write_text("/* The style attributes of the built pages, as classes (see book/csp.py). */\n"
                        + "".join(f"{rule}\n" for rule in sorted(rules)), encoding="utf-8")


def _with_class(tag: str, cls: str) -> str:
    """Add ``cls`` to the class attribute of an opening tag (creating it if needed)."""
    match = re.search(r'\sclass="([^"]*)"', tag)
    if match:
        return tag[: match.start(1)] + f"{match.group(1)} {cls}" + tag[match.end(1):]
    return re.sub(r"^<([a-zA-Z0-9]+)", rf'<\1 class="{cls}"', tag, count=1)


def secure_page(text: str, prefix: str, site: _Site) -> str:
    """One page, rewritten so that its Content-Security-Policy holds. ``prefix`` leads from the page
    to the site's root (``""`` or ``"../"``)."""
    def script(match: re.Match[str]) -> str:
        attrs, body = match.group("attrs"), match.group("body")
        kind = re.search(r'type="([^"]+)"', attrs)
        if kind and kind.group(1) in DATA_TYPES:
            return match.group(0)
        if (kind and kind.group(1) in DEAD) or body.strip() in DEAD_BODIES:
            return ""
        if not body.strip():
            return match.group(0)
        name = site.file(body.strip() + "\n", ".js")
        return f'<script{attrs} src="{prefix}_static/inline/{name}"></script>'

    text = SCRIPT.sub(script, text)
    text = STYLE_BLOCK.sub(lambda m: f'<link rel="stylesheet" href="{prefix}_static/inline/'
                           f'{site.file(m.group("body").strip() + chr(10), ".css")}">', text)

    def tag_without_style(match: re.Match[str]) -> str:
        tag = match.group(0)
        style = STYLE_ATTR.search(tag)
        if not style:
            return tag
        cls = site.attribute_class(style.group("css"))
        return _with_class(tag[: style.start()] + tag[style.end():], cls)

    text = re.sub(r"<[a-zA-Z][^<>]*\sstyle=\"[^\"]*\"[^<>]*>", tag_without_style, text)
    text = PRINT.sub(" data-course-print", text)
    head_links = (f'{META}\n<link rel="stylesheet" href="{prefix}_static/inline/attributes.css">\n'
                  f'<script defer src="{prefix}_static/inline/handlers.js"></script>\n')
    return re.sub(r"(<head[^>]*>\s*(?:<meta charset=[^>]*>\s*)?)", lambda m: m.group(1) + head_links, text, count=1)


def secure_site(out: Path) -> int:
    """Rewrite every page of the built site at ``out``; return how many pages were rewritten."""
    site = _Site(out)
    count = 0
    for page in site_pages(out):
        depth = len(page.relative_to(out).parts) - 1
        prefix = "../" * depth
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="Content-Security-Policy"' in text:
            continue  # rewritten by an earlier build that Sphinx did not need to redo
        page.write_text(secure_page(text, prefix, site), encoding="utf-8")
        count += 1
    site.finish()
    return count


if __name__ == "__main__":
    import sys

    print(f"{secure_site(Path(sys.argv[1] if len(sys.argv) > 1 else os.path.join('_build', 'html')))} pages")
