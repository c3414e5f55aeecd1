"""Keep only the rules of the theme's stylesheets that can apply to the built site.

The theme's stylesheet (pydata-sphinx-theme, with Bootstrap and Font Awesome inside) is 397 KB,
66 KB gzip, and blocks the first paint of every page; the course uses about a tenth of it. After
the build, :func:`prune_site` rewrites each stylesheet of :data:`PRUNED` so that it keeps a rule
only when one of its selectors could match an element of the site:

- every class, id and element name in the selector (outside ``:not()``, ``:has()`` and the like,
  and outside attribute selectors) is *known*: written in one of the site's pages, or written
  anywhere in one of the site's scripts, which add classes and elements after load (the header
  menu's ``show``, the quiz's and the timeline's states...). Pseudo-classes, pseudo-elements and attributes are
  ignored, so that ``:hover``, ``:focus-visible``, ``::before``, ``[open]`` and the dark theme's
  ``html[data-theme=dark]`` are kept whenever the element they qualify exists;
- ``@media``, ``@supports``, ``@layer`` and ``@container`` blocks keep their kept rules;
  ``@keyframes`` are kept when a kept rule names them;
- the Font Awesome ``@font-face`` rules are dropped: the course draws its icons in ``icons.css``,
  and those rules made every first visit download a 156 KB font.

This is how PurgeCSS prunes a stylesheet, in a few lines of Python on ``tinycss2``. It errs on the
side of keeping a rule: a word in a script is enough.

    python -m book.prune_css _build/html     # prune a built site, print the sizes before and after
"""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import tinycss2
from tinycss2.ast import AtRule, Node, QualifiedRule

# The stylesheets pruned, relative to the site's root (myst-nb's is named by a hash of its text).
PRUNED = ("_static/styles/pydata-sphinx-theme.css", "_static/styles/sphinx-book-theme.css",
          "_static/sphinx-design.min.css", "_static/mystnb.*.css", "_static/basic.css", "_static/togglebutton.css",
          "_static/copybutton.css")
# Scripts that are data, not code that adds classes: their words would keep rules for nothing.
NOT_SCRIPTS = ("searchindex.js", "_static/vendor/", "_static/figures/")
# Classes that Bootstrap builds from parts (`bs-${NAME}-auto`), so that no script spells them.
SAFELIST = frozenset({"bs-tooltip-auto", "bs-popover-auto"})
DROPPED_FONTS = re.compile(r"Font\s*Awesome", re.I)
BLOCKS = frozenset({"media", "supports", "layer", "container", "document"})
WORD = re.compile(r"[A-Za-z_][\w-]*")


