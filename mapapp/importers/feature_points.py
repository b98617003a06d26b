"""Which rows of a geodata file (GeoJSON, GeoPackage, Shapefile) have their point from the
feature's geometry, and what that geometry is where it gives none: a problem with such a
point names the geometry, which the file has, not a 'lat' column, which it has not."""

from __future__ import annotations

from dataclasses import dataclass, field

GEOMETRY = "geometry"


@dataclass
class FeaturePoints:
    # Row -> what its feature's geometry is where it gives no point ("null", "an empty
    # Point"); the rows kept are the few without one, never every row of a large file.
    missing: dict[int, str] = field(default_factory=dict)
    # Rows of a null geometry placed by their lat and lon properties instead.
    by_properties: set[int] = field(default_factory=set)

    def from_geometry(self, row: int) -> bool:
        """Whether the row's point is its feature's geometry (or would be)."""
        return row not in self.by_properties

    def no_point(self, row: int) -> str:
        """What the row's feature's geometry is, where it gives no point."""
        return f"the feature's geometry is {self.missing.get(row, 'null')}"

    @staticmethod
    def the_point(lat: str, lon: str) -> str:
        """How a problem with the point a geometry gives begins: the point as the file
        writes it, longitude first."""
        return f"the feature's geometry, the point [{lon}, {lat}] (longitude, latitude): "
