"""The live side of the quiz: in JupyterLab the engine talks to the kernel through the widget's
synced state. Here the real engine runs in Chromium with a model that records what it syncs, as
anywidget's does, and that state is applied to the Python widget the way a front-end update is;
``quiz.score`` and ``quiz.answers`` must then say what the reader did."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, answer_two_mandate_questions, serve

from book.quiz import show_quiz

pytestmark = pytest.mark.browser

RECORDING_MODEL = """
window.synced = [];
window.handlers = [];
window.makeModel = (spec) => {
  const state = {spec, answers: {}, score: 0};
  window.fromKernel = (answers) => { state.answers = answers; window.handlers.forEach(h => h()); };
  return {
    get: (k) => state[k],
    set: (k, v) => { state[k] = v; },
    on: (name, handler) => { if (name === 'change:answers') window.handlers.push(handler); },
    off: () => {},
    save_changes: () => window.synced.push(JSON.parse(JSON.stringify({answers: state.answers, score: state.score}))),
  };
};
"""


def test_answers_in_the_widget_reach_python(page, tmp_path):
    quiz = show_quiz("mandate")
    (tmp_path / "widget.mjs").write_text(quiz._esm, encoding="utf-8")  # the module JupyterLab loads
    (tmp_path / "live.html").write_text(
        "<!doctype html><html lang='en'><head><title>live</title>"
        f"<script>{RECORDING_MODEL}</script></head><body><div id='el'></div><script type='module'>"
        "import engine from './widget.mjs';"
        f"engine.render({{model: makeModel({json.dumps(quiz.spec)}), el: document.getElementById('el')}});"
        "</script></body></html>", encoding="utf-8")
    server, url = serve(tmp_path)
    try:
        page.goto(f"{url}/live.html")
        answer_two_mandate_questions(page)
        synced = page.evaluate("window.synced")
        # the kernel clears the answers (quiz.answers = {}): the view follows
        page.evaluate("window.fromKernel({})")
        cleared = page.locator('.quiz__question[data-question-id="creating-resolution"] .quiz__feedback').inner_text()
        score_line = page.locator(".quiz__score").inner_text()
    finally:
        server.shutdown()
    assert len(synced) == 2
    assert cleared == "" and score_line.startswith("Score: 0 of 6")
    # what the front-end sends to the kernel is applied as a state update
    quiz.set_state(synced[-1])
    assert quiz.score == 1
    assert quiz.answers["creating-resolution"] == {"response": 1, "attempts": 1, "correct": True, "done": True}
    assert quiz.answers["ceiling-2016"]["correct"] is False and quiz.answers["ceiling-2016"]["done"] is False
    assert repr(quiz) == "<Quiz 'mandate': 6 questions, score 1 of 6>"


def test_the_synced_traits_are_the_ones_the_engine_sets():
    quiz = show_quiz("mandate")
    synced = {name for name in quiz.keys if quiz.trait_metadata(name, "sync")}
    assert {"spec", "answers", "score"} <= synced
    engine = (ROOT / "book" / "static" / "quiz-engine.js").read_text(encoding="utf-8")
    assert 'model.set("answers"' in engine and 'model.set("score"' in engine
