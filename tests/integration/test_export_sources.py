"""Exports carry the sources cited for each record (a person's archive references) and a
person's record source and id, and import them again as they were: the names here are
invented, and flagged fictional."""

import csv
import io
import json

import pytest
from sqlalchemy import text

from mapapp.exports import (
    PERSON_COLUMNS,
    SITE_COLUMNS,
    export,
    rows,
    write_csv,
    write_geo,
    write_xlsx,
)
from mapapp.importers.batches import undo_batch

# Two citations: one holds what several sources could be split at (a semicolon, a comma,
# a bar, quotes), the other JSON's own syntax.
BOOK = 'Книга памяти; т. 2, с. 14 | "Дубровно"'
SYNTAX = '"}, {"citation": "x'
CELL_7 = json.dumps(
    [{"citation": BOOK, "url": "https://example.org/a?b=1,2"}, {"citation": SYNTAX}],
    ensure_ascii=False,
)


def _list_text() -> str:
    """An OBD-style list: its archive columns cite one source a row; the sources cell
    more (here two, and none)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["ID записи", "Фамилия", "Имя", "Вымышленный", "site_ref", "Архив", "Номер фонда",
         "Номер описи", "Номер дела", "sources"]
    )  # fmt: skip
    writer.writerow(["7", "Источников", "Пётр", "да", "site:shukhovtsy", "ЦАМО", "58", "18001",
                     "123", CELL_7])  # fmt: skip
    writer.writerow(["8", "Бессылочный", "Иван", "да", "site:shukhovtsy", "", "", "", "", ""])
    return out.getvalue()


# What the first row cites: its archive columns' source, and the two of its cell.
CITED_BY_7 = {
    ("ЦАМО", None, "ЦАМО", "58", "18001", "123", None),
    (BOOK, "https://example.org/a?b=1,2", None, None, None, None, None),
    (SYNTAX, None, None, None, None, None, None),
}
PARTS = ("citation", "url", "archive", "fond", "opis", "delo", "record_id")


def _sources_of(engine, table: str, link: str, key: str, ref: str) -> set:
    with engine.connect() as conn:
        found = conn.execute(
            text(
                f"SELECT {', '.join('src.' + p for p in PARTS)} FROM {table} o "
                f"JOIN {link} x ON x.{key} = o.id JOIN sources src ON src.id = x.source_id "
                "WHERE o.ref = :ref"
            ),
            {"ref": ref},
        ).all()
    return {tuple(r) for r in found}


def _person_sources(engine, ref: str) -> set:
    return _sources_of(engine, "persons", "person_sources", "person_id", ref)


def _person(engine, surname: str):
    with engine.connect() as conn:
        found = conn.execute(
            text("SELECT ref, record_source, record_id FROM persons WHERE surname = :s"),
            {"s": surname},
        )
        return dict(found.mappings().one())


def _exported(engine, refs, fmt: str, path, kind="persons"):
    """The export of the records of ``refs``, as ``export`` writes each format."""
    with engine.connect() as conn:
        records = [r for r in rows(conn, kind) if r["ref"] in refs]
    columns = PERSON_COLUMNS if kind == "persons" else SITE_COLUMNS
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            write_csv(records, columns, fh)
    elif fmt == "xlsx":
        write_xlsx(records, columns, path)
    else:
        write_geo(records, columns, path, {"geojson": "GeoJSON", "gpkg": "GPKG"}[fmt])
    return records


def _imported_list(run, engine, tmp_path):
    path = tmp_path / "obd.csv"
    path.write_text(_list_text(), encoding="utf-8")
    report = run("persons", path)
    assert report.committed and report.added == 2, [str(p) for p in report.problems]
    return report, _person(engine, "Источников"), _person(engine, "Бессылочный")


def test_the_export_writes_each_source_its_parts_and_the_record_id(run, engine, tmp_path):
    _, cited, bare = _imported_list(run, engine, tmp_path)
    assert _person_sources(engine, cited["ref"]) == CITED_BY_7  # a person with three
    path = tmp_path / "persons.csv"
    _exported(engine, {cited["ref"], bare["ref"]}, "csv", path)
    exported = {
        r["ref"]: r for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    }
    row = exported[cited["ref"]]
    assert (row["record_source"], row["record_id"]) == ("obd.csv", "7")
    # One JSON list, each source's parts by name (only those it has), citation first.
    assert json.loads(row["sources"]) == [
        {"citation": SYNTAX},
        {"citation": BOOK, "url": "https://example.org/a?b=1,2"},
        {"citation": "ЦАМО", "archive": "ЦАМО", "fond": "58", "opis": "18001", "delo": "123"},
    ]
    assert row["sources"].startswith('[{"citation": "\\"}, {')  # the quotes escaped, once
    assert exported[bare["ref"]]["sources"] == ""  # a record that cites none


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "geojson", "gpkg"])
def test_an_export_imported_elsewhere_keeps_the_sources_and_whose_id_it_is(
    run, engine, tmp_path, fmt
):
    """Imported again (here after the list's import is undone, as into another database),
    an export gives the same records, with their sources, record source and record id:
    the record source stays the list's, so that the list itself, imported later, is
    recognised as the same records."""
    first, cited, bare = _imported_list(run, engine, tmp_path)
    shared = tmp_path / f"shared.{fmt}"
    _exported(engine, {cited["ref"], bare["ref"]}, fmt, shared)
    undo_batch(engine, first.batch_id)
    again = run("persons", shared)
    assert again.committed and (again.added, again.rejected) == (2, 0), again.problems[:2]
    # Read by the export's own headers, with no mapping.
    for column in ("ref", "record_source", "record_id", "sources"):
        assert again.mapped[column] == column
    assert _person(engine, "Источников") == cited  # same ref, "obd.csv", "7"
    assert _person(engine, "Бессылочный") == bare
    assert _person_sources(engine, cited["ref"]) == CITED_BY_7
    assert _person_sources(engine, bare["ref"]) == set()
    # The list itself is now the same records: nothing is added, nothing said to differ.
    original = run("persons", tmp_path / "obd.csv")
    assert original.committed and (original.added, original.present) == (0, 2)
    assert original.present_differing == 0 and original.ids_elsewhere.found == 0


def test_an_export_without_its_ref_column_is_keyed_by_each_row_s_record_source(
    run, engine, tmp_path
):
    _, cited, _ = _imported_list(run, engine, tmp_path)
    path = tmp_path / "persons.csv"
    _exported(engine, {cited["ref"]}, "csv", path)
    lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    without_ref = tmp_path / "edited.csv"
    with without_ref.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(line[1:] for line in lines)  # `ref` is the first column
    report = run("persons", without_ref)
    # The key is the row's record source and id ("obd.csv", 7), not this file's name.
    assert report.committed and (report.added, report.present) == (0, 1), report.problems[:2]
    assert report.present_differing == 0


def test_formula_like_record_sources_ids_and_citations_stay_inert(run, engine, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "formulas.csv"
    path.write_text(
        "ID записи,Фамилия,Вымышленный,site_ref,record_source,sources\n"
        '-12,Формулов,да,site:shukhovtsy,,"=HYPERLINK(""http://x"")"\n'
        "@7,Плюсов,да,site:shukhovtsy,+7 list,\n",
        encoding="utf-8",
    )
    report = run("persons", path, source="=1+2")
    assert report.committed and report.added == 2, [str(p) for p in report.problems]
    minus, plus = _person(engine, "Формулов"), _person(engine, "Плюсов")
    assert (minus["record_source"], minus["record_id"]) == ("=1+2", "-12")
    assert (plus["record_source"], plus["record_id"]) == ("+7 list", "@7")
    # A cell that is no JSON list is one source, its text the citation.
    assert _person_sources(engine, minus["ref"]) == {('=HYPERLINK("http://x")', *[None] * 6)}
    csv_path, xlsx_path = tmp_path / "out.csv", tmp_path / "out.xlsx"
    for fmt, out in (("csv", csv_path), ("xlsx", xlsx_path)):
        _exported(engine, {minus["ref"], plus["ref"]}, fmt, out)
    written = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    by_id = {r["record_id"]: r for r in written}
    assert set(by_id) == {"'-12", "'@7"}
    assert by_id["'-12"]["record_source"] == "'=1+2" and by_id["'@7"]["record_source"] == "'+7 list"
    assert by_id["'-12"]["sources"] == '[{"citation": "=HYPERLINK(\\"http://x\\")"}]'
    cells = [c for line in load_workbook(xlsx_path).active.iter_rows() for c in line]
    assert not [c for c in cells if c.data_type == "f"]
    assert {"'=1+2", "'-12", "'+7 list", "'@7"} <= {c.value for c in cells}
    undo_batch(engine, report.batch_id)
    for out in (csv_path, xlsx_path):
        again = run("persons", out)
        assert again.committed and again.added == 2, again.problems[:2]
        assert _person(engine, "Формулов") == minus and _person(engine, "Плюсов") == plus
        assert _person_sources(engine, minus["ref"]) == {('=HYPERLINK("http://x")', *[None] * 6)}
        undo_batch(engine, again.batch_id)


BAD_CELLS = [
    ('[{"citation": "ЦАМО"', "begins with [ but is no JSON"),
    ('{"citation": "ЦАМО"}', "begins with { but is not a JSON list of sources"),
    ('["ЦАМО", "ОБД"]', "begins with [ but is not a JSON list of sources"),
    ('[{"citation": "ЦАМО", "fnod": "58"}]', "source 1 has 'fnod', which is no part"),
    ('[{"citation": "ЦАМО"}, {"url": "https://example.org"}]', "source 2 has no citation"),
    ('[{"citation": "ЦАМО", "fond": "' + "5" * 51 + '"}]', "its fond is longer than 50"),
    ('[{"citation": "ЦАМО\\u0000"}]', "its citation contains a NUL character"),
    ('[{"citation": "ЦАМО", "opis": ["1"]}]', 'its opis is ["1"], not text'),
]


@pytest.mark.parametrize(("cell", "reason"), BAD_CELLS)
def test_a_sources_cell_that_is_no_list_of_sources_is_refused(run, tmp_path, counts, cell, reason):
    before = counts()
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Фамилия", "Вымышленный", "site_ref", "sources"])
        writer.writerow(["Ошибкин", "да", "site:shukhovtsy", "[]"])
        writer.writerow(["Неверов", "да", "site:shukhovtsy", cell])
    report = run("persons", path)
    assert not report.committed and report.rejected == 1
    (problem,) = report.problems
    assert (problem.row, problem.column, problem.value) == (3, "sources", cell)
    assert reason in problem.reason
    assert counts() == before


def test_a_site_s_bad_sources_cell_is_refused_too(run, tmp_path, counts):
    before = counts()
    path = tmp_path / "sites.csv"
    path.write_text(
        'name,kind,lat,lon,sources\nОбелиск у брода,memorial,53.9,27.5,"[{""url"": ""x""}]"\n',
        encoding="utf-8",
    )
    report = run("sites", path)
    assert not report.committed
    assert [(p.row, p.column) for p in report.problems] == [(2, "sources")]
    assert counts() == before


def test_a_record_source_without_a_record_id_is_refused(run, tmp_path, counts):
    before = counts()
    path = tmp_path / "no_id.csv"
    path.write_text(
        "Фамилия,Вымышленный,site_ref,record_id,record_source\n"
        "Безномеров,да,site:shukhovtsy,,obd.csv\n"
        "Сномеров,да,site:shukhovtsy,5,obd.csv\n",
        encoding="utf-8",
    )
    report = run("persons", path)
    assert not report.committed and report.rejected == 1
    (problem,) = report.problems
    assert (problem.row, problem.column, problem.value) == (2, "record_source", "obd.csv")
    assert "without a record id" in problem.reason
    assert counts() == before


def test_a_cited_source_already_stored_is_linked_not_stored_again(run, engine, tmp_path, counts):
    """A source is the stored one when all its parts are the same; one no record cites
    after an undo goes with it, one stored before stays."""
    with engine.connect() as conn:
        demo = conn.execute(
            text(
                f"SELECT src.id, {', '.join('src.' + p for p in PARTS)} FROM site_sources x "
                "JOIN sources src ON src.id = x.source_id WHERE src.url IS NOT NULL "
                "ORDER BY src.id LIMIT 1"
            )
        ).one()
    stored = tuple(demo)[1:]
    given = {p: v for p, v in zip(PARTS, stored, strict=True) if v is not None}
    cell = json.dumps([given, {"citation": "Акт обследования, 1992"}], ensure_ascii=False)
    path = tmp_path / "cited_sites.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ref", "name", "kind", "lat", "lon", "sources"])
        writer.writerow(["test:cited:1", "Обелиск у брода", "memorial", "53.9", "27.5", cell])
        writer.writerow(["test:cited:2", "Стела у мельницы", "memorial", "53.8", "27.6", cell])
    before = counts()
    report = run("sites", path)
    assert report.committed and report.added == 2, report.problems[:2]
    assert counts()["sources"] == before["sources"] + 1  # the act, once for both sites
    for ref in ("test:cited:1", "test:cited:2"):
        assert _sources_of(engine, "burial_sites", "site_sources", "site_id", ref) == {
            stored,
            ("Акт обследования, 1992", *[None] * 6),
        }
    with engine.connect() as conn:
        linked = conn.execute(
            text(
                "SELECT count(*) FROM site_sources x JOIN burial_sites s ON s.id = x.site_id "
                "WHERE s.ref LIKE 'test:cited:%' AND x.source_id = :id"
            ),
            {"id": demo.id},
        ).scalar_one()
    assert linked == 2
    undo_batch(engine, report.batch_id)
    assert counts()["sources"] == before["sources"]


def test_a_stored_person_lacking_a_cited_source_is_told_and_left_as_it_is(run, engine, tmp_path):
    _, cited, _ = _imported_list(run, engine, tmp_path)
    path = tmp_path / "more.csv"
    _exported(engine, {cited["ref"]}, "csv", path)
    (row,) = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    sources = json.loads(row["sources"]) + [{"citation": "Донесение, добавленное позже"}]
    row["sources"] = json.dumps(sources, ensure_ascii=False)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    report = run("persons", path)
    assert report.committed and (report.added, report.present) == (0, 1)
    assert report.present_differing_fields == {"source": 1}
    assert _person_sources(engine, cited["ref"]) == CITED_BY_7  # none added


def test_every_person_exported_imports_back_with_nothing_said_to_differ(run, engine, tmp_path):
    """The demo's persons and sites (a Hero with seven sources) exported whole: each
    record's sources cell names what is stored, so nothing differs."""
    for kind in ("persons", "sites"):
        path = tmp_path / f"{kind}.csv"
        with engine.connect() as conn:
            export(conn, kind, "csv", path)
        report = run(kind, path)
        assert report.committed and report.added == 0, report.problems[:2]
        assert report.present_differing == 0, report.present_differing_fields


def _second_burial(engine, ref: str) -> None:
    """A burial linked afterwards (no import adds one to a stored person)."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO burials (person_id, site_id, grave) SELECT p.id, s.id, '3' "
                "FROM persons p, burial_sites s WHERE p.ref = :ref "
                "AND s.ref = 'site:rylenki-memorial-complex-rylenki-war-cemetery-55f634'"
            ),
            {"ref": ref},
        )


def _graves(engine, ref: str) -> set:
    with engine.connect() as conn:
        return {
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT s.ref, b.grave FROM burials b JOIN persons p ON p.id = b.person_id "
                    "JOIN burial_sites s ON s.id = b.site_id WHERE p.ref = :ref"
                ),
                {"ref": ref},
            )
        }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_person_at_two_graves_comes_back_once_with_both(run, engine, tmp_path, fmt):
    """An export writes a person once per grave, with one ref and record id: the rows
    are one record, not an id given twice."""
    first, cited, _ = _imported_list(run, engine, tmp_path)
    _second_burial(engine, cited["ref"])
    graves = _graves(engine, cited["ref"])
    assert len(graves) == 2
    path = tmp_path / f"graves.{fmt}"
    assert len(_exported(engine, {cited["ref"]}, fmt, path)) == 2
    with engine.begin() as conn:  # the burial linked afterwards would keep the undo from it
        conn.execute(
            text(
                "DELETE FROM burials WHERE grave = '3' "
                "AND person_id = (SELECT id FROM persons WHERE ref = :ref)"
            ),
            {"ref": cited["ref"]},
        )
    undo_batch(engine, first.batch_id)
    dry = run("persons", path, dry_run=True)
    assert (dry.added, dry.present, dry.rejected) == (1, 0, 0), dry.problems[:2]
    report = run("persons", path)
    assert report.committed and (report.added, report.present, report.rejected) == (1, 0, 0)
    assert _graves(engine, cited["ref"]) == graves
    assert _person_sources(engine, cited["ref"]) == CITED_BY_7
    again = run("persons", path)  # and imported again, both rows are the stored record
    assert (again.added, again.present, again.present_differing) == (0, 2, 0)


def _rows_of_one_ref(tmp_path, lines: list[str]):
    path = tmp_path / "one_ref.csv"
    header = "ref,record_id,Фамилия,Имя,Вымышленный,site_ref,grave\n"
    path.write_text(header + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


RYLENKI = "site:rylenki-memorial-complex-rylenki-war-cemetery-55f634"


@pytest.mark.parametrize(
    ("lines", "refused"),
    [
        # Another given name: two versions of one record.
        (
            ["test:one:1,9,Двойнов,Пётр,да,site:shukhovtsy,1",
             f"test:one:1,9,Двойнов,Павел,да,{RYLENKI},1"],
            {2: "also in row 3, which says other things", 3: "also in row 2, which says"},
        ),
        # One site twice, another grave: which is right is for a person to say.
        (
            ["test:one:1,9,Двойнов,Пётр,да,site:shukhovtsy,1",
             "test:one:1,9,Двойнов,Пётр,да,site:shukhovtsy,2"],
            {2: "at the same site, with other grave", 3: "at the same site, with other grave"},
        ),
        # A row written twice: the second is its duplicate.
        (
            ["test:one:1,9,Двойнов,Пётр,да,site:shukhovtsy,1",
             "test:one:1,9,Двойнов,Пётр,да,site:shukhovtsy,1"],
            {3: "duplicate of row 2 (same record, same grave)"},
        ),
    ],
)  # fmt: skip
def test_rows_of_one_given_ref_that_are_no_two_graves_are_refused(run, tmp_path, lines, refused):
    report = run("persons", _rows_of_one_ref(tmp_path, lines), dry_run=True)
    assert {p.row for p in report.problems} == set(refused)
    for problem in report.problems:
        assert problem.column == "ref" and refused[problem.row] in problem.reason


def _rows_with_a_note(tmp_path, notes: list[str], sites: list[str], numbers=("1", "2")):
    """Rows of one ref, as a list or an export with columns it does not read: a running
    number, a grave's point, a note."""
    path = tmp_path / "noted.csv"
    lines = ["ref,Фамилия,Имя,Вымышленный,site_ref,№ п/п,lat,lon,Примечание"]
    points = {"site:shukhovtsy": "54.6,30.6", RYLENKI: "54.8,30.1"}
    for number, site, note in zip(numbers, sites, notes, strict=True):
        lines.append(f"test:noted:1,Отметкин,Пётр,да,{site},{number},{points[site]},{note}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_rows_of_one_ref_differing_in_a_column_not_read_are_refused_naming_it(run, tmp_path):
    """The record keeps one row as read: another row's note would be lost."""
    notes = ["перезахоронен в 1956", "со слов родственников"]
    for sites in (["site:shukhovtsy", RYLENKI], ["site:shukhovtsy"] * 2):
        report = run("persons", _rows_with_a_note(tmp_path, notes, sites), dry_run=True)
        assert {p.row for p in report.problems} == {2, 3}, [str(p) for p in report.problems]
        for problem in report.problems:
            assert "which says other things of the person in 'Примечание'" in problem.reason
            assert "№ п/п" not in problem.reason and "'lat'" not in problem.reason


def test_rows_of_one_ref_at_two_graves_may_differ_in_number_and_point(run, engine, tmp_path):
    """A running number and a grave's point are the row's, not the record's."""
    path = _rows_with_a_note(tmp_path, ["", ""], ["site:shukhovtsy", RYLENKI])
    report = run("persons", path)
    assert report.committed and (report.added, report.rejected) == (1, 0), report.problems[:2]
    assert len(_graves(engine, "test:noted:1")) == 2
    # At one site, the second row is the first's duplicate whatever its number.
    again = _rows_with_a_note(tmp_path, ["", ""], ["site:shukhovtsy"] * 2, ("7", "8"))
    dry = run("persons", again, dry_run=True)
    assert [(p.row, p.reason) for p in dry.problems] == [
        (3, "duplicate of row 2 (same record, same grave)")
    ]


def test_one_record_id_on_two_rows_of_a_list_is_still_refused(run, tmp_path):
    """Without a ref column, one id on two rows is two records given one id."""
    path = tmp_path / "list.csv"
    path.write_text(
        "ID записи,Фамилия,Имя,Вымышленный,site_ref\n"
        "9,Двойнов,Пётр,да,site:shukhovtsy\n"
        f"9,Двойнов,Пётр,да,{RYLENKI}\n",
        encoding="utf-8",
    )
    report = run("persons", path, dry_run=True)
    assert [p.row for p in report.problems] == [2, 3]
    assert all("(one id, two rows)" in p.reason for p in report.problems)


def test_the_site_s_persons_csv_carries_sources_and_record_ids(run, engine, tmp_path, client):
    _, cited, _ = _imported_list(run, engine, tmp_path)
    with engine.connect() as conn:
        site_id = conn.execute(
            text("SELECT id FROM burial_sites WHERE ref = 'site:shukhovtsy'")
        ).scalar_one()
    body = client.get(f"/api/sites/{site_id}/persons.csv").get_data(as_text=True)
    rows_read = {r["ref"]: r for r in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))}
    row = rows_read[cited["ref"]]
    assert (row["record_source"], row["record_id"]) == ("obd.csv", "7")
    cell = {tuple(s.get(p) for p in PARTS) for s in json.loads(row["sources"])}
    assert cell == CITED_BY_7


