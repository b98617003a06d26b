"""A correction and the value its contributor saw: kept when it is sent, compared when a
moderator approves it, so that a correction never silently overwrites a change made
after it was sent (another approved correction, an edit, a restore)."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.contributions.fields import FIELDS
from mapapp.contributions.history import TABLES
from mapapp.contributions.seen_given import Seen, same_to_the_eye
from mapapp.errors import N_, Conflict
from mapapp.models import Contribution


def record_seen(session: Session, contribution: Contribution, given: Seen | None) -> None:
    """Keep the value of the corrected field its contributor saw (the record is locked by
    the caller): the one ``given`` by the form or the client, else, for older clients,
    the field's value as it is now. A given value that differs from the value now only
    where no one could see it is the value now, kept exactly, so that approval does not
    refuse it over a line break a form changed. Written in SQL: an empty field is kept as
    JSON null, told apart from SQL NULL, which means "not kept" (contributions sent
    before migration 0023)."""
    if contribution.kind != "correction":
        return
    table = TABLES[contribution.target_type]
    conn = session.connection()
    params = {"id": contribution.id}
    now_sql = f"(SELECT to_jsonb(t) -> c.field FROM {table} t WHERE t.id = c.target_id)"
    if given is not None:
        now = conn.execute(
            text(f"SELECT {now_sql} FROM contributions c WHERE c.id = :id"), params
        ).scalar_one()
        if not same_to_the_eye(given.value, now):
            if given.refused is not None:
                raise given.refused  # not the value now, and no value the field takes
            # The field changed after the form was displayed: approval will say so.
            conn.execute(
                text("UPDATE contributions SET value_seen = CAST(:seen AS jsonb) WHERE id = :id"),
                {**params, "seen": json.dumps(given.value, ensure_ascii=False)},
            )
            return
    conn.execute(
        text(f"UPDATE contributions c SET value_seen = {now_sql} WHERE c.id = :id"), params
    )


def values_shown(session: Session, target_type: str, target_id: int) -> dict[str, object]:
    """The correctable fields of a record as its page displays them, for the correction
    form to send back as the value its contributor saw."""
    row = session.execute(
        text(f"SELECT to_jsonb(t) - 'geom' FROM {TABLES[target_type]} t WHERE t.id = :id"),
        {"id": target_id},
    ).scalar_one_or_none()
    return {name: (row or {}).get(name) for name in FIELDS[target_type]}


def changed_since_sent(now: str) -> str:
    """SQL, true when contribution ``c``'s field, whose value is the jsonb ``now``, holds
    neither the value its contributor saw nor the value it proposes: approving it would
    overwrite a change made after it was sent. False when no value seen was kept."""
    now = f"coalesce({now}, 'null'::jsonb)"
    return (
        f"(c.value_seen IS NOT NULL AND c.value_seen IS DISTINCT FROM {now} "
        f"AND coalesce(c.value, 'null'::jsonb) IS DISTINCT FROM {now})"
    )


def refuse_if_changed(session: Session, contribution: Contribution) -> None:
    """Conflict when the corrected field changed since the correction was sent, naming
    the value seen, the value now and the change that made it (from the audit log)."""
    if contribution.kind != "correction":
        return
    table = TABLES[contribution.target_type]
    conn = session.connection()
    # Waits for a moderator approving another change of this record right now; the next
    # statement then reads the record as that one committed it.
    conn.execute(
        text(f"SELECT 1 FROM {table} WHERE id = :id FOR NO KEY UPDATE"),
        {"id": contribution.target_id},
    )
    changed = (
        conn.execute(
            text(
                f"""
                SELECT c.value_seen AS seen, r.now
                FROM contributions c
                CROSS JOIN LATERAL (SELECT to_jsonb(t) -> c.field AS now
                                    FROM {table} t WHERE t.id = c.target_id) r
                WHERE c.id = :id AND {changed_since_sent("r.now")}
                """
            ),
            {"id": contribution.id},
        )
        .mappings()
        .first()
    )
    if changed is None:
        return
    values = {
        "field": contribution.field,
        "seen": _shown(changed["seen"]),
        "now": _shown(changed["now"]),
        "id": contribution.id,
    }
    by_contribution, actor = last_change(session, contribution)
    if by_contribution is not None:
        raise Conflict(
            N_(
                "%(field)s was %(seen)s when contribution %(id)s was sent and is %(now)s now, "
                "changed by contribution %(by)s: approving would overwrite that change; "
                "reject it, or ask the contributor whether it still holds"
            ),
            "decision",
            by=by_contribution,
            **values,
        )
    if actor is not None:
        raise Conflict(
            N_(
                "%(field)s was %(seen)s when contribution %(id)s was sent and is %(now)s now, "
                "changed by %(actor)s: approving would overwrite that change; "
                "reject it, or ask the contributor whether it still holds"
            ),
            "decision",
            actor=actor,
            **values,
        )
    raise Conflict(
        N_(
            "%(field)s was %(seen)s when contribution %(id)s was sent and is %(now)s now: "
            "approving would overwrite that change; "
            "reject it, or ask the contributor whether it still holds"
        ),
        "decision",
        **values,
    )


def last_change(session: Session, contribution: Contribution) -> tuple[int | None, str | None]:
    """(contribution id, actor) of the latest change of the corrected field the audit log
    holds; (None, None) when it holds none (a value as imported)."""
    row = session.execute(
        text(
            """
            SELECT a.contribution_id, a.actor FROM audit_log a
            WHERE a.table_name = :table AND a.row_id = :id AND a.new_row IS NOT NULL
              AND (a.new_row -> :field) IS DISTINCT FROM (a.old_row -> :field)
            ORDER BY a.id DESC LIMIT 1
            """
        ),
        {
            "table": TABLES[contribution.target_type],
            "id": contribution.target_id,
            "field": contribution.field,
        },
    ).first()
    return (None, None) if row is None else (row.contribution_id, row.actor)


def _shown(value) -> str:
    """A field's value as JSON: a text quoted, a number bare, an empty field null."""
    return json.dumps(value, ensure_ascii=False)
