/* "Use my location": fills the start (plan) or lat/lon (near here) from the browser. */
(function () {
  "use strict";
  document.querySelectorAll("[data-use-location]").forEach(function (button) {
    if (!navigator.geolocation) { button.hidden = true; return; }
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        var lat = pos.coords.latitude.toFixed(5), lon = pos.coords.longitude.toFixed(5);
        var start = document.getElementById("start");
        if (start) start.value = lat + "," + lon;
        var latInput = document.getElementById("lat"), lonInput = document.getElementById("lon");
        if (latInput && lonInput) { latInput.value = lat; lonInput.value = lon; }
      });
    });
  });
})();
