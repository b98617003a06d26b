"""Possible duplicates (records of one name, dates and grave) are linked by one pair fewer
than the records of a group, never by every two of them; unknown soldiers without dates
are not paired; the person page names twenty of them and links to the rest; `mapapp
duplicates list` gives the total, both names and the rest by --offset; a pair a correction
has made unlike is not shown as alike."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from mapapp.importers.person_duplicates import reduce_stored_pairs
from mapapp.importers.search_index import person_keys

HEADER = "ID записи,Фамилия,Имя,Отчество,Дата рождения,Дата выбытия,site_ref,Номер могилы\n"


def rows(ids, surname, given="Иван", patronymic="Петрович", born="1902",
         died="22.06.1944", grave="7"):  # fmt: skip
    return "".join(
        f"{i},{surname},{given},{patronymic},{born},{died},site:shukhovtsy,{grave}\n" for i in ids
    )


UNKNOWN = {"given": "", "patronymic": "", "born": "", "died": ""}


def write(tmp_path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + content, encoding="utf-8")
    return path


def stored_pairs(engine, *batches) -> set[tuple[str, str]]:
    """The pairs of these imports, by the two records' ids in their files."""
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT a.record_id, b.record_id FROM possible_duplicates d "
                "JOIN persons a ON a.id = d.person_id JOIN persons b ON b.id = d.other_person_id "
                "WHERE d.import_batch_id = ANY(:b)"
            ),
            {"b": list(batches)},
        ).all()
    return {tuple(sorted(pair)) for pair in found}


def first_stored(engine, *records: str) -> str:
    """Of these records, the one stored first (the smallest id)."""
    return min(records, key=lambda record: person_id(engine, record))


def linked_to(hub: str, *records: str) -> set[tuple[str, str]]:
    return {tuple(sorted((hub, record))) for record in records if record != hub}


def person_id(engine, record_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT id FROM persons WHERE record_id = :r"), {"r": record_id}
        ).scalar_one()


