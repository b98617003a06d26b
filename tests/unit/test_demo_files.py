"""The demo data set keeps to its sources: real places only as the reference gives them."""

import csv
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data" / "geo"


@pytest.fixture(scope="module")
def reference():
    with open(DATA / "reference" / "places.csv", encoding="utf-8") as fh:
        return {row["name_en"]: row for row in csv.DictReader(fh)}


def _features(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def persons():
    with open(DATA / "persons.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_exact_point_is_the_reference_point(reference):
    for feature in _features("sites.geojson") + _features("battles.geojson"):
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        if props["location_precision"] == "district":
            continue
        row = reference[props["name_en"]]
        assert (lat, lon) == (float(row["lat"]), float(row["lon"])), props["name_en"]


def test_sites_without_coordinates_sit_at_the_district_centre_and_say_so(reference):
    dubrovno = reference["Dubrovno"]
    approximate = [
        f for f in _features("sites.geojson") if f["properties"]["location_precision"] == "district"
    ]
    assert {f["properties"]["ref"] for f in approximate} >= {"site:shukhovtsy"}
    for feature in approximate:
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == (float(dubrovno["lat"]), float(dubrovno["lon"]))
        assert "district" in feature["properties"]["location_note"]


def test_size_and_spread():
    sites = _features("sites.geojson")
    assert len(sites) >= 30
    assert len(_features("battles.geojson")) >= 10
    oblasts = {f["properties"]["oblast"] for f in sites}
    assert {"Brest", "Vitebsk", "Gomel", "Grodno", "Minsk", "Mogilev"} <= oblasts


def test_counts_are_never_rounded_into_numbers():
    for feature in _features("sites.geojson"):
        props = feature["properties"]
        written = props["buried_as_written"]
        if written and not written.isdigit():
            assert props["buried_total"] is None, props["name_en"]


def test_persons_are_fictional_and_shukhovtsy_holds_35_from_kazakhstan(persons):
    assert 250 <= len(persons) <= 350
    assert all(p["is_fictional"] == "true" for p in persons)
    assert all(p["is_hero"] == "false" for p in persons)  # no invented heroes
    at_shukhovtsy = [p for p in persons if p["site_ref"] == "site:shukhovtsy"]
    assert len(at_shukhovtsy) == 35
    assert {p["home_country"] for p in at_shukhovtsy} == {"Казахстан"}
    countries = {p["home_country"] for p in persons}
    assert "Казахстан" in countries and len(countries) >= 3


def test_no_fictional_person_in_an_individual_grave_or_memorial(persons):
    kinds = {f["properties"]["ref"]: f["properties"]["kind"] for f in _features("sites.geojson")}
    assert {kinds[p["site_ref"]] for p in persons} <= {"mass_grave", "military_cemetery"}
