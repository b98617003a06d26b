"""Trips: the itinerary API, its files, the plan page and "near here"."""

import itertools
import xml.etree.ElementTree as ET

import gpxpy
import pytest
from sqlalchemy import text

from mapapp.trips.tour import great_circle_km


@pytest.fixture(scope="module")
def site_ids(engine):
    with engine.connect() as conn:
        return conn.execute(text("SELECT id FROM burial_sites ORDER BY id LIMIT 8")).scalars().all()


def _points(engine, ids):
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, ST_Y(geom), ST_X(geom) FROM burial_sites WHERE id = ANY(:ids)"),
            {"ids": ids},
        ).all()
    return {i: (lat, lon) for i, lat, lon in rows}


@pytest.mark.parametrize("round_trip", [0, 1])
def test_itinerary_is_the_shortest_order(client, engine, site_ids, round_trip):
    ids = site_ids[:6]
    start = (53.9, 27.55)
    body = client.get(
        "/api/itinerary",
        query_string={
            "sites": ",".join(map(str, ids)),
            "start": "53.9,27.55",
            "round_trip": round_trip,
        },
    ).get_json()
    assert sorted(body["order"]) == sorted(ids)
    points = _points(engine, ids)
    best = min(
        sum(
            great_circle_km(a, b)
            for a, b in itertools.pairwise(
                [start, *(points[i] for i in perm)] + ([start] if round_trip else [])
            )
        )
        for perm in itertools.permutations(ids)
    )
    assert body["total_km"] == pytest.approx(best, abs=0.001)
    assert body["legs"][0]["from"] == "start" and body["legs"][0]["to"] == body["order"][0]
    assert (body["legs"][-1]["to"] == "start") == bool(round_trip)
    assert sum(leg["km"] for leg in body["legs"]) == pytest.approx(body["total_km"], abs=0.01)
    assert body["distances"] == "great-circle" and body["estimated_driving_hours"] > 0


def test_start_by_settlement_name(client, site_ids):
    body = client.get(
        "/api/itinerary", query_string={"sites": site_ids[0], "start_place": "Мінск"}
    ).get_json()
    assert body["start"] == {"lat": 53.9, "lon": 27.55, "name": "Минск"}


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({}, "sites is required"),
        ({"sites": "1,1"}, "listed twice"),
        ({"sites": "999999"}, "unknown site ids: 999999"),
        ({"sites": "abc"}, "is not a site id"),
        ({"sites": ",".join(str(i) for i in range(1, 52))}, "at most 50 stops"),
        ({"sites": "1", "start": "95,30"}, "outside"),
        ({"sites": "1", "start": "nan,30"}, "outside"),
        ({"sites": "1", "start": "54"}, "LAT,LON"),
        ({"sites": "1", "start_place": "Атлантида"}, "no settlement"),
        ({"sites": "1", "round_trip": "maybe"}, "round_trip"),
    ],
)
def test_bad_itinerary_requests(client, params, fragment):
    response = client.get("/api/itinerary", query_string=params)
    assert response.status_code == 400
    assert fragment in response.get_json()["error"]["message"]
    assert client.get("/plan.gpx", query_string=params).status_code == 400


def test_gpx_kml_csv_hold_every_stop_in_order(client, site_ids):
    params = {"sites": ",".join(map(str, site_ids[:5])), "start": "53.9,27.55"}
    order = client.get("/api/itinerary", query_string=params).get_json()["order"]
    gpx = gpxpy.parse(client.get("/plan.gpx", query_string=params).get_data(as_text=True))
    assert len(gpx.waypoints) == 5
    assert [w.link.rsplit("/", 1)[1] for w in gpx.waypoints] == [str(i) for i in order]
    assert len(gpx.routes[0].points) == 6  # the start and five stops
    kml = ET.fromstring(client.get("/plan.kml", query_string=params).data)  # noqa: S314 (ours)
    names = [e.text for e in kml.iter("{http://www.opengis.net/kml/2.2}name")]
    assert names[1].startswith("1. ") and len(names) == 1 + 5 + 1
    csv_lines = client.get("/plan.csv", query_string=params).get_data(as_text=True).splitlines()
    assert [line.split(",")[1] for line in csv_lines[1:]] == [str(i) for i in order]


# What a trip file says of a mass grave known only to its district, with 106 buried.
DESCRIPTIONS = {
    "en": "Mass grave; Approximate: district only; Buried: 106",
    "ru": "Братская могила; Приблизительно: известен только район; Захоронено: 106",
    "kk": "Бауырластар зираты; Шамамен: тек ауданы белгілі; Жерленгендер: 106",
    "be": "Брацкая магіла; Прыблізна: вядомы толькі раён; Пахавана: 106",
}


