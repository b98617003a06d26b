"""OGC API Features at /ogc against the demo data in PostGIS: every answer is checked
against what the database itself says."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import text

from mapapp.ogc.conformance import CQL2, FEATURES, FILTER

ITEMS = "/ogc/collections/burial_sites/items"


def _db(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).all()


def _link(body: dict, rel: str, type_: str | None = None) -> dict | None:
    return next(
        (
            link
            for link in body["links"]
            if link["rel"] == rel and (type_ is None or link["type"] == type_)
        ),
        None,
    )


def _path(href: str) -> str:
    parts = urlsplit(href)
    return parts.path + ("?" + parts.query if parts.query else "")


def test_landing_page_links_to_the_description_conformance_and_data(client):
    response = client.get("/ogc")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    desc = _link(body, "service-desc")
    assert _path(desc["href"]) == "/openapi.json"
    assert desc["type"] == "application/vnd.oai.openapi+json;version=3.0"
    assert _path(_link(body, "conformance")["href"]) == "/ogc/conformance"
    assert _path(_link(body, "data")["href"]) == "/ogc/collections"
    assert _path(_link(body, "service-doc")["href"]) == "/api/docs"


def test_conformance_declares_core_filter_and_cql2(client):
    declared = set(client.get("/ogc/conformance").get_json()["conformsTo"])
    assert {
        FEATURES + "core",
        FEATURES + "geojson",
        FEATURES + "html",
        FEATURES + "oas30",
        FILTER + "queryables",
        FILTER + "filter",
        FILTER + "features-filter",
        CQL2 + "basic-cql2",
        CQL2 + "cql2-text",
        CQL2 + "cql2-json",
    } <= declared


def test_collections_with_their_extent_from_postgis(client, engine):
    body = client.get("/ogc/collections").get_json()
    by_id = {c["id"]: c for c in body["collections"]}
    assert set(by_id) == {"burial_sites", "battle_locations"}
    for name in by_id:
        (extent,) = _db(
            engine,
            f"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) "
            f"FROM (SELECT ST_Extent(geom) e FROM {name}) x",
        )
        spatial = by_id[name]["extent"]["spatial"]
        assert spatial["bbox"][0] == pytest.approx(list(extent))
        assert spatial["crs"] == "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
        items = _link(by_id[name], "items", "application/geo+json")
        assert _path(items["href"]) == f"/ogc/collections/{name}/items"
    one = client.get("/ogc/collections/battle_locations").get_json()
    assert one["id"] == "battle_locations"
    assert client.get("/ogc/collections/castles").status_code == 404


def test_items_default_page_and_counts(client, engine):
    response = client.get(ITEMS)
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    body = response.get_json()
    (total,) = _db(engine, "SELECT count(*) FROM burial_sites")[0]
    assert body["type"] == "FeatureCollection"
    assert body["numberMatched"] == total
    assert body["numberReturned"] == len(body["features"]) == min(total, 100)


def test_paging_by_next_links_returns_every_site_once_in_order(client, engine):
    ids, href, pages = [], ITEMS + "?limit=7", 0
    while href:
        body = client.get(href).get_json()
        assert body["numberReturned"] == len(body["features"]) <= 7
        ids += [f["id"] for f in body["features"]]
        nxt = _link(body, "next")
        href = _path(nxt["href"]) if nxt else None
        pages += 1
        assert pages < 100
    expected = [r[0] for r in _db(engine, "SELECT id FROM burial_sites ORDER BY id")]
    assert ids == expected
    assert pages == -(-len(expected) // 7)


def test_limit_is_bounded_and_named_when_wrong(client):
    assert client.get(ITEMS + "?limit=10000").status_code == 200
    for bad in ("10001", "0", "-1", "abc", "1e3"):
        response = client.get(ITEMS + "?limit=" + bad)
        assert response.status_code == 400, bad
        assert response.get_json()["error"]["parameter"] == "limit"


def test_bbox_matches_postgis(client, engine):
    bbox = (30.0, 54.0, 31.0, 55.0)
    body = client.get(ITEMS + "?bbox=" + ",".join(map(str, bbox))).get_json()
    expected = [
        r[0]
        for r in _db(
            engine,
            "SELECT id FROM burial_sites WHERE geom && ST_MakeEnvelope(:a, :b, :c, :d, 4326) "
            "ORDER BY id",
            a=bbox[0],
            b=bbox[1],
            c=bbox[2],
            d=bbox[3],
        )
    ]
    assert [f["id"] for f in body["features"]] == expected and expected
    assert body["numberMatched"] == len(expected)
    bad = client.get(ITEMS + "?bbox=1,2,3")
    assert bad.status_code == 400 and bad.get_json()["error"]["parameter"] == "bbox"


def test_properties_selects_the_properties_returned(client):
    body = client.get(ITEMS + "?properties=name,kind&limit=3").get_json()
    assert all(set(f["properties"]) == {"name", "kind"} for f in body["features"])
    bad = client.get(ITEMS + "?properties=name,import_source")
    assert bad.status_code == 400
    assert bad.get_json()["error"]["parameter"] == "properties"
    assert "import_source" in bad.get_json()["error"]["message"]


def test_one_item_as_stored_and_never_its_import_provenance(client, engine, shukhovtsy_id):
    response = client.get(f"{ITEMS}/{shukhovtsy_id}")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    feature = response.get_json()
    (row,) = _db(
        engine,
        "SELECT name, buried_total, buried_as_written, ST_X(geom), ST_Y(geom) "
        "FROM burial_sites WHERE id = :id",
        id=shukhovtsy_id,
    )
    props = feature["properties"]
    assert (props["name"], props["buried_total"], props["buried_as_written"]) == row[:3]
    assert feature["geometry"]["coordinates"] == pytest.approx([row[3], row[4]], abs=1e-6)
    assert not {"import_source", "import_row", "import_batch_id"} & set(props)
    (count,) = _db(engine, "SELECT count(*) FROM burials WHERE site_id = :id", id=shukhovtsy_id)[0]
    assert props["persons_in_registry"] == count
    for missing in ("999999999", "abc", "0", "9" * 30):
        assert client.get(f"{ITEMS}/{missing}").status_code == 404, missing


def test_format_by_parameter_and_by_accept_header(client):
    assert client.get(ITEMS + "?limit=1").mimetype == "application/geo+json"
    assert client.get(ITEMS + "?limit=1&f=html").mimetype == "text/html"
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    assert client.get(ITEMS + "?limit=1", headers=browser).mimetype == "text/html"
    assert client.get("/ogc", headers=browser).mimetype == "text/html"
    assert client.get("/ogc", headers={"Accept": "application/json"}).is_json
    bad = client.get("/ogc?f=xml")
    assert bad.status_code == 400 and bad.get_json()["error"]["parameter"] == "f"


def test_html_pages_escape_what_came_from_data(client, scratch):
    payload = "<script>alert(1)</script>"
    site = scratch.site(payload, 30.1, 54.2)
    for url in (f"{ITEMS}/{site}?f=html", ITEMS + f"?f=html&filter=name%3D'{payload}'"):
        html = client.get(url).get_data(as_text=True)
        assert payload not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    assert client.get(f"{ITEMS}/{site}").get_json()["properties"]["name"] == payload


def test_html_items_page_links_to_the_next_page(client):
    html = client.get(ITEMS + "?limit=2&f=html").get_data(as_text=True)
    assert 'rel="next"' in html and "next=" in html


def test_queryables_are_a_json_schema_of_the_filterable_properties(client):
    response = client.get("/ogc/collections/burial_sites/queryables")
    assert response.status_code == 200 and response.mimetype == "application/schema+json"
    props = response.get_json()["properties"]
    assert props["kind"]["enum"] == [
        "mass_grave",
        "individual_grave",
        "military_cemetery",
        "memorial",
    ]
    assert props["buried_total"]["type"] == "integer"
    assert "geometry" in props and "import_source" not in props


# Each CQL2 filter (text, then JSON) with the SQL condition it must mean.
FILTERS = [
    ("kind = 'mass_grave'", {"op": "=", "args": [{"property": "kind"}, "mass_grave"]},
     "kind = 'mass_grave'"),
    ("buried_total > 100 AND oblast = 'Vitebsk'",
     {"op": "and", "args": [{"op": ">", "args": [{"property": "buried_total"}, 100]},
                            {"op": "=", "args": [{"property": "oblast"}, "Vitebsk"]}]},
     "buried_total > 100 AND oblast = 'Vitebsk'"),
    ("kind IN ('memorial', 'military_cemetery') OR buried_total < 10",
     {"op": "or", "args": [
         {"op": "in", "args": [{"property": "kind"}, ["memorial", "military_cemetery"]]},
         {"op": "<", "args": [{"property": "buried_total"}, 10]}]},
     "kind IN ('memorial', 'military_cemetery') OR buried_total < 10"),
    ("buried_total BETWEEN 10 AND 500", None, "buried_total BETWEEN 10 AND 500"),
    ("name LIKE 'Брацкая%'", {"op": "like", "args": [{"property": "name"}, "Брацкая%"]},
     "name LIKE 'Брацкая%'"),
    ("NOT (kind = 'mass_grave')", None, "NOT (kind = 'mass_grave')"),
    ("register_number IS NULL", None, "register_number IS NULL"),
    ("S_INTERSECTS(geometry, POLYGON((30 54, 31 54, 31 55, 30 55, 30 54)))",
     {"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "Polygon",
      "coordinates": [[[30, 54], [31, 54], [31, 55], [30, 55], [30, 54]]]}]},
     "ST_Intersects(geom, ST_MakeEnvelope(30, 54, 31, 55, 4326))"),
    ("S_INTERSECTS(geometry, BBOX(29, 53, 31, 56)) AND kind <> 'memorial'", None,
     "geom && ST_MakeEnvelope(29, 53, 31, 56, 4326) AND kind <> 'memorial'"),
]  # fmt: skip


@pytest.mark.parametrize(("cql_text", "cql_json", "sql"), FILTERS, ids=[f[0] for f in FILTERS])
def test_cql2_filters_select_what_sql_selects(client, engine, cql_text, cql_json, sql):
    expected = [r[0] for r in _db(engine, f"SELECT id FROM burial_sites WHERE {sql} ORDER BY id")]
    queries = [{"filter": cql_text}, {"filter": cql_text, "filter-lang": "cql2-text"}]
    if cql_json is not None:
        queries.append({"filter": json.dumps(cql_json), "filter-lang": "cql2-json"})
    for query in queries:
        response = client.get(ITEMS, query_string={**query, "limit": 10000})
        assert response.status_code == 200, (query, response.get_data(as_text=True))
        body = response.get_json()
        assert [f["id"] for f in body["features"]] == expected, query
        assert body["numberMatched"] == len(expected)


def test_filters_are_kept_in_next_links(client, engine):
    sql = "SELECT id FROM burial_sites WHERE kind = 'mass_grave' ORDER BY id"
    expected = [r[0] for r in _db(engine, sql)]
    ids, href = [], ITEMS + "?limit=5&filter=kind%3D'mass_grave'"
    while href:
        body = client.get(href).get_json()
        ids += [f["id"] for f in body["features"]]
        nxt = _link(body, "next")
        href = _path(nxt["href"]) if nxt else None
        if href:
            assert parse_qs(urlsplit(href).query)["filter"] == ["kind='mass_grave'"]
    assert ids == expected and len(expected) > 5


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ({"filter": "kind ="}, "filter", "cql2-text"),
        ({"filter": "nosuch = 1"}, "filter", "unknown property 'nosuch'"),
        ({"filter": "buried_total = 'many'"}, "filter", "cannot compare"),
        ({"filter": "name LIKE 5"}, "filter", "LIKE"),
        ({"filter": "import_source IS NULL"}, "filter", "unknown property"),
        ({"filter": "S_INTERSECTS(geometry, POINT(200 54))"}, "filter", "longitudes"),
        ({"filter": "{", "filter-lang": "cql2-json"}, "filter", "cql2-json"),
        ({"filter": "[1, 2]", "filter-lang": "cql2-json"}, "filter", "condition"),
        ({"filter": '{"op": "=", "args": []}', "filter-lang": "cql2-json"}, "filter", "cql2"),
        ({"filter": "kind = 'x'", "filter-lang": "ecql"}, "filter-lang", "cql2-text"),
        ({"filter": "(kind = 'x' OR " * 60 + "kind = 'y'" + ")" * 60}, "filter", "levels deep"),
        ({"filter-crs": "EPSG:3857", "filter": "kind = 'x'"}, "filter-crs", "CRS84"),
        ({"crs": "EPSG:4326"}, "crs", "CRS84"),
    ],
)
def test_malformed_filters_are_a_400_naming_the_problem(client, query, parameter, words):
    response = client.get(ITEMS, query_string=query)
    assert response.status_code == 400, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["parameter"] == parameter
    assert words in error["message"]


def test_battle_locations_filter_on_their_own_queryables(client, engine):
    expected = _db(engine, "SELECT count(*) FROM battle_locations WHERE year_from >= 1944")[0][0]
    body = client.get(
        "/ogc/collections/battle_locations/items", query_string={"filter": "year_from >= 1944"}
    ).get_json()
    assert body["numberMatched"] == expected
    bad = client.get("/ogc/collections/battle_locations/items?filter=kind%3D'x'")
    assert (
        bad.status_code == 400 and "unknown property 'kind'" in bad.get_json()["error"]["message"]
    )
