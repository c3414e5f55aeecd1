// Fast tests of the quiz engine's logic (grading, number parsing, ordering), with Node's own test
// runner and no browser: `node --test tests/js/`. The browser tests check the same engine on the
// built site; these pin down its rules, case by case.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

require(path.join(__dirname, "..", "..", "book", "static", "dom-helpers.js")); // loaded first, as in the site
require(path.join(__dirname, "..", "..", "book", "static", "quiz-engine.js"));
const { grade, parseNumber, seededOrder } = globalThis.SahelQuiz;

test("the engine loads without a page: only render() touches the DOM", () => {
  assert.equal(typeof grade, "function");
  assert.equal(typeof globalThis.SahelQuiz.render, "function");
});

test("numbers are read as a reader writes them", () => {
  const cases = {
    "2013": 2013, " 2013 ": 2013, "13,289": 13289, "13 289": 13289, "13\u202f289": 13289,
    "1,234,567": 1234567, "0.97": 0.97, "0,97": 0.97, "0,974": 0.974, "-5": -5, "+7": 7,
  };
  for (const [text, value] of Object.entries(cases)) assert.equal(parseNumber(text), value, text);
});

test("what is not a number is refused, not guessed", () => {
  for (const text of ["", "abc", "1,2,3", "12,34,567", "2013a", "twenty", "1.2.3", "1e3", "--5"]) {
    assert.equal(parseNumber(text), null, JSON.stringify(text));
  }
});

test("a single-choice question: right, wrong, and no choice yet", () => {
  const q = { kind: "single", options: ["a", "b", "c"], answer: 1 };
  assert.equal(grade(q, 1).status, "correct");
  assert.equal(grade(q, 2).status, "incorrect");
  assert.equal(grade(q, null).status, "invalid");
  assert.equal(grade(q, undefined).message, "Choose one option first.");
});

test("a multiple-choice question needs exactly the right set, in any order", () => {
  const q = { kind: "multiple", options: ["a", "b", "c"], answer: [0, 2] };
  assert.equal(grade(q, [2, 0]).status, "correct");
  assert.equal(grade(q, [0]).status, "incorrect");
  assert.equal(grade(q, [0, 1, 2]).status, "incorrect");
  assert.equal(grade(q, []).status, "invalid");
});

test("a number question: tolerance, separators and text that is not a number", () => {
  const q = { kind: "number", answer: 0.97, tolerance: 0.005 };
  assert.equal(grade(q, "0.97").status, "correct");
  assert.equal(grade(q, "0,974").status, "correct");
  assert.equal(grade(q, "0.98").status, "incorrect");
  assert.equal(grade(q, "ninety").status, "invalid");
  assert.equal(grade({ kind: "number", answer: 13289 }, "13,289").status, "correct");
  assert.equal(grade({ kind: "number", answer: 13289 }, "13,290").status, "incorrect");
});

test("an order question is right only in the original order", () => {
  const q = { kind: "order", items: ["w", "x", "y", "z"] };
  assert.equal(grade(q, [0, 1, 2, 3]).status, "correct");
  assert.equal(grade(q, [1, 0, 2, 3]).status, "incorrect");
});

test("a match question: every pair chosen, each right", () => {
  const q = { kind: "match", pairs: [["a", "1"], ["b", "2"], ["c", "3"]] };
  assert.equal(grade(q, ["0", "1", "2"]).status, "correct");
  assert.equal(grade(q, [0, 1, 2]).status, "correct");
  assert.equal(grade(q, ["1", "0", "2"]).status, "incorrect");
  assert.equal(grade(q, ["0", "", "2"]).status, "invalid");
});

test("an unknown kind is refused with a message", () => {
  assert.equal(grade({ kind: "essay" }, "text").status, "invalid");
});

test("shuffling is the same every time, a permutation, and never the original order", () => {
  for (const n of [2, 3, 4, 5, 8]) {
    for (const seed of ["mandate:order", "all-kinds:order", "x", ""]) {
      const order = seededOrder(n, seed);
      assert.deepEqual(order, seededOrder(n, seed));
      assert.deepEqual([...order].sort((a, b) => a - b), [...Array(n).keys()]);
      assert.notDeepEqual(order, [...Array(n).keys()], `identity for n=${n}, seed=${seed}`);
    }
  }
  assert.deepEqual(seededOrder(1, "x"), [0]);
});

test("a stored answer is made sane whatever the browser holds", () => {
  const clean = globalThis.SahelQuiz.cleanEntry;
  assert.deepEqual(clean(null), {});
  assert.deepEqual(clean("x"), {});
  assert.deepEqual(clean({ attempts: -3 }), {});
  assert.deepEqual(clean({ attempts: "NaN" }), {});
  assert.deepEqual(clean({ attempts: 1.5 }), {});
  assert.equal(clean({ attempts: 99 }).attempts, 2);
  assert.equal(clean({ attempts: 99 }).done, true);
  assert.deepEqual(clean({ attempts: 1, correct: "yes", response: 3 }),
    { response: 3, attempts: 1, correct: false, done: false });
});
