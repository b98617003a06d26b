"""Place rows that cannot both be right, and points that cannot be in the region: one
register number on two rows with other values refuses both; a point on another continent
(a sign lost, x and y swapped, a wrong CRS) is refused, a near one flagged; a projected
coordinate must be a plain number of metres."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from mapapp.importers.errors import ImportFileError
from tests.integration.test_import_real_files import write

SITES = "name,kind,register_number,Всего,lat,lon\n"


def test_one_register_number_on_two_rows_with_other_values_refuses_both(run, tmp_path, counts):
    content = SITES + "Д1,mass grave,R4-D01,100,54.3,28.1\nД2,mass grave,R4-D01,50,54.3,28.2\n"
    before = counts()
    report = run("sites", write(tmp_path, "twice.csv", content))
    assert not report.committed and counts() == before
    assert [str(p) for p in report.problems] == [
        "row 2: the same record as row 3 (register number R4-D01), with other values: which "
        "is right is for a person to say; correct the file",
        "row 3: the same record as row 2 (register number R4-D01), with other values: which "
        "is right is for a person to say; correct the file",
    ]
    report = run("sites", write(tmp_path, "twice.csv", content), skip_invalid=True)
    assert report.added == 0 and report.rejected == 2


def test_a_row_repeated_cell_for_cell_is_its_duplicate(run, tmp_path):
    row = "Д1,mass grave,R4-D02,100,54.3,28.1\n"
    report = run("sites", write(tmp_path, "repeated.csv", SITES + row + row), skip_invalid=True)
    assert report.committed and (report.added, report.rejected) == (1, 1)
    assert str(report.problems[0]) == "row 3: duplicate of row 2 (same record)"


@pytest.mark.parametrize(
    ("lat", "lon", "fragment"),
    [
        ("-53.9036", "27.5667", "km outside the region: check the coordinates"),
        ("53°54′13″S", "27°34′00″W", "km outside the region"),
        ("3.4835", "71.1284", "km outside the region"),
    ],
)
def test_a_point_far_outside_the_region_is_refused(run, tmp_path, counts, lat, lon, fragment):
    content = f'name,kind,lat,lon\nДалёкая,mass grave,"{lat}","{lon}"\n'
    before = counts()
    report = run("sites", write(tmp_path, "far.csv", content))
    assert not report.committed and counts() == before
    assert fragment in str(report.problems[0]) and "row 2" in str(report.problems[0])


def test_a_point_near_the_region_is_stored_and_flagged_with_its_distance(run, tmp_path, engine):
    report = run(
        "sites", write(tmp_path, "near.csv", "name,kind,lat,lon\nСмоленск,memorial,54.78,33.2\n")
    )
    assert report.committed and report.added == 1
    assert "outside the region (26 km from it)" in str(report.warnings[0])


@pytest.mark.parametrize(
    ("x", "y", "fragment"),
    [
        ("537,500", "5972500", "a comma between thousands, or a decimal comma?"),
        ("5 972 500", "537,500.5", "a comma between thousands"),
        ("27°34′00″", "5972500", "is not a number of metres (with --crs)"),
    ],
)
def test_a_projected_coordinate_is_a_plain_number(run, tmp_path, counts, x, y, fragment):
    content = f'name,kind,x,y\nПроекционная,mass grave,"{x}","{y}"\n'
    before = counts()
    report = run("sites", write(tmp_path, "utm.csv", content), crs="EPSG:32635")
    assert not report.committed and counts() == before
    assert fragment in str(report.problems[0])


def test_swapped_projected_coordinates_are_refused(run, tmp_path, counts):
    content = "name,kind,x,y\nПерепутанная,mass grave,5972500,537500\n"
    report = run("sites", write(tmp_path, "swapped.csv", content), crs="EPSG:32635")
    assert not report.committed
    assert "km outside the region" in str(report.problems[0])


def test_a_projected_point_in_the_region_is_stored(run, tmp_path, engine):
    content = 'name,kind,x,y\nЗаконная,mass grave,537500.5,"5 972 500"\n'  # spaces group
    report = run("sites", write(tmp_path, "utm_ok.csv", content), crs="EPSG:32635")
    assert report.committed, [str(p) for p in report.problems]
    with engine.connect() as conn:
        lat = conn.execute(
            text("SELECT ST_Y(geom) FROM burial_sites WHERE import_batch_id = :b"),
            {"b": report.batch_id},
        ).scalar_one()
    assert 53 < lat < 54


def test_an_osm_export_s_identifiers_say_nothing_of_its_kind(run, tmp_path):
    content = "@id,id,name,historic,lat,lon\nnode/1,1,Братская могила у дороги,memorial,54.3,28.1\n"
    report = run("sites", write(tmp_path, "overpass.csv", content), dry_run=True)
    assert report.notes == []


def test_a_sites_file_imported_as_battles_is_told(run, tmp_path, test_settings):
    from tests.integration.test_person_duplicates import mapapp_cli

    content = (
        "name,Тип,Учётный номер,Всего,lat,lon\nБратская могила,mass grave,R4-K1,120,54.3,28.1\n"
    )
    path = write(tmp_path, "register.csv", content)
    report = run("battles", path, dry_run=True)
    assert report.notes == [
        "the columns Тип, Учётный номер, Всего are read in a sites file, and not in a battles "
        "file: is it a sites file? (mapapp import sites FILE)"
    ]
    assert run("sites", path, dry_run=True).notes == []
    inspected = mapapp_cli(test_settings, "import", "battles", str(path), "--inspect")
    assert "note: the columns Тип, Учётный номер, Всего are read in a sites file" in (
        inspected.stdout
    )


def test_rows_giving_the_same_values_again_are_duplicates_whatever_their_unread_cells(
    run, tmp_path
):
    content = (
        "№ п/п,name,kind,register_number,Всего,Известных,lat,lon\n"
        "1,Д1,mass grave,R4-D03,100,-5,54.3,28.1\n"
        "2,Д1,mass grave,R4-D03,100,,54.3, 28.1\n"
        "3,Д1,mass grave,R4-D03,100,,54.3,28.1\n"
    )
    report = run("sites", write(tmp_path, "numbered.csv", content))
    assert [str(p) for p in report.problems] == [
        "row 2, column 'Известных': a count cannot be negative (value: '-5')",
        "row 4: duplicate of row 3 (same record)",
    ]


def test_a_total_line_of_a_sites_list_is_no_place(run, tmp_path, counts):
    content = (
        "name,kind,district,Всего\n"
        "Братская могила,mass grave,Дубровенский район,52\n"
        "Итого по Дубровенскому району,mass grave,Дубровенский район,52\n"
    )
    report = run("sites", write(tmp_path, "totals.csv", content))
    assert [str(p) for p in report.problems] == [
        "row 3, column 'name': a total line of the list, not a place: leave it out (the counts "
        "are each site's) (value: 'Итого по Дубровенскому району')"
    ]


def test_coordinates_with_hemisphere_letters_first_as_gps_writes_them(run, tmp_path, engine):
    content = 'name,kind,coords\nGPS,mass grave,"N53.90360 E27.56670"\n'
    report = run("sites", write(tmp_path, "gps.csv", content))
    assert report.committed, [str(p) for p in report.problems]
    with engine.connect() as conn:
        point = conn.execute(
            text("SELECT ST_Y(geom), ST_X(geom) FROM burial_sites WHERE import_batch_id = :b"),
            {"b": report.batch_id},
        ).one()
    assert tuple(point) == (53.9036, 27.5667)


def test_a_dash_in_a_count_of_known_or_unknown_is_none(run, tmp_path, engine):
    content = "name,kind,lat,lon,Всего,Известных,Неизвестных\nПрочерк,mass grave,54.1,30.1,40,-,—\n"
    report = run("sites", write(tmp_path, "dash_counts.csv", content))
    assert report.committed, [str(p) for p in report.problems]


@pytest.mark.parametrize(
    ("name", "lat", "lon", "km"),
    [("Вильнюс", "54.687", "25.28", 28), ("Даугавпилс", "55.874", "26.536", 21)],
)
def test_a_point_in_the_box_but_outside_belarus_is_stored_and_flagged(
    run, tmp_path, engine, name, lat, lon, km
):
    report = run(
        "sites", write(tmp_path, "abroad.csv", f"name,kind,lat,lon\n{name},memorial,{lat},{lon}\n")
    )
    assert report.committed and report.added == 1
    assert [str(w) for w in report.warnings] == [
        f"row 2, column 'lat': the point ({lat}, {lon}) is outside Belarus, about {km} km from "
        "its border: check the coordinates"
    ]


def test_a_point_on_the_border_itself_is_not_flagged(run, tmp_path):
    """Brest Fortress stands on the border river: the generalised line must not flag it."""
    content = "name,kind,lat,lon\nБрестская крепость,memorial,52.0833,23.6556\n"
    report = run("battles", write(tmp_path, "brest.csv", content))
    assert report.committed and report.warnings == []


def test_the_border_can_be_left_out_and_a_broken_one_is_named(run, tmp_path):
    content = "name,kind,lat,lon\nВильнюс,memorial,54.687,25.28\n"
    report = run("sites", write(tmp_path, "box.csv", content), region_border=None)
    assert report.committed and report.warnings == []
    broken = write(tmp_path, "border.geojson", '{"type": "FeatureCollection"}')
    with pytest.raises(ImportFileError, match=r"the region's border \(.*border.geojson"):
        run("sites", write(tmp_path, "box2.csv", content), region_border=broken)


def test_a_total_with_a_fraction_is_kept_as_written_and_said(run, tmp_path, engine):
    content = SITES + "Дробная,mass grave,R6-F1,77.5,54.3,28.1\n"
    report = run("sites", write(tmp_path, "fraction.csv", content))
    assert report.committed and report.added == 1
    assert [str(w) for w in report.warnings] == [
        "row 2, column 'Всего': the total '77.5' has a fraction: kept as written, not as a count"
    ]
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT buried_total, buried_as_written FROM burial_sites WHERE name = 'Дробная'")
        ).one()
    assert tuple(stored) == (None, "77.5")
    grouped = run(
        "sites",
        write(tmp_path, "grouped.csv", SITES + "Тысячная,mass grave,R6-F2,2.500,54.3,28.2\n"),
    )
    assert [str(w) for w in grouped.warnings] == [
        "row 2, column 'Всего': the total '2.500': a fraction, or 2500 with a thousands "
        "separator? Kept as written, not as a count"
    ]


def test_a_district_none_of_belarus_has_is_said(run, tmp_path):
    content = "name,kind,district,lat,lon\nМогила,mass grave,Смоленский район,54.5,30.9\n"
    report = run("sites", write(tmp_path, "district.csv", content))
    assert report.committed
    assert [str(w) for w in report.warnings] == [
        "row 2, column 'district': 'Смоленский район' is none of Belarus's 118 districts (a "
        "city's district, or a typo?): stored as written, and persons are found at the site "
        "by its district only as written"
    ]


def test_a_district_of_the_city_of_minsk_is_no_unknown_district(run, tmp_path):
    content = (
        "name,kind,district,lat,lon\n"
        "Могила у парка,mass grave,Савецкі раён,53.93,27.58\n"
        "Могила у сквера,mass grave,Советский район,53.931,27.581\n"
    )
    report = run("sites", write(tmp_path, "city_district.csv", content))
    assert report.committed and report.added == 2
    assert [str(w) for w in report.warnings] == []
