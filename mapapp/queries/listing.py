"""All burial sites as a list, by region: the map's content for readers without a map."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def sites_by_oblast(session: Session, kind: str | None = None) -> list[dict]:
    rows = session.execute(
        text(
            """
            SELECT s.id, s.name, s.name_en, s.kind, s.oblast, s.district, s.buried_total,
                   s.buried_as_written, s.location_precision,
                   s.withdrawn_at IS NOT NULL AS withdrawn,
                   COALESCE(c.persons_in_registry, 0) AS persons
            FROM burial_sites s LEFT JOIN site_counts c ON c.site_id = s.id
            WHERE CAST(:kind AS text) IS NULL OR s.kind = :kind
            ORDER BY s.oblast NULLS LAST, s.district NULLS LAST, s.name, s.id
            """
        ),
        {"kind": kind},
    ).mappings()
    return [dict(r) for r in rows]


def last_import_date(session: Session):
    """When the register last took in an import (None when only the demo was loaded)."""
    return session.execute(
        text("SELECT max(created_at)::date FROM import_batches WHERE status = 'committed'")
    ).scalar_one()
