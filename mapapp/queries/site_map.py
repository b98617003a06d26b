"""Burial sites for the map's view: every site, or grid clusters with counts when the view
holds more sites than a map can show one by one. The answer always says which it is, and
whether it was cut at the limit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.db import TEXT_AS_BYTES
from mapapp.queries.common import BBox, bbox_condition, bbox_params
from mapapp.queries.sites import count_sites, sites_geojson

# A cluster cell is about this many screen pixels wide at the zoom it is made for.
CELL_PIXELS = 64


@dataclass(frozen=True)
class MapView:
    bbox: BBox | None
    kind: str | None = None
    zoom: int | None = None


@dataclass(frozen=True)
class MapLimits:
    max_features: int
    cluster_threshold: int
    cluster_below_zoom: int


def grid_cell_degrees(zoom: int) -> float:
    """Degrees of longitude covered by CELL_PIXELS pixels at a Web Mercator zoom level."""
    return 360.0 * CELL_PIXELS / (256 * 2**zoom)


def sites_for_view(session: Session, view: MapView, limits: MapLimits) -> bytes:
    """GeoJSON (UTF-8 bytes): the sites in view, or their grid clusters when there are more than
    ``cluster_threshold`` of them below zoom ``cluster_below_zoom``."""
    if view.zoom is None or view.zoom >= limits.cluster_below_zoom:
        # Never clusters: the sites and their count in one statement.
        return sites_geojson(session, view.bbox, view.kind, limits.max_features)
    total = count_sites(session, view.bbox, view.kind)
    if total > limits.cluster_threshold:
        return site_clusters_geojson(session, view, total)
    return sites_geojson(session, view.bbox, view.kind, limits.max_features, total)


def site_clusters_geojson(session: Session, view: MapView, total: int) -> bytes:
    """One feature per grid cell (``grid_cell_degrees`` wide) holding sites: its count of
    sites and of persons in the registry, the centre of its sites and their bounding box
    (for zooming in). Plain arithmetic on the coordinates, no geometry aggregates."""
    cell = grid_cell_degrees(view.zoom or 0)
    sql = text(
        f"""
        WITH cells AS (
            SELECT count(*) AS sites,
                   sum(COALESCE(c.persons_in_registry, 0)) AS persons,
                   avg(ST_X(s.geom)) AS lon, avg(ST_Y(s.geom)) AS lat,
                   min(ST_X(s.geom)) AS minlon, min(ST_Y(s.geom)) AS minlat,
                   max(ST_X(s.geom)) AS maxlon, max(ST_Y(s.geom)) AS maxlat,
                   min(s.id) AS first_id
            FROM burial_sites s LEFT JOIN site_counts c ON c.site_id = s.id
            WHERE {bbox_condition("s")} AND (CAST(:kind AS text) IS NULL OR s.kind = :kind)
            GROUP BY floor(ST_X(s.geom) / :cell), floor(ST_Y(s.geom) / :cell)
        )
        SELECT json_build_object(
            'type', 'FeatureCollection',
            'aggregated', true,
            'total', CAST(:total AS integer),
            'truncated', false,
            'grid_degrees', CAST(:cell AS double precision),
            'features', COALESCE(json_agg(json_build_object(
                'type', 'Feature',
                'id', 'cell-' || first_id,
                'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(
                    round(lon::numeric, 5), round(lat::numeric, 5))),
                'properties', json_build_object(
                    'cluster', true,
                    'count', sites,
                    'persons_in_registry', persons,
                    'bbox', json_build_array(
                        round(minlon::numeric, 5), round(minlat::numeric, 5),
                        round(maxlon::numeric, 5), round(maxlat::numeric, 5))
                )
            ) ORDER BY first_id), '[]'::json)
        )::text
        FROM cells
        """
    )
    return session.execute(
        sql,
        {**bbox_params(view.bbox), "kind": view.kind, "cell": cell, "total": total},
        execution_options={TEXT_AS_BYTES: True},
    ).scalar_one()
