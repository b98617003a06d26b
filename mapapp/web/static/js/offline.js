/*
 * "Save for offline use" on the trip page: registers the service worker (static/js/sw.js)
 * and puts into one cache per trip every address /plan/pack.json lists (the trip page, its
 * dossier and files, each stop's page with every page of its names, scripts and styles),
 * the map tiles on screen, and, where the tile server allows it, the trip area's tiles.
 * Says when the pack is ready and how big it is. On the "not saved" page, lists the
 * trips this browser keeps.
 */
(function () {
  "use strict";
  var INDEX = "mapapp.packs";
  var PREFIX = "mapapp-pack:";
  var PARALLEL = 4;

  function packs() {
    try { return JSON.parse(window.localStorage.getItem(INDEX) || "{}") || {}; } catch (e) { return {}; }
  }
  function keep(all) {
    try { window.localStorage.setItem(INDEX, JSON.stringify(all)); } catch (e) { /* private mode */ }
  }

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return String(values[key]); });
  }

  // Numbers and dates as the page's language writes them, with the symbols and pattern
  // the server gives (Babel): browsers lack them for Kazakh and Belarusian.
  var FORMATS = JSON.parse(document.body.getAttribute("data-formats") || "{}");

  function decimal(value) {
    var parts = (Math.round(value * 10) / 10).toString().split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, FORMATS.group || ",");
    return parts.length > 1 ? whole + (FORMATS.decimal || ".") + parts[1] : whole;
  }

  function size(bytes, labels) {
    var mb = bytes / 1e6;
    return mb >= 1 ? fill(labels.megabytes, { n: decimal(mb) })
      : fill(labels.kilobytes, { n: decimal(bytes / 1e3) });
  }

  // A CLDR pattern such as "dd.MM.y, HH:mm" or "M/d/yy, h:mm a", in the device's time.
  function moment(date) {
    var pattern = FORMATS.datetime || "y-MM-dd HH:mm";
    var hours = date.getHours();
    var fields = { y: date.getFullYear(), M: date.getMonth() + 1, d: date.getDate(),
      H: hours, h: hours % 12 || 12, m: date.getMinutes() };
    return pattern.replace(/'[^']*'|y+|M+|d+|H+|h+|m+|a/g, function (token) {
      if (token[0] === "'") return token.slice(1, -1);
      if (token === "a") return hours < 12 ? "AM" : "PM";
      var value = String(fields[token[0]]);
      if (token[0] === "y") return token.length === 2 ? value.slice(-2) : value;
      return token.length >= 2 && value.length < 2 ? "0" + value : value;
    });
  }

  // Fetch every address and keep it; runs PARALLEL at a time; counts bytes and files.
  function store(cache, urls, opaque, tally) {
    var queue = urls.slice();
    function next() {
      var url = queue.shift();
      if (url === undefined) return Promise.resolve();
      var options = opaque ? { mode: "no-cors", credentials: "omit" } : { credentials: "same-origin" };
      var saved = fetch(url, options).then(function (response) {
        if (!opaque && !response.ok) throw new Error(url + ": HTTP " + response.status);
        var copy = response.clone();
        return cache.put(url, response).then(function () {
          if (opaque) { tally.tiles += 1; return null; }
          tally.files += 1;
          return copy.blob().then(function (blob) { tally.bytes += blob.size; });
        });
      });
      // A map tile that cannot be had or kept (no answer, storage full) is left out and
      // not counted; the trip's pages and files must all be kept, or the pack fails.
      if (opaque) saved = saved.catch(function () { return null; });
      return saved.then(next);
    }
    var workers = [];
    for (var i = 0; i < PARALLEL; i++) workers.push(next());
    return Promise.all(workers);
  }

  function viewedTiles() {
    var urls = [];
    document.querySelectorAll("img.leaflet-tile-loaded").forEach(function (img) {
      if (img.src && urls.indexOf(img.src) < 0) urls.push(img.src);
    });
    return urls;
  }

  function setup(box) {
    var labels = JSON.parse(box.getAttribute("data-labels"));
    var button = box.querySelector("[data-testid=save-offline]");
    var remove = box.querySelector("[data-offline-remove]");
    var status = box.querySelector("[data-testid=offline-status]");
    var withTiles = box.querySelector("[data-offline-tiles]");
    var key = window.location.pathname + window.location.search;
    var name = PREFIX + key;

    function say(text, state) { status.textContent = text; box.setAttribute("data-state", state); }
    function describe(info) {
      var text = fill(labels.ready, { files: decimal(info.files), size: size(info.bytes, labels) });
      if (info.tiles) text += " " + fill(labels.tiles, { n: decimal(info.tiles) });
      return text + " " + fill(labels.saved_on, { date: moment(new Date(info.savedAt)) });
    }
    function showSaved() {
      var info = packs()[key];
      if (!info) { remove.hidden = true; return Promise.resolve(); }
      return caches.has(name).then(function (present) {
        if (!present) { var all = packs(); delete all[key]; keep(all); remove.hidden = true; return; }
        say(describe(info), "ready");
        button.textContent = labels.update;
        remove.hidden = false;
      });
    }

    if (!("serviceWorker" in navigator) || !window.caches) {
      button.disabled = true;
      say(window.isSecureContext ? labels.unsupported : labels.insecure, "unsupported");
      return;
    }

    button.addEventListener("click", function () {
      button.disabled = true;
      say(labels.saving, "saving");
      var tally = { files: 0, bytes: 0, tiles: 0 };
      var pack;
      navigator.serviceWorker.register("/sw.js")
        .then(function () { return fetch("/plan/pack.json" + window.location.search); })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (list) {
          pack = list;
          return caches.delete(name).then(function () { return caches.open(name); });
        })
        .then(function (cache) {
          var tiles = viewedTiles();
          if (withTiles && withTiles.checked) {
            pack.tiles.forEach(function (url) { if (tiles.indexOf(url) < 0) tiles.push(url); });
          }
          return store(cache, pack.pages.concat(pack.files, pack.assets), false, tally)
            .then(function () { return store(cache, tiles, true, tally); });
        })
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function () {
          var info = { files: tally.files, bytes: tally.bytes, tiles: tally.tiles, savedAt: Date.now() };
          var all = packs(); all[key] = info; keep(all);
          return showSaved();
        })
        .catch(function (error) {
          caches.delete(name);
          say(fill(labels.failed, { why: error.message }), "failed");
        })
        .then(function () { button.disabled = false; });
    });

    remove.addEventListener("click", function () {
      caches.delete(name).then(function () {
        var all = packs(); delete all[key]; keep(all);
        button.textContent = labels.save;
        remove.hidden = true;
        say(labels.removed, "removed");
      });
    });
    showSaved();
  }

  // The "not saved" page: links to the trips this browser keeps.
  function listSaved(list) {
    var all = packs();
    Object.keys(all).forEach(function (key) {
      if (key.indexOf("/plan?") !== 0) return;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = key;
      link.textContent = moment(new Date(all[key].savedAt));
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = !list.children.length;
  }

  document.querySelectorAll("[data-offline-pack]").forEach(setup);
  document.querySelectorAll("[data-saved-trips]").forEach(listSaved);
})();
