"""Nearest places by true distance, checked against a brute-force scan."""

from sqlalchemy import text

from mapapp.queries import nearby


def _brute_force(engine, table, origin_table, origin_id, exclude_self):
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                f"""
                SELECT t.id, ST_Distance(t.geom::geography, o.geom::geography) / 1000 AS km
                FROM {table} t, {origin_table} o
                WHERE o.id = :id {"AND t.id <> o.id" if exclude_self else ""}
                ORDER BY km, t.id
                """
            ),
            {"id": origin_id},
        ).all()
    return rows


def test_nearest_sites_match_brute_force_for_every_site(engine, session):
    site_ids = session.execute(text("SELECT id FROM burial_sites ORDER BY id")).scalars().all()
    for site_id in site_ids:
        got = nearby.nearest_sites(session, site_id=site_id, limit=5)
        expected = _brute_force(engine, "burial_sites", "burial_sites", site_id, True)[:5]
        assert [round(g["km"], 6) for g in got] == [round(e.km, 6) for e in expected]
        assert site_id not in [g["id"] for g in got]


def test_nearest_battles_and_sites_near_a_battle(engine, session):
    battle_ids = session.execute(text("SELECT id FROM battle_locations")).scalars().all()
    for battle_id in battle_ids:
        got = nearby.nearest_sites(session, battle_id=battle_id, limit=10)
        expected = _brute_force(engine, "burial_sites", "battle_locations", battle_id, False)
        assert [round(g["km"], 6) for g in got] == [round(e.km, 6) for e in expected[:10]]
    site_id = session.execute(text("SELECT min(id) FROM burial_sites")).scalar()
    got = nearby.nearest_battles(session, site_id=site_id, limit=5)
    expected = _brute_force(engine, "battle_locations", "burial_sites", site_id, False)[:5]
    assert [round(g["km"], 6) for g in got] == [round(e.km, 6) for e in expected]


def test_distance_is_in_kilometres(session):
    # Rylenki memorial to the Smirnov grave at Arekhausk: about 20 km apart on the map.
    rylenki = session.execute(
        text("SELECT id FROM burial_sites WHERE register_number = '213Д000473'")
    ).scalar()
    near = nearby.nearest_sites(session, site_id=rylenki, limit=10)
    smirnov = next(n for n in near if n["kind"] == "individual_grave")
    assert 15 < smirnov["km"] < 30
