"""Undoing an import never discards what people did to its records since: a record with a
contribution (any status), a photo, an evidence file or an edit stays. The undo refuses,
listing them, or with --keep-edited removes the rest of the batch and keeps them. The
database itself refuses to delete such a record or to orphan a photo (migration 0019),
and a contribution to a record already gone is never reported approved."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.helpers import sign_in
from tests.integration.test_cli import _run
from tests.integration.test_photos import upload_photo

PERSONS_HEADER = (
    "ID записи;Фамилия;Имя;Отчество;Воинское звание;Место захоронения;Район захоронения\n"
)
SITES_HEADER = "Название,Тип,Область,Район,Учётный номер,Всего,lon,lat\n"
EVIDENCE = "ЦАМО, ф. 33, оп. 686196, д. 1234"


def _persons_file(tmp_path, *surnames: str):
    rows = "".join(
        f"U-{n};{surname};Иван;Петрович;рядовой;Шуховцы;Дубровенский\n"
        for n, surname in enumerate(surnames, 1)
    )
    path = tmp_path / "undo_persons.csv"
    path.write_text(PERSONS_HEADER + rows, encoding="utf-8")
    return path


@pytest.fixture()
def imported(run):
    def _import(kind: str, path) -> int:
        report = run(kind, path)
        assert report.committed and report.added, [str(p) for p in report.problems]
        return report.batch_id

    return _import


def _ids(engine, batch_id: int, table: str = "persons") -> dict[str, int]:
    """Record id by surname (persons) or name (sites) of the batch's records."""
    column = "surname" if table == "persons" else "name"
    with engine.connect() as conn:
        return dict(
            conn.execute(
                text(f"SELECT {column}, id FROM {table} WHERE import_batch_id = :b"),
                {"b": batch_id},
            ).all()
        )


def _submit(client, body: dict) -> int:
    response = client.post("/api/contributions", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


def _correction(target_type: str, target_id: int, field: str, value) -> dict:
    return {
        "kind": "correction",
        "target": {"type": target_type, "id": target_id},
        "field": field,
        "value": value,
        "comment": "The award sheet says so",
        "evidence": EVIDENCE,
    }


@pytest.fixture()
def moderator(app, accounts):
    client = app.test_client()
    token = sign_in(client, *accounts("moderator"))

    def _decide(contribution: int, lang: str = "en"):
        return client.post(
            f"/api/contributions/{contribution}/decision",
            json={"decision": "approve"},
            headers={"X-CSRFToken": token, "Accept-Language": lang},
        )

    return _decide


def _photo_id(engine, contribution: int) -> int:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT id FROM photos WHERE contribution_id = :c"), {"c": contribution}
        ).scalar_one()


def _batch_status(engine, batch_id: int) -> str:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT status FROM import_batches WHERE id = :b"), {"b": batch_id}
        ).scalar_one()


def test_undo_refuses_naming_each_persons_corrections_photos_and_pending_ones(
    app, engine, imported, moderator, tmp_path, test_settings
):
    batch = imported("persons", _persons_file(tmp_path, "Откатов", "Ожидаев"))
    people = _ids(engine, batch)
    client = app.test_client()
    rank = _submit(client, _correction("person", people["Откатов"], "rank", "сержант"))
    assert moderator(rank).status_code == 200
    photo = upload_photo(client, "person", people["Откатов"])
    assert moderator(photo).status_code == 200
    pending = _submit(client, _correction("person", people["Ожидаев"], "rank", "ефрейтор"))

    result = _run(["batches", "undo", str(batch)], test_settings)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "nothing was removed" in result.stderr
    assert "2 of its persons hold work" in result.stderr
    listed = {
        line.split()[2]: line
        for line in result.stderr.splitlines()
        if line.startswith("  person #")
    }
    assert set(listed) == {"Откатов", "Ожидаев"}
    assert listed["Откатов"].startswith(f"  person #{people['Откатов']} Откатов Иван Петрович (")
    assert f"approved correction #{rank} (rank)" in listed["Откатов"]
    assert f"photo #{_photo_id(engine, photo)} (approved)" in listed["Откатов"]
    assert f"pending correction #{pending} (rank)" in listed["Ожидаев"]
    assert f"mapapp batches undo {batch} --keep-edited" in result.stderr
    assert _ids(engine, batch) == people
    with engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT rank FROM persons WHERE id = :p"), {"p": people["Откатов"]}
            ).scalar_one()
            == "сержант"
        )
    assert _batch_status(engine, batch) == "committed"
    # The pending correction is still there to decide, and applies.
    assert moderator(pending).get_json() == {"id": pending, "status": "approved"}


