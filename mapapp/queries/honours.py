"""Heroes of the Soviet Union and partisan formations: lists, a detachment, a person's
awards and formation, and the map layers of Heroes' graves and formations' areas."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries.common import full_name, person_summary
from mapapp.text.dates import format_partial_date

# A Hero: flagged so, or holding the title among the awards (both read from their
# partial indexes, never by scanning every person); a withdrawn record is not listed.
IS_HERO = (
    "p.withdrawn_at IS NULL AND p.id IN (SELECT id FROM persons WHERE is_hero "
    "UNION SELECT person_id FROM awards WHERE is_hero_title)"
)


@dataclass(frozen=True)
class HeroFilters:
    """Home country/region (area keys, prefix-matched) and the burial oblast."""

    country: str | None = None
    region: str | None = None
    burial_oblast: str | None = None


def _date(row: dict, prefix: str = "date") -> str | None:
    return format_partial_date(
        row.pop(f"{prefix}_year"), row.pop(f"{prefix}_month"), row.pop(f"{prefix}_day")
    )


def heroes(session: Session, filters: HeroFilters) -> dict:
    """Every Hero with the first title's decree date and feat, home region and grave."""
    rows = session.execute(
        text(
            f"""
            SELECT p.id, p.surname, p.given_name, p.patronymic, p.home_country,
                   p.home_region, p.is_fictional,
                   a.date_year, a.date_month, a.date_day, a.feat, a.titles,
                   s.id AS site_id, s.name AS site_name, s.oblast AS site_oblast
            FROM persons p
            LEFT JOIN LATERAL (
                SELECT h.date_year, h.date_month, h.date_day,
                       (SELECT f.feat FROM awards f WHERE f.person_id = p.id AND f.feat
                        IS NOT NULL ORDER BY f.is_hero_title DESC, f.position LIMIT 1) AS feat,
                       (SELECT count(*) FROM awards c WHERE c.person_id = p.id
                        AND c.is_hero_title) AS titles
                FROM awards h WHERE h.person_id = p.id AND h.is_hero_title
                ORDER BY h.position LIMIT 1
            ) a ON true
            LEFT JOIN LATERAL (
                SELECT s.id, s.name, s.oblast FROM burials b
                JOIN burial_sites s ON s.id = b.site_id
                WHERE b.person_id = p.id ORDER BY b.id LIMIT 1
            ) s ON true
            WHERE {IS_HERO}
              AND (CAST(:country AS text) IS NULL OR p.home_country_key LIKE :country || '%')
              AND (CAST(:region AS text) IS NULL OR p.home_region_key LIKE :region || '%')
              AND (CAST(:oblast AS text) IS NULL OR s.oblast = :oblast)
            ORDER BY p.surname, p.given_name NULLS FIRST, p.id
            """
        ),
        {"country": filters.country, "region": filters.region, "oblast": filters.burial_oblast},
    ).mappings()
    items = []
    for row in rows:
        row = dict(row)
        site_id, site_name = row.pop("site_id"), row.pop("site_name")
        item = {
            "id": row["id"],
            "full_name": full_name(row),
            "award_date": _date(row),
            "feat": row["feat"],
            "titles": row["titles"] or 1,
            "home_country": row["home_country"],
            "home_region": row["home_region"],
            "site": {"id": site_id, "name": site_name} if site_id is not None else None,
            "site_oblast": row["site_oblast"],
            "is_fictional": row["is_fictional"],
        }
        items.append(item)
    return {"total": len(items), "items": items}


def person_awards(session: Session, person_id: int) -> list[dict]:
    rows = session.execute(
        text(
            """
            SELECT a.title, a.is_hero_title, a.date_year, a.date_month, a.date_day, a.feat,
                   src.citation AS source, src.url AS source_url
            FROM awards a LEFT JOIN sources src ON src.id = a.source_id
            WHERE a.person_id = :id ORDER BY a.position
            """
        ),
        {"id": person_id},
    ).mappings()
    out = []
    for row in rows:
        row = dict(row)
        row["date"] = _date(row)
        out.append(row)
    return out


