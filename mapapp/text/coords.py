"""Coordinates for people: degrees-minutes-seconds, and range checks."""

from __future__ import annotations

import math


def to_dms(value: float, positive: str, negative: str) -> str:
    """54.57194 -> ``54°34′18.98″ N`` (with the hemisphere letters given)."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite coordinate: {value!r}")
    hemisphere = positive if value >= 0 else negative
    total_seconds = round(abs(value) * 3600, 2)
    degrees = int(total_seconds // 3600)
    minutes = int((total_seconds - degrees * 3600) // 60)
    seconds = total_seconds - degrees * 3600 - minutes * 60
    return f"{degrees}°{minutes:02d}′{seconds:05.2f}″ {hemisphere}"


def lat_lon_dms(lat: float, lon: float) -> str:
    return f"{to_dms(lat, 'N', 'S')} {to_dms(lon, 'E', 'W')}"


def check_lat_lon(lat: float, lon: float) -> None:
    """Raise ValueError naming the problem if (lat, lon) is not a real point."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError("coordinates must be finite numbers")
    if not -90 <= lat <= 90:
        raise ValueError(f"latitude {lat} is outside -90..90")
    if not -180 <= lon <= 180:
        raise ValueError(f"longitude {lon} is outside -180..180")
