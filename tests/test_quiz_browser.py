"""The quiz engine in the browser: the mandate chapter's quiz on the built site, and a test page
with every kind of question, answered right and wrong by mouse and by keyboard alone."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, serve
from quiz_driver import answer, feedback, order_texts, question

from book.quiz import load_quiz, static_html

pytestmark = pytest.mark.browser
STATIC = ROOT / "book" / "static"
FIXTURES = Path(__file__).parent / "fixtures"


def _page_html(spec: dict) -> str:
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Quiz test</title>"
            "<link rel='stylesheet' href='quiz.css'><script defer src='dom-helpers.js'></script>"
            "<script defer src='quiz-engine.js'></script>"
            "<script defer src='quiz-site.js'></script></head><body><main>"
            f"{static_html(spec)}</main></body></html>")


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory) -> Iterator[str]:
    """A tiny site with the engine's files and two quizzes: every kind, and hostile text."""
    folder = tmp_path_factory.mktemp("quiz-site")
    for name in ("quiz.css", "dom-helpers.js", "quiz-engine.js", "quiz-site.js"):
        shutil.copy2(STATIC / name, folder / name)
    (folder / "kinds.html").write_text(_page_html(load_quiz(FIXTURES / "all-kinds.yaml")), encoding="utf-8")
    hostile = load_quiz(FIXTURES / "injection.yaml")
    hostile["questions"][0]["source"]["url"] = "javascript:window.__pwned=6"  # bypass the schema on purpose
    (folder / "hostile.html").write_text(_page_html(hostile), encoding="utf-8")
    broken = load_quiz(FIXTURES / "all-kinds.yaml")
    broken["questions"][1]["options"] = None  # a question the schema would refuse, to test the engine alone
    (folder / "broken.html").write_text(_page_html(broken), encoding="utf-8")
    server, url = serve(folder)
    yield url
    server.shutdown()


# ---------- the markup contract, on the published chapter ----------

def test_chapter_quiz_keeps_the_markup_contract(page, watched, site_url):
    page.goto(f"{site_url}/chapters/mandate.html")
    quiz = page.locator('.quiz[data-quiz-id="mandate"]')
    quiz.wait_for()
    n = quiz.locator(".quiz__question").count()
    assert n >= 5
    assert quiz.locator('.quiz__feedback[aria-live="polite"]').count() == n
    kinds = {q.get_attribute("data-kind") for q in quiz.locator(".quiz__question").all()}
    assert len(kinds) >= 3
    assert quiz.locator(".quiz__question > fieldset > legend").count() == n
    assert quiz.locator("[role=button], [onclick], div[tabindex='0']").count() == 0, "only native controls"
    refs = quiz.locator("[aria-describedby]").evaluate_all("els => els.map(e => e.getAttribute('aria-describedby'))")
    for ref in refs:
        assert page.locator(f"#{ref}").count() == 1, f"aria-describedby points at {ref!r}, which is not unique"
    for item in quiz.locator("input[type=radio], input[type=checkbox], input[type=text], select").all():
        label = item.evaluate("e => e.labels && e.labels.length ? e.labels[0].innerText : ''")
        assert label.strip(), "a quiz control has no label"
    watched.assert_clean()


def test_chapter_quiz_answers_a_click_with_the_right_feedback(page, watched, site_url):
    page.goto(f"{site_url}/chapters/mandate.html")
    q = question(page, "creating-resolution")
    q.get_by_label("Resolution 2100 (2013); it took over on 1 July 2013").check()
    q.get_by_role("button", name="Check answer").click()
    assert feedback(page, "creating-resolution").startswith("✓ Correct.")
    assert "Resolution 2100" in feedback(page, "creating-resolution")
    assert q.locator(".quiz__source a").get_attribute("href").startswith("https://")
    wrong = question(page, "mali-reason-2023")
    wrong.locator("input[type=radio]").first.check()
    wrong.get_by_role("button", name="Check answer").click()
    assert feedback(page, "mali-reason-2023").startswith("✗ Not quite. Try again (1 try left).")
    assert "Score: 1 of 6" in page.locator(".quiz__score").inner_text()
    watched.assert_clean()


def test_chapter_quiz_works_with_the_keyboard_alone(page, site_url):
    page.goto(f"{site_url}/chapters/mandate.html")
    first = question(page, "creating-resolution").locator("input[type=radio]").first
    first.focus()
    page.keyboard.press("ArrowDown")   # radio group: moves to and selects option 2
    page.keyboard.press("Tab")          # to "Check answer"
    page.keyboard.press("Enter")
    assert feedback(page, "creating-resolution").startswith("✓ Correct.")
    focused = page.evaluate("document.activeElement.className")
    assert "quiz__feedback" in focused, "focus should move to the feedback when a question is finished"


