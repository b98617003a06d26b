/*
 * Phone layout: the header's sections and languages fold behind a "Menu" button, and the
 * map's legend starts folded. Without this script everything simply stays open.
 */
(function () {
  "use strict";
  var PHONE = window.matchMedia("(max-width: 640px)");

  function setOpen(topbar, button, open) {
    topbar.setAttribute("data-menu", open ? "open" : "closed");
    button.setAttribute("aria-expanded", open ? "true" : "false");
    // The map under the header changed height: let Leaflet measure it again.
    if (window.mapapp && window.mapapp.map) window.mapapp.map.invalidateSize();
  }

  document.querySelectorAll("[data-menu-toggle]").forEach(function (button) {
    var topbar = button.closest(".topbar");
    button.hidden = false;
    setOpen(topbar, button, false);
    button.addEventListener("click", function () {
      setOpen(topbar, button, topbar.getAttribute("data-menu") !== "open");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && topbar.getAttribute("data-menu") === "open") {
        setOpen(topbar, button, false);
        button.focus();
      }
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    var legend = document.querySelector("details.legend");
    if (legend && PHONE.matches) legend.open = false;
  });

  // Without a network a page can only be a saved copy: say so, as long as it lasts.
  var notice = document.querySelector("[data-offline-notice]");
  function showNetwork() { if (notice) notice.hidden = navigator.onLine !== false; }
  window.addEventListener("online", showNetwork);
  window.addEventListener("offline", showNetwork);
  showNetwork();
})();

/* Buttons that print the page (kept out of inline handlers, for a strict CSP). */
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
