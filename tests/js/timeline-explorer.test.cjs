// Fast tests of the timeline script's date rules, with Node's own test runner and no browser:
// `node --test tests/js/`. The browser tests check the controls and the card on the built site.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

require(path.join(__dirname, "..", "..", "book", "static", "dom-helpers.js")); // loaded first, as in the site
require(path.join(__dirname, "..", "..", "book", "static", "timeline-explorer.js"));
const { dateParam, longDate, when, reversed, defineCards, store } = globalThis.SahelTimeline;

test("a year, a month or a day in the address covers its whole span", () => {
  assert.equal(dateParam("2021", false), "2021-01-01");
  assert.equal(dateParam("2021", true), "2021-12-31");
  assert.equal(dateParam("2024-02", true), "2024-02-29");
  assert.equal(dateParam("2023-02", true), "2023-02-28");
  assert.equal(dateParam("2023-02", false), "2023-02-01");
  assert.equal(dateParam("2022-01-09", true), "2022-01-09");
});

test("what is not a date is refused, not guessed", () => {
  for (const text of ["", "21", "2021-1", "last year", "2021/01/01", "2021-01-01T00:00", null, undefined]) {
    assert.equal(dateParam(text, false), "", JSON.stringify(text));
  }
});

test("dates are written as the course writes them", () => {
  assert.equal(longDate("2013-04-25"), "25 April 2013");
  assert.equal(longDate("2022-01-09"), "9 January 2022");
});

test("a card gives an event's dates, and the text sent with it where the day is not known", () => {
  assert.equal(when({ date: "2013-04-25" }), "25 April 2013");
  assert.equal(when({ date: "2023-07-01", end: "2023-12-31" }), "1 July 2023 – 31 December 2023");
  assert.equal(when({ date: "2023-07-01", end: "2023-07-01" }), "1 July 2023");
  const month = "December 2021 – 6 June 2025 (the month is known, not the day)";
  assert.equal(when({ date: "2021-12-01", end: "2025-06-06", when: month }), month);
});

test("a start after the end is a reversed filter; an open end is not", () => {
  assert.equal(reversed({ from: "2022-01-01", to: "2021-12-31" }), true);
  assert.equal(reversed({ from: "2021-01-01", to: "2021-12-31" }), false);
  assert.equal(reversed({ from: "2022-01-01", to: "" }), false);
});

test("each card's script adds its event and sources to what the page has, keeping the others", () => {
  defineCards({ events: { a: { title: "A" } }, sources: { s1: { title: "S1" } } });
  defineCards({ events: { b: { title: "B" } }, sources: { s2: { title: "S2" } } });
  assert.deepEqual(Object.keys(store.events).sort(), ["a", "b"]);
  assert.deepEqual(Object.keys(store.sources).sort(), ["s1", "s2"]);
  defineCards({});
  assert.equal(store.events.a.title, "A");
});
