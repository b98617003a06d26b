"""Importing files: formats, columns, values, links, safety, batches."""

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from mapapp.importers.batches import undo_batch
from mapapp.importers.errors import ImportFileError

RU_HEADER = (
    "Фамилия;Имя;Отчество;Дата рождения;Место рождения;Место призыва;Воинское звание;"
    "Дата выбытия;Причина выбытия;Место захоронения;Район захоронения;Номер фонда;"
    "Номер описи;Номер дела источника информации;Примечание поисковиков\n"
)


def ru_row(
    surname,
    given="Иван",
    born="__.__.1902",
    died="22.06.1944",
    place="Шуховцы",
    district="Дубровенский",
    extra="-",
):
    return (
        f"{surname};{given};Петрович;{born};Карагандинская обл.;Карагандинский ГВК;рядовой;"
        f"{died};убит;{place};{district};58;18001;123;{extra}\n"
    )


def write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return path


def test_obd_style_csv_in_cp1251_with_semicolons(run, tmp_path, engine):
    path = write(tmp_path, "obd.csv", RU_HEADER + ru_row("Импортов") + ru_row("Загрузов"), "cp1251")
    report = run("persons", path)
    assert report.ok and report.committed, [str(p) for p in report.problems]
    assert (report.encoding, report.delimiter) == ("cp1251", ";")
    assert report.added == 2
    assert report.unmapped == ["Примечание поисковиков"]
    with engine.connect() as conn:
        person = (
            conn.execute(
                text(
                    "SELECT p.*, b.site_id, s.ref AS site_ref FROM persons p "
                    "JOIN burials b ON b.person_id = p.id JOIN burial_sites s ON s.id = b.site_id "
                    "WHERE p.surname = 'Импортов'"
                )
            )
            .mappings()
            .one()
        )
        source = conn.execute(
            text(
                "SELECT s.fond, s.opis, s.delo FROM person_sources ps "
                "JOIN sources s ON s.id = ps.source_id WHERE ps.person_id = :id"
            ),
            {"id": person["id"]},
        ).one()
    assert person["site_ref"] == "site:shukhovtsy"
    assert (person["birth_year"], person["birth_month"], person["birth_day"]) == (1902, None, None)
    assert (person["death_year"], person["death_month"], person["death_day"]) == (1944, 6, 22)
    assert person["fate"] == "killed" and person["is_fictional"] is False
    assert person["import_row"] == 2 and person["import_batch_id"] == report.batch_id
    assert person["import_source"]["Примечание поисковиков"] == "-"  # nothing lost
    assert tuple(source) == ("58", "18001", "123")


def test_utf8_bom_and_comma(run, tmp_path):
    content = "\ufeffФамилия,Имя,Дата рождения\nБомов,Иван,12.1943\n"
    report = run("persons", write(tmp_path, "bom.csv", content))
    assert report.ok and report.encoding == "utf-8-sig" and report.delimiter == ","


def test_same_file_twice_and_an_overlapping_file_add_no_duplicates(run, tmp_path, counts):
    first = write(tmp_path, "a.csv", RU_HEADER + ru_row("Первов") + ru_row("Второв"))
    assert run("persons", first).added == 2
    before = counts()
    again = run("persons", first)
    assert (again.added, again.present) == (0, 2)
    overlap = write(tmp_path, "b.csv", RU_HEADER + ru_row("Второв") + ru_row("Третьев"))
    report = run("persons", overlap)
    assert (report.added, report.present) == (1, 1)
    assert counts()["persons"] == before["persons"] + 1


