"""Nearest neighbours by true distance on the ellipsoid (geography KNN)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# The origin is a scalar subquery, so PostgreSQL treats it as a constant and the
# geography GiST index (ix_*_geog) serves the ``<->`` ordering.
_NEAREST_SITES = """
    SELECT s.id, s.name, s.name_en, s.kind, s.buried_total, s.location_precision,
           ST_Distance(s.geom::geography, o.g) / 1000.0 AS km
    FROM burial_sites s, (SELECT {origin} AS g) o
    WHERE {exclude}
    ORDER BY s.geom::geography <-> ({origin})
    LIMIT :limit
"""
_NEAREST_BATTLES = """
    SELECT b.id, b.name, b.name_en, 'battle' AS kind, b.period, b.location_precision,
           ST_Distance(b.geom::geography, o.g) / 1000.0 AS km
    FROM battle_locations b, (SELECT {origin} AS g) o
    WHERE {exclude}
    ORDER BY b.geom::geography <-> ({origin})
    LIMIT :limit
"""
# Where the neighbours are looked for from, by the origin's kind; and the origin left out
# of the neighbours of its own kind (a site is not its own nearest site).
_ORIGINS = {
    "site": "(SELECT geom::geography FROM burial_sites WHERE id = :origin_id)",
    "battle": "(SELECT geom::geography FROM battle_locations WHERE id = :origin_id)",
}
_NOT_ITSELF = {"site": "s.id <> :origin_id", "battle": "b.id <> :origin_id"}


def nearest_sites(
    session: Session, *, site_id: int | None = None, battle_id: int | None = None, limit: int = 5
) -> list[dict]:
    """The ``limit`` sites nearest to a site (itself excluded) or to a battle location."""
    return _nearest(session, _NEAREST_SITES, "site", site_id, battle_id, limit)


def nearest_battles(
    session: Session, *, site_id: int | None = None, battle_id: int | None = None, limit: int = 5
) -> list[dict]:
    """The ``limit`` battle locations nearest to a site or to another battle location."""
    return _nearest(session, _NEAREST_BATTLES, "battle", site_id, battle_id, limit)


def _nearest(
    session: Session,
    query: str,
    listed: str,
    site_id: int | None,
    battle_id: int | None,
    limit: int,
) -> list[dict]:
    """The rows of ``query`` (which lists places of the kind ``listed``) nearest to the
    site ``site_id``, or else to the battle location ``battle_id``."""
    origin, origin_id = ("site", site_id) if site_id is not None else ("battle", battle_id)
    exclude = _NOT_ITSELF[listed] if origin == listed else "TRUE"
    sql = query.format(origin=_ORIGINS[origin], exclude=exclude)
    rows = session.execute(text(sql), {"origin_id": origin_id, "limit": limit})
    return [dict(r) for r in rows.mappings()]
