"""Who lies where, by home country and region: per site, and the reverse."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries.common import SITE_WITHDRAWN_JSON


def site_home_breakdown(session: Session, site_id: int) -> list[dict]:
    """For one site: persons per home country, each with its regions, largest first
    (from the counts the database keeps up to date, migration 0004)."""
    rows = session.execute(
        text(
            """
            SELECT home_country AS country, home_region AS region, persons
            FROM site_home_counts
            WHERE site_id = :id
            """
        ),
        {"id": site_id},
    ).mappings()
    countries: dict = {}
    for row in rows:
        entry = countries.setdefault(
            row["country"], {"country": row["country"], "persons": 0, "regions": []}
        )
        entry["persons"] += row["persons"]
        if row["region"]:
            entry["regions"].append({"region": row["region"], "persons": row["persons"]})
    result = sorted(countries.values(), key=lambda c: (-c["persons"], c["country"] or ""))
    for entry in result:
        entry["regions"].sort(key=lambda r: (-r["persons"], r["region"]))
    return result


def home_options(session: Session) -> list[dict]:
    """Every recorded home country and region with how many persons came from it (from
    the counts the database keeps up to date, migration 0013)."""
    rows = session.execute(
        text(
            """
            SELECT home_country AS country, home_region AS region,
                   home_country_key AS country_key, home_region_key AS region_key,
                   persons
            FROM home_counts
            ORDER BY 1, 2
            """
        )
    ).mappings()
    return [dict(r) for r in rows]


def sites_for_home(session: Session, country_key: str, region_key: str | None) -> str:
    """GeoJSON of the sites where persons from a country (and region) lie, with counts
    (summed from the counts kept per site and home, migration 0013)."""
    return session.execute(
        text(
            f"""
            SELECT json_build_object(
                'type', 'FeatureCollection',
                'features', COALESCE(json_agg(json_build_object(
                    'type', 'Feature',
                    'id', s.id,
                    'geometry', ST_AsGeoJSON(s.geom, 6)::json,
                    'properties', json_build_object(
                        'name', s.name, 'name_en', s.name_en, 'kind', s.kind,
                        'oblast', s.oblast, 'district', s.district,
                        'location_precision', s.location_precision,
                        'buried_total', s.buried_total, 'buried_known', s.buried_known,
                        'buried_unknown', s.buried_unknown,
                        'buried_as_written', s.buried_as_written,
                        'persons_from_home', c.persons,
                        'has_fictional_persons', c.fictional > 0,
                        'withdrawn', {SITE_WITHDRAWN_JSON})
                ) ORDER BY c.persons DESC, s.id), '[]'::json)
            )::text
            FROM (
                SELECT k.site_id, sum(k.persons) AS persons, sum(k.fictional) AS fictional
                FROM site_home_key_counts k
                WHERE k.home_country_key LIKE :country || '%'
                  AND (CAST(:region AS text) IS NULL OR k.home_region_key LIKE :region || '%')
                GROUP BY k.site_id
            ) c JOIN burial_sites s ON s.id = c.site_id
            """
        ),
        {"country": country_key, "region": region_key},
    ).scalar_one()
