"""Pages by number of a site's persons in name order come from the kept name order
(migration 0012): every page is exactly the page the sorted list gives, and the kept
order follows every write path."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries.sites import Cursor, site_persons
from tests.integration.test_import import RU_HEADER, ru_row, write
from tests.integration.write_paths import check_after_load_import_reimport_and_undo

# The kept rows that differ from the burials and names they stand for, either way.
DIFFERENCES = """
WITH truth AS (
    SELECT b.id, b.site_id, p.withdrawn_at IS NOT NULL, b.person_id, p.surname,
           p.given_name IS NULL, COALESCE(p.given_name, ''), p.patronymic IS NULL,
           COALESCE(p.patronymic, '')
    FROM burials b JOIN persons p ON p.id = b.person_id
), kept AS (
    SELECT burial_id, site_id, withdrawn, person_id, surname, given_missing, given_name,
           patronymic_missing, patronymic
    FROM site_name_order
)
SELECT count(*) FROM ((TABLE truth EXCEPT TABLE kept) UNION ALL (TABLE kept EXCEPT TABLE truth)) d
"""

# A page by number as the list was read before migration 0012: the sorted join.
SORTED_PAGE = """
SELECT p.id FROM burials b JOIN persons p ON p.id = b.person_id
WHERE b.site_id = :site AND p.withdrawn_at IS NULL
ORDER BY p.surname, p.given_name NULLS LAST, p.patronymic NULLS LAST, p.id
LIMIT :limit OFFSET :offset
"""

NAMES = [
    ("Абаев", None, None),
    ("Абаев", "Иван", None),
    ("Абаев", "Иван", "Петрович"),
    ("Абаев", "", None),  # an empty given name sorts before a missing one
    ("Иванов", "Алексей", "Ильич"),
    ("Иванов", None, "Ильич"),
    ("Иванов", "алексей", None),
    ("Құрманов", "Ерлан", None),
    ("Ёлкин", "Пётр", None),
    ("Zimin", "Oleg", None),
]


def differences(conn) -> int:
    return conn.execute(text(DIFFERENCES)).scalar_one()


@pytest.fixture()
def exact(engine):
    def _check():
        with engine.connect() as conn:
            assert differences(conn) == 0

    return _check


@pytest.fixture()
def named_site(engine, scratch):
    site = scratch.site("Test name order", 30.0, 54.0)
    people = []
    for _ in range(9):  # each name several times: ties broken by id
        for surname, given, patronymic in NAMES:
            people.append(scratch.person(site, surname, given_name=given, patronymic=patronymic))
    return site, people


def sorted_page(session, site, page, per_page) -> list[int]:
    rows = session.execute(
        text(SORTED_PAGE), {"site": site, "limit": per_page, "offset": (page - 1) * per_page}
    )
    return [r[0] for r in rows]


def test_every_page_by_number_is_the_sorted_lists_page(engine, named_site, exact):
    site, people = named_site
    exact()
    per_page = 7
    pages = -(-len(people) // per_page)
    with Session(engine) as session:
        walked: list[int] = []
        cursor = None
        for page in range(1, pages + 2):  # one past the end: empty
            by_number = site_persons(session, site, page, per_page, "name")
            ids = [p["id"] for p in by_number.items]
            assert ids == sorted_page(session, site, page, per_page), page
            assert by_number.total == len(people)
            if page <= pages:  # the keyset walk reaches the same pages
                by_key = site_persons(session, site, page, per_page, "name", cursor)
                assert [p["id"] for p in by_key.items] == ids
                cursor = Cursor(person_id=by_key.next_after) if by_key.next_after else None
            walked += ids
        assert sorted(walked) == sorted(people) and len(walked) == len(people)


def test_kept_order_follows_renames_moves_and_deletes(engine, scratch, named_site, exact):
    site, people = named_site
    other = scratch.site("Test name order 2", 30.1, 54.1)
    with engine.begin() as conn:  # renamed: the given name goes, the place changes
        conn.execute(
            text("UPDATE persons SET surname = 'Яковлев', given_name = NULL WHERE id = :p"),
            {"p": people[0]},
        )
    exact()
    with engine.begin() as conn:  # moved to another site
        conn.execute(
            text("UPDATE burials SET site_id = :o WHERE person_id = :p"),
            {"o": other, "p": people[1]},
        )
    exact()
    with engine.begin() as conn:  # a burial now for another person of the registry
        newcomer = conn.execute(
            text(
                "INSERT INTO persons (ref, surname, given_name, is_fictional) "
                "VALUES ('test:order:newcomer', 'Борисов', 'Ян', true) RETURNING id"
            )
        ).scalar_one()
        conn.execute(
            text("UPDATE burials SET person_id = :n WHERE person_id = :p"),
            {"n": newcomer, "p": people[2]},
        )
    exact()
    with engine.begin() as conn:  # a person deleted takes the burial by cascade
        conn.execute(text("DELETE FROM persons WHERE id = :p"), {"p": people[4]})
        conn.execute(text("DELETE FROM burials WHERE person_id = :p"), {"p": people[5]})
    exact()
    with Session(engine) as session:
        for page in range(1, 4):
            ids = [p["id"] for p in site_persons(session, site, page, 30, "name").items]
            assert ids == sorted_page(session, site, page, 30)
    with engine.connect() as conn, conn.begin() as transaction:
        conn.execute(text("TRUNCATE burials"))
        assert conn.execute(text("SELECT count(*) FROM site_name_order")).scalar() == 0
        transaction.rollback()
    exact()


def test_kept_order_on_the_bulk_path_with_its_indexes_rebuilt(
    run, tmp_path, engine, exact, monkeypatch
):
    from mapapp.importers import writers

    def indexes() -> set[str]:
        with engine.connect() as conn:
            return set(
                conn.execute(
                    text("SELECT indexdef FROM pg_indexes WHERE tablename = 'site_name_order'")
                ).scalars()
            )

    before = indexes()
    monkeypatch.setattr(writers, "BULK_ROWS", 2)  # a large load: indexes dropped and rebuilt
    monkeypatch.setattr(writers, "REBUILD_SHARE", 0.0)
    rows = "".join(ru_row(f"Навалов{n}") for n in range(5))
    report = run("persons", write(tmp_path, "bulk-order.csv", RU_HEADER + rows))
    assert report.added == 5, [str(p) for p in report.problems]
    exact()
    assert indexes() == before and len(before) == 3


def test_kept_order_after_demo_load_import_reimport_and_undo(run, tmp_path, engine, exact):
    check_after_load_import_reimport_and_undo(run, tmp_path, engine, exact, "Порядков")


def test_withdrawn_persons_leave_the_pages_and_come_back_when_restored(
    engine, scratch, named_site, exact
):
    site, people = named_site
    for person in people[::7]:
        scratch.withdraw("persons", person, "test: the same man as another record")
    exact()
    standing = len(people) - len(people[::7])
    with Session(engine) as session:
        walked = []
        for page in range(1, 5):
            by_number = site_persons(session, site, page, 25, "name")
            ids = [p["id"] for p in by_number.items]
            assert ids == sorted_page(session, site, page, 25)
            assert by_number.total == standing
            walked += ids
        assert sorted(walked) == sorted(set(people) - set(people[::7]))
    with engine.begin() as conn:  # a restore brings the record back into the list
        conn.execute(
            text("UPDATE persons SET withdrawn_at = NULL, withdrawn_reason = NULL WHERE id = :p"),
            {"p": people[0]},
        )
    exact()
    with Session(engine) as session:
        first = [p["id"] for p in site_persons(session, site, 1, 25, "name").items]
        assert first == sorted_page(session, site, 1, 25)
