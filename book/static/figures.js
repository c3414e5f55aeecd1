/* Draws the course's figures, in the static site and in JupyterLab (one implementation).
 *
 * Each figure's data and layout travel as Plotly JSON: in the site as a script of their own next to
 * the page (written by the site builder, book.sphinx_figures); in JupyterLab through the figure
 * widget.
 *
 * - Site: the text comes first. This script is async; once the text is painted, plotly.js and the
 *   figures' data are fetched behind it (preloaded: fetched, not run); plotly.js runs when a figure
 *   nears the screen, and each figure is drawn when it comes into view (until then it shows its
 *   caption and a short note).
 * - Every figure follows the reader's light or dark theme, and is redrawn at its new width when the
 *   window or the page's column changes size (rotation included), and before printing.
 * - On a narrow screen the title moves above the figure as text that wraps, instead of shrinking.
 * - A timeline's lane names and a bar chart's categories are measured before drawing, so that
 *   Plotly draws the figure once; on a narrow screen, long ones wrap onto lines instead of
 *   squeezing the plot.
 * - Text beside points (a map's place names) is never drawn over other text, and the legend never
 *   over the x axis.
 * - An event timeline gets the course's HTML controls and event card (timeline-explorer.js).
 */
(function () {
  "use strict";

  var NARROW = 576; // px: below this width a figure rearranges instead of shrinking

  function isDark() {
    var html = document.documentElement;
    return html.getAttribute("data-theme") === "dark" ||
      (document.body && document.body.getAttribute("data-jp-theme-light") === "false");
  }

  function colours() {
    return isDark()
      ? { text: "#e6e6e6", grid: "rgba(230,230,230,0.18)", line: "#bbbbbb", surface: "#1f2937" }
      : { text: "#1f1f1f", grid: "rgba(0,0,0,0.12)", line: "#444444", surface: "#ffffff" };
  }

  function axisKeys(layout) {
    return Object.keys(layout).filter(function (key) { return /^[xy]axis\d*$/.test(key); });
  }

  /* The layout in the reader's theme colours. */
  function styled(layout) {
    var c = colours();
    var out = JSON.parse(JSON.stringify(layout));
    out.font = Object.assign({}, out.font, { color: c.text });
    out.hoverlabel = Object.assign({}, out.hoverlabel, { bgcolor: c.surface, font: { color: c.text } });
    axisKeys(out).forEach(function (key) {
      out[key] = Object.assign({ gridcolor: c.grid, linecolor: c.line, zerolinecolor: c.grid }, out[key]);
    });
    return out;
  }

  function titleText(layout) {
    var title = layout.title;
    return (title && (typeof title === "string" ? title : title.text)) || "";
  }

  /* The y axis's labels, where they are known before drawing: a timeline's lanes (tickmode
     "array"), or the categories of a category axis (horizontal bars, lanes of measures), which
     Plotly labels with the distinct y values of the traces in their order. Otherwise null. */
  function yLabels(layout, data) {
    var axis = layout.yaxis;
    if (axis.tickmode === "array") return axis.ticktext || null;
    var bars = data.length && data.every(function (t) { return t.type === "bar" && t.orientation === "h"; });
    if (axis.type !== "category" && !bars) return null;
    var seen = {};
    var labels = [];
    data.forEach(function (trace) {
      (Array.isArray(trace.y) ? trace.y : []).forEach(function (y) {
        if (y === null || y === undefined || seen["$" + y]) return;
        seen["$" + y] = true;
        labels.push(String(y));
      });
    });
    var words = labels.every(function (y) { return isNaN(Number(y)); }); // numbers would make a linear axis
    return labels.length && (axis.type === "category" || words) ? labels : null;
  }

  /* Plotly's automargin measures an axis's drawn labels and, when they need more room than the
     margin gives, draws the whole figure again: with the measuring, two thirds of a timeline's
     drawing time. Where the y axis's labels are known before drawing (yLabels), this measures them
     with the page's font instead, and returns the left margin they and the axis title need
     (Plotly's automargin gives the labels' width plus 3 px plus twice the title's size; 2 px more
     here for the difference between canvas and SVG text), or null. */
  function labelMargin(layout, data, margin) {
    var axis = layout.yaxis;
    if (!axis || !axis.automargin || axis.side === "right" || axis.showticklabels === false) return null;
    var labels = yLabels(layout, data);
    if (!labels) return null;
    var font = labelFont(layout);
    var widest = 0;
    labels.forEach(function (text) { widest = Math.max(widest, textWidth(String(text), font.size, font.family)); });
    return Math.max(margin, Math.ceil(widest + labelExtra(layout)));
  }

  function labelFont(layout) { return Object.assign({}, layout.font, layout.yaxis.tickfont); }

  /* The room beside the labels' width: 3 px, twice the axis title's size, and 2 px. */
  function labelExtra(layout) {
    var axis = layout.yaxis;
    var title = axis.title && axis.title.text ? ((axis.title.font || {}).size || labelFont(layout).size || 12) : 0;
    return 3 + 2 * title + 2;
  }

  /* ``text`` broken into lines of at most ``width`` px (a word longer than that keeps its own line),
     joined with Plotly's <br>. */
  function wrapText(text, width, size, family) {
    var lines = [];
    text.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && textWidth(lines[last] + " " + word, size, family) <= width) lines[last] += " " + word;
      else lines.push(word);
    });
    return lines.join("<br>");
  }

  /* On a narrow screen, y labels that would take more than LABEL_SHARE of the figure's width wrap
     onto lines, and the left margin fits the widest line: the relayout for the figure's width
     (the axis as its JSON gave it where nothing needs wrapping). Not for an event timeline, whose
     lane names move into the plot instead (timeline-explorer.js). */
  var LABEL_SHARE = 0.4;
  function labelFrame(figure) {
    var state = figure._course;
    var wrap = state && state.wrap;
    if (!wrap) return {};
    var limit = Math.max(90, figure.clientWidth * LABEL_SHARE);
    var narrow = figure.clientWidth < NARROW && wrap.margin > limit;
    if (!narrow) {
      return { "margin.l": wrap.margin, "yaxis.tickmode": wrap.axis.tickmode || null,
        "yaxis.tickvals": wrap.axis.tickvals || null, "yaxis.ticktext": wrap.axis.ticktext || null,
        "height": wrap.layout.height };
    }
    var size = wrap.font.size || 12;
    var lines = wrap.labels.map(function (text) { return wrapText(text, limit, size, wrap.font.family); });
    var widest = 0;
    var most = 1;
    lines.forEach(function (text) {
      var parts = text.split("<br>");
      most = Math.max(most, parts.length);
      parts.forEach(function (line) { widest = Math.max(widest, textWidth(line, size, wrap.font.family)); });
    });
    // Each lane as tall as its longest label, where the figure's height gives less.
    var plotHeight = wrap.layout.height - marginOf(wrap.layout, "t") - marginOf(wrap.layout, "b");
    var needed = lines.length * (most * size * 1.25 + 8);
    return { "margin.l": Math.max(wrap.bare, Math.ceil(widest + wrap.extra)), "yaxis.tickmode": "array",
      "yaxis.tickvals": wrap.axis.tickvals || wrap.labels, "yaxis.ticktext": lines,
      "height": wrap.layout.height + Math.max(0, Math.ceil(needed - plotHeight)) };
  }

  /* On a narrow screen, an x axis title wider than the room it has wraps onto lines. It is centred
     under the plot, whose left edge is ``left`` px from the figure's (``right`` for its right). */
  function titleFrame(figure, left, right) {
    var state = figure._course;
    var title = state && state.orig && state.orig.xTitle;
    if (!title) return {};
    var font = state.orig.font;
    var size = font.size ? font.size * 1.1 : 14;
    var width = figure.clientWidth;
    var centre = (left + width - right) / 2;
    var room = 2 * Math.min(centre, width - centre) - 24; // a margin for canvas and SVG text differing
    var narrow = figure.clientWidth < NARROW && textWidth(title, size, font.family) > room;
    return { "xaxis.title.text": narrow ? wrapText(title, room, size, font.family) : title };
  }

  /* The width in px of ``text`` in the given font (an estimate where the browser has no canvas). */
  var measurer = null;
  function textWidth(text, size, family) {
    size = size || 12;
    measurer = measurer || document.createElement("canvas").getContext("2d");
    if (!measurer) return text.length * size * 0.6;
    measurer.font = size + "px " + (family || "sans-serif");
    return measurer.measureText(text).width;
  }

  /* The width of the figure's title as Plotly draws it (1.4 times the layout's font, by default). */
  function titleWidth(text, layout) {
    var font = Object.assign({}, layout.font, layout.title && layout.title.font);
    var size = layout.title && layout.title.font && layout.title.font.size ? font.size : (font.size || 12) * 1.4;
    return textWidth(text, size, font.family);
  }

  /* On a narrow screen, or where the title is wider than the figure, the title is text above the
     plot, which wraps; the plot loses its title band. */
  function fitTitle(figure, layout) {
    var heading = figure.querySelector(".course-figure__title");
    var text = figure._course ? figure._course.title : titleText(layout);
    var narrow = figure.clientWidth < NARROW || (!!text && titleWidth(text, layout) + 12 > figure.clientWidth);
    if (narrow && text && !heading) {
      heading = document.createElement("p");
      heading.className = "course-figure__title";
      heading.setAttribute("aria-hidden", "true"); // the caption names the figure for screen readers
      figure.insertBefore(heading, figure.firstChild);
    }
    if (heading) { heading.textContent = text; heading.hidden = !narrow; }
    var margin = Object.assign({}, layout.margin);
    var top = figure._course ? figure._course.marginTop : (margin.t === undefined ? 60 : margin.t);
    return { "title.text": narrow ? "" : text, "margin.t": narrow ? Math.max(20, top - 40) : top };
  }

  /* The figures' JSON, handed over by their scripts (SahelFigures.define) as they load. */
  var specs = {};
  function define(id, spec) { specs[id] = spec; }

  /* A figure's JSON: in the page (a figure shown outside the site builder), or in its own script. */
  function specOf(figure) {
    var node = figure.querySelector("script.course-figure__spec");
    if (node) return Promise.resolve(JSON.parse(node.textContent));
    var src = figure.getAttribute("data-spec");
    if (!src) return Promise.resolve(null);
    return loadScript(src).then(function () { return specs[figure.id] || null; });
  }

  /* Draw one figure with the given plotly.js and JSON; resolves when it is on screen. */
  function draw(figure, Plotly, spec) {
    var plot = figure.querySelector(".course-figure__plot");
    if (!plot || !spec || figure.getAttribute("data-drawn")) return Promise.resolve();
    figure.setAttribute("data-drawn", "drawing");
    var layout = styled(spec.layout);
    figure._course = {
      Plotly: Plotly, plot: plot, title: titleText(spec.layout),
      marginTop: layout.margin && layout.margin.t !== undefined ? layout.margin.t : 60, onResize: []
    };
    var bare = marginOf(layout, "l");
    var labels = labelMargin(layout, spec.data, bare);
    var meta = spec.layout.meta && spec.layout.meta.course;
    var timeline = meta && meta.kind === "event-timeline";
    if (labels !== null) {
      // The margin without the labels, for a narrow screen where the timeline writes lane names in the plot.
      figure._course.marginLeft = { labels: labels, bare: bare };
      layout.margin = Object.assign({}, layout.margin, { l: labels });
      layout.yaxis = Object.assign({}, layout.yaxis, { automargin: false });
      if (!timeline) {
        figure._course.wrap = { labels: yLabels(layout, spec.data).map(String), margin: labels, bare: bare,
          font: labelFont(layout), extra: labelExtra(layout), axis: Object.assign({}, spec.layout.yaxis),
          layout: { height: spec.layout.height || 450, margin: Object.assign({}, spec.layout.margin) } };
      }
    }
    figure._course.timeline = timeline;
    figure._course.names = {}; // traces' names before wrapLegend, by index
    figure._course.notes = {}; // notes' text and shift before wrapNotes, by index
    figure._course.orig = { marginBottom: marginOf(layout, "b"),
      dtick: (layout.xaxis || {}).dtick === undefined ? null : layout.xaxis.dtick, legend: Object.assign({}, layout.legend),
      xTitle: timeline ? "" : titleText(layout.xaxis || {}), font: Object.assign({}, layout.font),
      height: spec.layout.height || null };
    if (!timeline) {
      setPaths(layout, labelFrame(figure));
      setPaths(layout, titleFrame(figure, marginOf(layout, "l"), marginOf(layout, "r")));
    }
    var fit = fitTitle(figure, layout);
    layout.title = Object.assign({}, layout.title, { text: fit["title.text"] });
    layout.margin = Object.assign({}, layout.margin, { t: fit["margin.t"] });
    var config = Object.assign({}, spec.config, { responsive: false }); // resizing is done here, below
    var pending = figure.querySelector(".course-figure__pending");
    return Plotly.newPlot(plot, spec.data, layout, config).then(function () {
      if (pending) pending.hidden = true;
      declutter(plot);
      plot.on("plotly_afterplot", function () { declutter(plot); });
      return timeline ? null : tidy(figure);
    }).then(function () {
      var explorer = globalThis.SahelTimeline;
      var ready = timeline && explorer ? explorer.attach(figure, meta) : null;
      return Promise.resolve(ready);
    }).then(function () {
      figure.setAttribute("data-drawn", "true");
      watchSize(figure);
    }).catch(function (error) {
      figure.setAttribute("data-drawn", "failed");
      console.error("figure " + figure.id + " could not be drawn:", error);
    });
  }

  /* The layout's margin on one ``side`` ("l", "r", "t", "b"), or Plotly's default. */
  function marginOf(layout, side) {
    var margin = layout.margin || {};
    return margin[side] !== undefined ? margin[side] : { l: 80, r: 80, t: 100, b: 80 }[side];
  }

  /* Set each dotted path of ``update`` ("yaxis.ticktext") in ``layout``, as Plotly.relayout would;
     a null value removes the key. */
  function setPaths(layout, update) {
    Object.keys(update).forEach(function (path) {
      var keys = path.split(".");
      var node = layout;
      keys.slice(0, -1).forEach(function (key) { node = node[key] = Object.assign({}, node[key]); });
      var last = keys[keys.length - 1];
      if (update[path] === null) delete node[last];
      else node[last] = update[path];
    });
  }

  /* Whether two boxes overlap by more than ``by`` px (0 if not given) each way. */
  function boxesOverlap(a, b, by) {
    var gap = by || 0;
    return Math.min(a.right, b.right) - Math.max(a.left, b.left) > gap &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > gap;
  }

  /* Text beside points (a map's place names, drawn by Plotly where the points are) is hidden where
     it would overlap text already kept, in the figure's order, or leave the plot: its name stays in
     the hover and in the data table. Run after every drawing, since Plotly draws the text again. */
  function declutter(plot) {
    var kept = [];
    var area = plot.querySelector(".nsewdrag");
    var inside = area ? boxOf(area) : null;
    Array.prototype.forEach.call(plot.querySelectorAll(".textpoint text"), function (node) {
      node.style.visibility = "";
      var box = boxOf(node);
      if (!node.textContent || !box.width) return;
      var out = inside && (box.left < inside.left - 1 || box.right > inside.right + 1 ||
        box.top < inside.top - 1 || box.bottom > inside.bottom + 1);
      if (out || kept.some(function (other) { return boxesOverlap(box, other); })) node.style.visibility = "hidden";
      else kept.push(box);
    });
  }

  function boxOf(node) { return node.getBoundingClientRect(); }

  /* On a narrow screen, after drawing: legend entries and notes in the plot that would run past
     its edge wrap onto lines; x labels that would overlap (a count axis with a tick for every
     unit) keep one tick in every few; a legend below the plot that would cover the x axis's
     labels or title (which turn, and need more room) moves to the foot of the figure, which grows
     by the room it needs; a plot shorter than its y axis's title grows to fit it. Each step is one
     relayout, only where it is needed. */
  function tidy(figure) {
    return wrapLegend(figure).then(function () { return wrapNotes(figure); })
      .then(function () { return thinTicks(figure); })
      .then(function () { return clearLegend(figure); })
      .then(function () { return roomForAxisTitle(figure); });
  }

  /* Legend entries that would run past the figure's right edge wrap onto lines (their traces'
     names, which the hover shows too: set back at a width where they fit). */
  function wrapLegend(figure) {
    var state = figure._course;
    var plot = state.plot;
    var right = boxOf(plot).right - 4;
    var font = Object.assign({}, state.orig.font, (plot.layout.legend || {}).font);
    var names = {};
    Array.prototype.forEach.call(plot.querySelectorAll(".legend .traces"), function (item) {
      var datum = item.__data__ && item.__data__[0]; // Plotly's calcdata of the entry's trace
      var trace = datum && (datum.trace || (datum[0] && datum[0].trace));
      var text = item.querySelector("text.legendtext");
      if (!trace || !text || trace.index === undefined) return;
      var box = boxOf(text);
      if (box.right <= right + 1) return;
      var original = state.names[trace.index] !== undefined ? state.names[trace.index] : trace.name;
      state.names[trace.index] = original;
      names[trace.index] = wrapText(original, Math.max(60, right - box.left), font.size || 12, font.family);
    });
    var indices = Object.keys(names).map(Number);
    if (!indices.length) return Promise.resolve();
    return state.Plotly.restyle(plot, { name: indices.map(function (i) { return names[i]; }) }, indices);
  }

  /* The traces' names as the figure's JSON gave them, where wrapLegend changed them. */
  function unwrapLegend(figure) {
    var state = figure._course;
    var indices = Object.keys(state.names).map(Number);
    if (!indices.length) return Promise.resolve();
    var names = indices.map(function (i) { return state.names[i]; });
    state.names = {};
    return state.Plotly.restyle(state.plot, { name: names }, indices);
  }

  /* Notes written in the plot (a lane's name above it) that would run past the plot's right edge
     wrap onto lines, rising so that their last line stays where the note was. */
  function wrapNotes(figure) {
    var state = figure._course;
    var plot = state.plot;
    var area = plot.querySelector(".nsewdrag");
    var notes = plot.layout.annotations;
    if (!area || !notes) return Promise.resolve();
    var right = boxOf(area).right;
    var font = state.orig.font;
    var update = {};
    Array.prototype.forEach.call(plot.querySelectorAll(".annotation[data-index]"), function (node) {
      var i = Number(node.getAttribute("data-index"));
      var note = notes[i];
      var box = boxOf(node);
      if (!note || !note.text || box.right <= right + 1 || note.showarrow) return;
      var size = (note.font && note.font.size) || font.size || 12;
      var text = wrapText(note.text, Math.max(60, right - box.left - 4), size, font.family);
      var lines = text.split("<br>").length;
      if (lines < 2) return;
      state.notes[i] = state.notes[i] || { text: note.text, yshift: note.yshift || 0 };
      update["annotations[" + i + "].text"] = text;
      update["annotations[" + i + "].yshift"] = state.notes[i].yshift + (lines - 1) * size * 0.6;
    });
    return Object.keys(update).length ? state.Plotly.relayout(plot, update) : Promise.resolve();
  }

  function thinTicks(figure) {
    var state = figure._course;
    var axis = state.plot.layout.xaxis;
    var boxes = Array.prototype.map.call(state.plot.querySelectorAll(".xtick text"), boxOf)
      .filter(function (box) { return box.width > 0; });
    if (!axis || !axis.dtick || boxes.length < 2) return Promise.resolve();
    var step = Math.abs((boxes[boxes.length - 1].left - boxes[0].left) / (boxes.length - 1));
    var needed = Math.max.apply(null, boxes.map(function (box) { return box.width; })) + 6;
    if (!step || step >= needed) return Promise.resolve();
    return state.Plotly.relayout(state.plot, { "xaxis.dtick": axis.dtick * Math.ceil(needed / step) });
  }

  function clearLegend(figure) {
    var state = figure._course;
    var plot = state.plot;
    var legend = plot.querySelector(".legend");
    var axis = Array.prototype.map.call(plot.querySelectorAll(".xtick text, .g-xtitle text"), boxOf)
      .filter(function (box) { return box.width > 0; });
    if (!legend || !axis.length || !plot._fullLayout || !plot._fullLayout._size) return Promise.resolve();
    var below = boxOf(legend);
    if (!axis.some(function (box) { return boxesOverlap(box, below, 1); })) return Promise.resolve();
    var size = plot._fullLayout._size;
    var plotBottom = boxOf(plot).top + size.t + size.h;
    var depth = Math.max.apply(null, axis.map(function (box) { return box.bottom; })) - plotBottom;
    var bottom = Math.ceil(depth + 10 + below.height + 4);
    // The figure grows by what the legend needs: the plot gets the height the layout asked for
    // (a legend below a plot takes it from the plot, in Plotly).
    var asked = plot.layout.height || plot._fullLayout.height;
    var height = asked - marginOf(plot.layout, "b") + bottom;
    return state.Plotly.relayout(plot, { "legend.yref": "container", "legend.y": 0, "legend.yanchor": "bottom",
      "margin.b": bottom, "height": Math.ceil(Math.max(height, plot._fullLayout.height)) });
  }

  /* A plot shorter than its y axis's title (a long legend took the room) grows to fit the title. */
  function roomForAxisTitle(figure) {
    var state = figure._course;
    var plot = state.plot;
    var title = plot.querySelector(".g-ytitle text");
    if (!title || !plot._fullLayout || !plot._fullLayout._size) return Promise.resolve();
    var short = boxOf(title).height + 16 - plot._fullLayout._size.h;
    if (short <= 0) return Promise.resolve();
    return state.Plotly.relayout(plot, { "height": Math.ceil(plot._fullLayout.height + short) });
  }

  /* What tidy may change, as the figure's JSON gave it: set again before tidying at a new width. */
  function untidy(figure) {
    var state = figure._course;
    var orig = state.orig;
    var notes = {};
    Object.keys(state.notes).forEach(function (i) {
      notes["annotations[" + i + "].text"] = state.notes[i].text;
      notes["annotations[" + i + "].yshift"] = state.notes[i].yshift;
    });
    state.notes = {};
    return Object.assign(notes, { "margin.b": orig.marginBottom, "height": orig.height, "xaxis.dtick": orig.dtick,
      "legend.yref": orig.legend.yref || null, "legend.y": orig.legend.y === undefined ? null : orig.legend.y,
      "legend.yanchor": orig.legend.yanchor || null });
  }

  /* Redraw at the new width when the figure's box changes (window, rotation, sidebar, print). */
  function watchSize(figure) {
    if (typeof ResizeObserver === "undefined") return;
    var width = figure.clientWidth;
    var timer = null;
    new ResizeObserver(function () {
      if (Math.abs(figure.clientWidth - width) < 2) return;
      width = figure.clientWidth;
      clearTimeout(timer);
      timer = setTimeout(function () { resize(figure); }, 80);
    }).observe(figure);
  }

  function resize(figure) {
    var state = figure._course;
    if (!state || !state.plot.layout) return Promise.resolve();
    var timeline = state.timeline; // an event timeline sets its own frame (timeline-explorer.js)
    var update = fitTitle(figure, state.plot.layout);
    if (!timeline) {
      var labels = labelFrame(figure);
      var left = labels["margin.l"] !== undefined ? labels["margin.l"] : marginOf(state.plot.layout, "l");
      Object.assign(update, untidy(figure), labels, titleFrame(figure, left, marginOf(state.plot.layout, "r")));
    }
    update.width = state.plot.clientWidth || figure.clientWidth;
    return (timeline ? Promise.resolve() : unwrapLegend(figure)).then(function () {
      return state.Plotly.relayout(state.plot, update);
    }).then(function () {
      return timeline ? null : tidy(figure);
    }).then(function () {
      return Promise.all(state.onResize.map(function (hook) { return hook(); }));
    }).then(function () {
      figure.setAttribute("data-width", String(Math.round(state.plot.getBoundingClientRect().width)));
    }).catch(function (error) { console.error("figure " + figure.id + " could not be resized:", error); });
  }

  /* On a change of theme, only the colours change: the reader's zoom and filters stay. */
  function recolour(figure) {
    var state = figure._course;
    if (!state || !state.plot.layout) return;
    var c = colours();
    var update = { "font.color": c.text, "hoverlabel.bgcolor": c.surface, "hoverlabel.font.color": c.text };
    axisKeys(state.plot.layout).forEach(function (key) {
      update[key + ".gridcolor"] = c.grid;
      update[key + ".linecolor"] = c.line;
      update[key + ".zerolinecolor"] = c.grid;
    });
    state.Plotly.relayout(state.plot, update).then(function () {
      figure.dispatchEvent(new CustomEvent("course-figure-recoloured"));
    }).catch(function (error) {
      console.error("figure " + figure.id + " could not be recoloured:", error);
    });
  }

  // ---- The static site: load plotly.js late, draw each figure as it comes into view. ----

  var plotlyUrl = null;

  /* Load a script of the site once; resolves when it has run. */
  var loading = {};
  function loadScript(url) {
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () { resolve(); };
        script.onerror = function () {
          delete loading[url];
          reject(new Error("the file " + url + " could not be loaded"));
        };
        document.head.appendChild(script);
      });
    }
    return loading[url];
  }

  /* Not a downloaded copy (file://), where there is nothing to wait for and Chromium aborts preloads. */
  function online() { return window.location.protocol !== "file:"; }

  /* Run ``task`` once, a frame after the page's first paint of text (after its load where the
     browser does not report paints). Not at the load where it does: a slow machine may paint after
     the load. The frame keeps the fetches it starts clearly after that paint: Lighthouse counts a
     fetch started with it, or before it, as one the largest paint waited for, and its estimate of
     that paint then jumped from 1.8 to 4.2 s in three runs out of seven. A figure that comes into
     view before (a tab that never painted) loads plotly.js itself. */
  function afterFirstPaint(task) {
    var started = false;
    var start = function () {
      if (started) return;
      started = true;
      setTimeout(task, 0);
    };
    var nextFrame = function (then) {
      return typeof requestAnimationFrame === "function" ? requestAnimationFrame(then) : setTimeout(then, 16);
    };
    var types = typeof PerformanceObserver !== "undefined" && PerformanceObserver.supportedEntryTypes;
    if (types && types.indexOf("paint") >= 0) {
      var painted = new PerformanceObserver(function (list) {
        if (!list.getEntriesByName("first-contentful-paint").length) return;
        painted.disconnect();
        nextFrame(function () { nextFrame(start); });
      });
      painted.observe({ type: "paint", buffered: true });
    } else if (document.readyState === "complete") {
      start();
    } else {
      window.addEventListener("load", start, { once: true });
    }
  }

  /* Fetch a script of the site without running it: loadScript then finds it ready. */
  function preload(url) {
    if (!url || loading[url] || document.querySelector('link[rel="preload"][href="' + url + '"]')) return;
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = "script";
    link.setAttribute("fetchpriority", "low"); // after the page's own scripts
    link.href = url;
    document.head.appendChild(link);
  }

  /* Run ``task`` once the page's HTML is parsed (figures.js is async: it may run before). */
  function whenParsed(task) {
    if (document.readyState !== "loading") task();
    else document.addEventListener("readystatechange", function () { task(); }, { once: true });
  }

  /* Run ``task`` after the page's DOMContentLoaded, when its deferred scripts (the timeline
     explorer among them) have run. */
  function whenReady(task) {
    var nav = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var fired = document.readyState === "complete" ||
      (nav ? nav.domContentLoadedEventEnd > 0 : document.readyState !== "loading");
    if (fired) task();
    else document.addEventListener("DOMContentLoaded", task, { once: true });
  }

  /* Once the text is on screen, plotly.js and the figures' data start to come (a preload only
     fetches: plotly.js runs when the first figure nears the screen). Not earlier: the text and its
     first paint come first. Not from a downloaded copy, where there is nothing to wait for. */
  function preloadFigures() {
    if (!online()) return;
    afterFirstPaint(function () {
      whenParsed(function () {
        var figures = document.querySelectorAll(".course-figure[data-spec]");
        if (!figures.length) return;
        var data = Array.prototype.map.call(figures, function (f) { return f.getAttribute("data-spec"); });
        [plotlyUrl].concat(data).forEach(preload);
      });
    });
  }

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    return loadScript(plotlyUrl).then(function () { return window.Plotly; });
  }

  function drawInSite(figure) {
    return Promise.all([loadPlotly(), specOf(figure)]).then(function (both) {
      if (!both[1]) throw new Error("figure " + figure.id + " has no data");
      return draw(figure, both[0], both[1]);
    }).catch(function (error) {
      figure.setAttribute("data-drawn", "failed");
      console.error(error.message || error);
    });
  }

  function wantsTimeline() {
    var params = new URLSearchParams(window.location.search);
    return (globalThis.SahelTimeline ? globalThis.SahelTimeline.PARAMS : []).some(function (k) { return params.has(k); });
  }

  function startSite() {
    var figures = Array.prototype.slice.call(document.querySelectorAll(".course-figure"));
    if (!figures.length) return;
    figures.forEach(function (figure) {
      var plot = figure.querySelector(".course-figure__plot");
      var height = figure.getAttribute("data-height");
      if (plot && height) plot.style.minHeight = height + "px";
    });
    // A link to a filtered timeline draws it at once; other figures wait until they come into view.
    if (wantsTimeline()) {
      figures.filter(function (f) { return f.getAttribute("data-kind") === "event-timeline"; }).forEach(drawInSite);
    }
    if (typeof IntersectionObserver === "undefined") { figures.forEach(drawInSite); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); drawInSite(entry.target); }
      });
    }, { rootMargin: "200px 0px" });
    figures.forEach(function (figure) { observer.observe(figure); });
    // Printing draws every figure, at the paper's width.
    window.addEventListener("beforeprint", function () {
      figures.forEach(function (figure) {
        if (!figure.getAttribute("data-drawn")) drawInSite(figure);
        else resize(figure);
      });
    });
    window.addEventListener("afterprint", function () { figures.forEach(resize); });
    new MutationObserver(function (changes) {
      if (changes.some(function (m) { return m.attributeName === "data-theme"; })) {
        figures.filter(function (f) { return f.getAttribute("data-drawn") === "true"; }).forEach(recolour);
      }
    }).observe(document.documentElement, { attributes: true });
  }

  var api = { NARROW: NARROW, colours: colours, styled: styled, draw: draw, resize: resize, recolour: recolour,
              isDark: isDark, loadScript: loadScript, define: define, textWidth: textWidth };
  globalThis.SahelFigures = api;

  // Loaded by a <script> tag in the site (not as a JupyterLab widget module): start drawing.
  var own = typeof document !== "undefined" ? document.currentScript : null;
  if (own && own.src) {
    plotlyUrl = own.src.replace(/figures\.js(\?.*)?$/, "vendor/plotly-basic.min.js");
    api.cardsUrl = own.src.replace(/figures\.js(\?.*)?$/, "cards/"); // + "<event id>.js"
    preloadFigures();
    whenReady(startSite);
  }
})();
