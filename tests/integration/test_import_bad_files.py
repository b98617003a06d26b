"""A corpus of bad files: each is refused with a precise message and writes nothing."""

import io
import json
import zipfile

import pytest

from mapapp.importers import readers
from mapapp.importers.errors import ImportFileError

HEADER = "Фамилия,Имя,Дата рождения,Место захоронения,Район захоронения\n"
GOOD = "Годнов,Иван,1902,Шуховцы,Дубровенский\n"


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _zipped(**files: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name.replace("_", "."), data)
    return buffer.getvalue()


# (file name, bytes, message fragment): files that cannot be read at all.
UNREADABLE = [
    ("empty.csv", b"", "the file is empty"),
    ("header_only.csv", HEADER.encode(), "no data rows"),
    ("blank_header.csv", b"\n" + GOOD.encode(), "the first row (the header) is empty"),
    # A header read as a field over two columns: which holds it cannot be told.
    (
        "twice.csv",
        "Фамилия,Имя,Фамилия\nГоднов,Иван,Годнев\n".encode(),
        "columns 1 and 3 have the same header, 'Фамилия', which is read as 'surname'",
    ),
    ("no_surname.csv", b"Name,Age\nX,3\n", "no column for 'surname' or 'full_name'"),
    ("binary.csv", b"\x00\x01\x02PK\x00", "line 1 holds a NUL byte"),
    ("nul.csv", (HEADER + GOOD).encode() + b"\x00" + GOOD.encode(), "line 3 holds a NUL byte"),
    ("bad.xlsx", b"this is not a zip file", "not a readable .xlsx workbook"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "old .xls files are not read"),
    ("bad.geojson", b'{"type": "FeatureCollection", "features": [', "cannot be read as geodata"),
    ("notes.docx", b"PK", "unknown format '.docx'"),
    # A LibreOffice sheet, a workbook with macros: saved again, they are read.
    ("list.ods", b"PK", "list.ods: an OpenDocument spreadsheet is not read; save it as .xlsx"),
    ("list.xlsm", b"PK", "list.xlsm: a workbook with macros is not read; save it as .xlsx"),
    ("graves.shp", b"\x00\x00'\n", "a Shapefile is read zipped"),
    ("bad.zip", b"not a zip at all", "not a readable zip archive"),
    # A list zipped to be sent: named, with what to do.
    ("list.csv.zip", _zipped(list_csv=(HEADER + GOOD).encode()), "it holds list.csv: unzip it"),
    (
        "two.zip",
        _zipped(a_shp=b"", b_shp=b""),
        "holds 2 Shapefiles ('a.shp', 'b.shp'): choose one with --sheet NAME",
    ),
    # A quote left open: every cell after it would be misread, so nothing is imported.
    ("truncated.csv", (HEADER + GOOD + 'Обрезов,"Иван').encode(), "line 3 cannot be read"),
]


