"""Sites that may be one place are listed for review, never merged: a site file imported
again under another mapping, or a second record of one place from another source."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from mapapp.importers.batches import undo_batch
from mapapp.importers.site_duplicates import note_possible_duplicate_sites
from tests.integration.test_import_real_files import write

# Far from every demo site (south of Pinsk), so that only these sites can pair.
SITES = (
    "Название,Учетный номер,Широта,Долгота\n"
    "Обелиск землякам,,52.00000,26.00000\n"
    "Могила партизана Дублева,,52.01000,26.01000\n"
    "Стела павшим,,52.02000,26.02000\n"
)


def pairs_of(engine, batch_id):
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT a.name, b.name, d.metres, d.same_name FROM possible_duplicate_sites d "
                "JOIN burial_sites a ON a.id = d.site_id "
                "JOIN burial_sites b ON b.id = d.other_site_id "
                "WHERE d.import_batch_id = :b ORDER BY d.metres DESC, a.name, b.name"
            ),
            {"b": batch_id},
        ).all()
    return [tuple(r) for r in rows]


def site_ids(engine, batch_id) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT name, id FROM burial_sites WHERE import_batch_id = :b"), {"b": batch_id}
        ).all()
    return dict(rows)


def test_a_file_imported_again_under_another_mapping_is_listed_not_merged(
    run, tmp_path, engine, counts
):
    path = write(tmp_path, "district.csv", SITES)
    first = run("sites", path, given={"kind": "memorial"})
    assert first.committed and first.added == 3, first.problems
    assert first.possible_duplicate_sites == 0 and pairs_of(engine, first.batch_id) == []
    before = counts()

    # Another mapping: the kind comes out otherwise, so each row is another record.
    again = run("sites", path, given={"kind": "mass_grave"})
    assert again.committed and again.added == 3
    assert counts()["burial_sites"] == before["burial_sites"] + 3  # both kept, as stored
    assert sorted(pairs_of(engine, again.batch_id)) == [
        ("Могила партизана Дублева", "Могила партизана Дублева", 0, True),
        ("Обелиск землякам", "Обелиск землякам", 0, True),
        ("Стела павшим", "Стела павшим", 0, True),
    ]
    assert again.possible_duplicate_sites == 3 and len(again.duplicate_site_pairs) == 3

    # Undoing the second import takes its pairs with it.
    undo_batch(engine, again.batch_id)
    assert pairs_of(engine, again.batch_id) == []


def test_near_or_same_named_sites_pair_and_the_rest_do_not(run, tmp_path, engine):
    first = run("sites", write(tmp_path, "a.csv", SITES), given={"kind": "mass_grave"})
    assert first.committed, first.problems
    # 0.0003° of latitude is about 33 m; 0.005° about 556 m; 0.002° about 222 m.
    second = (
        "Название,Учетный номер,Широта,Долгота\n"
        "Памятник танкистам,,52.00030,26.00000\n"  # 33 m from the obelisk: paired
        "ОБЕЛИСК  землякам,,52.00500,26.00000\n"  # its name, 556 m away: paired
        "Памятник у дороги,,52.01200,26.01000\n"  # 222 m from the partisan's grave: not
        "Обелиск землякам № 2,,52.00700,26.00000\n"  # 778 m, another number: not paired
        "Стела павшим,,52.04000,26.02000\n"  # its name, but 2.2 km away: not paired
    )
    report = run("sites", write(tmp_path, "b.csv", second), given={"kind": "memorial"})
    assert report.committed and report.added == 5, report.problems
    pairs = pairs_of(engine, report.batch_id)
    assert pairs == [  # farthest first
        ("Обелиск землякам", "ОБЕЛИСК  землякам", 556, True),
        ("Обелиск землякам", "Памятник танкистам", 33, False),
    ]


def test_two_sites_with_register_numbers_are_two_places_however_close(run, tmp_path, engine):
    content = (
        "Название,Учетный номер,Широта,Долгота\n"
        "Братская могила,3411,52.10000,26.10000\n"
        "Братская могила,3412,52.10005,26.10000\n"  # 6 m away, its own register number
        "Братская могила,,52.10010,26.10000\n"  # 11 m away, no number: may repeat either
    )
    report = run("sites", write(tmp_path, "r.csv", content), given={"kind": "mass_grave"})
    assert report.committed and report.added == 3, report.problems
    assert _paired_numbers(engine, report.batch_id) == [("3411", None), ("3412", None)]


def _paired_numbers(engine, batch_id) -> list[tuple]:
    """The register numbers of each pair the batch listed, each pair's in order."""
    with engine.connect() as conn:
        numbers = conn.execute(
            text(
                "SELECT a.register_number, b.register_number FROM possible_duplicate_sites d "
                "JOIN burial_sites a ON a.id = d.site_id "
                "JOIN burial_sites b ON b.id = d.other_site_id "
                "WHERE d.import_batch_id = :b"
            ),
            {"b": batch_id},
        ).all()
    return sorted(tuple(sorted(r, key=str)) for r in numbers)


