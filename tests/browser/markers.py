"""Reach a marker on the map the way a person does: zoom out until its area is in view,
click clusters until it shows, then click it (or focus it and press Enter). JavaScript
only reads where things are; it never moves the map or opens a popup."""

from __future__ import annotations

# Where the marker, or the cluster that holds it, is on the screen (null when it is not
# in view); remembers that cluster so that the next step can wait for the map to have split it.
WHERE = """
([kind, id]) => {
  const marker = window.mapapp.markers[kind][id];
  if (!marker) throw new Error(`no ${kind} marker ${id}`);
  const layer = kind === "battle" ? window.mapapp.layers.battles : window.mapapp.layers.sites;
  const shown = layer.getVisibleParent(marker);
  window.__mapappZoom = window.mapapp.map.getZoom();
  if (!shown) return null;
  window.__mapappShown = shown;
  const box = shown.getElement().getBoundingClientRect();
  const view = window.mapapp.map.getContainer().getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  // Kept on the map just outside the part that shows: not in view either.
  if (x < view.left + 20 || x > view.right - 20 || y < view.top + 20 || y > view.bottom - 20) {
    return null;
  }
  // Under a control (zoom buttons, layer switch, legend): a click would not reach it.
  if (!shown.getElement().contains(document.elementFromPoint(x, y))) return null;
  return {
    isMarker: shown === marker,
    title: marker.options.title,
    x: x,
    y: y,
  };
}
"""

# True once the map and both cluster layers have finished moving. After the map's zoom
# ends, a cluster layer runs an animation of its own (about 200 ms) in which the markers
# it is merging into a cluster still show: a marker seen then is gone a moment later.
# Each layer must have taken the map's zoom as its own and have no animation running.
SETTLED = """
(() => {
  const map = window.mapapp.map;
  if (map._animatingZoom) return false;
  // A map of sites alone (a region's view) has no layer of battles.
  return [window.mapapp.layers.sites, window.mapapp.layers.battles].every((layer) =>
    !layer || !layer._map
      || (layer._zoom === Math.round(map.getZoom()) && !layer._inZoomAnimation));
})()
"""

# True once the map has zoomed out from where it was and stopped moving.
ZOOMED_OUT = f"""
() => window.mapapp.map.getZoom() < window.__mapappZoom && {SETTLED.strip()}
"""

# True once the cluster clicked last is no longer what shows the marker, and the map
# and the cluster layer have finished moving.
SPLIT = f"""
([kind, id]) => {{
  const marker = window.mapapp.markers[kind][id];
  const layer = kind === "battle" ? window.mapapp.layers.battles : window.mapapp.layers.sites;
  const shown = layer.getVisibleParent(marker);
  return shown !== null && shown !== window.__mapappShown && {SETTLED.strip()};
}}
"""


def show_marker(page, kind: str, object_id: int):
    """Click the clusters that hold a marker until it is on the map; return its icon.

    A marker outside the visible part of the map is first brought in with the zoom-out
    button."""
    for _ in range(40):
        where = page.evaluate(WHERE, [kind, object_id])
        if where is None:
            page.locator(".leaflet-control-zoom-out").click()
            page.wait_for_function(ZOOMED_OUT)
            continue
        if where["isMarker"]:
            icon = page.locator(".leaflet-marker-pane").get_by_title(where["title"], exact=True)
            icon.wait_for()
            return icon
        page.mouse.click(where["x"], where["y"])
        page.wait_for_function(SPLIT, arg=[kind, object_id])
    raise AssertionError(f"clicking clusters never showed {kind} {object_id}")


def click_marker(page, kind: str, object_id: int):
    """Open a marker's popup with a real mouse click on its icon; return the popup."""
    show_marker(page, kind, object_id).click()
    return wait_for_popup(page, kind, object_id)


def wait_for_popup(page, kind: str, object_id: int):
    """The open popup of one marker (a popup closed just before may still be fading out)."""
    title = page.locator(f'a.mapapp-popup__title[href$="/{kind}s/{object_id}"]')
    popup = page.locator(".leaflet-popup-content [data-testid=popup]").filter(has=title)
    popup.wait_for()
    return popup
