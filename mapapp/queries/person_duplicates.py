"""Person records listed for review as possibly one man (importers.person_duplicates
pairs them): for the person page, its JSON and the command line.

A pair was listed because its two records had the same name, dates and grave when an
import met them. Corrections can change that since, so both lists read the records as
they are now: the person page names only the records that still share all three, and the
command line marks a pair that no longer does.
"""

from __future__ import annotations

from sqlalchemy import text

from mapapp.importers.person_duplicates import POSSIBLE_DUPLICATE_REASON, linked_by_pairs
from mapapp.queries.common import full_name, person_summary
from mapapp.text.dates import format_partial_date

# Whether the records aliased {a} and {b} still share the name, the dates and a grave.
_SAME_NAME = "{a}.search_key = {b}.search_key"
_SAME_DATES = (
    "({a}.birth_year, {a}.birth_month, {a}.birth_day, {a}.death_year, {a}.death_month, "
    "{a}.death_day) IS NOT DISTINCT FROM ({b}.birth_year, {b}.birth_month, {b}.birth_day, "
    "{b}.death_year, {b}.death_month, {b}.death_day)"
)
_SAME_GRAVE = (
    "EXISTS (SELECT 1 FROM burials x JOIN burials y ON y.site_id = x.site_id "
    "AND coalesce(y.grave, '') = coalesce(x.grave, '') "
    "WHERE x.person_id = {a}.id AND y.person_id = {b}.id)"
)


def _still_same(a: str, b: str) -> str:
    return " AND ".join(c.format(a=a, b=b) for c in (_SAME_NAME, _SAME_DATES, _SAME_GRAVE))


# The records a person's pairs link to, directly or through other records: a group's
# records are linked by a few pairs each (not every two of them), and one of the records
# between may have been corrected since.
_STILL_THE_SAME_AS = f"""
    WITH RECURSIVE {linked_by_pairs("SELECT CAST(:id AS integer), 0")}
    SELECT p.id FROM linked l JOIN persons p ON p.id = l.id JOIN persons me ON me.id = :id
    WHERE p.id <> me.id AND {_still_same("me", "p")}
    ORDER BY p.id
"""


def possibly_the_same_as(session, person_id: int, limit: int, offset: int = 0):
    """The other records that may be this man (same name, dates and grave now), by id:
    (how many there are, the ``limit`` from ``offset``)."""
    ids = session.execute(text(_STILL_THE_SAME_AS), {"id": person_id}).scalars().all()
    shown = ids[offset : offset + limit]
    if not shown:
        return len(ids), []
    rows = session.execute(
        text(
            """
            SELECT p.id, p.surname, p.given_name, p.patronymic, p.birth_year, p.birth_month,
                   p.birth_day, p.death_year, p.death_month, p.death_day, p.fate, p.rank,
                   p.birthplace, p.record_id, p.is_fictional, :reason AS reason
            FROM persons p WHERE p.id = ANY(:ids) ORDER BY p.id
            """
        ),
        {"ids": list(shown), "reason": POSSIBLE_DUPLICATE_REASON},
    )
    return len(ids), [person_summary(r) for r in rows.mappings()]


def person_named(session, person_id: int) -> dict | None:
    """A person's id and name, for the heading of the list of records like theirs."""
    row = (
        session.execute(
            text(
                "SELECT id, surname, given_name, patronymic, is_fictional FROM persons "
                "WHERE id = :id"
            ),
            {"id": person_id},
        )
        .mappings()
        .one_or_none()
    )
    return None if row is None else {**row, "full_name": full_name(row)}


def possible_duplicate_pairs(conn, batch_id: int | None = None, offset: int = 0, limit: int = 1000):
    """Pairs of records listed for review, oldest first (``mapapp duplicates list``):
    (how many there are, the ``limit`` from ``offset``), each with both records' names
    as recorded, and whether they still share the name, the dates and a grave."""
    where = "CAST(:batch AS integer) IS NULL OR d.import_batch_id = :batch"
    params = {"batch": batch_id, "offset": offset, "limit": limit}
    total = conn.execute(
        text(f"SELECT count(*) FROM possible_duplicates d WHERE {where}"), params
    ).scalar_one()
    rows = conn.execute(
        text(
            f"""
            SELECT d.person_id, d.other_person_id, d.reason, d.import_batch_id,
                   {_side("a", "")}, {_side("b", "other_")},
                   s.name AS site_name, g.grave,
                   {_SAME_NAME.format(a="a", b="b")} AS same_name,
                   {_SAME_DATES.format(a="a", b="b")} AS same_dates,
                   {_SAME_GRAVE.format(a="a", b="b")} AS same_grave
            FROM possible_duplicates d
            JOIN persons a ON a.id = d.person_id
            JOIN persons b ON b.id = d.other_person_id
            LEFT JOIN LATERAL (
                SELECT site_id, grave FROM burials WHERE person_id = a.id ORDER BY id LIMIT 1
            ) g ON true
            LEFT JOIN burial_sites s ON s.id = g.site_id
            WHERE {where}
            ORDER BY d.person_id, d.other_person_id
            OFFSET :offset LIMIT :limit
            """
        ),
        params,
    )
    return total, [_with_dates(dict(row)) for row in rows.mappings()]


_DATE_COLUMNS = ("birth_year", "birth_month", "birth_day", "death_year", "death_month", "death_day")


def _side(alias: str, prefix: str) -> str:
    """One record's columns of a pair: its name as recorded, record id, whether it is
    fictional (demonstration data) and its dates."""
    name = f"concat_ws(' ', {alias}.surname, {alias}.given_name, {alias}.patronymic)"
    columns = [f"{name} AS {prefix}name", f"{alias}.record_id AS {prefix}record_id"]
    columns.append(f"{alias}.is_fictional AS {prefix}is_fictional")
    columns += [f"{alias}.{c} AS {prefix}{c}" for c in _DATE_COLUMNS]
    return ", ".join(columns)


def _with_dates(pair: dict) -> dict:
    for prefix in ("", "other_"):
        for event in ("birth", "death"):
            pair[f"{prefix}{event}_date"] = format_partial_date(
                *(pair.pop(f"{prefix}{event}_{part}") for part in ("year", "month", "day"))
            )
    return pair


def no_longer_same(pair: dict) -> list[str]:
    """What a pair's records no longer share (empty while they are still alike)."""
    return [
        what
        for what, same in (
            ("name", pair["same_name"]),
            ("dates", pair["same_dates"]),
            ("grave", pair["same_grave"]),
        )
        if not same
    ]