def test_a_heritage_code_and_a_district_book_number_may_be_one_place(run, tmp_path, engine):
    """Two registers number one grave each their own way: the pair is listed; two heritage
    codes (or two plain numbers) are one register's two sites."""
    content = (
        "Название,Учетный номер,Район,Широта,Долгота\n"
        "Братская могила,7,Пинский район,52.20000,26.20000\n"
        "Братская могила,213Д990007,Пинский район,52.20000,26.20000\n"  # the same point
        "Братская могила,213Д990008,Пинский район,52.20005,26.20000\n"  # 6 m away
    )
    report = run(
        "sites", write(tmp_path, "two_registers.csv", content), given={"kind": "mass_grave"}
    )
    assert report.committed and report.added == 3, report.problems
    assert _paired_numbers(engine, report.batch_id) == [
        ("213Д990007", "7"),
        ("213Д990008", "7"),
    ]


@pytest.mark.parametrize("code", ["№ 213Д990009", "№213Д990009", "213Д\u00a0990009"])
def test_a_heritage_code_written_with_no_or_a_no_break_space_is_one_still(
    run, tmp_path, engine, code
):
    """A heritage code read as such wherever it is written as the importer reads it
    (number_keys.register_key): with a "№" before it, or a no-break space in it."""
    content = (
        "Название,Учетный номер,Район,Широта,Долгота\n"
        "Братская могила,9,Пинский район,52.30000,26.30000\n"
        f"Братская могила,{code},Пинский район,52.30000,26.30000\n"
    )
    report = run("sites", write(tmp_path, "coded.csv", content), given={"kind": "mass_grave"})
    assert report.committed and report.added == 2, report.problems
    assert _paired_numbers(engine, report.batch_id) == [tuple(sorted((code, "9")))]


def test_sites_placed_at_one_settlement_pair_only_by_name(run, tmp_path, engine):
    # Without coordinates, both lie at the settlement's centre: no distance tells them
    # apart, so only a name in common pairs them.
    content = (
        "Название,Населённый пункт,Район\n"
        "Обелиск,Дубровно,Дубровенский район\n"
        "Стела,Дубровно,Дубровенский район\n"
    )
    first = run("sites", write(tmp_path, "s1.csv", content), given={"kind": "mass_grave"})
    assert first.committed and first.added == 2, first.problems
    assert pairs_of(engine, first.batch_id) == []
    second = run(
        "sites",
        write(tmp_path, "s2.csv", "Название,Населённый пункт,Район\n" + content.split("\n")[1]),
        given={"kind": "memorial"},
    )
    assert second.committed and second.added == 1, second.problems
    assert pairs_of(engine, second.batch_id) == [("Обелиск", "Обелиск", 0, True)]


