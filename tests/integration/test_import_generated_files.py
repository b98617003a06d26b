"""Generated files, end to end: cells of any text (control characters, formulas, long
text) in mapped and unmapped columns, and bytes that are not valid in the file's
encoding, never end in a traceback. Each import either refuses the file with a message
or reports every row as added, present or rejected, with a reason for each rejection."""

import itertools

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from mapapp.importers.errors import ImportFileError
from tests.helpers import fuzz

FUZZ = fuzz(100)

PERSONS = [
    ["ID записи", "Фамилия", "Имя", "Отчество", "Дата рождения", "Дата выбытия", "site_ref",
     "Номер могилы", "Примечание"],
    ["gen-1", "Порождённов", "Иван", "Петрович", "__.__.1902", "22.06.1944",
     "site:shukhovtsy", "7", "обычная запись"],
    ["gen-2", "Порождённов", "Пётр", "", "1903", "07.1944", "site:shukhovtsy", "", ""],
    ["gen-3", "Сгенерированов", "Сергей", "Иванович", "", "", "site:shukhovtsy", "2", "x"],
]  # fmt: skip
SITES = [
    ["Название", "Тип", "Область", "Район", "Всего", "lon", "lat", "Примечание"],
    ["Брацкая магіла (генераваная)", "mass_grave", "Vitebsk", "Дубровенскі раён", "35",
     "30.69", "54.57", "у полі"],
    ["Братская могила", "", "Vitebsk", "Дубровенский район", "10 тыс.", "30.7", "54.6", ""],
]  # fmt: skip

CELL = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"[0-9_ ]{0,3}[.,]?[0-9_ ]{0,3}[.,]?[0-9 ]{0,5}", fullmatch=True),
    st.integers(1, 120_000).map(lambda n: "Ж" * n),
    st.sampled_from(["=1+1", '=HYPERLINK("x")', "'=A1", "+7", "-", "@SUM(1)", "NaN", "inf"]),
)


@st.composite
def _table(draw, fixed):
    """The fixed table with one to four of its data cells generated."""
    rows = [list(row) for row in fixed]
    cells = [(r, c) for r in range(1, len(rows)) for c in range(len(rows[0]))]
    for r, c in draw(st.sets(st.sampled_from(cells), min_size=1, max_size=4)):
        rows[r][c] = draw(CELL)
    return rows


def _csv_bytes(rows) -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


@st.composite
def _damaged_bytes(draw, data: bytes):
    """The file's bytes with a few bytes overwritten or inserted (often not UTF-8)."""
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        byte = draw(st.binary(min_size=1, max_size=2))
        if draw(st.booleans()) and at < len(data):
            data[at : at + len(byte)] = byte
        else:
            data[at:at] = byte
    return bytes(data)


_names = (f"g{n}" for n in itertools.count())


def _assert_accounted(outcome, rows_in_file: int, first_row: int = 2):
    """``first_row``: 2 in a table under its header, 1 for GeoJSON features."""
    if isinstance(outcome, ImportFileError):
        assert str(outcome).strip()
        return
    report = outcome
    assert report.rows_read <= rows_in_file
    assert report.added + report.present + report.rejected == report.rows_read
    assert report.rejected == len({p.row for p in report.problems})
    for problem in report.problems:
        assert first_row <= problem.row < first_row + rows_in_file
        assert problem.reason.strip()


def _import(run, kind, path, **options):
    try:
        return run(kind, path, skip_invalid=True, **options)
    except ImportFileError as refused:
        return refused


@FUZZ
@given(kind=st.sampled_from(["persons", "sites"]), data=st.data())
def test_generated_csv_cells_never_end_in_a_traceback(run, tmp_path, kind, data):
    fixed = PERSONS if kind == "persons" else SITES
    rows = data.draw(_table(fixed), label="rows")
    path = tmp_path / f"{next(_names)}.csv"
    path.write_bytes(_csv_bytes(rows))
    _assert_accounted(_import(run, kind, path), len(rows) - 1)


@FUZZ
@given(kind=st.sampled_from(["persons", "sites"]), data=st.data())
def test_bytes_not_valid_in_the_encoding_never_end_in_a_traceback(run, tmp_path, kind, data):
    fixed = PERSONS if kind == "persons" else SITES
    damaged = data.draw(_damaged_bytes(_csv_bytes(fixed)), label="bytes")
    path = tmp_path / f"{next(_names)}.csv"
    path.write_bytes(damaged)
    encoding = data.draw(st.sampled_from([None, "utf-8", "cp1251"]), label="encoding")
    outcome = _import(run, kind, path, encoding=encoding)
    # Inserted bytes may split a row in two: never more than a few rows more.
    _assert_accounted(outcome, len(fixed) - 1 + 6)


@FUZZ
@given(kind=st.sampled_from(["persons", "sites"]), data=st.data())
def test_generated_xlsx_cells_never_end_in_a_traceback(run, tmp_path, kind, data):
    fixed = PERSONS if kind == "persons" else SITES
    rows = data.draw(_table(fixed), label="rows")
    book = openpyxl.Workbook()
    for row in rows:
        # openpyxl refuses control characters other than tab and line breaks in a cell,
        # as Excel does; a file cannot carry them.
        book.active.append(
            ["".join(ch for ch in cell if ch >= " " or ch in "\t\n\r") for cell in row]
        )
    path = tmp_path / f"{next(_names)}.xlsx"
    book.save(path)
    _assert_accounted(_import(run, kind, path), len(rows) - 1)


NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=False, width=32),
    st.floats(23, 33),
    st.floats(51, 57),
    st.integers(-1000, 1000),
)
POSITION = st.lists(NUMBER, min_size=0, max_size=4)
GEOMETRY = st.one_of(
    st.none(),
    st.builds(lambda c: {"type": "Point", "coordinates": c}, POSITION),
    st.builds(lambda c: {"type": "Point", "coordinates": c}, st.just([])),
    st.builds(lambda cs: {"type": "MultiPoint", "coordinates": cs}, st.lists(POSITION, max_size=3)),
    st.builds(
        lambda cs: {"type": "LineString", "coordinates": cs},
        st.lists(st.lists(st.floats(23, 33), min_size=2, max_size=2), min_size=2, max_size=3),
    ),
    st.just({"type": "GeometryCollection", "geometries": []}),
)
PROPERTY = st.one_of(
    st.none(), st.booleans(), st.integers(), CELL, st.lists(st.integers(), max_size=2)
)


@st.composite
def _feature(draw):
    properties = {"name": draw(st.one_of(CELL, st.just("Брацкая магіла")))}
    for key in draw(
        st.sets(
            st.sampled_from(
                [
                    "kind",
                    "historic",
                    "memorial",
                    "name:ru",
                    "ref:by:gosspisok",
                    "населённый пункт",
                    "район",
                    "note",
                ]
            ),
            max_size=4,
        )
    ):
        properties[key] = draw(PROPERTY)
    return {"type": "Feature", "geometry": draw(GEOMETRY), "properties": properties}


@FUZZ
@given(features=st.lists(_feature(), min_size=1, max_size=4))
def test_generated_geojson_features_never_end_in_a_traceback(run, tmp_path, features):
    import json

    path = tmp_path / f"{next(_names)}.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    outcome = _import(run, "sites", path, given={"kind": "memorial"})
    _assert_accounted(outcome, len(features), first_row=1)