def test_all_or_nothing_by_default(run, tmp_path, counts):
    before = counts()
    bad = (
        RU_HEADER
        + ru_row("Хорошев")
        + ru_row("Плохов", born="31.31.1900")
        + ru_row("Далеков", place="Нигдеево")
        + ru_row("Дневов", died="32.01.1943")
    )
    report = run("persons", write(tmp_path, "bad.csv", bad))
    assert not report.committed and counts() == before
    # Every bad row is reported, in order, each with the part of the value that is wrong:
    # in 31.31.1900 it is the month (31 is a day some months have), in 32.01.1943 the day.
    assert [str(p) for p in report.problems] == [
        "row 3, column 'Дата рождения': month out of range in '31.31.1900' (value: '31.31.1900')",
        "row 4, column 'Место захоронения': no burial site named 'Нигдеево' in 'Дубровенский'",
        "row 5, column 'Дата выбытия': day out of range in '32.01.1943' (value: '32.01.1943')",
    ]
    assert report.rejected == 3


def test_skip_invalid_commits_the_rest_and_writes_a_fixable_file(run, tmp_path, counts):
    before = counts()
    bad = RU_HEADER + ru_row("Годнов") + ru_row("Негоднов", died="когда-то")
    path = write(tmp_path, "mixed.csv", bad)
    report = run("persons", path, skip_invalid=True)
    assert report.committed and report.added == 1 and report.rejected == 1
    assert counts()["persons"] == before["persons"] + 1
    rejects = report.rejects_file.read_text(encoding="utf-8")
    assert "Негоднов" in rejects and "когда-то" in rejects and "not a date" in rejects
    # Fix the rejected row and import the rejects file again.
    fixed = rejects.replace("когда-то", "1943")
    report = run("persons", write(tmp_path, "fixed.csv", fixed))
    assert report.ok and report.added == 1 and "_problems" in report.unmapped


def test_dry_run_writes_nothing_and_says_what_is_already_there(run, tmp_path, counts):
    before = counts()
    path = write(tmp_path, "d.csv", RU_HEADER + ru_row("Сухов") + ru_row("Мокров"))
    report = run("persons", path, dry_run=True)
    assert report.ok and not report.committed and counts() == before
    assert (report.added, report.present) == (2, 0)
    run("persons", write(tmp_path, "one.csv", RU_HEADER + ru_row("Сухов")))
    report = run("persons", path, dry_run=True)
    assert (report.added, report.present) == (1, 1)
    sites = run(
        "sites", Path(__file__).resolve().parents[2] / "data/examples/sites.csv", dry_run=True
    )
    assert (sites.added, sites.present) == (0, 3)


def test_batch_undo_removes_only_that_batch(run, tmp_path, counts, engine):
    from mapapp.importers.batches import UndoError, list_batches, undo_batch

    before = counts()
    report = run("persons", write(tmp_path, "u.csv", RU_HEADER + ru_row("Отменов")))
    assert counts()["persons"] == before["persons"] + 1
    with engine.connect() as conn:
        listed = {b["id"]: b for b in list_batches(conn)}
    assert listed[report.batch_id]["rows_added"] == 1
    removed = undo_batch(engine, report.batch_id)
    # Its surname's word leaves the search's vocabulary; the source its row cites goes too
    # unless an earlier import made it (see the next test).
    assert (removed["burials"], removed["persons"], removed["name_vocabulary"]) == (1, 1, 1)
    assert counts() == before
    with pytest.raises(UndoError, match="already undone"):
        undo_batch(engine, report.batch_id)
    with pytest.raises(UndoError, match="no import batch"):
        undo_batch(engine, 999_999)


def test_undo_takes_the_sources_and_words_only_its_import_brought(run, tmp_path, engine):
    from mapapp.importers.batches import undo_batch

    def stored():
        with engine.connect() as conn:
            return (
                conn.execute(text("SELECT count(*) FROM sources")).scalar(),
                conn.execute(text("SELECT count(*) FROM name_vocabulary")).scalar(),
            )

    before = stored()
    row = ru_row("Однословов", given="Иван").replace(";58;18001;123;", ";9901;1;7;")
    first = run("persons", write(tmp_path, "s.csv", RU_HEADER + row))
    assert stored() == (before[0] + 1, before[1] + 1)  # a new source, a new word
    # Another file cites the same source: it stays while that file's record cites it.
    later = run(
        "persons",
        write(tmp_path, "t.csv", RU_HEADER + row.replace("Однословов", "Двусловов")),
    )
    assert stored() == (before[0] + 1, before[1] + 2)
    assert undo_batch(engine, first.batch_id) == {
        "burials": 1, "persons": 1, "name_vocabulary": 1
    }  # fmt: skip
    assert undo_batch(engine, later.batch_id) == {
        "burials": 1, "persons": 1, "name_vocabulary": 1
    }  # fmt: skip
    # Made by an import of another file (s.csv): not t.csv's to take.
    assert stored() == (before[0] + 1, before[1])
    again = run("persons", write(tmp_path, "s.csv", RU_HEADER + row))
    assert undo_batch(engine, again.batch_id) == {
        "burials": 1, "persons": 1, "name_vocabulary": 1, "sources": 1
    }  # fmt: skip
    assert stored() == before