def test_a_site_moved_by_kilometres_pairs_with_its_name_in_its_settlement(run, tmp_path, engine):
    # A corrected point 2.2 km from the stored one: the same name in the same settlement
    # of the same district pairs however far; in another district's settlement of that
    # name it does not.
    header = "Название,Населённый пункт,Район,Широта,Долгота\n"
    first = run(
        "sites",
        write(
            tmp_path,
            "m1.csv",
            header + "Братская могила 3,д. Заречье,Дубровенский район,52.20000,26.30000\n"
            "Братская могила 3,д. Заречье,Оршанский район,52.30000,26.40000\n",
        ),
        given={"kind": "mass_grave"},
    )
    assert first.committed and first.added == 2, first.problems
    assert pairs_of(engine, first.batch_id) == []
    moved = run(
        "sites",
        write(
            tmp_path,
            "m2.csv",
            header + "Братская могила 3,Заречье,Дубровенский район,52.22000,26.30000\n",
        ),
        given={"kind": "mass_grave"},
    )
    assert moved.committed and moved.added == 1, moved.problems
    assert pairs_of(engine, moved.batch_id) == [
        ("Братская могила 3", "Братская могила 3", 2225, True)
    ]
    with engine.connect() as conn:
        districts = conn.execute(
            text(
                "SELECT a.district, b.district FROM possible_duplicate_sites d "
                "JOIN burial_sites a ON a.id = d.site_id "
                "JOIN burial_sites b ON b.id = d.other_site_id WHERE d.import_batch_id = :b"
            ),
            {"b": moved.batch_id},
        ).one()
    assert set(districts) == {"Дубровенский район"}


def test_sites_of_two_settlements_told_apart_by_their_numbers_are_not_paired(run, tmp_path, engine):
    # Заречье-1 and Заречье-2 of one district, each with its Братская могила kilometres
    # apart: the settlements' numbers tell two villages, as the names' numbers tell two
    # graves. The settlement written again with its number still pairs.
    header = "Название,Населённый пункт,Район,Широта,Долгота\n"
    report = run(
        "sites",
        write(
            tmp_path,
            "n1.csv",
            header + "Братская могила,д. Заречье-1,Дубровенский район,52.20000,26.50000\n"
            "Братская могила,д. Заречье-2,Дубровенский район,52.25000,26.50000\n"
            "Братская могила,Заречье-1,Дубровенский район,52.30000,26.50000\n",
        ),
        given={"kind": "mass_grave"},
    )
    assert report.committed and report.added == 3, report.problems
    with engine.connect() as conn:
        paired = conn.execute(
            text(
                "SELECT a.settlement, b.settlement FROM possible_duplicate_sites d "
                "JOIN burial_sites a ON a.id = d.site_id "
                "JOIN burial_sites b ON b.id = d.other_site_id WHERE d.import_batch_id = :b"
            ),
            {"b": report.batch_id},
        ).all()
    assert [set(pair) for pair in paired] == [{"д. Заречье-1", "Заречье-1"}]


def test_sites_placed_at_a_district_centre_are_never_paired_by_name(run, tmp_path, engine):
    # Where such a site lies is not known: two mass graves of one name in one district
    # are as likely two graves as one.
    content = "Название,Район\nОбелиск героям,Дубровенский район\n"
    first = run("sites", write(tmp_path, "d1.csv", content), given={"kind": "memorial"})
    second = run("sites", write(tmp_path, "d2.csv", content), given={"kind": "mass_grave"})
    assert first.committed and second.committed and second.added == 1, second.problems
    assert pairs_of(engine, second.batch_id) == []


