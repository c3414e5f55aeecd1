"""Ways in to a notebook page: download the notebook, open it on a class's JupyterHub, open it on Binder,
and take the whole course offline.

Every page built from a notebook (the chapters and the exercises) gets, under its title, a short list
of plain links:

- **Download the notebook**: the page's own ``.ipynb``, which Sphinx copies to ``_sources/``, with
  a ``download`` attribute so that the browser saves it under its name instead of showing JSON;
- **Open on the class JupyterHub**: an nbgitpuller link, which clones or updates the course's
  repository in the student's home folder on the hub, then opens the notebook in JupyterLab;
- **Open on Binder**: a BinderHub link (mybinder.org or another), which builds the course's
  environment from the repository (``.binder/``) and opens the notebook in JupyterLab;
- **The whole course, offline**: the course pack (:mod:`book.pack`), in the site itself.

Each link renders only when what it needs is configured, once, in ``_config.yml``, in Jupyter Book's
own keys: ``repository: url, branch, path_to_book`` and ``launch_buttons: jupyterhub_url,
binderhub_url``; the pack with ``sphinx: config: course_pack``. With nothing configured a page holds
only the download link.

Why our own links, not the theme's launch buttons: sphinx-book-theme turns the same keys into a
"Launch" dropdown in the page header, which (1) opens only with Bootstrap's JavaScript, so without
it, or before it loads, there is no way in; (2) is an icon-only button drawn with the icon font the
course dropped; (3) hides where each link goes until opened; and (4) writes the links itself
(Binder's ``urlpath`` and the branch unencoded, the hub's repository half-encoded). The theme's
dropdown is therefore removed (:func:`without_theme_launch_buttons`) and the same keys give a
visible list of ordinary links: keyboard operable with no script, read as a list by screen readers,
styled by ``course.css`` (no inline style or script, so the Content-Security-Policy holds), with
every query value URL-encoded. The theme's download dropdown stays (it also holds "print"), but it
opens only with JavaScript and its ``.ipynb`` entry opens the JSON in a new tab.

>>> config = LaunchConfig(repository="https://github.com/sahel-course/course", branch="main",
...                       jupyterhub="https://hub.example.edu", binderhub="https://mybinder.org")
>>> print(nbgitpuller_url(config, "chapters/mandate.ipynb"))
https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fsahel-course%2Fcourse&urlpath=lab%2Ftree%2Fcourse%2Fchapters%2Fmandate.ipynb&branch=main
>>> print(binder_url(config, "chapters/mandate.ipynb"))
https://mybinder.org/v2/gh/sahel-course/course/main?urlpath=lab%2Ftree%2Fchapters%2Fmandate.ipynb
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit


class LaunchConfigError(ValueError):
    """A value of ``_config.yml`` that cannot make a link; the message names the key and says why."""


def _web_address(value: Any, key: str) -> str:
    """``value`` as a web address without a trailing slash, or "" when unset.

    >>> _web_address("https://hub.example.edu/", "launch_buttons.jupyterhub_url")
    'https://hub.example.edu'
    >>> _web_address("hub.example.edu", "launch_buttons.jupyterhub_url")
    Traceback (most recent call last):
    ...
    book.launch.LaunchConfigError: launch_buttons.jupyterhub_url in _config.yml must be a web address ...
    """
    text = str(value or "").strip()
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment:
        raise LaunchConfigError(f"{key} in _config.yml must be a web address starting with https:// (or http://), "
                                f"such as https://hub.example.edu; it is {text!r}")
    return text.rstrip("/")


@dataclass(frozen=True)
class LaunchConfig:
    """Where the course's repository is and which hubs open it; "" means not configured."""

    repository: str = ""
    branch: str = "main"
    path_to_book: str = ""
    jupyterhub: str = ""
    binderhub: str = ""

    @classmethod
    def from_book_config(cls, book: Mapping[str, Any]) -> LaunchConfig:
        """Read Jupyter Book's keys from the book's ``_config.yml`` (as a mapping).

        They are read from the file, not from what Jupyter Book hands Sphinx: the course sets its own
        ``html_theme_options`` under ``sphinx: config:``, which replace the theme options Jupyter Book
        makes from ``repository:`` and ``launch_buttons:`` (and, with no ``repository:``, Jupyter Book
        would fill in its own repository's address).

        >>> LaunchConfig.from_book_config({"repository": {"url": "https://github.com/o/r.git", "branch": ""},
        ...     "launch_buttons": {"binderhub_url": "https://mybinder.org/"}})
        LaunchConfig(repository='https://github.com/o/r', branch='main', path_to_book='', jupyterhub='', binderhub='https://mybinder.org')
        """
        repository_keys = book.get("repository") or {}
        launch = book.get("launch_buttons") or {}
        repository = _web_address(repository_keys.get("url"), "repository.url").removesuffix(".git")
        if repository and len(urlsplit(repository).path.strip("/").split("/")) < 2:
            raise LaunchConfigError("repository.url in _config.yml must name a repository, such as "
                                    f"https://github.com/OWNER/REPO; it is {repository!r}")
        return cls(repository=repository,
                   branch=str(repository_keys.get("branch") or "main").strip(),
                   path_to_book=str(repository_keys.get("path_to_book") or "").strip("/"),
                   jupyterhub=_web_address(launch.get("jupyterhub_url"), "launch_buttons.jupyterhub_url"),
                   binderhub=_web_address(launch.get("binderhub_url"), "launch_buttons.binderhub_url"))

    def in_repository(self, notebook: str) -> str:
        """The notebook's path in the repository (the book may sit in a folder of it).

        >>> LaunchConfig(path_to_book="book").in_repository("chapters/x.ipynb")
        'book/chapters/x.ipynb'
        """
        return posixpath.join(self.path_to_book, notebook) if self.path_to_book else notebook


