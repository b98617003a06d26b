"""Nothing a person row says of the grave is lost without a word: a first burial place and
a place reburied from that differ are both stored and shown, and persons stored without a
grave from a file that has a grave column are counted and named in the report."""

import html
import json

from sqlalchemy import text

from mapapp.importers.runner import report_json

HEADER = (
    "ID записи;Фамилия;Имя;Первичное место захоронения;Откуда перезахоронен;"
    "Дата перезахоронения;Место захоронения;Район захоронения"
)
FIRST = "д. Малые Ляды, одиночная могила"
MOVED_FROM = "д. Большие Ляды, братская могила"


def _file(tmp_path, *rows: str):
    path = tmp_path / "reburials.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", "utf-8")
    return path


def _burials(engine, batch_id: int) -> dict[str, tuple]:
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT p.given_name, b.original_burial_place, b.reburied_from, "
                "b.reburial_date FROM persons p LEFT JOIN burials b ON b.person_id = p.id "
                "WHERE p.import_batch_id = :batch"
            ),
            {"batch": batch_id},
        ).all()
    return {name: tuple(rest) for name, *rest in found}


def _person_id(engine, batch_id: int, given_name: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT id FROM persons WHERE import_batch_id = :b AND given_name = :g"),
            {"b": batch_id, "g": given_name},
        ).scalar_one()


def _page(client, person_id: int, lang: str) -> str:
    response = client.get(f"/persons/{person_id}", query_string={"lang": lang})
    assert response.status_code == 200
    return " ".join(html.unescape(response.text).split())  # spaces and line breaks as one


def test_a_place_reburied_from_that_differs_from_the_first_is_stored_shown_and_warned(
    run, tmp_path, engine, client
):
    path = _file(
        tmp_path,
        f"1;Перезахоронов;Иван;{FIRST};{MOVED_FROM};1957;Шуховцы;Дубровенский",
        # The same place written otherwise ("д.", case, spaces): one place, kept once.
        "2;Перезахоронов;Сидор;д. Малые Ляды;малые  ляды;1957;Шуховцы;Дубровенский",
        # Only the place reburied from: kept as that, not said to be the first burial place
        # (a grave moved twice), and no warning.
        f"3;Перезахоронов;Фёдор;;{MOVED_FROM};;Шуховцы;Дубровенский",
    )
    dry = run("persons", path, dry_run=True)
    report = run("persons", path)
    assert report.committed and report.added == 3
    assert _burials(engine, report.batch_id) == {
        "Иван": (FIRST, MOVED_FROM, "1957"),
        "Сидор": ("д. Малые Ляды", None, "1957"),
        "Фёдор": (None, MOVED_FROM, None),
    }
    for r in (dry, report):
        (warning,) = r.warnings
        assert (warning.row, warning.column, warning.value) == (
            2,
            "Откуда перезахоронен",
            MOVED_FROM,
        )
        assert f"first buried at: {FIRST!r}" in warning.reason
        assert "both are kept" in warning.reason
    body = json.loads(report_json(report))
    assert body["warning_details"][0]["row"] == 2

    ivan = _page(client, _person_id(engine, report.batch_id, "Иван"), "en")
    assert f"First buried at: {FIRST} <br>Reburied from: {MOVED_FROM}" in ivan
    # In Russian, both places as well.
    ivan = _page(client, _person_id(engine, report.batch_id, "Иван"), "ru")
    assert f"Первичное место захоронения: {FIRST}" in ivan and f": {MOVED_FROM}" in ivan
    # The site's list of persons (API) gives it as well.
    with engine.connect() as conn:
        site_id = conn.execute(
            text("SELECT site_id FROM burials WHERE import_batch_id = :b LIMIT 1"),
            {"b": report.batch_id},
        ).scalar_one()
    listed = client.get(f"/api/sites/{site_id}/persons", query_string={"per_page": 100}).json
    by_name = {p["given_name"]: p for p in listed["items"]}
    assert (by_name["Иван"]["original_burial_place"], by_name["Иван"]["reburied_from"]) == (
        FIRST,
        MOVED_FROM,
    )
    fedor = _page(client, _person_id(engine, report.batch_id, "Фёдор"), "en")
    assert f"Reburied from: {MOVED_FROM}" in fedor and "First buried at" not in fedor
    sidor = _page(client, _person_id(engine, report.batch_id, "Сидор"), "en")
    assert "First buried at: д. Малые Ляды" in sidor
    assert "Reburied from" not in sidor