def person_unit(session: Session, person_id: int) -> dict | None:
    """The formation of a person: the detachment and its brigade, or the brigade alone."""
    row = (
        session.execute(
            text(
                """
                SELECT u.id, u.kind, u.name, u.is_fictional,
                       b.id AS brigade_id, b.name AS brigade_name
                FROM partisan_memberships m JOIN partisan_units u ON u.id = m.unit_id
                LEFT JOIN partisan_units b ON b.id = u.brigade_id
                WHERE m.person_id = :id ORDER BY u.kind = 'detachment' DESC, u.id LIMIT 1
                """
            ),
            {"id": person_id},
        )
        .mappings()
        .one_or_none()
    )
    if row is None:
        return None
    row = dict(row)
    if row["kind"] == "brigade":
        brigade = {"id": row["id"], "name": row["name"]}
        return {"id": row["id"], "kind": "brigade", "name": row["name"], "brigade": brigade,
                "is_fictional": row["is_fictional"]}  # fmt: skip
    brigade = {"id": row["brigade_id"], "name": row["brigade_name"]} if row["brigade_id"] else None
    return {"id": row["id"], "kind": "detachment", "name": row["name"], "brigade": brigade,
            "is_fictional": row["is_fictional"]}  # fmt: skip


def _unit_rows(where: str = "") -> str:
    """Formations (those ``where`` keeps) with their member counts and nationalities. The
    memberships of those formations are grouped once: a count per formation that read
    every membership again took 24 s for 1,468 formations and 200,000 members."""
    return f"""
    WITH scope AS (SELECT * FROM partisan_units u {where}),
    by_nationality AS (
        SELECT m.unit_id, lower(p.nationality) AS n, count(*) AS c
        FROM partisan_memberships m JOIN persons p ON p.id = m.person_id
        WHERE m.unit_id IN (SELECT id FROM scope)
        GROUP BY 1, 2
    ),
    per_unit AS (
        SELECT unit_id, sum(c)::bigint AS members,
               jsonb_object_agg(n, c) FILTER (WHERE n <> '') AS nationalities
        FROM by_nationality GROUP BY unit_id
    )
    SELECT u.id, u.kind, u.name, u.area, u.note, u.is_fictional, u.brigade_id,
           b.name AS brigade_name, src.citation AS source, src.url AS source_url,
           coalesce(pu.members, 0) AS members,
           coalesce(pu.nationalities, '{{}}'::jsonb) AS nationalities,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('district', a.district,
                    'oblast', a.oblast, 'on_map', a.geom IS NOT NULL) ORDER BY a.id), '[]')
            FROM partisan_unit_areas a WHERE a.unit_id = u.id) AS districts
    FROM scope u
    LEFT JOIN per_unit pu ON pu.unit_id = u.id
    LEFT JOIN partisan_units b ON b.id = u.brigade_id
    LEFT JOIN sources src ON src.id = u.source_id
"""


def _unit(row) -> dict:
    item = dict(row)
    item["brigade"] = item.pop("brigade_name")
    # Members whose nationality is not recorded count in "members" only.
    return item


def partisan_units(session: Session) -> dict:
    """Every formation (brigades and detachments) with members and nationalities."""
    rows = session.execute(text(_unit_rows() + " ORDER BY u.is_fictional, u.name, u.id"))
    return {"items": [_unit(r) for r in rows.mappings()]}


def brigades_with_detachments(session: Session) -> list[dict]:
    """Brigades, each with its detachments; members and nationalities summed per brigade."""
    units = partisan_units(session)["items"]
    brigades = [dict(u, detachments=[]) for u in units if u["kind"] == "brigade"]
    by_id = {b["id"]: b for b in brigades}
    orphans = []
    for unit in units:
        if unit["kind"] == "detachment":
            (by_id[unit["brigade_id"]]["detachments"] if unit["brigade_id"] else orphans).append(
                unit
            )
    for brigade in brigades:
        total = dict(brigade["nationalities"])
        for d in brigade["detachments"]:
            for name, count in d["nationalities"].items():
                total[name] = total.get(name, 0) + count
        brigade["all_members"] = sum(total.values())
        brigade["all_nationalities"] = dict(sorted(total.items(), key=lambda kv: -kv[1]))
    if orphans:
        brigades.append({"id": None, "name": None, "detachments": orphans, "all_members": 0,
                         "all_nationalities": {}, "is_fictional": False})  # fmt: skip
    return brigades


def partisan_unit(session: Session, unit_id: int) -> dict | None:
    """A formation with its detachments; its members are read a page at a time
    (unit_members, count_unit_members)."""
    row = session.execute(text(_unit_rows("WHERE u.id = :id")), {"id": unit_id}).mappings()
    row = row.one_or_none()
    if row is None:
        return None
    unit = _unit(row)
    unit["detachments"] = [
        dict(r)
        for r in session.execute(
            text(
                "SELECT id, name, is_fictional FROM partisan_units WHERE brigade_id = :id "
                "ORDER BY name, id"
            ),
            {"id": unit_id},
        ).mappings()
    ]
    return unit


