/*
 * The trip: a list of site ids kept in this browser (localStorage) and in the URL of
 * the plan page, so it can be shared. Buttons with data-trip-add="ID" add a site.
 */
(function () {
  "use strict";
  var KEY = "mapapp.trip";
  var MAX = 50;

  function read() {
    try {
      var ids = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(function (x) { return Number.isInteger(x) && x > 0; }).slice(0, MAX) : [];
    } catch (e) {
      return [];
    }
  }

  function write(ids) {
    try { window.localStorage.setItem(KEY, JSON.stringify(ids)); } catch (e) { /* private mode */ }
    render();
  }

  function labels() {
    try { return JSON.parse(document.body.getAttribute("data-trip-labels") || "{}"); } catch (e) { return {}; }
  }

  var trip = {
    ids: read,
    has: function (id) { return read().indexOf(id) >= 0; },
    add: function (id) {
      var ids = read();
      if (ids.indexOf(id) < 0 && ids.length < MAX) { ids.push(id); write(ids); }
    },
    remove: function (id) { write(read().filter(function (x) { return x !== id; })); },
    set: function (ids) { write(ids.slice(0, MAX)); },
    clear: function () { write([]); },
    url: function () { return "/plan?sites=" + read().join(","); },
    button: function (id) {
      // A button for map popups (Leaflet stops clicks from bubbling out of a popup).
      var b = document.createElement("button");
      b.type = "button";
      b.className = "trip-add";
      b.setAttribute("data-trip-add", String(id));
      b.addEventListener("click", function () { trip.add(id); });
      paint(b);
      return b;
    },
  };

  function paint(button) {
    var id = parseInt(button.getAttribute("data-trip-add"), 10);
    var l = labels();
    var inTrip = trip.has(id);
    button.textContent = inTrip ? (l.added || "✓") : (l.add || "+");
    button.disabled = inTrip;
  }

  function render() {
    var count = read().length;
    document.querySelectorAll("[data-trip-count]").forEach(function (el) { el.textContent = String(count); });
    document.querySelectorAll("[data-trip-link]").forEach(function (el) { el.setAttribute("href", trip.url()); });
    document.querySelectorAll("[data-trip-add]").forEach(paint);
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-trip-add]");
    if (add && !add.classList.contains("trip-add")) { trip.add(parseInt(add.getAttribute("data-trip-add"), 10)); }
    var all = event.target.closest("[data-trip-set]");
    if (all) {
      event.preventDefault();
      trip.set(all.getAttribute("data-trip-set").split(",").map(Number).filter(Boolean));
      window.location.href = trip.url();
    }
    if (event.target.closest("[data-trip-clear]")) { trip.clear(); window.location.href = "/plan"; }
  });
  document.addEventListener("DOMContentLoaded", function () {
    // The plan page opened without sites: show the trip kept in this browser.
    var plan = document.querySelector("[data-plan-empty]");
    if (plan && read().length) { window.location.replace(trip.url()); return; }
    // A shared plan URL becomes this browser's trip.
    var shared = document.querySelector("[data-plan-sites]");
    if (shared) {
      var ids = shared.getAttribute("data-plan-sites").split(",").map(Number).filter(Boolean);
      try { window.localStorage.setItem(KEY, JSON.stringify(ids.slice(0, MAX))); } catch (e) { /* ignore */ }
    }
    render();
  });
  window.mapappTrip = trip;
})();
