"""The region's border, to flag an imported point that lies inside the region's box but
outside the country: the box around Belarus also holds Vilnius, Daugavpils, Białystok
and Chernihiv. The line is Natural Earth's 1:10m (data/geo/belarus_border.geojson, see
scripts/build_region_border.py); it is generalised, so a point near it is given the
benefit of the doubt."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pyproj import Transformer
from shapely import prepare, transform
from shapely.geometry import Point, shape

from mapapp.settings import BORDER_FILE  # noqa: F401 (the default, imported from here)

# How far outside the line a point may lie and be taken as inside: the 1:10m line is
# off by up to about a kilometre, and a memorial may stand right on the border (Brest).
TOLERANCE_KM = 2.0
# Lambert azimuthal equal-area for Europe: distances in metres, near enough for a message.
_TO_METRES = Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True)


class RegionBorder:
    def __init__(self, name: str, geometry):
        self.name = name
        self.area = transform(geometry, _TO_METRES.transform, interleaved=False)
        prepare(self.area)

    def km_outside(self, lat: float, lon: float) -> float:
        """How far (km) the point lies outside the border; 0 inside it."""
        point = Point(_TO_METRES.transform(lon, lat))
        if self.area.covers(point):
            return 0.0
        return self.area.distance(point) / 1000


@lru_cache(maxsize=4)
def load_border(path: Path) -> RegionBorder:
    (feature,) = json.loads(path.read_text(encoding="utf-8"))["features"]
    return RegionBorder(feature["properties"]["name"], shape(feature["geometry"]))