# A brigade's members are its own and those of its detachments, each person once. The
# formations are read first and given as values: planned with a subquery instead, a
# detachment of 44 members was looked for by walking all persons in name order (3.4 s).
_MEMBERSHIPS = """
    FROM persons p WHERE p.id IN (
        SELECT m.person_id FROM partisan_memberships m WHERE m.unit_id = ANY(:units))
"""


def formation_ids(unit: dict) -> list[int]:
    """A formation and its detachments (partisan_unit reads them): whose members it lists."""
    return [unit["id"], *(d["id"] for d in unit["detachments"])]


def count_unit_members(session: Session, units: list[int]) -> int:
    # Counted on the memberships alone: each names a stored person (its foreign key), and
    # reading the persons themselves took most of a big brigade's page.
    return session.execute(
        text(
            "SELECT count(DISTINCT person_id) FROM partisan_memberships WHERE unit_id = ANY(:units)"
        ),
        {"units": units},
    ).scalar_one()


def unit_members(session: Session, units: list[int], limit: int, offset: int = 0) -> list[dict]:
    """A formation's members by name, with where each lies; ``limit`` of them from
    ``offset`` (the burial is looked up for those rows only)."""
    members = session.execute(
        text(
            f"""
            WITH listed AS (
                SELECT p.id, p.surname, p.given_name, p.patronymic, p.birth_year,
                       p.birth_month, p.birth_day, p.death_year, p.death_month, p.death_day,
                       p.fate, p.nationality, p.is_fictional
                {_MEMBERSHIPS}
                ORDER BY p.surname, p.given_name NULLS FIRST, p.id
                LIMIT :limit OFFSET :offset
            )
            SELECT l.*, s.id AS site_id, s.name AS site_name, s.oblast AS site_oblast
            FROM listed l
            LEFT JOIN LATERAL (
                SELECT s.id, s.name, s.oblast FROM burials b
                JOIN burial_sites s ON s.id = b.site_id
                WHERE b.person_id = l.id ORDER BY b.id LIMIT 1
            ) s ON true
            ORDER BY l.surname, l.given_name NULLS FIRST, l.id
            """
        ),
        {"units": units, "limit": limit, "offset": offset},
    ).mappings()
    return [person_summary(m) for m in members]


def hero_graves_geojson(session: Session) -> str:
    """Sites where a Hero lies: one point each, with how many Heroes and whether fictional."""
    return session.execute(
        text(
            f"""
            SELECT json_build_object('type', 'FeatureCollection', 'features',
                   coalesce(json_agg(f ORDER BY f->>'id'), '[]'::json))::text
            FROM (
                SELECT json_build_object(
                    'type', 'Feature', 'id', s.id,
                    'geometry', ST_AsGeoJSON(s.geom)::json,
                    'properties', json_build_object(
                        'name', s.name, 'name_en', s.name_en, 'heroes', count(*),
                        'names', json_agg(
                            concat_ws(' ', p.surname, p.given_name, p.patronymic)
                            ORDER BY p.surname),
                        'fictional', bool_or(p.is_fictional))) AS f
                FROM persons p JOIN burials b ON b.person_id = p.id
                JOIN burial_sites s ON s.id = b.site_id
                WHERE {IS_HERO}
                GROUP BY s.id
            ) t
            """
        )
    ).scalar_one()


def formation_areas_geojson(session: Session) -> str:
    """District points of formations' areas (only where a point is known)."""
    return session.execute(
        text(
            """
            SELECT json_build_object('type', 'FeatureCollection', 'features',
                   coalesce(json_agg(f ORDER BY (f->>'id')::int), '[]'::json))::text
            FROM (
                SELECT json_build_object(
                    'type', 'Feature', 'id', a.id,
                    'geometry', ST_AsGeoJSON(a.geom)::json,
                    'properties', json_build_object(
                        'unit_id', u.id, 'name', u.name, 'kind', u.kind,
                        'district', a.district, 'note', a.location_note,
                        'fictional', u.is_fictional)) AS f
                FROM partisan_unit_areas a JOIN partisan_units u ON u.id = a.unit_id
                WHERE a.geom IS NOT NULL
            ) t
            """
        )
    ).scalar_one()