def test_site_page_api_and_command_line_show_the_pair(run, tmp_path, engine, client, test_settings):
    path = write(tmp_path, "page.csv", SITES.replace("Дублева", "<b>Дублева</b>"))
    first = run("sites", path, given={"kind": "memorial"})
    again = run("sites", path, given={"kind": "mass_grave"})
    assert first.committed and again.committed
    old, new = (site_ids(engine, b.batch_id) for b in (first, again))
    name = "Могила партизана <b>Дублева</b>"

    page = client.get(f"/sites/{new[name]}?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-testid="possible-duplicate-sites"' in html
    assert f'href="/sites/{old[name]}"' in html
    assert "Могила партизана &lt;b&gt;Дублева&lt;/b&gt;" in html and "<b>Дублева" not in html
    assert "same name" in html and "0 m away" in html
    russian = client.get(f"/sites/{new[name]}?lang=ru").get_data(as_text=True)
    assert "Возможно, то же место, что и" in russian and "в 0 м" in russian
    # A site without such a pair shows no such section.
    lone = client.get(f"/sites/{site_id_of(engine, 'site:shukhovtsy')}?lang=en")
    assert 'data-testid="possible-duplicate-sites"' not in lone.get_data(as_text=True)

    feature = client.get(f"/api/sites/{new[name]}").get_json()
    assert feature["properties"]["possible_duplicates"] == [
        {
            "id": old[name],
            "name": name,
            "kind": "memorial",
            "register_number": None,
            "metres": 0,
            "same_name": True,
        }
    ]

    listed = _cli(test_settings, "duplicates", "sites", "--batch", str(again.batch_id))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 3
    assert f"site {old[name]} '{name}' (memorial) and site {new[name]} '{name}' (mass_grave)" in (
        listed.stdout
    )
    assert all(line.endswith(": same name, 0 m apart") for line in lines)
    unknown = _cli(test_settings, "duplicates", "sites", "--batch", "999999")
    assert unknown.returncode == 2 and "there is no import batch 999999" in unknown.stderr

    # The import's own report says so, in words and in JSON.
    shown = _cli(test_settings, "import", "sites", str(path), "--set", "kind=military_cemetery")
    assert shown.returncode == 0, shown.stderr
    assert "6 pairs of sites listed for review as possibly one place" in shown.stdout
    as_json = _cli(
        test_settings, "import", "sites", str(path), "--set", "kind=individual_grave", "--json"
    )
    body = json.loads(as_json.stdout)
    assert body["possible_duplicate_sites"] == 9
    assert len(body["possible_duplicate_site_pairs"]) == 9
    for batch in (body["batch_id"], _last_batch(engine, before=body["batch_id"])):
        undo_batch(engine, batch)


def test_the_stored_sites_are_paired_as_the_migration_does(scratch, engine):
    # Sites stored before the pairs were kept (no batch): a pass over every site.
    a = scratch.site("Обелиск", lon=26.5, lat=52.2)
    b = scratch.site("Обелиск", lon=26.5001, lat=52.2)
    with engine.begin() as conn:
        note_possible_duplicate_sites(conn, None)
        pairs = conn.execute(
            text(
                "SELECT site_id, other_site_id, metres, same_name, import_batch_id "
                "FROM possible_duplicate_sites WHERE import_batch_id IS NULL"
            )
        ).all()
        conn.execute(text("DELETE FROM possible_duplicate_sites WHERE import_batch_id IS NULL"))
    # Only these two: the demo's sites at one district centre have other names.
    assert [tuple(p) for p in pairs] == [(a, b, 7, False, None)]


def site_id_of(engine, ref: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT id FROM burial_sites WHERE ref = :r"), {"r": ref}
        ).scalar_one()


def _last_batch(engine, before: int) -> int:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT max(id) FROM import_batches WHERE id < :b"), {"b": before}
        ).scalar_one()


def _cli(test_settings, *args):
    binary = str(Path(sys.executable).parent / "mapapp")
    env = {**os.environ, "DATABASE_URL": test_settings.database_url}
    return subprocess.run([binary, *args], capture_output=True, text=True, env=env, timeout=120)


def test_a_dry_run_names_the_pairs_it_would_list_and_writes_nothing(run, tmp_path, engine, counts):
    path = write(tmp_path, "district.csv", SITES)
    first = run("sites", path, given={"kind": "memorial"})
    before = counts()
    with engine.connect() as conn:
        pairs_before = conn.execute(text("SELECT count(*) FROM possible_duplicate_sites")).scalar()
    dry = run("sites", path, given={"kind": "mass_grave"}, dry_run=True)
    assert (dry.committed, dry.added, dry.possible_duplicate_sites) == (False, 3, 3)
    stored = site_ids(engine, first.batch_id)
    named = []
    for pair in dry.duplicate_site_pairs:  # a stored site and a row (ids in pair order)
        new, old = ("", "other_") if pair["site_row"] is not None else ("other_", "")
        assert pair[old + "site_row"] is None and pair[new + "site_id"] is None
        named.append((pair[new + "site_row"], pair[old + "site_id"] == stored[pair[old + "name"]]))
    assert sorted(named) == [(2, True), (3, True), (4, True)]
    assert counts() == before
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM possible_duplicate_sites")).scalar() == (
            pairs_before
        )
    done = subprocess.run(
        [sys.executable, "-m", "mapapp.cli", "import", "sites", str(path), "--set"]
        + ["kind=mass_grave", "--dry-run"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": str(engine.url.render_as_string(False))},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "3 pairs of sites would be listed for review as possibly one place" in done.stdout
    assert f"site {stored['Обелиск землякам']} 'Обелиск землякам' (memorial) and row 2 " in (
        done.stdout
    )