SITES_CSV = (
    "Название,Тип,Область,Район,Учётный номер,Координаты,Всего,Известных,Неизвестных\n"
    "Тестовая братская могила 1,Братская могила,Vitebsk,Дубровенский район,TEST-1,"
    '"54°34′19″N 30°41′24″E",120,100,20\n'
    "Тестовое кладбище 2,Воинское кладбище,Vitebsk,Оршанский район,TEST-2,"
    '"54.5, 30.4",10 тыс.,,\n'
)


def test_sites_with_dms_and_counts_as_written(run, tmp_path, engine, client):
    report = run("sites", write(tmp_path, "sites.csv", SITES_CSV))
    assert report.ok and report.added == 2, [str(p) for p in report.problems]
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT register_number, kind, buried_total, buried_known, buried_as_written, "
                "round(ST_Y(geom)::numeric, 5)::float8 AS lat, "
                "round(ST_X(geom)::numeric, 5)::float8 AS lon "
                "FROM burial_sites WHERE register_number LIKE 'TEST-%' ORDER BY 1"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("TEST-1", "mass_grave", 120, 100, None, 54.57194, 30.69),
        ("TEST-2", "military_cemetery", None, None, "10 тыс.", 54.5, 30.4),
    ]
    # The new site is found by name at once (its name variants were indexed).
    items = client.get("/api/places?q=Тестовое кладбище").get_json()["items"]
    assert items and items[0]["name"] == "Тестовое кладбище 2"


def test_register_number_already_stored_is_not_added_again(run, tmp_path, counts):
    content = (
        "name,kind,register_number,lat,lon\n"
        "Rylenki again,military cemetery,213Д000473,54.675283,30.811603\n"
    )
    before = counts()
    report = run("sites", write(tmp_path, "again.csv", content))
    assert report.ok and (report.added, report.present) == (0, 1)
    assert counts() == before


def test_pulkovo_gauss_kruger_coordinates_are_transformed(run, tmp_path, engine):
    from pyproj import Transformer

    # Dubrovno in Pulkovo 1942 / Gauss-Krüger zone 6 (EPSG:28406): easting, northing.
    x, y = Transformer.from_crs(4326, 28406, always_xy=True).transform(30.69, 54.57194)
    content = f"name,kind,x,y\nTest GK site,mass grave,{x:.2f},{y:.2f}\n"
    report = run("sites", write(tmp_path, "gk.csv", content), crs="EPSG:28406")
    assert report.ok and report.added == 1, [str(p) for p in report.problems]
    with engine.connect() as conn:
        lat, lon = conn.execute(
            text("SELECT ST_Y(geom), ST_X(geom) FROM burial_sites WHERE name = 'Test GK site'")
        ).one()
    assert abs(lat - 54.57194) < 1e-5 and abs(lon - 30.69) < 1e-5


