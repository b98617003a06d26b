"""OGC API Features views. Each parses its request (mapapp.http), asks mapapp.features,
and answers JSON or HTML."""

from __future__ import annotations

import json

from flask import Response, render_template, request, url_for

from mapapp.errors import N_, InvalidInput, NotFound
from mapapp.features import collections as fc
from mapapp.features import items as fi
from mapapp.http.context import current_settings, get_session
from mapapp.http.ogc_params import parse_format, parse_items_query
from mapapp.http.params import parse_id
from mapapp.ogc import blueprint
from mapapp.ogc.conformance import CONFORMS_TO

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
SCHEMA = "application/schema+json"


def _format() -> str:
    return parse_format(request.args, request.accept_mimetypes)


def _link(href: str, rel: str, type_: str, title: str | None = None) -> dict:
    link = {"href": href, "rel": rel, "type": type_}
    if title:
        link["title"] = title
    return link


def _self_links(endpoint: str, json_type: str = JSON, **values) -> list[dict]:
    """self and alternate links of a resource, in the format asked for and the other one."""
    fmt = _format()
    as_json = url_for(endpoint, _external=True, **values, f="json")
    as_html = url_for(endpoint, _external=True, **values, f="html")
    return [
        _link(as_json if fmt == "json" else as_html, "self", json_type if fmt == "json" else HTML),
        _link(
            as_html if fmt == "json" else as_json, "alternate", HTML if fmt == "json" else json_type
        ),
    ]


def _collection(collection_id: str) -> fc.Collection:
    collection = fc.COLLECTIONS.get(collection_id)
    if collection is None:
        raise NotFound(
            N_("no collection %(name)s; there are %(known)s"),
            name=repr(collection_id[:60]),
            known=", ".join(fc.COLLECTIONS),
        )
    return collection


def _answer(body: dict, template: str, mimetype: str = JSON, **context):
    if _format() == "html":
        return render_template(template, body=body, **context)
    return Response(json.dumps(body, ensure_ascii=False), mimetype=mimetype)


@blueprint.get("/")
@blueprint.get("")  # the first rule of the view: the one the OpenAPI document names
def landing():
    """The landing page: links to the API description, conformance and the collections.
    ---
    get:
      tags: [OGC API Features]
      summary: Landing page
      parameters: [f]
      responses:
        200:
          description: Links to the API description, conformance and data
          content:
            application/json: {schema: LandingPage}
            text/html: {schema: {type: string}}
        400: BadRequest
    """
    body = {
        "title": "mapapp: WWII burial sites and battle locations in Belarus",
        "description": "OGC API Features over the memorial register: burial sites and "
        "battle locations as GeoJSON in CRS84, filterable with CQL2.",
        "links": [
            *_self_links("ogc.landing"),
            _link(
                url_for("openapi.document", _external=True),
                "service-desc",
                OPENAPI,
                "API definition",
            ),
            _link(
                url_for("openapi.docs", _external=True), "service-doc", HTML, "API documentation"
            ),
            _link(url_for("ogc.conformance", _external=True), "conformance", JSON, "Conformance"),
            _link(url_for("ogc.collections", _external=True), "data", JSON, "Collections"),
        ],
    }
    return _answer(body, "ogc/landing.html")


@blueprint.get("/conformance")
def conformance():
    """The conformance classes this API implements.
    ---
    get:
      tags: [OGC API Features]
      summary: Conformance classes
      parameters: [f]
      responses:
        200:
          description: The conformance classes
          content:
            application/json: {schema: Conformance}
            text/html: {schema: {type: string}}
        400: BadRequest
    """
    return _answer({"conformsTo": CONFORMS_TO}, "ogc/conformance.html")


def _collection_body(collection: fc.Collection) -> dict:
    extent = fc.spatial_extent(get_session(), collection)
    items = url_for("ogc.items", collection_id=collection.id, _external=True)
    body = {
        "id": collection.id,
        "title": collection.title,
        "description": collection.description,
        "itemType": "feature",
        "crs": [fc.CRS84],
        "storageCrs": fc.CRS84,
        "links": [
            _link(
                url_for("ogc.collection", collection_id=collection.id, _external=True), "self", JSON
            ),
            _link(items, "items", GEOJSON, "Items as GeoJSON"),
            _link(items + "?f=html", "items", HTML, "Items as HTML"),
            _link(
                url_for("ogc.queryables", collection_id=collection.id, _external=True),
                "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                SCHEMA,
                "Queryables",
            ),
        ],
    }
    if extent is not None:
        body["extent"] = {"spatial": {"bbox": [extent], "crs": fc.CRS84}}
    return body


@blueprint.get("/collections")
def collections():
    """The collections: burial sites and battle locations.
    ---
    get:
      tags: [OGC API Features]
      summary: Collections
      parameters: [f]
      responses:
        200:
          description: Every collection with its extent
          content:
            application/json: {schema: Collections}
            text/html: {schema: {type: string}}
        400: BadRequest
    """
    body = {
        "links": _self_links("ogc.collections"),
        "collections": [_collection_body(c) for c in fc.COLLECTIONS.values()],
    }
    return _answer(body, "ogc/collections.html")


