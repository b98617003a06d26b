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
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import text

from mapapp import create_app
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
    described = {(rule.rule, method) for rule in rules for method in rule.methods}
    assert {(r, m) for r, m in described if m == "POST"} == {
        ("/api/contributions", "POST"),
        ("/api/contributions/<id:contribution_id>/decision", "POST"),
        ("/api/history/<id:version>/restore", "POST"),
    }
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert operation["responses"]["400"], path
            names = re.findall(r"{([a-z_]+)}", path)
            declared = {
                p.get("name") or p["$ref"].rsplit("/", 1)[-1]
                for p in operation.get("parameters", [])
            }
            assert set(names) <= declared, (method, path)


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
    response_headers_conformance,
    negative_data_rejection,
    ignored_auth,
]
IDENTITY = {"Accept-Encoding": "identity"}  # the WSGI client does not undo compression


def _operations(app) -> dict:
    loaded = schemathesis.openapi.from_wsgi("/openapi.json", app)
    return {op.ok().label: op.ok() for op in loaded.get_all_operations()}


@pytest.fixture(scope="module")
def operations(app):
    return _operations(app)


@pytest.fixture()
def contributions_removed_afterwards(engine):
    """Generated submissions that pass every check are stored as pending contributions;
    they are removed again, so that other tests see the queue as it was. Nothing else may
    have changed: no decision can succeed without a session."""
    with engine.connect() as conn:
        before = conn.execute(text("SELECT coalesce(max(id), 0) FROM contributions")).scalar()
        audited = conn.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar()
    yield
    with engine.begin() as conn:
        statuses = conn.execute(
            text("SELECT DISTINCT status FROM contributions WHERE id > :id"), {"id": before}
        ).scalars()
        assert set(statuses) <= {"pending"}
        assert conn.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar() == (
            audited
        )
        conn.execute(text("DELETE FROM photos WHERE contribution_id > :id"), {"id": before})
        conn.execute(text("DELETE FROM contributions WHERE id > :id"), {"id": before})


def test_schemathesis_covers_every_operation(operations, document):
    labels = {f"{m.upper()} {path}" for path, item in document["paths"].items() for m in item}
    assert labels == set(operations)


