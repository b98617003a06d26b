"""A trip drawn as a plain SVG map: every stop numbered, the route in visiting order, a
scale bar and north. Drawn on the server so that a printed page or a PDF always shows the
whole trip, whatever part of the interactive map was on screen.

Only numbers and our own labels go into the drawing; no text from data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH, HEIGHT, MARGIN = 680, 440, 36
MIN_SPAN_KM = 4.0  # a single stop, or stops close together, still get a readable frame
KM_PER_DEGREE = 111.32
QUOTE = {'"': "&quot;"}


@dataclass(frozen=True)
class Frame:
    """An equirectangular projection fitted to the points, with lon shrunk by cos(lat)."""

    lon0: float
    lat0: float
    scale: float  # pixels per km
    cos_lat: float

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        x = (lon - self.lon0) * KM_PER_DEGREE * self.cos_lat * self.scale
        y = (self.lat0 - lat) * KM_PER_DEGREE * self.scale
        return MARGIN + x, MARGIN + y


def fit_frame(points: list[tuple[float, float]]) -> Frame:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    cos_lat = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * KM_PER_DEGREE * cos_lat, MIN_SPAN_KM)
    span_y = max((max(lats) - min(lats)) * KM_PER_DEGREE, MIN_SPAN_KM)
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
    # Centre the drawing: shift the origin by half the unused width and height.
    extra_x = (WIDTH - 2 * MARGIN) / scale - (max(lons) - min(lons)) * KM_PER_DEGREE * cos_lat
    extra_y = (HEIGHT - 2 * MARGIN) / scale - (max(lats) - min(lats)) * KM_PER_DEGREE
    lon0 = min(lons) - extra_x / 2 / (KM_PER_DEGREE * cos_lat)
    lat0 = max(lats) + extra_y / 2 / KM_PER_DEGREE
    return Frame(lon0=lon0, lat0=lat0, scale=scale, cos_lat=cos_lat)


def _scale_bar_km(scale: float) -> float:
    """A round length that draws about a fifth of the width."""
    target = (WIDTH / 5) / scale
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if step >= target:
            return float(step)
    return 1000.0


def route_svg(
    stops: list[tuple[float, float]],
    start: tuple[float, float] | None,
    round_trip: bool,
    title: str = "",
    km_label: str = "km",
) -> str:
    """The trip as SVG: ``stops`` (lat, lon) in visiting order, numbered from 1."""
    points = list(stops) + ([start] if start else [])
    frame = fit_frame(points)
    route = ([start] if start else []) + list(stops)
    if round_trip and route:
        route.append(route[0])
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (frame.xy(*p) for p in route))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="route-drawing" role="img" aria-label="{escape(title, QUOTE)}">',
        f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{HEIGHT - 1}" fill="#fff" '
        'stroke="#888"/>',
        f'<polyline points="{path}" fill="none" stroke="#1f4e9c" stroke-width="3" '
        'stroke-linejoin="round"/>',
    ]
    if start:
        x, y = frame.xy(*start)
        parts.append(
            f'<rect x="{x - 9:.1f}" y="{y - 9:.1f}" width="18" height="18" fill="#1f4e9c"/>'
            f'<text x="{x:.1f}" y="{y + 5:.1f}" text-anchor="middle" font-size="13" '
            'fill="#fff" font-family="sans-serif">S</text>'
        )
    for number, point in enumerate(stops, start=1):
        x, y = frame.xy(*point)
        parts.append(
            f'<g class="stop-mark" data-stop="{number}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="11" fill="#b3261e" stroke="#fff" '
            'stroke-width="2"/>'
            f'<text x="{x:.1f}" y="{y + 4.5:.1f}" text-anchor="middle" font-size="12" '
            f'font-weight="bold" fill="#fff" font-family="sans-serif">{number}</text></g>'
        )
    bar_km = _scale_bar_km(frame.scale)
    bar = bar_km * frame.scale
    y0 = HEIGHT - 14
    parts.append(
        f'<path d="M{MARGIN},{y0} h{bar:.1f}" stroke="#000" stroke-width="3"/>'
        f'<text x="{MARGIN + bar + 6:.1f}" y="{y0 + 4}" font-size="12" '
        f'font-family="sans-serif">{bar_km:g} {escape(km_label)}</text>'
        f'<path d="M{WIDTH - 24},40 l8,-22 l8,22 l-8,-6 z" fill="#000"/>'
        f'<text x="{WIDTH - 16}" y="54" text-anchor="middle" font-size="12" '
        'font-family="sans-serif">N</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
