"""Files as desktop programs export them: a Shapefile whose .dbf says no encoding, a
GeoPackage of several layers, Excel's "Unicode text"."""

import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import Point

from mapapp.importers.errors import ImportFileError
from tests.helpers import site_names_of_batch

NAMES = ["Братская могила у д. Каменка", "Обелиск землякам"]


def shapefile_without_encoding(tmp_path, encoding: str = "cp1251", names=NAMES):
    """A zipped Shapefile in ``encoding`` with no .cpg and no language driver byte."""
    folder = tmp_path / "shp"
    folder.mkdir()
    frame = gpd.GeoDataFrame(
        {"name": names, "kind": ["mass_grave", "memorial"]},
        geometry=[Point(27.5, 53.9), Point(27.6, 53.8)],
        crs=4326,
    )
    frame.to_file(folder / "graves.shp", encoding=encoding)
    dbf = bytearray((folder / "graves.dbf").read_bytes())
    dbf[29] = 0  # no language driver, as many exports leave it
    (folder / "graves.dbf").write_bytes(dbf)
    path = tmp_path / "graves.shp.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for ext in ("shp", "shx", "dbf", "prj"):  # no .cpg
            archive.write(folder / f"graves.{ext}", f"graves.{ext}")
    return path


@pytest.mark.parametrize("encoding", ["cp1251", "utf-8", "koi8-r"])
def test_a_shapefile_that_says_no_encoding_is_read_in_its_own(run, tmp_path, engine, encoding):
    path = shapefile_without_encoding(tmp_path, encoding)
    report = run("sites", path)
    assert report.committed and report.added == 2, report.problems
    assert report.encoding == encoding  # and the report says how it was read
    assert site_names_of_batch(engine, report.batch_id) == NAMES  # not "Áðàòñêàÿ ìîãèëà"


def test_encoding_named_for_a_shapefile_is_used_and_elsewhere_refused(run, tmp_path, engine):
    path = shapefile_without_encoding(tmp_path, "koi8-r")
    report = run("sites", path, encoding="koi8_r")  # Python's spelling is GDAL's too
    assert report.committed and site_names_of_batch(engine, report.batch_id) == NAMES
    with pytest.raises(ImportFileError, match="unknown encoding 'klingon'"):
        run("sites", path, encoding="klingon")
    geojson = tmp_path / "g.geojson"
    gpd.GeoDataFrame({"name": ["X"]}, geometry=[Point(27.5, 53.9)], crs=4326).to_file(geojson)
    with pytest.raises(ImportFileError, match="--encoding is for CSV files and zipped Shapefiles"):
        run("sites", geojson, encoding="cp1251", given={"kind": "memorial"})


def test_a_geopackage_of_several_layers_names_the_one_read(run, tmp_path, engine):
    path = tmp_path / "survey.gpkg"
    notes = gpd.GeoDataFrame({"name": ["Осмотр 2023 года"]}, geometry=[Point(27.0, 53.0)], crs=4326)
    graves = gpd.GeoDataFrame(
        {"name": ["Стела у дороги"], "kind": ["memorial"]}, geometry=[Point(27.7, 53.7)], crs=4326
    )
    notes.to_file(path, layer="a_notes", driver="GPKG")
    graves.to_file(path, layer="zakhoronenia", driver="GPKG")
    first = run("sites", path, dry_run=True, given={"kind": "memorial"})
    assert (first.sheet, first.other_sheets, first.sheet_word) == (
        "a_notes",
        ["zakhoronenia"],
        "layer",
    )
    report = run("sites", path, sheet="zakhoronenia")
    assert report.committed and site_names_of_batch(engine, report.batch_id) == ["Стела у дороги"]
    assert (report.sheet, report.other_sheets) == ("zakhoronenia", ["a_notes"])
    with pytest.raises(ImportFileError, match="the GeoPackage's layers are 'a_notes', 'zakh"):
        run("sites", path, sheet="graves")


def test_excel_unicode_text_is_read_as_utf16(run, tmp_path, engine):
    """Excel's "Unicode text" is UTF-16 with a BOM and tabs between the cells."""
    content = "Название\tВид\tШирота\tДолгота\r\nСтела у брода\tmemorial\t52.4\t26.4\r\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(content.encode("utf-16"))  # with its BOM
    report = run("sites", path)
    assert report.committed and report.encoding == "utf-16", report.problems
    assert site_names_of_batch(engine, report.batch_id) == ["Стела у брода"]
    # Without a BOM it must be named; unnamed, the message says how.
    bare = tmp_path / "bare.txt"
    bare.write_bytes(content.replace("брода", "переправы").encode("utf-16-le"))
    with pytest.raises(ImportFileError, match="if it is UTF-16, name it with --encoding utf-16-le"):
        run("sites", bare)
    with pytest.raises(ImportFileError, match="name its order: --encoding utf-16-le"):
        run("sites", bare, encoding="utf-16")  # no traceback: utf-16 needs the mark
    named = run("sites", bare, encoding="utf-16-le")
    assert named.committed and site_names_of_batch(engine, named.batch_id) == ["Стела у переправы"]
    # The mark a named byte order leaves is no part of the first column's name.
    marked = tmp_path / "marked.txt"
    marked.write_bytes(content.replace("брода", "мельницы").encode("utf-16"))
    ordered = run("sites", marked, encoding="utf-16-le")
    assert ordered.mapped["Название"] == "name", ordered.mapped


