"""Burial sites: collections for the map, one site in full, its persons."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.db import TEXT_AS_BYTES
from mapapp.queries.common import (
    SITE_WITHDRAWN_JSON,
    BBox,
    Page,
    bbox_condition,
    bbox_params,
    full_name,
    person_summary,
    sources_for,
    withdrawn_mark,
)
from mapapp.queries.site_duplicates import possible_duplicates_of_site

_SITE_PROPERTIES = (
    """
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
    'persons_in_registry', COALESCE(c.persons_in_registry, 0),
    'has_fictional_persons', COALESCE(c.fictional_persons, 0) > 0,
    'withdrawn', """
    + SITE_WITHDRAWN_JSON
)


def count_sites(session: Session, bbox: BBox | None = None, kind: str | None = None) -> int:
    """How many sites lie inside ``bbox`` (of ``kind``)."""
    return session.execute(
        text(
            f"""
            SELECT count(*) FROM burial_sites s
            WHERE {bbox_condition("s")} AND (CAST(:kind AS text) IS NULL OR s.kind = :kind)
            """
        ),
        {**bbox_params(bbox), "kind": kind},
    ).scalar_one()


def sites_geojson(
    session: Session,
    bbox: BBox | None = None,
    kind: str | None = None,
    limit: int = 20000,
    total: int | None = None,
) -> bytes:
    """A GeoJSON FeatureCollection of sites inside ``bbox`` (lon/lat), as UTF-8 bytes. Beside the
    features it says how many sites matched (``total``, counted here unless given) and
    whether the answer stops at ``limit`` (``truncated``); it is never ``aggregated``.

    The features are the finished texts the database keeps per site (migration 0011), joined
    as they are; the envelope is written here in json_build_object's own layout, so that
    the answer is the same text PostgreSQL would build."""
    params = {**bbox_params(bbox), "kind": kind, "limit": limit, "total": total}
    total, features = session.execute(
        text(
            f"""
            WITH matching AS MATERIALIZED (
                SELECT f.site_id, f.feature FROM site_map_features f
                WHERE {bbox_condition("f")}
                  AND (CAST(:kind AS text) IS NULL OR f.kind = :kind)
            )
            SELECT COALESCE(CAST(:total AS integer), (SELECT count(*) FROM matching)),
                   (SELECT string_agg(m.feature, ', ' ORDER BY m.site_id)
                    FROM (SELECT * FROM matching ORDER BY site_id LIMIT :limit) m)
            """
        ),
        params,
        execution_options={TEXT_AS_BYTES: True},
    ).one()
    truncated = "true" if total > limit else "false"
    head = (
        f'{{"type" : "FeatureCollection", "aggregated" : false, "total" : {int(total)}, '
        f'"limit" : {int(limit)}, "truncated" : {truncated}, "features" : ['
    )
    return b"".join((head.encode(), features or b"", b"]}"))


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
                'gazetteer_place', pl.gazetteer_place,
                'source_note', s.source_note,
                'sources', (
                    SELECT COALESCE(json_agg(json_build_object(
                        'citation', src.citation, 'url', src.url) ORDER BY src.id), '[]'::json)
                    FROM site_sources ss JOIN sources src ON src.id = ss.source_id
                    WHERE ss.site_id = s.id),
                'possible_duplicates', (
                    SELECT COALESCE(json_agg(json_build_object(
                        'id', o.id, 'name', o.name, 'kind', o.kind,
                        'register_number', o.register_number, 'metres', d.metres,
                        'same_name', d.same_name) ORDER BY d.metres, o.id), '[]'::json)
                    FROM possible_duplicate_sites d
                    JOIN burial_sites o ON o.id = CASE WHEN d.site_id = s.id
                                                       THEN d.other_site_id ELSE d.site_id END
                    WHERE d.site_id = s.id OR d.other_site_id = s.id)
            )
        )::text
        FROM burial_sites s LEFT JOIN site_counts c ON c.site_id = s.id
        LEFT JOIN site_placements pl ON pl.site_id = s.id
        WHERE s.id = :id
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
                       COALESCE(c.persons_in_registry, 0) AS persons_in_registry,
                       COALESCE(c.fictional_persons, 0) AS fictional_persons,
                       pl.gazetteer_place
                FROM burial_sites s LEFT JOIN site_counts c ON c.site_id = s.id
                LEFT JOIN site_placements pl ON pl.site_id = s.id
                WHERE s.id = :id
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
    site["withdrawn"] = withdrawn_mark(row)
    site["possible_duplicates"] = possible_duplicates_of_site(session, site_id)
    return site


def withdrawn_persons(session: Session, site_id: int, limit: int = 500) -> list[dict]:
    """The persons of a site whose records were withdrawn: left out of its list and its
    counts, still reachable from the site page (found through their partial index)."""
    rows = session.execute(
        text(
            """
            SELECT p.id, p.surname, p.given_name, p.patronymic, p.withdrawn_at,
                   p.withdrawn_reason
            FROM persons p JOIN burials b ON b.person_id = p.id
            WHERE p.withdrawn_at IS NOT NULL AND b.site_id = :site
            ORDER BY p.surname, p.given_name NULLS LAST, p.id
            LIMIT :limit
            """
        ),
        {"site": site_id, "limit": limit},
    ).mappings()
    return [
        {
            "id": r["id"],
            "full_name": full_name(r),
            "withdrawn_at": r["withdrawn_at"],
            "reason": r["withdrawn_reason"],
        }
        for r in rows
    ]


# The name order as ``PERSON_NAME_ORDER`` indexes it: the same order as
# "surname, given_name NULLS LAST, patronymic NULLS LAST, id", in a form the index serves.
_NAME_KEY_PARTS = (
    "p.surname",
    "(p.given_name IS NULL)",
    "COALESCE(p.given_name, '')",
    "(p.patronymic IS NULL)",
    "COALESCE(p.patronymic, '')",
    "p.id",
)
_NAME_KEY = ", ".join(_NAME_KEY_PARTS)
# The same order in the kept table of migration 0012, column for column.
_KEPT_NAME_KEY = (
    "o.site_id, o.withdrawn, o.surname, o.given_missing, o.given_name, o.patronymic_missing, "
    "o.patronymic, o.person_id, o.burial_id"
)

# Whitelisted sort orders for a site's list of persons: name -> ORDER BY clause.
PERSON_SORTS = {
    "name": _NAME_KEY,
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

# Sorts whose every key runs in one direction, so that a page can start right after (or
# end right before) a given person by a row comparison an index serves (keyset pages).
KEYSET_SORTS = {"name": _NAME_KEY_PARTS}

_PERSON_COLUMNS = """
    p.id, p.surname, p.given_name, p.patronymic,
    p.birth_year, p.birth_month, p.birth_day,
    p.death_year, p.death_month, p.death_day,
    p.rank, p.fate, p.home_country, p.home_region, p.home_district,
    p.birthplace, p.is_hero, p.is_partisan, p.is_fictional,
    b.plot, b.row, b.grave, b.on_plaque, b.original_burial_place,
    b.reburied_from, b.reburial_date
