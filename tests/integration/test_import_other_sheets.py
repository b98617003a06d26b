"""A file whose list is not where it is read first: a Book of Memory's workbook that opens
on its title page ("Титул") with the list on another sheet, a GeoPackage whose first layer
is not the list. The error names the sheet (layer) read and the others, and which of them
has a header the import reads, to be chosen with --sheet; nothing is stored."""

from __future__ import annotations

import geopandas as gpd
import pytest
from openpyxl import Workbook
from shapely.geometry import Point

from mapapp.importers.errors import ImportFileError
from tests.integration.test_import_real_files import write

LIST_HEADER = ["№ п/п", "Фамилия", "Имя", "Год рождения", "Место захоронения", "Район захоронения"]


def book_with_title_page(tmp_path, *, list_title: bool = False, name="kniga.xlsx"):
    book = Workbook()
    title = book.active
    title.title = "Титул"
    title.append(["Книга памяти (тестовая). Список воинов, похороненных в Дубровенском районе"])
    notes = book.create_sheet("Примечания")
    notes.append(["Составитель: тестовый"])
    persons = book.create_sheet("Список")
    if list_title:
        persons.append(["Список воинов, похороненных в д. Шуховцы"])
        persons.append([])
    persons.append(LIST_HEADER)
    persons.append([1, "Титулов", "Тест", 1913, "Шуховцы", "Дубровенский"])
    book.active = 0  # it opens on its title page
    path = tmp_path / name
    book.save(path)
    return path


def test_a_workbook_opening_on_its_title_page_names_the_sheet_with_the_list(run, tmp_path, counts):
    path = book_with_title_page(tmp_path)
    before = counts()
    with pytest.raises(ImportFileError) as refused:
        run("persons", path)
    message = str(refused.value)
    assert message.startswith(
        "kniga.xlsx, sheet 'Титул' (the one the workbook opens on): no column for 'surname' or "
        "'full_name'"
    )
    assert (
        "Also: the workbook's sheet 'Список' has a header for persons (Фамилия → surname, Имя → "
        "given_name, Год рождения → birth_date, Место захоронения → burial_place, Район "
        "захоронения → burial_district): import it with --sheet 'Список'"
    ) in message
    assert "Примечания" not in message  # a sheet without the columns is not offered
    assert counts() == before
    report = run("persons", path, sheet="Список", dry_run=True)
    assert report.ok and report.added == 1, [str(p) for p in report.problems]


def test_a_mapping_naming_a_column_of_another_sheet_names_that_sheet(run, tmp_path):
    path = book_with_title_page(tmp_path)
    mapping = write(tmp_path, "map.json", '{"Фамилия": "surname"}')
    with pytest.raises(ImportFileError) as refused:
        run("persons", path, mapping=mapping)
    message = str(refused.value)
    assert "sheet 'Титул' (the one the workbook opens on): mapping names column 'Фамилия'" in (
        message
    )
    assert "the workbook's sheet 'Список' has a header for persons (Фамилия → surname" in message


def test_a_list_under_a_title_on_another_sheet_is_named_with_its_header_s_row(run, tmp_path):
    path = book_with_title_page(tmp_path, list_title=True)
    with pytest.raises(ImportFileError) as refused:
        run("persons", path)
    assert ", in row 3 under a title): import it with --sheet 'Список'" in str(refused.value)


def test_no_sheet_with_the_columns_lists_the_others(run, tmp_path):
    book = Workbook()
    book.active.title = "Титул"
    book.active.append(["Книга памяти (тестовая)"])
    book.create_sheet("Заметки").append(["Составитель", "Дата"])
    book.save(tmp_path / "notes.xlsx")
    with pytest.raises(ImportFileError) as refused:
        run("persons", tmp_path / "notes.xlsx")
    assert str(refused.value).endswith(
        "Also: the workbook's other sheets: 'Заметки' (read one with --sheet NAME)"
    )


def test_a_geopackage_s_first_layer_without_the_columns_names_the_layer_with_them(
    run, tmp_path, engine, counts
):
    path = tmp_path / "survey.gpkg"
    gpd.GeoDataFrame(
        {"comment": ["Осмотр 2023 года"]}, geometry=[Point(27.0, 53.0)], crs=4326
    ).to_file(path, layer="a_notes", driver="GPKG")
    gpd.GeoDataFrame(
        {"name": ["Стела у брода"], "kind": ["memorial"]}, geometry=[Point(27.7, 53.7)], crs=4326
    ).to_file(path, layer="graves", driver="GPKG")
    before = counts()
    with pytest.raises(ImportFileError) as refused:
        run("sites", path)
    message = str(refused.value)
    assert message.startswith(
        "survey.gpkg, layer 'a_notes' (the GeoPackage's first): no column for 'name'"
    )
    assert (
        "Also: the GeoPackage's layer 'graves' has a header for sites (lat → lat, lon → lon, "
        "name → name, kind → kind): import it with --sheet graves"
    ) in message
    assert counts() == before
    report = run("sites", path, sheet="graves", dry_run=True)
    assert report.ok and report.added == 1, [str(p) for p in report.problems]
