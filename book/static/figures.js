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
 *   Plotly draws the figure once.
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
    var font = Object.assign({}, layout.font, axis.tickfont);
    var widest = 0;
    labels.forEach(function (text) { widest = Math.max(widest, textWidth(String(text), font.size, font.family)); });
    var title = axis.title && axis.title.text ? ((axis.title.font || {}).size || font.size || 12) : 0;
    return Math.max(margin, Math.ceil(widest + 3 + 2 * title + 2));
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

  /* On a narrow screen the title is text above the plot, which wraps; the plot loses its title band. */
  function fitTitle(figure, layout) {
    var narrow = figure.clientWidth < NARROW;
    var heading = figure.querySelector(".course-figure__title");
    var text = figure._course ? figure._course.title : titleText(layout);
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
    var bare = layout.margin && layout.margin.l !== undefined ? layout.margin.l : 80; // Plotly's default
    var labels = labelMargin(layout, spec.data, bare);
    if (labels !== null) {
      // The margin without the labels, for a narrow screen where the timeline writes lane names in the plot.
      figure._course.marginLeft = { labels: labels, bare: bare };
      layout.margin = Object.assign({}, layout.margin, { l: labels });
      layout.yaxis = Object.assign({}, layout.yaxis, { automargin: false });
    }
    var fit = fitTitle(figure, layout);
    layout.title = Object.assign({}, layout.title, { text: fit["title.text"] });
    layout.margin = Object.assign({}, layout.margin, { t: fit["margin.t"] });
    var config = Object.assign({}, spec.config, { responsive: false }); // resizing is done here, below
    var pending = figure.querySelector(".course-figure__pending");
    return Plotly.newPlot(plot, spec.data, layout, config).then(function () {
      if (pending) pending.hidden = true;
      var meta = spec.layout.meta && spec.layout.meta.course;
      var explorer = globalThis.SahelTimeline;
      var ready = meta && meta.kind === "event-timeline" && explorer ? explorer.attach(figure, meta) : null;
      return Promise.resolve(ready);
    }).then(function () {
      figure.setAttribute("data-drawn", "true");
      watchSize(figure);
    }).catch(function (error) {
      figure.setAttribute("data-drawn", "failed");
      console.error("figure " + figure.id + " could not be drawn:", error);
    });
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
    var update = fitTitle(figure, state.plot.layout);
    update.width = state.plot.clientWidth || figure.clientWidth;
    return state.Plotly.relayout(state.plot, update).then(function () {
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
    api.cardsUrl = own.src.replace(/figures\.js(\?.*)?$/, "event-cards.js");
    preloadFigures();
    whenReady(startSite);
  }
})();
