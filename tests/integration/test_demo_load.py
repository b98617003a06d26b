"""Loading the demo data: complete, flagged, and idempotent."""

from sqlalchemy import text

from mapapp.demo import load_demo


def _count(engine, table):
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()


def test_demo_is_loaded(engine):
    assert _count(engine, "burial_sites") >= 30
    assert _count(engine, "battle_locations") >= 10
    assert _count(engine, "persons") == 302
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM persons WHERE is_fictional")).scalar() == 300
        # The only real persons are the cited ones of heroes.csv and partisans.csv, and
        # every one of them has sources with addresses.
        real = conn.execute(
            text(
                "SELECT p.ref, count(s.url) FROM persons p "
                "LEFT JOIN person_sources ps ON ps.person_id = p.id "
                "LEFT JOIN sources s ON s.id = ps.source_id "
                "WHERE NOT p.is_fictional GROUP BY p.ref ORDER BY p.ref"
            )
        ).all()
        assert [r.ref for r in real] == [
            "person:real-beda-leonid-ignatyevich",
            "person:real-zhangeldin-toktagali",
        ]
        assert all(r.count >= 1 for r in real)
        oblasts = set(conn.execute(text("SELECT DISTINCT oblast FROM burial_sites")).scalars())
    assert {"Brest", "Vitebsk", "Gomel", "Grodno", "Minsk", "Mogilev"} <= oblasts


def test_loading_again_changes_nothing_and_keeps_local_edits(engine):
    tables = [
        "burial_sites",
        "battle_locations",
        "persons",
        "burials",
        "sources",
        "site_sources",
        "settlements",
        "place_names",
        "awards",
        "partisan_units",
        "partisan_unit_areas",
        "partisan_memberships",
    ]
    before = {t: _count(engine, t) for t in tables}
    with engine.begin() as conn:
        original = conn.execute(
            text("SELECT description FROM burial_sites WHERE ref = 'site:shukhovtsy'")
        ).scalar()
        conn.execute(
            text("UPDATE burial_sites SET description = 'edited' WHERE ref = 'site:shukhovtsy'")
        )
    try:
        report = load_demo(engine)
        assert set(report.added.values()) == {0}
        assert {t: _count(engine, t) for t in tables} == before
        with engine.connect() as conn:
            kept = conn.execute(
                text("SELECT description FROM burial_sites WHERE ref = 'site:shukhovtsy'")
            ).scalar()
        assert kept == "edited"
    finally:
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE burial_sites SET description = :d WHERE ref = 'site:shukhovtsy'"),
                {"d": original},
            )


def test_bad_demo_file_writes_nothing(engine, tmp_path):
    import shutil

    import pytest

    from mapapp.demo import DEMO_DIR, DemoDataError

    for path in [*DEMO_DIR.glob("*.geojson"), *DEMO_DIR.glob("*.csv")]:
        shutil.copy(path, tmp_path / path.name)
    persons = (tmp_path / "persons.csv").read_text(encoding="utf-8").splitlines()
    # A new person whose death date cannot be read, after 299 fine ones.
    bad = persons[-1].replace("person:demo-0300", "person:demo-9999")
    fields = bad.split(",")
    fields[12] = "31.02.19444"
    persons.append(",".join(fields))
    (tmp_path / "persons.csv").write_text("\n".join(persons) + "\n", encoding="utf-8")
    before = _count(engine, "persons")
    with pytest.raises(DemoDataError, match="persons.csv line 302"):
        load_demo(engine, tmp_path)
    assert _count(engine, "persons") == before


def test_demo_honours_are_cited_or_flagged_and_no_fiction_is_a_hero(engine):
    with engine.connect() as conn:
        heroes = conn.execute(
            text(
                "SELECT DISTINCT p.ref, p.is_fictional FROM awards a "
                "JOIN persons p ON p.id = a.person_id WHERE a.is_hero_title"
            )
        ).all()
        assert heroes == [("person:real-beda-leonid-ignatyevich", False)]
        # A real person's award and a real formation always carry their source.
        uncited = conn.execute(
            text(
                "SELECT count(*) FROM awards a JOIN persons p ON p.id = a.person_id "
                "WHERE NOT p.is_fictional AND a.source_id IS NULL"
            )
        ).scalar()
        assert uncited == 0
        units = conn.execute(
            text("SELECT name, is_fictional, source_id IS NOT NULL FROM partisan_units")
        ).all()
        assert all(cited != fictional for _, fictional, cited in units)
        assert all(("демонстрац" in name) == fictional for name, fictional, _ in units)
        members = conn.execute(
            text(
                "SELECT p.is_fictional, u.is_fictional FROM partisan_memberships m "
                "JOIN persons p ON p.id = m.person_id JOIN partisan_units u ON u.id = m.unit_id"
            )
        ).all()
        # Fictional partisans are in fictional detachments only.
        assert members and all(pf == uf for pf, uf in members)


def test_a_fictional_hero_in_the_demo_files_is_refused(engine, tmp_path):
    import shutil

    import pytest

    from mapapp.demo import DEMO_DIR, DemoDataError

    for path in [*DEMO_DIR.glob("*.geojson"), *DEMO_DIR.glob("*.csv")]:
        shutil.copy(path, tmp_path / path.name)
    with (tmp_path / "awards.csv").open("a", encoding="utf-8") as out:
        out.write("person:demo-0002,1,Герой Советского Союза,,,,\n")
    before = _count(engine, "awards")
    with pytest.raises(DemoDataError, match="no fictional person is a Hero"):
        load_demo(engine, tmp_path)
    assert _count(engine, "awards") == before