@pytest.mark.parametrize(
    ("coords", "fragment"),
    [
        ('"nan, 30.1"', "not a finite number"),
        ('"54.1, inf"', "not a finite number"),
        ('"95.0, 30.1"', "latitude 95.0 is outside"),
        ('"54.1, 190"', "longitude 190.0 is outside"),
        ('"30.69, 54.57"', "look swapped"),
        ('"сорок, 30"', "not a coordinate"),
    ],
)
def test_bad_coordinates_are_rejected(run, tmp_path, counts, coords, fragment):
    before = counts()
    content = f"name,kind,coords\nBad point,mass grave,{coords}\n"
    report = run("sites", write(tmp_path, "bad.csv", content))
    assert not report.committed and counts() == before
    assert fragment in str(report.problems[0]) and "row 2" in str(report.problems[0])


def test_point_outside_the_region_is_flagged_not_refused(run, tmp_path):
    content = "name,kind,lat,lon\nFar away,memorial,48.5,35.0\n"
    report = run("sites", write(tmp_path, "far.csv", content), dry_run=True)
    assert report.ok and "outside the region" in str(report.warnings[0])


def test_geojson_in_another_crs_and_zipped_shapefile_and_gpkg(run, tmp_path, engine):
    import geopandas as gpd
    from shapely.geometry import Point

    frame = gpd.GeoDataFrame(
        {"name": ["Geo test site"], "kind": ["memorial"]},
        geometry=[Point(30.69, 54.57194)],
        crs="EPSG:4326",
    ).to_crs(3857)
    frame.to_file(tmp_path / "s.geojson", driver="GeoJSON")
    report = run("sites", tmp_path / "s.geojson", dry_run=True)
    assert report.ok and report.crs and "3857" in report.crs
    frame.to_file(tmp_path / "s.gpkg", driver="GPKG")
    assert run("sites", tmp_path / "s.gpkg", dry_run=True).ok
    shp_dir = tmp_path / "shp"
    shp_dir.mkdir()
    frame.to_file(shp_dir / "sites.shp")
    with zipfile.ZipFile(tmp_path / "sites.zip", "w") as archive:
        for part in shp_dir.iterdir():
            archive.write(part, part.name)
    report = run("sites", tmp_path / "sites.zip")
    assert report.ok and report.added == 1
    with engine.connect() as conn:
        lat = conn.execute(
            text("SELECT ST_Y(geom) FROM burial_sites WHERE name = 'Geo test site'")
        ).scalar()
    assert abs(lat - 54.57194) < 1e-6


def test_mapping_file(run, tmp_path, engine):
    mapping = write(tmp_path, "map.json", json.dumps({"Боец": "surname", "Звали": "given_name"}))
    content = "Боец,Звали,Часть\nКартов,Семён,1373-й стрелковый полк\n"
    report = run("persons", write(tmp_path, "m.csv", content), mapping=mapping)
    mapped = {"Боец": "surname", "Звали": "given_name", "Часть": "unit"}
    assert report.ok and report.mapped == mapped
    try:
        with engine.connect() as conn:
            options = conn.execute(
                text("SELECT options FROM import_batches WHERE id = :b"), {"b": report.batch_id}
            ).scalar_one()
        # The batch's record says which column was read as which field, mapping file or not.
        assert options["columns"] == mapped and options["mapping"] == str(mapping)
    finally:
        undo_batch(engine, report.batch_id)
    bad_map = write(tmp_path, "bad.json", json.dumps({"Боец": "nickname"}))
    with pytest.raises(ImportFileError, match="unknown field 'nickname'"):
        run("persons", write(tmp_path, "m2.csv", content), mapping=bad_map)


@pytest.mark.parametrize(
    ("kind", "name", "options"),
    [
        ("persons", "persons_cp1251.csv", {}),
        ("sites", "sites.csv", {}),
        ("sites", "sites.xlsx", {}),
        ("sites", "sites.geojson", {}),
        ("sites", "sites.gpkg", {}),
        ("sites", "sites.shp.zip", {"mapping": "sites_shp_mapping.json"}),
    ],
)
def test_the_example_files_import(run, kind, name, options):
    from pathlib import Path

    examples = Path(__file__).resolve().parents[2] / "data" / "examples"
    if "mapping" in options:
        options = {"mapping": examples / options["mapping"]}
    report = run(kind, examples / name, **options)
    assert report.ok and report.committed, [str(p) for p in report.problems]
    if kind == "sites":  # real sites of the demo set: already there, nothing added
        assert (report.added, report.present) == (0, 3)
    else:
        assert report.added == 2


