"""A record without an id is known by the mapped cells that hold something: a later export
of the same list with one more, empty, column adds nothing, and records stored under the
older key (which counted the empty cells too) are still found present."""

from sqlalchemy import text

from mapapp.importers.records import digest

HEADER = "Фамилия,Имя,Отчество,Год рождения"
ROWS = [
    "Ключов,Иван,,1915",  # no patronymic
    "Ключов,Пётр,Ильич,",  # no year of birth
    "Ключова,Анна,Петровна,1920",  # every cell held
]


def write(tmp_path, name: str, header: str, rows: list[str]):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def stored_keys(engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT given_name, ref FROM persons WHERE surname LIKE 'Ключов%'")
        ).all()
    return dict(rows)


def test_one_more_empty_column_adds_nothing(run, tmp_path, engine):
    first = run("persons", write(tmp_path, "list.csv", HEADER, ROWS))
    assert (first.added, first.present) == (3, 0)

    # The same list exported again with a rank column nobody filled in.
    wider = write(tmp_path, "list-2.csv", HEADER + ",Звание", [r + "," for r in ROWS])
    dry = run("persons", wider, dry_run=True)
    assert (dry.added, dry.present) == (0, 3)
    again = run("persons", wider)
    assert (again.added, again.present) == (0, 3)
    assert again.present_differing == 0

    # A rank filled in makes a different record (told as a possible duplicate if it is).
    filled = write(
        tmp_path,
        "list-3.csv",
        HEADER + ",Звание",
        [ROWS[0] + ",рядовой", *(r + "," for r in ROWS[1:])],
    )
    third = run("persons", filled)
    assert (third.added, third.present) == (1, 2)


def test_records_stored_under_the_older_key_are_found(run, tmp_path, engine):
    """A record stored before the key left empty cells out carries the older key; the
    same file imported again finds it and changes nothing of it."""
    path = write(tmp_path, "old-list.csv", HEADER, ROWS)
    assert run("persons", path).added == 3
    # The key as it was made before: every mapped field, empty ones as null.
    older = {
        "Иван": [("surname", "Ключов"), ("given_name", "Иван"), ("patronymic", None),
                 ("birth_date", "1915")],
        "Пётр": [("surname", "Ключов"), ("given_name", "Пётр"), ("patronymic", "Ильич"),
                 ("birth_date", None)],
    }  # fmt: skip
    now = stored_keys(engine)
    with engine.begin() as conn:
        for given, cells in older.items():
            conn.execute(
                text("UPDATE persons SET ref = :old WHERE ref = :now"),
                {"old": "person:" + digest(sorted(cells)), "now": now[given]},
            )
    before = stored_keys(engine)
    assert before["Иван"] != now["Иван"] and before["Анна"] == now["Анна"]

    dry = run("persons", path, dry_run=True)
    assert (dry.added, dry.present) == (0, 3)
    again = run("persons", path)
    assert (again.added, again.present) == (0, 3)
    assert again.present_differing == 0
    # Nothing stored changed: the older keys stay as they were.
    assert stored_keys(engine) == before
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM persons WHERE surname LIKE 'Ключов%'"))
        assert count.scalar_one() == 3


def test_a_record_stored_before_further_columns_were_read_is_found(run, tmp_path, engine):
    """Before, a field's second column was not read: "Дата рождения" empty beside "Год
    рождения" 1910 was keyed with the date empty. Imported again, it is found."""
    path = write(tmp_path, "two-births.csv", "Фамилия,Имя,Дата рождения,Год рождения", [
        "Ревизоров,Фёдор,,1910",
    ])  # fmt: skip
    assert run("persons", path).added == 1
    older = "person:" + digest(
        sorted([("surname", "Ревизоров"), ("given_name", "Фёдор"), ("birth_date", None)])
    )
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE persons SET ref = :old WHERE surname = 'Ревизоров'"), {"old": older}
        )
    again = run("persons", path)
    assert (again.added, again.present) == (0, 1)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT ref FROM persons WHERE surname = 'Ревизоров'")).all()
    assert [r[0] for r in rows] == [older]