def repository_folder(repository: str) -> str:
    """The folder that ``git clone`` (and so nbgitpuller) makes for a repository.

    >>> repository_folder("https://gitlab.com/group/sub/course")
    'course'
    """
    return urlsplit(repository).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")


def _query(**values: str) -> str:
    """Query values encoded as browsers' ``encodeURIComponent`` does (``/`` and ``:`` too)."""
    return urlencode(values, quote_via=quote, safe="")


def nbgitpuller_url(config: LaunchConfig, notebook: str) -> str | None:
    """The link that pulls the repository into the student's home on the class JupyterHub and opens
    ``notebook`` (a path from the book's root) in JupyterLab; None when hub or repository is unset.

    >>> nbgitpuller_url(LaunchConfig(repository="https://github.com/o/r"), "chapters/x.ipynb") is None
    True
    >>> print(nbgitpuller_url(LaunchConfig(repository="https://github.com/o/r", branch="fix/a b",
    ...       jupyterhub="https://hub.example.edu"), "chapters/x.ipynb"))
    https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fo%2Fr&urlpath=lab%2Ftree%2Fr%2Fchapters%2Fx.ipynb&branch=fix%2Fa%20b
    """
    if not (config.jupyterhub and config.repository):
        return None
    opened = f"lab/tree/{repository_folder(config.repository)}/{config.in_repository(notebook)}"
    query = _query(repo=config.repository, urlpath=opened, branch=config.branch)
    return f"{config.jupyterhub}/hub/user-redirect/git-pull?{query}"


def binder_url(config: LaunchConfig, notebook: str) -> str | None:
    """The link that opens ``notebook`` on a BinderHub; None when BinderHub or repository is unset.
    GitHub and GitLab repositories use Binder's short forms, any other git host the generic one.

    >>> gitlab = LaunchConfig(repository="https://gitlab.com/group/course", binderhub="https://mybinder.org")
    >>> print(binder_url(gitlab, "chapters/x.ipynb"))
    https://mybinder.org/v2/gl/group%2Fcourse/main?urlpath=lab%2Ftree%2Fchapters%2Fx.ipynb
    >>> other = LaunchConfig(repository="https://git.example.edu/course", binderhub="https://binder.example.edu")
    >>> print(binder_url(other, "chapters/x.ipynb"))
    https://binder.example.edu/v2/git/https%3A%2F%2Fgit.example.edu%2Fcourse/main?urlpath=lab%2Ftree%2Fchapters%2Fx.ipynb
    """
    if not (config.binderhub and config.repository):
        return None
    parts = urlsplit(config.repository)
    path = parts.path.strip("/")
    if parts.netloc == "github.com":
        spec = f"gh/{path}"
    elif parts.netloc == "gitlab.com":
        spec = f"gl/{quote(path, safe='')}"
    else:
        spec = f"git/{quote(config.repository, safe='')}"
    branch = quote(config.branch, safe="")
    return f"{config.binderhub}/v2/{spec}/{branch}?{_query(urlpath='lab/tree/' + config.in_repository(notebook))}"


PACK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.zip")


def pack_file(value: Any) -> str:
    """The course pack's file name in the site's root, from ``course_pack`` ("" when unset).

    >>> pack_file("sahel-course-pack.zip")
    'sahel-course-pack.zip'
    >>> pack_file("../pack.zip")
    Traceback (most recent call last):
    ...
    book.launch.LaunchConfigError: course_pack in _config.yml must be a file name ending in .zip, ...
    """
    text = str(value or "").strip()
    if text and not PACK_NAME.fullmatch(text):
        raise LaunchConfigError("course_pack in _config.yml must be a file name ending in .zip, such as "
                                "sahel-course-pack.zip (the build writes the pack there, in the site's root); "
                                f"it is {text!r}")
    return text


@dataclass(frozen=True)
class WaysIn:
    """The links of one page, as addresses relative to the page (hub and Binder absolute)."""

    notebook: str  # the page's notebook, relative to the page
    hub: str | None = None
    binder: str | None = None
    pack: str | None = None


PACK_ITEM = re.compile(r'<li class="course-ways-in__pack">.*?</li>\n?', re.S)


