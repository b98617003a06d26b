"""Items of a collection as GeoJSON built by PostGIS: one page at a time, in id order,
paged by key (the last id of a page), filtered by bbox and a CQL2 condition."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Text, and_, cast, func, literal, select, true
from sqlalchemy.dialects.postgresql import JSON, aggregate_order_by
from sqlalchemy.orm import Session

from mapapp.features.collections import Collection

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class ItemsQuery:
    bbox: BBox | None = None
    condition: ColumnElement | None = None  # from features.cql.parse_filter
    properties: tuple[str, ...] | None = None  # None: every property
    after: int | None = None  # the last id of the previous page
    limit: int = 100


@dataclass(frozen=True)
class ItemsPage:
    features: str  # a JSON array of GeoJSON Features, as text
    number_returned: int
    number_matched: int
    next_after: int | None  # the key of the next page, None on the last page


def _feature(collection: Collection, names: tuple[str, ...]) -> ColumnElement:
    table = collection.table
    pairs = []
    for name in names:
        pairs += [literal(name, Text), collection.expression(name)]
    return func.json_build_object(
        literal("type", Text),
        literal("Feature", Text),
        literal("id", Text),
        table.c.id,
        literal("geometry", Text),
        cast(func.ST_AsGeoJSON(table.c.geom, 6), JSON),
        literal("properties", Text),
        func.json_build_object(*pairs),
    )


def _where(collection: Collection, query: ItemsQuery) -> ColumnElement:
    table = collection.table
    conditions = [true()]
    if query.bbox is not None:
        conditions.append(table.c.geom.op("&&")(func.ST_MakeEnvelope(*query.bbox, 4326)))
    if query.condition is not None:
        conditions.append(query.condition)
    return and_(*conditions)


def items_page(session: Session, collection: Collection, query: ItemsQuery) -> ItemsPage:
    table = collection.table
    names = collection.names if query.properties is None else query.properties
    where = _where(collection, query)
    keyed = where if query.after is None else and_(where, table.c.id > query.after)
    page = (
        select(table.c.id, _feature(collection, names).label("feature"))
        .where(keyed)
        .order_by(table.c.id)
        .limit(query.limit)
        .subquery()
    )
    features, returned, last_id = session.execute(
        select(
            cast(
                func.coalesce(
                    func.json_agg(aggregate_order_by(page.c.feature, page.c.id)),
                    func.json_build_array(),
                ),
                Text,
            ),
            func.count(),
            func.max(page.c.id),
        )
    ).one()
    matched = session.execute(select(func.count()).select_from(table).where(where)).scalar_one()
    more = last_id is not None and (
        session.execute(
            select(table.c.id).where(and_(where, table.c.id > last_id)).limit(1)
        ).first()
        is not None
    )
    return ItemsPage(features, returned, matched, last_id if more else None)


def item(session: Session, collection: Collection, feature_id: int) -> str | None:
    """One feature as GeoJSON text, or None."""
    table = collection.table
    return session.execute(
        select(cast(_feature(collection, collection.names), Text)).where(table.c.id == feature_id)
    ).scalar_one_or_none()
