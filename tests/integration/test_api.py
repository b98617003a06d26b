"""The JSON API against the real database."""

import math

import pytest

BELARUS = "23.1,51.2,32.8,56.2"
BREST_AREA = "23.0,51.8,24.5,52.5"


def test_sites_feature_collection_shape(client):
    response = client.get(f"/api/sites?bbox={BELARUS}")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    collection = response.get_json(force=True)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) >= 30
    feature = collection["features"][0]
    assert isinstance(feature["id"], int)
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    assert 23 < lon < 33 and 51 < lat < 57  # GeoJSON order: lon, lat
    for key in ("name", "kind", "buried_total", "buried_known", "location_precision"):
        assert key in feature["properties"]


def test_bbox_filters_points(client):
    features = client.get(f"/api/sites?bbox={BREST_AREA}").get_json(force=True)["features"]
    assert features, "the Brest fortress and nearby graves lie in this box"
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        assert 23.0 <= lon <= 24.5 and 51.8 <= lat <= 52.5
    everything = client.get("/api/sites").get_json(force=True)["features"]
    assert len(everything) > len(features)


def test_kind_filter(client):
    features = client.get("/api/sites?kind=military_cemetery").get_json(force=True)["features"]
    assert features and {f["properties"]["kind"] for f in features} == {"military_cemetery"}


def test_shukhovtsy_feature_says_it_is_approximate(client, shukhovtsy_id):
    feature = client.get(f"/api/sites/{shukhovtsy_id}").get_json(force=True)
    assert feature["type"] == "Feature"
    props = feature["properties"]
    assert props["location_precision"] == "district"
    assert "Dubrovno" in props["location_note"]
    assert props["persons_in_registry"] == 35
    assert props["has_fictional_persons"] is True
    assert props["buried_as_written"] == "35 воинов из Казахстана"


def test_site_persons_pages_cover_everyone_once(client, shukhovtsy_id):
    seen = []
    page = 1
    while True:
        body = client.get(f"/api/sites/{shukhovtsy_id}/persons?page={page}&per_page=10").get_json()
        assert body["total"] == 35 and body["pages"] == 4
        seen += [p["id"] for p in body["items"]]
        if page == body["pages"]:
            break
        page += 1
    assert len(seen) == len(set(seen)) == 35


def test_site_persons_sorted_by_name_and_birth(client, shukhovtsy_id):
    items = client.get(f"/api/sites/{shukhovtsy_id}/persons?per_page=100").get_json()["items"]
    names = [p["surname"] for p in items]
    assert names == sorted(names)
    desc = client.get(f"/api/sites/{shukhovtsy_id}/persons?per_page=100&sort=-birth").get_json()
    years = [int(p["birth_date"][-4:]) for p in desc["items"] if p["birth_date"]]
    assert years == sorted(years, reverse=True)
    assert all(p["is_fictional"] for p in items)


def test_battles_and_person(client):
    battles = client.get(f"/api/battles?bbox={BELARUS}").get_json(force=True)
    assert len(battles["features"]) >= 10
    assert all(f["properties"]["kind"] == "battle" for f in battles["features"])
    person = client.get("/api/persons/1").get_json()
    assert person["is_fictional"] is True
    assert person["burials"] and "site_id" in person["burials"][0]


