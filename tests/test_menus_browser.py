"""The header's download menu without Bootstrap's script (``book/static/menus.js``): it opens and
closes by mouse and by keyboard, says whether it is open, and gives the focus back. (The theme's
stylesheet also shows the menu while the pointer is over its button: the tests move the pointer
away before they look.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PATH = "chapters/mandate.html"


def _menu(page, site_url: str, requested: list[str] | None = None):
    if requested is not None:
        page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}/{PATH}")
    page.wait_for_load_state("networkidle")
    toggle = page.locator(".dropdown-download-buttons .dropdown-toggle")
    return toggle, page.locator(".dropdown-download-buttons .dropdown-menu")


def test_a_click_opens_the_menu_under_its_button_and_a_click_elsewhere_closes_it(page, watched, site_url):
    requested: list[str] = []
    toggle, menu = _menu(page, site_url, requested)
    assert any(u.split("?")[0].endswith("/menus.js") for u in requested)
    assert not [u for u in requested if "bootstrap" in u], "Bootstrap's script is not fetched"
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
    button, box = toggle.bounding_box(), menu.bounding_box()
    assert box["y"] >= button["y"] + button["height"] - 2, "the menu opens under its button"
    assert menu.get_by_text(".ipynb").is_visible()
    page.locator("article p:visible").first.click()
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    watched.assert_clean()


def test_by_keyboard_arrow_down_opens_and_moves_escape_closes_and_returns_the_focus(page, site_url):
    toggle, menu = _menu(page, site_url)
    toggle.focus()
    page.keyboard.press("ArrowDown")
    assert menu.is_visible()
    items = menu.locator("a[href], button")
    assert items.first.evaluate("el => el === document.activeElement"), "ArrowDown moves to the first item"
    page.keyboard.press("ArrowDown")
    if items.count() > 1:
        assert items.nth(1).evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowUp")
    assert items.first.evaluate("el => el === document.activeElement")
    page.keyboard.press("Escape")
    assert not menu.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert toggle.evaluate("el => el === document.activeElement"), "the focus goes back to the button"
    page.keyboard.press("Enter")
    assert menu.is_visible(), "Enter on the button opens the menu"
    page.keyboard.press("Enter")
    assert not menu.is_visible(), "and closes it"


def test_tabbing_out_of_the_open_menu_closes_it(page, site_url):
    toggle, menu = _menu(page, site_url)
    toggle.click()
    page.mouse.move(5, 600)
    assert menu.is_visible()
    for _ in range(menu.locator("a[href], button").count() + 1):
        page.keyboard.press("Tab")
    assert not menu.is_visible()
