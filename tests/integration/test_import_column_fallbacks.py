"""Two columns for one field: a row's value is the first of them that holds something,
so OpenStreetMap features tagged one way and their neighbours tagged another are all
read; a mapping that names two columns for one field is refused."""

import json

import pytest
from sqlalchemy import text

from mapapp.importers.errors import ImportFileError


def feature(properties: dict, point: list[float] | None) -> dict:
    geometry = {"type": "Point", "coordinates": point} if point else None
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def geojson(tmp_path, name: str, features: list[dict]):
    path = tmp_path / name
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def stored_sites(engine, batch_id: int) -> dict[str, tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT name, kind, register_number, location_precision, "
                "round(ST_Y(geom)::numeric, 4)::float, round(ST_X(geom)::numeric, 4)::float "
                "FROM burial_sites WHERE import_batch_id = :b"
            ),
            {"b": batch_id},
        ).all()
    return {r[0]: tuple(r[1:]) for r in rows}


def test_osm_features_tagged_each_their_own_way_are_all_read(run, tmp_path, engine):
    features = [
        # A war cemetery first: its `cemetery` tag comes before `memorial` in the file.
        feature({"@id": "way/2002", "landuse": "cemetery", "cemetery": "war_cemetery",
                 "name": "Воинское кладбище Запасное"}, [30.51, 54.41]),
        feature({"@id": "node/2001", "historic": "memorial", "memorial": "war_memorial",
                 "name": "Стела Запасная", "ref:by:gosspisok": "213Д009103"}, [30.50, 54.40]),
        feature({"@id": "node/2004", "historic": "memorial", "memorial": "war_memorial",
                 "title": "Обелиск Запасный", "heritage:ref": "213Д009104"}, [30.53, 54.43]),
        # OSM's element type is not the kind of the place.
        feature({"@id": "node/2005", "type": "node", "historic": "memorial",
                 "memorial": "war_memorial", "name": "Памятник Запасный"}, [30.54, 54.44]),
    ]  # fmt: skip
    report = run("sites", geojson(tmp_path, "osm.geojson", features))
    assert report.ok and report.added == 4, [str(p) for p in report.problems]
    sites = stored_sites(engine, report.batch_id)
    assert {name: row[:2] for name, row in sites.items()} == {
        "Воинское кладбище Запасное": ("military_cemetery", None),
        "Стела Запасная": ("memorial", "213Д009103"),
        "Обелиск Запасный": ("memorial", "213Д009104"),
        "Памятник Запасный": ("memorial", None),
    }
    # The report names the further columns and how they are read.
    assert report.also_named["title"] == "name"


def test_a_feature_without_geometry_is_placed_by_its_lat_and_lon(run, tmp_path, engine):
    features = [
        feature({"name": "Братская могила у брода", "lat": "54.6", "lon": "30.6"}, None),
        # Where the geometry is there, it is the point: not the properties.
        feature({"name": "Братская могила у моста", "lat": "55.0", "lon": "29.0"}, [30.61, 54.61]),
    ]
    report = run("sites", geojson(tmp_path, "props.geojson", features))
    assert report.ok and report.added == 2, [str(p) for p in report.problems]
    sites = stored_sites(engine, report.batch_id)
    assert sites["Братская могила у брода"][2:] == ("site", 54.6, 30.6)
    assert sites["Братская могила у моста"][2:] == ("site", 54.61, 30.61)


def test_a_person_s_empty_cell_is_read_from_the_field_s_next_column(run, tmp_path, engine):
    path = tmp_path / "dates.csv"
    path.write_text(
        "ID записи;Фамилия;Год рождения;Дата рождения;Дата гибели\n"
        "9701;Запаснов;;22.06.1920;1944\n"  # the year empty: the date is read
        "9702;Запаснова;1921;03.03.1921;1944\n"  # both: the first column's
        "9703;Запасный;;31.02.1920;1944\n",  # no such day: named in its own column
        encoding="utf-8",
    )
    report = run("persons", path, skip_invalid=True)
    assert report.committed and report.added == 2
    (problem,) = report.problems
    assert (problem.row, problem.column, problem.value) == (4, "Дата рождения", "31.02.1920")
    with engine.connect() as conn:
        births = dict(
            conn.execute(
                text(
                    "SELECT surname, array[birth_year, birth_month, birth_day] FROM persons "
                    "WHERE import_batch_id = :b"
                ),
                {"b": report.batch_id},
            ).all()
        )
    assert births == {"Запаснов": [1920, 6, 22], "Запаснова": [1921, None, None]}


def test_a_mapping_naming_two_columns_for_one_field_is_refused(run, tmp_path, counts):
    path = tmp_path / "two.csv"
    path.write_text("Фамилия,Born,Died\nДвоев,1915,24.06.1944\n", encoding="utf-8")
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"Born": "birth_date", "Died": "birth_date"}), "utf-8")
    before = counts()
    with pytest.raises(ImportFileError, match="two columns for 'birth_date' .'Born' and 'Died'"):
        run("persons", path, mapping=mapping)
    assert counts() == before


def test_a_mapping_naming_a_column_in_another_case_says_which_it_means(run, tmp_path):
    path = tmp_path / "case.csv"
    path.write_text("Фамилия,Year Of Birth\nРегистров,1915\n", encoding="utf-8")
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"year of birth": "birth_date"}), "utf-8")
    with pytest.raises(ImportFileError, match="did you mean 'Year Of Birth'"):
        run("persons", path, mapping=mapping)
    mapping.write_text(json.dumps({"Dead": "death_date"}), "utf-8")
    with pytest.raises(ImportFileError, match="the file's columns are: Фамилия, Year Of Birth"):
        run("persons", path, mapping=mapping)


def test_a_person_file_without_a_grave_column_is_told_before_it_is_stored(
    run, tmp_path, engine, test_settings
):
    import os
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "no-graves.csv"
    path.write_text("Surname,Given name,Место погребения\nБезмогилов,Иван,Шуховцы\n", "utf-8")
    report = run("persons", path, dry_run=True)
    (note,) = report.notes
    assert note.startswith("no column gives the persons' graves")
    assert "(likeliest: 'Место погребения')" in note
    # On the command line, before the rows: with --dry-run, with --inspect.
    mapapp = Path(sys.executable).parent / "mapapp"
    env = {**os.environ, "DATABASE_URL": test_settings.database_url}
    for flag in ("--dry-run", "--inspect"):
        shown = subprocess.run(
            [str(mapapp), "import", "persons", str(path), flag],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert "  note: no column gives the persons' graves" in shown.stdout, shown.stderr
    assert "where first buried" not in note
    # An OBD card's first burial place is no grave of today: without one it is shown nowhere.
    path.write_text(
        "Фамилия,Имя,Первичное место захоронения\nПервомогилов,Иван,д. Шуховцы\n", "utf-8"
    )
    (note,) = run("persons", path, dry_run=True).notes
    assert note.startswith("no column gives the persons' graves")
    assert note.endswith(
        "; 'Первичное место захоронения' (where first buried, or moved from) is kept with a "
        "grave only: without one it stays in each row as read and no page shows it"
    )
    # A file that names its graves gets no such note.
    path.write_text("Surname,Place of burial\nСмогилов,Шуховцы\n", "utf-8")
    assert run("persons", path, dry_run=True).notes == []
