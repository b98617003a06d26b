"""One person in full, with where they lie."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries import honours
from mapapp.queries.common import person_summary, sources_for, withdrawn_mark
from mapapp.text.dates import format_partial_date


def person_detail(session: Session, person_id: int) -> dict | None:
    row = (
        session.execute(
            text(
                """
                SELECT p.id, p.surname, p.given_name, p.patronymic, p.name_variants,
                       p.birth_year, p.birth_month, p.birth_day,
                       p.death_year, p.death_month, p.death_day,
                       p.birthplace, p.home_country, p.home_region, p.home_district,
                       p.callup_place, p.rank, p.fate, p.nationality,
                       p.is_hero, p.is_partisan, p.biography, p.is_fictional,
                       p.record_id, p.record_source,
                       p.withdrawn_at, p.withdrawn_reason, p.withdrawn_by,
                       u.name AS unit, u.kind AS unit_kind
                FROM persons p LEFT JOIN units u ON u.id = p.unit_id
                WHERE p.id = :id
                """
            ),
            {"id": person_id},
        )
        .mappings()
        .one_or_none()
    )
    if row is None:
        return None
    person = person_summary(row)
    person["withdrawn"] = withdrawn_mark(row)
    for column in ("withdrawn_at", "withdrawn_reason", "withdrawn_by"):
        del person[column]
    burials = session.execute(
        text(
            """
            SELECT s.id AS site_id, s.name AS site_name, s.name_en AS site_name_en,
                   s.kind AS site_kind, s.oblast, s.district, s.location_precision,
                   b.original_burial_place, b.reburial_date, b.plot, b.row, b.grave,
                   b.on_plaque
            FROM burials b JOIN burial_sites s ON s.id = b.site_id
            WHERE b.person_id = :id ORDER BY b.id
            """
        ),
        {"id": person_id},
    )
    person["burials"] = [dict(r) for r in burials.mappings()]
    person["sources"] = sources_for(session, "person_sources", "person_id", person_id)
    person["awards"] = honours.person_awards(session, person_id)
    person["partisan_unit"] = honours.person_unit(session, person_id)
    person["possible_duplicates"] = possible_duplicates_of(session, person_id)
    return person


def possible_duplicates_of(session, person_id: int) -> list[dict]:
    """Other records that may be the same man (same name, dates and grave), for review."""
    rows = session.execute(
        text(
            """
            SELECT p.id, p.surname, p.given_name, p.patronymic, p.birth_year, p.birth_month,
                   p.birth_day, p.death_year, p.death_month, p.death_day, p.rank,
                   p.birthplace, p.record_id, d.reason
            FROM possible_duplicates d
            JOIN persons p ON p.id = CASE WHEN d.person_id = :id
                                          THEN d.other_person_id ELSE d.person_id END
            WHERE d.person_id = :id OR d.other_person_id = :id
            ORDER BY p.id
            """
        ),
        {"id": person_id},
    )
    return [person_summary(r) for r in rows.mappings()]


def possible_duplicate_pairs(conn, batch_id: int | None = None, limit: int = 1000) -> list[dict]:
    """Pairs of records listed for review, oldest first (``mapapp duplicates list``)."""
    rows = conn.execute(
        text(
            """
            SELECT d.person_id, d.other_person_id, d.reason, d.import_batch_id,
                   concat_ws(' ', a.surname, a.given_name, a.patronymic) AS name,
                   a.birth_year, a.birth_month, a.birth_day,
                   a.death_year, a.death_month, a.death_day,
                   a.record_id, b.record_id AS other_record_id,
                   s.name AS site_name, g.grave
            FROM possible_duplicates d
            JOIN persons a ON a.id = d.person_id
            JOIN persons b ON b.id = d.other_person_id
            LEFT JOIN LATERAL (
                SELECT site_id, grave FROM burials WHERE person_id = a.id ORDER BY id LIMIT 1
            ) g ON true
            LEFT JOIN burial_sites s ON s.id = g.site_id
            WHERE CAST(:batch AS integer) IS NULL OR d.import_batch_id = :batch
            ORDER BY d.person_id, d.other_person_id
            LIMIT :limit
            """
        ),
        {"batch": batch_id, "limit": limit},
    )
    pairs = []
    for row in rows.mappings():
        item = dict(row)
        item["birth_date"] = format_partial_date(
            item.pop("birth_year"), item.pop("birth_month"), item.pop("birth_day")
        )
        item["death_date"] = format_partial_date(
            item.pop("death_year"), item.pop("death_month"), item.pop("death_day")
        )
        pairs.append(item)
    return pairs
