/* The claims explorer: the article's claims, to filter by verdict, chapter and theme, search,
 * and open one by one. The one place where the explorer is drawn.
 *
 * Like quiz-engine.js it runs in two hosts with no change:
 *  - JupyterLab: book.explorer.ClaimsExplorer is an anywidget whose ES module is this file
 *    followed by `export default globalThis.SahelClaims;`. Chapter links point at notebooks.
 *  - The static site: claims-site.js reads the claims' JSON from the page and calls render()
 *    with {pageSuffix: ".html"}, replacing the plain table the page shows without JavaScript.
 *
 * Safety: all text is inserted with textContent, never as HTML; only http(s) links are made.
 */
(function () {
  "use strict";

  var renderCount = 0;  // keeps element ids unique when the explorer is shown twice on a page

  var make = globalThis.SahelDom.make;  // dom-helpers.js, loaded first
  var safeUrl = globalThis.SahelDom.safeUrl;

  // Lower case, without accents: "Ménaka" is found by "menaka", "Goïta" by "goita".
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function capitalise(word) { return word.charAt(0).toUpperCase() + word.slice(1); }

  function matches(claim, filters) {
    if (filters.verdict && claim.verdict !== filters.verdict) return false;
    if (filters.chapter && claim.chapter !== filters.chapter) return false;
    if (filters.theme && claim.theme !== filters.theme) return false;
    if (!filters.words.length) return true;
    var haystack = fold([claim.id, claim.section, claim.quote, claim.paraphrase, claim.correction,
      claim.evidence].join(" "));
    return filters.words.every(function (word) { return haystack.indexOf(word) !== -1; });
  }

  function countBy(claims, key) {
    var counts = {};
    claims.forEach(function (c) { counts[c[key]] = (counts[c[key]] || 0) + 1; });
    return counts;
  }

  function selectFilter(id, label, allLabel, options) {
    var wrap = make("div", { "class": "claims__filter" });
    wrap.appendChild(make("label", { "for": id }, label));
    var select = make("select", { id: id });
    select.appendChild(make("option", { value: "" }, allLabel));
    options.forEach(function (o) { select.appendChild(make("option", { value: o.value }, o.label)); });
    wrap.appendChild(select);
    return { wrap: wrap, control: select };
  }

  function chapterLabel(chapter) { return "Chapter " + chapter.number + ": " + chapter.title; }

  function detailRow(list, term, content) {
    list.appendChild(make("dt", null, term));
    var dd = make("dd");
    if (typeof content === "string") dd.textContent = content;
    else dd.appendChild(content);
    list.appendChild(dd);
  }

  function buildPanel(spec, claim, id, pageSuffix, verdicts) {
    var panel = make("div", { "class": "claims__panel", id: id, hidden: "" });
    var list = make("dl", { "class": "claims__details" });
    var words = make("div");
    words.appendChild(make("blockquote", { "class": "claims__quote" }, claim.quote || claim.paraphrase));
    words.appendChild(make("p", { "class": "claims__section" }, "Section of the article: " + claim.section + "."));
    detailRow(list, "The article says", words);
    detailRow(list, "In the course's words", claim.paraphrase);
    var kind = { fact: "a checkable fact", judgement: "a judgement", mixed: "a judgement resting on a checkable fact" };
    detailRow(list, "Verdict", verdicts[claim.verdict].symbol + " " + capitalise(claim.verdict) + ": "
      + verdicts[claim.verdict].meaning + " The claim is " + (kind[claim.type] || claim.type) + ".");
    detailRow(list, "Correction", claim.correction || "None needed.");
    detailRow(list, "Evidence", claim.evidence);
    var sources = make("ul", { "class": "claims__sources" });
    claim.sources.forEach(function (sourceId) {
      var source = spec.sources[sourceId] || { title: sourceId, publisher: "", url: "" };
      var item = make("li");
      var url = safeUrl(source.url);
      item.appendChild(url ? make("a", { href: url }, source.title || sourceId) : make("span", null, source.title || sourceId));
      if (source.publisher) item.appendChild(document.createTextNode(" (" + source.publisher + ")"));
      sources.appendChild(item);
    });
    detailRow(list, "Sources", sources);
    var chapter = spec.chapters.filter(function (c) { return c.slug === claim.chapter; })[0];
    if (chapter) {
      var where = chapter.page ? make("a", { href: chapter.page + pageSuffix }, chapterLabel(chapter))
        : make("span", null, chapterLabel(chapter));
      detailRow(list, "Treated in", where);
    }
    panel.appendChild(list);
    return panel;
  }

  function render(context) {
    var model = context.model, el = context.el;
    var pageSuffix = context.pageSuffix || ".ipynb";
    var spec = model.get("spec");
    var base = "claims-" + (++renderCount);
    var verdicts = {};
    spec.verdicts.forEach(function (v) { verdicts[v.value] = v; });
    var verdictCounts = countBy(spec.claims, "verdict");
    var chapterCounts = countBy(spec.claims, "chapter");
    var themeCounts = countBy(spec.claims, "theme");

    el.textContent = "";
    var root = make("section", { "class": "claims", "aria-labelledby": base + "-title" });
    root.appendChild(make("h3", { "class": "claims__title", id: base + "-title" }, spec.title));
    root.appendChild(make("p", { "class": "claims__intro" },
      "Narrow the list with the filters or the search box, then open a claim to read the article's "
      + "words, the verdict, the correction and the evidence, with links to the sources."));

    var form = make("form", { "class": "claims__filters", role: "search", "aria-label": "Filter the claims" });
    var searchWrap = make("div", { "class": "claims__filter claims__filter--search" });
    searchWrap.appendChild(make("label", { "for": base + "-search" }, "Search the claims"));
    var search = make("input", { type: "search", id: base + "-search", autocomplete: "off",
      "aria-describedby": base + "-search-hint" });
    searchWrap.appendChild(search);
    searchWrap.appendChild(make("p", { "class": "claims__hint", id: base + "-search-hint" },
      "Words in any order; accents optional (menaka finds Ménaka)."));
    form.appendChild(searchWrap);
    var verdict = selectFilter(base + "-verdict", "Verdict", "All verdicts (" + spec.claims.length + ")",
      spec.verdicts.filter(function (v) { return verdictCounts[v.value]; }).map(function (v) {
        return { value: v.value, label: v.symbol + " " + capitalise(v.value) + " (" + verdictCounts[v.value] + ")" };
      }));
    var chapter = selectFilter(base + "-chapter", "Chapter", "All chapters",
      spec.chapters.map(function (c) { return { value: c.slug, label: chapterLabel(c) + " (" + chapterCounts[c.slug] + ")" }; }));
    var theme = selectFilter(base + "-theme", "Theme", "All themes",
      spec.themes.map(function (t) { return { value: t.value, label: t.label + " (" + themeCounts[t.value] + ")" }; }));
    [verdict, chapter, theme].forEach(function (f) { form.appendChild(f.wrap); });
    var clear = make("button", { type: "button", "class": "claims__clear" }, "Clear filters");
    form.appendChild(clear);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    root.appendChild(form);

    var status = make("p", { "class": "claims__status", role: "status", "aria-live": "polite" });
    root.appendChild(status);
    var list = make("ul", { "class": "claims__list" });
    var items = spec.claims.map(function (claim) {
      var panelId = base + "-panel-" + claim.id;
      var item = make("li", { "class": "claims__item", id: "claim-" + claim.id, "data-claim-id": claim.id,
        "data-verdict": claim.verdict });
      var heading = make("h4", { "class": "claims__heading" });
      var toggle = make("button", { type: "button", "class": "claims__toggle", "aria-expanded": "false",
        "aria-controls": panelId });
      toggle.appendChild(make("span", { "class": "claims__id" }, claim.id));
      toggle.appendChild(make("span", { "class": "claims__verdict claims__verdict--" + claim.verdict },
        verdicts[claim.verdict].symbol + " " + capitalise(claim.verdict)));
      toggle.appendChild(make("span", { "class": "claims__summary" }, claim.paraphrase));
      heading.appendChild(toggle);
      item.appendChild(heading);
      var panel = null;
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") === "true";
        if (!panel) {  // built on first opening: the page stays light until a reader asks
          panel = buildPanel(spec, claim, panelId, pageSuffix, verdicts);
          item.appendChild(panel);
        }
        toggle.setAttribute("aria-expanded", open ? "false" : "true");
        if (open) panel.setAttribute("hidden", ""); else panel.removeAttribute("hidden");
      });
      list.appendChild(item);
      return { claim: claim, item: item, toggle: toggle };
    });
    root.appendChild(list);
    var empty = make("p", { "class": "claims__empty", hidden: "" }, "No claim matches these filters.");
    root.appendChild(empty);

    function update() {
      var filters = { verdict: verdict.control.value, chapter: chapter.control.value, theme: theme.control.value,
        words: fold(search.value).split(/\s+/).filter(Boolean) };
      var shown = 0;
      items.forEach(function (entry) {
        var visible = matches(entry.claim, filters);
        if (visible) { entry.item.removeAttribute("hidden"); shown++; } else entry.item.setAttribute("hidden", "");
      });
      status.textContent = "Showing " + shown + " of " + spec.claims.length + " claims.";
      if (shown) empty.setAttribute("hidden", ""); else empty.removeAttribute("hidden");
    }
    [verdict, chapter, theme].forEach(function (f) { f.control.addEventListener("change", update); });
    search.addEventListener("input", update);
    clear.addEventListener("click", function () {
      search.value = ""; verdict.control.value = ""; chapter.control.value = ""; theme.control.value = "";
      update();
      search.focus();
    });
    update();
    el.appendChild(root);

    // A link to #claim-C17 opens that claim.
    var wanted = typeof location !== "undefined" && /^#claim-(C\d+)$/.exec(location.hash || "");
    if (wanted) {
      items.forEach(function (entry) {
        if (entry.claim.id !== wanted[1]) return;
        entry.toggle.click();
        setTimeout(function () { entry.item.scrollIntoView(); }, 0);  // once the host is in the page
      });
    }
  }

  globalThis.SahelClaims = { render: render, matches: matches, fold: fold };
})();
