"""How a page prints: the print stylesheet, and links whose text already is their address.

``book/static/print.css`` (added to every page with ``media="print"``) prints the article alone,
at the page's width, black on white, with the address of each link to another site after its
text. A link that already reads as its address (a bibliography entry's URL, a bare URL in the
text) is given the class ``course-link-is-address`` here, so that its address is not printed twice.

Set up by :mod:`book.sphinx_ext` (``app.setup_extension("book.printing")``).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

STYLESHEET = "print.css"
ADDRESS_CLASS = "course-link-is-address"

# Typography that Sphinx's smart quotes put into the text of a link, but not into its address.
_SMART_DASHES = {"\u2014": "---", "\u2013": "--", "\u2019": "'", "\u2018": "'"}


def _plain(text: str) -> str:
    for typographic, ascii_text in _SMART_DASHES.items():
        text = text.replace(typographic, ascii_text)
    return re.sub(r"^[a-z]+://", "", text.strip()).removeprefix("www.").rstrip("/")


def reads_as_address(text: str, address: str) -> bool:
    """Whether a link's text already tells its address, so that printing the address adds nothing.

    >>> reads_as_address("https://press.un.org/en/2023/sc15341.doc.htm", "https://press.un.org/en/2023/sc15341.doc.htm")
    True
    >>> reads_as_address("www.un.org", "https://www.un.org/")
    True
    >>> reads_as_address("https://example.org/mali\u2013imam", "https://example.org/mali--imam")
    True
    >>> reads_as_address("UN press release SC/15341", "https://press.un.org/en/2023/sc15341.doc.htm")
    False
    """
    return bool(text.strip()) and _plain(text) == _plain(address)


def mark_address_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give every link to another site whose text is its address the class ``course-link-is-address``."""
    for ref in doctree.findall(nodes.reference):
        address = ref.get("refuri", "")
        if address.startswith(("http://", "https://")) and reads_as_address(ref.astext(), address):
            ref["classes"].append(ADDRESS_CLASS)


def setup(app: Sphinx) -> dict[str, Any]:
    """Add the print stylesheet to every page, after the other styles, and mark address links."""
    app.add_css_file(STYLESHEET, media="print", priority=900)
    app.connect("doctree-resolved", mark_address_links)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