def ways_in_html(links: WaysIn) -> str:
    """The list of links under a notebook page's title.

    >>> print(ways_in_html(WaysIn("../_sources/chapters/x.ipynb", hub="https://h/?a=1&b=2")))
    <nav class="course-ways-in" aria-label="This page as a notebook">
    <p class="course-ways-in__title">This page as a notebook:</p>
    <ul>
    <li><a href="../_sources/chapters/x.ipynb" download="x.ipynb">Download the notebook (x.ipynb)</a></li>
    <li><a href="https://h/?a=1&amp;b=2">Open on the class JupyterHub</a></li>
    </ul>
    </nav>
    """
    name = posixpath.basename(links.notebook)
    items = [f'<a href="{html.escape(links.notebook)}" download="{html.escape(name)}">'
             f"Download the notebook ({html.escape(name)})</a>"]
    if links.hub:
        items.append(f'<a href="{html.escape(links.hub)}">Open on the class JupyterHub</a>')
    if links.binder:
        items.append(f'<a href="{html.escape(links.binder)}">Open on Binder</a>')
    lines = [f"<li>{item}</li>" for item in items]
    if links.pack:
        lines.append(f'<li class="course-ways-in__pack"><a href="{html.escape(links.pack)}" download>'
                     "The whole course, to use offline (zip)</a></li>")
    return ('<nav class="course-ways-in" aria-label="This page as a notebook">\n'
            '<p class="course-ways-in__title">This page as a notebook:</p>\n<ul>\n'
            + "\n".join(lines) + "\n</ul>\n</nav>")


def without_pack_link(page: str) -> str:
    """A page as the course pack holds it: without the link to the pack, which is not inside itself.

    >>> without_pack_link(ways_in_html(WaysIn("x.ipynb", pack="../p.zip"))).count("<li>")
    1
    >>> "p.zip" in without_pack_link(ways_in_html(WaysIn("x.ipynb", pack="../p.zip")))
    False
    """
    return PACK_ITEM.sub("", page)


def links_for(docname: str, source_suffix: str, config: LaunchConfig, pack: str = "",
              sourcelink_suffix: str = "") -> WaysIn:
    """The links of the page ``docname`` built from ``docname + source_suffix``.

    >>> links_for("chapters/x", ".ipynb", LaunchConfig(), pack="p.zip")
    WaysIn(notebook='../_sources/chapters/x.ipynb', hub=None, binder=None, pack='../p.zip')
    """
    folder = posixpath.dirname(docname) or "."
    notebook = f"{docname}{source_suffix}"
    return WaysIn(notebook=posixpath.relpath(f"_sources/{notebook}{sourcelink_suffix}", folder),
                  hub=nbgitpuller_url(config, notebook), binder=binder_url(config, notebook),
                  pack=posixpath.relpath(pack, folder) if pack else None)


# --- The Sphinx side: registered by book.sphinx_ext with setup(app). ---------------------------------

def _read_config(app: Any) -> None:
    import yaml
    from sphinx.errors import ConfigError

    book_config = Path(app.srcdir) / "_config.yml"
    book = yaml.safe_load(book_config.read_text(encoding="utf-8")) if book_config.exists() else None
    try:
        app.course_launch = LaunchConfig.from_book_config(book or {})
        app.course_pack = pack_file(app.config.course_pack)
    except LaunchConfigError as error:
        raise ConfigError(str(error)) from None


def _add_ways_in(app: Any, doctree: Any, docname: str) -> None:
    """Put the list of links under the title of every page built from a notebook."""
    from docutils import nodes

    source = Path(app.env.doc2path(docname))
    if app.builder.format != "html" or source.suffix != ".ipynb" or not app.config.html_copy_source:
        return
    links = links_for(docname, source.suffix, app.course_launch, app.course_pack,
                      app.config.html_sourcelink_suffix)
    block = nodes.raw("", ways_in_html(links), format="html")
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        doctree.insert(0, block)
        return
    at = 1  # after the title, and after an "In preparation" note if there is one
    while at < len(section) and "course-draft" in section[at].get("classes", []):
        at += 1
    section.insert(at, block)


def without_theme_launch_buttons(app: Any, pagename: str, templatename: str, context: dict[str, Any],
                                 doctree: Any) -> None:
    """Take the theme's "Launch" dropdown out of the page header: the page lists the same links."""
    buttons = context.get("header_buttons")
    if buttons:
        buttons[:] = [b for b in buttons if b.get("label") != "launch-buttons"]


def _write_pack(app: Any, exception: Exception | None) -> None:
    """Put the course pack where the pages' link points, once the site is complete."""
    if exception is not None or app.builder.format != "html" or not app.course_pack:
        return
    from book.pack import write_pack

    write_pack(site=Path(app.outdir), target=Path(app.outdir) / app.course_pack)


def setup(app: Any) -> None:
    """Register the ways in with Sphinx (called from :func:`book.sphinx_ext.setup`)."""
    app.add_config_value("course_pack", "", "html", types=[str])
    app.connect("builder-inited", _read_config)
    app.connect("doctree-resolved", _add_ways_in)
    app.connect("html-page-context", without_theme_launch_buttons, priority=900)  # after the theme's
    app.connect("build-finished", _write_pack, priority=900)  # after the site is made safe (book.csp)
