"""A battle location is known by its name and point: the same battles with coordinates
rounded, moved a few hundred metres or named otherwise are added again, and the import
says which may repeat a stored one (both kept)."""

from __future__ import annotations

from sqlalchemy import text

from tests.integration.test_import_real_files import write

HEADER = "name,period,year_from,year_to,lat,lon\n"
FIRST = HEADER + "Бой у деревни Ляды,ноябрь 1943,1943,1943,54.6012345,30.9512345\n"


def pairs(report) -> list[tuple]:
    return [(p["name"], p["other_name"], p["same_name"]) for p in report.duplicate_battle_pairs]


def test_a_battle_with_rounded_coordinates_is_told_as_possibly_the_same(run, tmp_path):
    first = run("battles", write(tmp_path, "a.csv", FIRST))
    assert first.added == 1 and first.duplicate_battle_pairs == []
    rounded = HEADER + "Бой у деревни Ляды,ноябрь 1943,1943,1943,54.601235,30.951235\n"
    again = run("battles", write(tmp_path, "b.csv", rounded))
    assert again.added == 1
    assert pairs(again) == [("Бой у деревни Ляды", "Бой у деревни Ляды", True)]
    assert again.duplicate_battle_pairs[0]["metres"] == 0


def test_a_battle_moved_or_renamed_is_told_a_far_other_is_not(run, tmp_path):
    run("battles", write(tmp_path, "a.csv", FIRST))
    later = (
        HEADER
        + "Бой у деревни Ляды,ноябрь 1943 - март 1944,1943,1944,54.6039,30.9512345\n"  # 300 m
        + "Бой у д. Ляды,ноябрь 1943,1943,1943,54.6012345,30.9513\n"  # 4 m, another spelling
        + "Бой у деревни Ляды,1941,1941,1941,54.7,30.95\n"  # 11 km: another place
    )
    report = run("battles", write(tmp_path, "b.csv", later))
    assert report.added == 3
    told = {
        (p["other_name"], p["name"], p["same_name"], p["metres"])
        for p in report.duplicate_battle_pairs
    }
    assert told == {
        ("Бой у деревни Ляды", "Бой у деревни Ляды", True, 297),  # moved: a name in common
        ("Бой у деревни Ляды", "Бой у д. Ляды", False, 4),  # another spelling, 4 m away
    }  # and the one 11 km away is another place


def test_a_dry_run_names_the_battle_it_would_add_by_its_row(run, tmp_path, counts, engine):
    first = run("battles", write(tmp_path, "a.csv", FIRST))
    rounded = HEADER + "Бой у деревни Ляды,ноябрь 1943,1943,1943,54.601235,30.951235\n"
    before = counts()
    dry = run("battles", write(tmp_path, "b.csv", rounded), dry_run=True)
    assert (dry.committed, dry.added) == (False, 1)
    assert pairs(dry) == [("Бой у деревни Ляды", "Бой у деревни Ляды", True)]
    pair = dry.duplicate_battle_pairs[0]
    assert (pair["battle_row"], pair["other_battle_row"], pair["battle_id"]) == (2, None, None)
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT id FROM battle_locations WHERE import_batch_id = :b"),
            {"b": first.batch_id},
        ).scalar_one()
    assert pair["other_battle_id"] == stored
    assert counts() == before  # nothing written
