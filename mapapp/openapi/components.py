"""Parts of the OpenAPI document that many operations share: the error shape, GeoJSON,
and the parameters of /ogc (their limits read from the settings)."""

from __future__ import annotations

from mapapp.http.ogc_params import FORMATS
from mapapp.http.params import MAX_ID, MAX_PARAMETER_LENGTH
from mapapp.settings import Settings

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {
                    "type": "string",
                    "description": "what kind of error, never translated: invalid_input, "
                    "not_found, too_large, conflict, unauthorized, forbidden ...",
                },
                "message": {
                    "type": "string",
                    "description": "for people, in the language asked for (?lang=, the "
                    "lang cookie or Accept-Language); English when none is asked for",
                },
                "parameter": {"type": "string", "description": "the parameter at fault"},
            },
        }
    },
}

LINK = {
    "type": "object",
    "required": ["href", "rel"],
    "properties": {
        "href": {"type": "string"},
        "rel": {"type": "string"},
        "type": {"type": "string"},
        "title": {"type": "string"},
    },
}
LINKS = {"type": "array", "items": {"$ref": "#/components/schemas/Link"}}

POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2},
    },
}
FEATURE = {
    "type": "object",
    "required": ["type", "geometry", "properties"],
    "properties": {
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "integer"},
        "geometry": {"$ref": "#/components/schemas/Point"},
        "properties": {"type": "object"},
        "links": LINKS,
    },
}
FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"$ref": "#/components/schemas/Feature"}},
        "numberMatched": {"type": "integer", "minimum": 0},
        "numberReturned": {"type": "integer", "minimum": 0},
        "links": LINKS,
    },
}
COLLECTION = {
    "type": "object",
    "required": ["id", "links"],
    "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "links": LINKS,
        "extent": {"type": "object"},
        "crs": {"type": "array", "items": {"type": "string"}},
    },
}
SCHEMAS = {
    "Error": ERROR,
    "Link": LINK,
    "Point": POINT,
    "Feature": FEATURE,
    "FeatureCollection": FEATURE_COLLECTION,
    "LandingPage": {"type": "object", "required": ["links"], "properties": {"links": LINKS}},
    "Conformance": {
        "type": "object",
        "required": ["conformsTo"],
        "properties": {"conformsTo": {"type": "array", "items": {"type": "string"}}},
    },
    "Collection": COLLECTION,
    "Collections": {
        "type": "object",
        "required": ["collections", "links"],
        "properties": {
            "links": LINKS,
            "collections": {"type": "array", "items": {"$ref": "#/components/schemas/Collection"}},
        },
    },
}


def _error_response(description: str, headers: dict | None = None) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if headers:
        response["headers"] = headers
    return response


def _header(description: str, minimum: int = 0) -> dict:
    return {"description": description, "schema": {"type": "integer", "minimum": minimum}}


RETRY_AFTER = {**_header("Seconds to wait before trying again", 1), "required": True}
RESPONSES = {
    "BadRequest": _error_response("Bad input; the message (and parameter) say what is wrong"),
    "NotFound": _error_response("No such record"),
    "Unauthorized": _error_response("No signed-in session: sign in first"),
    "Forbidden": _error_response("The signed-in account's role does not allow this"),
    "Conflict": _error_response(
        "The record is no longer in a state where this can be done (decided already, or the "
        "change no longer fits the record)"
    ),
    "TooLarge": _error_response("The body or the photo is over its limit"),
    "TooManyRequests": _error_response(
        "Too many requests from this address; try again after Retry-After seconds",
        {
            "Retry-After": RETRY_AFTER,
            "X-RateLimit-Limit": _header("Requests allowed in the window"),
            "X-RateLimit-Remaining": _header("Requests left in the window"),
            "X-RateLimit-Reset": _header("When the window ends (Unix time)"),
        },
    ),
    "Unavailable": _error_response(
        "The database is unavailable (e.g. restarting) or too slow; try again after "
        "Retry-After seconds",
        {"Retry-After": RETRY_AFTER},
    ),
}

SECURITY_SCHEMES = {
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "session",
        "description": "The signed session cookie a moderator or administrator gets by "
        "signing in with the form at /login",
    },
    "csrfToken": {
        "type": "apiKey",
        "in": "header",
        "name": "X-CSRFToken",
        "description": "The session's CSRF token (the csrf_token field of the forms on the "
        "pages a signed-in user sees), sent with every change",
    },
}


def _query(name: str, description: str, schema: dict, **extra) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"maxLength": MAX_PARAMETER_LENGTH, **schema}
        if schema.get("type") == "string"
        else schema,
        **extra,
    }


def parameters(settings: Settings) -> dict:
    from mapapp.features.collections import COLLECTIONS, CRS84
    from mapapp.features.cql import LANGUAGES

    return {
        "collection_id": {
            "name": "collection_id",
            "in": "path",
            "required": True,
            "schema": {"type": "string", "enum": list(COLLECTIONS)},
        },
        "feature_id": {
            "name": "feature_id",
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        },
        "f": _query("f", "Output format (otherwise chosen by the Accept header)",
                    {"type": "string", "enum": list(FORMATS)}),
        "bbox": _query(
            "bbox",
            "minlon,minlat,maxlon,maxlat in CRS84",
            {"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "number"}},
            style="form",
            explode=False,
        ),
        "crs": _query("crs", "CRS of the answer (CRS84 only)",
                      {"type": "string", "enum": [CRS84]}),
        "bbox-crs": _query("bbox-crs", "CRS of bbox (CRS84 only)",
                           {"type": "string", "enum": [CRS84]}),
        "limit": _query(
            "limit",
            "Features per page",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": settings.ogc_max_limit,
                "default": settings.ogc_default_limit,
            },
        ),
        "next": _query(
            "next",
            "Key of the page: the id after which it starts (take it from a next link)",
            {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        ),
        "filter": _query("filter", "A CQL2 condition on the queryables",
                         {"type": "string"}),
        "filter-lang": _query("filter-lang", "Language of filter",
                              {"type": "string", "enum": list(LANGUAGES),
                               "default": "cql2-text"}),
        "filter-crs": _query("filter-crs", "CRS of geometries in filter (CRS84 only)",
                             {"type": "string", "enum": [CRS84]}),
        "properties": _query("properties", "Comma-separated names of the properties to return",
                             {"type": "string"}),
    }  # fmt: skip
