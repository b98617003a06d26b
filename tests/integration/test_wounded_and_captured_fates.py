"""Migration 0025: a lone "ранен" or "попал в плен", stored by the earlier rule as a death
the record does not state, is read again from the cell its import kept and stored as
wounded or taken prisoner; a fate a correction changed since stands, and so do fates the
cell states ("умер от ран") and persons entered by hand. The person page names the fate."""

from __future__ import annotations

from sqlalchemy import text

from mapapp import db as database

FILE = (
    "Фамилия,Имя,Судьба\n"
    "Ранетов,Иван,тяжело ранен\n"
    "Попавшев,Иван,попал в плен\n"
    "Отранов,Иван,умер от ран\n"
    "Исправлев,Иван,ранен\n"
    "Причинов,Иван,от ран\n"
    "Замученов,Иван,замучен в плену\n"
)


def _fates(engine, batches) -> dict[str, str | None]:
    with engine.connect() as conn:
        return dict(
            conn.execute(
                text("SELECT surname, fate FROM persons WHERE import_batch_id = ANY(:b)"),
                {"b": batches},
            ).all()
        )


def _set_fate(engine, surname: str, fate: str, actor: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("SELECT set_config('mapapp.actor', :a, true)"), {"a": actor})
        conn.execute(
            text("UPDATE persons SET fate = :f WHERE surname = :s AND ref NOT LIKE 'test:%'"),
            {"f": fate, "s": surname},
        )


def test_lone_wounds_and_captivity_are_read_again_and_corrections_stand(
    run, tmp_path, engine, scratch
):
    path = tmp_path / "fates_0025.csv"
    path.write_text(FILE, encoding="utf-8")
    first = run("persons", path)
    given = tmp_path / "given_fate_0025.csv"
    given.write_text("Фамилия,Имя\nДанов,Пётр\n", encoding="utf-8")
    second = run("persons", given, given={"fate": "ранен"})
    assert first.ok and second.ok, [str(p) for p in first.problems + second.problems]
    batches = [first.batch_id, second.batch_id]
    today = {
        "Ранетов": "wounded",
        "Попавшев": "captured",
        "Отранов": "died_of_wounds",
        "Исправлев": "wounded",
        "Данов": "wounded",
        "Причинов": "died_of_wounds",  # a cause of death: as it was, and left so
        "Замученов": "died_in_captivity",
    }
    assert _fates(engine, batches) == today

    by_hand = scratch.person(scratch.site("Тестовая могила 0025", 30.1, 54.1), "Ручнов")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE persons SET fate = 'died_of_wounds' WHERE id = :id"), {"id": by_hand}
        )
    database.downgrade(engine, "0024")
    try:
        earlier = today | {
            "Ранетов": "died_of_wounds",
            "Попавшев": "died_in_captivity",
            "Исправлев": "died_of_wounds",
            "Данов": "died_of_wounds",
        }
        assert _fates(engine, batches) == earlier  # as the earlier rule stored them
        # A moderator changed one, and changed it back on evidence: a correction stands.
        _set_fate(engine, "Исправлев", "killed", "moderator@example.org")
        _set_fate(engine, "Исправлев", "died_of_wounds", "moderator@example.org")

        database.upgrade(engine, "0025")
        assert _fates(engine, batches) == today | {"Исправлев": "died_of_wounds"}
        with engine.connect() as conn:
            hand_fate = conn.execute(
                text("SELECT fate FROM persons WHERE id = :id"), {"id": by_hand}
            ).scalar_one()
            actors = conn.execute(
                text(
                    "SELECT p.surname, a.actor FROM audit_log a JOIN persons p ON p.id = a.row_id "
                    "WHERE a.table_name = 'persons' AND a.op = 'UPDATE' "
                    "AND p.import_batch_id = ANY(:b) AND a.new_row ->> 'fate' IN "
                    "('wounded', 'captured') AND a.actor LIKE 'migration%' ORDER BY a.id"
                ),
                {"b": batches},
            ).all()
        assert hand_fate == "died_of_wounds"
        # One entry each, named for the migration; the first upgrade's entries of the
        # test database's set-up are older than these persons.
        assert sorted(actors) == [
            ("Данов", "migration 0025"),
            ("Попавшев", "migration 0025"),
            ("Ранетов", "migration 0025"),
        ]
    finally:
        database.upgrade(engine)


def test_the_person_page_says_wounded_not_died(run, tmp_path, engine, client):
    path = tmp_path / "wounded_page.csv"
    path.write_text("Фамилия,Имя,Судьба\nРанетов,Иван,тяжело ранен\n", encoding="utf-8")
    report = run("persons", path)
    assert report.ok
    with engine.connect() as conn:
        person = conn.execute(
            text("SELECT id FROM persons WHERE import_batch_id = :b"), {"b": report.batch_id}
        ).scalar_one()
    page = client.get(f"/persons/{person}?lang=en").get_data(as_text=True)
    assert "<dd>Wounded</dd>" in page and "Died of wounds" not in page
    page = client.get(f"/persons/{person}?lang=ru").get_data(as_text=True)
    assert "<dd>Ранен</dd>" in page and "Умер от ран" not in page
    assert client.get(f"/api/persons/{person}").get_json()["fate"] == "wounded"


def test_a_death_the_record_does_not_place_in_battle_is_not_said_to_be(
    run, tmp_path, engine, client
):
    path = tmp_path / "perished_page.csv"
    path.write_text("Фамилия,Имя,Судьба\nЗамученов,Иван,замучен фашистами\n", encoding="utf-8")
    report = run("persons", path)
    assert report.ok
    with engine.connect() as conn:
        person, fate = conn.execute(
            text("SELECT id, fate FROM persons WHERE import_batch_id = :b"), {"b": report.batch_id}
        ).one()
    assert fate == "killed"
    page = client.get(f"/persons/{person}?lang=ru").get_data(as_text=True)
    assert "<dd>Погиб</dd>" in page and "в бою" not in page
    page = client.get(f"/persons/{person}?lang=en").get_data(as_text=True)
    assert "<dd>Killed</dd>" in page and "in action" not in page
