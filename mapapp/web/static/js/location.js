/*
 * "Use my location": asks the device for its position and fills the start (plan) or the
 * latitude and longitude (near here, which then looks for the nearest memorials at once).
 * Says what happens, and why when the position is refused or cannot be had.
 */
(function () {
  "use strict";

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return String(values[key]); });
  }

  document.querySelectorAll("[data-use-location]").forEach(function (button) {
    var labels = JSON.parse(button.getAttribute("data-labels") || "{}");
    var status = document.getElementById(button.getAttribute("aria-describedby") || "");

    function say(text, state) {
      if (!status) return;
      status.textContent = text;
      status.setAttribute("data-state", state);
    }

    function refused(error) {
      if (!window.isSecureContext) return labels.insecure;
      if (error.code === error.PERMISSION_DENIED) return labels.denied;
      if (error.code === error.TIMEOUT) return labels.timeout;
      return labels.unavailable;
    }

    button.addEventListener("click", function () {
      if (!navigator.geolocation) { say(labels.unsupported, "error"); return; }
      button.disabled = true;
      say(labels.finding, "finding");
      navigator.geolocation.getCurrentPosition(function (pos) {
        button.disabled = false;
        var lat = pos.coords.latitude.toFixed(5), lon = pos.coords.longitude.toFixed(5);
        say(fill(labels.found, { m: Math.round(pos.coords.accuracy) }), "found");
        var start = document.getElementById("start");
        if (start) start.value = lat + "," + lon;
        var latInput = document.getElementById("lat"), lonInput = document.getElementById("lon");
        if (latInput && lonInput) {
          latInput.value = lat;
          lonInput.value = lon;
          if (button.hasAttribute("data-submit")) latInput.form.requestSubmit();
        }
      }, function (error) {
        button.disabled = false;
        say(refused(error), "error");
      }, { enableHighAccuracy: true, timeout: 30000, maximumAge: 60000 });
    });
  });
})();