@blueprint.get("/collections/<collection_id>")
def collection(collection_id: str):
    """One collection.
    ---
    get:
      tags: [OGC API Features]
      summary: A collection
      parameters:
        - collection_id
        - f
      responses:
        200:
          description: The collection with its extent and links
          content:
            application/json: {schema: Collection}
            text/html: {schema: {type: string}}
        400: BadRequest
        404: NotFound
    """
    body = _collection_body(_collection(collection_id))
    return _answer(body, "ogc/collection.html")


@blueprint.get("/collections/<collection_id>/queryables")
def queryables(collection_id: str):
    """The properties a filter may name, as JSON Schema.
    ---
    get:
      tags: [OGC API Features]
      summary: Queryables of a collection
      parameters:
        - collection_id
        - f
      responses:
        200:
          description: A JSON Schema of the queryable properties
          content:
            application/schema+json: {schema: {type: object}}
            text/html: {schema: {type: string}}
        400: BadRequest
        404: NotFound
    """
    collection = _collection(collection_id)
    properties = {"geometry": {"$ref": "https://geojson.org/schema/Point.json"}}
    for prop in collection.queryables:
        schema = {"title": prop.title, "type": prop.type}
        if prop.enum:
            schema["enum"] = list(prop.enum)
        properties[prop.name] = schema
    body = {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": url_for("ogc.queryables", collection_id=collection.id, _external=True),
        "type": "object",
        "title": collection.title,
        "properties": properties,
        "additionalProperties": False,
    }
    return _answer(body, "ogc/queryables.html", mimetype=SCHEMA, collection=collection)


@blueprint.get("/collections/<collection_id>/items")
def items(collection_id: str):
    """Features of a collection, a page at a time in id order; follow the next link.
    ---
    get:
      tags: [OGC API Features]
      summary: Features of a collection
      parameters:
        - collection_id
        - bbox
        - bbox-crs
        - crs
        - limit
        - next
        - filter
        - filter-lang
        - filter-crs
        - properties
        - f
      responses:
        200:
          description: A GeoJSON FeatureCollection with numberMatched, numberReturned and links
          content:
            application/geo+json: {schema: FeatureCollection}
            text/html: {schema: {type: string}}
        400: BadRequest
        404: NotFound
    """
    collection = _collection(collection_id)
    settings = current_settings()
    query = parse_items_query(
        request.args, collection, settings.ogc_default_limit, settings.ogc_max_limit
    )
    page = fi.items_page(get_session(), collection, query)
    links = _self_links("ogc.items", GEOJSON, collection_id=collection.id, **_kept_args())
    next_href = None
    if page.next_after is not None:
        fmt = _format()
        next_href = url_for(
            "ogc.items",
            collection_id=collection.id,
            _external=True,
            **{**_kept_args(), "next": page.next_after, "f": fmt},
        )
        links.append(_link(next_href, "next", GEOJSON if fmt == "json" else HTML, "Next page"))
    links.append(
        _link(
            url_for("ogc.collection", collection_id=collection.id, _external=True),
            "collection",
            JSON,
        )
    )
    envelope = {
        "type": "FeatureCollection",
        "numberMatched": page.number_matched,
        "numberReturned": page.number_returned,
        "links": links,
    }
    if _format() == "html":
        return render_template(
            "ogc/items.html",
            collection=collection,
            body=envelope,
            features=json.loads(page.features),
            next_link=next_href,
        )
    # The features come from PostGIS as JSON text; only the envelope is made here.
    head = json.dumps(envelope, ensure_ascii=False)[:-1]
    return Response(
        head + ', "features": ' + page.features + "}",
        mimetype=GEOJSON,
        headers={"Content-Crs": f"<{fc.CRS84}>"},
    )


def _kept_args() -> dict:
    """The query parameters a next or alternate link repeats (not the page key or format)."""
    return {k: v for k, v in request.args.items() if k not in ("next", "f")}


@blueprint.get("/collections/<collection_id>/items/<feature_id>")
def item(collection_id: str, feature_id: str):
    """One feature with every published property.
    ---
    get:
      tags: [OGC API Features]
      summary: A feature
      parameters:
        - collection_id
        - feature_id
        - f
      responses:
        200:
          description: A GeoJSON Feature
          content:
            application/geo+json: {schema: Feature}
            text/html: {schema: {type: string}}
        400: BadRequest
        404: NotFound
    """
    collection = _collection(collection_id)
    try:
        key = parse_id(feature_id, "feature_id", N_("%(value)s is not a feature id"))
    except InvalidInput:
        raise NotFound(
            N_("no feature %(id)s in %(collection)s"),
            id=repr(feature_id[:40]),
            collection=collection.id,
        ) from None
    text = fi.item(get_session(), collection, key)
    if text is None:
        raise NotFound(N_("no feature %(id)s in %(collection)s"), id=key, collection=collection.id)
    feature = json.loads(text)
    feature["links"] = [
        *_self_links("ogc.item", GEOJSON, collection_id=collection.id, feature_id=key),
        _link(
            url_for("ogc.collection", collection_id=collection.id, _external=True),
            "collection",
            JSON,
        ),
    ]
    return _answer(feature, "ogc/item.html", mimetype=GEOJSON, collection=collection)
