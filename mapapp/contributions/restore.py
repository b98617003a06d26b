"""An administrator restores a record to an earlier version from the audit log: the row
as it was after that change (or before it, for a deletion). The restore is itself a
change the triggers record, so nothing is lost by restoring either."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from mapapp.contributions.actor import set_actor, user_actor
from mapapp.contributions.decisions import Decider
from mapapp.errors import N_, Conflict, Forbidden, NotFound

RESTORABLE = ("burial_sites", "persons", "burials", "battle_locations")


def restore_version(session: Session, version: int, admin: Decider) -> dict:
    if admin.role != "admin":
        raise Forbidden(N_("only an administrator can restore a version"))
    conn = session.connection()
    entry = (
        conn.execute(
            text("SELECT table_name, op, row_id, old_row, new_row FROM audit_log WHERE id = :v"),
            {"v": version},
        )
        .mappings()
        .one_or_none()
    )
    if entry is None or entry["table_name"] not in RESTORABLE:
        raise NotFound(N_("no version %(version)s"), version=version)
    table = entry["table_name"]
    row = entry["old_row"] if entry["op"] == "DELETE" else entry["new_row"]
    if row is None:  # an imported row, logged without its copy (migration 0007)
        row = _as_inserted(conn, table, entry["row_id"], version)
        if row is None:  # never changed since: it is that version already
            return {"table": table, "id": entry["row_id"], "restored_version": version}
    columns = _columns(conn, table)
    set_actor(conn, f"{user_actor(admin.role, admin.id)} restoring version {version}")
    exists = conn.execute(
        text(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE id = :id)"), {"id": entry["row_id"]}
    ).scalar_one()
    values = ", ".join(_value(table, c, kind) for c, kind in columns.items())
    params = {"row": _json(row), "id": entry["row_id"]}
    if exists:
        names = ", ".join(columns)
        statement = f"UPDATE {table} SET ({names}) = (SELECT {values}) WHERE id = :id"
    else:
        names = ", ".join(["id", *columns])
        statement = f"INSERT INTO {table} ({names}) SELECT :id, {values}"
    try:
        with session.begin_nested():
            conn.execute(text(statement), params)
    except DBAPIError as exc:  # a version that no longer fits (e.g. its site is gone)
        reason = str(exc.orig).splitlines()[0]
        raise Conflict(
            N_("version %(version)s cannot be restored: %(reason)s"),
            version=version,
            reason=reason,
        ) from exc
    return {"table": table, "id": entry["row_id"], "restored_version": version}


def _as_inserted(conn, table: str, row_id: int, version: int) -> dict | None:
    """The row as inserted: the old row of its next change, None when there is none."""
    return conn.execute(
        text(
            "SELECT old_row FROM audit_log WHERE table_name = :t AND row_id = :id "
            "AND id > :v AND old_row IS NOT NULL ORDER BY id LIMIT 1"
        ),
        {"t": table, "id": row_id, "v": version},
    ).scalar()


def _columns(conn, table: str) -> dict[str, str]:
    """Column name -> type name, every column but the key."""
    return dict(
        conn.execute(
            text(
                "SELECT column_name, udt_name FROM information_schema.columns "
                "WHERE table_schema = 'public' AND table_name = :t AND column_name <> 'id' "
                "ORDER BY ordinal_position"
            ),
            {"t": table},
        ).all()
    )


def _value(table: str, column: str, udt: str) -> str:
    """The column's value in the stored JSON row, typed as the table wants it."""
    if udt == "geometry":  # to_jsonb writes a geometry as GeoJSON
        return (
            f"CASE WHEN CAST(:row AS jsonb) -> '{column}' IS NULL "
            f"OR jsonb_typeof(CAST(:row AS jsonb) -> '{column}') = 'null' THEN NULL "
            f"ELSE ST_SetSRID(ST_GeomFromGeoJSON(CAST(:row AS jsonb) -> '{column}'), 4326) END"
        )
    return f"(jsonb_populate_record(NULL::{table}, CAST(:row AS jsonb))).{column}"


def _json(row) -> str:
    return json.dumps(row)