@pytest.mark.usefixtures("contributions_removed_afterwards")
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
            case.call_and_validate(checks=CHECKS, headers=IDENTITY)

        try:
            run()
        except Unsatisfiable:
            failures.append(f"{label}: no {mode} example could be generated")
        except (Exception, BaseExceptionGroup) as exc:  # report every operation's failure
            failures.append(f"{label}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)


def test_the_post_operations_declare_bodies_limits_and_security(document):
    paths = document["paths"]
    schemes = document["components"]["securitySchemes"]
    assert schemes["session"] == schemes["session"] | {"type": "apiKey", "in": "cookie"}
    assert schemes["csrfToken"] | {"in": "header", "name": "X-CSRFToken"} == schemes["csrfToken"]
    submit = paths["/api/contributions"]["post"]
    assert submit["security"] == []
    assert set(submit["responses"]) == {"201", "400", "404", "413", "429", "503"}
    content = submit["requestBody"]["content"]
    upload = content["multipart/form-data"]["schema"]
    # The pages' form: any kind, a photo for kind photo, a document as evidence.
    assert set(upload["properties"]["kind"]["enum"]) == {
        "correction", "add_person", "condition", "photo", "withdrawal",
    }  # fmt: skip
    assert "10 MB" in upload["properties"]["photo"]["description"]
    assert "10 MB" in upload["properties"]["evidence_file"]["description"]
    assert (
        "application/pdf"
        in content["multipart/form-data"]["encoding"]["evidence_file"]["contentType"]
    )
    schemas = document["components"]["schemas"]
    correction = schemas["PersonCorrection"]
    assert set(correction["required"]) == {"kind", "target", "comment", "field", "evidence"}
    assert correction["properties"]["comment"]["maxLength"] == 5000
    assert "rank" in correction["properties"]["field"]["enum"]
    withdrawal = schemas["Withdrawal"]
    assert set(withdrawal["required"]) == {"kind", "target", "comment", "evidence"}
    assert {"$ref": "#/components/schemas/Withdrawal"} in schemas["Contribution"]["oneOf"]
    assert schemas["NewPersonFields"]["properties"]["birth_year"]["anyOf"][0] == {
        "type": "integer", "minimum": 1850, "maximum": 2000,
    }  # fmt: skip
    for path in ("/api/contributions/{contribution_id}/decision",
                 "/api/history/{version}/restore"):  # fmt: skip
        operation = paths[path]["post"]
        assert operation["security"] == [{"session": [], "csrfToken": []}]
        assert {"400", "401", "403", "404", "409", "503"} <= set(operation["responses"])
    limited = document["components"]["responses"]["TooManyRequests"]
    assert limited["headers"]["Retry-After"]["required"] is True
    assert limited["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def _check(operation, checks=CHECKS, **request) -> int:
    """One request made with schemathesis and every check of ``checks`` run on its answer."""
    case = operation.Case(**request)
    return case.call_and_validate(checks=checks, headers=IDENTITY).status_code


@pytest.mark.usefixtures("contributions_removed_afterwards")
def test_a_photo_sent_as_documented_is_stored_pending(operations, shukhovtsy_id, engine):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    form = {"kind": "photo", "target_type": "site", "target_id": shukhovtsy_id,
            "comment": "The plaque in May", "photo": out.getvalue()}  # fmt: skip
    submit = operations["POST /api/contributions"]
    assert _check(submit, body=form, media_type="multipart/form-data") == 201
    with engine.connect() as conn:
        photo = conn.execute(
            text("SELECT mime, approved FROM photos ORDER BY id DESC LIMIT 1")
        ).one()
    assert tuple(photo) == ("image/png", False)


def test_a_rate_limited_submission_is_a_documented_429(test_settings):
    app = create_app(test_settings.model_copy(update={"contribution_rate_limit": "1 per hour"}))
    submit = _operations(app)["POST /api/contributions"]
    body = {"kind": "condition", "target": {"type": "site", "id": 2_000_000_000},
            "value": "The fence is broken", "comment": "Seen in May"}  # fmt: skip
    assert _check(submit, body=body, media_type="application/json") == 404
    assert _check(submit, body=body, media_type="application/json") == 429


def test_moderators_actions_without_a_session_are_documented_401s(app, operations):
    decide = operations["POST /api/contributions/{contribution_id}/decision"]
    restore = operations["POST /api/history/{version}/restore"]
    assert _check(decide, path_parameters={"contribution_id": 1},
                  body={"decision": "approve"}, media_type="application/json") == 401  # fmt: skip
    assert _check(restore, path_parameters={"version": 1}) == 401
    assert _check(decide, path_parameters={"contribution_id": 1}, body={"decision": "approve"},
                  media_type="application/json", headers={"X-CSRFToken": "x"}) == 401  # fmt: skip


def test_a_moderator_without_the_csrf_token_gets_a_documented_400(app, operations, accounts):
    from tests.helpers import sign_in

    client = app.test_client()
    sign_in(client, *accounts("moderator"))
    cookie = client.get_cookie("session").value
    decide = operations["POST /api/contributions/{contribution_id}/decision"]
    case = decide.Case(path_parameters={"contribution_id": 2_000_000_000},
                       body={"decision": "approve"}, media_type="application/json",
                       cookies={"session": cookie})  # fmt: skip
    response = case.call_and_validate(checks=CHECKS, headers=IDENTITY)
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "X-CSRFToken"


# A 503 is the right answer here; every other check still applies.
WHILE_DOWN = [check for check in CHECKS if check is not not_a_server_error]


def test_every_operation_answers_a_documented_503_while_the_database_is_down(test_settings):
    """Each operation's simplest request, made while nothing listens where the database
    should be, is a 503 with Retry-After in the error shape (or does not need it)."""
    from mapapp.openapi.document import WITHOUT_DATABASE

    settings = test_settings.model_copy(
        update={"database_url": "postgresql+psycopg://mapapp:mapapp@127.0.0.1:1/nowhere_test"}
    )
    app = create_app(settings)
    statuses = {}
    for label, operation in _operations(app).items():
        path_parameters = {
            p.name: ("burial_sites" if p.name == "collection_id" else 1)
            for p in operation.path_parameters
        }
        request = {"path_parameters": path_parameters, "query": _required_query(label)}
        if label == "POST /api/contributions":
            request |= {"media_type": "application/json", "body": {
                "kind": "condition", "target": {"type": "site", "id": 1},
                "value": "The fence is broken", "comment": "Seen in May"}}  # fmt: skip
        elif label.endswith("/decision"):
            request |= {"media_type": "application/json", "body": {"decision": "approve"}}
        statuses[label] = _check(operation, WHILE_DOWN, **request)
    expected = {label: 200 for label in statuses if _endpoint(app, label) in WITHOUT_DATABASE}
    expected |= {label: 401 for label in statuses if "/decision" in label or "restore" in label}
    assert statuses == {label: expected.get(label, 503) for label in statuses}


def _required_query(label: str) -> dict:
    """A valid query for the operations that need one."""
    return {
        "GET /api/persons": {"q": "Иванов"},
        "GET /api/places": {"q": "Минск"},
        "GET /api/home-regions/sites": {"country": "Kazakhstan"},
        "GET /api/itinerary": {"sites": "1,2"},
        "GET /api/sites/near": {"lat": 53.9, "lon": 27.56, "km": 10},
    }.get(label, {})


def _endpoint(app, label: str) -> str:
    method, path = label.split(" ", 1)
    adapter = app.url_map.bind("localhost")
    return adapter.match(re.sub(r"{[a-z_]+}", "1", path), method=method)[0]


def test_signed_in_actions_that_cannot_change_anything_answer_as_documented(
    app, operations, engine, accounts, shukhovtsy_id
):
    """Generated decisions by a signed-in moderator, all on a contribution already
    rejected (so each is refused: 400 or 409), and restores by that moderator (403):
    every answer as documented, and nothing changes."""
    from tests.helpers import sign_in

    client = app.test_client()
    token = sign_in(client, *accounts("moderator"))
    submitted = client.post("/api/contributions", json={
        "kind": "condition", "target": {"type": "site", "id": shukhovtsy_id},
        "value": "The fence is broken", "comment": "Seen in May"}).get_json()["id"]  # fmt: skip
    url = f"/api/contributions/{submitted}/decision"
    rejected = client.post(url, json={"decision": "reject", "reason": "a test"},
                           headers={"X-CSRFToken": token})  # fmt: skip
    assert rejected.status_code == 200
    signed_in = {"cookies": {"session": client.get_cookie("session").value},
                 "headers": {"X-CSRFToken": token}}  # fmt: skip
    with engine.connect() as conn:
        audited = conn.execute(text("SELECT max(id) FROM audit_log")).scalar()
    statuses, failures = set(), []
    for label, path_parameters in (
        ("POST /api/contributions/{contribution_id}/decision", {"contribution_id": submitted}),
        ("POST /api/history/{version}/restore", {"version": audited}),
    ):
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            run = _signed_in_run(operations[label], mode, path_parameters, signed_in, statuses)
            try:
                run()
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{label} {mode}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)
    assert statuses == {400, 403, 409}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT max(id) FROM audit_log")).scalar() == audited
        status = conn.execute(
            text("SELECT status FROM contributions WHERE id = :id"), {"id": submitted}
        ).scalar()
    assert status == "rejected"


def _signed_in_run(operation, mode, path_parameters: dict, signed_in: dict, statuses: set):
    """Generated requests to ``operation`` on fixed path parameters, with the session."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def run(case):
        case.path_parameters = path_parameters
        case.cookies = signed_in["cookies"]
        headers = {**IDENTITY, **signed_in["headers"]}
        statuses.add(case.call_and_validate(checks=CHECKS, headers=headers).status_code)

    return run
