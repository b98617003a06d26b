"""Real archive files import as they are: record identity, possible duplicates, real
headers, rows without coordinates, any cell anywhere, and readers during a load."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from mapapp.importers.errors import ImportFileError

HEADER = (
    "ID записи,Фамилия,Имя,Отчество,Дата рождения,Воинское звание,Место рождения,"
    "Дата выбытия,site_ref,Номер могилы\n"
)


def person(record_id, rank="рядовой", birthplace="Карагандинская обл.", surname="Идентов"):
    return (
        f"{record_id},{surname},Иван,Петрович,__.__.1902,{rank},{birthplace},22.06.1944,"
        "site:shukhovtsy,7\n"
    )


def write(tmp_path, name, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def persons_by_ref(engine, refs):
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT ref, record_id, record_source, rank FROM persons WHERE ref = ANY(:r)"),
            {"r": list(refs)},
        ).all()


# --- 1. record identity ------------------------------------------------------------


def test_two_records_differing_only_by_id_are_two_records(run, tmp_path, engine):
    path = write(tmp_path, "obd.csv", HEADER + person("1001") + person("1002"))
    report = run("persons", path)
    assert report.committed and report.added == 2, report.problems
    assert report.mapped["ID записи"] == "record_id"
    with engine.connect() as conn:
        stored = conn.execute(
            text(
                "SELECT record_id, record_source FROM persons WHERE import_batch_id = :b "
                "ORDER BY record_id"
            ),
            {"b": report.batch_id},
        ).all()
    assert [tuple(r) for r in stored] == [("1001", "obd.csv"), ("1002", "obd.csv")]
    again = run("persons", path)
    assert (again.added, again.present) == (0, 2)


def test_same_id_twice_in_a_file_rejects_both_rows_naming_both(run, tmp_path, counts):
    before = counts()
    path = write(tmp_path, "twice.csv", HEADER + person("77") + person("78") + person("77"))
    report = run("persons", path)
    assert not report.committed and counts() == before
    problems = [str(p) for p in report.problems]
    assert problems == [
        "row 2, column 'ID записи': record id '77' is also in row 4 (one id, two rows)",
        "row 4, column 'ID записи': record id '77' is also in row 2 (one id, two rows)",
    ]


def test_skip_invalid_writes_both_rows_of_a_repeated_id_to_the_rejects_file(run, tmp_path):
    path = write(tmp_path, "rep.csv", HEADER + person("91") + person("92") + person("91"))
    report = run("persons", path, skip_invalid=True)
    assert report.committed and report.added == 1 and report.rejected == 2
    rejects = report.rejects_file.read_text(encoding="utf-8").splitlines()
    assert len(rejects) == 3 and all(line.startswith("91,") for line in rejects[1:])
    assert "is also in row 4" in rejects[1] and "is also in row 2" in rejects[2]


def test_same_id_in_another_source_is_another_record(run, tmp_path):
    first = run("persons", write(tmp_path, "a.csv", HEADER + person("5")))
    second = run("persons", write(tmp_path, "b.csv", HEADER + person("5")), source="another")
    assert (first.added, second.added) == (1, 1)


def test_without_an_id_rows_differing_in_any_mapped_cell_are_two_records(run, tmp_path):
    header = "Фамилия,Имя,Дата рождения,Воинское звание,Место захоронения,Район захоронения\n"
    rows = (
        "Безидов,Иван,1902,рядовой,Шуховцы,Дубровенский\n"
        "Безидов,Иван,1902,сержант,Шуховцы,Дубровенский\n"
    )
    report = run("persons", write(tmp_path, "noid.csv", header + rows))
    assert report.committed and report.added == 2


# --- 2. possible duplicates, listed, never merged ------------------------------------


def test_namesakes_are_listed_as_possible_duplicates(run, tmp_path, client, engine, test_settings):
    content = HEADER + person("2001", "рядовой", "Акмолинская обл.", "Дублев")
    content += person("2002", "сержант", "Кустанайская обл.", "Дублев")
    report = run("persons", write(tmp_path, "pair.csv", content))
    assert report.committed and report.added == 2
    assert report.possible_duplicates == 1
    pair = report.duplicate_pairs[0]
    assert {pair["a_row"], pair["b_row"]} == {2, 3}
    assert {pair["a_record"], pair["b_record"]} == {"2001", "2002"}
    # the person page says so, with a link to the other record
    html = client.get(f"/persons/{pair['a_id']}?lang=en").get_data(as_text=True)
    assert "Possibly the same person as" in html and f"/persons/{pair['b_id']}" in html
    html_ru = client.get(f"/persons/{pair['b_id']}?lang=ru").get_data(as_text=True)
    assert "Возможно, тот же человек, что и" in html_ru
    # mapapp duplicates list
    listed = _cli(test_settings, "duplicates", "list", "--batch", str(report.batch_id))
    assert listed.returncode == 0, listed.stderr
    assert "Дублев Иван Петрович" in listed.stdout
    assert "2001 / 2002" in listed.stdout or "2002 / 2001" in listed.stdout
    unknown = _cli(test_settings, "duplicates", "list", "--batch", "999999999")
    assert unknown.returncode == 2 and "there is no import batch 999999999" in unknown.stderr


def test_a_pair_written_two_ways_is_reported_with_both_names(run, tmp_path):
    from mapapp.cli import _pair_line

    content = HEADER + person("2011", surname="Дублёв") + person("2012", surname="Дублев")
    report = run("persons", write(tmp_path, "spelt.csv", content))
    assert report.possible_duplicates == 1
    (pair,) = report.duplicate_pairs
    assert {pair["name"], pair["b_name"]} == {"Дублёв Иван Петрович", "Дублев Иван Петрович"}
    assert _pair_line(pair).startswith(f"{pair['name']} / {pair['b_name']}: person ")


def test_three_namesakes_make_two_pairs_and_another_grave_none(run, tmp_path):
    content = HEADER + "".join(person(str(n), surname="Троев") for n in (2101, 2102, 2103))
    content += person("2104", surname="Троев").replace(",7\n", ",8\n")  # another grave
    # A dry run counts the pairs the import will list.
    assert (
        run("persons", write(tmp_path, "three.csv", content), dry_run=True).possible_duplicates == 2
    )
    report = run("persons", write(tmp_path, "three.csv", content))
    assert report.committed and report.added == 4
    # A group of three is linked by two pairs, each with its earliest record.
    assert report.possible_duplicates == 2
    pairs = [{p["a_record"], p["b_record"]} for p in report.duplicate_pairs]
    assert set.union(*pairs) == {"2101", "2102", "2103"}
    assert len(set.intersection(*pairs)) == 1
    assert len({p["a_id"] for p in report.duplicate_pairs}) == 1  # the smaller id


def test_a_namesake_in_a_later_file_is_listed_with_the_stored_record(run, tmp_path):
    first = run("persons", write(tmp_path, "one.csv", HEADER + person("3001", surname="Позднев")))
    second = write(tmp_path, "two.csv", HEADER + person("3001", "сержант", surname="Позднев"))
    dry = run("persons", second, dry_run=True)
    assert (dry.added, dry.possible_duplicates) == (1, 1)
    later = run("persons", second)
    assert (first.added, later.added) == (1, 1)  # the same id in another source
    assert later.possible_duplicates == 1
    pair = later.duplicate_pairs[0]
    assert {pair["a_batch"], pair["b_batch"]} == {first.batch_id, later.batch_id}


def _cli(test_settings, *args):
    binary = str(Path(sys.executable).parent / "mapapp")
    env = {**os.environ, "DATABASE_URL": test_settings.database_url}
    return subprocess.run([binary, *args], capture_output=True, text=True, env=env, timeout=120)


# --- 3. real headers, --set, kind from the name, --inspect -----------------------------

OSM_GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {
                "name": "Братская могила советских воинов",
                "name:ru": "Братская могила советских воинов",
                "name:be": "Брацкая магіла савецкіх воінаў",
                "historic": "memorial",
                "memorial": "war_memorial",
                "ref:by:gosspisok": "212Д000999",
            },
            "geometry": {"type": "Point", "coordinates": [30.7001, 54.5801]},
        },
        {
            "type": "Feature",
            "properties": {"name": "Памятный знак", "historic": "memorial", "memorial": "stele"},
            "geometry": {"type": "Point", "coordinates": [30.7002, 54.5802]},
        },
        {
            "type": "Feature",
            "properties": {"name": "Могила без точки", "historic": "tomb", "tomb": "war_grave"},
            "geometry": None,
        },
    ],
}


def test_osm_geojson_with_null_geometry_never_a_traceback(run, tmp_path, counts, engine):
    path = write(tmp_path, "osm.geojson", json.dumps(OSM_GEOJSON, ensure_ascii=False))
    before = counts()
    report = run("sites", path)
    assert not report.committed and counts() == before
    assert report.mapped["name:ru"] == "name_ru" and report.mapped["name:be"] == "name_be"
    assert report.mapped["ref:by:gosspisok"] == "register_number"
    problems = [str(p) for p in report.problems]
    assert any(p.startswith("row 2") and "no kind" in p and "--set kind=" in p for p in problems)
    assert any(
        p.startswith("row 3, column 'geometry'") and "the feature's geometry is null" in p
        for p in problems
    )
    assert not any(p.startswith("row 1") for p in problems)  # its name says mass grave
    report = run("sites", path, given={"kind": "memorial"}, skip_invalid=True)
    assert report.committed and report.added == 2 and report.rejected == 1
    with engine.connect() as conn:
        stored = conn.execute(
            text(
                "SELECT name_be, kind, register_number FROM burial_sites "
                "WHERE import_batch_id = :b ORDER BY id"
            ),
            {"b": report.batch_id},
        ).all()
    assert [tuple(r) for r in stored] == [
        ("Брацкая магіла савецкіх воінаў", "mass_grave", "212Д000999"),
        (None, "memorial", None),
    ]


def test_set_kind_gives_a_kind_to_rows_without_one_and_overrides_no_tag(run, tmp_path, engine):
    features = [
        ({"name": "Стела землякам", "historic": "memorial", "memorial": "war_memorial"}, 0),
        ({"name": "Могила лётчика Тестова", "historic": "tomb", "tomb": "war_grave"}, 1),
    ]
    path = write(
        tmp_path,
        "osm_tags.geojson",
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": props,
                        "geometry": {"type": "Point", "coordinates": [30.71 + n / 100, 54.59]},
                    }
                    for props, n in features
                ],
            },
            ensure_ascii=False,
        ),
    )
    report = run("sites", path, given={"kind": "individual_grave"})
    assert report.committed and report.added == 2, [str(p) for p in report.problems]
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT name, kind FROM burial_sites WHERE import_batch_id = :b ORDER BY id"),
            {"b": report.batch_id},
        ).all()
    assert [tuple(r) for r in stored] == [
        ("Стела землякам", "memorial"),  # its tags say so: --set does not override them
        ("Могила лётчика Тестова", "individual_grave"),
    ]


def test_kinds_from_names_and_set(run, tmp_path, engine):
    content = (
        "Название,Широта,Долгота\n"
        "Брацкая магіла,54.581,30.701\n"
        "Воинское кладбище №3,54.582,30.702\n"
        "Памятник,54.583,30.703\n"
    )
    report = run("sites", write(tmp_path, "k.csv", content), given={"kind": "memorial"})
    assert report.committed, report.problems
    with engine.connect() as conn:
        kinds = conn.execute(
            text("SELECT name, kind FROM burial_sites WHERE import_batch_id = :b ORDER BY name"),
            {"b": report.batch_id},
        ).all()
    assert dict(kinds) == {
        "Брацкая магіла": "mass_grave",
        "Воинское кладбище №3": "military_cemetery",
        "Памятник": "memorial",
    }


def test_set_for_a_field_the_file_has_or_an_unknown_value_is_refused(run, tmp_path):
    path = write(tmp_path, "s.csv", "name,kind,lat,lon\nX,mass grave,54.5,30.7\n")
    with pytest.raises(ImportFileError, match="the file has a column for 'kind'"):
        run("sites", path, given={"kind": "memorial"})
    path = write(tmp_path, "t.csv", "name,lat,lon\nX,54.5,30.7\n")
    with pytest.raises(ImportFileError, match="--set kind=castle: unknown kind"):
        run("sites", path, given={"kind": "castle"})
    with pytest.raises(ImportFileError, match=r"--set oblast=\.\.\.: longer than 50 characters"):
        run("sites", path, given={"kind": "memorial", "oblast": "Ж" * 51})


def test_missing_required_column_lists_columns_and_candidates(run, tmp_path):
    path = write(tmp_path, "c.csv", "Фамилия бойца,Имя,Год\nИванов,Иван,1902\n")
    with pytest.raises(ImportFileError) as caught:
        run("persons", path)
    message = str(caught.value)
    assert "the file's columns are: Фамилия бойца, Имя, Год" in message
    assert "likeliest: 'Фамилия бойца'" in message and "--map" in message


def test_inspect_shows_mapping_and_samples_and_writes_nothing(tmp_path, test_settings, counts):
    path = write(tmp_path, "osm.geojson", json.dumps(OSM_GEOJSON, ensure_ascii=False))
    before = counts()
    shown = _cli(test_settings, "import", "sites", str(path), "--inspect")
    assert shown.returncode == 0, shown.stderr
    assert "name:ru → name_ru" in shown.stdout and "historic → osm_historic" in shown.stdout
    assert "row 1:" in shown.stdout and "row 3:" in shown.stdout
    assert "no column for 'kind'" in shown.stdout and "nothing was written" in shown.stdout
    assert counts() == before


# --- 4. rows without coordinates: the gazetteer, or a clear refusal --------------------


def test_sites_without_coordinates_placed_at_known_settlement_or_refused(run, tmp_path, engine):
    content = (
        "Название,Тип,Населённый пункт,Район,Широта,Долгота\n"
        "Братская могила у Дубровно,братская могила,Дубровно,Дубровенский район,,\n"
        "Братская могила в районе,братская могила,,Дубровенский район,,\n"
        "Братская могила у Нигдеево,братская могила,Нигдеево,,,\n"
    )
    path = write(tmp_path, "nocoords.csv", content)
    report = run("sites", path)
    assert not report.committed
    assert [str(p) for p in report.problems] == [
        "row 4, column 'Широта': no coordinates, and the gazetteer has no point for "
        "settlement 'Нигдеево'"
    ]
    report = run("sites", path, skip_invalid=True)
    assert report.committed and report.added == 2
    with engine.connect() as conn:
        placed = conn.execute(
            text(
                "SELECT name, location_precision, round(ST_Y(geom)::numeric, 3)::float, "
                "location_note, p.gazetteer_place "
                "FROM burial_sites s LEFT JOIN site_placements p ON p.site_id = s.id "
                "WHERE import_batch_id = :b ORDER BY name"
            ),
            {"b": report.batch_id},
        ).all()
    by_name = {r[0]: r[1:] for r in placed}
    assert by_name["Братская могила у Дубровно"][:2] == ("settlement_centre", 54.572)
    assert by_name["Братская могила в районе"][0] == "district"
    # The place is data; the pages say what it means in their language.
    assert [v[2:] for v in by_name.values()] == [(None, "Дубровно"), (None, "Дубровно")]


def test_a_settlement_named_by_its_other_spelling_places_the_row(run, tmp_path, engine):
    """The gazetteer knows a settlement by every spelling stored for it."""
    content = (
        "Назва,Тып,Населены пункт,Шырата,Даўгата\n"
        "Брацкая магіла ля Дуброўны,брацкая магіла,Дуброўна,,\n"
        "Брацкая магіла ля Дуброўны 2,брацкая магіла,Дуброўна 2,,\n"
    )
    report = run("sites", write(tmp_path, "be.csv", content), skip_invalid=True)
    assert [str(p) for p in report.problems] == [
        "row 3, column 'Шырата': no coordinates, and the gazetteer has no point for "
        "settlement 'Дуброўна 2'"
    ]
    assert report.committed and report.added == 1
    with engine.connect() as conn:
        placed = conn.execute(
            text(
                "SELECT location_precision, round(ST_Y(geom)::numeric, 3)::float "
                "FROM burial_sites WHERE import_batch_id = :b"
            ),
            {"b": report.batch_id},
        ).one()
    assert tuple(placed) == ("settlement_centre", 54.572)


def test_a_town_is_found_in_its_own_district_and_every_placement_is_reported(run, tmp_path, engine):
    """The gazetteer gives Орша, Витебск and Могилёв no district: each is the town of the
    district named after it, in Russian or Belarusian. A letter is no district. The report
    says which rows were placed, and where."""
    content = (
        "Название,Тип,Населённый пункт,Район,Широта,Долгота\n"
        "Братская могила в Орше,братская могила,Орша,Оршанский район,,\n"
        "Братская могила в Витебске,братская могила,Витебск,Віцебскі раён,,\n"
        "Братская могила в Оршанском районе,братская могила,,Оршанский район,,\n"
        "Братская могила на букву,братская могила,,Д,,\n"
        "Братская могила в Орше у Могилёва,братская могила,Орша,Могилёвский район,,\n"
        # A settlement the gazetteer keeps without a district cannot be told in or out.
        "Братская могила в Безрайонном,братская могила,Безрайонное,Дубровенский район,,\n"
    )
    with engine.begin() as conn:  # a village stored without its district
        conn.execute(
            text(
                "INSERT INTO settlements (ref, name, kind, geom) VALUES ('test:bezrayon', "
                "'Безрайонное', 'village', ST_SetSRID(ST_MakePoint(30.0, 54.0), 4326))"
            )
        )
    try:
        report = run("sites", write(tmp_path, "towns.csv", content), skip_invalid=True)
    finally:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM settlements WHERE ref = 'test:bezrayon'"))
    assert [(p.row, p.reason) for p in report.problems] == [
        (5, "no coordinates, and the gazetteer has no point for district 'Д'"),
        (
            6,
            "no coordinates, and the gazetteer knows 'Орша' only outside 'Могилёвский "
            "район': give the coordinates, or correct the district",
        ),
        (
            7,
            "no coordinates, and the gazetteer knows 'Безрайонное' without its district, so "
            "not whether it is the one in 'Дубровенский район': give the coordinates",
        ),
    ]
    assert report.placed == [
        {"row": 2, "precision": "settlement_centre", "at": "the centre of Орша"},
        {"row": 3, "precision": "settlement_centre", "at": "the centre of Витебск"},
        {
            "row": 4,
            "precision": "district",
            "at": "the centre of Оршанский район (Орша)",
        },
    ]


# --- 5. any cell, anywhere -----------------------------------------------------------


def test_xlsx_formula_in_an_unmapped_column_is_kept_as_inert_text(run, tmp_path, engine):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Фамилия", "Имя", "Дата рождения", "Сумма"])
    sheet.append(["Формулин", "Иван", 1902, "=SUM(A1:A3)"])
    book.save(tmp_path / "f.xlsx")
    report = run("persons", tmp_path / "f.xlsx")
    assert report.committed and report.added == 1, report.problems
    with engine.connect() as conn:
        kept = conn.execute(
            text("SELECT import_source FROM persons WHERE import_batch_id = :b"),
            {"b": report.batch_id},
        ).scalar_one()
    assert kept["Сумма"] == "=SUM(A1:A3)"


@pytest.mark.parametrize(
    ("value", "column", "fragment"),
    [
        ("31.02.1944", "Дата выбытия", "no such day in the calendar: '31.02.1944'"),
        ("30.02.1943", "Дата выбытия", "no such day in the calendar: '30.02.1943'"),
        ("00.13.1942", "Дата выбытия", "out of range in '00.13.1942'"),
    ],
)
def test_invalid_calendar_dates_are_rejected_with_row_column_value(
    run, tmp_path, value, column, fragment
):
    content = "Фамилия,Имя,Дата выбытия\nДатов,Иван," + value + "\n"
    report = run("persons", write(tmp_path, "d.csv", content))
    assert not report.committed
    problem = str(report.problems[0])
    assert problem.startswith(f"row 2, column '{column}'") and fragment in problem
    assert f"(value: '{value}')" in problem


def test_control_characters_and_huge_cells(run, tmp_path, engine):
    huge = "Ж" * 100_000
    content = (
        "Фамилия,Имя,Примечание\n"
        "Звонков,Ив\x07ан,обычное\n"  # a bell in a mapped cell: refused, named
        f"Длиннов,Иван,{huge}\n"  # 100 kB in an unmapped cell: kept as it is
        "Табов,Иван,с\tтабом\x1b\n"  # an escape in an unmapped cell: kept as it is
    )
    path = write(tmp_path, "c.csv", content)
    report = run("persons", path, skip_invalid=True)
    assert [str(p) for p in report.problems] == [
        "row 2, column 'Имя': contains control character U+0007; remove it from the file "
        "(value: 'Ив\\x07ан')"
    ]
    assert report.committed and report.added == 2
    with engine.connect() as conn:
        kept = dict(
            conn.execute(
                text(
                    "SELECT surname, import_source->>'Примечание' FROM persons "
                    "WHERE import_batch_id = :b"
                ),
                {"b": report.batch_id},
            ).all()
        )
    assert kept["Длиннов"] == huge and kept["Табов"] == "с\tтабом\x1b"


def test_invalid_bytes_for_the_named_encoding_are_a_clear_message(run, tmp_path):
    path = write(tmp_path, "b.csv", b"\xd4\xe0\xec\xe8\xeb\xe8\xff\xfe\n\x81\x98\n")
    with pytest.raises(ImportFileError, match="not valid utf-8"):
        run("persons", path, encoding="utf-8")


def test_a_stray_invalid_byte_in_a_utf8_file_is_located_not_misread(run, tmp_path, counts):
    content = "Фамилия,Имя\nБайтов,Иван\n".encode() + b"\xff\xfe\xd0,\xd0\x98\n"
    before = counts()
    with pytest.raises(ImportFileError, match=r"UTF-8 text up to byte \d+ \(line 3\)"):
        run("persons", write(tmp_path, "u.csv", content))
    assert counts() == before


def test_nul_in_a_geojson_property_is_refused_not_cut_short(run, tmp_path, counts):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "Братская могила", "note": "a\u0000b"},
                "geometry": {"type": "Point", "coordinates": [30.7, 54.58]},
            }
        ],
    }
    path = write(tmp_path, "nul.geojson", json.dumps(collection))
    before = counts()
    with pytest.raises(ImportFileError, match="contains a NUL character"):
        run("sites", path)
    assert counts() == before


# --- 7. readers during a load -----------------------------------------------------------


def test_online_load_does_not_block_readers(run, tmp_path, engine, monkeypatch):
    from mapapp.importers import writers

    monkeypatch.setattr(writers, "BULK_ROWS", 1)  # treat this small file as a large load
    rows = "".join(person(str(900_000 + i), surname=f"Читаев{i}") for i in range(300))
    path = write(tmp_path, "load.csv", HEADER + rows)
    answers: list[int] = []
    errors: list[Exception] = []

    def read_while_loading(stage: str, _done: int) -> None:
        if stage not in ("linked to sites", "possible duplicates") or errors:
            return
        # The import's transaction has written its persons and burials, not committed.
        thread = threading.Thread(target=_read, args=(engine, answers, errors))
        thread.start()
        thread.join(15)

    from mapapp.importers.runner import ImportOptions, run_import

    report = run_import(
        engine, ImportOptions(kind="persons", path=path, online=True), read_while_loading
    )
    try:
        assert report.committed and report.added == 300
        assert not errors and len(answers) == 2, errors
    finally:
        from mapapp.importers.batches import undo_batch

        undo_batch(engine, report.batch_id)


def test_a_person_import_links_to_the_sites_stored_when_it_began(
    tmp_path, engine, scratch, monkeypatch
):
    """As the README says: the site keys are read once, so a site committed by another
    import while this one reads its file is not seen, and its rows are refused."""
    from mapapp.importers.runner import ImportOptions, run_import

    rows = [person(str(850_000 + i), surname=f"Ранов{'абвг'[i]}") for i in range(4)]
    rows[2:] = [r.replace("site:shukhovtsy", "test:late-site") for r in rows[2:]]
    path = write(tmp_path, "late.csv", HEADER + "".join(rows))

    def add_the_site_after_the_first_chunk(stage: str, done: int) -> None:
        if stage == "checked" and done == 2:
            with engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO burial_sites (ref, kind, name, location_precision, geom) "
                        "VALUES ('test:late-site', 'mass_grave', 'Test late', 'site', "
                        "ST_SetSRID(ST_MakePoint(30.1, 54.1), 4326))"
                    )
                )

    report = run_import(
        engine,
        ImportOptions(kind="persons", path=path, chunk_rows=2),
        add_the_site_after_the_first_chunk,
    )
    assert not report.committed
    assert [(p.row, p.reason) for p in report.problems] == [
        (row, "no burial site with ref 'test:late-site'") for row in (4, 5)
    ]
    again = run_import(engine, ImportOptions(kind="persons", path=path))  # now it is there
    try:
        assert again.committed and again.added == 4
    finally:
        from mapapp.importers.batches import undo_batch

        undo_batch(engine, again.batch_id)


def _waits_for(engine, table: str) -> bool:
    """Whether reading ``table`` now waits for a lock (given up after half a second)."""
    with engine.connect() as conn:
        conn.execute(text("SET lock_timeout = '500ms'"))
        try:
            conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        except OperationalError as exc:
            assert "lock timeout" in str(exc)
            return True
    return False


def _read(engine, answers, errors) -> None:
    try:
        with engine.connect() as conn:
            conn.execute(text("SET lock_timeout = '3s'"))
            conn.execute(text("SELECT count(*) FROM burials")).scalar_one()
            answers.append(conn.execute(text("SELECT count(*) FROM persons")).scalar_one())
    except Exception as exc:  # noqa: BLE001 - reported by the test
        errors.append(exc)


def test_a_large_load_locks_readers_until_it_commits_as_the_readme_says(
    run, tmp_path, engine, monkeypatch
):
    from mapapp.importers import writers
    from mapapp.importers.runner import ImportOptions, run_import

    monkeypatch.setattr(writers, "BULK_ROWS", 1)
    rows = "".join(person(str(800_000 + i), surname=f"Замков{i}") for i in range(50))
    path = write(tmp_path, "locked.csv", HEADER + rows)
    answers: list[int] = []
    errors: list[Exception] = []
    # Dropping a foreign key locks both its ends: the tables the keys point to wait too.
    referenced = ("burial_sites", "units", "sources", "import_batches", "contributions")
    waited: dict[str, bool] = {}

    def read_while_loading(stage: str, _done: int) -> None:
        if stage == "inserted":
            thread = threading.Thread(target=_read, args=(engine, answers, errors))
            thread.start()
            thread.join(15)
            waited.update({table: _waits_for(engine, table) for table in referenced})

    report = run_import(engine, ImportOptions(kind="persons", path=path), read_while_loading)
    try:
        assert report.committed and report.added == 50
        assert not answers and "lock timeout" in str(errors[0])
        assert waited == dict.fromkeys(referenced, True)
        assert not any(_waits_for(engine, table) for table in referenced)  # after the commit
    finally:
        from mapapp.importers.batches import undo_batch

        undo_batch(engine, report.batch_id)


def test_a_large_file_imported_again_adds_nothing_and_locks_no_reader(
    run, tmp_path, engine, monkeypatch
):
    """The lock is for a load that adds many rows: one that adds none takes row locks."""
    from mapapp.importers import writers
    from mapapp.importers.runner import ImportOptions, run_import

    monkeypatch.setattr(writers, "BULK_ROWS", 1)
    rows = "".join(person(str(810_000 + i), surname=f"Повторов{i}") for i in range(20))
    path = write(tmp_path, "again.csv", HEADER + rows)
    assert run("persons", path).added == 20
    answers: list[int] = []
    errors: list[Exception] = []

    def read_while_loading(stage: str, _done: int) -> None:
        if stage == "inserted":
            thread = threading.Thread(target=_read, args=(engine, answers, errors))
            thread.start()
            thread.join(15)

    report = run_import(engine, ImportOptions(kind="persons", path=path), read_while_loading)
    assert report.committed and (report.added, report.present) == (0, 20)
    assert not errors and len(answers) == 1, errors


def test_cells_longer_than_their_field_holds_are_refused_with_row_and_column(run, tmp_path, engine):
    persons = write(
        tmp_path,
        "long.csv",
        HEADER
        + person("y" * 100).replace(",7\n", "," + "7" * 30 + "\n")  # both at their limit
        + person("len-2").replace(",7\n", "," + "7" * 31 + "\n")  # a grave number
        + "x" * 101
        + ",Длиннов,Иван,,,,,,site:shukhovtsy,\n",  # a record id
    )
    report = run("persons", persons, skip_invalid=True)
    assert [(p.row, p.column, p.reason) for p in report.problems] == [
        (3, "Номер могилы", "longer than 30 characters, the most this field holds"),
        (4, "ID записи", "longer than 100 characters, the most this field holds"),
    ]
    assert report.committed and report.added == 1
    with engine.connect() as conn:
        kept = conn.execute(
            text(
                "SELECT p.record_id, b.grave FROM persons p JOIN burials b ON b.person_id = p.id "
                "WHERE p.import_batch_id = :b"
            ),
            {"b": report.batch_id},
        ).one()
    assert kept == ("y" * 100, "7" * 30)
    sites = write(
        tmp_path,
        "long_sites.csv",
        "Название,Тип,Область,Учётный номер,lon,lat\n"
        "Длинная могила,mass_grave," + "Ж" * 51 + ",,30.69,54.57\n"
        "Длинная могила 2,mass_grave,Vitebsk," + "1" * 51 + ",30.69,54.58\n"
        "Короткая могила,mass_grave,Vitebsk,,30.69,54.59\n",
    )
    report = run("sites", sites, skip_invalid=True)
    assert [(p.row, p.column) for p in report.problems] == [(2, "Область"), (3, "Учётный номер")]
    assert report.committed and report.added == 1


def test_long_unit_and_formation_names_are_kept_whole(run, tmp_path, engine):
    unit = "1373-й стрелковый полк " + "415-й стрелковой дивизии " * 8
    brigade = "партизанская бригада «" + "Щорса и Чапаева " * 16 + "»"
    detachment = "отряд имени " + "Кутузова и Суворова " * 14
    content = (
        "ID записи,Фамилия,Имя,site_ref,Последнее место службы,Бригада,Отряд\n"
        f"unit-1,Полков,Иван,site:shukhovtsy,{unit},{brigade},{detachment}\n"
        f"unit-2,Полков,Пётр,site:shukhovtsy,{unit},{brigade},{detachment}\n"
    )
    report = run("persons", write(tmp_path, "units.csv", content))
    assert report.committed and report.added == 2, report.problems
    with engine.connect() as conn:
        units = conn.execute(
            text(
                "SELECT DISTINCT u.name, length(u.ref) FROM persons p JOIN units u "
                "ON u.id = p.unit_id WHERE p.import_batch_id = :b"
            ),
            {"b": report.batch_id},
        ).all()
        formations = conn.execute(
            text(
                "SELECT name, length(ref) FROM partisan_units WHERE import_batch_id = :b "
                "ORDER BY kind"
            ),
            {"b": report.batch_id},
        ).all()
    assert [name for name, _ in units] == [unit.strip()]
    assert [name for name, _ in formations] == [brigade, detachment.strip()]
    assert all(length == 200 for _, length in [*units, *formations])  # a digest ends them
    again = run("persons", write(tmp_path, "units_again.csv", content.replace("unit-", "u2-")))
    assert again.added == 2
    with engine.connect() as conn:
        made = conn.execute(
            text("SELECT count(*) FROM partisan_units WHERE import_batch_id = :b"),
            {"b": again.batch_id},
        ).scalar_one()
        reused = conn.execute(
            text("SELECT count(DISTINCT unit_id) FROM persons WHERE import_batch_id IN (:a, :b)"),
            {"a": report.batch_id, "b": again.batch_id},
        ).scalar_one()
    assert made == 0 and reused == 1  # found again by the same refs and keys


def test_units_and_formations_whose_names_differ_in_a_number_are_two(run, tmp_path, engine):
    content = (
        "ID записи,Фамилия,Имя,site_ref,Последнее место службы,Бригада\n"
        "num-1,Номеров,Иван,site:shukhovtsy,1373-й стрелковый полк,бригада №1\n"
        "num-2,Номеров,Пётр,site:shukhovtsy,1375-й стрелковый полк,бригада №2\n"
        "num-3,Номеров,Павел,site:shukhovtsy,1373-Й Стрелковый полк,Бригада № 1\n"
    )
    report = run("persons", write(tmp_path, "numbers.csv", content))
    assert report.committed and report.added == 3
    with engine.connect() as conn:
        served = conn.execute(
            text(
                "SELECT p.given_name, u.name, f.name FROM persons p JOIN units u "
                "ON u.id = p.unit_id JOIN partisan_memberships m ON m.person_id = p.id "
                "JOIN partisan_units f ON f.id = m.unit_id WHERE p.import_batch_id = :b "
                "ORDER BY p.record_id"
            ),
            {"b": report.batch_id},
        ).all()
    assert served == [
        ("Иван", "1373-й стрелковый полк", "бригада №1"),
        ("Пётр", "1375-й стрелковый полк", "бригада №2"),
        ("Павел", "1373-й стрелковый полк", "бригада №1"),  # case and spacing folded
    ]


def test_a_burial_place_links_only_to_a_site_with_the_same_numbers(run, tmp_path, engine):
    """The search key reads spellings alike and leaves digits out: "Братская могила №2"
    is not the stored "Братская могила №1", however alike the rest."""
    sites = write(
        tmp_path,
        "numbered_sites.csv",
        "Название,Тип,Район,lon,lat\n"
        "Братская могила №1 (Номерное),mass_grave,Лиозненский район,30.80,55.02\n",
    )
    assert run("sites", sites).added == 1
    persons = write(
        tmp_path,
        "numbered_persons.csv",
        "ID записи,Фамилия,Имя,Место захоронения,Район захоронения\n"
        "nb-1,Номерной,Иван,Братская могила № 1 (Номерное),Лиозненский\n"
        "nb-2,Номерной,Пётр,Братская могила №2 (Номерное),Лиозненский\n"
        "nb-3,Номерной,Павел,Братская могила (Номерное),Лиозненский\n",
    )
    report = run("persons", persons, skip_invalid=True)
    assert report.added == 1
    assert [(p.row, p.reason.split(" in ")[0]) for p in report.problems] == [
        (3, "no burial site named 'Братская могила №2 (Номерное)'"),
        (4, "no burial site named 'Братская могила (Номерное)'"),
    ]


def test_list_and_object_properties_in_geojson_are_kept_as_json_text(run, tmp_path, engine):
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [30.69, 54.57]},
        "properties": {"name": "Брацкая магіла (спісы)", "ids": [3, 5], "extra": {"a": "б"}},
    }
    path = write(
        tmp_path,
        "lists.geojson",
        json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False),
    )
    report = run("sites", path)
    assert report.committed and report.added == 1, report.problems
    with engine.connect() as conn:
        kept = conn.execute(
            text("SELECT import_source FROM burial_sites WHERE import_batch_id = :b"),
            {"b": report.batch_id},
        ).scalar_one()
    assert json.loads(kept["ids"]) == [3, 5] and json.loads(kept["extra"]) == {"a": "б"}


def test_an_import_lists_only_pairs_with_a_record_of_its_own(run, tmp_path, engine):
    # Two stored namesakes in one grave whose pair is not listed (say, entered by hand):
    # a later import of a third namesake in another grave does not list them as its own.
    content = HEADER + person("4101", surname="Чужепаров") + person("4102", surname="Чужепаров")
    first = run("persons", write(tmp_path, "pair.csv", content))
    assert first.possible_duplicates == 1
    with engine.begin() as conn:
        conn.execute(
            text("DELETE FROM possible_duplicates WHERE import_batch_id = :b"),
            {"b": first.batch_id},
        )
    third = write(tmp_path, "third.csv", HEADER + person("4103", surname="Чужепаров")
                  .replace(",7\n", ",9\n"))  # fmt: skip
    assert run("persons", third, dry_run=True).possible_duplicates == 0
    assert run("persons", third).possible_duplicates == 0
