/* The theme's header menu (download this page, print), without Bootstrap's script.
 *
 * The theme opened its one menu with Bootstrap's JavaScript (24 KB gzip, on every page, and
 * 0.8 s of main-thread work on a mid-range phone). This does the same for the course's pages:
 * - a click, Enter or Space on the button opens or closes the menu (aria-expanded says which);
 * - ArrowDown opens it and moves to the first item; ArrowUp and ArrowDown move between items;
 * - Escape closes it and gives the focus back to the button; so does a click anywhere else.
 * The header buttons' tooltips are their own title attributes, shown by the browser.
 */
(function () {
  "use strict";

  var TOGGLE = '[data-bs-toggle="dropdown"]';

  function menuOf(toggle) {
    var next = toggle.nextElementSibling;
    return next && next.classList.contains("dropdown-menu") ? next : null;
  }

  function items(menu) {
    return Array.prototype.slice.call(menu.querySelectorAll("a[href], button:not([disabled])"));
  }

  function setOpen(toggle, open) {
    var menu = menuOf(toggle);
    if (!menu) return;
    toggle.classList.toggle("show", open);
    menu.classList.toggle("show", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    // Bootstrap's stylesheet places an open menu under its button when it carries this attribute.
    if (open) menu.setAttribute("data-bs-popper", "static");
    else menu.removeAttribute("data-bs-popper");
  }

  function closeAll(except) {
    document.querySelectorAll(TOGGLE + '[aria-expanded="true"]').forEach(function (toggle) {
      if (toggle !== except) setOpen(toggle, false);
    });
  }

  function move(menu, step) {
    var list = items(menu);
    if (!list.length) return;
    var at = list.indexOf(document.activeElement);
    list[(at + step + list.length) % list.length].focus();
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest ? event.target.closest(TOGGLE) : null;
    if (toggle) {
      event.preventDefault();
      var open = toggle.getAttribute("aria-expanded") !== "true";
      closeAll(toggle);
      setOpen(toggle, open);
      return;
    }
    if (!event.target.closest || !event.target.closest(".dropdown-menu.show")) closeAll(null);
  });

  document.addEventListener("keydown", function (event) {
    var open = document.querySelector(TOGGLE + '[aria-expanded="true"]');
    var toggle = event.target.closest ? event.target.closest(TOGGLE) : null;
    if (event.key === "Escape" && open) {
      setOpen(open, false);
      open.focus();
    } else if (toggle && event.key === "ArrowDown") {
      event.preventDefault();
      closeAll(toggle);
      setOpen(toggle, true);
      move(menuOf(toggle), 1);
    } else if (open && menuOf(open).contains(event.target) && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      move(menuOf(open), event.key === "ArrowDown" ? 1 : -1);
    }
  });

  // A reader who tabs out of an open menu leaves it closed behind them.
  document.addEventListener("focusin", function (event) {
    var open = document.querySelector(TOGGLE + '[aria-expanded="true"]');
    if (open && event.target !== open && !menuOf(open).contains(event.target)) setOpen(open, false);
  });
})();
