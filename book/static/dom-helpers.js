/* The two DOM helpers the course's interactive scripts share (the quiz engine, the timeline
 * explorer and the claims explorer), as globalThis.SahelDom. The site loads this file before them;
 * in JupyterLab each widget's module starts with it (book/static_sources.py).
 * Safety: make() sets text with textContent, never as HTML; safeUrl() lets only http(s) addresses
 * become links. */
(function () {
  "use strict";

  /* An element with these attributes (null and undefined ones left out) and this text. */
  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
    });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* The address if it is an http(s) one, else null: "javascript:" and the like never become links. */
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  globalThis.SahelDom = { make: make, safeUrl: safeUrl };
})();
