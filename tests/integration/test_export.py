"""Exports: every format imports back as the same records; spreadsheets stay inert."""

import csv
import io

import pytest

from mapapp.exports import export

PERSONS = (
    "ref,surname,given_name,patronymic,birth_date,death_date,fate,rank,site_ref,is_fictional\n"
    "test:rt:1,Круговов,Иван,Петрович,__.__.1902,22.06.1944,убит,рядовой,site:shukhovtsy,да\n"
    'test:rt:2,=HYPERLINK("x"),+Семь,-минус,12.1943,1944,missing,@SUM(A1),site:shukhovtsy,да\n'
)


def _export_text(engine, kind, tmp_path, fmt="csv"):
    path = tmp_path / f"{kind}.{fmt}"
    with engine.connect() as conn:
        export(conn, kind, fmt, path)
    return path


@pytest.mark.parametrize("kind", ["sites", "battles", "persons"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "geojson", "gpkg"])
def test_every_export_imports_back_with_nothing_new(run, engine, tmp_path, kind, fmt):
    path = _export_text(engine, kind, tmp_path, fmt)
    report = run(kind, path, dry_run=True)
    assert report.ok, [str(p) for p in report.problems[:3]]
    report = run(kind, path)
    assert report.committed and report.added == 0 and report.present == report.rows_read


def test_import_export_import_gives_the_same_records(run, engine, tmp_path, client):
    from mapapp.importers.batches import undo_batch

    source = tmp_path / "persons.csv"
    source.write_text(PERSONS, encoding="utf-8")
    first = run("persons", source)
    assert first.added == 2, [str(p) for p in first.problems]
    site = client.get("/api/places?q=Shukhovtsy").get_json()["items"]
    site_id = next(i["id"] for i in site if i["type"] == "site")
    exported = client.get(f"/api/sites/{site_id}/persons.csv").get_data(as_text=True)
    undo_batch(engine, first.batch_id)
    again = tmp_path / "again.csv"
    again.write_text(exported.lstrip("\ufeff"), encoding="utf-8")
    second = run("persons", again)
    assert second.ok and second.added == 2 and second.present == 35
    exported_again = client.get(f"/api/sites/{site_id}/persons.csv").get_data(as_text=True)
    assert exported_again == exported
    rows = {r["ref"]: r for r in csv.DictReader(io.StringIO(exported.lstrip("\ufeff")))}
    formula = rows["test:rt:2"]
    # Cells a spreadsheet would run are written inert, and come back unchanged on import.
    assert formula["surname"] == '\'=HYPERLINK("x")'
    assert formula["given_name"] == "'+Семь" and formula["patronymic"] == "'-минус"
    assert formula["rank"] == "'@SUM(A1)"
    person = client.get(
        "/api/persons", query_string={"q": "Круговов Иван", "per_page": 1}
    ).get_json()["items"][0]
    assert (person["birth_date"], person["death_date"]) == ("1902", "22.06.1944")


def test_xlsx_export_has_no_formulas(run, engine, tmp_path):
    from openpyxl import load_workbook

    source = tmp_path / "persons.csv"
    source.write_text(PERSONS, encoding="utf-8")
    assert run("persons", source).added == 2
    path = _export_text(engine, "persons", tmp_path, "xlsx")
    sheet = load_workbook(path).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert '\'=HYPERLINK("x")' in [c.value for c in cells]


def test_site_page_offers_the_csv(client, shukhovtsy_id):
    html = client.get(f"/sites/{shukhovtsy_id}").get_data(as_text=True)
    assert f"/api/sites/{shukhovtsy_id}/persons.csv" in html
    response = client.get(f"/api/sites/{shukhovtsy_id}/persons.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    lines = response.get_data(as_text=True).strip().splitlines()
    assert len(lines) == 36  # header + 35 persons
    assert client.get("/api/sites/999999/persons.csv").status_code == 404
