"""Answer any quiz question in the browser as a reader would, by mouse or by keyboard alone,
rightly or wrongly, from the question's own spec (the JSON the page carries). Used by the tests of
the engine's test page and by the tests of every chapter's quiz."""

from __future__ import annotations

from typing import Any

WRONG_NUMBER_OFFSET = 1000


def question(page: Any, qid: str) -> Any:
    return page.locator(f'.quiz__question[data-question-id="{qid}"]')


def feedback(page: Any, qid: str) -> str:
    return question(page, qid).locator(".quiz__feedback").inner_text()


def order_texts(q: Any) -> list[str]:
    return q.locator(".quiz__order-text").all_inner_texts()


def _press(page: Any, control: Any, mode: str, key: str = "Enter") -> None:
    if mode == "mouse":
        control.click()
    else:
        control.focus()
        page.keyboard.press(key)


def check(page: Any, q: Any, mode: str) -> None:
    """Press "Check answer"."""
    _press(page, q.get_by_role("button", name="Check answer"), mode)


def choose_one(page: Any, q: Any, label: str, mode: str) -> None:
    box = q.get_by_label(label, exact=True)
    if mode == "mouse":
        box.check()
    else:
        box.focus()
        page.keyboard.press("Space")


def tick_exactly(page: Any, q: Any, options: list[str], wanted: set[int], mode: str) -> None:
    """Leave exactly the boxes ``wanted`` ticked, toggling each box that differs."""
    for index, label in enumerate(options):
        box = q.get_by_label(label, exact=True)
        if box.is_checked() != (index in wanted):
            _press(page, box, mode, "Space")


def type_number(page: Any, q: Any, text: str, mode: str) -> None:
    box = q.get_by_label("Your answer")
    if mode == "mouse":
        box.click()
    else:
        box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def move_into(page: Any, q: Any, target: list[str], mode: str) -> None:
    """Reorder the items into ``target`` with the "Move up" buttons."""
    for pos, item in enumerate(target):
        while (before := order_texts(q)).index(item) > pos:
            _press(page, q.get_by_role("button", name=f"Move up: {item}"), mode)
            _wait_for_change(q, before)
            # The engine puts focus back on the moved item once it has redrawn (a zero-delay timer).
            # Wait for it, so that it cannot land between the next focus() and key press.
            page.wait_for_function("() => document.activeElement && document.activeElement.matches('.quiz__move')")


def _wait_for_change(q: Any, before: list[str], timeout_ms: int = 3000) -> None:
    """Wait until the list has re-rendered after a move, so the next move reads the new order (a slow
    machine could otherwise read the old order and move an item once too often)."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    while order_texts(q) == before:
        if time.monotonic() > deadline:
            raise AssertionError(f"the order did not change after a move: {before}")
        time.sleep(0.02)


def choose_matches(page: Any, q: Any, mapping: dict[str, str], mode: str) -> None:
    for left, right in mapping.items():
        select = q.get_by_label(left, exact=True)
        if mode == "mouse":
            select.select_option(label=right)
        else:
            select.focus()
            options = select.evaluate("s => [...s.options].map(o => o.text)")
            steps = options.index(right) - select.evaluate("s => s.selectedIndex")
            for _ in range(abs(steps)):
                page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")


def answer(page: Any, q: Any, spec: dict[str, Any], *, right: bool, mode: str) -> None:
    """Answer question ``spec`` rightly or wrongly, then press "Check answer"."""
    kind = spec["kind"]
    if kind == "single":
        wrong = next(i for i in range(len(spec["options"])) if i != spec["answer"])
        choose_one(page, q, spec["options"][spec["answer"] if right else wrong], mode)
    elif kind == "multiple":
        correct = set(spec["answer"])
        wrong = {next(i for i in range(len(spec["options"])) if i not in correct)}
        tick_exactly(page, q, spec["options"], correct if right else wrong, mode)
    elif kind == "number":
        value = spec["answer"] if right else spec["answer"] + spec.get("tolerance", 0) + WRONG_NUMBER_OFFSET
        type_number(page, q, str(value), mode)
    elif kind == "order":
        move_into(page, q, spec["items"] if right else list(reversed(spec["items"])), mode)
    elif kind == "match":
        lefts, rights = [p[0] for p in spec["pairs"]], [p[1] for p in spec["pairs"]]
        shown = rights if right else rights[1:] + rights[:1]
        choose_matches(page, q, dict(zip(lefts, shown, strict=True)), mode)
    else:
        raise ValueError(f"no driver for questions of kind {kind!r}")
    check(page, q, mode)


def page_quiz(page: Any) -> dict[str, Any]:
    """The quiz the page carries (its first), as the engine reads it."""
    import json

    return json.loads(page.locator(".quiz-mount script.quiz-spec").first.text_content())


def answer_first_questions(page: Any) -> None:
    """Answer the page's first question right and its second wrong, so that both kinds of feedback
    are on the page (for the accessibility audit)."""
    questions = page_quiz(page)["questions"]
    for spec, right in zip(questions[:2], (True, False), strict=False):
        answer(page, question(page, spec["id"]), spec, right=right, mode="mouse")