"""


@dataclass(frozen=True)
class Cursor:
    """Where a keyset page starts: right after, or right before, one person of the site."""

    person_id: int
    before: bool = False


def persons_in_registry(session: Session, site_id: int) -> int:
    return session.execute(
        text("SELECT COALESCE(max(persons_in_registry), 0) FROM site_counts WHERE site_id = :id"),
        {"id": site_id},
    ).scalar_one()


def person_is_at_site(session: Session, site_id: int, person_id: int) -> bool:
    return (
        session.execute(
            text("SELECT 1 FROM burials WHERE site_id = :site AND person_id = :person"),
            {"site": site_id, "person": person_id},
        ).first()
        is not None
    )


def site_persons(
    session: Session,
    site_id: int,
    page: int = 1,
    per_page: int = 50,
    sort: str = "name",
    cursor: Cursor | None = None,
) -> Page:
    """The persons buried at a site, one page of them, in a whitelisted order.

    With a ``cursor`` (only for ``KEYSET_SORTS``) the page is read from the index right
    after or before that person, however deep it is; ``page`` is then only its label."""
    total = persons_in_registry(session, site_id)
    params = {"id": site_id, "limit": per_page}
    if cursor is not None and sort in KEYSET_SORTS:
        parts = KEYSET_SORTS[sort]
        key = ", ".join(parts)
        descending = ", ".join(f"{part} DESC" for part in parts)
        params["cursor"] = cursor.person_id
        sql = f"""
            SELECT {_PERSON_COLUMNS}
            FROM burials b JOIN persons p ON p.id = b.person_id
            WHERE b.site_id = :id AND p.withdrawn_at IS NULL
              AND ({key}) {"<" if cursor.before else ">"}
                  (SELECT {key} FROM persons p WHERE p.id = :cursor)
            ORDER BY {descending if cursor.before else key}
            LIMIT :limit
        """
    elif sort == "name":
        # The page's burials found by walking the kept name order's index (migration
        # 0012): a deep page skips index entries only, never sorts the whole site.
        params["offset"] = (page - 1) * per_page
        sql = f"""
            SELECT {_PERSON_COLUMNS}
            FROM (
                SELECT o.burial_id FROM site_name_order o
                WHERE o.site_id = :id AND NOT o.withdrawn
                ORDER BY {_KEPT_NAME_KEY}
                LIMIT :limit OFFSET :offset
            ) page
            JOIN burials b ON b.id = page.burial_id JOIN persons p ON p.id = b.person_id
            ORDER BY {_NAME_KEY}
        """
    else:
        params["offset"] = (page - 1) * per_page
        sql = f"""
            SELECT {_PERSON_COLUMNS}
            FROM burials b JOIN persons p ON p.id = b.person_id
            WHERE b.site_id = :id AND p.withdrawn_at IS NULL
            ORDER BY {PERSON_SORTS[sort]}
            LIMIT :limit OFFSET :offset
        """
    items = [person_summary(r) for r in session.execute(text(sql), params).mappings()]
    if cursor is not None and cursor.before:
        items.reverse()
    keyset = sort in KEYSET_SORTS and bool(items)
    return Page(
        total=total,
        items=items,
        page=page,
        per_page=per_page,
        next_after=items[-1]["id"] if keyset and page * per_page < total else None,
        prev_before=items[0]["id"] if keyset and page > 1 else None,
    )


def site_exists(session: Session, site_id: int) -> bool:
    return (
        session.execute(text("SELECT 1 FROM burial_sites WHERE id = :id"), {"id": site_id}).first()
        is not None
    )


def name_page_edges(session: Session, site_id: int, per_page: int) -> list[tuple[int, int]]:
    """(first, last) person id of every page of a site's persons in name order: the keys
    the pager's keyset links carry, read without fetching the pages themselves."""
    rows = session.execute(
        text(
            f"""
            SELECT id, rn FROM (
                SELECT p.id, row_number() OVER (ORDER BY {_NAME_KEY}) AS rn
                FROM burials b JOIN persons p ON p.id = b.person_id
                WHERE b.site_id = :site AND p.withdrawn_at IS NULL
            ) ordered
            WHERE (rn - 1) % :per = 0 OR rn % :per = 0
            ORDER BY rn
            """
        ),
        {"site": site_id, "per": per_page},
    ).all()
    firsts = [person for person, rn in rows if (rn - 1) % per_page == 0]
    lasts = [person for person, rn in rows if rn % per_page == 0]
    if rows and rows[-1][1] % per_page != 0:
        lasts.append(rows[-1][0])  # the last page is short
    return list(zip(firsts, lasts, strict=True))