def test_keep_edited_removes_the_rest_and_keeps_records_with_contributions_or_edits(
    app, engine, imported, tmp_path, test_settings
):
    from mapapp.importers.batches import UndoRefused, undo_batch

    batch = imported("persons", _persons_file(tmp_path, "Предложенов", "Правленов", "Лишнев"))
    people = _ids(engine, batch)
    pending = _submit(
        app.test_client(), _correction("person", people["Предложенов"], "rank", "сержант")
    )
    with engine.begin() as conn:  # an archivist's fix in psql, recorded by the audit trigger
        conn.execute(
            text("UPDATE persons SET rank = 'старшина' WHERE id = :p"),
            {"p": people["Правленов"]},
        )
    with engine.begin() as conn:  # nobody's work: a search key recomputed, a migration's move
        conn.execute(
            text("UPDATE persons SET search_key = search_key || ' x' WHERE id = :p"),
            {"p": people["Лишнев"]},
        )
        conn.execute(text("SELECT set_config('mapapp.actor', 'migration 0099', true)"))
        conn.execute(
            text("UPDATE persons SET fate = 'missing' WHERE id = :p"), {"p": people["Лишнев"]}
        )

    result = _run(["batches", "undo", str(batch), "--keep-edited"], test_settings)

    assert result.returncode == 0, result.stderr
    assert f"batch {batch} partly undone: removed" in result.stdout
    assert "1 persons" in result.stdout and "kept 2 persons" in result.stdout
    assert f"pending correction #{pending} (rank)" in result.stdout
    assert "by direct SQL (rank)" in result.stdout
    kept = {name: i for name, i in people.items() if name != "Лишнев"}
    assert _ids(engine, batch) == kept
    with engine.connect() as conn:
        buried = conn.execute(
            text("SELECT count(*) FROM burials WHERE person_id = ANY(:p)"),
            {"p": list(kept.values())},
        ).scalar_one()
    assert buried == 2
    assert _batch_status(engine, batch) == "partly_undone"
    # Again: still refused without the option, and with it nothing more goes.
    with pytest.raises(UndoRefused) as refused:
        undo_batch(engine, batch)
    assert refused.value.worked.total == 2
    again = _run(["batches", "undo", str(batch), "--keep-edited"], test_settings)
    assert again.returncode == 0, again.stderr
    assert "removed 0 burials, 0 persons" in again.stdout
    assert _ids(engine, batch) == kept


def test_undo_refuses_for_a_corrected_site_with_a_photo(app, engine, imported, moderator, tmp_path):
    from mapapp.importers.batches import UndoRefused, undo_batch

    path = tmp_path / "undo_sites.csv"
    path.write_text(
        SITES_HEADER
        + "Братская могила (Откатово),mass_grave,Vitebsk,Дубровенский район,U-S-1,12,30.9,54.6\n"
        + "Братская могила (Лишнево),mass_grave,Vitebsk,Дубровенский район,U-S-2,7,30.95,54.65\n",
        encoding="utf-8",
    )
    batch = imported("sites", path)
    sites = _ids(engine, batch, "burial_sites")
    corrected = sites["Братская могила (Откатово)"]
    client = app.test_client()
    correction = _submit(client, _correction("site", corrected, "buried_total", 14))
    assert moderator(correction).status_code == 200
    photo = upload_photo(client, "site", corrected)
    assert moderator(photo).status_code == 200

    with pytest.raises(UndoRefused) as refused:
        undo_batch(engine, batch)

    message = str(refused.value)
    assert f"site #{corrected} Братская могила (Откатово)" in message
    assert f"approved correction #{correction} (buried_total)" in message
    assert f"photo #{_photo_id(engine, photo)} (approved)" in message
    assert "Лишнево" not in message
    assert _ids(engine, batch, "burial_sites") == sites
    assert _batch_status(engine, batch) == "committed"


