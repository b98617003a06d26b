"""One person in full, with where they lie."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries import honours
from mapapp.queries.common import person_summary, sources_for, withdrawn_mark
from mapapp.queries.fate_as_written import person_fate_as_written
from mapapp.queries.person_duplicates import possibly_the_same_as

# The records a person's page (and its JSON) names as possibly the same man; the rest are
# on pages of their own.
POSSIBLE_DUPLICATES_SHOWN = 20


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
    # The register's words for the fate, where they say more than its label.
    person["fate_as_written"] = person_fate_as_written(session, person_id, row["fate"])
    for column in ("withdrawn_at", "withdrawn_reason", "withdrawn_by"):
        del person[column]
    burials = session.execute(
        text(
            """
            SELECT s.id AS site_id, s.name AS site_name, s.name_en AS site_name_en,
                   s.kind AS site_kind, s.oblast, s.district, s.location_precision,
                   b.original_burial_place, b.reburied_from, b.reburial_date, b.plot, b.row,
                   b.grave, b.on_plaque
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
    total, others = possibly_the_same_as(session, person_id, limit=POSSIBLE_DUPLICATES_SHOWN)
    person["possible_duplicates"] = others
    person["possible_duplicates_total"] = total
    return person
