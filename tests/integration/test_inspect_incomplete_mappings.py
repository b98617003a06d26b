"""--inspect where the mapping it proposes lacks a required field: it is where a mapping is
made, so it shows the mapping as far as it goes, the likeliest columns for what is missing
and for each column left unmapped (a given name's beside the surname mapped; a Shapefile's
ten Latin letters, NAZVANIE, IZVESTN), the sample rows and a mapping file that would read
them, and writes nothing. The mapping it proposes, given, imports the file."""

from __future__ import annotations

import json
import zipfile

import geopandas as gpd
from openpyxl import Workbook
from shapely.geometry import Point
from sqlalchemy import text

from mapapp.importers.inspect import inspect_file
from mapapp.importers.runner import ImportOptions
from tests.helpers import site_names_of_batch
from tests.integration.test_import_real_files import _cli, write

UNKNOWN_HEADERS = "Фамилия бойца;Имя бойца;Год рождения\nИнспектов;Тест;1913\n"


def proposed_mapping(lines: list[str]) -> dict[str, str]:
    (line,) = [line for line in lines if "import with --map FILE, FILE holding" in line]
    return json.loads(line.split("FILE holding ", 1)[1].split(" (check each", 1)[0])


def test_inspect_shows_what_it_can_of_a_mapping_without_a_surname(tmp_path, test_settings, counts):
    path = write(tmp_path, "unkhdr.csv", UNKNOWN_HEADERS)
    before = counts()
    shown = _cli(test_settings, "import", "persons", str(path), "--inspect")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[2:6] == [
        "  proposed mapping (file column → field):",
        "    Фамилия бойца → (not mapped; kept in provenance; likeliest: 'surname')",
        "    Имя бойца → (not mapped; kept in provenance; likeliest: 'given_name')",
        "    Год рождения → birth_date",
    ]
    assert (
        "  missing: no column for 'surname' or 'full_name', which an import needs (likeliest: "
        "'Фамилия бойца')"
    ) in lines
    assert proposed_mapping(lines) == {"Фамилия бойца": "surname", "Имя бойца": "given_name"}
    assert "    row 2: Фамилия бойца='Инспектов', Имя бойца='Тест', Год рождения='1913'" in lines
    assert lines[-1] == "  an import of it would stop at the missing columns; nothing was written"
    assert counts() == before


def test_a_given_name_left_unmapped_beside_the_surname_is_offered(run, tmp_path, engine):
    """Following the error's hint, only the surname was mapped: the given name's column
    was kept in provenance with no word that it looks like one."""
    path = write(tmp_path, "unkhdr.csv", UNKNOWN_HEADERS)
    mapping = write(tmp_path, "map.json", '{"Фамилия бойца": "surname"}')
    lines = inspect_file(ImportOptions(kind="persons", path=path, mapping=mapping))
    assert "    Фамилия бойца → surname" in lines
    assert "    Имя бойца → (not mapped; kept in provenance; likeliest: 'given_name')" in lines
    assert not [line for line in lines if "missing:" in line]
    proposed = proposed_mapping(lines)
    assert proposed == {"Фамилия бойца": "surname", "Имя бойца": "given_name"}
    full = write(tmp_path, "full.json", json.dumps(proposed, ensure_ascii=False))
    report = run("persons", path, mapping=full)
    assert report.committed and report.added == 1, [str(p) for p in report.problems]
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT surname, given_name FROM persons WHERE import_batch_id = :b"),
            {"b": report.batch_id},
        ).one()
    assert tuple(stored) == ("Инспектов", "Тест")