@dataclass
class Known:
    """The classes, ids and element names that an element of the site can have."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=lambda: {"html", "head", "body"})

    def add_script(self, text: str) -> None:
        """Any word of a script may be a class, an id or an element it creates."""
        words = set(WORD.findall(text))
        self.classes |= words
        self.ids |= words
        self.tags |= {w.lower() for w in words}


class _PageReader(HTMLParser):
    def __init__(self, known: Known) -> None:
        super().__init__(convert_charrefs=True)
        self.known = known
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.known.tags.add(tag)
        for name, value in attrs:
            if name == "class" and value:
                self.known.classes.update(value.split())
            elif name == "id" and value:
                self.known.ids.add(value)
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:  # inline scripts and JSON that scripts turn into elements (quizzes, claims)
            self.known.add_script(data)


def read_page(html: str, known: Known | None = None) -> Known:
    """Add what a page's elements and inline scripts can be to ``known``.

    >>> k = read_page('<div id="main" class="bd-main x"><script>el.classList.add("show")</script></div>')
    >>> sorted(k.classes & {"bd-main", "x", "show"}), "main" in k.ids, "div" in k.tags
    (['bd-main', 'show', 'x'], True, True)
    """
    known = known if known is not None else Known()
    reader = _PageReader(known)
    reader.feed(html)
    reader.close()
    return known


def site_known(site: Path) -> Known:
    """What the elements of every page of ``site`` can be, from its pages and its scripts."""
    known = Known(classes=set(SAFELIST))
    for page in sorted(site.rglob("*.html")):
        read_page(page.read_text(encoding="utf-8"), known)
    for script in sorted(site.rglob("*.js")):
        if not any(part in script.relative_to(site).as_posix() for part in NOT_SCRIPTS):
            known.add_script(script.read_text(encoding="utf-8"))
    return known


def _selectors(prelude: list[Node]) -> list[list[Node]]:
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def selector_can_match(selector: str | list[Node], known: Known) -> bool:
    """Whether every class, id and element that ``selector`` requires is known. Pseudo-classes
    (with their arguments), pseudo-elements and attribute selectors are not checked.

    >>> k = Known(classes={"btn", "show"}, ids={"main"}, tags={"html", "button"})
    >>> [selector_can_match(s, k) for s in ("button.btn:hover::before", "html[data-theme=dark] #main",
    ...                                     ".btn.show", ".btn:not(.col-md-6)", ":root", "*")]
    [True, True, True, True, True, True]
    >>> [selector_can_match(s, k) for s in (".col-md-6", "#other", "table .btn", ".btn .fade")]
    [False, False, False, False]
    """
    tokens = tinycss2.parse_component_value_list(selector) if isinstance(selector, str) else selector
    previous = None
    for token in tokens:
        after = previous.value if previous is not None and previous.type == "literal" else None
        previous = token
        if token.type == "hash":
            name, names = token.value, known.ids
        elif token.type == "ident" and after == ".":
            name, names = token.value, known.classes
        elif token.type == "ident" and after not in (":", "|"):  # not a pseudo-class or a namespace
            name, names = token.value.lower(), known.tags
        else:
            continue
        if name not in names:
            return False
    return True


def _font_family(rule: AtRule) -> str:
    return " ".join(tinycss2.serialize(d.value) for d in tinycss2.parse_declaration_list(
        rule.content or [], skip_comments=True, skip_whitespace=True)
        if d.type == "declaration" and d.lower_name == "font-family")


def _prune_rules(rules: Iterable[Node], known: Known, keyframes: list[AtRule]) -> list[str]:
    kept: list[str] = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            if any(selector_can_match(s, known) for s in _selectors(rule.prelude)):
                kept.append(rule.serialize())
        elif isinstance(rule, AtRule):
            name = rule.lower_at_keyword
            if name in BLOCKS and rule.content is not None:
                inner = _prune_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                                     known, keyframes)
                if inner:
                    kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
            elif name.endswith("keyframes"):
                keyframes.append(rule)
            elif name == "font-face" and DROPPED_FONTS.search(_font_family(rule)):
                continue
            else:
                kept.append(rule.serialize())
    return kept


def prune_stylesheet(css: str, known: Known) -> str:
    """The rules of ``css`` that can apply to an element that ``known`` allows.

    >>> css = ('@font-face{font-family:"Font Awesome 6 Free";src:url(fa.woff2)}'
    ...        '.btn,.col-md-6{color:red}.col-md-6{width:50%}'
    ...        '@media (max-width:960px){.btn:focus{animation:pulse 1s}.fade{opacity:0}}'
    ...        '@keyframes pulse{to{opacity:1}}@keyframes spin{to{rotate:1turn}}')
    >>> prune_stylesheet(css, Known(classes={"btn"}))
    '.btn,.col-md-6{color:red}@media (max-width:960px){.btn:focus{animation:pulse 1s}}@keyframes pulse{to{opacity:1}}'
    """
    keyframes: list[AtRule] = []
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = "".join(_prune_rules(rules, known, keyframes))
    named = set(WORD.findall(kept))
    used = [k.serialize() for k in keyframes if tinycss2.serialize(k.prelude).strip() in named]
    return kept + "".join(used)


def gzip_size(data: bytes) -> int:
    """Bytes once compressed as a static server would (gzip, level 6)."""
    return len(gzip.compress(data, 6))


def prune_site(site: Path) -> list[tuple[str, int, int, int, int]]:
    """Prune the stylesheets of :data:`PRUNED` in the built ``site`` in place. Returns, for each,
    its path and its bytes before and after, raw then gzip. A stylesheet not in the site is
    skipped (a theme without it)."""
    known = site_known(site)
    sizes = []
    for path in sorted(p for pattern in PRUNED for p in site.glob(pattern)):
        name = path.relative_to(site).as_posix()
        before = path.read_bytes()
        after = prune_stylesheet(before.decode("utf-8"), known).encode("utf-8")
        path.write_bytes(after)
        path.with_name(path.name + ".map").unlink(missing_ok=True)  # a map of the full file would mislead
        sizes.append((name, len(before), len(after), gzip_size(before), gzip_size(after)))
    return sizes


def size_table(sizes: list[tuple[str, int, int, int, int]]) -> str:
    """The sizes from :func:`prune_site` as a Markdown table.

    >>> print(size_table([("a.css", 2000, 500, 800, 200)]))
    | stylesheet | before | after | before, gzip | after, gzip |
    |---|---:|---:|---:|---:|
    | a.css | 2.0 KB | 0.5 KB | 0.8 KB | 0.2 KB |
    """
    lines = ["| stylesheet | before | after | before, gzip | after, gzip |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {name} | " + " | ".join(f"{n / 1000:.1f} KB" for n in numbers) + " |"
              for name, *numbers in sizes]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1], "index.html").exists():
        sys.exit("usage: python -m book.prune_css SITE   (SITE: a built site, such as _build/html)")
    print(size_table(prune_site(Path(sys.argv[1]))))
