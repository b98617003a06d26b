"""A list from Kazakhstan whose headers are typed on a Russian keyboard, without the Kazakh
letters ("Акесинин аты", "Каза тапкан куни"): each column is read as the same list with the
Kazakh letters would be, "Еки марте" is two Hero titles, and a settlement written with its
kind after it typed so ("Шуховцы кенти", "Шуховцы каласы") finds its site."""

from __future__ import annotations

from sqlalchemy import text

HEADER = (
    "Реттик номири;Теги;Аты;Акесинин аты;Туган жылы;Аскери атагы;Каза тапкан куни;Тагдыры;"
    "Жерленген жери;Награды\n"
)
ROWS = [
    "1;Жаксыкенесов;Ерлан;Болатулы;1920;катардагы жауынгер;22 шилде 1944;каза тапты;"
    "Шуховцы кенти;Еки марте Кенес Одагынын Батыры",
    "2;Жаксыкенесбаев;Серик;Асанулы;1913;киши сержант;1944 жылы 5 каңтарда;"
    'жаракаттан кайтыс болды;Шуховцы каласы;"Уш марте Кенес Одагынын Батыры; Орден Ленина"',
]


def test_a_kazakh_list_typed_without_the_letters_maps_and_stores_each_column(
    run, tmp_path, engine, shukhovtsy_id
):
    path = tmp_path / "kazakh_headers_typed.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    report = run("persons", path)
    assert report.ok and report.committed and report.added == 2, report.problems
    assert report.mapped == {
        "Теги": "surname",
        "Аты": "given_name",
        "Акесинин аты": "patronymic",
        "Туган жылы": "birth_date",
        "Аскери атагы": "rank",
        "Каза тапкан куни": "death_date",
        "Тагдыры": "fate",
        "Жерленген жери": "burial_place",
        "Награды": "awards",
    }
    assert report.unmapped == ["Реттик номири"]  # the list's running number
    with engine.connect() as conn:
        persons = conn.execute(
            text(
                "SELECT p.surname, p.given_name, p.patronymic, p.birth_year, p.rank, "
                "p.death_year, p.death_month, p.death_day, p.fate, p.is_hero, b.site_id "
                "FROM persons p LEFT JOIN burials b ON b.person_id = p.id "
                "WHERE p.import_batch_id = :b ORDER BY p.import_row"
            ),
            {"b": report.batch_id},
        ).all()
        awards = conn.execute(
            text(
                "SELECT p.surname, a.position, a.title, a.is_hero_title FROM awards a "
                "JOIN persons p ON p.id = a.person_id WHERE p.import_batch_id = :b "
                "ORDER BY p.import_row, a.position"
            ),
            {"b": report.batch_id},
        ).all()
    assert [tuple(p) for p in persons] == [
        ("Жаксыкенесов", "Ерлан", "Болатулы", 1920, "катардагы жауынгер", 1944, 7, 22,
         "killed", True, shukhovtsy_id),
        ("Жаксыкенесбаев", "Серик", "Асанулы", 1913, "киши сержант", 1944, 1, 5,
         "died_of_wounds", True, shukhovtsy_id),
    ]  # fmt: skip
    assert [tuple(a) for a in awards] == [
        ("Жаксыкенесов", 1, "Кенес Одагынын Батыры", True),
        ("Жаксыкенесов", 2, "Кенес Одагынын Батыры", True),
        ("Жаксыкенесбаев", 1, "Кенес Одагынын Батыры", True),
        ("Жаксыкенесбаев", 2, "Кенес Одагынын Батыры", True),
        ("Жаксыкенесбаев", 3, "Кенес Одагынын Батыры", True),
        ("Жаксыкенесбаев", 4, "Орден Ленина", False),
    ]


def test_inspect_reads_the_headers_typed_without_the_letters(tmp_path):
    from mapapp.importers.inspect import inspect_file
    from mapapp.importers.runner import ImportOptions

    path = tmp_path / "kazakh_headers_inspect.csv"
    path.write_text(HEADER + ROWS[0] + "\n", encoding="utf-8")
    lines = inspect_file(ImportOptions(kind="persons", path=path))
    for shown in (
        "    Теги → surname",
        "    Акесинин аты → patronymic",
        "    Туган жылы → birth_date",
        "    Аскери атагы → rank",
        "    Каза тапкан куни → death_date",
        "    Жерленген жери → burial_place",
    ):
        assert shown in lines, lines


def test_a_fate_typed_without_the_letters_is_not_repeated_beside_its_label(
    run, tmp_path, engine, client, shukhovtsy_id
):
    """ "каза тапты" under "Тагдыры" says no more than the label "Killed", as "қаза тапты"
    does not: the page shows nothing beside it."""
    path = tmp_path / "kazakh_fates_typed.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    report = run("persons", path)
    assert report.ok and report.committed, report.problems
    with engine.connect() as conn:
        ids = conn.execute(
            text("SELECT id FROM persons WHERE import_batch_id = :b ORDER BY import_row"),
            {"b": report.batch_id},
        ).scalars()
        answers = [client.get(f"/api/persons/{i}").get_json() for i in ids]
    assert [(a["fate"], a["fate_as_written"]) for a in answers] == [
        ("killed", None),
        ("died_of_wounds", None),
    ]


def test_kazakh_yes_and_no_typed_without_the_letters_are_stored_as_yes_and_no(
    run, tmp_path, engine
):
    path = tmp_path / "kazakh_flags_typed.csv"
    path.write_text(
        "Теги;Аты;Партизан\nЖаксыиаев;Ерлан;иа\nЖаксыжоков;Серик;жок\n", encoding="utf-8"
    )
    report = run("persons", path)
    assert report.ok and report.committed and report.added == 2, report.problems
    with engine.connect() as conn:
        stored = conn.execute(
            text(
                "SELECT surname, is_partisan FROM persons WHERE import_batch_id = :b "
                "ORDER BY import_row"
            ),
            {"b": report.batch_id},
        ).all()
    assert [tuple(s) for s in stored] == [("Жаксыиаев", True), ("Жаксыжоков", False)]
