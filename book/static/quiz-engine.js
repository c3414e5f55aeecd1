/* The course's quiz engine: the one place where a quiz is drawn and graded.
 *
 * It runs in two hosts with no change:
 *  - JupyterLab: book.quiz.Quiz is an anywidget whose ES module is this file followed by
 *    `export default globalThis.SahelQuiz;`. The model is the widget's synced state, so
 *    answers and score are readable from Python (quiz.answers, quiz.score).
 *  - The static site: quiz-site.js finds each quiz's JSON in the page and calls render()
 *    with a small model kept in the browser's local storage. No kernel, no network.
 *
 * It is a classic script (no import/export) so that it also runs from a downloaded copy of
 * the site opened with file://, where browsers refuse ES modules.
 *
 * Safety: every question, option and explanation is inserted with textContent, never as
 * HTML, so markup in a question is shown as text and runs nothing.
 */
(function () {
  "use strict";

  var MAX_ATTEMPTS = 2;
  var renderCount = 0;  // makes element ids unique when one quiz is shown twice on a page

  /* ---------- deterministic shuffling: the same order for every reader and every run ---------- */

  function hashString(text) {
    // FNV-1a, 32 bits.
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function seededOrder(n, seedText) {
    // A permutation of 0..n-1 that depends only on seedText, and is never the identity (n > 1).
    var order = [];
    for (var i = 0; i < n; i++) order.push(i);
    var state = hashString(seedText) || 1;
    for (var j = n - 1; j > 0; j--) {
      state ^= state << 13; state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5; state >>>= 0;
      var k = state % (j + 1);
      var t = order[j]; order[j] = order[k]; order[k] = t;
    }
    var identity = order.every(function (v, idx) { return v === idx; });
    if (identity && n > 1) order.push(order.shift());
    return order;
  }

  /* ---------- grading: pure functions of a question and a response ---------- */

  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    var sa = a.slice().sort(), sb = b.slice().sort();
    return sa.every(function (v, i) { return v === sb[i]; });
  }

  // Reads "13,289", "13 289" and "2013" as whole numbers, "0.97", "0,97" and "0,974" as decimals
  // (a group of three after a leading 0 is a decimal part, not thousands; "1,234" stays 1234).
  function parseNumber(text) {
    var cleaned = String(text).trim().replace(/[\s\u00a0\u202f]/g, "");
    if (/^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(cleaned)) cleaned = cleaned.replace(/,/g, "");
    else if (/^[-+]?\d+,\d+$/.test(cleaned)) cleaned = cleaned.replace(",", ".");
    if (!/^[-+]?\d+(\.\d+)?$/.test(cleaned)) return null;
    return Number(cleaned);
  }

  // Returns {status: "invalid", message} for a response that cannot be graded yet,
  // otherwise {status: "correct" | "incorrect"}.
  function grade(question, response) {
    switch (question.kind) {
      case "single":
        if (response === null || response === undefined) return { status: "invalid", message: "Choose one option first." };
        return { status: response === question.answer ? "correct" : "incorrect" };
      case "multiple":
        if (!response || response.length === 0) return { status: "invalid", message: "Select at least one option first." };
        return { status: sameSet(response, question.answer) ? "correct" : "incorrect" };
      case "number": {
        var value = parseNumber(response === null || response === undefined ? "" : response);
        if (value === null) return { status: "invalid", message: "Type a number, for example 2013, using digits only." };
        var tol = question.tolerance || 0;
        return { status: Math.abs(value - question.answer) <= tol ? "correct" : "incorrect" };
      }
      case "order":
        return { status: response.every(function (v, i) { return v === i; }) ? "correct" : "incorrect" };
      case "match":
        if (!response || response.some(function (v) { return v === null || v === undefined || v === ""; })) {
          return { status: "invalid", message: "Choose a match for every item first." };
        }
        return { status: response.every(function (v, i) { return Number(v) === i; }) ? "correct" : "incorrect" };
      default:
        return { status: "invalid", message: "This kind of question is not supported." };
    }
  }

  function answerText(question) {
    switch (question.kind) {
      case "single": return question.options[question.answer];
      case "multiple": return question.answer.map(function (i) { return question.options[i]; }).join("; ");
      case "number": return String(question.answer) + (question.unit ? " " + question.unit : "");
      case "order": return question.items.join(" → ");
      case "match": return question.pairs.map(function (p) { return p[0] + " — " + p[1]; }).join("; ");
      default: return "";
    }
  }

  function scoreOf(quiz, answers) {
    return quiz.questions.filter(function (q) { return answers[q.id] && answers[q.id].correct; }).length;
  }

  // What the browser stored for a question, made sane: a stored answer can be stale, edited by hand
  // or written by an older version, and must never show "-3 tries left" or lock a question wrongly.
  function cleanEntry(entry) {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) return {};
    var attempts = Number(entry.attempts);
    attempts = Number.isInteger(attempts) && attempts > 0 ? Math.min(attempts, MAX_ATTEMPTS) : 0;
    if (!attempts) return {};
    var correct = entry.correct === true;
    return { response: entry.response, attempts: attempts, correct: correct,
      done: correct || attempts >= MAX_ATTEMPTS };
  }

  /* ---------- DOM helpers (dom-helpers.js, loaded first) ---------- */

  var make = globalThis.SahelDom.make;
  var safeUrl = globalThis.SahelDom.safeUrl;

  /* ---------- one question ---------- */

  function buildQuestion(quiz, question, index, state, commit, instance) {
    var base = "quiz-" + quiz.id + "-" + instance + "-" + question.id;
    var item = make("li", { "class": "quiz__question", "data-question-id": question.id, "data-kind": question.kind });
    var fieldset = make("fieldset", { "class": "quiz__fieldset" });
    var legend = make("legend", { "class": "quiz__prompt", id: base + "-prompt" });
    legend.appendChild(make("span", { "class": "quiz__number" }, "Question " + (index + 1) + ". "));
    legend.appendChild(document.createTextNode(question.prompt));
    fieldset.appendChild(legend);
    var hint = { single: "Choose one answer.", multiple: "Select all that apply.",
      number: "Type a number.", order: "Put these in chronological order, earliest first, with the Move buttons.",
      match: "Choose the matching item for each line." }[question.kind];
    fieldset.appendChild(make("p", { "class": "quiz__hint", id: base + "-hint" }, hint));

    var saved = cleanEntry(state);
    var readResponse;
    var controls = [];

    if (question.kind === "single" || question.kind === "multiple") {
      var list = make("div", { "class": "quiz__options" });
      var type = question.kind === "single" ? "radio" : "checkbox";
      question.options.forEach(function (option, i) {
        var id = base + "-opt" + i;
        var label = make("label", { "class": "quiz__option", "for": id });
        var input = make("input", { type: type, id: id, name: base, value: String(i), "aria-describedby": base + "-hint" });
        var prev = saved.response;
        if (question.kind === "single" ? prev === i : Array.isArray(prev) && prev.indexOf(i) >= 0) input.checked = true;
        label.appendChild(input);
        label.appendChild(make("span", null, option));
        list.appendChild(label);
        controls.push(input);
      });
      fieldset.appendChild(list);
      readResponse = function () {
        var chosen = controls.filter(function (c) { return c.checked; }).map(function (c) { return Number(c.value); });
        return question.kind === "single" ? (chosen.length ? chosen[0] : null) : chosen;
      };
    } else if (question.kind === "number") {
      var id = base + "-input";
      var wrap = make("div", { "class": "quiz__number-input" });
      wrap.appendChild(make("label", { "for": id }, "Your answer" + (question.unit ? " (" + question.unit + ")" : "")));
      var input = make("input", { type: "text", id: id, inputmode: "decimal", autocomplete: "off", "aria-describedby": base + "-hint" });
      if (saved.response !== undefined && saved.response !== null) input.value = saved.response;
      wrap.appendChild(input);
      fieldset.appendChild(wrap);
      controls.push(input);
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); check(); }
      });
      readResponse = function () { return input.value; };
    } else if (question.kind === "order") {
      var current = Array.isArray(saved.response) && saved.response.length === question.items.length
        ? saved.response.slice() : seededOrder(question.items.length, quiz.id + "/" + question.id);
      var orderList = make("ol", { "class": "quiz__order", "aria-describedby": base + "-hint" });
      var moveStatus = make("p", { "class": "quiz__sr-only", "aria-live": "polite" });
      var drawOrder = function (focusItem, focusDir) {
        orderList.textContent = "";
        controls.length = 0;
        current.forEach(function (itemIndex, pos) {
          var li = make("li", { "class": "quiz__order-item" });
          li.appendChild(make("span", { "class": "quiz__order-text" }, question.items[itemIndex]));
          [["up", "Move up", -1], ["down", "Move down", 1]].forEach(function (spec) {
            var btn = make("button", {
              type: "button", "class": "quiz__move quiz__move--" + spec[0],
              "aria-label": spec[1] + ": " + question.items[itemIndex]
            }, spec[0] === "up" ? "↑ Up" : "↓ Down");
            var target = pos + spec[2];
            if (target < 0 || target >= current.length) btn.disabled = true;
            btn.addEventListener("click", function () {
              var moved = current.splice(pos, 1)[0];
              current.splice(target, 0, moved);
              drawOrder(moved, spec[0]);
              moveStatus.textContent = "“" + question.items[moved] + "” is now number " + (target + 1) + " of " + current.length + ".";
            });
            li.appendChild(btn);
            controls.push(btn);
            if (focusItem === itemIndex && focusDir === spec[0]) {
              // After the redraw, keep focus on the moved item: on its button, or its other button when this
              // one is now disabled. By then the question may have been checked and locked, or redrawn again.
              setTimeout(function () {
                var next = btn.disabled ? li.querySelector("button:not([disabled])") : btn;
                if (next && next.isConnected) next.focus();
              }, 0);
            }
          });
          orderList.appendChild(li);
        });
      };
      drawOrder(null, null);
      fieldset.appendChild(orderList);
      fieldset.appendChild(moveStatus);
      readResponse = function () { return current.slice(); };
    } else if (question.kind === "match") {
      var rights = seededOrder(question.pairs.length, quiz.id + "/" + question.id);
      var table = make("div", { "class": "quiz__match" });
      question.pairs.forEach(function (pair, i) {
        var id = base + "-match" + i;
        var row = make("div", { "class": "quiz__match-row" });
        row.appendChild(make("label", { "for": id }, pair[0]));
        var select = make("select", { id: id, "aria-describedby": base + "-hint" });
        select.appendChild(make("option", { value: "" }, "Choose…"));
        rights.forEach(function (r) { select.appendChild(make("option", { value: String(r) }, question.pairs[r][1])); });
        if (Array.isArray(saved.response) && saved.response[i] !== null && saved.response[i] !== undefined) {
          select.value = String(saved.response[i]);
        }
        row.appendChild(select);
        table.appendChild(row);
        controls.push(select);
      });
      fieldset.appendChild(table);
      readResponse = function () {
        return controls.map(function (s) { return s.value === "" ? null : Number(s.value); });
      };
    }

    item.appendChild(fieldset);
    var actions = make("div", { "class": "quiz__actions" });
    var checkButton = make("button", { type: "button", "class": "quiz__check" }, "Check answer");
    actions.appendChild(checkButton);
    item.appendChild(actions);
    var feedback = make("div", { "class": "quiz__feedback", "aria-live": "polite", id: base + "-feedback", tabindex: "-1" });
    item.appendChild(feedback);

    function showFeedback(result, entry) {
      feedback.textContent = "";
      feedback.setAttribute("data-state", result.status === "invalid" ? "invalid" : entry.done ? (entry.correct ? "correct" : "incorrect") : "retry");
      var head = make("p", { "class": "quiz__verdict" });
      if (result.status === "invalid") {
        head.textContent = "⚠ " + result.message;
        feedback.appendChild(head);
        return;
      }
      if (entry.correct) {
        head.textContent = "✓ Correct.";
      } else if (!entry.done) {
        var left = MAX_ATTEMPTS - entry.attempts;
        head.textContent = "✗ Not quite. Try again (" + left + (left === 1 ? " try" : " tries") + " left).";
      } else {
        head.textContent = "✗ Not quite. The answer is: " + answerText(question) + ".";
      }
      feedback.appendChild(head);
      if (entry.done) {
        feedback.appendChild(make("p", { "class": "quiz__explanation" }, question.explanation));
        if (question.source) {
          var src = make("p", { "class": "quiz__source" }, "Source: ");
          var url = safeUrl(question.source.url);
          var link = url ? make("a", { href: url, rel: "noopener" }, question.source.label) : make("span", null, question.source.label);
          src.appendChild(link);
          feedback.appendChild(src);
        }
      }
    }

    function lock(entry) {
      var finished = !!entry.done;
      controls.forEach(function (c) { c.disabled = finished || c.disabled; });
      checkButton.disabled = finished;
      checkButton.hidden = finished;
      item.setAttribute("data-state", finished ? (entry.correct ? "correct" : "incorrect") : "open");
    }

    function check() {
      if (saved.done) return;
      var response = readResponse();
      var result = grade(question, response);
      if (result.status === "invalid") {
        showFeedback(result, saved);
        return;
      }
      var attempts = (saved.attempts || 0) + 1;
      var correct = result.status === "correct";
      saved = { response: response, attempts: attempts, correct: correct, done: correct || attempts >= MAX_ATTEMPTS };
      showFeedback(result, saved);
      lock(saved);
      commit(question.id, saved);
      if (saved.done) feedback.focus();
    }

    checkButton.addEventListener("click", check);
    if (saved.attempts) {
      showFeedback({ status: saved.correct ? "correct" : "incorrect" }, saved);
      lock(saved);
    }
    return item;
  }

  /* ---------- the whole quiz ---------- */

  function render(context) {
    var model = context.model, el = context.el;
    var quiz = model.get("spec");
    var instance = ++renderCount;
    var root = make("section", { "class": "quiz", "data-quiz-id": quiz.id, "aria-label": "Quiz: " + quiz.title });
    var scoreLine = make("p", { "class": "quiz__score", "aria-live": "polite" });
    var list = make("ol", { "class": "quiz__questions" });

    function answers() { return Object.assign({}, model.get("answers") || {}); }

    function updateScore() {
      var a = answers();
      var answered = quiz.questions.filter(function (q) { return a[q.id] && a[q.id].done; }).length;
      scoreLine.textContent = "Score: " + scoreOf(quiz, a) + " of " + quiz.questions.length +
        " (" + answered + " answered)";
    }

    // Redraw when the answers change elsewhere (from Python, or in another view of the widget),
    // but not for this view's own writes.
    var writing = false;
    function save(a) {
      writing = true;
      model.set("answers", a);
      model.set("score", scoreOf(quiz, a));
      model.save_changes();
      writing = false;
    }
    function onChange() { if (!writing) draw(); }
    if (model.on) model.on("change:answers", onChange);

    function commit(questionId, entry) {
      var a = answers();
      a[questionId] = entry;
      save(a);
      updateScore();
    }

    function draw() {
      list.textContent = "";
      var a = answers();
      quiz.questions.forEach(function (q, i) {
        try {  // one broken question must not blank the quiz: the others are drawn, and it says so
          list.appendChild(buildQuestion(quiz, q, i, a[q && q.id], commit, instance));
        } catch (error) {
          var id = q && typeof q.id === "string" ? q.id : "#" + (i + 1);
          console.error("quiz " + quiz.id + ": question " + id + " could not be shown:", error);
          list.appendChild(make("li", { "class": "quiz__question quiz__question--broken", "data-question-id": id },
            "Question " + (i + 1) + " could not be shown: its data is malformed. The other questions work."));
        }
      });
      updateScore();
    }

    root.appendChild(make("p", { "class": "quiz__title", role: "heading", "aria-level": "3" }, quiz.title));
    root.appendChild(make("p", { "class": "quiz__intro" },
      "Answer each question, then choose “Check answer”. You get two tries; the explanation and its source appear after that."));
    root.appendChild(list);
    var footer = make("div", { "class": "quiz__footer" });
    footer.appendChild(scoreLine);
    var reset = make("button", { type: "button", "class": "quiz__reset" }, "Reset answers");
    reset.addEventListener("click", function () {
      save({});
      draw();
      var first = list.querySelector("input, select, button");
      if (first) first.focus();
    });
    footer.appendChild(reset);
    root.appendChild(footer);
    el.appendChild(root);
    draw();
    return function cleanup() {
      if (model.off) model.off("change:answers", onChange);
      root.remove();
    };
  }

  globalThis.SahelQuiz = { render: render, grade: grade, seededOrder: seededOrder, parseNumber: parseNumber,
    cleanEntry: cleanEntry };
})();