def shapefile_with_cpg(tmp_path, encoding: str, cpg: str):
    """A zipped Shapefile in ``encoding`` whose .cpg says ``cpg``."""
    path = shapefile_without_encoding(tmp_path, encoding)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("graves.cpg", cpg)
    return path


@pytest.mark.parametrize(
    ("encoding", "cpg"),
    [("utf-8", "65001"), ("utf-8", "UTF-8"), ("cp1251", "ANSI 1251"), ("cp1251", "1251")],
)
def test_a_cpg_in_any_of_its_forms_is_read(run, tmp_path, engine, encoding, cpg):
    report = run("sites", shapefile_with_cpg(tmp_path, encoding, cpg))
    assert report.committed and site_names_of_batch(engine, report.batch_id) == NAMES


def test_a_cpg_the_attributes_are_not_in_is_refused(run, tmp_path, counts):
    before = counts()
    with pytest.raises(ImportFileError, match=r"its .cpg says the attributes are utf-8, but"):
        run("sites", shapefile_with_cpg(tmp_path, "cp1251", "65001"))
    assert counts() == before


def test_one_shapefile_of_an_archive_of_several_is_chosen_with_sheet(run, tmp_path, engine):
    first = shapefile_without_encoding(tmp_path, "utf-8")
    (tmp_path / "shp2").mkdir()
    gpd.GeoDataFrame(
        {"name": ["Курган у д. Второво"], "kind": ["memorial"]},
        geometry=[Point(28.1, 54.2)],
        crs=4326,
    ).to_file(tmp_path / "shp2" / "other.shp", encoding="cp1251")
    with zipfile.ZipFile(first, "a") as archive:
        for ext in ("shp", "shx", "dbf", "prj", "cpg"):
            archive.write(tmp_path / "shp2" / f"other.{ext}", f"more/other.{ext}")
    with pytest.raises(ImportFileError, match=r"holds 2 Shapefiles \('graves.shp', "):
        run("sites", first)
    report = run("sites", first, sheet="other")
    assert report.committed and report.sheet == "more/other.shp", report.problems
    assert site_names_of_batch(engine, report.batch_id) == ["Курган у д. Второво"]
    report = run("sites", first, sheet="graves.shp")
    assert site_names_of_batch(engine, report.batch_id) == NAMES


def test_a_cpg_naming_a_code_page_over_utf8_text_is_refused(run, tmp_path, counts):
    before = counts()
    with pytest.raises(
        ImportFileError, match=r"says the attributes are cp1251, but they are UTF-8"
    ):
        run("sites", shapefile_with_cpg(tmp_path, "utf-8", "1251"))
    assert counts() == before


def test_a_utf8_character_cut_at_a_field_s_end_is_no_other_encoding(tmp_path):
    """A field's width may cut a long UTF-8 name inside a character: that is no sign of
    another encoding (the .cpg check leaves such a file to the reader)."""
    from mapapp.importers.shapefile_encoding import _checked_declared

    header = bytearray(32)
    header[8:10] = (32).to_bytes(2, "little")
    names = ("Братская могила советских воинов " * 3).encode() + "Об".encode()[:-1]
    _checked_declared(tmp_path / "cut.zip", "utf-8", bytes(header) + names)  # no refusal
    with pytest.raises(ImportFileError, match="but they are not UTF-8; they read as cp1251"):
        _checked_declared(
            tmp_path / "cp.zip",
            "utf-8",
            bytes(header) + names.decode("utf-8", "ignore").encode("cp1251"),
        )


def test_a_mac_s_resource_forks_in_the_archive_are_no_shapefiles(run, tmp_path, engine):
    path = shapefile_without_encoding(tmp_path, "utf-8")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("__MACOSX/._graves.shp", b"\x00\x05\x16\x07")
        archive.writestr("._graves.dbf", b"\x00\x05\x16\x07")
    report = run("sites", path)
    assert report.committed and site_names_of_batch(engine, report.batch_id) == NAMES