def test_bulk_path_restores_every_foreign_key_and_index(run, tmp_path, engine, monkeypatch):
    from mapapp.importers import writers

    def foreign_keys():
        with engine.connect() as conn:
            return sorted(
                conn.execute(
                    text(
                        "SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) "
                        "FROM pg_constraint WHERE contype = 'f'"
                    )
                ).scalars()
            )

    def indexes():
        with engine.connect() as conn:
            return sorted(conn.execute(text("SELECT indexdef FROM pg_indexes")).scalars())

    before, before_indexes = foreign_keys(), indexes()
    monkeypatch.setattr(writers, "BULK_ROWS", 2)
    monkeypatch.setattr(writers, "REBUILD_SHARE", 0.0)
    rows = "".join(ru_row(f"Массов{n}") for n in range(5))
    report = run("persons", write(tmp_path, "bulk.csv", RU_HEADER + rows))
    assert report.ok and report.added == 5, [str(p) for p in report.problems]
    assert foreign_keys() == before
    assert indexes() == before_indexes
    with engine.connect() as conn:
        linked = conn.execute(
            text(
                "SELECT count(*) FROM burials b JOIN persons p ON p.id = b.person_id "
                "WHERE p.surname LIKE 'Массов%'"
            )
        ).scalar()
    assert linked == 5
    # The load's tables have fresh statistics: their newest ids are in them.
    with engine.connect() as conn:
        newest = conn.execute(
            text(
                "SELECT (SELECT max(person_id) FROM burials), (SELECT max(id) FROM persons), "
                "(SELECT histogram_bounds::text::int[] FROM pg_stats "
                " WHERE tablename = 'burials' AND attname = 'person_id'), "
                "(SELECT histogram_bounds::text::int[] FROM pg_stats "
                " WHERE tablename = 'persons' AND attname = 'id')"
            )
        ).one()
    assert newest[2][-1] == newest[0] and newest[3][-1] == newest[1]


def test_a_failure_while_the_stage_copy_is_open_leaves_nothing(run, tmp_path, engine, monkeypatch):
    """The stage's COPY stays open across chunks: a failure between two of them ends it
    with the failure's own error, nothing is stored, and the connection is usable."""
    from mapapp.importers import runner

    def persons_and_burials():
        with engine.connect() as conn:
            return conn.execute(
                text("SELECT (SELECT count(*) FROM persons), (SELECT count(*) FROM burials)")
            ).one()

    before = persons_and_burials()
    checked_chunks = []
    check = runner.check_person_chunk

    def failing_on_the_third_chunk(ctx, chunk, resolver):
        checked_chunks.append(len(chunk))
        if len(checked_chunks) == 3:
            raise RuntimeError("the disk is full")
        return check(ctx, chunk, resolver)

    monkeypatch.setattr(runner, "check_person_chunk", failing_on_the_third_chunk)
    rows = "".join(ru_row(name) for name in ("Обрывов", "Обрывин", "Обрывко", "Обрывец", "Обрыв"))
    path = write(tmp_path, "broken.csv", RU_HEADER + rows)
    with pytest.raises(RuntimeError, match="the disk is full"):
        run("persons", path, chunk_rows=2)
    assert checked_chunks == [2, 2, 1]
    assert persons_and_burials() == before
    monkeypatch.setattr(runner, "check_person_chunk", check)
    report = run("persons", path, chunk_rows=2)  # the same pool, the same file: all in
    assert report.added == 5 and persons_and_burials() == (before[0] + 5, before[1] + 5)


def test_a_differently_spelt_name_is_never_merged_away(run, tmp_path):
    rows = ru_row("Написанов") + ru_row("Напісанаў")  # same person? a human decides
    report = run("persons", write(tmp_path, "spell.csv", RU_HEADER + rows))
    assert report.ok and report.added == 2