@pytest.mark.parametrize(
    ("url", "status", "fragment"),
    [
        ("/api/sites?bbox=1,2,3", 400, "4 comma-separated"),
        ("/api/sites?bbox=a,b,c,d", 400, "numbers"),
        ("/api/sites?bbox=NaN,50,30,55", 400, "finite"),
        ("/api/sites?bbox=20,50,Infinity,55", 400, "finite"),
        ("/api/sites?bbox=20,50,30,91", 400, "maxlat"),
        ("/api/sites?bbox=20,-95,30,55", 400, "minlat"),
        ("/api/sites?kind=castle", 400, "kind"),
        ("/api/battles?bbox=1,2", 400, "bbox"),
        ("/api/sites/999999", 404, "no burial site"),
        ("/api/sites/99999999999999999999", 404, ""),
        ("/api/sites/0", 404, ""),
        ("/api/sites/abc", 404, ""),
        ("/api/sites/1/persons?page=0", 400, "page"),
        ("/api/sites/1/persons?page=-3", 400, "page"),
        ("/api/sites/1/persons?page=" + "9" * 5000, 400, "page"),
        ("/api/sites/1/persons?per_page=100000", 400, "per_page"),
        ("/api/sites/1/persons?sort=surname;drop", 400, "sort"),
        ("/api/sites/999999/persons", 404, "no burial site"),
        ("/api/battles/999999", 404, "no battle"),
        ("/api/persons/999999", 404, "no person"),
        ("/api/persons/%00", 404, ""),
        ("/api/nowhere", 404, ""),
    ],
)
def test_bad_input_is_a_json_error_never_a_500(client, url, status, fragment):
    response = client.get(url)
    assert response.status_code == status
    body = response.get_json()
    assert body["error"]["status"] == status
    assert fragment in body["error"]["message"]


def test_post_is_refused_with_json(client):
    response = client.post("/api/sites")
    assert response.status_code == 405
    assert response.get_json()["error"]["status"] == 405


def test_coordinates_round_trip_exactly(client, engine):
    from sqlalchemy import text

    with engine.connect() as conn:
        lat, lon = conn.execute(
            text(
                "SELECT ST_Y(geom), ST_X(geom) FROM burial_sites WHERE register_number = "
                "'213Д000153'"
            )
        ).one()
    features = client.get("/api/sites").get_json(force=True)["features"]
    dubrova = next(f for f in features if f["properties"]["register_number"] == "213Д000153")
    assert dubrova["geometry"]["coordinates"] == [29.753333, 55.073056]
    assert math.isclose(lat, 55.073056) and math.isclose(lon, 29.753333)


def test_sites_answer_says_whether_it_is_cut_at_the_limit(client, app):
    settings = app.config["MAPAPP_SETTINGS"]
    whole = client.get("/api/sites").get_json()
    assert whole["aggregated"] is False and whole["truncated"] is False
    assert whole["total"] == len(whole["features"])
    original = settings.max_features
    settings.max_features = 2
    try:
        cut = client.get("/api/sites").get_json()
    finally:
        settings.max_features = original
    assert cut["truncated"] is True and cut["limit"] == 2
    assert len(cut["features"]) == 2 and cut["total"] == whole["total"]


def test_low_zoom_with_many_sites_answers_grid_clusters(client, app):
    settings = app.config["MAPAPP_SETTINGS"]
    whole = client.get("/api/sites").get_json()
    original = settings.map_cluster_threshold
    settings.map_cluster_threshold = 3
    try:
        grouped = client.get("/api/sites?bbox=20,50,35,58&zoom=6").get_json()
        close = client.get("/api/sites?bbox=20,50,35,58&zoom=12").get_json()
        unzoomed = client.get("/api/sites?bbox=20,50,35,58").get_json()
    finally:
        settings.map_cluster_threshold = original
    assert grouped["aggregated"] is True and grouped["truncated"] is False
    assert sum(f["properties"]["count"] for f in grouped["features"]) == grouped["total"]
    assert grouped["total"] == whole["total"]
    registry = sum(f["properties"]["persons_in_registry"] for f in whole["features"])
    assert sum(f["properties"]["persons_in_registry"] for f in grouped["features"]) == registry
    assert all(f["properties"]["cluster"] is True for f in grouped["features"])
    assert len(grouped["features"]) < grouped["total"]
    for feature in grouped["features"]:
        minlon, minlat, maxlon, maxlat = feature["properties"]["bbox"]
        lon, lat = feature["geometry"]["coordinates"]
        assert minlon - 1e-4 <= lon <= maxlon + 1e-4 and minlat - 1e-4 <= lat <= maxlat + 1e-4
    assert close["aggregated"] is False and unzoomed["aggregated"] is False


@pytest.mark.parametrize("zoom", ["-1", "25", "1.5", "x", "999"])
def test_a_bad_zoom_is_a_400_naming_it(client, zoom):
    response = client.get(f"/api/sites?zoom={zoom}")
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == "zoom"
