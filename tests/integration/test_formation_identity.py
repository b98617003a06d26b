"""Migration 0014 keys the stored units and formations again by their names as written
(numbers and every letter kept), links again each imported person whom the old key
joined to a unit or brigade of another number, and an import after it finds them."""

import json

from alembic import command
from sqlalchemy import text

from mapapp import db as database
from mapapp.importers.awards import unit_key
from mapapp.importers.batches import undo_batch
from mapapp.importers.writers import person_unit_ref
from mapapp.text.normalize import search_key

REGIMENT = "1373-й стрелковый полк (старый ключ)"
BRIGADE = "бригада №7 «Старый ключ»"


def _migrate(engine, to: str, down: bool = False) -> None:
    config = database.alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, to)


def _store_as_before_0014(conn) -> None:
    """Two imported persons of each formation, as the phonetic key (no digits) joined
    them: the second person's row names another number."""
    unit_id = conn.execute(
        text("INSERT INTO units (ref, name, kind) VALUES (:r, :n, 'army') RETURNING id"),
        {"r": "unit:" + search_key(REGIMENT).replace(" ", "-"), "n": REGIMENT},
    ).scalar_one()
    brigade_id = conn.execute(
        text(
            "INSERT INTO partisan_units (ref, kind, name, name_key) "
            "VALUES ('old:brigade-7', 'brigade', :n, :k) RETURNING id"
        ),
        {"n": BRIGADE, "k": search_key(BRIGADE.replace("«", " ").replace("»", " "))},
    ).scalar_one()
    # A cell with no letter got the empty key; a year in the row must not be taken for it.
    dash_unit = conn.execute(
        text("INSERT INTO units (ref, name, kind) VALUES ('unit:', '-', 'army') RETURNING id")
    ).scalar_one()
    conn.execute(
        text(
            "INSERT INTO persons (ref, surname, unit_id, import_source) "
            "VALUES ('old-key-dash', 'Ключев', :u, CAST(:row AS jsonb))"
        ),
        {"u": dash_unit, "row": json.dumps({"Год рождения": "1920", "Часть": "-"})},
    )
    for n, number in enumerate(("1373", "1375"), start=1):
        row = {
            "Фамилия": "Ключев",
            "Часть": REGIMENT.replace("1373", number),
            "Бригада": BRIGADE.replace("7", str(n + 6)),
        }
        person_id = conn.execute(
            text(
                "INSERT INTO persons (ref, surname, unit_id, import_source) "
                "VALUES (:ref, 'Ключев', :u, CAST(:row AS jsonb)) RETURNING id"
            ),
            {"ref": f"old-key-{n}", "u": unit_id, "row": json.dumps(row, ensure_ascii=False)},
        ).scalar_one()
        conn.execute(
            text("INSERT INTO partisan_memberships (person_id, unit_id) VALUES (:p, :u)"),
            {"p": person_id, "u": brigade_id},
        )


def _served(conn):
    return conn.execute(
        text(
            "SELECT p.ref, u.name, f.name FROM persons p JOIN units u ON u.id = p.unit_id "
            "JOIN partisan_memberships m ON m.person_id = p.id "
            "JOIN partisan_units f ON f.id = m.unit_id "
            "WHERE p.ref LIKE 'old-key-%' ORDER BY p.ref"
        )
    ).all()


def test_stored_formations_are_keyed_again_and_members_linked_again(engine, run, tmp_path):
    _migrate(engine, "0013", down=True)
    try:
        with engine.begin() as conn:
            _store_as_before_0014(conn)
            assert [s[1:] for s in _served(conn)] == [(REGIMENT, BRIGADE)] * 2
    finally:
        _migrate(engine, "head")
    report = None
    try:
        with engine.connect() as conn:
            assert _served(conn) == [
                ("old-key-1", REGIMENT, BRIGADE),
                ("old-key-2", REGIMENT.replace("1373", "1375"), "бригада №8 «Старый ключ»"),
            ]
            ref = conn.execute(
                text("SELECT ref FROM units WHERE name = :n"), {"n": REGIMENT}
            ).scalar_one()
            key = conn.execute(
                text("SELECT name_key FROM partisan_units WHERE ref = 'old:brigade-7'")
            ).scalar_one()
            actors = (
                conn.execute(
                    text(
                        "SELECT a.actor FROM audit_log a JOIN persons p ON p.id = a.row_id "
                        "WHERE a.table_name = 'persons' AND a.op = 'UPDATE' AND p.ref = 'old-key-2'"
                    )
                )
                .scalars()
                .all()
            )
            brigades = conn.execute(
                text("SELECT count(*) FROM partisan_units WHERE name = :n"), {"n": BRIGADE}
            ).scalar_one()
            member_of = conn.execute(
                text(
                    "SELECT f.ref FROM partisan_memberships m JOIN persons p "
                    "ON p.id = m.person_id JOIN partisan_units f ON f.id = m.unit_id "
                    "WHERE p.ref = 'old-key-1'"
                )
            ).scalar_one()
            dash = conn.execute(
                text(
                    "SELECT u.name FROM persons p JOIN units u ON u.id = p.unit_id "
                    "WHERE p.ref = 'old-key-dash'"
                )
            ).scalar_one()
        assert brigades == 1 and member_of == "old:brigade-7"  # found, never doubled
        assert dash == "-"  # not moved to a unit named "1920"
        assert ref == person_unit_ref(REGIMENT) and "1373" in ref
        assert key == unit_key(BRIGADE) == "бригада 7 старый ключ"
        assert actors == ["migration 0014"]  # the history says who changed the link

        content = (
            "ID записи,Фамилия,Имя,site_ref,Последнее место службы,Бригада\n"
            f"m-1,Ключев,Иван,site:shukhovtsy,{REGIMENT},Бригада № 7 «старый ключ»\n"
            f"m-2,Ключев,Пётр,site:shukhovtsy,{REGIMENT.replace('1373', '1376')},бригада №9\n"
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
        assert served[0] == (REGIMENT, "old:brigade-7")  # the stored ones, found again
        assert served[1][0] == REGIMENT.replace("1373", "1376") and served[1][1] != "old:brigade-7"
    finally:
        if report is not None:  # the persons first: they point at the units
            undo_batch(engine, report.batch_id)
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM persons WHERE ref LIKE 'old-key-%'"))
            conn.execute(text("DELETE FROM units WHERE name LIKE '%(старый ключ)'"))
            conn.execute(text("DELETE FROM units WHERE ref = 'unit:' AND name = '-'"))
            conn.execute(text("DELETE FROM partisan_units WHERE name LIKE '%«Старый ключ»'"))
