"""What the moderation page lists: pending contributions, oldest first, with the target's
current value beside the proposed one and, for a correction, the value its contributor
saw. The contact is shown to moderators only."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.contributions.seen import changed_since_sent


def pending_contributions(session: Session, limit: int = 200) -> list[dict]:
    rows = session.execute(
        text(
            f"""
            SELECT c.id, c.kind, c.target_type, c.target_id, c.field, c.value, c.comment,
                   c.evidence, c.contact, c.created_at, ph.id AS photo_id,
                   ef.id AS evidence_file_id, ef.mime AS evidence_file_mime,
                   octet_length(ef.content) AS evidence_file_bytes,
                   CASE c.target_type
                     WHEN 'person' THEN (SELECT concat_ws(' ', surname, given_name, patronymic)
                                         FROM persons WHERE id = c.target_id)
                     ELSE (SELECT name FROM burial_sites WHERE id = c.target_id) END
                     AS target_name,
                   t.target_row,
                   c.value_seen IS NOT NULL AS seen_kept, c.value_seen AS seen,
                   {changed_since_sent("t.target_row -> c.field")} AS changed_since_sent
            FROM contributions c
            CROSS JOIN LATERAL (
              SELECT CASE c.target_type
                WHEN 'person' THEN (SELECT to_jsonb(p) FROM persons p WHERE p.id = c.target_id)
                ELSE (SELECT to_jsonb(s) - 'geom' FROM burial_sites s WHERE s.id = c.target_id)
              END AS target_row) t
            LEFT JOIN photos ph ON ph.contribution_id = c.id
            LEFT JOIN evidence_files ef ON ef.contribution_id = c.id
            WHERE c.status = 'pending'
            ORDER BY c.created_at, c.id
            LIMIT :limit
            """
        ),
        {"limit": limit},
    ).mappings()
    items = []
    for row in rows:
        item = dict(row)
        target_row = item.pop("target_row") or {}
        item["current"] = target_row.get(row["field"]) if row["field"] else None
        item["target_fictional"] = bool(target_row.get("is_fictional"))
        items.append(item)
    return items


PHOTO_TARGET_COLUMNS = {"site": "site_id", "person": "person_id"}


def approved_photos(session: Session, target_type: str, target_id: int) -> list[dict]:
    """The approved photos of a site or of a person, oldest first."""
    column = PHOTO_TARGET_COLUMNS[target_type]
    return [
        dict(r)
        for r in session.execute(
            text(
                f"""
                SELECT ph.id, ph.width, ph.height, c.value AS caption, c.decided_at
                FROM photos ph JOIN contributions c ON c.id = ph.contribution_id
                WHERE ph.{column} = :id AND ph.approved ORDER BY ph.id
                """
            ),
            {"id": target_id},
        ).mappings()
    ]


def evidence_file_bytes(session: Session, file_id: int) -> tuple[bytes, str] | None:
    """(bytes, mime) of an evidence file, for a moderator only: the caller checks."""
    row = session.execute(
        text("SELECT content, mime FROM evidence_files WHERE id = :id"), {"id": file_id}
    ).one_or_none()
    return None if row is None else (bytes(row.content), row.mime)


def photo_bytes(session: Session, photo_id: int, thumbnail: bool, moderator: bool):
    """(bytes, mime) of an approved photo, or any photo for a moderator; None otherwise."""
    column = "thumbnail" if thumbnail else "image"
    row = session.execute(
        text(f"SELECT {column}, mime, approved FROM photos WHERE id = :id"), {"id": photo_id}
    ).one_or_none()
    if row is None or not (row.approved or moderator):
        return None
    return bytes(row[0]), "image/jpeg" if thumbnail else row.mime
