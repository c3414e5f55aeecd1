"""Shared fixtures: the built site served on 127.0.0.1, and Debian's Chromium for Playwright.

Browser tests cut the network: every request that is not to the local server is aborted and
recorded, so "the site is self-contained" is an assertion, not a hope.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The local server, Chromium's path and arguments and the site's page list are the benchmark's,
# so that the tests and the published numbers measure the same thing.
_spec = importlib.util.spec_from_file_location("benchmark", ROOT / "scripts" / "benchmark.py")
benchmark = importlib.util.module_from_spec(_spec)
sys.modules["benchmark"] = benchmark  # dataclasses look their module up by name
_spec.loader.exec_module(benchmark)

from book import manifest  # noqa: E402

SITE = benchmark.SITE
CHROMIUM = benchmark.CHROMIUM
FIGURES_DRAWN = benchmark.FIGURES_DRAWN
serve = benchmark.serve


def toc_pages() -> list[str]:
    """Every page of the table of contents, as the manifest declares it, plus the site's search and
    index pages: what the browser tests visit."""
    pages = [f"{page}.html" for c in manifest.built_chapters() for page in c.pages()]
    pages += [f"{r['file']}.html" for r in manifest.load_manifest()["reference"]]
    return [*pages, "search.html", "genindex.html"]


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    """The built site, served locally. The test command builds it first."""
    if not (SITE / "index.html").exists():
        pytest.fail(f"No built site at {SITE}: run ./course build first (./course test does).")
    server, url = serve(SITE)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium, headless, with its background network calls turned off."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": benchmark.CHROMIUM_ARGS,
    }


def answer_two_mandate_questions(page: Any) -> None:
    """On a page showing the mandate quiz: answer one question right and one wrong."""
    right = page.locator('.quiz__question[data-question-id="creating-resolution"]')
    right.get_by_label("Resolution 2100 (2013); it took over on 1 July 2013").check()
    right.get_by_role("button", name="Check answer").click()
    wrong = page.locator('.quiz__question[data-question-id="ceiling-2016"]')
    wrong.get_by_label("Your answer").fill("12000")
    wrong.get_by_role("button", name="Check answer").click()


class PageWatch:
    """What a page did: requests to other hosts, failed requests, console errors, page errors."""

    def __init__(self) -> None:
        self.offsite: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []

    def request_failed(self, request: Any) -> None:
        """Record a failed request. A browser fetches the tab's icon after the page has loaded, and
        the test's next navigation may cancel that fetch (ERR_ABORTED): not a failure of the site."""
        if not (request.url.endswith("/favicon.svg") and "ABORTED" in str(request.failure)):
            self.failed.append(f"{request.url} ({request.failure})")

    def assert_clean(self) -> None:
        assert not self.offsite, f"requests to other hosts: {self.offsite}"
        assert not self.failed, f"failed requests: {self.failed}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.page_errors, f"uncaught errors: {self.page_errors}"


@pytest.fixture
def watched(page: Any) -> PageWatch:
    """The test's page with the network cut to 127.0.0.1 and everything it does recorded."""
    watch = PageWatch()

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "file:")):
            r.continue_()
        else:
            watch.offsite.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("requestfailed", watch.request_failed)
    page.on("response", lambda resp: watch.failed.append(f"{resp.url} ({resp.status})")
            if resp.status >= 400 else None)
    page.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: watch.page_errors.append(str(err)))
    return watch
