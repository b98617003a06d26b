"""One OpenAPI document describes every JSON endpoint: it validates, it is generated from
the URL map (a route cannot be left out), and schemathesis, driven by it, finds no server
error and no answer that breaks it."""

from __future__ import annotations

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from mapapp.openapi.document import documented_rules


@pytest.fixture(scope="module")
def document(app):
    response = app.test_client().get("/openapi.json")
    assert response.status_code == 200
    assert response.content_type == "application/vnd.oai.openapi+json;version=3.0"
    return response.get_json()


def test_the_document_is_valid_openapi_3(document):
    validate(document)
    assert document["openapi"].startswith("3.0")


def test_every_json_route_is_described(app, document):
    rules = documented_rules(app)
    assert len(rules) >= 20
    paths = {re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule) for rule in rules}
    assert paths == set(document["paths"])
    for path, item in document["paths"].items():
        operation = item["get"]
        assert operation["responses"]["400"], path
        names = re.findall(r"{([a-z_]+)}", path)
        declared = {
            p.get("name") or p["$ref"].rsplit("/", 1)[-1] for p in operation.get("parameters", [])
        }
        assert set(names) <= declared, path


def test_limits_and_the_error_shape_are_declared(document):
    parameters = document["components"]["parameters"]
    assert parameters["limit"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 10000,
        "default": 100,
    }
    error = document["components"]["schemas"]["Error"]["properties"]["error"]
    assert set(error["properties"]) == {"status", "code", "message", "parameter"}
    assert error["required"] == ["status", "code", "message"]
    bad = document["components"]["responses"]["BadRequest"]
    assert bad["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_docs_page_uses_only_local_assets(client):
    html = client.get("/api/docs").get_data(as_text=True)
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert f"/api/docs/assets/{asset}" in sources
        assert client.get(f"/api/docs/assets/{asset}").status_code == 200
    assert "/static/js/api_docs.js" in sources
    assert client.get("/api/docs/assets/../../settings.py").status_code == 404


# schemathesis's pytest plugin does not load under pytest 9 yet, so each operation's
# strategy is run through Hypothesis here; the checks are schemathesis's own.
EXAMPLES = 40
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(scope="module")
def operations(app):
    loaded = schemathesis.openapi.from_wsgi("/openapi.json", app)
    return {op.ok().label: op.ok() for op in loaded.get_all_operations()}


def test_schemathesis_covers_every_operation(operations, document):
    assert {f"GET {path}" for path in document["paths"]} == set(operations)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schemathesis_finds_no_server_error_and_no_broken_answer(operations, mode):
    """Up to EXAMPLES generated requests per operation, with values the document allows
    (positive) or forbids (negative, which must be refused with a 4xx), each answer checked
    against the document."""
    failures = []
    for label, operation in sorted(operations.items()):
        if mode == GenerationMode.NEGATIVE and not operation.definition.raw.get("parameters"):
            continue  # nothing to make invalid

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            # The WSGI client does not undo compression; ask for the plain body.
            case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

        try:
            run()
        except Unsatisfiable:
            failures.append(f"{label}: no {mode} example could be generated")
        except (Exception, BaseExceptionGroup) as exc:  # report every operation's failure
            failures.append(f"{label}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)
