"""The site extension on a tiny book, built twice in a row without cleaning (as an author does),
with its markup compared to a stored snapshot: the theme's header buttons, a hidden-input cell, a
bibliography entry and the scripts in the page head. A theme or extension upgrade that changes them
shows up here as a diff to review; accept it with UPDATE_SNAPSHOTS=1 after checking the pages with
the accessibility tests."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from book.figures import FigureOutput
from book.paths import repo_root

ROOT = repo_root()
SNAPSHOT = Path(__file__).parent / "snapshots" / "site_markup.txt"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"

CONFIG = f"""title: Tiny
author: Tests
copyright: "2026"
only_build_toc_files: true
execute:
  execute_notebooks: "off"
bibtex_bibfiles: [refs.bib]
launch_buttons:
  thebe: false
sphinx:
  extra_extensions: [book.sphinx_ext]
  config:
    templates_path: ["{ROOT / '_templates'}"]
    html_theme_options:
      use_download_button: true
    nb_mime_priority_overrides:
      - ["html", "application/vnd.jupyter.widget-view+json", null]
    suppress_warnings: ["myst.footnote"]
"""


def _tiny_book(folder: Path) -> None:
    import plotly.graph_objects as go

    (folder / "_config.yml").write_text(CONFIG, encoding="utf-8")
    (folder / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: refs\n", encoding="utf-8")
    (folder / "refs.bib").write_text("@misc{demo-2013, title = {A source}, author = {Someone}, year = {2013}}\n",
                                     encoding="utf-8")
    (folder / "refs.md").write_text("# References\n\nCited {cite}`demo-2013`.\n\n```{bibliography}\n```\n",
                                    encoding="utf-8")
    figure = FigureOutput(go.Figure(go.Bar(x=["a"], y=[1]), layout={"title": {"text": "Demo"}}), "A demo bar.")
    data, meta = figure._repr_mimebundle_()
    cell = nbformat.v4.new_code_cell("show(fig)", metadata={"tags": ["hide-input"]}, outputs=[
        nbformat.v4.new_output("display_data", data=data, metadata=meta)])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Tiny\n\nA page."), cell])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "index.ipynb")


def _build(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(JUPYTER_BOOK), "build", str(folder), "--warningiserror", "--nitpick", "--quiet"],
                          capture_output=True, text=True, cwd=folder, timeout=300)


def markup(html: str) -> str:
    """The parts of a page that the extension and the templates shape, with digests and ids masked."""
    parts = []
    parts += re.findall(r"<script[^>]*src=\"[^\"]*\"[^>]*></script>", html.split("</head>")[0])
    parts += re.findall(r"<button[^>]*theme-switch-button.*?</button>", html, re.S)
    parts += re.findall(r"<button[^>]*search-button[^>]*>.*?</button>", html, re.S)
    parts += re.findall(r"<details class=\"admonition hide.*?</summary>", html, re.S)
    parts += re.findall(r"<div class=\"course-figure\"[^>]*>", html)
    parts += re.findall(r"<div role=\"list\" class=\"citation-list\">\s*<div[^>]*>", html)
    text = "\n".join(parts)
    text = re.sub(r"\?digest=[0-9a-f]+", "?digest=…", text)
    text = re.sub(r"\?v=[0-9a-f]+", "?v=…", text)
    return re.sub(r"\s+\n", "\n", text)


@pytest.fixture(scope="module")
def built_twice(tmp_path_factory) -> tuple[Path, list[subprocess.CompletedProcess[str]]]:
    folder = tmp_path_factory.mktemp("tiny-book")
    _tiny_book(folder)
    return folder, [_build(folder), _build(folder)]


def test_the_book_builds_twice_in_a_row_without_cleaning(built_twice):
    _, runs = built_twice
    for n, run in enumerate(runs, start=1):
        assert run.returncode == 0, f"build {n} failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"


def test_the_markup_matches_the_snapshot(built_twice):
    folder, _ = built_twice
    pages = {name: (folder / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8")
             for name in ("index", "refs")}
    found = "".join(f"== {name}.html\n{markup(html)}\n" for name, html in pages.items())
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(found, encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), found.splitlines(), "stored", "built", lineterm=""))
    assert found == expected, f"the site's markup changed; review, then UPDATE_SNAPSHOTS=1 to accept:\n{diff}"


def test_the_snapshot_holds_the_accessibility_fixes(built_twice):
    text = SNAPSHOT.read_text(encoding="utf-8")
    assert "fontawesome" not in text, "the icon-font script is back"
    assert 'aria-label="Toggle hidden content"' not in text and "<summary>" in text
    assert 'role="listitem"' in text and "doc-biblioentry" not in text
    assert 'title="Light"' not in text and 'aria-label="Color mode"' in text
    assert 'class="course-figure"' in text and 'aria-label="A demo bar."' in text


def test_a_figure_shown_the_plain_plotly_way_stops_the_build_naming_notebook_and_cell(tmp_path):
    import plotly.graph_objects as go

    _tiny_book(tmp_path)
    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    nb = nbformat.read(tmp_path / "index.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("fig", outputs=[nbformat.v4.new_output(
        "execute_result", data={"application/vnd.plotly.v1+json": fig.to_plotly_json(), "text/plain": "Figure"},
        execution_count=1)]))
    nbformat.write(nb, tmp_path / "index.ipynb")
    run = _build(tmp_path)
    assert run.returncode != 0, "a silent figure must stop the build"
    said = run.stdout + run.stderr
    assert "index.ipynb, cell 3: a Plotly figure is displayed without book.figures.show" in said, said[-2000:]


def test_a_warning_names_the_notebook_cell_and_line(tmp_path):
    _tiny_book(tmp_path)
    nb = nbformat.read(tmp_path / "index.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("## More\n\nA first line.\n\nSee {term}`No such term`."))
    nbformat.write(nb, tmp_path / "index.ipynb")
    run = subprocess.run([str(JUPYTER_BOOK), "build", str(tmp_path), "--warningiserror", "--nitpick", "--keep-going",
                          "--quiet"], capture_output=True, text=True, cwd=tmp_path, timeout=300)  # as ./course build
    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert re.search(r"index\.ipynb, cell 3, line 5: WARNING: term not in glossary", said), said[-2000:]


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path):
    import plotly.graph_objects as go

    from book.build import build

    _tiny_book(tmp_path)
    site = tmp_path / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    nb = nbformat.read(tmp_path / "index.ipynb", as_version=4)
    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    nb.cells.append(nbformat.v4.new_code_cell("fig", outputs=[nbformat.v4.new_output(
        "execute_result", data={"application/vnd.plotly.v1+json": fig.to_plotly_json(), "text/plain": "Figure"},
        execution_count=1)]))
    nbformat.write(nb, tmp_path / "index.ipynb")
    assert build(tmp_path) != 0
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert not (tmp_path / "_build" / "next").exists()
    nb.cells.pop()
    nbformat.write(nb, tmp_path / "index.ipynb")
    assert build(tmp_path) == 0
    assert "A page." in (site / "index.html").read_text(encoding="utf-8")
