"""The OpenAPI 3 document of every JSON endpoint (/api and /ogc), generated with apispec
from the application's URL map: /ogc views carry their operation in their docstrings,
/api operations come from mapapp.openapi.api_paths, path parameters from the URL rules."""

from __future__ import annotations

from apispec import APISpec
from apispec_webframeworks.flask import FlaskPlugin
from flask import Flask

from mapapp.openapi import api_paths, components
from mapapp.settings import Settings

TITLE = "mapapp: WWII burial sites and battle locations in Belarus"
DOCUMENTED_BLUEPRINTS = ("api", "ogc")


class Undocumented(Exception):
    """A JSON route the document does not describe."""


def documented_rules(app: Flask) -> list:
    """The GET rules of the JSON blueprints, one per view (a view's first rule)."""
    seen, rules = set(), []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        blueprint = rule.endpoint.split(".")[0]
        documented = blueprint in DOCUMENTED_BLUEPRINTS and "GET" in rule.methods
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
            "description": "The JSON API of the map and an OGC API Features service (/ogc). "
            "Bad input is answered with 400 or 404 and "
            '{"error": {"status", "message", "parameter"}}, never a 500.'
        },
    )
    for name, schema in components.SCHEMAS.items():
        spec.components.schema(name, schema)
    for name, response in components.RESPONSES.items():
        spec.components.response(name, response)
    for name, parameter in components.parameters(settings).items():
        spec.components.parameter(name, parameter["in"], parameter)
    api_operations = api_paths.operations(settings)
    with app.test_request_context():
        for rule in documented_rules(app):
            view = app.view_functions[rule.endpoint]
            if rule.endpoint.startswith("api."):
                if rule.endpoint not in api_operations:
                    raise Undocumented(rule.endpoint)
                operations = {
                    method: {**op, "parameters": [*_path_parameters(rule), *op["parameters"]]}
                    for method, op in api_operations[rule.endpoint].items()
                }
                spec.path(view=view, app=app, operations=operations)
            else:
                spec.path(view=view, app=app)
    return _empty_means_absent(spec.to_dict())


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
