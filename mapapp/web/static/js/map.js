/*
 * Fills the folium-built maps from the JSON API.
 *
 * Every text that comes from data is put into the page with textContent or
 * setAttribute, never as HTML, so a name such as <img onerror=...> shows as text.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fill(template, id) {
    return template.replace("{id}", encodeURIComponent(String(id)));
  }

  function displayName(props, lang) {
    return lang === "en" && props.name_en ? props.name_en : props.name;
  }

  // A name in Cyrillic on a page in another language is marked with its own (as the
  // server does for pages: mapapp/text/script.py).
  function markLanguage(node, text, pageLang) {
    if (!/[\u0400-\u04ff]/.test(text)) return node;
    var lang = /[әғқңөұүһӘҒҚҢӨҰҮҺ]/.test(text) ? "kk" : /[ўЎіІ]/.test(text) ? "be" : "ru";
    if (lang !== pageLang) node.setAttribute("lang", lang);
    return node;
  }

  function markerIcon(kind, precision, withdrawn) {
    var classes = "mapapp-marker mapapp-marker--" + kind;
    if (precision === "district") classes += " mapapp-marker--approx";
    if (withdrawn) classes += " mapapp-marker--withdrawn";
    return L.divIcon({ className: classes, iconSize: [18, 18], iconAnchor: [9, 9], popupAnchor: [0, -8] });
  }

  function countText(value, labels) {
    return value === null || value === undefined ? labels.count_unknown : String(value);
  }

  // A popup box headed by the place's name, linking to its page.
  function popupBox(feature, options, pageUrl) {
    var box = el("div", "mapapp-popup");
    box.setAttribute("data-testid", "popup");
    var title = el("a", "mapapp-popup__title", displayName(feature.properties, options.lang));
    markLanguage(title, title.textContent, options.lang);
    title.href = fill(pageUrl, feature.id);
    box.appendChild(el("div", "mapapp-popup__name")).appendChild(title);
    return box;
  }

  // A withdrawn site stays on the map, marked, with the reason the moderator accepted.
  function withdrawnNote(withdrawn, labels) {
    var note = el("div", "mapapp-popup__withdrawn");
    note.setAttribute("data-testid", "popup-withdrawn");
    note.appendChild(el("strong", null, labels.withdrawn));
    if (withdrawn.reason) note.appendChild(el("div", null, labels.withdrawn_reason + ": " + withdrawn.reason));
    return note;
  }

  function sitePopup(feature, options) {
    var p = feature.properties, labels = options.labels;
    var box = popupBox(feature, options, options.siteUrl);
    if (p.withdrawn) box.appendChild(withdrawnNote(p.withdrawn, labels));
    if (options.lang === "en" && p.name_en && p.name !== p.name_en) {
      box.appendChild(markLanguage(el("div", "mapapp-popup__recorded", p.name), p.name, options.lang));
    }
    box.appendChild(el("div", "mapapp-popup__kind", labels.kinds[p.kind] || p.kind));
    var counts = el("div", "mapapp-popup__counts");
    var total = p.buried_total === null && p.buried_as_written ? p.buried_as_written : countText(p.buried_total, labels);
    counts.appendChild(el("span", null, labels.buried_total + ": " + total));
    if (p.buried_known !== null || p.buried_unknown !== null) {
      counts.appendChild(el("span", null, " (" + labels.buried_known + ": " + countText(p.buried_known, labels) +
        "; " + labels.buried_unknown + ": " + countText(p.buried_unknown, labels) + ")"));
    }
    box.appendChild(counts);
    if (p.persons_in_registry) {
      box.appendChild(el("div", null, labels.persons_in_registry + ": " + p.persons_in_registry));
    }
    box.appendChild(el("div", "mapapp-popup__precision", labels.precisions[p.location_precision] || p.location_precision));
    if (p.has_fictional_persons) box.appendChild(el("div", "mapapp-popup__demo", labels.demo));
    var link = el("a", "mapapp-popup__link", labels.open_site);
    link.href = fill(options.siteUrl, feature.id);
    link.setAttribute("data-testid", "popup-site-link");
    box.appendChild(link);
    if (window.mapappTrip) box.appendChild(window.mapappTrip.button(feature.id));
    return box;
  }

  function battlePopup(feature, options) {
    var p = feature.properties, labels = options.labels;
    var box = popupBox(feature, options, options.battleUrl);
    box.appendChild(el("div", "mapapp-popup__kind", labels.kinds.battle));
    if (p.period) box.appendChild(el("div", null, p.period));
    var link = el("a", "mapapp-popup__link", labels.open_battle);
    link.href = fill(options.battleUrl, feature.id);
    box.appendChild(link);
    return box;
  }

  function setStatus(text) {
    var status = document.querySelector("[data-testid=map-status]");
    if (status) status.textContent = text || "";
  }

  function bboxParam(map) {
    var b = map.getBounds().pad(0.5);
    var clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
            clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
      .map(function (v) { return v.toFixed(5); }).join(",");
  }

  // A grid cluster the server counted: its number of sites; a click zooms in on it.
  // A count as the page's language writes it ("1,234", "1 234"), with the symbols the
  // server gives (Babel): browsers lack them for some languages, Kazakh and Belarusian.
  function formatCount(n) {
    var symbols = JSON.parse(document.body.getAttribute("data-formats") || "{}");
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, symbols.group || ",");
  }

  function gridClusterMarker(map, feature, options) {
    var p = feature.properties, c = feature.geometry.coordinates;
    var size = p.count < 10 ? 30 : p.count < 100 ? 36 : p.count < 1000 ? 44 : 52;
    var label = el("span", "mapapp-grid-cluster__count", formatCount(p.count));
    var marker = L.marker([c[1], c[0]], {
      icon: L.divIcon({ className: "mapapp-grid-cluster", html: label, iconSize: [size, size], iconAnchor: [size / 2, size / 2] }),
      title: options.labels.cluster_title.replace("{count}", formatCount(p.count)),
    });
    marker.on("add", function () {
      var node = marker.getElement();
      node.setAttribute("data-testid", "map-cluster");
      node.setAttribute("data-count", String(p.count));
    });
    marker.on("click", function () {
      var b = p.bbox;
      var bounds = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
      var zoom = Math.min(map.getBoundsZoom(bounds.pad(0.1)), map.getMaxZoom());
      if (zoom <= map.getZoom()) zoom = Math.min(map.getZoom() + 2, map.getMaxZoom());
      map.setView(bounds.getCenter(), zoom);
    });
    return marker;
  }

  // What the answer says beyond its features: clusters shown, or a cut at the limit.
  function describe(collection, labels) {
    if (collection.aggregated) return labels.aggregated.replace("{total}", formatCount(collection.total));
    if (collection.truncated) {
      return labels.truncated.replace("{shown}", formatCount(collection.features.length))
        .replace("{total}", formatCount(collection.total));
    }
    return "";
  }

  // Loads one layer for the visible area; markers already on the map are kept. With a
  // grid layer, the server may answer clusters instead, which replace the markers.
  function layerLoader(map, layer, url, registry, makePopup, options, kindOf, grid) {
    var controller = null;
    return function load() {
      if (controller) controller.abort();
      controller = new AbortController();
      var sep = url.indexOf("?") >= 0 ? "&" : "?";
      var query = "bbox=" + bboxParam(map) + (grid ? "&zoom=" + Math.round(map.getZoom()) : "");
      return fetch(url + sep + query, { signal: controller.signal })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (collection) {
          if (grid) {
            grid.clearLayers();
            setStatus(describe(collection, options.labels));
            api.loadedZoom = map.getZoom();
          }
          if (collection.aggregated) {
            layer.clearLayers();
            Object.keys(registry).forEach(function (id) { delete registry[id]; });
            collection.features.forEach(function (feature) {
              grid.addLayer(gridClusterMarker(map, feature, options));
            });
            return;
          }
          var fresh = [];
          collection.features.forEach(function (feature) {
            if (registry[feature.id]) return;
            var c = feature.geometry.coordinates; // GeoJSON: lon, lat
            var marker = L.marker([c[1], c[0]], {
              icon: markerIcon(kindOf(feature), feature.properties.location_precision,
                feature.properties.withdrawn),
              title: displayName(feature.properties, options.lang),
            });
            marker.bindPopup(function () { return makePopup(feature, options); }, { maxWidth: 320 });
            registry[feature.id] = marker;
            fresh.push(marker);
          });
          layer.addLayers(fresh);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") setStatus(options.labels.loading_failed);
          else return;
          throw error;
        });
    };
  }

  // The server's grid clusters show and hide with the layer of sites they stand for.
  function gridFor(map, layer) {
    var grid = L.layerGroup();
    if (map.hasLayer(layer)) grid.addTo(map);
    map.on("overlayadd", function (e) { if (e.layer === layer) grid.addTo(map); });
    map.on("overlayremove", function (e) { if (e.layer === layer) map.removeLayer(grid); });
    return grid;
  }

  var api = { markers: { site: {}, battle: {} } };
  // The DOM helpers other map layers build their popups with (heroes_layer.js).
  api.dom = { el: el, fill: fill };

  api.registryMap = function (map, options, layers) {
    api.grid = gridFor(map, layers.sites);
    var loadSites = layerLoader(map, layers.sites, options.sitesUrl, api.markers.site, sitePopup, options,
      function (f) { return f.properties.kind; }, api.grid);
    var loadBattles = layerLoader(map, layers.battles, options.battlesUrl, api.markers.battle, battlePopup, options,
      function () { return "battle"; });
    var timer = null;
    map.on("moveend", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { loadSites(); loadBattles(); }, 250);
    });
    api.layers = layers;
    api.map = map;
    api.ready = Promise.all([loadSites(), loadBattles()]).then(function () {
      document.body.setAttribute("data-map-ready", "true");
    });
    return api.ready;
  };

  // Sites where the people of one home region lie; the popup says how many.
  api.homeMap = function (map, options, layers) {
    var withCount = function (feature, opts) {
      var box = sitePopup(feature, opts);
      var line = el("div", "mapapp-popup__home", feature.properties.persons_from_home + " " + opts.fromLabel);
      line.setAttribute("data-testid", "popup-home-count");
      box.insertBefore(line, box.lastChild);
      return box;
    };
    api.layers = layers;
    api.map = map;
    api.ready = fetch(options.dataUrl)
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (collection) {
        var markers = collection.features.map(function (feature) {
          var c = feature.geometry.coordinates;
          var marker = L.marker([c[1], c[0]], {
            icon: markerIcon(feature.properties.kind, feature.properties.location_precision,
              feature.properties.withdrawn),
            title: displayName(feature.properties, options.lang),
          });
          marker.bindPopup(function () { return withCount(feature, options); }, { maxWidth: 320 });
          api.markers.site[feature.id] = marker;
          return marker;
        });
        layers.sites.addLayers(markers);
        if (markers.length) map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 10, animate: false });
        document.body.setAttribute("data-map-ready", "true");
      })
      .catch(function () { setStatus(options.labels.loading_failed); });
    return api.ready;
  };

  // A planned trip: numbered stops and the line through them.
  api.routeMap = function (map, options) {
    var markers = options.stops.map(function (stop) {
      var icon = L.divIcon({
        className: "mapapp-stop mapapp-marker--" + stop.kind + (stop.precision === "district" ? " mapapp-marker--approx" : ""),
        html: "", iconSize: [24, 24], iconAnchor: [12, 12],
      });
      var marker = L.marker([stop.lat, stop.lon], { icon: icon, keyboard: false }).addTo(map);
      marker.getElement().textContent = String(stop.n);  // a number: nothing from data
      marker.getElement().setAttribute("data-testid", "route-stop");
      return marker;
    });
    if (options.start) {
      var start = L.marker(options.start, {
        icon: L.divIcon({ className: "mapapp-stop mapapp-stop--start", html: "", iconSize: [24, 24], iconAnchor: [12, 12] }),
        keyboard: false,
      }).addTo(map);
      start.getElement().textContent = "▶";
      start.getElement().setAttribute("data-testid", "route-start");
    }
    var line = L.polyline(options.route, { color: "#8b1a1a", weight: 3, dashArray: "6 6" }).addTo(map);
    line.getElement().setAttribute("data-testid", "route-line");
    map.fitBounds(line.getBounds().pad(0.15), { maxZoom: 11, animate: false });
    api.map = map;
    api.route = line;
    api.stops = markers;
    document.body.setAttribute("data-map-ready", "true");
  };

  api.pointMap = function (map, options) {
    L.marker([options.lat, options.lon], { icon: markerIcon(options.kind, options.precision), keyboard: false })
      .addTo(map);
    if (options.precision === "district") {
      // Show honestly that the point stands for an area, not a position.
      L.circle([options.lat, options.lon], { radius: 15000, className: "mapapp-approx-area" }).addTo(map);
    }
    api.map = map;
    document.body.setAttribute("data-map-ready", "true");
  };

  window.mapapp = api;
})();
