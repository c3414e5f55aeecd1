/* Mounts the claims explorer of a page of the static site, with no kernel and no network.
 *
 * The claims travel in the page as JSON, beside a plain table that readers without JavaScript
 * see. This file hands the JSON to claims-explorer.js, which replaces the table with the
 * explorer; if drawing fails, the table stays.
 */
(function () {
  "use strict";

  function mountAll() {
    document.querySelectorAll(".claims-mount").forEach(function (mount) {
      if (mount.getAttribute("data-mounted")) return;
      var data = mount.querySelector("script.claims-spec");
      if (!data) return;
      try {
        var spec = JSON.parse(data.textContent);
        var host = document.createElement("div");
        window.SahelClaims.render({ model: { get: function () { return spec; } }, el: host, pageSuffix: ".html" });
        var fallback = mount.querySelector(".claims-fallback");
        if (fallback) fallback.replaceWith(host); else mount.appendChild(host);
        mount.setAttribute("data-mounted", "true");
      } catch (error) {
        console.error("the claims explorer could not be shown; the table stays:", error);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
