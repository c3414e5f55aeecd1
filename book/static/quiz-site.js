/* Mounts every quiz of a page of the static site, with no kernel and no network.
 *
 * Each quiz's questions travel in the page as JSON (written by book.quiz in the notebook's
 * text/html output). This file gives quiz-engine.js a small stand-in for a widget model whose
 * state lives in the browser's local storage, so answers survive a reload until "Reset".
 */
(function () {
  "use strict";
  var PREFIX = "sahel-course:quiz:";

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function localModel(spec) {
    var key = PREFIX + spec.id;
    var store = storage();
    var state = { spec: spec, answers: {}, score: 0 };
    try {
      var saved = store && JSON.parse(store.getItem(key) || "null");
      if (saved && saved.version === spec.version) { state.answers = saved.answers || {}; }
    } catch (e) { /* unreadable saved answers are ignored */ }
    return {
      get: function (name) { return state[name]; },
      set: function (name, value) { state[name] = value; },
      on: function () {},
      save_changes: function () {
        if (!store) return;
        try {
          if (Object.keys(state.answers).length === 0) store.removeItem(key);
          else store.setItem(key, JSON.stringify({ version: spec.version, answers: state.answers }));
        } catch (e) { /* storage full or disabled: the quiz still works for this visit */ }
      }
    };
  }

  function mountAll() {
    document.querySelectorAll(".quiz-mount").forEach(function (mount) {
      if (mount.getAttribute("data-mounted")) return;
      var data = mount.querySelector("script.quiz-spec");
      if (!data) return;
      try {  // one broken quiz must not stop the others; it keeps its fallback text
        var spec = JSON.parse(data.textContent);
        window.SahelQuiz.render({ model: localModel(spec), el: mount });
        var fallback = mount.querySelector(".quiz-fallback");
        if (fallback) fallback.remove();
        mount.setAttribute("data-mounted", "true");
      } catch (error) {
        console.error("quiz " + mount.getAttribute("data-quiz-id") + " could not be shown:", error);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