def test_answers_survive_a_reload_and_reset_clears_them(page, site_url):
    page.goto(f"{site_url}/chapters/mandate.html")
    q = question(page, "ceiling-2016")
    q.get_by_label("Your answer").fill("13,289")
    q.get_by_role("button", name="Check answer").click()
    assert feedback(page, "ceiling-2016").startswith("✓ Correct.")
    page.reload()
    assert feedback(page, "ceiling-2016").startswith("✓ Correct.")
    assert "Score: 1 of 6" in page.locator(".quiz__score").inner_text()
    page.get_by_role("button", name="Reset answers").click()
    assert feedback(page, "ceiling-2016") == ""
    assert "Score: 0 of 6" in page.locator(".quiz__score").inner_text()
    page.reload()
    assert feedback(page, "ceiling-2016") == ""
    assert page.evaluate("localStorage.getItem('sahel-course:quiz:mandate')") is None


# ---------- every kind of question, right and wrong, mouse and keyboard ----------

def test_single_right_and_wrong_by_mouse(page, quiz_site):
    page.goto(f"{quiz_site}/kinds.html")
    q = question(page, "single")
    q.get_by_label("2085 (2012)").check()
    q.get_by_role("button", name="Check answer").click()
    assert feedback(page, "single").startswith("✗ Not quite. Try again")
    q.get_by_label("2690 (2023)").check()
    q.get_by_role("button", name="Check answer").click()
    text = feedback(page, "single")
    assert text.startswith("✗ Not quite. The answer is: 2100 (2013).")
    assert "Resolution 2100 of 25 April 2013" in text and "Source:" in text
    assert q.locator("input").first.is_disabled()


def test_multiple_right_by_keyboard(page, quiz_site):
    page.goto(f"{quiz_site}/kinds.html")
    q = question(page, "multiple")
    q.locator("input").nth(0).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert feedback(page, "multiple").startswith("✓ Correct.")


def test_multiple_with_nothing_selected_asks_for_a_choice(page, quiz_site):
    page.goto(f"{quiz_site}/kinds.html")
    q = question(page, "multiple")
    q.get_by_role("button", name="Check answer").click()
    assert feedback(page, "multiple").startswith("⚠ Select at least one option first.")
    assert q.locator(".quiz__feedback").get_attribute("data-state") == "invalid"


def test_number_right_wrong_and_not_a_number(page, quiz_site):
    page.goto(f"{quiz_site}/kinds.html")
    q = question(page, "number")
    box = q.get_by_label("Your answer")
    box.fill("twenty thirteen")
    box.press("Enter")
    assert feedback(page, "number").startswith("⚠ Type a number")
    box.fill("2012")
    box.press("Enter")
    assert feedback(page, "number").startswith("✗ Not quite. Try again")
    box.fill(" 2013 ")
    box.press("Enter")
    assert feedback(page, "number").startswith("✓ Correct.")


def test_order_by_keyboard_moves(page, quiz_site):
    page.goto(f"{quiz_site}/kinds.html")
    q = question(page, "order")
    target = ["2085 (2012)", "2100 (2013)", "2295 (2016)", "2690 (2023)"]
    assert order_texts(q) != target, "the items must start shuffled"
    q.get_by_role("button", name="Check answer").click()
    assert feedback(page, "order").startswith("✗ Not quite. Try again")
    for pos, item in enumerate(target):
        while order_texts(q).index(item) > pos:
            q.get_by_role("button", name=f"Move up: {item}").focus()
            page.keyboard.press("Enter")
    assert order_texts(q) == target
    q.get_by_role("button", name="Check answer").focus()
    page.keyboard.press("Enter")
    assert feedback(page, "order").startswith("✓ Correct.")


def test_match_right_and_incomplete(page, quiz_site):
    page.goto(f"{quiz_site}/kinds.html")
    q = question(page, "match")
    q.get_by_label("2100 (2013)").select_option(label="Created MINUSMA")
    q.get_by_role("button", name="Check answer").click()
    assert feedback(page, "match").startswith("⚠ Choose a match for every item first.")
    q.get_by_label("2374 (2017)").select_option(label="Created the sanctions regime")
    q.get_by_label("2690 (2023)").select_option(label="Ended the mandate")
    q.get_by_role("button", name="Check answer").click()
    assert feedback(page, "match").startswith("✓ Correct.")
    assert "Score: 1 of 5" in page.locator(".quiz__score").inner_text()


def test_match_wrong_twice_shows_the_answer(page, quiz_site):
    page.goto(f"{quiz_site}/kinds.html")
    q = question(page, "match")
    for _ in range(2):
        q.get_by_label("2100 (2013)").select_option(label="Ended the mandate")
        q.get_by_label("2374 (2017)").select_option(label="Created the sanctions regime")
        q.get_by_label("2690 (2023)").select_option(label="Created MINUSMA")
        q.get_by_role("button", name="Check answer").click()
    assert feedback(page, "match").startswith("✗ Not quite. The answer is: 2100 (2013) — Created MINUSMA")


