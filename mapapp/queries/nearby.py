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
_SITE_ORIGIN = "(SELECT geom::geography FROM burial_sites WHERE id = :origin_id)"
_BATTLE_ORIGIN = "(SELECT geom::geography FROM battle_locations WHERE id = :origin_id)"


def nearest_sites(
    session: Session, *, site_id: int | None = None, battle_id: int | None = None, limit: int = 5
) -> list[dict]:
    """The ``limit`` sites nearest to a site (itself excluded) or to a battle location."""
    if site_id is not None:
        sql = _NEAREST_SITES.format(origin=_SITE_ORIGIN, exclude="s.id <> :origin_id")
        origin_id = site_id
    else:
        sql = _NEAREST_SITES.format(origin=_BATTLE_ORIGIN, exclude="TRUE")
        origin_id = battle_id
    rows = session.execute(text(sql), {"origin_id": origin_id, "limit": limit})
    return [dict(r) for r in rows.mappings()]


def nearest_battles(
    session: Session, *, site_id: int | None = None, battle_id: int | None = None, limit: int = 5
) -> list[dict]:
    """The ``limit`` battle locations nearest to a site or to another battle location."""
    if site_id is not None:
        sql = _NEAREST_BATTLES.format(origin=_SITE_ORIGIN, exclude="TRUE")
        origin_id = site_id
    else:
        sql = _NEAREST_BATTLES.format(origin=_BATTLE_ORIGIN, exclude="b.id <> :origin_id")
        origin_id = battle_id
    rows = session.execute(text(sql), {"origin_id": origin_id, "limit": limit})
    return [dict(r) for r in rows.mappings()]
