"""Nothing a person row says of the grave is lost without a word: a first burial place and
a place reburied from that differ are both stored and shown."""

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
        # Only the place reburied from: it stands for the first burial place, as before.
        f"3;Перезахоронов;Фёдор;;{MOVED_FROM};;Шуховцы;Дубровенский",
    )
    dry = run("persons", path, dry_run=True)
    report = run("persons", path)
    assert report.committed and report.added == 3
    assert _burials(engine, report.batch_id) == {
        "Иван": (FIRST, MOVED_FROM, "1957"),
        "Сидор": ("д. Малые Ляды", None, "1957"),
        "Фёдор": (MOVED_FROM, None, None),
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
