"""Burial sites: collections for the map, one site in full, its persons."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries.common import (
    BBox,
    Page,
    bbox_condition,
    bbox_params,
    person_summary,
    sources_for,
)

_SITE_PROPERTIES = """
    'name', s.name,
    'name_en', s.name_en,
    'kind', s.kind,
    'buried_total', s.buried_total,
    'buried_known', s.buried_known,
    'buried_unknown', s.buried_unknown,
    'buried_as_written', s.buried_as_written,
    'location_precision', s.location_precision,
    'register_number', s.register_number,
    'oblast', s.oblast,
    'district', s.district,
    'settlement', s.settlement,
    'persons_in_registry', (SELECT count(*) FROM burials b WHERE b.site_id = s.id),
    'has_fictional_persons', EXISTS (
        SELECT 1 FROM burials b JOIN persons p ON p.id = b.person_id
        WHERE b.site_id = s.id AND p.is_fictional)
"""


def sites_geojson(
    session: Session, bbox: BBox | None = None, kind: str | None = None, limit: int = 20000
) -> str:
    """A GeoJSON FeatureCollection of sites inside ``bbox`` (lon/lat), as text."""
    sql = text(
        f"""
        SELECT json_build_object(
            'type', 'FeatureCollection',
            'features', COALESCE(json_agg(f.feature ORDER BY f.id), '[]'::json)
        )::text
        FROM (
            SELECT s.id, json_build_object(
                'type', 'Feature',
                'id', s.id,
                'geometry', ST_AsGeoJSON(s.geom, 6)::json,
                'properties', json_build_object({_SITE_PROPERTIES})
            ) AS feature
            FROM burial_sites s
            WHERE {bbox_condition("s")}
              AND (CAST(:kind AS text) IS NULL OR s.kind = :kind)
            ORDER BY s.id
            LIMIT :limit
        ) f
        """
    )
    return session.execute(
        sql,
        {
            **bbox_params(bbox),
            "kind": kind,
            "limit": limit,
        },
    ).scalar_one()


def site_feature(session: Session, site_id: int) -> str | None:
    """One site as a GeoJSON Feature with every stored field, or None."""
    sql = text(
        f"""
        SELECT json_build_object(
            'type', 'Feature',
            'id', s.id,
            'geometry', ST_AsGeoJSON(s.geom, 6)::json,
            'properties', json_build_object({_SITE_PROPERTIES})::jsonb || jsonb_build_object(
                'name_ru', s.name_ru,
                'name_be', s.name_be,
                'village_council', s.village_council,
                'year', s.year,
                'description', s.description,
                'condition', s.condition,
                'responsible_body', s.responsible_body,
                'location_note', s.location_note,
                'source_note', s.source_note,
                'sources', (
                    SELECT COALESCE(json_agg(json_build_object(
                        'citation', src.citation, 'url', src.url) ORDER BY src.id), '[]'::json)
                    FROM site_sources ss JOIN sources src ON src.id = ss.source_id
                    WHERE ss.site_id = s.id)
            )
        )::text
        FROM burial_sites s WHERE s.id = :id
        """
    )
    return session.execute(sql, {"id": site_id}).scalar_one_or_none()


def site_detail(session: Session, site_id: int) -> dict | None:
    """One site as a plain dict for the site page, or None."""
    row = (
        session.execute(
            text(
                """
                SELECT s.*, ST_Y(s.geom) AS lat, ST_X(s.geom) AS lon,
                       (SELECT count(*) FROM burials b WHERE b.site_id = s.id)
                           AS persons_in_registry,
                       (SELECT count(*) FROM burials b JOIN persons p ON p.id = b.person_id
                        WHERE b.site_id = s.id AND p.is_fictional) AS fictional_persons
                FROM burial_sites s WHERE s.id = :id
                """
            ),
            {"id": site_id},
        )
        .mappings()
        .one_or_none()
    )
    if row is None:
        return None
    site = {k: v for k, v in row.items() if k != "geom"}
    site["sources"] = sources_for(session, "site_sources", "site_id", site_id)
    return site


# Whitelisted sort orders for a site's list of persons: name -> ORDER BY clause.
PERSON_SORTS = {
    "name": "p.surname, p.given_name NULLS LAST, p.patronymic NULLS LAST, p.id",
    "-name": "p.surname DESC, p.given_name DESC NULLS LAST, p.patronymic DESC NULLS LAST, p.id",
    "birth": "p.birth_year NULLS LAST, p.birth_month NULLS LAST, p.birth_day NULLS LAST, p.id",
    "-birth": "p.birth_year DESC NULLS LAST, p.birth_month DESC NULLS LAST, "
    "p.birth_day DESC NULLS LAST, p.id",
    "death": "p.death_year NULLS LAST, p.death_month NULLS LAST, p.death_day NULLS LAST, p.id",
    "-death": "p.death_year DESC NULLS LAST, p.death_month DESC NULLS LAST, "
    "p.death_day DESC NULLS LAST, p.id",
    "rank": "p.rank NULLS LAST, p.surname, p.id",
    "-rank": "p.rank DESC NULLS LAST, p.surname, p.id",
    "home": "p.home_country NULLS LAST, p.home_region NULLS LAST, p.surname, p.id",
    "-home": "p.home_country DESC NULLS LAST, p.home_region DESC NULLS LAST, p.surname, p.id",
}


def site_persons(
    session: Session, site_id: int, page: int = 1, per_page: int = 50, sort: str = "name"
) -> Page:
    """The persons buried at a site, one page of them, in a whitelisted order."""
    order_by = PERSON_SORTS[sort]
    total = session.execute(
        text("SELECT count(*) FROM burials WHERE site_id = :id"), {"id": site_id}
    ).scalar_one()
    rows = session.execute(
        text(
            f"""
            SELECT p.id, p.surname, p.given_name, p.patronymic,
                   p.birth_year, p.birth_month, p.birth_day,
                   p.death_year, p.death_month, p.death_day,
                   p.rank, p.fate, p.home_country, p.home_region, p.home_district,
                   p.birthplace, p.is_hero, p.is_partisan, p.is_fictional,
                   b.plot, b.row, b.grave, b.on_plaque, b.original_burial_place,
                   b.reburial_date
            FROM burials b JOIN persons p ON p.id = b.person_id
            WHERE b.site_id = :id
            ORDER BY {order_by}
            LIMIT :limit OFFSET :offset
            """
        ),
        {"id": site_id, "limit": per_page, "offset": (page - 1) * per_page},
    )
    items = [person_summary(r) for r in rows.mappings()]
    return Page(total=total, items=items, page=page, per_page=per_page)


def site_exists(session: Session, site_id: int) -> bool:
    return (
        session.execute(text("SELECT 1 FROM burial_sites WHERE id = :id"), {"id": site_id}).first()
        is not None
    )
