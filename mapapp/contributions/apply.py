"""What approving each kind of contribution changes, inside the moderator's transaction."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.contributions.fields import HOME_FIELDS, NAME_FIELDS, PERSON_FIELDS, SITE_FIELDS
from mapapp.contributions.outbox import queue_condition_report
from mapapp.contributions.seen import refuse_if_changed
from mapapp.contributions.submission import lock_target
from mapapp.errors import N_, Conflict
from mapapp.importers.search_index import (
    person_keys,
    place_name_rows,
    refresh_vocabulary,
    save_place_names,
    settlement_name,
)
from mapapp.models import Contribution

KEY_COLUMNS = (
    "search_key", "name_words", "surname_key", "home_country_key", "home_region_key",
    "home_district_key", "callup_key",
)  # fmt: skip
SITE_NAME_FIELDS = {"name", "name_ru", "name_be", "name_en", "settlement"}


def apply(session: Session, contribution: Contribution) -> None:
    _require_target(session, contribution)
    refuse_if_changed(session, contribution)
    {
        "correction": _correction,
        "add_person": _add_person,
        "condition": _condition,
        "photo": _photo,
        "withdrawal": _withdrawal,
    }[contribution.kind](session, contribution)


def _require_target(session: Session, c: Contribution) -> None:
    """Conflict when the record is gone (deleted before migration 0019 kept records with
    contributions): applied to nothing, the contribution would say "approved" and change
    nothing. Locked until the decision commits."""
    if lock_target(session, c.target_type, c.target_id):
        return
    if c.target_type == "person":
        raise Conflict(
            N_("person %(id)s no longer exists: the contribution cannot be applied"),
            "decision",
            id=c.target_id,
        )
    raise Conflict(
        N_("site %(id)s no longer exists: the contribution cannot be applied"),
        "decision",
        id=c.target_id,
    )


def _correction(session: Session, c: Contribution) -> None:
    if c.target_type == "person":
        _correct_person(session, c.target_id, c.field, c.value)
    else:
        _correct_site(session, c.target_id, c.field, c.value)


def _correct_person(session: Session, person_id: int, field: str, value) -> None:
    assert field in PERSON_FIELDS  # checked at submission; the name goes into SQL
    conn = session.connection()
    assignments = {field: value}
    if field in NAME_FIELDS | HOME_FIELDS:
        current = (
            conn.execute(
                text(
                    "SELECT surname, given_name, patronymic, name_variants, home_country, "
                    "home_region, home_district, callup_place FROM persons WHERE id = :id"
                ),
                {"id": person_id},
            )
            .mappings()
            .one()
        )
        assignments.update(person_keys({**current, field: value}))
    sets = ", ".join(f"{column} = :{column}" for column in assignments)
    conn.execute(
        text(f"UPDATE persons SET {sets} WHERE id = :id"), {**assignments, "id": person_id}
    )
    if field in NAME_FIELDS:
        refresh_vocabulary(conn, [person_id])


def _correct_site(session: Session, site_id: int, field: str, value) -> None:
    assert field in SITE_FIELDS
    conn = session.connection()
    conn.execute(
        text(f"UPDATE burial_sites SET {field} = :v WHERE id = :id"), {"v": value, "id": site_id}
    )
    if field in SITE_NAME_FIELDS and value:
        lang = {"name": "recorded", "name_ru": "ru", "name_be": "be", "name_en": "en"}
        name = settlement_name(value) if field == "settlement" else value
        save_place_names(conn, place_name_rows("site", site_id, {lang.get(field, field): name}))


def _add_person(session: Session, c: Contribution) -> None:
    conn = session.connection()
    person = dict(c.value)
    keys = person_keys(person)
    columns = [*person, *KEY_COLUMNS, "ref", "is_fictional", "is_hero", "is_partisan"]
    values = {**person, **keys, "ref": f"contribution:{c.id}", "is_fictional": False,
              "is_hero": False, "is_partisan": False}  # fmt: skip
    person_id = conn.execute(
        text(
            f"INSERT INTO persons ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + col for col in columns)}) RETURNING id"
        ),
        values,
    ).scalar_one()
    conn.execute(
        text("INSERT INTO burials (person_id, site_id) VALUES (:p, :s)"),
        {"p": person_id, "s": c.target_id},
    )
    refresh_vocabulary(conn, [person_id])


def _condition(session: Session, c: Contribution) -> None:
    queue_condition_report(session, c)


def _photo(session: Session, c: Contribution) -> None:
    session.connection().execute(
        text("UPDATE photos SET approved = true WHERE contribution_id = :id"), {"id": c.id}
    )


WITHDRAWABLE_TABLES = {"person": "persons", "site": "burial_sites"}


def _withdrawal(session: Session, c: Contribution) -> None:
    """Mark the record withdrawn, with the contributor's comment as the reason. The row
    stays; the audit trigger keeps this as an update, which an admin may undo."""
    table = WITHDRAWABLE_TABLES[c.target_type]
    marked = (
        session.connection()
        .execute(
            text(
                f"UPDATE {table} SET withdrawn_at = now(), withdrawn_reason = :reason, "
                "withdrawn_by = :c WHERE id = :id AND withdrawn_at IS NULL RETURNING id"
            ),
            {"reason": c.comment, "c": c.id, "id": c.target_id},
        )
        .first()
    )
    if marked is None:
        _refuse_withdrawn_already(session, c, table)


def _refuse_withdrawn_already(session: Session, c: Contribution, table: str) -> None:
    """Conflict naming the contribution that withdrew the record, when one did (a record
    withdrawn by direct SQL may name none)."""
    by = (
        session.connection()
        .execute(text(f"SELECT withdrawn_by FROM {table} WHERE id = :id"), {"id": c.target_id})
        .scalar()
    )
    if by is not None:
        if c.target_type == "person":
            raise Conflict(
                N_("person %(id)s is withdrawn already, by contribution %(by)s"),
                "decision",
                id=c.target_id,
                by=by,
            )
        raise Conflict(
            N_("site %(id)s is withdrawn already, by contribution %(by)s"),
            "decision",
            id=c.target_id,
            by=by,
        )
    if c.target_type == "person":
        raise Conflict(N_("person %(id)s is withdrawn already"), "decision", id=c.target_id)
    raise Conflict(N_("site %(id)s is withdrawn already"), "decision", id=c.target_id)
