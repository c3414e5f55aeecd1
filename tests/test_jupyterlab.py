"""The self-learner's view: the same quiz, figure and claims explorer in JupyterLab with a live kernel. A real
JupyterLab server runs on 127.0.0.1; Chromium opens a notebook, runs it, answers the quiz in the
widget, and the kernel then reports the score the widget synced back."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import nbformat
import pytest
from test_timeline_browser import card_dates

from book.data import load

pytestmark = pytest.mark.browser

CELLS = [
    'from book.quiz import show_quiz\nquiz = show_quiz("mandate")\nquiz',
    'from book.data import load\nfrom book.figures import mandate_timeline, show\n'
    'show(mandate_timeline(load("resolutions")), alt="Mandate timeline.", caption="Test figure.")',
    'from book.explorer import show_claims\nshow_claims()',
    'from book.figures import event_timeline\nev = load("events")\nev = ev[ev["date"].dt.year == 2022]\n'
    'show(event_timeline(ev, title="2022", key_events={"2022-03-27-moura-killings": "Moura"}),'
    ' alt="Events of 2022.", caption="Test timeline.")',
    'print("SCORE", quiz.score, "ANSWERED", sorted(quiz.answers))',
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[str]:
    """A JupyterLab server on 127.0.0.1 with no token, serving a folder with one notebook."""
    folder = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "live.ipynb")
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(folder / ".config"), "JUPYTER_RUNTIME_DIR": str(folder / ".run")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={folder}",
         "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--ServerApp.disable_check_xsrf=True", "--ServerApp.allow_root=True", "--LabApp.extension_manager=readonly"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=folder)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=2) as response:
                json.load(response)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("JupyterLab did not start within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_quiz_figures_and_timeline_work_live_and_the_score_reaches_python(page, lab):
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(lab) else r.abort())
    page.set_default_timeout(60_000)
    page.goto(f"{lab}/lab/tree/live.ipynb")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()  # the kernel is ready
    page.locator(".jp-Notebook").click()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator('li[data-command="runmenu:run-all"]').click()
    quiz = page.locator('.jp-OutputArea .quiz[data-quiz-id="mandate"]')
    quiz.wait_for()
    page.locator(".jp-OutputArea .js-plotly-plot").wait_for()
    question = quiz.locator('.quiz__question[data-question-id="creating-resolution"]')
    question.get_by_label("Resolution 2100 (2013); it took over on 1 July 2013").check()
    question.get_by_role("button", name="Check answer").click()
    assert question.locator(".quiz__feedback").inner_text().startswith("✓ Correct.")
    claims = page.locator(".jp-OutputArea .claims")
    claims.wait_for()
    claims.get_by_label("Verdict", exact=True).select_option("inaccurate")
    shown = claims.locator(".claims__item:not([hidden])")
    inaccurate = load("claims").query("verdict == 'inaccurate'")
    assert shown.count() == len(inaccurate)
    shown.first.locator(".claims__toggle").click()
    link = shown.first.get_by_role("link", name="Chapter")
    expected = f"{inaccurate.iloc[0]['chapter']}.ipynb"
    assert link.get_attribute("href") == expected, "in JupyterLab, the chapter links point at notebooks"
    # The event timeline: the same controls and card as on the site, with plotly.js from the kernel.
    timeline = page.locator(".jp-OutputArea .course-figure--timeline")
    page.locator('.jp-OutputArea .course-figure--timeline[data-drawn="true"]').wait_for()
    events = load("events")
    year = events[events["date"].dt.year == 2022].sort_values(["date", "event_id"])
    assert timeline.locator(".timeline-status").inner_text().startswith(f"Showing {len(year)} of {len(year)} events")
    assert timeline.get_attribute("data-labels") == "1"
    timeline.get_by_role("button", name="Read the events one by one").click()
    page.locator(f'.jp-OutputArea .timeline-card[data-ready="{year.iloc[0]["event_id"]}"]').wait_for()
    assert timeline.locator(".timeline-card__title").inner_text() == year.iloc[0]["title"]
    assert timeline.locator(".timeline-card__when").inner_text() == card_dates(year.iloc[0])
    assert timeline.locator(".timeline-card__summary").inner_text() == year.iloc[0]["summary"]
    timeline.get_by_role("button", name="Next event").click()
    page.locator(f'.jp-OutputArea .timeline-card[data-ready="{year.iloc[1]["event_id"]}"]').wait_for()
    last = page.locator(".jp-Notebook .jp-Cell").nth(4)
    last.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    out = last.locator(".jp-OutputArea-output")
    page.wait_for_function("el => el.innerText.includes('SCORE 1')", arg=out.element_handle())
    assert "ANSWERED ['creating-resolution']" in out.inner_text()
