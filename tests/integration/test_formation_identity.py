"""Migration 0014 keys the stored units and formations again by their names as written
(numbers and every letter kept); an import after it finds them, and keeps a unit of
another number apart."""

from alembic import command
from sqlalchemy import text

from mapapp import db as database
from mapapp.importers.awards import unit_key
from mapapp.importers.batches import undo_batch
from mapapp.importers.writers import person_unit_ref
from mapapp.text.normalize import search_key


def _migrate(engine, to: str, down: bool = False) -> None:
    config = database.alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, to)


def test_stored_formations_are_keyed_again_and_found_by_the_next_import(engine, run, tmp_path):
    regiment = "1373-й стрелковый полк (старый ключ)"
    brigade = "бригада №7 «Старый ключ»"
    _migrate(engine, "0013", down=True)
    try:
        with engine.begin() as conn:
            # As an import before 0014 stored them: the phonetic key, digits left out.
            conn.execute(
                text("INSERT INTO units (ref, name, kind) VALUES (:r, :n, 'army')"),
                {"r": "unit:" + search_key(regiment).replace(" ", "-"), "n": regiment},
            )
            conn.execute(
                text(
                    "INSERT INTO partisan_units (ref, kind, name, name_key) "
                    "VALUES ('old:brigade-7', 'brigade', :n, :k)"
                ),
                {"n": brigade, "k": search_key(brigade.replace("«", " ").replace("»", " "))},
            )
    finally:
        _migrate(engine, "head")
    report = None
    try:
        with engine.connect() as conn:
            ref = conn.execute(
                text("SELECT ref FROM units WHERE name = :n"), {"n": regiment}
            ).scalar_one()
            key = conn.execute(
                text("SELECT name_key FROM partisan_units WHERE ref = 'old:brigade-7'")
            ).scalar_one()
        assert ref == person_unit_ref(regiment) and "1373" in ref
        assert key == unit_key(brigade) == "бригада 7 старый ключ"

        content = (
            "ID записи,Фамилия,Имя,site_ref,Последнее место службы,Бригада\n"
            f"m-1,Ключев,Иван,site:shukhovtsy,{regiment},Бригада № 7 «старый ключ»\n"
            f"m-2,Ключев,Пётр,site:shukhovtsy,{regiment.replace('1373', '1375')},бригада №8\n"
        )
        path = tmp_path / "after_0014.csv"
        path.write_text(content)
        report = run("persons", path)
        assert report.committed and report.added == 2
        with engine.connect() as conn:
            served = conn.execute(
                text(
                    "SELECT u.name, f.ref FROM persons p JOIN units u ON u.id = p.unit_id "
                    "JOIN partisan_memberships m ON m.person_id = p.id "
                    "JOIN partisan_units f ON f.id = m.unit_id "
                    "WHERE p.import_batch_id = :b ORDER BY p.record_id"
                ),
                {"b": report.batch_id},
            ).all()
        assert served[0] == (regiment, "old:brigade-7")  # the stored ones, found again
        assert served[1][0] == regiment.replace("1373", "1375") and served[1][1] != "old:brigade-7"
    finally:
        if report is not None:  # the persons first: they point at the unit
            undo_batch(engine, report.batch_id)
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM units WHERE name = :n"), {"n": regiment})
            conn.execute(text("DELETE FROM partisan_units WHERE ref = 'old:brigade-7'"))
