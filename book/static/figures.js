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
    window.Plotly.react(plot, spec.data, styled(spec.layout), spec.config).then(function () {
      figure.setAttribute("data-drawn", "true");
    });
  }

  function drawAll() {
    document.querySelectorAll(".course-figure").forEach(draw);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();

  new MutationObserver(function (changes) {
    if (changes.some(function (m) { return m.attributeName === "data-theme"; })) drawAll();
  }).observe(document.documentElement, { attributes: true });
})();
