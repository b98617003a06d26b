"""No answer is ever a 500: Hypothesis draws values for every query parameter the app
reads, on every GET route the app registers (found in the URL map, so a new route is
covered without editing this file), and every answer must be below 500."""

from __future__ import annotations

import ast
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from flask import request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from mapapp import create_app

PACKAGE = Path(__file__).resolve().parents[2] / "mapapp"

# Every query parameter the application reads. test_every_parameter_read_is_fuzzed keeps
# this list complete: a parameter read anywhere in mapapp/ but missing here fails it.
PARAMETERS = (
    "bbox", "burial_district", "burial_oblast", "callup", "country", "death_from",
    "death_to", "detachment", "district", "hero", "kind", "km", "lang", "lat", "limit", "lon",
    "names_country", "names_region", "nationality", "next", "page", "partisan", "per_page",
    "q", "rank", "region", "round_trip", "sites", "sort", "start", "start_place", "unit",
    "f", "filter", "filter-lang", "filter-crs", "bbox-crs", "crs", "properties",
    "after", "before", "zoom", "exact",
)  # fmt: skip

# Values careless or hostile users send: the edges every parser must survive.
EDGES = [
        "", " ", "0", "-1", "1", "2147483648", "9" * 5000, "1e309", "-1e309", "NaN", "inf",
        "１２３", "²", "0x10", "1_000", "\x00", "a\x00b", "{{7*7}}", "${7*7}", "<script>",
        "' OR 1=1 --", "%", "_", "x" * 10_000, ",".join(str(i) for i in range(1, 61)),
        ",,,", "1,2,3", "1,2", "54.5,30.4", "91,181", "53,27,54,28", "27,53,28,54",
        "-181,-91,181,91", "1944", "31.02.1944", "true", "false", "yes", "ru", "en",
        "mass_grave", "name", "-name", "Жаксылыков", "Шухаўцы", "Kazakhstan", "\u202e",
        "\ud7ff", "Ｍｉｎｓｋ",
        "kind = 'mass_grave'", "buried_total > 'x'", "S_INTERSECTS(geometry, POINT(1e999 0))",
        '{"op": "=", "args": [{"property": "kind"}, 1]}', "((((", "cql2-json", "html", "json",
        "name,kind", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
]  # fmt: skip
VALUES = st.one_of(st.sampled_from(EDGES), st.text(max_size=60), st.integers().map(str))
QUERY = st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=6)
PATH_VALUE = st.one_of(
    st.integers(min_value=-1, max_value=2**70).map(str),
    st.sampled_from(["0", "1", "9" * 5000, "１", "x", "..", "%00", "ru", "en"]),
    st.text(min_size=1, max_size=30),
)


class RecordingArgs(MultiDict):
    """Query arguments that note which names the view reads."""

    read: set[str] = set()

    def get(self, key, default=None, type=None):  # noqa: A002 - MultiDict's signature
        RecordingArgs.read.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):  # noqa: A002
        RecordingArgs.read.add(key)
        return super().getlist(key, type)

    def __getitem__(self, key):
        RecordingArgs.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        RecordingArgs.read.add(key)
        return super().__contains__(key)


@pytest.fixture(scope="module")
def fuzz_app(engine, test_settings):
    """An app of its own whose requests record the parameters their views read."""
    app = create_app(test_settings)

    @app.before_request
    def _record_reads():
        request.args = RecordingArgs(request.args)

    return app


@pytest.fixture(scope="module")
def fuzz_client(fuzz_app):
    return fuzz_app.test_client()


def _get_routes(app) -> list:
    return sorted(
        (rule for rule in app.url_map.iter_rules() if "GET" in rule.methods),
        key=lambda rule: rule.rule,
    )


def _url(rule, path_values: dict, query: dict | None = None) -> str:
    path = rule.rule
    for argument in rule.arguments:
        value = quote(path_values[argument], safe="")
        for converter in ("id", "path", "string", "int"):
            path = path.replace(f"<{converter}:{argument}>", value)
        path = path.replace(f"<{argument}>", value)
    return path + ("?" + urlencode(query) if query else "")


# Plausible values, to reach the code behind the first checks of each view.
PLAUSIBLE = {
    "bbox": "27,53,31,55", "sites": "1,2", "start": "53.9,27.56", "q": "Жаксылыков",
    "lat": "54.5", "lon": "30.4", "km": "25", "country": "Kazakhstan", "page": "2",
    "district": "Дубровенский", "kind": "mass_grave", "sort": "name", "round_trip": "1",
    "filter": "kind = 'mass_grave'", "f": "json", "properties": "name,kind",
}  # fmt: skip
PLAUSIBLE_PATH = {"site_id": "1", "person_id": "1", "battle_id": "1", "unit_id": "1",
                  "code": "en", "filename": "css/app.css", "collection_id": "burial_sites",
                  "feature_id": "1", "size": "192", "photo_id": "1", "file_id": "1"}  # fmt: skip


