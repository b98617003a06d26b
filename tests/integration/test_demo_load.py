"""Loading the demo data: complete, flagged, and idempotent."""

from sqlalchemy import text

from mapapp.demo import load_demo


def _count(engine, table):
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()


def test_demo_is_loaded(engine):
    assert _count(engine, "burial_sites") >= 30
    assert _count(engine, "battle_locations") >= 10
    assert _count(engine, "persons") == 300
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM persons WHERE NOT is_fictional")).scalar() == 0
        )
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
