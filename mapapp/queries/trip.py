"""Data for trips: the chosen sites, sites near a point, a start place by name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries.common import SITE_WITHDRAWN_JSON, district_matches

_STOP_COLUMNS = f"""
    s.id, s.name, s.name_en, s.kind, s.register_number, s.oblast, s.district, s.settlement,
    s.buried_total, s.buried_known, s.buried_unknown, s.buried_as_written,
    s.responsible_body, s.location_precision, s.location_note,
    (SELECT pl.gazetteer_place FROM site_placements pl WHERE pl.site_id = s.id)
        AS gazetteer_place,
    ST_Y(s.geom) AS lat, ST_X(s.geom) AS lon, {SITE_WITHDRAWN_JSON} AS withdrawn,
    COALESCE((SELECT c.persons_in_registry FROM site_counts c WHERE c.site_id = s.id), 0)
        AS persons_in_registry,
    COALESCE((SELECT c.fictional_persons FROM site_counts c WHERE c.site_id = s.id), 0) > 0
        AS has_fictional_persons
"""


# How many persons from the chosen home country/region (:country, :region area keys;
# either may be NULL) lie at site s.
_PERSONS_FROM_HOME = """
    (SELECT count(*) FROM burials b JOIN persons p ON p.id = b.person_id
     WHERE b.site_id = s.id AND p.withdrawn_at IS NULL
       AND (CAST(:country AS text) IS NULL OR p.home_country_key LIKE :country || '%')
       AND (CAST(:region AS text) IS NULL OR p.home_region_key LIKE :region || '%'))
    AS persons_from_home
"""


def _with_people_from_home(rows, filtered: bool) -> list[dict]:
    """Rows as dicts; with a home filter, only the sites where someone from there lies."""
    found = [dict(r) for r in rows]
    return [r for r in found if r["persons_from_home"]] if filtered else found


def stops_by_id(session: Session, ids: list[int]) -> dict[int, dict]:
    rows = session.execute(
        text(f"SELECT {_STOP_COLUMNS} FROM burial_sites s WHERE s.id = ANY(:ids)"),
        {"ids": ids},
    ).mappings()
    return {r["id"]: dict(r) for r in rows}


def sites_near(
    session: Session,
    lat: float,
    lon: float,
    km: float,
    country_key: str | None = None,
    region_key: str | None = None,
    limit: int = 200,
) -> list[dict]:
    """Sites within ``km`` of a point, nearest first, with how many persons from the
    chosen home country/region lie at each (all persons when none is chosen)."""
    rows = session.execute(
        text(
            f"""
            SELECT {_STOP_COLUMNS},
                   ST_Distance(s.geom::geography, o.g) / 1000.0 AS km,
                   {_PERSONS_FROM_HOME}
            FROM burial_sites s,
                 (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography AS g) o
            WHERE ST_DWithin(s.geom::geography, o.g, :metres)
            ORDER BY s.geom::geography <-> o.g
            LIMIT :limit
            """
        ),
        {
            "lat": lat,
            "lon": lon,
            "metres": km * 1000,
            "country": country_key,
            "region": region_key,
            "limit": limit,
        },
    ).mappings()
    return _with_people_from_home(rows, country_key or region_key)


def sites_in_district(
    session: Session,
    district_key: str,
    country_key: str | None = None,
    region_key: str | None = None,
    limit: int = 500,
) -> list[dict]:
    """Sites of a district (matched on its area key either way round), with counts."""
    rows = session.execute(
        text(
            f"""
            SELECT {_STOP_COLUMNS}, NULL::float8 AS km,
                   {_PERSONS_FROM_HOME}
            FROM burial_sites s
            WHERE {district_matches("s.district_key", "district")}
            ORDER BY s.name, s.id
            LIMIT :limit
            """
        ),
        {"district": district_key, "country": country_key, "region": region_key, "limit": limit},
    ).mappings()
    return _with_people_from_home(rows, country_key or region_key)


@dataclass(frozen=True)
class NearSearch:
    """Sites around a point within ``km``, or the sites of a district."""

    lat: float | None = None
    lon: float | None = None
    km: float | None = None
    district_key: str | None = None
    country_key: str | None = None
    region_key: str | None = None


def find_near(session: Session, search: NearSearch) -> list[dict]:
    if search.district_key:
        return sites_in_district(
            session, search.district_key, search.country_key, search.region_key
        )
    return sites_near(
        session, search.lat, search.lon, search.km, search.country_key, search.region_key
    )


def names_at(
    session: Session,
    site_id: int,
    country_key: str | None,
    region_key: str | None,
    limit: int | None = None,
) -> list[dict]:
    """The persons at a site, optionally only those from a home country/region; at most
    ``limit + 1`` of them when a limit is given (so the caller can tell "more")."""
    rows = session.execute(
        text(
            """
            SELECT p.id, p.surname, p.given_name, p.patronymic, p.birth_year, p.death_year,
                   p.death_month, p.death_day, p.rank, p.home_country, p.home_region,
                   p.is_fictional
            FROM burials b JOIN persons p ON p.id = b.person_id
            WHERE b.site_id = :site AND p.withdrawn_at IS NULL
              AND (CAST(:country AS text) IS NULL OR p.home_country_key LIKE :country || '%')
              AND (CAST(:region AS text) IS NULL OR p.home_region_key LIKE :region || '%')
            ORDER BY p.surname, p.given_name NULLS LAST, p.id
            LIMIT :limit
            """
        ),
        {
            "site": site_id,
            "country": country_key,
            "region": region_key,
            "limit": None if limit is None else limit + 1,
        },
    ).mappings()
    return [dict(r) for r in rows]


def count_names_at(
    session: Session, site_id: int, country_key: str | None, region_key: str | None
) -> int:
    return session.execute(
        text(
            """
            SELECT count(*) FROM burials b JOIN persons p ON p.id = b.person_id
            WHERE b.site_id = :site AND p.withdrawn_at IS NULL
              AND (CAST(:country AS text) IS NULL OR p.home_country_key LIKE :country || '%')
              AND (CAST(:region AS text) IS NULL OR p.home_region_key LIKE :region || '%')
            """
        ),
        {"site": site_id, "country": country_key, "region": region_key},
    ).scalar_one()


def settlement_point(session: Session, key: str) -> list[dict]:
    """Settlements (with a known point) whose name has this search key."""
    rows = session.execute(
        text(
            """
            SELECT DISTINCT t.id, t.name, t.name_en, ST_Y(t.geom) AS lat, ST_X(t.geom) AS lon
            FROM place_names n JOIN settlements t ON t.id = n.place_id
            WHERE n.place_type = 'settlement' AND n.key = :key AND t.geom IS NOT NULL
            """
        ),
        {"key": key},
    ).mappings()
    return [dict(r) for r in rows]