def transliterated_shapefile(tmp_path):
    """A register's Shapefile: its .dbf field names are ten Latin letters at most."""
    folder = tmp_path / "shp"
    folder.mkdir()
    gpd.GeoDataFrame(
        {
            "NAZVANIE": ["Братская могила (тестовая)", "Обелиск (тестовый)"],
            "VID": ["братская могила", "памятник"],
            "NASPUNKT": ["аг. Бабиничи", "д. Высокое"],
            "RAION": ["Оршанский район", "Оршанский район"],
            "VSEGO": [120, 56],
            "IZVESTN": [80, 56],
            "NEIZV": [40, 0],
            "UCHNOMER": ["17", "18"],
        },
        geometry=[Point(30.29, 54.53), Point(30.52, 54.42)],
        crs=4326,
    ).to_file(folder / "orsha.shp", encoding="utf-8")
    path = tmp_path / "orsha.shp.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for ext in ("shp", "shx", "dbf", "prj", "cpg"):
            archive.write(folder / f"orsha.{ext}", f"orsha.{ext}")
    return path


def test_a_shapefile_s_latin_field_names_are_offered_as_the_fields_they_spell(
    run, tmp_path, engine, counts
):
    path = transliterated_shapefile(tmp_path)
    before = counts()
    lines = inspect_file(ImportOptions(kind="sites", path=path))
    assert "    NAZVANIE → (not mapped; kept in provenance; likeliest: 'name')" in lines
    assert "    IZVESTN → (not mapped; kept in provenance; likeliest: 'buried_known')" in lines
    assert (
        "  missing: no column for 'name' or 'name_ru' or 'name_be', which an import needs "
        "(likeliest: 'NAZVANIE')"
    ) in lines
    assert [line for line in lines if line.startswith("    row ")][0].startswith(
        "    row 1: lat='54.53', lon='30.29', NAZVANIE='Братская могила (тестовая)'"
    )
    proposed = proposed_mapping(lines)
    assert proposed == {
        "NAZVANIE": "name",
        "VID": "kind",
        "NASPUNKT": "settlement",
        "RAION": "district",
        "VSEGO": "buried_total",
        "IZVESTN": "buried_known",
        "NEIZV": "buried_unknown",
        "UCHNOMER": "register_number",
    }
    assert counts() == before
    mapping = write(tmp_path, "map.json", json.dumps(proposed))
    report = run("sites", path, mapping=mapping)
    assert report.committed and report.added == 2, [str(p) for p in report.problems]
    assert site_names_of_batch(engine, report.batch_id) == [
        "Братская могила (тестовая)",
        "Обелиск (тестовый)",
    ]
    with engine.connect() as conn:
        known = conn.execute(
            text("SELECT buried_known FROM burial_sites WHERE import_batch_id = :b ORDER BY id"),
            {"b": report.batch_id},
        ).scalars().all()  # fmt: skip
    assert known == [80, 56]


def test_a_short_latin_header_is_offered_as_no_field_it_is_not():
    """Transliterated, short names are like any short header: "lat" is no given name
    ("аты" is aty)."""
    from mapapp.importers.columns import likeliest_field

    assert likeliest_field("persons", "lat", frozenset({"surname"})) is None
    assert likeliest_field("sites", "NEIZV") == "buried_unknown"


def test_inspect_of_the_title_page_names_the_sheet_with_the_list(tmp_path, counts):
    book = Workbook()
    book.active.title = "Титул"
    book.active.append(["Книга памяти (тестовая). Список воинов"])
    persons = book.create_sheet("Список")
    persons.append(["Фамилия", "Имя", "Год рождения"])
    persons.append(["Титулов", "Тест", 1913])
    book.active = 0
    book.save(tmp_path / "kniga.xlsx")
    before = counts()
    lines = inspect_file(ImportOptions(kind="persons", path=tmp_path / "kniga.xlsx"))
    assert "  read as sheet 'Титул' (not read: 'Список'; choose with --sheet)" in lines
    assert (
        "  missing: no column for 'surname' or 'full_name', which an import needs (likeliest: none)"
    ) in lines
    (note,) = [line for line in lines if "'Список' has a header" in line]
    assert note.endswith("import it with --sheet 'Список'")
    assert counts() == before
