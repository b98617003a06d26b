"""Migration 0014 keys the stored units and formations again by their names as written
(numbers and every letter kept), links again each imported person whom the old key
joined to a unit or brigade of another number, and an import after it finds them."""

import json
import re

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp import db as database
from mapapp.contributions.history import record_history
from mapapp.importers.awards import unit_key
from mapapp.importers.batches import undo_batch
from mapapp.importers.writers import person_unit_ref
from mapapp.text.normalize import search_key

REGIMENT = "1373-й стрелковый полк (старый ключ)"
OTHER_REGIMENT = "Другой полк (старый ключ)"
BRIGADE = "бригада №7 «Старый ключ»"
DETACHMENT = "отряд №1 «Старый ключ»"


def _number(name: str, number: int) -> str:
    return re.sub(r"\d+", str(number), name, count=1)


def _old_formation(conn, kind: str, name: str, brigade_id=None) -> int:
    return conn.execute(
        text(
            "INSERT INTO partisan_units (ref, kind, name, name_key, brigade_id) "
            "VALUES (:r, :k, :n, :key, :b) RETURNING id"
        ),
        {
            "r": f"old:{kind}:{name}",
            "k": kind,
            "n": name,
            "key": search_key(name.replace("«", " ").replace("»", " ")),
            "b": brigade_id,
        },
    ).scalar_one()


def _store_as_before_0014(conn) -> None:
    """Imported persons as the phonetic key (no digits) linked them: to a unit, brigade
    or detachment their row names with another number, and links the migration must
    leave (changed since, made by another import, told by no column it can read)."""

    def batch(options: dict) -> int:
        return conn.execute(
            text(
                "INSERT INTO import_batches (kind, file_name, file_sha256, options) VALUES "
                "('persons', 'old.csv', repeat('0', 64), CAST(:o AS jsonb)) RETURNING id"
            ),
            {"o": json.dumps(options, ensure_ascii=False)},
        ).scalar_one()

    def unit(name: str) -> int:
        return conn.execute(
            text("INSERT INTO units (ref, name, kind) VALUES (:r, :n, 'army') RETURNING id"),
            {"r": "unit:" + search_key(name).replace(" ", "-"), "n": name},
        ).scalar_one()

    def person(ref: str, batch_id: int, unit_id: int, row: dict) -> int:
        return conn.execute(
            text(
                "INSERT INTO persons (ref, surname, unit_id, import_batch_id, import_source) "
                "VALUES (:ref, 'Ключев', :u, :b, CAST(:row AS jsonb)) RETURNING id"
            ),
            {"ref": ref, "u": unit_id, "b": batch_id, "row": json.dumps(row, ensure_ascii=False)},
        ).scalar_one()

    def member(person_id: int, formation: int, batch_id: int | None) -> None:
        conn.execute(
            text(
                "INSERT INTO partisan_memberships (person_id, unit_id, import_batch_id) "
                "VALUES (:p, :u, :b)"
            ),
            {"p": person_id, "u": formation, "b": batch_id},
        )

    regiment, other = unit(REGIMENT), unit(OTHER_REGIMENT)
    brigade = _old_formation(conn, "brigade", BRIGADE)
    detachment = _old_formation(conn, "detachment", DETACHMENT, brigade)
    # A brigade of another number a moderator added (the import found brigade 7 first).
    brigade_8 = _old_formation(conn, "brigade", _number(BRIGADE, 8))
    read = batch({})
    given = batch({"set": {"unit": _number(REGIMENT, 1374)}})
    mapped = batch({"mapping": "/tmp/map.json"})
    later = batch({})

    def row(unit_number: int, brigade_number: int | None = None, detachment_number=None):
        cells = {"Фамилия": "Ключев", "Часть": _number(REGIMENT, unit_number)}
        cells["Прежняя часть"] = _number(REGIMENT, 1374)  # not the unit column
        if brigade_number:
            cells["Бригада"] = _number(BRIGADE, brigade_number)
        if detachment_number:
            cells["Отряд"] = _number(DETACHMENT, detachment_number)
        return cells

    person("old-key-1", read, regiment, row(1373))
    member(person("old-key-2", read, regiment, row(1375, 8)), brigade, read)
    member(person("old-key-3", read, regiment, row(1373, 7)), brigade, read)
    member(person("old-key-4", read, regiment, row(1373, 8, 2)), detachment, read)
    member(person("old-key-5", read, regiment, row(1373, 7, 1)), detachment, read)
    # Linked since to a unit its row does not name; a membership another import made.
    person("old-key-6", read, other, row(1376))
    member(person("old-key-7", read, regiment, row(1373, 9)), brigade, later)
    person("old-key-8", given, regiment, {"Фамилия": "Ключев"})
    person("old-key-9", mapped, regiment, row(1375))
    # Moved to another unit and back by a person: the history holds it, the link stays.
    chosen = person("old-key-11", read, regiment, row(1375))
    for unit_id in (other, regiment):
        conn.execute(
            text("UPDATE persons SET unit_id = :u WHERE id = :p"), {"u": unit_id, "p": chosen}
        )
    # Already in the brigade his membership would move to: that one stays too.
    both = person("old-key-10", read, regiment, row(1373, 8))
    member(both, brigade, read)
    member(both, brigade_8, None)
    # Cells of no letter all got the empty key: "12345", "67890", and "-" (which names no
    # unit); a year elsewhere in the row is not read.
    digits = conn.execute(
        text("INSERT INTO units (ref, name, kind) VALUES ('unit:', '12345', 'army') RETURNING id")
    ).scalar_one()
    for ref, cell in (("digits-1", "12345"), ("digits-2", "67890"), ("dash", "-")):
        person(f"old-key-{ref}", read, digits, {"Год рождения": "1920", "Часть": cell})


