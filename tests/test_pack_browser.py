"""The offline course pack (book.pack): unzipped anywhere, it opens from ``file://`` with no server and
no network, its site works, and it holds the student editions only."""

from __future__ import annotations

import zipfile

import pytest
from conftest import FIGURES_DRAWN

from book.manifest import built_chapters
from book.pack import ROOT_NAME, write_pack

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    path = write_pack()
    folder = tmp_path_factory.mktemp("pack")
    with zipfile.ZipFile(path) as pack:
        names = pack.namelist()
        pack.extractall(folder)
    return folder / ROOT_NAME, names


def test_the_pack_holds_the_site_the_notebooks_and_the_data_but_no_solution(unpacked):
    folder, names = unpacked
    assert not [n for n in names if "exercises/teacher" in n], "a teacher edition is in the pack"
    chapters = [c for c in built_chapters() if c.notebook]
    exercises = [c for c in built_chapters() if c.exercise]
    assert len([n for n in names if n.startswith(f"{ROOT_NAME}/notebooks/")]) == len(chapters) + len(exercises)
    for needed in ("START-HERE.html", "site/index.html", "data/events.csv", "data/datapackage.json",
                   "data/README.md"):
        assert (folder / needed).is_file(), needed


def test_the_pack_opens_from_the_folder_with_no_network(page, unpacked):
    folder, _ = unpacked
    offsite: list[str] = []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
               else (offsite.append(r.request.url), r.abort()))
    failed: list[str] = []
    # A browser fetches the tab's icon after the page has loaded; the next navigation may cancel that
    # fetch (ERR_ABORTED), which is not a failure of the pack. Every other failed request is.
    page.on("requestfailed", lambda req: None if req.url.endswith("favicon.svg") and "ABORTED" in str(req.failure)
            else failed.append(f"{req.url} ({req.failure})"))
    page.goto((folder / "START-HERE.html").as_uri())
    page.get_by_role("link", name="the course site").click()
    page.wait_for_url("**/site/chapters/intro.html")  # index.html forwards to the introduction
    page.wait_for_load_state("load")
    page.goto((folder / "site" / "chapters" / "mandate.html").as_uri())
    page.wait_for_function(FIGURES_DRAWN)
    assert page.locator(".quiz").count() == 1
    # An event's card comes from its own small script, which a page opened from file:// can load.
    page.goto((folder / "site" / "chapters" / "coups.html").as_uri())
    page.wait_for_function(FIGURES_DRAWN)
    timeline = page.locator(".course-figure--timeline").first
    timeline.get_by_role("button", name="Read the events one by one").click()
    timeline.locator(".timeline-card[data-ready] .timeline-card__sources a").first.wait_for()
    timeline.get_by_role("button", name="Next event").click()
    timeline.locator(".timeline-card[data-ready] .timeline-card__summary").wait_for()
    assert not offsite and not failed, (offsite, failed)
