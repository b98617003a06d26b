"""CQL2 filters (text and JSON) into SQLAlchemy conditions on a collection's table.

pygeofilter parses; the translation is ours, so that every property, operator and value
is checked against the collection before any SQL runs: a filter the database would reject
(a text compared with a number, an unknown property, an invalid polygon) is an
``InvalidInput`` naming the ``filter`` parameter, never a database error."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import shapely
from pygeofilter import ast, values
from pygeofilter.backends.evaluator import Evaluator, handle
from pygeofilter.parsers.cql2_json import parse as parse_json
from pygeofilter.parsers.cql2_text import parse as parse_text
from shapely.geometry import shape
from sqlalchemy import ColumnElement, and_, false, func, literal, not_, or_, true
from sqlalchemy.types import Float, Text

from mapapp.errors import N_, InvalidInput, not_one_of
from mapapp.features.collections import Collection

LANGUAGES = ("cql2-text", "cql2-json")
GEOMETRY = "geometry"
MAX_DEPTH = 40
_COMPARISONS = {
    ast.Equal: "__eq__",
    ast.NotEqual: "__ne__",
    ast.LessThan: "__lt__",
    ast.LessEqual: "__le__",
    ast.GreaterThan: "__gt__",
    ast.GreaterEqual: "__ge__",
}
_SPATIAL = {
    ast.GeometryIntersects: func.ST_Intersects,
    ast.GeometryDisjoint: func.ST_Disjoint,
    ast.GeometryContains: func.ST_Contains,
    ast.GeometryWithin: func.ST_Within,
    ast.GeometryTouches: func.ST_Touches,
    ast.GeometryCrosses: func.ST_Crosses,
    ast.GeometryOverlaps: func.ST_Overlaps,
    ast.GeometryEquals: func.ST_Equals,
}


def _bad(message: str, **values: object) -> InvalidInput:
    """A bad filter; ``message`` is marked with ``N_`` and starts with "%(name)s: ", the
    parameter's name."""
    return InvalidInput(message, parameter="filter", name="filter", **values)


@dataclass(frozen=True)
class _Value:
    """An evaluated operand: SQL plus its JSON type (string, integer, number, boolean,
    geometry) and whether it is a property (as opposed to a literal)."""

    sql: ColumnElement
    type: str
    is_property: bool = False


def parse_filter(raw: str, lang: str | None, collection: Collection) -> ColumnElement:
    """The SQL condition of a CQL2 filter on ``collection``; InvalidInput when it is not one."""
    lang = lang or "cql2-text"
    if lang not in LANGUAGES:
        raise not_one_of("filter-lang", LANGUAGES)
    node = _parse(raw, lang)
    _check_depth(node)
    try:
        result = _ToSQL(collection).evaluate(node)
    except RecursionError:
        raise _bad(N_("%(name)s: nested too deeply")) from None
    if not isinstance(result, _Value) or result.type != "boolean" or result.is_property:
        raise _bad(
            N_("%(name)s: must be a condition (a comparison, a spatial test, %(logic)s ...)"),
            logic="AND/OR/NOT",
        )
    return result.sql


def _parse(raw: str, lang: str):
    try:
        node = parse_text(raw) if lang == "cql2-text" else parse_json(raw)
    except Exception as exc:  # the parsers raise lark, JSON, key and type errors alike
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise _bad(
            N_("%(name)s: not valid %(lang)s: %(detail)s"), lang=lang, detail=first_line[:200]
        ) from None
    if not isinstance(node, ast.Node):
        raise _bad(N_("%(name)s: not valid %(lang)s: a condition is expected"), lang=lang)
    return node


