"""Parameters of OGC API Features requests: output format, paging, bbox, properties and
CQL2 filters, each failure an InvalidInput naming the parameter."""

from __future__ import annotations

from mapapp.errors import N_, InvalidInput, not_one_of
from mapapp.features.collections import CRS84, Collection
from mapapp.features.cql import LANGUAGES, parse_filter
from mapapp.features.items import ItemsQuery
from mapapp.http.params import parse_bbox, parse_id, parse_positive_int

FORMATS = ("json", "html")
CRS84_NAMES = (CRS84, "https://www.opengis.net/def/crs/OGC/1.3/CRS84", "CRS84")


def parse_format(args, accept) -> str:
    """``f`` wins; otherwise HTML only for clients that prefer it to JSON (browsers)."""
    raw = args.get("f")
    if raw:
        if raw not in FORMATS:
            raise not_one_of("f", FORMATS)
        return raw
    best = accept.best_match(["application/json", "application/geo+json", "text/html"])
    return "html" if best == "text/html" else "json"


def _crs84_only(raw: str | None, name: str) -> None:
    if raw and raw.strip("<>") not in CRS84_NAMES:
        raise InvalidInput(
            N_("%(name)s: only %(crs)s is supported"), parameter=name, name=name, crs=CRS84
        )


def parse_items_query(args, collection: Collection, default_limit: int, max_limit: int):
    """bbox, filter (CQL2 text or JSON), properties, limit and the key of the page."""
    _crs84_only(args.get("crs"), "crs")
    _crs84_only(args.get("bbox-crs"), "bbox-crs")
    _crs84_only(args.get("filter-crs"), "filter-crs")
    raw_filter = args.get("filter")
    lang = args.get("filter-lang")
    if lang and lang not in LANGUAGES:
        raise not_one_of("filter-lang", LANGUAGES)
    condition = parse_filter(raw_filter, lang, collection) if raw_filter else None
    after = args.get("next")
    return ItemsQuery(
        bbox=parse_bbox(args.get("bbox")),
        condition=condition,
        properties=parse_properties(args.get("properties"), collection),
        after=parse_id(after, "next", N_("%(value)s is not a page key")) if after else None,
        limit=parse_positive_int(args.get("limit"), "limit", default_limit, max_limit),
    )


def parse_properties(raw: str | None, collection: Collection) -> tuple[str, ...] | None:
    if raw is None or raw.strip() == "":
        return None
    names = tuple(dict.fromkeys(n.strip() for n in raw.split(",") if n.strip()))
    unknown = [n for n in names if collection.get(n) is None]
    if unknown:
        raise InvalidInput(
            N_("%(name)s: unknown %(value)s; known are %(known)s"),
            parameter="properties",
            name="properties",
            value=repr(unknown[0][:60]),
            known=", ".join(collection.names),
        )
    return names
