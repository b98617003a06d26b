"""Who the audit triggers put a change down to, for the rest of the transaction."""

from __future__ import annotations

from sqlalchemy import Connection, text


def set_actor(conn: Connection, actor: str, contribution_id: int | None = None) -> None:
    """``SET LOCAL`` for the audit triggers of migration 0007: the actor, and the
    contribution whose approval makes the change (its evidence shows in the history)."""
    conn.execute(text("SELECT set_config('mapapp.actor', :a, true)"), {"a": actor})
    conn.execute(
        text("SELECT set_config('mapapp.contribution', :c, true)"),
        {"c": str(contribution_id) if contribution_id else ""},
    )


def user_actor(role: str, user_id: int) -> str:
    """How a moderator or admin is named in the audit log (no e-mail: the log is public)."""
    return f"{role} #{user_id}"
