"""Which map tiles cover a trip: the whole area at low zoom, the land around each stop
closer in. Only used where the tile server's terms allow fetching tiles ahead of viewing."""

from __future__ import annotations

import math

MIN_ZOOM = 8
AREA_MAX_ZOOM = 11  # up to this zoom the whole area of the trip, beyond it only near stops
AREA_PAD_DEG = 0.05
STOP_RADIUS_KM = 2.0


def tile_xy(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    """The slippy-map tile (x, y) that holds a point at a zoom."""
    n = 2**zoom
    lat = max(min(lat, 85.0511), -85.0511)
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def _box(south, west, north, east, zoom):
    x0, y0 = tile_xy(north, west, zoom)
    x1, y1 = tile_xy(south, east, zoom)
    return [(zoom, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def tile_keys(points: list[tuple[float, float]], max_zoom: int) -> list[tuple[int, int, int]]:
    """(zoom, x, y) of the tiles for a trip through ``points`` (lat, lon), lowest zoom first,
    each once."""
    if not points:
        return []
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    keys: list[tuple[int, int, int]] = []
    for zoom in range(MIN_ZOOM, max_zoom + 1):
        if zoom <= AREA_MAX_ZOOM:
            keys.extend(
                _box(min(lats) - AREA_PAD_DEG, min(lons) - AREA_PAD_DEG,
                     max(lats) + AREA_PAD_DEG, max(lons) + AREA_PAD_DEG, zoom)
            )  # fmt: skip
            continue
        for lat, lon in points:
            dlat = STOP_RADIUS_KM / 111.0
            dlon = STOP_RADIUS_KM / (111.0 * max(math.cos(math.radians(lat)), 0.01))
            keys.extend(_box(lat - dlat, lon - dlon, lat + dlat, lon + dlon, zoom))
    return list(dict.fromkeys(keys))


def tile_url(template: str, zoom: int, x: int, y: int) -> str:
    """A Leaflet URL template filled in the way Leaflet fills it (first subdomain, no retina)."""
    return (
        template.replace("{s}", "a")
        .replace("{r}", "")
        .replace("{z}", str(zoom))
        .replace("{x}", str(x))
        .replace("{y}", str(y))
    )


def area_tiles(
    template: str, points: list[tuple[float, float]], max_zoom: int, limit: int
) -> list[str]:
    """The tile URLs for a trip, at most ``limit`` of them: lower zooms come first, so a cut
    drops the closest zooms, never the overview."""
    return [tile_url(template, *key) for key in tile_keys(points, max_zoom)[:limit]]
