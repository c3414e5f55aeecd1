/* Draws the course's figures in the static site with the site's own copy of plotly.js.
 *
 * Each figure's data and layout travel in the page as JSON (written by book.figures.show).
 * Text and grid colours follow the reader's light or dark theme, and are redrawn when it changes.
 */
(function () {
  "use strict";

  function themeColours() {
    var dark = document.documentElement.getAttribute("data-theme") === "dark";
    return dark
      ? { text: "#e6e6e6", grid: "rgba(230,230,230,0.18)", line: "#bbbbbb", hoverBg: "#1f2937" }
      : { text: "#1f1f1f", grid: "rgba(0,0,0,0.12)", line: "#444444", hoverBg: "#ffffff" };
  }

  function styled(layout) {
    var c = themeColours();
    var out = JSON.parse(JSON.stringify(layout));
    out.font = Object.assign({}, out.font, { color: c.text });
    out.hoverlabel = Object.assign({}, out.hoverlabel, { bgcolor: c.hoverBg, font: { color: c.text } });
    Object.keys(out).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        out[key] = Object.assign({ gridcolor: c.grid, linecolor: c.line, zerolinecolor: c.grid }, out[key]);
      }
    });
    (out.updatemenus || []).forEach(function (menu) {
      menu.bgcolor = c.hoverBg; menu.bordercolor = c.line;
      menu.font = Object.assign({}, menu.font, { color: c.text });
    });
    return out;
  }

  function draw(figure) {
    var plot = figure.querySelector(".course-figure__plot");
    var specNode = figure.querySelector("script.course-figure__spec");
    if (!plot || !specNode || !window.Plotly) return;
    var spec = JSON.parse(specNode.textContent);
    window.Plotly.newPlot(plot, spec.data, styled(spec.layout), spec.config).then(function () {
      figure.setAttribute("data-drawn", "true");
    }).catch(function (error) {
      console.error("figure " + figure.id + " could not be drawn:", error);
    });
  }

  // On a change of theme, only the colours change: the reader's zoom and filters stay.
  function recolour(figure) {
    var plot = figure.querySelector(".course-figure__plot");
    if (!plot || !plot.layout || !window.Plotly) return;
    var c = themeColours();
    var update = { "font.color": c.text, "hoverlabel.bgcolor": c.hoverBg, "hoverlabel.font.color": c.text };
    Object.keys(plot.layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        update[key + ".gridcolor"] = c.grid;
        update[key + ".linecolor"] = c.line;
        update[key + ".zerolinecolor"] = c.grid;
      }
    });
    (plot.layout.updatemenus || []).forEach(function (menu, i) {
      update["updatemenus[" + i + "].bgcolor"] = c.hoverBg;
      update["updatemenus[" + i + "].bordercolor"] = c.line;
      update["updatemenus[" + i + "].font.color"] = c.text;
    });
    window.Plotly.relayout(plot, update).catch(function (error) {
      console.error("figure " + figure.id + " could not be recoloured:", error);
    });
  }

  function drawAll() {
    document.querySelectorAll(".course-figure").forEach(draw);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();

  new MutationObserver(function (changes) {
    if (changes.some(function (m) { return m.attributeName === "data-theme"; })) {
      document.querySelectorAll(".course-figure[data-drawn]").forEach(recolour);
    }
  }).observe(document.documentElement, { attributes: true });
})();