def mapapp_cli(test_settings, *args):
    binary = str(Path(sys.executable).parent / "mapapp")
    env = {**os.environ, "DATABASE_URL": test_settings.database_url}
    return subprocess.run(
        [binary, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


# --- one pair fewer than the records -------------------------------------------------


def test_a_group_of_five_is_linked_by_four_pairs_and_the_dry_run_says_so(run, tmp_path, engine):
    path = write(tmp_path, "five.csv", rows(["g1", "g2", "g3", "g4", "g5"], "Пятёркин"))
    assert run("persons", path, dry_run=True).possible_duplicates == 4
    report = run("persons", path)
    assert report.committed and report.added == 5
    assert report.possible_duplicates == 4
    group = ("g1", "g2", "g3", "g4", "g5")
    assert stored_pairs(engine, report.batch_id) == linked_to(first_stored(engine, *group), *group)


def test_a_later_list_of_the_group_joins_it_by_its_earliest_record(run, tmp_path, engine, client):
    first = run("persons", write(tmp_path, "first.csv", rows(["f1", "f2", "f3"], "Позднов")))
    later_file = write(tmp_path, "later.csv", rows(["l1", "l2"], "Позднов"))
    assert run("persons", later_file, dry_run=True).possible_duplicates == 2
    later = run("persons", later_file)
    assert (first.possible_duplicates, later.possible_duplicates) == (2, 2)
    # The later list's earliest record is paired with the group's earliest, its others
    # with that one: five records, four pairs.
    earliest, leader = first_stored(engine, "f1", "f2", "f3"), first_stored(engine, "l1", "l2")
    assert stored_pairs(engine, later.batch_id) == linked_to(leader, earliest, "l1", "l2")
    # Every record's page names the four others, however far its pairs lead.
    for record in ("f1", "f3", "l2"):
        found = client.get(f"/api/persons/{person_id(engine, record)}").get_json()
        assert found["possible_duplicates_total"] == 4
        assert len(found["possible_duplicates"]) == 4


def test_a_group_stays_linked_when_the_import_of_its_earliest_record_is_undone(
    run, tmp_path, engine, client
):
    from mapapp.importers.batches import undo_batch

    first = run("persons", write(tmp_path, "first.csv", rows(["u1"], "Отменов")))
    run("persons", write(tmp_path, "second.csv", rows(["u2", "u3"], "Отменов")))
    undo_batch(engine, first.batch_id)
    u3 = client.get(f"/api/persons/{person_id(engine, 'u3')}").get_json()
    assert [other["record_id"] for other in u3["possible_duplicates"]] == ["u2"]
    third = run("persons", write(tmp_path, "third.csv", rows(["u4"], "Отменов")))
    assert stored_pairs(engine, third.batch_id) == linked_to("u4", first_stored(engine, "u2", "u3"))


def test_records_linked_through_an_undone_record_are_linked_again(run, tmp_path, engine):
    """Pairs are stars around a group's earliest record: undoing its import links the
    records it linked to one another, not left loose."""
    from mapapp.importers.batches import undo_batch

    first = run("persons", write(tmp_path, "first.csv", rows(["h1", "h2"], "Звездов")))
    second = run("persons", write(tmp_path, "second.csv", rows(["h3"], "Звездов")))
    third = run("persons", write(tmp_path, "third.csv", rows(["h4"], "Звездов")))
    undo_batch(engine, first.batch_id)
    assert stored_pairs(engine, second.batch_id, third.batch_id) == {("h3", "h4")}


def test_a_dry_run_counts_a_pair_with_a_record_entered_by_hand(run, tmp_path, engine):
    stored = run("persons", write(tmp_path, "stored.csv", rows(["m1"], "Ручнов")))
    with engine.begin() as conn:  # as a record entered by hand, of no import
        for table in ("burials", "persons"):
            key = "person_id" if table == "burials" else "id"
            conn.execute(
                text(f"UPDATE {table} SET import_batch_id = NULL WHERE {key} = :p"),
                {"p": person_id(engine, "m1")},
            )
    try:
        path = write(tmp_path, "later.csv", rows(["m2"], "Ручнов"))
        assert run("persons", path, dry_run=True).possible_duplicates == 1
        assert run("persons", path).possible_duplicates == 1
    finally:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM persons WHERE id = :p"), {"p": person_id(engine, "m1")})
    assert stored.added == 1


def test_a_stored_record_no_pair_links_to_its_group_is_paired_by_the_next_import(
    run, tmp_path, engine
):
    first = run("persons", write(tmp_path, "first.csv", rows(["s1", "s2", "s3"], "Свободнов")))
    earliest = first_stored(engine, "s1", "s2", "s3")
    loose = "s3" if earliest != "s3" else "s2"
    with engine.begin() as conn:  # as if it had been entered by hand, unpaired
        conn.execute(
            text("DELETE FROM possible_duplicates WHERE person_id = :s OR other_person_id = :s"),
            {"s": person_id(engine, loose)},
        )
    later = run("persons", write(tmp_path, "later.csv", rows(["s4"], "Свободнов")))
    assert first.possible_duplicates == 2 and later.possible_duplicates == 2
    assert stored_pairs(engine, later.batch_id) == linked_to("s4", earliest, loose)


def test_unknown_soldiers_without_dates_are_not_paired(run, tmp_path, engine):
    unknown = rows([f"n{i}" for i in range(1, 6)], surname="Неизвестный", **UNKNOWN)
    unknown += rows(["b1", "b2"], surname="Невядомы салдат", **UNKNOWN)
    # Named by rank, or numbered (the search key drops the number): no namesakes either.
    unknown += rows(["r1", "r2"], surname="Неизвестный ст. лейтенант", **UNKNOWN)
    unknown += rows(["g1"], surname="Неизвестный", **{**UNKNOWN, "given": "гвардии рядовой"})
    unknown += rows(["g2"], surname="Неизвестный", **{**UNKNOWN, "given": "гвардии рядовой"})
    unknown += rows(["c1"], surname="Неизвестный красноармеец (1)", **UNKNOWN)
    unknown += rows(["c2"], surname="Неизвестный красноармеец (2)", **UNKNOWN)
    # Named in Kazakh: a soldier ("жауынгер"), a private of two words, a junior sergeant.
    unknown += rows(["k1", "k2"], surname="Белгісіз жауынгер", **UNKNOWN)
    unknown += rows(["k3", "k4"], surname="Белгісіз қатардағы жауынгер", **UNKNOWN)
    unknown += rows(["k5"], surname="Белгісіз", **{**UNKNOWN, "given": "кіші сержант"})
    unknown += rows(["k6"], surname="Белгісіз", **{**UNKNOWN, "given": "кіші сержант"})
    # With a date, they are paired as any namesakes are.
    unknown += rows(["d1", "d2"], surname="Неизвестный", **{**UNKNOWN, "died": "1944"})
    path = write(tmp_path, "unknown.csv", unknown)
    assert run("persons", path, dry_run=True).possible_duplicates == 1
    report = run("persons", path)
    assert report.committed and report.added == 21
    assert report.possible_duplicates == 1
    assert stored_pairs(engine, report.batch_id) == {("d1", "d2")}


# --- the person page ------------------------------------------------------------------


def test_the_person_page_names_twenty_and_links_to_all_a_page_at_a_time(
    run, tmp_path, engine, client, monkeypatch
):
    from mapapp.web import pages

    ids = [f"p{n:02}" for n in range(1, 27)]
    report = run("persons", write(tmp_path, "many.csv", rows(ids, surname="<i>Многов</i>")))
    assert report.possible_duplicates == 25
    first, last = person_id(engine, "p01"), person_id(engine, "p26")
    for person in (first, last):
        html = client.get(f"/persons/{person}?lang=en").get_data(as_text=True)
        assert html.count("Possibly the same person as") == 20
        assert "20 of 25 shown." in html
        assert f'href="/persons/{person}/possibly-the-same"' in html
        assert "<i>Многов</i>" not in html and "&lt;i&gt;Многов&lt;/i&gt;" in html
        body = client.get(f"/api/persons/{person}").get_json()
        assert (len(body["possible_duplicates"]), body["possible_duplicates_total"]) == (20, 25)
    monkeypatch.setattr(pages, "POSSIBLE_DUPLICATES_PER_PAGE", 10)
    listed = []
    for page in (1, 2, 3):
        html = client.get(f"/persons/{first}/possibly-the-same?page={page}&lang=en")
        assert html.status_code == 200
        html = html.get_data(as_text=True)
        assert "<i>Многов</i>" not in html
        listed += [i for i in ids if f"record {i})" in html]
    assert sorted(listed) == ids[1:]
    assert client.get(f"/persons/{first}/possibly-the-same?page=4").status_code == 404
    assert client.get("/persons/2000000000/possibly-the-same").status_code == 404


# --- mapapp duplicates list -----------------------------------------------------------


def test_the_list_gives_the_total_both_names_and_the_rest_by_offset(run, tmp_path, test_settings):
    content = rows(["c1", "c2"], surname="Списков")
    content += rows(["c3", "c4"], surname="СПИСКОВ", given="ИВАН")  # the same name, as written
    report = run("persons", write(tmp_path, "listed.csv", content))
    assert report.possible_duplicates == 3
    batch = str(report.batch_id)
    listed = mapapp_cli(test_settings, "duplicates", "list", "--batch", batch, "--limit", "2")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("3 pairs of records that may be one man")
    assert len(lines) == 4
    assert lines[3] == f"1 more: mapapp duplicates list --batch {batch} --offset 2 --limit 2"
    rest = mapapp_cli(
        test_settings, "duplicates", "list", "--batch", batch, "--offset", "2", "--limit", "2"
    )
    assert rest.returncode == 0, rest.stderr
    assert len(rest.stdout.splitlines()) == 2 and "more" not in rest.stdout
    # Each pair with both records' names as written, and why it is listed.
    names = {"c1": "Списков Иван", "c2": "Списков Иван", "c3": "СПИСКОВ ИВАН", "c4": "СПИСКОВ ИВАН"}
    listed_pairs = set()
    for line in lines[1:3] + rest.stdout.splitlines()[1:]:
        a, b = re.search(r"records (c\d) / (c\d)", line).groups()
        assert f"{names[a]} Петрович / {names[b]} Петрович" in line
        assert line.endswith("(same name, dates and grave)")
        listed_pairs.add((a, b))
    assert len(listed_pairs) == 3
    as_json = mapapp_cli(test_settings, "duplicates", "list", "--batch", batch, "--json")
    body = json.loads(as_json.stdout)
    assert (body["total"], body["more"], len(body["pairs"])) == (3, 0, 3)
    assert {p["other_name"] for p in body["pairs"]} == {
        "Списков Иван Петрович", "СПИСКОВ ИВАН Петрович"
    }  # fmt: skip


# --- pairs a correction has made unlike -----------------------------------------------


def correct_surname(engine, record_id: str, surname: str) -> None:
    """As an approved correction of the surname does (contributions.apply)."""
    with engine.begin() as conn:
        row = conn.execute(
            text(
                "SELECT id, given_name, patronymic, name_variants, home_country, home_region, "
                "home_district, callup_place FROM persons WHERE record_id = :r"
            ),
            {"r": record_id},
        ).mappings().one()  # fmt: skip
        keys = person_keys({**row, "surname": surname})
        conn.execute(
            text(
                "UPDATE persons SET surname = :surname, search_key = :search_key, "
                "name_words = :name_words, surname_key = :surname_key WHERE id = :id"
            ),
            {**keys, "surname": surname, "id": row["id"]},
        )


def test_a_pair_a_correction_has_made_unlike_is_not_shown_as_alike(
    run, tmp_path, engine, client, test_settings
):
    report = run(
        "persons", write(tmp_path, "corrected.csv", rows(["r1", "r2", "r3"], "Исправимов"))
    )
    assert report.possible_duplicates == 2
    hub = first_stored(engine, "r1", "r2", "r3")  # the record both pairs have
    correct_surname(engine, hub, "Исправленов")
    alike = [person_id(engine, r) for r in ("r1", "r2", "r3") if r != hub]
    petrov = client.get(f"/persons/{person_id(engine, hub)}?lang=en").get_data(as_text=True)
    assert "Possibly the same person" not in petrov
    body = client.get(f"/api/persons/{person_id(engine, hub)}").get_json()
    assert body["possible_duplicates_total"] == 0
    # The two left alike still name each other, through the corrected record's pairs.
    for me, other in (alike, reversed(alike)):
        body = client.get(f"/api/persons/{me}").get_json()
        assert [o["id"] for o in body["possible_duplicates"]] == [other]
        html = client.get(f"/persons/{me}?lang=en").get_data(as_text=True)
        assert "Исправленов" not in html
    listed = mapapp_cli(test_settings, "duplicates", "list", "--batch", str(report.batch_id))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()[1:]
    assert len(lines) == 2
    for line in lines:
        assert "Исправленов Иван Петрович / Исправимов Иван Петрович" in line
        assert line.endswith("(listed as same name, dates and grave, but the name differs now)")


# --- the stored pairs of earlier imports ----------------------------------------------


def test_the_pairs_of_every_two_records_are_reduced_to_those_an_import_makes_now(
    run, tmp_path, engine
):
    first = run("persons", write(tmp_path, "first.csv", rows(["m1", "m2", "m3"], "Сводов")))
    later = run("persons", write(tmp_path, "later.csv", rows(["m4", "m5"], "Сводов")))
    unknown_file = write(
        tmp_path, "unknown.csv", rows(["x1", "x2", "x3"], "Неизвестный", **UNKNOWN)
    )
    unknown = run("persons", unknown_file)
    ids = {r: person_id(engine, r) for r in ("m1", "m2", "m3", "m4", "m5", "x1", "x2", "x3")}
    # As the imports paired them before: every two records of a group, each import
    # pairing its new records with each other and with every stored one.
    old_rule = {
        first.batch_id: [("m1", "m2"), ("m1", "m3"), ("m2", "m3")],
        later.batch_id: [(s, n) for s in ("m1", "m2", "m3") for n in ("m4", "m5")] + [("m4", "m5")],
        unknown.batch_id: [("x1", "x2"), ("x1", "x3"), ("x2", "x3")],
    }
    with engine.connect() as conn, conn.begin() as transaction:
        for batch, pairs in old_rule.items():
            conn.execute(
                text(
                    "INSERT INTO possible_duplicates (person_id, other_person_id, reason, "
                    "import_batch_id) VALUES (LEAST(:a, :b), GREATEST(:a, :b), "
                    "'same name, dates and grave', :batch) "
                    "ON CONFLICT DO NOTHING"
                ),
                [{"a": ids[a], "b": ids[b], "batch": batch} for a, b in pairs],
            )
        removed = reduce_stored_pairs(conn)
        first_hub = first_stored(engine, "m1", "m2", "m3")
        later_hub = first_stored(engine, "m4", "m5")
        kept = conn.execute(
            text(
                "SELECT a.record_id, b.record_id, d.import_batch_id FROM possible_duplicates d "
                "JOIN persons a ON a.id = d.person_id JOIN persons b ON b.id = d.other_person_id "
                "WHERE d.import_batch_id = ANY(:b)"
            ),
            {"b": list(old_rule)},
        ).all()
        assert reduce_stored_pairs(conn) == 0  # nothing left to reduce
        transaction.rollback()
    assert removed == 13 - 4
    by_batch = {batch: {tuple(sorted(k[:2])) for k in kept if k[2] == batch} for batch in old_rule}
    assert by_batch == {
        first.batch_id: linked_to(first_hub, "m1", "m2", "m3"),
        later.batch_id: linked_to(later_hub, first_hub, "m4", "m5"),
        unknown.batch_id: set(),
    }


def test_an_undo_removes_a_person_written_by_sql_without_a_search_key(run, tmp_path, engine):
    """Undo links a removed person's namesakes again by search key; a person written by
    SQL into the batch may have none (it was paired with no one)."""
    from mapapp.importers.batches import undo_batch

    report = run("persons", write(tmp_path, "keyless.csv", rows([1], "Безключев")))
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO persons (ref, surname, import_batch_id) "
                "VALUES ('test:no-search-key', 'Безключев', :b)"
            ),
            {"b": report.batch_id},
        )
    assert undo_batch(engine, report.batch_id)["persons"] == 2
    with engine.connect() as conn:
        left = conn.execute(text("SELECT count(*) FROM persons WHERE ref = 'test:no-search-key'"))
        assert left.scalar_one() == 0


