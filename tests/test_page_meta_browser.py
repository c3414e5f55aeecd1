"""What a search engine or a link preview reads, and the icon a browser tab shows: every page has one
description (its chapter's line in _chapters.yml), the site's own favicon, served from the site, and the
licences in its footer."""

from __future__ import annotations

import re

import pytest
from conftest import SITE, toc_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", toc_pages())
def test_every_page_has_a_description_and_the_site_favicon(path):
    text = (SITE / path).read_text(encoding="utf-8")
    descriptions = re.findall(r'<meta name="description" content="([^"]+)">', text)
    assert len(descriptions) == 1 and len(descriptions[0]) >= 50, descriptions
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', text)
    assert len(icons) == 1
    assert (SITE / path).parent.joinpath(icons[0].split("?")[0]).resolve().is_file(), icons[0]
    assert "Text and data: CC BY 4.0. Code: MIT." in text, "the footer's licence line is missing"


def test_the_favicon_is_fetched_without_error(page, site_url):
    response = page.request.get(f"{site_url}/_static/favicon.svg")
    assert response.status == 200 and "svg" in response.headers["content-type"]
