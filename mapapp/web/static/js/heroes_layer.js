/*
 * Two layers of the main map, kept apart from map.js: a star on every site where a Hero
 * of the Soviet Union lies, and the district points where partisan formations fought.
 *
 * Every text that comes from data is put into the page with textContent, never as HTML.
 */
(function () {
  "use strict";

  var api = window.mapapp;
  var el = api.dom.el, fill = api.dom.fill;

  function load(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  function popupBox(testid, name, href, fictional, labels) {
    var box = el("div", "mapapp-popup");
    box.setAttribute("data-testid", testid);
    var title = el("a", "mapapp-popup__title", name);
    title.href = href;
    box.appendChild(el("div", "mapapp-popup__name")).appendChild(title);
    if (fictional) box.appendChild(el("div", "mapapp-popup__demo", labels.demo));
    return box;
  }

  function heroPopup(feature, options) {
    var p = feature.properties, labels = options.labels;
    var name = options.lang === "en" && p.name_en ? p.name_en : p.name;
    var box = popupBox("hero-popup", name, fill(options.siteUrl, feature.id), p.fictional, labels);
    box.appendChild(el("div", "mapapp-popup__kind", labels.heroes + ": " + p.heroes));
    var list = el("ul", "mapapp-popup__heroes");
    p.names.forEach(function (n) { list.appendChild(el("li", null, n)); });
    box.appendChild(list);
    return box;
  }

  function areaPopup(feature, options) {
    var p = feature.properties, labels = options.labels;
    var box = popupBox("area-popup", p.name, fill(options.unitUrl, p.unit_id), p.fictional, labels);
    box.appendChild(el("div", "mapapp-popup__kind", labels.area + ": " + p.district));
    if (p.note) box.appendChild(el("div", "mapapp-popup__precision", p.note));
    return box;
  }

  function tag(layer, testid, id) {
    var node = layer.getElement();
    if (!node) return;
    node.setAttribute("data-testid", testid);
    node.setAttribute("data-id", String(id));
  }

  api.honours = { heroes: {}, areas: {} };

  api.honourLayers = function (map, options, layers) {
    var heroes = load(options.gravesUrl).then(function (collection) {
      collection.features.forEach(function (feature) {
        var c = feature.geometry.coordinates;
        var marker = L.marker([c[1], c[0]], {
          icon: L.divIcon({ className: "mapapp-hero-star", html: "", iconSize: [24, 24], iconAnchor: [12, 12] }),
          title: options.labels.heroes_grave,
          zIndexOffset: 1000,
        });
        marker.on("add", function () {
          marker.getElement().textContent = "★";  // a fixed sign: nothing from data
          tag(marker, "hero-star", feature.id);
        });
        marker.bindPopup(function () { return heroPopup(feature, options); }, { maxWidth: 320 });
        api.honours.heroes[feature.id] = marker;
        layers.heroes.addLayer(marker);
      });
    });
    var areas = load(options.areasUrl).then(function (collection) {
      collection.features.forEach(function (feature) {
        var c = feature.geometry.coordinates;
        // A district point stands for an area: drawn as a wide circle.
        var circle = L.circle([c[1], c[0]], { radius: 15000, className: "mapapp-formation-area" });
        circle.on("add", function () { tag(circle, "formation-area", feature.id); });
        circle.bindPopup(function () { return areaPopup(feature, options); }, { maxWidth: 320 });
        api.honours.areas[feature.id] = circle;
        layers.areas.addLayer(circle);
      });
    });
    api.honoursReady = Promise.all([heroes, areas])
      .then(function () { document.body.setAttribute("data-honours-ready", "true"); })
      .catch(function () { document.body.setAttribute("data-honours-ready", "failed"); });
    return api.honoursReady;
  };
})();
