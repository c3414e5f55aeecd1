/* The event timeline's HTML filters (theme, actor, dates; kept in the page address), event card
 * (click, tap or "Read the events one by one"; previous/next in date order; Escape closes), key event
 * labels that never collide, and lanes inside the plot below 576 px: in the site and in JupyterLab.
 * figures.js calls attach(figure, meta) with the figure's layout.meta.course (book.figures.timeline);
 * the cards' details come from a script for each event (_static/cards/<id>.js, which calls
 * defineCards) or, in JupyterLab, from the kernel. */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];
  var PARAMS = ["theme", "actor", "from", "to", "event"];
  var LABEL_FONT = 11;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var LABEL_OFFSETS = [-24, -42, -60, -78, 24, 42]; // px above (-) or below (+) the point
  var count = 0;
  var store = { events: {}, sources: {} }; // the cards' details the site has sent so far

  /* Called by each card's script (_static/cards/<id>.js) with its event and the sources it cites. */
  function defineCards(part) {
    Object.keys(part.events || {}).forEach(function (id) { store.events[id] = part.events[id]; });
    Object.keys(part.sources || {}).forEach(function (id) { store.sources[id] = part.sources[id]; });
  }

  /* The details of the events with these ids: from the kernel (JupyterLab), or each event's own
   * script in the site, fetched once (a script, not a fetch, so that the site works from file://). */
  function cardDetails(meta, ids) {
    if (meta.details) return Promise.resolve(meta.details);
    var F = globalThis.SahelFigures;
    return Promise.all(ids.filter(function (id) { return !store.events[id]; }).map(function (id) {
      return F.loadScript(F.cardsUrl + encodeURIComponent(id) + ".js");
    })).then(function () { return store; });
  }

  var make = globalThis.SahelDom.make;  // dom-helpers.js, loaded first
  var safeUrl = globalThis.SahelDom.safeUrl;

  /* "2013-04-25" as "25 April 2013". */
  function longDate(iso) {
    var p = iso.split("-");
    return (p[2] ? String(Number(p[2])) + " " : "") + (p[1] ? MONTHS[Number(p[1]) - 1] + " " : "") + p[0];
  }

  /* An event's dates as its card shows them. Where the day is not known, the light card carries the
   * text, written by book.figures.base.dated (the month, and a note saying so). */
  function when(card) {
    if (card.when) return card.when;
    return longDate(card.date) + (card.end && card.end !== card.date ? " – " + longDate(card.end) : "");
  }

  function reversed(state) { return Boolean(state.from && state.to && state.from > state.to); }

  /* A year, month or day from the address as the first or last day it covers; "" if it is not a date. */
  function dateParam(value, last) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value || "");
    if (!m) return "";
    if (m[3]) return value;
    if (m[2]) {
      if (!last) return m[1] + "-" + m[2] + "-01";
      var days = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
      return m[1] + "-" + m[2] + "-" + String(days);
    }
    return m[1] + (last ? "-12-31" : "-01-01");
  }

  function siteAddress() {
    return {
      read: function () {
        var params = new URLSearchParams(window.location.search);
        var out = {};
        PARAMS.forEach(function (key) { out[key] = params.get(key) || ""; });
        return out;
      },
      write: function (state) {
        var params = new URLSearchParams(window.location.search);
        PARAMS.forEach(function (key) { if (state[key]) params.set(key, state[key]); else params.delete(key); });
        var query = params.toString();
        try {
          window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") +
                                      window.location.hash);
        } catch (error) { /* a page opened from file:// may refuse; the filter still works */ }
      }
    };
  }

  function noAddress() { return { read: function () { return {}; }, write: function () {} }; }

  function attach(figure, meta) {
    var F = globalThis.SahelFigures;
    var course = figure._course;
    var Plotly = course.Plotly;
    var plot = course.plot;
    var cards = meta.events;
    var uid = (figure.id || "timeline") + "-t" + String(++count);
    var address = figure.getAttribute("data-address") === "none" || count > 1 || typeof window === "undefined" ||
      !window.history ? noAddress() : siteAddress();
    var initialRange = plot.layout.xaxis.range ? plot.layout.xaxis.range.slice() : null;
    var state = { theme: "", actor: "", from: "", to: "", event: "" };
    var shown = [];      // indices of the cards the filter shows, in date order
    var opened = -1;     // index of the open card, or -1
    var returnFocus = null;
    var busy = false;    // true while this script changes the plot (its own relayout events are not the reader's)

    // ---- Controls ----
    var controls = make("div", { "class": "timeline-controls", role: "group", "aria-label": "Filter the timeline" });
    function field(label, control) {
      var wrap = make("div", { "class": "timeline-controls__field" });
      var id = uid + "-" + label.toLowerCase().replace(/\W+/g, "-");
      control.id = id;
      wrap.appendChild(make("label", { "for": id }, label));
      wrap.appendChild(control);
      controls.appendChild(wrap);
      return control;
    }
    function select(options, all) {
      var node = make("select");
      node.appendChild(make("option", { value: "" }, all));
      options.forEach(function (o) { node.appendChild(make("option", { value: o.value }, o.label)); });
      return node;
    }
    var first = cards.length ? cards[0].date : "";
    var last = cards.reduce(function (m, c) { var e = c.end || c.date; return e > m ? e : m; }, first);
    var themeBox = field("Theme", select(meta.themes, "All themes"));
    var actorBox = field("Actor", select(meta.actors, "All actors"));
    var fromBox = field("From", make("input", { type: "date", min: first, max: last }));
    var toBox = field("To", make("input", { type: "date", min: first, max: last }));
    var buttons = make("div", { "class": "timeline-controls__buttons" });
    var browse = make("button", { type: "button", "class": "timeline-controls__browse" }, "Read the events one by one");
    var reset = make("button", { type: "button" }, "Show all");
    buttons.appendChild(browse);
    buttons.appendChild(reset);
    controls.appendChild(buttons);
    var status = make("p", { "class": "timeline-status", role: "status", "aria-live": "polite" });

    // ---- Card ----
    var card = make("section", { "class": "timeline-card", "aria-labelledby": uid + "-card-title", tabindex: "-1" });
    card.hidden = true;

    figure.insertBefore(controls, plot);
    figure.insertBefore(status, plot);
    figure.insertBefore(card, plot.nextSibling);
    figure.classList.add("course-figure--timeline");

    function matches(c) {
      if (reversed(state)) return false;
      if (state.theme && c.theme !== state.theme) return false;
      if (state.actor && c.actorIds.indexOf(state.actor) < 0) return false;
      if (state.from && (c.end || c.date) < state.from) return false;
      if (state.to && c.date > state.to) return false;
      return true;
    }

    function labelOf(list, value) {
      var found = list.filter(function (o) { return o.value === value; })[0];
      return found ? found.label : value;
    }

    function describe() {
      if (reversed(state)) {
        return "The start date is after the end date: nothing to show. Change one of them.";
      }
      var parts = [];
      if (state.theme) parts.push("theme " + labelOf(meta.themes, state.theme));
      if (state.actor) parts.push("actor " + labelOf(meta.actors, state.actor));
      if (state.from) parts.push("from " + longDate(state.from));
      if (state.to) parts.push("to " + longDate(state.to));
      return "Showing " + shown.length + " of " + cards.length + " events" +
        (parts.length ? " (" + parts.join(", ") + ")." : ".");
    }

    // Which points of each trace belong to the cards the filter shows.
    function pointsShown(trace) {
      return (trace.customdata || []).reduce(function (out, cd, i) {
        if (cd && shown.indexOf(cd[0]) >= 0) out.push(i);
        return out;
      }, []);
    }

    function unfiltered() { return !state.theme && !state.actor && !state.from && !state.to; }

    /* Show what the filter asks for. ``fresh``: the plot is as first drawn, so an empty filter needs
       no redrawing (only the labels). */
    function applyFilter(keepCard, fresh) {
      shown = [];
      cards.forEach(function (c, i) { if (matches(c)) shown.push(i); });
      if (fresh && unfiltered()) {
        status.textContent = describe();
        return placeLabels();
      }
      var data = plot.data;
      var visible = data.map(function (t) { return !state.theme || t.legendgroup === state.theme; });
      var selected = data.map(function (t) { return state.actor || reversed(state) ? pointsShown(t) : null; });
      var layout = {};
      if ((state.from || state.to) && !reversed(state)) {
        layout["xaxis.range"] = [state.from || first, state.to || last];
      } else if (initialRange) {
        layout["xaxis.range"] = initialRange.slice();
      } else {
        layout["xaxis.autorange"] = true;
      }
      status.textContent = describe();
      if (opened >= 0 && !keepCard && shown.indexOf(opened) < 0) closeCard(false);
      busy = true;
      return Plotly.update(plot, { visible: visible, selectedpoints: selected }, layout).then(function () {
        busy = false;
        return placeLabels();
      }, function (error) { busy = false; throw error; });
    }

    function save() {
      state.event = opened >= 0 ? cards[opened].id : "";
      address.write(state);
    }

    function readControls() {
      state.theme = themeBox.value;
      state.actor = actorBox.value;
      state.from = fromBox.value;
      state.to = toBox.value;
    }

    [themeBox, actorBox, fromBox, toBox].forEach(function (box) {
      box.addEventListener("change", function () { readControls(); applyFilter(false).then(save); });
    });
    reset.addEventListener("click", function () {
      themeBox.value = actorBox.value = fromBox.value = toBox.value = "";
      readControls();
      applyFilter(false).then(save);
    });
    browse.addEventListener("click", function () {
      if (!shown.length) { status.textContent = describe() + " Widen the filter to read events."; return; }
      returnFocus = browse;
      openCard(shown[0], true);
    });

    // ---- The card ----
    function line(label, text) {
      var p = make("p", { "class": "timeline-card__line" });
      p.appendChild(make("strong", {}, label + ": "));
      p.appendChild(document.createTextNode(text));
      return p;
    }

    function fillDetails(body, c, d) {
      body.textContent = "";
      if (!d) {
        body.appendChild(make("p", { "class": "timeline-card__summary" }, "The summary and the sources of this " +
          "event are not in the course's cards; its row in the data table below the figure has them."));
        return;
      }
      if (d.note) body.appendChild(make("p", { "class": "timeline-card__note content-note" }, d.note));
      body.appendChild(make("p", { "class": "timeline-card__summary" }, d.summary));
      body.appendChild(line("Theme", labelOf(meta.themes, c.theme)));
      if (d.actors.length) body.appendChild(line("Actors", d.actors.join(", ")));
      if (d.places.length) body.appendChild(line("Places", d.places.join(", ")));
      if (d.deaths) {
        var n = d.deaths;
        var range = n.high === null ? n.low.toLocaleString("en") + " or more" :
          n.high === n.low ? n.low.toLocaleString("en") :
            n.low.toLocaleString("en") + " to " + n.high.toLocaleString("en");
        body.appendChild(line("Reported deaths", range + (n.claims.length > 1 ?
          ", from different sources that count different people:" : "")));
        if (n.claims.length) {
          var claims = make("ul", { "class": "timeline-card__claims" });
          n.claims.forEach(function (claim) { claims.appendChild(make("li", {}, claim)); });
          body.appendChild(claims);
        }
      }
      body.appendChild(make("p", { "class": "timeline-card__line" })).appendChild(make("strong", {}, "Sources:"));
      var list = make("ul", { "class": "timeline-card__sources" });
      d.sources.forEach(function (id) {
        var s = details.sources[id] || { title: id, publisher: "", url: "" };
        var item = make("li");
        var url = safeUrl(s.url);
        item.appendChild(url ? make("a", { href: url }, s.title) : make("span", {}, s.title));
        if (s.publisher) item.appendChild(document.createTextNode(" (" + s.publisher + ")"));
        list.appendChild(item);
      });
      body.appendChild(list);
    }

    var details = null;
    function fillCard(i) {
      var c = cards[i];
      var position = shown.indexOf(i);
      card.textContent = "";
      card.appendChild(make("p", { "class": "timeline-card__when" }, when(c)));
      var title = make("h3", { id: uid + "-card-title", "class": "timeline-card__title", tabindex: "-1" },
        details && details.events[c.id] ? details.events[c.id].title : "Event of " + when(c));
      card.appendChild(title);
      var body = make("div", { "class": "timeline-card__body", "aria-live": "polite" });
      body.appendChild(make("p", { "class": "timeline-card__loading" }, "Loading the summary and the sources…"));
      card.appendChild(body);
      var nav = make("div", { "class": "timeline-card__nav" });
      var prev = make("button", { type: "button", "class": "timeline-card__prev" }, "Previous event");
      var next = make("button", { type: "button", "class": "timeline-card__next" }, "Next event");
      var close = make("button", { type: "button", "class": "timeline-card__close" }, "Close");
      var where = make("span", { "class": "timeline-card__position" },
        position >= 0 ? "Event " + (position + 1) + " of " + shown.length : "Not in the current filter");
      prev.disabled = position <= 0;
      next.disabled = position < 0 || position >= shown.length - 1;
      prev.addEventListener("click", function () { step(-1); });
      next.addEventListener("click", function () { step(1); });
      close.addEventListener("click", function () { closeCard(true); });
      [prev, where, next, close].forEach(function (n) { nav.appendChild(n); });
      card.appendChild(nav);
      return cardDetails(meta, [c.id]).then(function (all) {
        details = all;
        if (opened !== i) return; // the reader has moved on to another card
        // The neighbours' details come now, so that "Previous" and "Next" show theirs at once.
        var near = position < 0 ? [] : [shown[position - 1], shown[position + 1]];
        near = near.filter(function (k) { return k !== undefined; });
        cardDetails(meta, near.map(function (k) { return cards[k].id; })).catch(function () {});
        var d = all.events[c.id];
        if (d) title.textContent = d.title;
        fillDetails(body, c, d);
        card.setAttribute("data-ready", c.id);
      }, function (error) {
        body.textContent = "";
        body.appendChild(make("p", { "class": "timeline-card__summary" }, "The summary and the sources could not " +
          "be loaded (" + error.message + "); the data table below the figure has them."));
        console.error(error);
      });
    }

    function step(delta) {
      var position = shown.indexOf(opened) + delta;
      if (position < 0 || position >= shown.length) return;
      openCard(shown[position], true);
      var button = card.querySelector(delta < 0 ? ".timeline-card__prev" : ".timeline-card__next");
      (button && !button.disabled ? button : card.querySelector(".timeline-card__title")).focus();
    }

    function highlight(i) {
      var c = F.colours();
      var shapes = i < 0 ? [] : [{
        type: "line", xref: "x", yref: "paper", x0: cards[i].date, x1: cards[i].date, y0: 0, y1: 1,
        line: { color: c.text, width: 1.5, dash: "dot" }
      }];
      busy = true;
      return Plotly.relayout(plot, { shapes: shapes }).then(function () { busy = false; },
        function (error) { busy = false; throw error; });
    }

    function openCard(i, focus) {
      if (!returnFocus || !figure.contains(returnFocus)) returnFocus = browse;
      opened = i;
      card.removeAttribute("data-ready");
      fillCard(i);
      card.hidden = false;
      figure.setAttribute("data-open-event", cards[i].id);
      if (focus) card.querySelector(".timeline-card__title").focus();
      save();
      return highlight(i);
    }

    function closeCard(giveFocusBack) {
      if (opened < 0) return;
      opened = -1;
      card.hidden = true;
      figure.removeAttribute("data-open-event");
      save();
      highlight(-1);
      if (giveFocusBack && returnFocus) returnFocus.focus();
    }

    card.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closeCard(true); }
    });

    plot.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      var cd = point && point.customdata;
      var i = Array.isArray(cd) ? cd[0] : cd;
      if (typeof i !== "number" || !cards[i]) return;
      returnFocus = browse;
      openCard(i, true);
    });
    // ---- Labels of key events and, on a narrow screen, of lanes ----
    // HTML over the plot, not Plotly annotations: Plotly measures and draws annotations one by one
    // and redraws the figure's layout for them (about 0.1 s for six labels on a first visit, a third
    // of a timeline's drawing). The labels repeat what the cards say, so screen readers skip them;
    // a click or a tap on a key event's label opens its card.
    var overlay = make("div", { "class": "timeline-labels", "aria-hidden": "true" });
    var leaders = document.createElementNS(SVG_NS, "svg");
    leaders.setAttribute("class", "timeline-labels__leaders");
    overlay.appendChild(leaders);
    plot.appendChild(overlay);
    overlay.addEventListener("click", function (event) {
      var label = event.target.closest ? event.target.closest("[data-card]") : null;
      if (!label) return;
      returnFocus = browse;
      openCard(Number(label.getAttribute("data-card")), true);
    });

    function textWidth(text) {
      return F.textWidth(text, LABEL_FONT, (plot._fullLayout.font || {}).family);
    }

    function pointOf(i) {
      var data = plot.data;
      for (var t = 0; t < data.length; t++) {
        if (data[t].visible === false) continue;
        var cd = data[t].customdata || [];
        for (var k = 0; k < cd.length; k++) {
          if (cd[k] && cd[k][0] === i) return { x: data[t].x[k], y: data[t].y[k] };
        }
      }
      return null;
    }

    function overlaps(a, b) {
      return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    }

    /* Between a wide and a narrow screen the lane names move between the axis and the plot, and the
       left margin changes with them: that first, since the labels are placed in the new frame. */
    function frameFor(narrow) {
      var update = {};
      var layout = plot.layout;
      if ((layout.yaxis.showticklabels !== false) === narrow) update["yaxis.showticklabels"] = !narrow;
      var title = narrow ? "" : plot._course_yTitle;
      if (((layout.yaxis.title || {}).text || "") !== title) update["yaxis.title.text"] = title;
      var left = course.marginLeft ? (narrow ? course.marginLeft.bare : course.marginLeft.labels) : null;
      if (left !== null && (layout.margin || {}).l !== left) update["margin.l"] = left;
      return update;
    }

    function placeLabels() {
      if (!plot._fullLayout || !plot._fullLayout.xaxis) return Promise.resolve();
      var narrow = figure.clientWidth < F.NARROW;
      var frame = frameFor(narrow);
      busy = true;
      var framed = Object.keys(frame).length ? Plotly.relayout(plot, frame) : Promise.resolve();
      return framed.then(function () {
        busy = false;
        figure.setAttribute("data-labels", String(writeLabels(narrow)));
      }, function (error) { busy = false; throw error; });
    }

    /* One label, at ``rect`` (px from the plot's top left corner). */
    function label(text, rect, className, colours) {
      var node = make("span", { "class": "timeline-label " + className }, text);
      node.style.left = rect.x + "px";
      node.style.top = rect.y + "px";
      node.style.width = rect.w + "px";
      node.style.height = rect.h + "px";
      node.style.color = colours.text;
      node.style.background = colours.surface;
      node.style.borderColor = colours.line;
      node.style.fontFamily = (plot._fullLayout.font || {}).family || "";
      return overlay.appendChild(node);
    }

    /* A line from a key event's point to its label. */
    function leader(x1, y1, x2, y2, colour) {
      var line = document.createElementNS(SVG_NS, "line");
      [["x1", x1], ["y1", y1], ["x2", x2], ["y2", y2], ["stroke", colour], ["stroke-width", 1]].forEach(function (a) {
        line.setAttribute(a[0], String(a[1]));
      });
      leaders.appendChild(line);
    }

    /* Write the lane names (on a narrow screen) and the key events' labels, none over another;
       returns the number of key events labelled. */
    function writeLabels(narrow) {
      var full = plot._fullLayout;
      var c = F.colours();
      var size = full._size;
      var xa = full.xaxis;
      var ya = full.yaxis;
      var taken = [];
      var count = 0;
      var h = LABEL_FONT + 8;
      var box = { left: size.l, right: size.l + size.w, top: narrow ? 2 : size.t - 30, bottom: size.t + size.h };
      Array.prototype.slice.call(overlay.querySelectorAll(".timeline-label")).forEach(function (n) { n.remove(); });
      leaders.textContent = "";
      if (narrow) { // lane names inside the plot, at its left edge, just below each lane
        (plot.layout.yaxis.ticktext || []).forEach(function (name, lane) {
          var rect = { x: size.l, y: size.t + ya.l2p(lane - 0.38) - h / 2, w: textWidth(name) + 8, h: h };
          taken.push(rect);
          label(name, rect, "timeline-label--lane", c);
        });
      }
      var xr = xa.range.map(function (v) { return xa.r2l(v); });
      (meta.keyEvents || []).forEach(function (key) {
        var i = -1;
        cards.forEach(function (c2, k) { if (c2.id === key.id) i = k; });
        if (i < 0 || shown.indexOf(i) < 0) return;
        var p = pointOf(i);
        if (!p) return;
        var lx = xa.d2l(p.x);
        if (lx < Math.min(xr[0], xr[1]) || lx > Math.max(xr[0], xr[1])) return;
        var px = size.l + xa.l2p(lx);
        var py = size.t + ya.l2p(p.y);
        var w = textWidth(key.label) + 8;
        // Above the point first, then below; centred on it, then beside it on the right, then on the left.
        var lefts = [px - w / 2, px + 6, px - w - 6];
        for (var o = 0; o < LABEL_OFFSETS.length * lefts.length; o++) {
          var ay = LABEL_OFFSETS[Math.floor(o / lefts.length)];
          var left = Math.min(Math.max(lefts[o % lefts.length], box.left), box.right - w);
          var rect = { x: left, y: py + ay - h / 2, w: w, h: h };
          if (rect.y < box.top || rect.y + rect.h > box.bottom) continue;
          if (taken.some(function (r) { return overlaps(r, rect); })) continue;
          taken.push(rect);
          leader(px, py, left + w / 2, ay < 0 ? rect.y + h : rect.y, c.line);
          var node = label(key.label, rect, "timeline-label--key", c);
          node.setAttribute("data-card", String(i));
          node.setAttribute("title", "Open the card of: " + key.label);
          count += 1;
          return;
        }
      });
      return count;
    }
    plot._course_yTitle = (plot.layout.yaxis.title || {}).text || "";

    var relabel = null;
    plot.on("plotly_relayout", function (change) {
      if (busy || !change || change.shapes !== undefined) return;
      if (!Object.keys(change).some(function (k) { return /^xaxis/.test(k); })) return;
      clearTimeout(relabel);
      relabel = setTimeout(placeLabels, 60);
    });
    course.onResize.push(placeLabels);
    figure.addEventListener("course-figure-recoloured", function () {
      placeLabels();
      if (opened >= 0) highlight(opened);
    });

    // ---- Start from the address (site) ----
    var asked = address.read();
    var problems = [];
    function known(list, value) { return list.some(function (o) { return o.value === value; }); }
    if (asked.theme) { if (known(meta.themes, asked.theme)) themeBox.value = asked.theme; else problems.push("theme “" + asked.theme + "”"); }
    if (asked.actor) { if (known(meta.actors, asked.actor)) actorBox.value = asked.actor; else problems.push("actor “" + asked.actor + "”"); }
    if (asked.from) { fromBox.value = dateParam(asked.from, false); if (!fromBox.value) problems.push("start “" + asked.from + "”"); }
    if (asked.to) { toBox.value = dateParam(asked.to, true); if (!toBox.value) problems.push("end “" + asked.to + "”"); }
    readControls();
    return applyFilter(false, true).then(function () {
      if (problems.length) {
        status.textContent = describe() + " The page address asked for " + problems.join(", ") +
          ", which this timeline does not have; it shows the rest of the filter.";
      }
      var wanted = -1;
      cards.forEach(function (c, k) { if (asked.event && c.id === asked.event) wanted = k; });
      if (Object.keys(asked).some(function (k) { return asked[k]; })) figure.scrollIntoView({ block: "start" });
      return wanted >= 0 ? openCard(wanted, false) : undefined;
    });
  }

  globalThis.SahelTimeline = { attach: attach, defineCards: defineCards, store: store, when: when, reversed: reversed,
                              dateParam: dateParam, longDate: longDate, PARAMS: PARAMS };
})();
