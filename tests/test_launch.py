"""The ways in (book.launch): the form of the JupyterHub (nbgitpuller) and Binder links, the errors for
values that cannot make a link, and, on a tiny book built with and without them configured, the links
its notebook page holds."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from test_site_build import CONFIG, _build, _tiny_book

from book.launch import LaunchConfig, LaunchConfigError, binder_url, nbgitpuller_url, pack_file
from book.paths import repo_root

REPO = "https://github.com/sahel-course/course"
HUB = "https://hub.example.edu"
CONFIGURED = LaunchConfig(repository=REPO, branch="main", jupyterhub=HUB, binderhub="https://mybinder.org")


def test_the_hub_link_pulls_the_repository_and_opens_the_notebook_in_jupyterlab():
    url = urlsplit(nbgitpuller_url(CONFIGURED, "exercises/mandate.ipynb"))
    assert (url.scheme, url.netloc, url.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    assert parse_qs(url.query, strict_parsing=True) == {
        "repo": [REPO], "urlpath": ["lab/tree/course/exercises/mandate.ipynb"], "branch": ["main"]}


def test_the_binder_link_names_owner_repository_branch_and_notebook():
    url = binder_url(CONFIGURED, "chapters/mandate.ipynb")
    assert url == "https://mybinder.org/v2/gh/sahel-course/course/main?urlpath=lab%2Ftree%2Fchapters%2Fmandate.ipynb"


def test_every_value_is_url_encoded():
    odd = LaunchConfig(repository="https://github.com/o/r", branch="release/2026 été", path_to_book="the book",
                       jupyterhub=HUB, binderhub="https://binder.example.edu")
    hub = urlsplit(nbgitpuller_url(odd, "chapters/a&b=c.ipynb"))
    assert " " not in hub.query and "é" not in hub.query
    assert parse_qs(hub.query, strict_parsing=True) == {
        "repo": ["https://github.com/o/r"], "urlpath": ["lab/tree/r/the book/chapters/a&b=c.ipynb"],
        "branch": ["release/2026 été"]}
    binder = urlsplit(binder_url(odd, "chapters/a&b=c.ipynb"))
    assert binder.path == "/v2/gh/o/r/release%2F2026%20%C3%A9t%C3%A9"
    assert parse_qs(binder.query, strict_parsing=True) == {"urlpath": ["lab/tree/the book/chapters/a&b=c.ipynb"]}


def test_no_link_without_a_repository_or_a_hub():
    for config in (LaunchConfig(jupyterhub=HUB, binderhub="https://mybinder.org"), LaunchConfig(repository=REPO)):
        assert nbgitpuller_url(config, "chapters/x.ipynb") is None
        assert binder_url(config, "chapters/x.ipynb") is None


@pytest.mark.parametrize(("options", "named"), [
    ({"launch_buttons": {"jupyterhub_url": "hub.example.edu"}}, "launch_buttons.jupyterhub_url"),
    ({"launch_buttons": {"binderhub_url": "mybinder.org/v2"}}, "launch_buttons.binderhub_url"),
    ({"repository": {"url": "git@github.com:o/r.git"}}, "repository.url"),
    ({"repository": {"url": "https://github.com/just-an-owner"}}, "repository.url"),
])
def test_a_value_that_cannot_make_a_link_is_refused_naming_its_key(options, named):
    with pytest.raises(LaunchConfigError, match=re.escape(named) + " in _config.yml must"):
        LaunchConfig.from_book_config(options)


def test_a_pack_name_must_stay_in_the_site_root():
    for bad in ("../pack.zip", "/tmp/pack.zip", "packs/pack.zip", "pack.tar.gz"):
        with pytest.raises(LaunchConfigError, match=r"course_pack in _config\.yml"):
            pack_file(bad)


def test_the_course_publishes_its_pack_and_configures_no_hub_or_binder_until_it_has_a_repository_address():
    book = yaml.safe_load((repo_root() / "_config.yml").read_text(encoding="utf-8"))
    assert LaunchConfig.from_book_config(book) == LaunchConfig()
    assert pack_file(book["sphinx"]["config"]["course_pack"]) == "sahel-course-pack.zip"


# --- A tiny book, built configured and not. -------------------------------------------------------------

def _config(**changes: dict) -> str:
    config = yaml.safe_load(CONFIG)
    for key, value in changes.items():
        config.setdefault(key, {}).update(value)
    return yaml.safe_dump(config)


CONFIGURED_YAML = _config(repository={"url": REPO + ".git", "branch": "main"},
                          launch_buttons={"jupyterhub_url": HUB + "/", "binderhub_url": "https://mybinder.org"},
                          sphinx={"config": {**yaml.safe_load(CONFIG)["sphinx"]["config"],
                                             "course_pack": "sahel-course-pack.zip"}})
# Hubs named but no repository: Jupyter Book then fills in its own repository, which must not be linked.
UNCONFIGURED_YAML = _config(launch_buttons={"jupyterhub_url": HUB, "binderhub_url": "https://mybinder.org"})


def build_tiny_book(folder: Path, config: str) -> Path:
    """Build the tiny book of test_site_build with ``config`` as its _config.yml; return its site."""
    _tiny_book(folder)
    (folder / "_config.yml").write_text(config, encoding="utf-8")
    run = _build(folder)
    assert run.returncode == 0, f"build failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    return folder / "_build" / "html"


@pytest.fixture(scope="module")
def configured(tmp_path_factory) -> Path:
    return build_tiny_book(tmp_path_factory.mktemp("configured"), CONFIGURED_YAML)


@pytest.fixture(scope="module")
def unconfigured(tmp_path_factory) -> Path:
    return build_tiny_book(tmp_path_factory.mktemp("unconfigured"), UNCONFIGURED_YAML)


def ways_in(page: str) -> dict[str, str]:
    """The links under a page's title, text to address."""
    block = re.search(r'<nav class="course-ways-in".*?</nav>', page, re.S)
    assert block, "the page has no ways in"
    return {html.unescape(re.sub(r"<[^>]+>", "", text)): html.unescape(href)
            for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', block.group(0))}


def test_a_configured_notebook_page_links_to_its_notebook_the_hub_binder_and_the_pack(configured):
    page = (configured / "index.html").read_text(encoding="utf-8")
    assert ways_in(page) == {
        "Download the notebook (index.ipynb)": "_sources/index.ipynb",
        "Open on the class JupyterHub": "https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2F"
                                        "github.com%2Fsahel-course%2Fcourse&urlpath=lab%2Ftree%2Fcourse%2Findex.ipynb"
                                        "&branch=main",
        "Open on Binder": "https://mybinder.org/v2/gh/sahel-course/course/main?urlpath=lab%2Ftree%2Findex.ipynb",
        "The whole course, to use offline (zip)": "sahel-course-pack.zip",
    }
    assert 'download="index.ipynb"' in page
    assert (configured / "_sources" / "index.ipynb").read_bytes() == (configured.parent.parent / "index.ipynb"
                                                                       ).read_bytes()
    assert (configured / "sahel-course-pack.zip").is_file()


def test_the_theme_launch_dropdown_is_replaced_by_the_links(configured):
    page = (configured / "index.html").read_text(encoding="utf-8")
    assert "launch-buttons" not in page and "fa-rocket" not in page and "logo_binder" not in page


def test_a_page_not_built_from_a_notebook_has_no_ways_in(configured):
    assert "course-ways-in" not in (configured / "refs.html").read_text(encoding="utf-8")


def test_unconfigured_a_notebook_page_links_only_to_its_notebook(unconfigured):
    page = (unconfigured / "index.html").read_text(encoding="utf-8")
    assert ways_in(page) == {"Download the notebook (index.ipynb)": "_sources/index.ipynb"}
    assert "executablebooks" not in page and "mybinder" not in page and "git-pull" not in page
    assert not list(unconfigured.glob("*.zip"))


def test_a_bad_value_stops_the_build_naming_the_key(tmp_path):
    _tiny_book(tmp_path)
    (tmp_path / "_config.yml").write_text(_config(launch_buttons={"jupyterhub_url": "hub.example.edu"}),
                                          encoding="utf-8")
    run = _build(tmp_path)
    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert "launch_buttons.jupyterhub_url in _config.yml must be a web address" in said, said[-2000:]

