"""`mapapp batches check` reads stored persons again by today's checks: a list's heading
that an earlier import stored as a person is listed, with the reason an import gives
today, and nothing stored is changed."""

from __future__ import annotations

from sqlalchemy import text

from tests.integration.test_cli import _run

HEADER = "ID записи;Фамилия;Имя;Отчество;Воинское звание;Место захоронения;Район захоронения\n"


def _import(run, tmp_path, rows: str) -> int:
    path = tmp_path / "earlier_list.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    report = run("persons", path)
    assert report.committed and report.added, [str(p) for p in report.problems]
    return report.batch_id


def _as_an_earlier_import_stored_it(engine, batch_id: int, record_id: str) -> int:
    """Make the record as an earlier version of the importer stored a heading row: the
    name cells say "Дубровенский район" and so does the stored name. Written as the
    import's own, as the audit log names an import's writes, so that it is no one's edit."""
    with engine.begin() as conn:
        conn.execute(
            text("SELECT set_config('mapapp.actor', :actor, true)"),
            {"actor": f"import batch {batch_id}"},
        )
        return conn.execute(
            text(
                "UPDATE persons SET surname = 'Дубровенский', given_name = 'район', "
                "patronymic = NULL, import_source = import_source "
                "|| jsonb_build_object('Фамилия', 'Дубровенский', 'Имя', 'район', "
                "'Отчество', '', 'Воинское звание', '') "
                "WHERE import_batch_id = :b AND record_id = :id RETURNING id"
            ),
            {"b": batch_id, "id": record_id},
        ).scalar_one()


def _stored(engine, batch_id: int) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT id, surname, given_name, patronymic, fate, import_source::text "
                "FROM persons WHERE import_batch_id = :b ORDER BY id"
            ),
            {"b": batch_id},
        ).all()


def test_a_heading_stored_by_an_earlier_import_is_listed_and_nothing_changes(
    engine, test_settings, run, tmp_path
):
    batch_id = _import(
        run,
        tmp_path,
        "BC-1;Батчев;Ерлан;Сапарович;рядовой;Шуховцы;Дубровенский\n"
        "BC-2;Батчева;Айгуль;Сапаровна;рядовой;Шуховцы;Дубровенский\n"
        "BC-3;Батчин;Иван;Петрович;сержант;Шуховцы;Дубровенский\n",
    )
    heading_id = _as_an_earlier_import_stored_it(engine, batch_id, "BC-2")
    before = _stored(engine, batch_id)

    result = _run(["batches", "check", str(batch_id)], test_settings)

    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert f"batch {batch_id} (earlier_list.csv): 1 stored person would be refused" in out
    assert f"person {heading_id} 'Дубровенский район':" in out
    assert "row 3, column 'Имя': not a name: a heading of the list" in out
    # The very reason an import of that row gives today.
    today = tmp_path / "today.csv"
    today.write_text(HEADER + "BC-2;Дубровенский;район;;;Шуховцы;Дубровенский\n", encoding="utf-8")
    (problem,) = run("persons", today, dry_run=True).problems
    assert f"    {problem}".replace("row 2,", "row 3,") in out.splitlines()
    assert "edited since" not in out
    for other in ("Батчев", "Батчин"):
        assert other not in out
    assert "Traceback" not in result.stderr
    assert _stored(engine, batch_id) == before  # read only


def test_a_record_corrected_since_is_said_to_be(engine, test_settings, run, tmp_path):
    batch_id = _import(run, tmp_path, "BC-4;Батчук;Ерлан;Сапарович;рядовой;Шуховцы;Дубровенский\n")
    heading_id = _as_an_earlier_import_stored_it(engine, batch_id, "BC-4")
    with engine.begin() as conn:  # an edit, recorded in the audit log
        conn.execute(
            text("UPDATE persons SET given_name = NULL WHERE id = :id"), {"id": heading_id}
        )

    result = _run(["batches", "check", str(batch_id)], test_settings)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"person {heading_id} 'Дубровенский' (edited since the import):" in result.stdout


def test_a_batch_that_passes_and_every_batch_at_once(engine, test_settings, run, tmp_path):
    clean = _import(run, tmp_path, "BC-5;Батчиков;Ерлан;Сапарович;рядовой;Шуховцы;Дубровенский\n")

    one = _run(["batches", "check", str(clean)], test_settings)
    assert one.returncode == 0, one.stdout + one.stderr
    assert f"batch {clean} (earlier_list.csv): every stored person passes" in one.stdout

    every = _run(["batches", "check"], test_settings)
    assert f"batch {clean} (earlier_list.csv): every stored person passes" in every.stdout
    assert "Traceback" not in every.stderr


def test_a_field_read_from_its_further_column_passes(engine, test_settings, run, tmp_path):
    # "Surname" also names the surname: the import read it where "Фамилия" is empty, and
    # so does the check, also for a batch from before further columns were recorded.
    path = tmp_path / "further.csv"
    path.write_text(
        "ID записи;Фамилия;Surname;Имя;Место захоронения;Район захоронения\n"
        "BC-6;;Батчинский;Ерлан;Шуховцы;Дубровенский\n",
        encoding="utf-8",
    )
    report = run("persons", path)
    assert report.committed and report.added == 1, [str(p) for p in report.problems]
    said = f"batch {report.batch_id} (further.csv): every stored person passes"
    recorded = _run(["batches", "check", str(report.batch_id)], test_settings)
    assert recorded.returncode == 0 and said in recorded.stdout, recorded.stdout
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE import_batches SET options = options - 'also_named' WHERE id = :b"),
            {"b": report.batch_id},
        )
    earlier = _run(["batches", "check", str(report.batch_id)], test_settings)
    assert earlier.returncode == 0 and said in earlier.stdout, earlier.stdout


def test_a_batch_that_cannot_be_read_again_is_said_so(engine, test_settings, run, tmp_path):
    batch_id = _import(
        run, tmp_path, "BC-7;Батченко;Ерлан;Сапарович;рядовой;Шуховцы;Дубровенский\n"
    )
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE import_batches SET options = options - 'columns' WHERE id = :b"),
            {"b": batch_id},
        )
    result = _run(["batches", "check", str(batch_id)], test_settings)
    assert result.returncode == 2, result.stdout + result.stderr
    assert (
        f"batch {batch_id}: skipped: import batch {batch_id} (earlier_list.csv) does not "
        "record which of its columns" in result.stdout
    )


def test_a_batch_that_is_not_a_persons_import_is_a_clear_error(
    engine, test_settings, run, tmp_path
):
    path = tmp_path / "one_site.csv"
    path.write_text("name,kind,lat,lon\nСтела батчей,memorial,54.5,30.7\n", encoding="utf-8")
    sites = run("sites", path).batch_id
    assert sites
    with engine.connect() as conn:
        last = conn.execute(text("SELECT max(id) FROM import_batches")).scalar()
    for batch, said in (
        (last + 1000, f"no import batch {last + 1000}"),
        (sites, f"import batch {sites} imported sites; only persons"),
    ):
        result = _run(["batches", "check", str(batch)], test_settings)
        assert result.returncode == 2, result.stdout + result.stderr
        assert said in result.stderr
        assert "Traceback" not in result.stderr
