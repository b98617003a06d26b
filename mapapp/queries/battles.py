"""Battle locations: collection for the map and one battle in full."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries.common import BBox, sources_for


def battles_geojson(session: Session, bbox: BBox | None = None, limit: int = 20000) -> str:
    sql = text(
        """
        SELECT json_build_object(
            'type', 'FeatureCollection',
            'features', COALESCE(json_agg(f.feature ORDER BY f.id), '[]'::json)
        )::text
        FROM (
            SELECT b.id, json_build_object(
                'type', 'Feature',
                'id', b.id,
                'geometry', ST_AsGeoJSON(b.geom, 6)::json,
                'properties', json_build_object(
                    'name', b.name,
                    'name_en', b.name_en,
                    'kind', 'battle',
                    'period', b.period,
                    'operation', b.operation,
                    'location_precision', b.location_precision
                )
            ) AS feature
            FROM battle_locations b
            WHERE (CAST(:has_bbox AS boolean) IS FALSE
                   OR b.geom && ST_MakeEnvelope(:minlon, :minlat, :maxlon, :maxlat, 4326))
            ORDER BY b.id
            LIMIT :limit
        ) f
        """
    )
    minlon, minlat, maxlon, maxlat = bbox or (0.0, 0.0, 0.0, 0.0)
    return session.execute(
        sql,
        {
            "has_bbox": bbox is not None,
            "minlon": minlon,
            "minlat": minlat,
            "maxlon": maxlon,
            "maxlat": maxlat,
            "limit": limit,
        },
    ).scalar_one()


def battle_detail(session: Session, battle_id: int) -> dict | None:
    row = (
        session.execute(
            text(
                """
                SELECT b.*, ST_Y(b.geom) AS lat, ST_X(b.geom) AS lon
                FROM battle_locations b WHERE b.id = :id
                """
            ),
            {"id": battle_id},
        )
        .mappings()
        .one_or_none()
    )
    if row is None:
        return None
    battle = {k: v for k, v in row.items() if k != "geom"}
    battle["sources"] = sources_for(session, "battle_sources", "battle_id", battle_id)
    return battle