def test_a_geojson_export_keeps_texts_that_look_like_json_as_written(run, tmp_path, engine):
    """GDAL writes a text property that parses as JSON as JSON unless told not to: "[ 1944 ]"
    came back "[1944]", and a sources cell's \\u escapes of a letter beyond the basic
    plane came back as U+FFFD."""
    from mapapp.exports import write_geo

    cell = json.dumps([{"citation": "Архив 𝠀"}], ensure_ascii=True)
    record = {
        "ref": "test:geojson-text",
        "surname": "Скобкин",
        "given_name": "Иван",
        "biography": "[ 1944 ]",
        "sources": cell,
    }
    path = tmp_path / "texts.geojson"
    write_geo([record], list(record), path, "GeoJSON")
    properties = json.loads(path.read_text(encoding="utf-8"))["features"][0]["properties"]
    assert (properties["biography"], properties["sources"]) == ("[ 1944 ]", cell)
    report = run("persons", path)
    assert report.committed and report.added == 1, report.problems
    with engine.connect() as conn:
        biography, citation = conn.execute(
            text(
                "SELECT p.biography, s.citation FROM persons p "
                "JOIN person_sources x ON x.person_id = p.id "
                "JOIN sources s ON s.id = x.source_id WHERE p.ref = 'test:geojson-text'"
            )
        ).one()
    assert (biography, citation) == ("[ 1944 ]", "Архив 𝠀")
