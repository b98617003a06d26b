"""The OpenAPI 3 document of every JSON endpoint (/api and /ogc), generated with apispec
from the application's URL map: /ogc views carry their operation in their docstrings,
/api operations come from mapapp.openapi.api_paths, path parameters from the URL rules."""

from __future__ import annotations

import re

from apispec import APISpec
from apispec_webframeworks.flask import FlaskPlugin
from flask import Flask

from mapapp.openapi import api_paths, api_writes, components
from mapapp.settings import Settings

TITLE = "mapapp: WWII burial sites and battle locations in Belarus"
# Operations that never touch the database, so never answer 503.
WITHOUT_DATABASE = ("api.index", "ogc.landing", "ogc.conformance", "ogc.queryables")
DOCUMENTED_BLUEPRINTS = ("api", "ogc")


class Undocumented(Exception):
    """A JSON route the document does not describe."""


def documented_rules(app: Flask) -> list:
    """The GET and POST rules of the JSON blueprints, one per view (a view's first rule)."""
    seen, rules = set(), []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        blueprint = rule.endpoint.split(".")[0]
        documented = blueprint in DOCUMENTED_BLUEPRINTS and bool({"GET", "POST"} & rule.methods)
        if documented and rule.endpoint not in seen:
            seen.add(rule.endpoint)
            rules.append(app.url_map._rules_by_endpoint[rule.endpoint][0])
    return rules


def _path_parameters(rule) -> list[dict]:
    parameters = []
    for argument in sorted(rule.arguments):
        converter = rule._converters[argument]
        if type(converter).__name__ == "IdConverter":
            schema = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
        else:
            schema = {"type": "string"}
        parameters.append({"name": argument, "in": "path", "required": True, "schema": schema})
    return parameters


def build(app: Flask, settings: Settings) -> dict:

    spec = APISpec(
        title=TITLE,
        version="1.0.0",
        openapi_version="3.0.3",
        plugins=[FlaskPlugin()],
        info={
            "description": "The JSON API of the map, its contributions and moderation, and "
            "an OGC API Features service (/ogc). Every error (400, 401, 403, 404, 409, 413, "
            '429, 503) is {"error": {"status", "message", "parameter"}}, the parameter '
            "naming the field at fault; bad input is never a 500."
        },
    )
    for name, schema in {**components.SCHEMAS, **api_writes.SCHEMAS}.items():
        spec.components.schema(name, schema)
    for name, response in components.RESPONSES.items():
        spec.components.response(name, response)
    for name, parameter in components.parameters(settings).items():
        spec.components.parameter(name, parameter["in"], parameter)
    for name, scheme in components.SECURITY_SCHEMES.items():
        spec.components.security_scheme(name, scheme)
    api_operations = {**api_paths.operations(settings), **api_writes.operations(settings)}
    rules = documented_rules(app)
    with app.test_request_context():
        for rule in rules:
            view = app.view_functions[rule.endpoint]
            if rule.endpoint.startswith("api."):
                if rule.endpoint not in api_operations:
                    raise Undocumented(rule.endpoint)
                operations = {
                    method: {
                        **op,
                        "parameters": [*_path_parameters(rule), *op.get("parameters", [])],
                    }
                    for method, op in api_operations[rule.endpoint].items()
                }
                spec.path(view=view, app=app, operations=operations)
            else:
                spec.path(view=view, app=app)
    document = spec.to_dict()
    _unavailable_while_the_database_is_down(document, rules)
    return _empty_means_absent(document)


def openapi_path(rule) -> str:
    """/api/sites/<id:site_id> as /api/sites/{site_id}."""
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)


def _unavailable_while_the_database_is_down(document: dict, rules: list) -> None:
    """Every operation that reads the database may answer 503 while it is down."""
    unavailable = {"$ref": "#/components/responses/Unavailable"}
    for rule in rules:
        if rule.endpoint in WITHOUT_DATABASE:
            continue
        for operation in document["paths"][openapi_path(rule)].values():
            operation["responses"]["503"] = unavailable


def _empty_means_absent(document: dict) -> dict:
    """Every optional query parameter treats an empty value as if it were absent
    (mapapp.http.params), and the document says so."""
    parameters = list(document["components"].get("parameters", {}).values())
    for item in document["paths"].values():
        for operation in item.values():
            parameters += [p for p in operation.get("parameters", []) if "$ref" not in p]
    for parameter in parameters:
        if parameter.get("in") == "query" and not parameter.get("required"):
            parameter["allowEmptyValue"] = True
    return document