def test_the_database_refuses_to_delete_a_contributed_record_or_to_orphan_a_photo(
    app, engine, scratch
):
    site = scratch.site("Захоронение с предложением", 30.8, 54.8)
    person = scratch.person(site, "Защищёнов")
    _submit(app.test_client(), _correction("person", person, "rank", "сержант"))
    photo = upload_photo(app.test_client(), "site", site)

    for statement, values in (
        ("DELETE FROM persons WHERE id = :id", {"id": person}),
        ("DELETE FROM burial_sites WHERE id = :id", {"id": site}),
        ("UPDATE photos SET site_id = 2000000000 WHERE contribution_id = :id", {"id": photo}),
    ):
        with pytest.raises(IntegrityError), engine.begin() as conn:
            if "burial_sites" in statement:
                conn.execute(text("DELETE FROM burials WHERE site_id = :id"), values)
            conn.execute(text(statement), values)


@pytest.mark.parametrize(
    ("target_type", "field", "value", "lang", "message"),
    [
        ("person", "rank", "сержант", "en", "person 2000000000 no longer exists"),
        ("site", "buried_total", 3, "ru", "записи о месте захоронения 2000000000 больше нет"),
    ],
)
def test_approving_a_contribution_to_a_record_gone_is_a_409_and_stays_pending(
    engine, moderator, target_type, field, value, lang, message
):
    """Such a contribution was left by an undo before migration 0019 (no longer possible):
    stored here as it was left, naming a record that does not exist."""
    with engine.begin() as conn:
        contribution = conn.execute(
            text(
                "INSERT INTO contributions (kind, target_type, target_id, field, value, "
                "comment, evidence) VALUES ('correction', :t, 2000000000, :f, "
                "CAST(:v AS jsonb), 'its record is gone', :e) RETURNING id"
            ),
            {"t": target_type, "f": field, "v": json.dumps(value), "e": EVIDENCE},
        ).scalar_one()
    try:
        answer = moderator(contribution, lang)
        assert answer.status_code == 409, answer.get_data(as_text=True)
        assert message in answer.get_json()["error"]["message"]
        with engine.connect() as conn:
            status = conn.execute(
                text("SELECT status FROM contributions WHERE id = :c"), {"c": contribution}
            ).scalar_one()
        assert status == "pending"
    finally:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM contributions WHERE id = :c"), {"c": contribution})


def test_a_pending_contribution_whose_record_is_gone_says_so_to_the_moderator(
    app, accounts, engine
):
    """Only a database from before migration 0019 can hold one; the moderator reads
    which record it was, not an empty link."""
    with engine.begin() as conn:
        contribution = conn.execute(
            text(
                "INSERT INTO contributions (kind, target_type, target_id, comment, evidence) "
                "VALUES ('correction', 'site', 2147483000, 'к исчезнувшей записи', 'архив') "
                "RETURNING id"
            )
        ).scalar_one()
    try:
        client = app.test_client()
        sign_in(client, *accounts("moderator"))
        for lang, said in (("en", "record 2147483000 no longer exists"),
                           ("ru", "записи 2147483000 больше нет")):  # fmt: skip
            page = client.get(f"/moderation?lang={lang}").get_data(as_text=True)
            assert said in page
            assert 'href="/sites/2147483000"' not in page
    finally:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM contributions WHERE id = :c"), {"c": contribution})
