"""The ways in, in Chromium: every chapter and exercise page offers its own notebook by a visible link that a
keyboard reaches and that downloads the real file, and the offline course pack, which the site holds; the
site as published configures no hub or Binder (the course has no public repository address yet) and shows
no such link; a site built with them configured links to them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import serve
from test_launch import CONFIGURED_YAML, build_tiny_book

from book.manifest import built_chapters
from book.pack import ROOT_NAME
from book.paths import repo_root

pytestmark = pytest.mark.browser

ROOT = repo_root()
PACK_NAME = "sahel-course-pack.zip"


def notebook_pages() -> list[tuple[str, str]]:
    """Each chapter and exercise page, with the notebook it is built from."""
    pages = [(f"{c.docname}.html", c.notebook) for c in built_chapters() if c.docname and c.notebook]
    pages += [(f"{c.exercise.docname}.html", c.exercise.student) for c in built_chapters() if c.exercise]
    return [(page, Path(notebook).as_posix()) for page, notebook in pages]


@pytest.mark.parametrize(("path", "notebook"), notebook_pages())
def test_every_notebook_page_links_to_its_own_notebook_and_nothing_unconfigured(page, watched, site_url, path,
                                                                                notebook):
    page.goto(f"{site_url}/{path}")
    ways_in = page.get_by_role("navigation", name="This page as a notebook")
    name = Path(notebook).name
    link = ways_in.get_by_role("link", name=f"Download the notebook ({name})")
    assert link.is_visible()
    assert link.get_attribute("download") == name
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.status == 200
    assert response.body() == (ROOT / notebook).read_bytes(), "the link does not give the page's own notebook"
    pack = ways_in.get_by_role("link", name="The whole course, to use offline (zip)")
    assert pack.is_visible() and pack.get_attribute("download") is not None, "the browser saves it"
    assert pack.evaluate("a => a.href") == f"{site_url}/{PACK_NAME}", "the pack is in the site's root"
    assert ways_in.get_by_role("link").count() == 2, "a hub or Binder link renders with nothing configured"
    watched.assert_clean()


def test_the_published_pack_is_there_and_holds_the_site_without_itself(page, watched, site_url):
    page.goto(f"{site_url}/chapters/mandate.html")
    with page.expect_download() as download:
        page.get_by_role("link", name="The whole course, to use offline (zip)").click()
    assert download.value.suggested_filename == PACK_NAME
    with zipfile.ZipFile(download.value.path()) as pack:
        names = pack.namelist()
        inside = pack.read(f"{ROOT_NAME}/site/chapters/mandate.html").decode("utf-8")
    assert f"{ROOT_NAME}/START-HERE.html" in names and f"{ROOT_NAME}/site/chapters/coups.html" in names
    assert "Download the notebook (mandate.ipynb)" in inside
    assert PACK_NAME not in inside, "a page in the pack links to the pack, which it does not hold"
    assert not [n for n in names if n.endswith((".zip", ".partial"))]
    watched.assert_clean()


@pytest.mark.parametrize("path", ["chapters/mandate.html", "exercises/coups.html"])
def test_the_download_link_is_reached_and_used_by_keyboard_alone(page, site_url, path):
    page.goto(f"{site_url}/{path}")
    link = page.get_by_role("link", name="Download the notebook")
    for _ in range(60):  # Tab from the top of the page until the link has focus
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the download link")
    outline = link.evaluate("a => getComputedStyle(a).outlineStyle + ' ' + getComputedStyle(a).outlineWidth")
    assert not outline.startswith("none") and not outline.endswith(" 0px"), f"no visible focus: {outline}"
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    notebook = path.replace(".html", ".ipynb")
    assert download.value.suggested_filename == Path(notebook).name
    assert Path(download.value.path()).read_bytes() == (ROOT / notebook).read_bytes()


@pytest.fixture(scope="module")
def configured_site(tmp_path_factory):
    site = build_tiny_book(tmp_path_factory.mktemp("configured-site"), CONFIGURED_YAML)
    server, url = serve(site)
    yield url
    server.shutdown()


def test_a_configured_site_links_to_its_course_pack_which_is_there(page, watched, configured_site, tmp_path):
    page.goto(f"{configured_site}/index.html")
    ways_in = page.get_by_role("navigation", name="This page as a notebook")
    assert ways_in.get_by_role("link", name="Open on the class JupyterHub").is_visible()
    assert ways_in.get_by_role("link", name="Open on Binder").is_visible()
    link = ways_in.get_by_role("link", name="The whole course, to use offline (zip)")
    assert link.is_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "sahel-course-pack.zip"
    # (The tiny book lacks the course's theme settings, so its console is not clean; its requests are.)
    assert not watched.failed and not watched.offsite, (watched.failed, watched.offsite)
    with zipfile.ZipFile(download.value.path()) as pack:
        names = pack.namelist()
        assert f"{ROOT_NAME}/START-HERE.html" in names and f"{ROOT_NAME}/site/index.html" in names
        inside = pack.read(f"{ROOT_NAME}/site/index.html").decode("utf-8")
    assert "Download the notebook (index.ipynb)" in inside
    assert "sahel-course-pack.zip" not in inside, "a page in the pack links to the pack, which it does not hold"
    assert not [n for n in names if n.endswith((".zip", ".partial"))]