def test_both_places_in_a_row_the_column_check_passes_go_the_row_by_row_way(engine):
    """The column-by-column check stages no row whose two places differ: the row-by-row
    check, which warns of it, stages it (the two paths agree on every other row)."""
    from tests.integration.test_import_person_columns import COLUMNS, _assert_same, _both, _row

    rows = [
        (2, _row(Первичное_место_захоронения="д. Первое", Откуда_перезахоронен="д. Старое")),
        (3, _row(ID_записи="2", Первичное_место_захоронения="д. Первое",
                 Откуда_перезахоронен="Первое")),
    ]  # fmt: skip
    fast, slow = _both(engine, COLUMNS, rows)
    assert _assert_same(fast, slow) == {2}
    (warned,) = [c for c in slow if c.warnings]
    assert warned.row == 2
    assert warned.record["burial"]["reburied_from"] == "д. Старое"


def test_persons_stored_without_a_grave_are_counted_and_named(run, tmp_path, engine, counts):
    rows = [f"1;Перезахоронов;Иван;{FIRST};{MOVED_FROM};1957;Шуховцы;Дубровенский"]
    rows += [f"{n};Безмогильный;Петр{n};д. Шуховцы;;;;" for n in range(2, 25)]
    path = _file(tmp_path, *rows)

    dry = run("persons", path, dry_run=True)
    assert dry.without_grave == 23
    assert dry.without_grave_rows == list(range(3, 23))  # the first twenty (row 3 on)
    (note,) = dry.notes
    assert note.startswith("23 persons would be stored without a grave: their rows leave ")
    assert "('Место захоронения')" in note
    assert "(rows 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22 …)" in (
        note
    )
    assert "fill the cells before importing the file" in note

    before = counts()
    report = run("persons", path)
    assert report.committed and report.added == 24 and report.rejected == 0
    assert counts()["burials"] - before["burials"] == 1
    assert (report.without_grave, report.without_grave_rows) == (23, list(range(3, 23)))
    (note,) = report.notes
    assert note.startswith("23 persons are stored without a grave")
    assert f"undo batch {report.batch_id}, fill the cells and import the file again" in note
    body = json.loads(report_json(report))
    assert body["without_grave"] == 23 and body["without_grave_rows"][:2] == [3, 4]
    assert body["notes"] == [note]

    # Imported again: nothing is added, so nothing is stored without a grave now.
    again = run("persons", path)
    assert again.added == 0 and again.without_grave == 0 and again.notes == []


def test_one_person_without_a_grave_is_named_in_the_singular(run, tmp_path):
    path = _file(
        tmp_path,
        "1;Смогилов;Иван;;;;Шуховцы;Дубровенский",
        "2;Перезахоронов;Петр;д. Шуховцы;;;;",
    )
    report = run("persons", path, dry_run=True)
    assert report.added == 2
    assert report.notes == [
        "1 person would be stored without a grave: its row leaves the grave column "
        "('Место захоронения') empty (row 3). Many registers list persons whose grave is "
        "not known; where it is known, fill the cells before importing the file: an import "
        "adds nothing to a stored record, and a person's page cannot link a grave (the "
        "row's first burial place, reburial and plot/row/grave cells are kept only with the "
        "row as read)"
    ]
    # A file of graves all given has no such note.
    report = run("persons", _file(tmp_path, "1;Смогилов;Иван;;;;Шуховцы;Дубровенский"))
    assert report.without_grave == 0 and report.notes == []