def test_hostile_text_is_shown_as_text_and_runs_nothing(page, watched, quiz_site):
    page.goto(f"{quiz_site}/hostile.html")
    q = question(page, "hostile")
    assert "<script>window.__pwned = 2</script>Which is safe?" in q.locator("legend").inner_text()
    assert q.get_by_label('<img src=x onerror="window.__pwned=3">').count() == 1
    q.get_by_label("<b>bold</b>").check()
    q.get_by_role("button", name="Check answer").click()
    assert "<a href=" in feedback(page, "hostile")
    assert q.locator(".quiz__feedback a").count() == 0, "a javascript: URL must not become a link"
    assert page.locator("main img, main script:not(.quiz-spec), main svg, main b").count() == 0
    assert page.evaluate("window.__pwned") is None
    watched.assert_clean()


def test_quiz_fits_a_320px_screen(page, quiz_site):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{quiz_site}/kinds.html")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the quiz is {overflow}px wider than a 320px screen"


def test_the_page_carries_the_checked_quiz(page, quiz_site):
    page.goto(f"{quiz_site}/kinds.html")
    in_page = json.loads(page.locator("script.quiz-spec").text_content())
    assert in_page == load_quiz(FIXTURES / "all-kinds.yaml")
    assert page.locator(".quiz-mount").get_attribute("data-quiz-version") == in_page["version"]


def test_numbers_are_read_as_a_reader_writes_them(page, quiz_site):
    page.goto(f"{quiz_site}/kinds.html")
    parsed = page.evaluate("() => ['13,289', '13 289', '2013', '0.97', '0,97', '-5', '1,2,3', 'abc', '']"
                           ".map(s => SahelQuiz.parseNumber(s))")
    assert parsed == [13289, 13289, 2013, 0.97, 0.97, -5, None, None, None]


# ---------- the full matrix: every kind, by mouse and by keyboard alone, wrong then right ----------

KINDS_SPEC = {q["id"]: q for q in load_quiz(FIXTURES / "all-kinds.yaml")["questions"]}


@pytest.mark.parametrize("mode", ["mouse", "keyboard"])
@pytest.mark.parametrize("kind", ["single", "multiple", "number", "order", "match"])
def test_every_kind_wrong_then_right(page, quiz_site, kind, mode):
    page.goto(f"{quiz_site}/kinds.html")
    q = question(page, kind)
    answer(page, q, KINDS_SPEC[kind], right=False, mode=mode)
    assert feedback(page, kind).startswith("✗ Not quite. Try again (1 try left).")
    assert q.locator(".quiz__feedback").get_attribute("data-state") == "retry"
    assert "Score: 0 of 5" in page.locator(".quiz__score").inner_text()
    answer(page, q, KINDS_SPEC[kind], right=True, mode=mode)
    text = feedback(page, kind)
    assert text.startswith("✓ Correct."), text
    assert "Source:" in text and q.locator(".quiz__source a").get_attribute("href").startswith("https://")
    assert "Score: 1 of 5 (1 answered)" in page.locator(".quiz__score").inner_text()
    assert q.get_by_role("button", name="Check answer").is_hidden()
    if mode == "keyboard":
        assert "quiz__feedback" in page.evaluate("document.activeElement.className")


def test_one_broken_question_does_not_blank_the_quiz(page, quiz_site):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{quiz_site}/broken.html")
    quiz = page.locator(".quiz")
    quiz.wait_for()
    spec = load_quiz(FIXTURES / "all-kinds.yaml")
    items = quiz.locator(".quiz__question")
    assert items.count() == len(spec["questions"]), "every question has its place in the list"
    broken = quiz.locator(".quiz__question--broken")
    assert broken.count() == 1 and "could not be shown" in broken.inner_text()
    assert quiz.locator("fieldset").count() == len(spec["questions"]) - 1, "the other questions are drawn"
    assert any("could not be shown" in e for e in errors), errors


def test_tries_left_is_sane_whatever_the_browser_stored(page, quiz_site):
    spec = load_quiz(FIXTURES / "all-kinds.yaml")
    first = spec["questions"][0]
    stored = {"version": spec["version"], "answers": {first["id"]: {"attempts": -7, "correct": "yes"}}}
    page.goto(f"{quiz_site}/kinds.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"sahel-course:quiz:{spec['id']}", json.dumps(stored)])
    page.reload()
    q = question(page, first["id"])
    q.locator("input").first.wait_for()
    assert q.locator(".quiz__feedback").inner_text() == "", "a nonsense stored entry counts as no answer"
    answer(page, q, first, right=False, mode="mouse")
    assert feedback(page, first["id"]).startswith("✗ Not quite. Try again (1 try left)")