def _assert_clean(response, url: str) -> None:
    assert response.status_code < 500, (url[:300], response.get_data(as_text=True)[:300])
    if response.status_code == 400 and response.is_json:
        error = response.get_json()["error"]
        assert error["message"]
        assert error.get("parameter") in (None, *PARAMETERS, "site_id", "person_id")


@pytest.fixture(scope="module")
def rules(fuzz_app):
    return _get_routes(fuzz_app)


@pytest.fixture(scope="module")
def parameters_by_route(fuzz_client, rules) -> dict:
    """What each route reads, learned by calling it once with plausible values."""
    read = {}
    for rule in rules:
        RecordingArgs.read = set()
        query = {name: PLAUSIBLE.get(name, "1") for name in PARAMETERS}
        fuzz_client.get(_url(rule, PLAUSIBLE_PATH, query))
        read[rule.rule] = sorted(RecordingArgs.read & set(PARAMETERS))
    return read


def test_every_route_is_fuzzed(rules, parameters_by_route):
    # Guard against an empty URL map or a recorder that saw nothing (then nothing is proved).
    assert len(rules) >= 25
    assert {"/api/itinerary", "/plan.gpx", "/sites/<id:site_id>", "/search"} <= {
        r.rule for r in rules
    }
    assert "sites" in parameters_by_route["/api/itinerary"]
    assert "q" in parameters_by_route["/api/persons"]
    assert sum(len(v) for v in parameters_by_route.values()) >= 60


def _route_names() -> list[str]:
    """The GET routes, read from an application built without touching a database."""
    from mapapp.settings import Settings

    return [rule.rule for rule in _get_routes(create_app(Settings()))]


@pytest.mark.parametrize("route", _route_names())
def test_every_edge_value_in_every_parameter_of_the_route(
    fuzz_client, rules, parameters_by_route, route
):
    """The catalogue of edge values, one parameter at a time, the rest plausible."""
    rule = next(r for r in rules if r.rule == route)
    for name in parameters_by_route[rule.rule]:
        for value in EDGES:
            query = {n: PLAUSIBLE.get(n, "1") for n in parameters_by_route[rule.rule]}
            query[name] = value
            url = _url(rule, PLAUSIBLE_PATH, query)
            _assert_clean(fuzz_client.get(url), url)
    for argument in rule.arguments:
        for value in EDGES:
            url = _url(rule, {**PLAUSIBLE_PATH, argument: value or "x"})
            _assert_clean(fuzz_client.get(url), url)


@settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
    database=None,
)
@given(data=st.data())
def test_no_get_route_answers_5xx(fuzz_client, rules, parameters_by_route, data):
    """Random mixes of values, in the parameters each route reads and in others."""
    rule = data.draw(st.sampled_from(rules), label="route")
    path_values = {a: data.draw(PATH_VALUE, label=a) for a in sorted(rule.arguments)}
    names = parameters_by_route[rule.rule] or list(PARAMETERS)
    query = data.draw(
        st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names)), label="query"
    )
    url = _url(rule, path_values, query)
    _assert_clean(fuzz_client.get(url), url)


def _parameters_read_in_source() -> set[str]:
    """Literal names passed to ``args.get(...)`` or next to ``args`` in a call."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            reads_args = (
                isinstance(func, ast.Attribute)
                and func.attr in ("get", "getlist")
                and ast.unparse(func.value) in ("args", "request.args")
            )
            passes_args = any(ast.unparse(a) in ("args", "request.args") for a in node.args)
            if reads_args or passes_args:
                names.update(
                    a.value
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                )
    return names


def test_every_parameter_read_is_fuzzed():
    read = _parameters_read_in_source()
    assert len(read) >= 20
    assert read <= set(PARAMETERS), sorted(read - set(PARAMETERS))


# Routes that take a body; each needs a fuzz test of its own before it is added here.
# tests/integration/test_no_500_bodies.py fuzzes these.
BODY_ROUTES_FUZZED: set[str] = {
    "/api/contributions",
    "/api/contributions/<id:contribution_id>/decision",
    "/api/history/<id:version>/restore",
    "/contribute",
    "/history/<id:version>/restore",
    "/login",
    "/logout",
    "/moderation/<id:contribution_id>",
}


def test_every_route_with_a_body_has_its_fuzz_test(rules, fuzz_app):
    taking_bodies = {
        rule.rule
        for rule in fuzz_app.url_map.iter_rules()
        if rule.methods & {"POST", "PUT", "PATCH", "DELETE"}
    }
    assert taking_bodies <= BODY_ROUTES_FUZZED, sorted(taking_bodies - BODY_ROUTES_FUZZED)