@pytest.mark.parametrize(("name", "data", "fragment"), UNREADABLE)
def test_unreadable_files(run, tmp_path, counts, name, data, fragment):
    before = counts()
    with pytest.raises(ImportFileError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        run("persons", _write(tmp_path, name, data))
    assert counts() == before


def test_a_shapefile_as_qgis_writes_it_is_told_which_files_to_zip(run, tmp_path, counts):
    before = counts()
    for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qmd"):
        _write(tmp_path, "graves" + suffix, b"\x00")
    with pytest.raises(ImportFileError) as raised:
        run("sites", tmp_path / "graves.shp")
    assert (
        "zip graves.shp, graves.shx, graves.dbf, graves.prj and graves.cpg into one archive "
        "(graves.shp.zip) and import that"
    ) in str(raised.value)
    assert counts() == before


def test_wrong_encoding_named_by_the_user(run, tmp_path, counts):
    before = counts()
    path = _write(tmp_path, "w.csv", (HEADER + GOOD).encode("cp1251"))
    with pytest.raises(ImportFileError, match="is not valid utf-8 .*try --encoding cp1251"):
        run("persons", path, encoding="utf-8")
    with pytest.raises(ImportFileError, match="unknown encoding 'klingon'"):
        run("persons", path, encoding="klingon")
    assert counts() == before


# (content, fragments of the problem report): files read, but with rows to refuse.
BAD_ROWS = [
    (
        "shifted",
        HEADER + GOOD + "Сдвигов,Иван,1902,Шуховцы,Дубровенский,лишнее\n",
        ["row 3", "has 6 fields but the header has 5"],
    ),
    ("short", HEADER + GOOD + "Коротов,Иван\n", ["row 3", "has 2 fields"]),
    ("duplicate", HEADER + GOOD + GOOD, ["row 3", "duplicate of row 2"]),
    (
        "unknown site",
        HEADER + GOOD + "Потеров,Иван,1902,Атлантида,\n",
        ["row 3", "no burial site named 'Атлантида'"],
    ),
    (
        "date",
        HEADER + "Датов,Иван,весной 1902,Шуховцы,Дубровенский\n",
        ["row 2", "Дата рождения", "not a date", "expected 1944, 06.1944, 22.06.1944"],
    ),
    (
        "huge cell",
        HEADER + "Огромов," + "И" * 20_000 + ",1902,Шуховцы,Дубровенский\n",
        ["row 2", "Имя", "longer than 10,000 characters"],
    ),
    ("no surname", HEADER + ",Иван,1902,Шуховцы,Дубровенский\n", ["row 2", "surname is empty"]),
]


@pytest.mark.parametrize(("label", "content", "fragments"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_bad_rows(run, tmp_path, counts, label, content, fragments):
    before = counts()
    report = run("persons", _write(tmp_path, "f.csv", content.encode()))
    assert not report.committed and counts() == before
    text = " | ".join(str(p) for p in report.problems)
    for fragment in fragments:
        assert fragment in text, text


def test_formula_cells_in_xlsx_are_never_data(run, tmp_path, counts):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Фамилия", "Имя", "Дата рождения"])
    sheet.append(["Формулов", '=HYPERLINK("http://x","Иван")', 1902])
    sheet.append(["Честнов", "Иван", 1903])
    book.save(tmp_path / "f.xlsx")
    before = counts()
    report = run("persons", tmp_path / "f.xlsx")
    assert not report.committed and counts() == before
    assert "row 2, column 'Имя': a spreadsheet formula, not data" in str(report.problems[0])
    assert len(report.problems) == 1


def test_file_over_the_size_limit(run, tmp_path, counts, monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 100)
    path = _write(tmp_path, "big.csv", (HEADER + GOOD * 10).encode())
    with pytest.raises(ImportFileError, match="over the limit of 100"):
        run("persons", path)


def test_cli_exit_status_and_messages(tmp_path, test_settings, engine):
    import os
    import subprocess
    import sys
    from pathlib import Path

    binary = str(Path(sys.executable).parent / "mapapp")
    env = {**os.environ, "DATABASE_URL": test_settings.database_url}
    good = _write(tmp_path, "g.csv", (HEADER + GOOD).encode())
    bad = _write(tmp_path, "b.csv", (HEADER + GOOD + GOOD).encode())
    empty = _write(tmp_path, "e.csv", b"")

    def run_cli(*args):
        return subprocess.run(
            [binary, "import", "persons", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    ok = run_cli(str(good), "--dry-run")
    assert ok.returncode == 0 and "1 would be added, 0 already present" in ok.stdout
    rejected = run_cli(str(bad))
    assert rejected.returncode == 1
    assert "rejected row 3: duplicate of row 2" in rejected.stdout
    assert "nothing was written" in rejected.stdout
    unreadable = run_cli(str(empty))
    assert unreadable.returncode == 2 and "the file is empty" in unreadable.stderr
    assert "Traceback" not in unreadable.stderr + rejected.stderr
    as_json = run_cli(str(empty), "--json")
    assert as_json.returncode == 2
    assert json.loads(as_json.stdout) == {
        "file": str(empty),
        "error": "e.csv: the file is empty",
        "committed": False,
    }
