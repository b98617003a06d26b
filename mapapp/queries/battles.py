"""Battle locations: collection for the map and one battle in full."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries.common import BBox, bbox_condition, bbox_params, sources_for


def battles_geojson(session: Session, bbox: BBox | None = None, limit: int = 20000) -> str:
    sql = text(
        f"""
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
            WHERE {bbox_condition("b")}
            ORDER BY b.id
            LIMIT :limit
        ) f
        """
    )
    return session.execute(
        sql,
        {
            **bbox_params(bbox),
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