def test_every_record_like_a_person_is_given_by_the_api_a_page_at_a_time(
    run, tmp_path, engine, client
):
    ids = [f"a{n:02}" for n in range(1, 8)]
    run("persons", write(tmp_path, "api.csv", rows(ids, surname="Апишев")))
    first = person_id(engine, "a01")
    listed, page = [], 1
    while True:
        body = client.get(f"/api/persons/{first}/possibly-the-same?page={page}&per_page=3")
        assert body.status_code == 200
        body = body.get_json()
        assert (body["total"], body["per_page"], body["pages"]) == (6, 3, 2)
        assert body["person"]["id"] == first and body["person"]["surname"] == "Апишев"
        if not body["items"]:
            break
        listed += [item["record_id"] for item in body["items"]]
        page += 1
    assert sorted(listed) == ids[1:] and page == 3  # each once, by id
    assert client.get(f"/api/persons/{first}/possibly-the-same?page=0").status_code == 400
    assert client.get(f"/api/persons/{first}/possibly-the-same?per_page=x").status_code == 400
    assert client.get("/api/persons/2000000000/possibly-the-same").status_code == 404


def test_a_fictional_record_among_the_possibly_same_is_flagged_everywhere(
    run, tmp_path, engine, client, test_settings
):
    header = HEADER.rstrip("\n") + ",Вымышленный\n"
    content = rows(["f1"], surname="Демов").replace("\n", ",нет\n")
    content += rows(["f2"], surname="Демов").replace("\n", ",да\n")
    path = tmp_path / "fictional.csv"
    path.write_text(header + content, encoding="utf-8")
    report = run("persons", path)
    assert report.possible_duplicates == 1, [str(p) for p in report.problems]
    real, fictional = person_id(engine, "f1"), person_id(engine, "f2")
    for address in (f"/persons/{real}?lang=en", f"/persons/{real}/possibly-the-same?lang=en"):
        html = client.get(address).get_data(as_text=True)
        # The real person's page names the fictional record with its badge; the banner
        # saying that the persons shown are fictional is not put over a real person.
        assert re.search(
            rf'href="/persons/{fictional}">Демов Иван Петрович</a> <span class="badge-demo"', html
        )
        assert "made up to demonstrate the application" not in html
    html = client.get(f"/persons/{fictional}/possibly-the-same?lang=en").get_data(as_text=True)
    assert "Fictional person (demonstration data)" in html
    assert f'href="/persons/{real}">Демов Иван Петрович</a> <span class="badge-demo"' not in html
    body = client.get(f"/api/persons/{real}").get_json()
    assert [d["is_fictional"] for d in body["possible_duplicates"]] == [True]
    body = client.get(f"/api/persons/{real}/possibly-the-same").get_json()
    assert [d["is_fictional"] for d in body["items"]] == [True]
    listed = mapapp_cli(test_settings, "duplicates", "list", "--batch", str(report.batch_id))
    assert listed.stdout.startswith("1 pair of records that may be one man")
    line = listed.stdout.splitlines()[1]
    assert line.count("Демов Иван Петрович (fictional, demonstration data)") == 1
    assert line.count("Демов Иван Петрович") == 2
