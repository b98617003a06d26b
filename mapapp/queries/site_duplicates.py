"""Pairs of burial sites listed for review as possibly one place
(importers.site_duplicates finds them): for the import report, the command line, the
site page and its JSON."""

from __future__ import annotations

from sqlalchemy import text


def possible_duplicate_sites(
    conn, *, batch_id: int | None = None, site_id: int | None = None, limit: int = 1000
) -> list[dict]:
    """Pairs listed for review, each with both sites' names, kinds and register numbers:
    of one import batch, around one site, or all of them."""
    rows = conn.execute(
        text(
            """
            SELECT d.site_id, d.other_site_id, d.metres, d.same_name, d.import_batch_id,
                   a.name, a.kind, a.register_number, a.settlement, a.location_precision,
                   b.name AS other_name, b.kind AS other_kind,
                   b.register_number AS other_register_number,
                   b.settlement AS other_settlement,
                   b.location_precision AS other_location_precision
            FROM possible_duplicate_sites d
            JOIN burial_sites a ON a.id = d.site_id
            JOIN burial_sites b ON b.id = d.other_site_id
            WHERE (CAST(:batch AS integer) IS NULL OR d.import_batch_id = :batch)
              AND (CAST(:site AS integer) IS NULL
                   OR d.site_id = :site OR d.other_site_id = :site)
            ORDER BY d.site_id, d.other_site_id
            LIMIT :limit
            """
        ),
        {"batch": batch_id, "site": site_id, "limit": limit},
    )
    return [dict(r) for r in rows.mappings()]


def reason(pair: dict) -> str:
    """The pair's reason in words (the command line's; pages word it in their language)."""
    apart = f"{pair['metres']:,} m apart"
    return f"same name, {apart}" if pair["same_name"] else apart


def possible_duplicates_of_site(session, site_id: int) -> list[dict]:
    """The other sites that may be this place, nearest first."""
    others = []
    for pair in possible_duplicate_sites(session, site_id=site_id, limit=100):
        other = "other_" if pair["site_id"] == site_id else ""
        others.append(
            {
                "id": pair[other + "site_id"],
                "name": pair[other + "name"],
                "kind": pair[other + "kind"],
                "register_number": pair[other + "register_number"],
                "settlement": pair[other + "settlement"],
                "metres": pair["metres"],
                "same_name": pair["same_name"],
            }
        )
    return sorted(others, key=lambda o: (o["metres"], o["id"]))
