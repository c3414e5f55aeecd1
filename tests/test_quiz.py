"""Quiz files: clear errors for every kind of mistake; the chapter quizzes meet the course's rules;
the widget's output is stable and carries the static version for the site."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml

from book.paths import STATIC_DIR
from book.quiz import Quiz, QuizError, check_quiz, load_quiz, show_quiz, static_html

QUIZ_DIR = Path(__file__).resolve().parent.parent / "chapters" / "quizzes"
GOOD = {
    "id": "demo", "title": "Demo",
    "questions": [{"id": "q1", "kind": "single", "prompt": "Which?", "options": ["a", "b"], "answer": 0,
                   "explanation": "Because.", "objective": "LO1",
                   "source": {"label": "S/RES/2100 (2013)", "url": "https://press.un.org/en/2013/sc10987.doc.htm"}}],
}


def broken(**changes) -> dict:
    quiz = copy.deepcopy(GOOD)
    quiz["questions"][0].update(changes)
    return {k: v for k, v in quiz.items()}


def test_a_good_quiz_passes():
    assert check_quiz(copy.deepcopy(GOOD), "demo.yaml")["version"]


@pytest.mark.parametrize(("quiz", "message"), [
    (broken(answer=None) | {}, "answer None is not among the options"),
    (broken(answer=5), "demo.yaml, question 'q1': the answer 5 is not among the options (give an index from 0 to 1)"),
    (broken(kind="essay"), "unknown kind 'essay'; the kinds are: single, multiple, number, order, match"),
    (broken(options=["a"]), "options must be a list of at least two texts"),
    (broken(source={"label": "x", "url": "javascript:alert(1)"}), "source must have a label and an http(s) url"),
    (broken(explanation=""), "explanation must be non-empty text"),
    (broken(hint="x"), "keys not used by a single question: hint"),
])
def test_each_mistake_has_its_message(quiz, message):
    with pytest.raises(QuizError, match=re.escape(message)):
        check_quiz(quiz, "demo.yaml")


def test_missing_answer_is_named():
    quiz = copy.deepcopy(GOOD)
    del quiz["questions"][0]["answer"]
    with pytest.raises(QuizError, match=re.escape("demo.yaml, question 'q1': missing answer")):
        check_quiz(quiz, "demo.yaml")


def test_duplicate_id_is_named():
    quiz = copy.deepcopy(GOOD)
    quiz["questions"].append(copy.deepcopy(quiz["questions"][0]))
    with pytest.raises(QuizError, match=re.escape("demo.yaml, question 'q1': duplicate id")):
        check_quiz(quiz, "demo.yaml")


def test_kind_specific_rules():
    order = {**GOOD["questions"][0], "kind": "order", "items": ["a", "b", "a"]}
    del order["options"], order["answer"]
    with pytest.raises(QuizError, match="items must be at least three different texts"):
        check_quiz({**GOOD, "questions": [order]}, "demo.yaml")
    match = {**order, "kind": "match", "pairs": [["a", "x"], ["b", "x"]]}
    del match["items"]
    with pytest.raises(QuizError, match="two matches have the same text"):
        check_quiz({**GOOD, "questions": [match]}, "demo.yaml")
    number = {**GOOD["questions"][0], "kind": "number", "answer": "2013"}
    del number["options"]
    with pytest.raises(QuizError, match="must be a finite number"):
        check_quiz({**GOOD, "questions": [number]}, "demo.yaml")


def test_invalid_yaml_names_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(QuizError, match=r"bad\.yaml: not valid YAML"):
        load_quiz(path)


@pytest.mark.parametrize("path", sorted(QUIZ_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_chapter_quizzes_meet_the_course_rules(path):
    quiz = load_quiz(path)
    kinds = {q["kind"] for q in quiz["questions"]}
    assert len(quiz["questions"]) >= 5 and len(kinds) >= 3
    for q in quiz["questions"]:
        assert re.fullmatch(r"LO\d", q["objective"])
        assert q["source"]["url"].startswith("https://")


def test_mandate_quiz_objectives_match_the_chapter():
    chapter = json.loads((QUIZ_DIR.parent / "mandate.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in chapter["cells"] if c["cell_type"] == "markdown")
    for q in load_quiz(QUIZ_DIR / "mandate.yaml")["questions"]:
        assert f"**{q['objective']}**" in text, f"{q['id']} checks an objective the chapter does not state"


def test_widget_output_is_stable_and_carries_the_static_quiz():
    a, b = show_quiz("mandate"), show_quiz("mandate")
    data_a, _ = a._repr_mimebundle_()
    data_b, _ = b._repr_mimebundle_()
    assert data_a["text/html"] == data_b["text/html"]
    assert data_a["text/plain"] == "<Quiz 'mandate': 6 questions, score 0 of 6>"
    assert "application/vnd.jupyter.widget-view+json" in data_a
    assert 'class="quiz-mount" data-quiz-id="mandate"' in data_a["text/html"]


def test_the_widget_and_the_site_run_the_same_engine():
    engine = (STATIC_DIR / "quiz-engine.js").read_text(encoding="utf-8")
    helpers = (STATIC_DIR / "dom-helpers.js").read_text(encoding="utf-8")
    assert Quiz._esm.startswith(helpers) and engine in Quiz._esm
    assert Quiz._esm.rstrip().endswith("export default globalThis.SahelQuiz;")


def test_static_html_cannot_break_out_of_its_script():
    spec = check_quiz(yaml.safe_load((Path(__file__).parent / "fixtures" / "injection.yaml").read_text()),
                      "injection.yaml")
    html = static_html(spec)
    inner = html.split('class="quiz-spec">', 1)[1].split("</script>", 1)[0]
    assert "<" not in inner and json.loads(inner)["id"] == "injection"


def test_the_widget_checks_any_spec_it_is_given():
    quiz = show_quiz("mandate")
    bad = copy.deepcopy(quiz.spec)
    bad["questions"][0]["source"]["url"] = "javascript:alert(1)"
    with pytest.raises(QuizError, match="http"):
        quiz.spec = bad