def _check_depth(node, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise _bad(N_("%(name)s: nested more than %(max)s levels deep"), max=MAX_DEPTH)
    subs = node.get_sub_nodes() if isinstance(node, ast.Node) else None
    if subs is None:
        return
    for sub in subs if isinstance(subs, list) else [subs]:
        _check_depth(sub, depth + 1)


def _condition(sql) -> _Value:
    return _Value(sql, "boolean")


def _require(value, name: str) -> _Value:
    if not isinstance(value, _Value):
        raise _bad(N_("%(name)s: %(operator)s expects a property or a value"), operator=name)
    return value


def _comparable(a: _Value, b: _Value, what: str) -> None:
    numeric = {"integer", "number"}
    same = a.type == b.type or (a.type in numeric and b.type in numeric)
    if not same or a.type == "geometry":
        raise _bad(
            N_("%(name)s: %(operator)s cannot compare %(left)s with %(right)s"),
            operator=what,
            left=a.type,
            right=b.type,
        )


class _ToSQL(Evaluator):
    def __init__(self, collection: Collection):
        self.collection = collection

    def adopt(self, node, *sub_args):
        name = type(node).__name__ if isinstance(node, ast.Node) else repr(node)[:40]
        raise _bad(N_("%(name)s: %(what)s is not supported"), what=name)

    @handle(ast.Not)
    def not_(self, node, sub):
        if not isinstance(sub, _Value) or sub.type != "boolean":
            raise _bad(N_("%(name)s: %(operator)s expects a condition"), operator="NOT")
        return _condition(not_(sub.sql))

    @handle(ast.And, ast.Or)
    def combination(self, node, lhs, rhs):
        for side in (lhs, rhs):
            if not isinstance(side, _Value) or side.type != "boolean":
                raise _bad(
                    N_("%(name)s: %(operator)s expects conditions on both sides"),
                    operator=node.op.value,
                )
        combine = and_ if isinstance(node, ast.And) else or_
        return _condition(combine(lhs.sql, rhs.sql))

    @handle(*_COMPARISONS)
    def comparison(self, node, lhs, rhs):
        lhs, rhs = _require(lhs, node.op.value), _require(rhs, node.op.value)
        _comparable(lhs, rhs, node.op.value)
        if lhs.type == "boolean" and node.op.value not in ("=", "<>"):
            raise _bad(
                N_("%(name)s: %(operator)s does not apply to true/false values"),
                operator=node.op.value,
            )
        return _condition(getattr(lhs.sql, _COMPARISONS[type(node)])(rhs.sql))

    @handle(ast.Between)
    def between(self, node, lhs, low, high):
        lhs, low, high = (_require(v, "BETWEEN") for v in (lhs, low, high))
        for bound in (low, high):
            _comparable(lhs, bound, "BETWEEN")
        if lhs.type not in ("integer", "number"):
            raise _bad(N_("%(name)s: %(operator)s applies to numbers"), operator="BETWEEN")
        sql = lhs.sql.between(low.sql, high.sql)
        return _condition(not_(sql) if node.not_ else sql)

    @handle(ast.Like)
    def like(self, node, lhs):
        lhs = _require(lhs, "LIKE")
        if lhs.type != "string" or not isinstance(node.pattern, str):
            raise _bad(
                N_("%(name)s: %(operator)s compares a text property with a text pattern"),
                operator="LIKE",
            )
        sql = lhs.sql.like(literal(node.pattern, Text), escape="\\")
        return _condition(not_(sql) if node.not_ else sql)

    @handle(ast.In)
    def in_(self, node, lhs, *options):
        lhs = _require(lhs, "IN")
        if not options:
            raise _bad(N_("%(name)s: %(operator)s needs at least one value"), operator="IN")
        for option in options:
            _comparable(lhs, _require(option, "IN"), "IN")
        sql = lhs.sql.in_([o.sql for o in options])
        return _condition(not_(sql) if node.not_ else sql)

    @handle(ast.IsNull)
    def is_null(self, node, lhs):
        lhs = _require(lhs, "IS NULL")
        if not lhs.is_property:
            raise _bad(N_("%(name)s: %(operator)s applies to a property"), operator="IS NULL")
        return _condition(lhs.sql.isnot(None) if node.not_ else lhs.sql.is_(None))

    @handle(*_SPATIAL)
    def spatial(self, node, lhs, rhs):
        lhs, rhs = _require(lhs, node.op.value), _require(rhs, node.op.value)
        if lhs.type != "geometry" or rhs.type != "geometry":
            raise _bad(N_("%(name)s: %(operator)s compares geometries"), operator=node.op.value)
        return _condition(_SPATIAL[type(node)](lhs.sql, rhs.sql))

    @handle(ast.Attribute)
    def attribute(self, node):
        name = node.name
        if name == GEOMETRY:
            return _Value(self.collection.table.c.geom, "geometry", is_property=True)
        prop = self.collection.get(name)
        if prop is None or not prop.queryable:
            known = ", ".join((GEOMETRY, *(p.name for p in self.collection.queryables)))
            raise _bad(
                N_("%(name)s: unknown property %(property)s; queryables are %(known)s"),
                property=repr(name[:60]),
                known=known,
            )
        return _Value(self.collection.expression(name), prop.type, is_property=True)

    @handle(ast.Function)
    def function(self, node, *arguments):
        if node.name.lower() == "bbox" and len(arguments) in (4, 6):
            numbers = [
                a.raw
                for a in arguments
                if isinstance(a, _Literal) and a.type in ("integer", "number")
            ]
            if len(numbers) == len(arguments):
                return _envelope(numbers)
        raise _bad(
            N_("%(name)s: function %(function)s is not supported"), function=repr(node.name[:40])
        )

    @handle(bool)
    def boolean(self, node):
        return _Literal(true() if node else false(), "boolean", raw=node)

    @handle(int, float)
    def number(self, node):
        if not math.isfinite(node) or abs(node) > 1e15:
            raise _bad(N_("%(name)s: numbers must be finite and at most %(max)s"), max="1e15")
        kind = "integer" if isinstance(node, int) else "number"
        return _Literal(literal(node, Float if kind == "number" else None), kind, raw=node)

    @handle(str)
    def string(self, node):
        return _Literal(literal(node, Text), "string", raw=node)

    @handle(values.Geometry)
    def geometry(self, node):
        return _geometry(node.geometry)

    @handle(values.Envelope)
    def envelope(self, node):
        return _envelope([node.x1, node.y1, node.x2, node.y2])


@dataclass(frozen=True)
class _Literal(_Value):
    raw: object = None


def _envelope(numbers: list) -> _Value:
    minx, miny, maxx, maxy = (
        (numbers[0], numbers[1], numbers[2], numbers[3])
        if len(numbers) == 4
        else (numbers[0], numbers[1], numbers[3], numbers[4])
    )
    return _geometry(
        {
            "type": "Polygon",
            "coordinates": [[[minx, miny], [maxx, miny], [maxx, maxy], [minx, maxy], [minx, miny]]],
        }
    )


def _geometry(geojson: dict) -> _Value:
    """A literal geometry in CRS84, checked (finite, in range, valid) before PostGIS sees it."""
    try:
        geom = shape(json.loads(json.dumps(geojson)))
    except Exception as exc:  # shapely raises several kinds on malformed coordinates
        raise _bad(N_("%(name)s: invalid geometry: %(detail)s"), detail=str(exc)[:100]) from None
    if geom.is_empty:
        raise _bad(N_("%(name)s: the geometry is empty"))
    coords = shapely.get_coordinates(geom)
    if not all(math.isfinite(v) for v in coords.flat):
        raise _bad(N_("%(name)s: geometry coordinates must be finite"))
    if not ((coords[:, 0] >= -180).all() and (coords[:, 0] <= 180).all()):
        raise _bad(N_("%(name)s: geometry longitudes must lie in -180..180"))
    if not ((coords[:, 1] >= -90).all() and (coords[:, 1] <= 90).all()):
        raise _bad(N_("%(name)s: geometry latitudes must lie in -90..90"))
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    return _Value(func.ST_GeomFromText(literal(geom.wkt, Text), 4326), "geometry")