@pytest.mark.parametrize("lang", list(DESCRIPTIONS))
def test_gpx_and_kml_describe_a_stop_in_the_language_asked_for(client, scratch, lang):
    site = scratch.site("Братская могила у дороги", 27.1, 53.2, location_precision="district",
                        buried_total=106)  # fmt: skip
    query = {"sites": str(site), "lang": lang}
    gpx = gpxpy.parse(client.get("/plan.gpx", query_string=query).get_data(as_text=True))
    assert [w.description for w in gpx.waypoints] == [DESCRIPTIONS[lang]]
    kml = ET.fromstring(client.get("/plan.kml", query_string=query).data)  # noqa: S314 (ours)
    described = [e.text for e in kml.iter("{http://www.opengis.net/kml/2.2}description")]
    assert [d.split("\n")[0] for d in described] == [DESCRIPTIONS[lang]]


def test_plan_page_and_dossier(client, shukhovtsy_id, site_ids):
    params = {
        "sites": f"{shukhovtsy_id},{site_ids[0]}",
        "start_place": "Minsk",
        "names_country": "Kazakhstan",
        "names_region": "Karaganda",
        "lang": "en",
    }
    html = client.get("/plan", query_string=params).get_data(as_text=True)
    assert html.count('data-testid="plan-stop"') == 2
    assert "Approximate: district only" in html
    assert "<svg" in html  # a QR code per stop
    assert "Names (14)" in html  # Shukhovtsy: only the persons from Karaganda region
    assert 'data-testid="demo-notice"' in html
    for host in ("google.com/maps/dir", "yandex.ru/maps/?rtext=", "openstreetmap.org/directions"):
        assert host in html
    assert "km in straight lines" in html and "Estimated driving time" in html
    assert client.get("/plan?sites=1,1").status_code == 400


def test_near_here(client, shukhovtsy_id):
    body = client.get("/api/sites/near?lat=54.57194&lon=30.69&km=20").get_json()
    kms = [i["km"] for i in body["items"]]
    assert kms == sorted(kms) and all(k <= 20 for k in kms)
    from_karaganda = client.get(
        "/api/sites/near?lat=54.57194&lon=30.69&km=20&country=Kazakhstan&region=Karaganda"
    ).get_json()
    counts = {i["id"]: i["persons_from_home"] for i in from_karaganda["items"]}
    assert counts[shukhovtsy_id] == 14 and all(counts.values())
    assert len(counts) < len(body["items"])  # sites with nobody from there are left out
    for bad in ("lat=91&lon=30", "lat=54&lon=30&km=0", "lat=54", "lat=x&lon=1"):
        assert client.get(f"/api/sites/near?{bad}").status_code == 400
    html = client.get("/near?lat=54.57194&lon=30.69&km=20&lang=en").get_data(as_text=True)
    assert 'data-testid="near-to-trip"' in html and "sites found" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("lat=abc&lon=1&lang=en", "lat must be a number"),
        ("lat=54&lon=30&km=100000&lang=en", "km must be between 0.1 and 300.0"),
        ("lat=54&lon=30&km=100000&lang=kk", "km: 0.1 мен 300.0 аралығында болуы керек"),
        ("lat=91&lon=30&lang=en", "lat must be between -90 and 90"),
    ],
)
def test_near_here_refuses_bad_input_with_a_400_and_says_why(client, query, message):
    response = client.get(f"/near?{query}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'data-testid="near-error">{message}</p>' in html
    assert 'action="/near"' in html  # the form is there to correct it
    assert 'data-testid="near-results"' not in html


def test_sites_in_a_district(client, shukhovtsy_id):
    body = client.get("/api/sites/near?district=Дубровенский район").get_json()
    ids = [i["id"] for i in body["items"]]
    assert shukhovtsy_id in ids and len(ids) >= 3  # Shukhovtsy, Zaruby, Rylenki
    assert all("Дубровен" in i["district"] for i in body["items"])
    same = client.get("/api/sites/near?district=Dubrovno district").get_json()
    assert [i["id"] for i in same["items"]] == ids
    karaganda = client.get(
        "/api/sites/near?district=Дубровенский&country=Казахстан&region=Карагандинская"
    ).get_json()
    assert shukhovtsy_id in [i["id"] for i in karaganda["items"]]
    html = client.get("/near?district=Дубровенский&lang=en").get_data(as_text=True)
    assert 'data-testid="near-to-trip"' in html