def _served(conn):
    """Each person's unit and formations ("detachment / brigade"), by ref."""
    rows = conn.execute(
        text(
            "SELECT p.ref, u.name, array_remove(array_agg(concat_ws(' / ', f.name, b.name) "
            "ORDER BY f.name), '') FROM persons p JOIN units u ON u.id = p.unit_id "
            "LEFT JOIN partisan_memberships m ON m.person_id = p.id "
            "LEFT JOIN partisan_units f ON f.id = m.unit_id "
            "LEFT JOIN partisan_units b ON b.id = f.brigade_id "
            "WHERE p.ref LIKE 'old-key-%' GROUP BY p.ref, u.name"
        )
    ).all()
    return {r[0]: (r[1], *r[2]) for r in rows}


def _made(conn) -> tuple[int, int, int]:
    """Units, formations and membership history entries: a second run adds none."""
    return conn.execute(
        text(
            "SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM partisan_units), "
            "(SELECT count(*) FROM audit_log WHERE table_name = 'partisan_memberships')"
        )
    ).one()


def _clean(engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM persons WHERE ref LIKE 'old-key-%'"))
        conn.execute(text("DELETE FROM units WHERE name LIKE '%(старый ключ)'"))
        conn.execute(text("DELETE FROM units WHERE name IN ('12345', '67890')"))
        for kind in ("detachment", "brigade"):
            conn.execute(
                text("DELETE FROM partisan_units WHERE kind = :k AND name LIKE '%«Старый ключ»'"),
                {"k": kind},
            )
        conn.execute(text("DELETE FROM import_batches WHERE file_name = 'old.csv'"))


def test_stored_formations_are_keyed_again_and_members_linked_again(engine, run, tmp_path):
    database.downgrade(engine, "0013")
    try:
        with engine.begin() as conn:
            _store_as_before_0014(conn)
            before = _served(conn)
    finally:
        database.upgrade(engine)
    report = None
    try:
        assert set(before.values()) == {
            (REGIMENT,),
            (REGIMENT, BRIGADE),
            (REGIMENT, f"{DETACHMENT} / {BRIGADE}"),
            (REGIMENT, BRIGADE, _number(BRIGADE, 8)),
            (OTHER_REGIMENT,),
            ("12345",),
        }
        brigade_8 = _number(BRIGADE, 8)
        expected = {
            "old-key-1": (REGIMENT,),
            "old-key-2": (_number(REGIMENT, 1375), brigade_8),
            "old-key-3": (REGIMENT, BRIGADE),
            "old-key-4": (REGIMENT, f"{_number(DETACHMENT, 2)} / {brigade_8}"),
            "old-key-5": (REGIMENT, f"{DETACHMENT} / {BRIGADE}"),
            "old-key-6": (OTHER_REGIMENT,),  # linked since to another unit
            "old-key-7": (REGIMENT, BRIGADE),  # the membership of another import
            "old-key-8": (_number(REGIMENT, 1374),),  # --set unit=...
            "old-key-9": (REGIMENT,),  # a mapping file: the column is unknown
            "old-key-10": (REGIMENT, BRIGADE, brigade_8),  # in both already
            "old-key-11": (REGIMENT,),  # chosen by a person after the import
            "old-key-digits-1": ("12345",),
            "old-key-digits-2": ("67890",),  # not "1920", the year in the row
            "old-key-dash": ("12345",),  # a cell that names no unit: left as it is
        }
        with engine.connect() as conn:
            assert _served(conn) == expected
            ref = conn.execute(
                text("SELECT ref FROM units WHERE name = :n"), {"n": REGIMENT}
            ).scalar_one()
            key = conn.execute(
                text("SELECT name_key FROM partisan_units WHERE name = :n"), {"n": BRIGADE}
            ).scalar_one()
            brigades = dict(
                conn.execute(
                    text(
                        "SELECT name, count(*) FROM partisan_units WHERE kind = 'brigade' "
                        "AND name LIKE '%«Старый ключ»' GROUP BY name"
                    )
                ).all()
            )
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
        assert brigades == {BRIGADE: 1, brigade_8: 1}  # found, never doubled
        assert ref == person_unit_ref(REGIMENT) and "1373" in ref
        assert key == unit_key(BRIGADE) == "бригада 7 старый ключ"
        assert actors == ["migration 0014"]  # the history says who changed the link
        with Session(engine) as session:
            person_id = session.execute(
                text("SELECT id FROM persons WHERE ref = 'old-key-4'")
            ).scalar_one()
            moved = [e for e in record_history(session, "person", person_id) if e["changes"]]
        assert [(e["by"], e["restorable"], e["changes"]) for e in moved] == [
            (
                "migration 0014",
                False,  # not a version of the person's row: nothing to restore
                [
                    {
                        "field": "partisan_formation",
                        "old": DETACHMENT,
                        "new": _number(DETACHMENT, 2),
                    }
                ],
            )
        ]

        # Run again (down, then up): nothing moves twice, nothing is made twice.
        with engine.connect() as conn:
            made = _made(conn)
        database.downgrade(engine, "0013")
        database.upgrade(engine)
        with engine.connect() as conn:
            assert _served(conn) == expected
            assert _made(conn) == made

        content = (
            "ID записи,Фамилия,Имя,site_ref,Последнее место службы,Бригада\n"
            f"m-1,Ключев,Иван,site:shukhovtsy,{REGIMENT},Бригада № 7 «старый ключ»\n"
            f"m-2,Ключев,Пётр,site:shukhovtsy,{_number(REGIMENT, 1376)},бригада №9\n"
        )
        path = tmp_path / "after_0014.csv"
        path.write_text(content)
        report = run("persons", path)
        assert report.committed and report.added == 2
        with engine.connect() as conn:
            served = conn.execute(
                text(
                    "SELECT u.name, f.name FROM persons p JOIN units u ON u.id = p.unit_id "
                    "JOIN partisan_memberships m ON m.person_id = p.id "
                    "JOIN partisan_units f ON f.id = m.unit_id "
                    "WHERE p.import_batch_id = :b ORDER BY p.record_id"
                ),
                {"b": report.batch_id},
            ).all()
        assert served[0] == (REGIMENT, BRIGADE)  # the stored ones, found again
        assert served[1] == (_number(REGIMENT, 1376), "бригада №9")
    finally:
        if report is not None:  # the persons first: they point at the units
            undo_batch(engine, report.batch_id)
        _clean(engine)
