"""Withdrawn records in exports: left out by default, so a file never brings one back
unmarked; with --include-withdrawn they come marked, and the importer refuses such a file
with a message naming the columns rather than keeping them as unmapped columns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyogrio
import pytest

from mapapp.exports import PERSON_COLUMNS, SITE_COLUMNS, csv_text, export, rows
from mapapp.importers.errors import ImportFileError
from tests.integration.test_cli import _run as run_cli

REASON = "Entered twice: the same man as the record from the Polotsk list"


@pytest.fixture()
def withdrawn(scratch):
    site = scratch.site("Экспортное захоронение", 29.1, 55.1)
    gone_site = scratch.site("Отозванное экспортное захоронение", 29.2, 55.1)
    kept = scratch.person(site, "Экспортов", given_name="Иван")
    gone = scratch.person(site, "Отзывов", given_name="Пётр")
    scratch.withdraw("persons", gone, REASON)
    scratch.withdraw("burial_sites", gone_site, REASON)
    return site, gone_site, kept, gone


def _refs(engine, kind: str, **options) -> dict[str, dict]:
    with engine.connect() as conn:
        return {r["ref"]: r for r in rows(conn, kind, **options)}


def _ref(engine, table: str, record_id: int) -> str:
    from sqlalchemy import text

    with engine.connect() as conn:
        return conn.execute(
            text(f"SELECT ref FROM {table} WHERE id = :id"), {"id": record_id}
        ).scalar_one()


def test_exports_leave_withdrawn_records_out_by_default(engine, withdrawn):
    site, gone_site, kept, gone = withdrawn
    persons = _refs(engine, "persons")
    assert _ref(engine, "persons", kept) in persons
    assert _ref(engine, "persons", gone) not in persons
    sites = _refs(engine, "sites")
    assert _ref(engine, "burial_sites", site) in sites
    assert _ref(engine, "burial_sites", gone_site) not in sites
    with engine.connect() as conn:
        header = csv_text(rows(conn, "persons"), PERSON_COLUMNS).splitlines()[0]
    assert header == ",".join(PERSON_COLUMNS)  # the file a re-import reads is unchanged


def test_include_withdrawn_adds_them_with_their_mark(engine, withdrawn, tmp_path):
    site, gone_site, kept, gone = withdrawn
    path = tmp_path / "persons.csv"
    with engine.connect() as conn:
        export(conn, "persons", "csv", path, include_withdrawn=True)
    table = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert list(table[0]) == PERSON_COLUMNS + ["withdrawn_at", "withdrawn_reason"]
    by_ref = {r["ref"]: r for r in table}
    marked = by_ref[_ref(engine, "persons", gone)]
    assert marked["withdrawn_reason"] == REASON and marked["withdrawn_at"][:2] == "20"
    assert "T" in marked["withdrawn_at"] and marked["withdrawn_at"].endswith("+00:00")
    unmarked = by_ref[_ref(engine, "persons", kept)]
    assert (unmarked["withdrawn_at"], unmarked["withdrawn_reason"]) == ("", "")
    sites = _refs(engine, "sites", include_withdrawn=True)
    assert sites[_ref(engine, "burial_sites", gone_site)]["withdrawn_reason"] == REASON
    assert sites[_ref(engine, "burial_sites", site)]["withdrawn_at"] is None
    with engine.connect() as conn, pytest.raises(ValueError, match="battles are never"):
        list(rows(conn, "battles", include_withdrawn=True))
    assert set(SITE_COLUMNS) < set(sites[_ref(engine, "burial_sites", site)])


@pytest.mark.parametrize("kind", ["sites", "persons"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "geojson", "gpkg"])
def test_a_file_with_withdrawals_is_refused_by_the_importer(
    run, engine, withdrawn, tmp_path, kind, fmt
):
    path = tmp_path / f"{kind}.{fmt}"
    with engine.connect() as conn:
        export(conn, kind, fmt, path, include_withdrawn=True)
    for dry_run in (True, False):
        with pytest.raises(ImportFileError, match="withdrawal columns") as refused:
            run(kind, path, dry_run=dry_run)
        assert "withdrawn_at" in str(refused.value) and "withdrawn_reason" in str(refused.value)


def test_a_file_with_only_a_withdrawn_by_column_is_refused_too(run, tmp_path):
    path = tmp_path / "persons.csv"
    path.write_text("surname,Withdrawn by\nПримеров,17\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"withdrawal columns \(Withdrawn by\)"):
        run("persons", path)


def test_the_command_says_what_it_left_out(withdrawn, test_settings, tmp_path):
    out = tmp_path / "persons.csv"
    plain = run_cli(["export", "persons", "-o", str(out)], test_settings)
    assert plain.returncode == 0, plain.stderr
    assert "1 withdrawn persons left out (--include-withdrawn adds them, marked)" in plain.stdout
    marked = run_cli(["export", "persons", "--include-withdrawn", "-o", str(out)], test_settings)
    assert marked.returncode == 0, marked.stderr
    assert "1 withdrawn persons among them" in marked.stdout
    assert "withdrawn_reason" in out.read_text(encoding="utf-8-sig").splitlines()[0]
    battles = run_cli(["export", "battles", "--include-withdrawn", "-o", str(out)], test_settings)
    assert battles.returncode == 2 and "battles are never withdrawn" in battles.stderr


def test_an_export_names_what_is_wrong_with_its_output_and_never_half_writes(
    tmp_path, test_settings
):
    missing = run_cli(["export", "battles", "-o", str(tmp_path / "nodir" / "x.csv")], test_settings)
    assert (
        missing.returncode == 2
        and "the folder" in missing.stderr
        and "does not exist" in (missing.stderr)
    )
    assert "Traceback" not in missing.stderr
    clash = run_cli(
        ["export", "battles", "--format", "xlsx", "-o", str(tmp_path / "b.csv")], test_settings
    )
    assert clash.returncode == 2 and "names a csv file, but --format is xlsx" in clash.stderr
    assert not (tmp_path / "b.csv").exists()
    # The format the name says, without --format; a GeoPackage's layer is named after it.
    by_name = run_cli(["export", "battles", "-o", str(tmp_path / "battles.gpkg")], test_settings)
    assert by_name.returncode == 0, by_name.stderr
    assert [name for name, _ in pyogrio.list_layers(tmp_path / "battles.gpkg")] == ["battles"]
    assert [p.name for p in tmp_path.iterdir()] == ["battles.gpkg"]  # nothing left beside it


def test_the_demo_sites_exported_import_back_as_they_are_stored(run, tmp_path, engine):
    """Counts as their sources write them ("10 тыс.", or a number also kept as written)
    go out and come back the same: nothing is said to differ."""
    out = tmp_path / "sites.csv"
    with engine.connect() as conn:
        export(conn, "sites", "csv", out)
    report = run("sites", out, dry_run=True)
    assert report.added == 0 and report.present > 0
    assert (report.present_differing, report.present_differing_fields) == (0, {})
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "buried_as_written" in header


def test_a_persons_export_is_not_taken_for_a_sites_file_by_its_graves_points(run, tmp_path, engine):
    out = tmp_path / "persons.csv"
    with engine.connect() as conn:
        export(conn, "persons", "csv", out)
    report = run("persons", out, dry_run=True)
    assert report.added == 0 and not any("is it a" in note for note in report.notes)


def test_an_export_is_named_as_its_format_or_written_to_a_pipe(tmp_path, test_settings):
    odd = run_cli(["export", "battles", "-o", str(tmp_path / "battles.zip")], test_settings)
    assert odd.returncode == 2 and "an export is a .csv, .xlsx, .geojson" in odd.stderr
    assert not (tmp_path / "battles.zip").exists()
    as_json = run_cli(["export", "battles", "-o", str(tmp_path / "battles.json")], test_settings)
    assert as_json.returncode == 0
    assert json.loads((tmp_path / "battles.json").read_text())["type"] == "FeatureCollection"
    piped = run_cli(["export", "battles", "-o", "/dev/stdout"], test_settings)
    assert piped.returncode == 0 and piped.stdout.startswith("ref,name,")
    assert "battles written to /dev/stdout" in piped.stderr  # said beside, not in the file
    assert Path("/dev/stdout").is_symlink() or not Path("/dev/stdout").is_file()
    dash = run_cli(["export", "battles", "-o", "-"], test_settings)
    assert dash.returncode == 2 and "name a file" in dash.stderr


@pytest.mark.parametrize(("fmt", "starts"), [("csv", "ref,name,"), ("geojson", '{"type": "Feat')])
def test_an_export_through_a_link_writes_through_it_never_replacing_it(
    tmp_path, test_settings, fmt, starts
):
    """/dev/stdout is a link: to a pipe, or to the file the shell redirected it to."""
    target = tmp_path / "redirected.out"
    target.write_text("")
    link = tmp_path / "stdout"
    link.symlink_to(target)
    done = run_cli(["export", "battles", "--format", fmt, "-o", str(link)], test_settings)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith(starts)
    assert "battles written to" in done.stderr
    piped = run_cli(["export", "battles", "--format", fmt, "-o", "/dev/stdout"], test_settings)
    assert piped.returncode == 0 and piped.stdout.startswith(starts)
    assert Path("/dev/stdout").is_symlink()
