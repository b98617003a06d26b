"""Lists in Windows Kazakh (kz1048, also STRK1048, RK1048) and in Windows Cyrillic
(cp1251), which differ in 16 bytes only: the Kazakh letters of the one are the Belarusian
ў and the Ukrainian ґ є ї of the other."""

import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import Point
from sqlalchemy import text

from mapapp.importers.errors import ImportFileError
from mapapp.importers.readers import read_as
from tests.helpers import site_names_of_batch

HEADER = "ID записи;Фамилия;Имя;Отчество;Место захоронения;Район захоронения\n"
KAZAKH = [
    ("Әбдіқадыров", "Нұрлан", "Сәрсенбайұлы"),
    ("Жақсылықов", "Ерғали", "Қасымұлы"),
    ("Төлеуов", "Үмбет", "Ғалымұлы"),
]


def write(tmp_path, name, persons, encoding):
    path = tmp_path / name
    rows = "".join(f"{i};{';'.join(p)};Шуховцы;Дубровенский\n" for i, p in enumerate(persons, 1))
    path.write_bytes((HEADER + rows).encode(encoding))
    return path


def stored(engine, batch_id):
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT surname, given_name, patronymic FROM persons "
                "WHERE import_batch_id = :b ORDER BY import_row"
            ),
            {"b": batch_id},
        )
        return [tuple(row) for row in rows]


def test_a_kazakh_list_in_windows_kazakh_is_stored_with_its_letters(run, tmp_path, engine):
    path = write(tmp_path, "kz.csv", KAZAKH, "kz1048")
    dry = run("persons", path, dry_run=True)
    assert dry.encoding == "kz1048" and "encoding kz1048" in read_as(dry)
    report = run("persons", path)
    assert report.committed and report.added == 3, report.problems
    assert report.encoding == "kz1048"
    assert stored(engine, report.batch_id) == KAZAKH  # not 'Јбдіќадыров', 'Нўрлан'


@pytest.mark.parametrize(
    "persons",
    [
        [("Сакалоў", "Іван", "Аўдзеевіч"), ("Кавалёў", "Уладзімір", "Дуброўна")],  # Belarusian
        [("Коваленко", "Євген", "Олексійович"), ("Гаєвий", "Юрій", "Миколаївна")],  # Ukrainian
        [("Импортов", "Пётр", "Ильич"), ("Загрузов", "Иван", "Петрович")],  # Russian
    ],
    ids=["belarusian", "ukrainian", "russian"],
)
def test_a_cp1251_list_is_still_read_as_cp1251(run, tmp_path, engine, persons):
    report = run("persons", write(tmp_path, "list.csv", persons, "cp1251"))
    assert report.committed and report.encoding == "cp1251", report.problems
    assert stored(engine, report.batch_id) == persons  # not 'Сакалоұ', 'Ғвген'


def test_a_list_its_words_do_not_tell_is_refused_until_its_code_page_is_named(
    run, tmp_path, engine, counts
):
    """Үмбет in kz1048 is Їмбет in cp1251, a word Ukrainian could write: the user is shown
    both and says which, rather than a guess being stored."""
    path = write(tmp_path, "short.csv", [("Аманов", "Үмбет", "")], "kz1048")
    before = counts()
    with pytest.raises(ImportFileError) as refused:
        run("persons", path)
    message = str(refused.value)
    assert "'Їмбет' read as cp1251 is 'Үмбет' read as kz1048" in message
    assert "--encoding cp1251" in message and "--encoding kz1048" in message
    assert counts() == before
    report = run("persons", path, encoding="kz1048")
    assert report.committed and stored(engine, report.batch_id) == [("Аманов", "Үмбет", None)]


def test_its_other_names_are_windows_kazakh_too(run, tmp_path, engine):
    path = write(tmp_path, "kz.csv", KAZAKH[1:], "kz1048")
    report = run("persons", path, encoding="RK1048")
    assert report.committed and stored(engine, report.batch_id) == KAZAKH[1:]


NAMES = ["Могила Әбдіқадырова Нұрлана", "Обелиск Төлеуову Үмбету"]


def kazakh_shapefile(tmp_path, cpg: str | None = None):
    """A zipped Shapefile in Windows Kazakh with no language driver byte, and with
    ``cpg`` as its .cpg if given."""
    folder = tmp_path / "shp"
    folder.mkdir()
    gpd.GeoDataFrame(
        {"name": NAMES, "kind": ["mass_grave", "memorial"]},
        geometry=[Point(27.5, 53.9), Point(27.6, 53.8)],
        crs=4326,
    ).to_file(folder / "graves.shp", encoding="RK1048")  # GDAL's name of it
    dbf = bytearray((folder / "graves.dbf").read_bytes())
    dbf[29] = 0
    (folder / "graves.dbf").write_bytes(dbf)
    path = tmp_path / "graves.shp.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for ext in ("shp", "shx", "dbf", "prj"):
            archive.write(folder / f"graves.{ext}", f"graves.{ext}")
        if cpg is not None:
            archive.writestr("graves.cpg", cpg)
    return path


@pytest.mark.parametrize("cpg", [None, "RK1048", "1048", "KZ-1048", "ANSI 1048", "CP1048"])
def test_a_kazakh_shapefile_is_read_by_its_cpg_or_its_text(run, tmp_path, engine, cpg):
    report = run("sites", kazakh_shapefile(tmp_path, cpg))
    assert report.committed and report.added == 2, report.problems
    assert site_names_of_batch(engine, report.batch_id) == NAMES  # not '£áä³', 'Јбдіќадырова'


def test_windows_kazakh_named_for_a_shapefile_is_used(run, tmp_path, engine):
    report = run("sites", kazakh_shapefile(tmp_path), encoding="kz1048")
    assert report.committed and site_names_of_batch(engine, report.batch_id) == NAMES
