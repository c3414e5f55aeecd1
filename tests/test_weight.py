"""Page-weight budgets, in bytes (not time): a first visit to any page at most 1.5 MB gzip, and a
second page at most 150 KB gzip of its own once the shared files are cached. The same measurement
as ``scripts/benchmark.py``, which reports the numbers."""

from __future__ import annotations

import pytest
from conftest import benchmark

pytestmark = pytest.mark.browser


def test_every_page_is_within_the_weight_budgets(browser, site_url):
    weights = benchmark.weigh_pages(browser)
    assert weights and not any(w.offsite for w in weights)
    cached = set(next(w for w in weights if w.path == "chapters/intro.html").files)
    for w in weights:
        assert w.gzip <= benchmark.FIRST_VISIT_BUDGET, f"{w.path}: {w.gzip} bytes gzip on a first visit"
        assert w.gzip_after(cached) <= benchmark.OWN_BYTES_BUDGET, f"{w.path}: {w.gzip_after(cached)} own bytes"
    plotly = [f for w in weights for f in w.files if "plotly" in f]
    assert set(plotly) == {"/_static/vendor/plotly-basic.min.js"}, "plotly.js must be one file for the whole site"
