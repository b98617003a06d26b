"""A GeoJSON feature whose geometry gives no point to store (null, empty, a line or an area,
coordinates out of range) is refused naming its geometry, which a GeoJSON file has, and
saying what is wrong with it; not a 'lat' column, which it has not. A table's lat and lon
columns, and the lat and lon properties a feature without geometry is placed by, are still
named as such."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_import_real_files import write


def feature(name: str, geometry: dict | None, **properties) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": {"name": name, **properties}}


def collection(*features: dict) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}, ensure_ascii=False)


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


NOT_A_POINT = (
    "not a Point: a place is stored as one point; give this feature the point of the grave "
    'or memorial (in GIS, e.g. QGIS\'s "Point on Surface"), with the precision that says how '
    "exact it is"
)
LINE = {"type": "LineString", "coordinates": [[30.1, 54.1], [30.2, 54.2]]}
AREA = {"type": "Polygon", "coordinates": [[[30, 54], [30.1, 54], [30.1, 54.1], [30, 54]]]}


def problems(report) -> list[tuple[int, str | None, str, str | None]]:
    return [(p.row, p.column, p.reason, p.value) for p in report.problems]


@pytest.mark.parametrize("kind", ["sites", "battles"])
def test_a_feature_s_geometry_is_named_with_what_is_wrong(run, tmp_path, counts, kind):
    extra = {"kind": "mass_grave"} if kind == "sites" else {}
    path = write(
        tmp_path,
        f"{kind}.geojson",
        collection(
            feature("Без геометрии", None, **extra),
            feature("Пустая точка", {"type": "Point", "coordinates": []}, **extra),
            feature("Линия", LINE, **extra),
            feature("Площадь", AREA, **extra),
            feature("За полюсом", point(30.5, 95.0), **extra),
            feature("За краем", point(200.0, 54.5), **extra),
            feature("Нулевая точка", point(0, 0), **extra),
        ),
    )
    before = counts()
    report = run(kind, path)
    assert not report.committed and counts() == before
    unplaced = ", and no settlement or district to place the site at" if kind == "sites" else ""
    by_settlement = "; make it null to place the row by its settlement" if kind == "sites" else ""
    assert problems(report) == [
        (1, "geometry", "the feature's geometry is null" + unplaced, None),
        (2, "geometry", "the feature's geometry is an empty Point" + unplaced, None),
        (3, "geometry", "the feature's geometry is a LineString, " + NOT_A_POINT, None),
        (4, "geometry", "the feature's geometry is a Polygon, " + NOT_A_POINT, None),
        (
            5,
            "geometry",
            "the feature's geometry, the point [30.5, 95.0] (longitude, latitude): "
            "latitude 95.0 is outside -90..90",
            None,
        ),
        (
            6,
            "geometry",
            "the feature's geometry, the point [200.0, 54.5] (longitude, latitude): "
            "longitude 200.0 is outside -180..180",
            None,
        ),
        (
            7,
            "geometry",
            "the feature's geometry, the point [0.0, 0.0] (longitude, latitude): the point "
            "(0, 0) is not a place (coordinates missing where the file was made?)" + by_settlement,
            None,
        ),
    ]


def test_a_null_geometry_at_a_settlement_the_gazetteer_lacks_names_the_geometry(run, tmp_path):
    path = write(
        tmp_path,
        "unplaced.geojson",
        collection(feature("Братская могила", None, kind="mass_grave", settlement="д. Небывалово")),
    )
    report = run("sites", path)
    assert problems(report) == [
        (
            1,
            "geometry",
            "the feature's geometry is null, and the gazetteer has no point for settlement "
            "'д. Небывалово'",
            None,
        )
    ]


def test_lat_and_lon_columns_and_properties_are_named_as_such(run, tmp_path):
    csv_file = write(
        tmp_path,
        "sites.csv",
        "name,kind,lat,lon\nЗа полюсом,mass_grave,95.0,30.5\nБез точки,mass_grave,,\n",
    )
    report = run("sites", csv_file)
    assert problems(report) == [
        (2, "lat", "latitude 95.0 is outside -90..90", None),
        (3, "lat", "no coordinates, and no settlement or district to place the site at", None),
    ]
    # A feature without geometry is placed by its lat and lon properties: they are named.
    properties = write(
        tmp_path,
        "by_properties.geojson",
        collection(feature("За полюсом", None, kind="mass_grave", lat=95.0, lon=30.5)),
    )
    report = run("sites", properties)
    assert problems(report) == [(1, "lat", "latitude 95.0 is outside -90..90", None)]
