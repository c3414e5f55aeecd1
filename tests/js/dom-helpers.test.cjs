// Fast tests of the helpers the quiz engine, the timeline explorer and the claims explorer share:
// `node --test tests/js/`. A tiny stand-in for the page's document records what make() does.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

require(path.join(__dirname, "..", "..", "book", "static", "dom-helpers.js"));
const { make, safeUrl } = globalThis.SahelDom;

test("only http(s) addresses become links", () => {
  assert.equal(safeUrl("https://press.un.org/en/2023/sc15318.doc.htm"), "https://press.un.org/en/2023/sc15318.doc.htm");
  assert.equal(safeUrl("HTTP://example.org"), "HTTP://example.org");
  for (const url of ["javascript:alert(1)", " https://x.org", "data:text/html,x", "//x.org", "", null, undefined, 7]) {
    assert.equal(safeUrl(url), null, JSON.stringify(url));
  }
});

test("make() sets the attributes given, leaves out null and undefined ones, and sets text as text", () => {
  globalThis.document = {
    createElement(tag) {
      return { tag, attributes: {}, textContent: "", setAttribute(name, value) { this.attributes[name] = String(value); } };
    },
  };
  try {
    const node = make("a", { href: "https://x.org", title: null, "data-n": 0, hidden: undefined }, "<b>1</b>");
    assert.equal(node.tag, "a");
    assert.deepEqual(node.attributes, { href: "https://x.org", "data-n": "0" });
    assert.equal(node.textContent, "<b>1</b>");
    assert.equal(make("p", null, 0).textContent, "0");
    assert.equal(make("p", undefined, null).textContent, "");
  } finally {
    delete globalThis.document;
  }
});
