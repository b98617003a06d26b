"""The column-by-column check of person rows gives, for every row it passes, exactly the
stage row the row-by-row check gives, and hands every row with a problem (or a cell that
needs more than trimming) to the row-by-row check, which reports it as before."""

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapapp.importers import writers
from mapapp.importers.columns import map_columns
from mapapp.importers.links import SiteResolver
from mapapp.importers.person_columns import check_person_chunk
from mapapp.importers.readers import Formula
from mapapp.importers.records import RowContext, check_person
from mapapp.importers.runner import _resolve_links

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import synthetic  # noqa: E402

from tests.helpers import fuzz

BBOX = (23.1, 51.2, 32.8, 56.2)


def _both(engine, columns, rows, given=None):
    """(column-by-column outcome, row-by-row outcomes) for the same rows."""
    mapped = map_columns("persons", columns, None, given or {})
    ctx = RowContext(
        "persons",
        mapped.field_of,
        BBOX,
        given=given or {},
        record_source="t.csv",
        fallback_of=mapped.also_named,
    )
    chunk = [(number, dict(zip(columns, row, strict=True))) for number, row in rows]
    with engine.connect() as conn:
        resolver = SiteResolver(conn)
        fast = check_person_chunk(ctx, chunk, resolver)
        slow = [check_person(ctx, number, raw) for number, raw in chunk]
        _resolve_links(ctx, resolver, slow)
    return fast, slow


def _assert_same(fast, slow) -> set[int]:
    """Every row is either staged exactly as the row-by-row check stages it, or handed
    over; every row with a problem is handed over. Returns the rows handed over."""
    handed = [number for number, _ in fast.by_row]
    staged = {row[30]: row for row in fast.stage_rows}  # import_row
    assert len(staged) == len(fast.stage_rows)
    assert not set(handed) & set(staged)
    assert set(handed) | set(staged) == {c.row for c in slow}
    good = []
    for checked in slow:
        if checked.problems or checked.record is None:
            assert checked.row in handed, checked.problems
        elif checked.row in staged:
            assert staged[checked.row] == writers._stage_row(checked)
            good.append(checked)
    awards, units = [], []
    for c in good:
        r = c.record
        awards += [
            (r["ref"], a["position"], a["title"], a["is_hero_title"], a["date_year"],
             a["date_month"], a["date_day"], a["feat"])
            for a in r["awards"]
        ]  # fmt: skip
        if r["brigade"] or r["detachment"]:
            units.append(
                (r["ref"], c.row, r["brigade"], writers.unit_key(r["brigade"]),
                 r["detachment"], writers.unit_key(r["detachment"]))
            )  # fmt: skip
    assert fast.awards == awards
    assert fast.units == units
    return set(handed)


def test_synthetic_register_rows_all_pass_column_by_column(engine):
    """Realistic rows (every date form, namesakes, units, empty cells), linked by the
    burial place the demo data knows: the same stage rows, none handed over."""
    sites = synthetic.synthetic_sites(20, seed=3)
    persons = list(synthetic.synthetic_persons(3_000, sites, seed=3))
    columns = [c for c in persons[0] if c != "site_ref"]
    columns += ["Место захоронения", "Район захоронения"]
    rows = [
        (n, [*(p[c] for c in columns[:-2]), "Шуховцы", "Дубровенский"])
        for n, p in enumerate(persons, start=2)
    ]
    fast, slow = _both(engine, columns, rows)
    assert _assert_same(fast, slow) == set()
    assert len(fast.stage_rows) == 3_000


COLUMNS = [
    "ID записи", "Фамилия", "Имя", "Отчество", "Дата рождения", "Дата выбытия",
    "Причина выбытия", "Воинское звание", "Место захоронения", "Район захоронения",
    "Номер могилы", "Вымышленный", "Герой Советского Союза", "Награды", "Дата указа",
    "Подвиг", "Бригада", "Отряд", "Номер фонда", "Последнее место службы", "Заметки",
    "Первичное место захоронения", "Откуда перезахоронен", "record source", "sources",
]  # fmt: skip
GOOD = [
    "1", "Годнов", "Иван", "Петрович", "1902", "22.06.1944", "убит", "рядовой", "Шуховцы",
    "Дубровенский", "3", "нет", "", "", "", "", "", "", "", "", "", "", "", "", "",
]  # fmt: skip


def _row(**cells):
    row = list(GOOD)
    for column, value in cells.items():
        row[COLUMNS.index(column.replace("_", " "))] = value
    return row


# Rows the row-by-row check refuses (each must be handed over), and odd but good rows.
ODD_ROWS = [
    _row(Фамилия=""),
    _row(Дата_рождения="31.02.1944"),
    _row(Дата_выбытия="00.13.1942"),
    _row(Дата_рождения="1902-05-01"),
    _row(Причина_выбытия="улетел"),
    _row(Вымышленный="может быть"),
    _row(Место_захоронения="Атлантида"),
    _row(Район_захоронения="Несуществующий"),
    _row(ID_записи="x" * 101),
    _row(ID_записи="5,12346E+13"),  # a spreadsheet's rounding of a long id
    _row(ID_записи="1.23457e11"),
    _row(Имя="И" * 20_000),
    _row(Имя="Ив\x00ан"),
    _row(Имя="Ив\x1bан"),
    _row(Имя=Formula("=A1")),
    _row(Фамилия=Formula("Годнов")),
    _row(Имя="'=HYPERLINK()"),
    _row(Имя="Иван\nИванович"),
    _row(Награды="Орден Ленина", Дата_указа="1930"),
    _row(Награды="", Подвиг="Подвиг без награды"),
    _row(Награды="Орден Ленина", Дата_указа="26.10.1944"),
    _row(Бригада="«»"),
    _row(Бригада="Б" * 301),
    _row(Награды="Герой Советского Союза; Орден Ленина", Дата_указа="26.10.1944", Подвиг="x"),
    _row(Бригада="бригада «Дядя Коля»", Отряд="отряд Щорса"),
    _row(Герой_Советского_Союза="да", Номер_фонда="58", Последнее_место_службы="1373 сп"),
    _row(ID_записи="", Заметки="без номера"),
    _row(ID_записи="", Заметки="без номера, другой"),
    _row(Фамилия="  Пробелов  ", Отчество="", Номер_могилы=""),
    _row(Дата_рождения="__.__.1902", Дата_выбытия="07.1944"),
    _row(Откуда_перезахоронен="д. Старое"),
    _row(Причина_выбытия="убит осколком гранаты"),
    _row(Причина_выбытия="загінуў у палоне"),
    _row(Причина_выбытия="убит / пропал без вести"),
    _row(Причина_выбытия="Погиб (ранее ранен)"),
    _row(Причина_выбытия="умер в г. Минске от ран"),
    _row(Первичное_место_захоронения="д. Первое", Откуда_перезахоронен="д. Старое"),
    # Dates as people write them: read alike by both checks, or refused by both.
    _row(Дата_выбытия="24.VI.1944", Дата_рождения="1913 г.н."),
    _row(Дата_выбытия="24 июня 1944 г.", Дата_рождения="1913 ж."),
    _row(Дата_выбытия="24 чэрвеня 1944", Дата_рождения="1920 ж.т."),
    _row(Дата_выбытия="1944 жылғы 24 маусым", Дата_рождения="ХХ.ХХ.1913"),
    _row(Дата_выбытия="1944.06.24", Дата_рождения="05/05/1913"),
    _row(Дата_выбытия="6/5/1944", Дата_рождения="12/31/1913"),
    _row(Дата_выбытия="6/24/1944", Дата_рождения="05-06-1913"),
    _row(Дата_выбытия="06/00/1944"),
    _row(Дата_выбытия="24-06-1944", Дата_рождения="1913."),
    _row(Дата_выбытия="24.06.1944;", Дата_рождения="xx.VI.1913"),
    _row(Дата_выбытия="06/24/1944"),
    _row(Дата_выбытия="1920 ж.т."),
    _row(Дата_выбытия="X.1944"),
    _row(Дата_выбытия="31/02/1944"),
    _row(Дата_выбытия="после 24.06.1944"),
    # What a list writes beside a name, and letters a code page lost ("?"): refused.
    _row(Отчество="Жумабаевич 1913 г.р."),
    _row(Отчество="Жумабаевич/Жумабекович"),
    _row(Имя="ст. сержант"),
    _row(Фамилия="Годнов 123"),
    _row(Имя="Н?рлан"),
    _row(Имя="Н[?]рлан"),
    _row(Фамилия="Неизвестный", Имя="красноармеец", Отчество=""),
    # A list's total line, a rank or a soldier's word where a name goes: refused; names
    # alike are names.
    _row(Фамилия="Итого:", Имя="35", Отчество=""),
    _row(Фамилия="Жиыны 12", Имя="", Отчество=""),
    _row(Фамилия="Всеволодов"),
    _row(Отчество="жауынгер"),
    _row(Имя="Боец", Отчество=""),
    _row(Отчество="Солдат"),
    _row(Фамилия="Боец"),
    _row(Фамилия="Рядовой", Имя="Воин"),
    # A row's own record source (an export's), and one without a record id.
    _row(record_source="Список Дубровенского РВК.xlsx"),
    _row(ID_записи="", record_source="obd.csv"),
    # Sources cells: a list of two, one citation, and cells that are no list of sources.
    _row(sources='[{"citation": "ЦАМО", "fond": "58"}, {"citation": "Книга памяти; т. 2"}]'),
    _row(sources="Донесение № 17", Номер_фонда="58"),
    _row(sources='[{"citation": "ЦАМО"'),
    _row(sources='[{"url": "https://example.org"}]'),
]


@pytest.mark.parametrize("n", range(len(ODD_ROWS)))
def test_each_odd_row_is_staged_identically_or_handed_over(engine, n):
    rows = [(2, GOOD), (3, ODD_ROWS[n]), (4, _row(ID_записи="2", Фамилия="Последов"))]
    fast, slow = _both(engine, COLUMNS, rows)
    handed = _assert_same(fast, slow)
    assert 2 not in handed and 4 not in handed  # a bad row leaves the others alone


def test_all_odd_rows_in_one_chunk(engine):
    rows = list(enumerate([GOOD, *ODD_ROWS], start=2))
    fast, slow = _both(engine, COLUMNS, rows)
    handed = _assert_same(fast, slow)
    refused = {c.row for c in slow if c.problems}
    assert refused <= handed
    assert len(handed - refused) <= 3  # only cells that need clean() go the long way


def test_full_names_and_values_set_for_the_file(engine):
    columns = ["ФИО", "Дата рождения", "Место захоронения", "Район захоронения"]
    rows = [
        (2, ["Годнов Иван Петрович", "1902", "Шуховцы", "Дубровенский"]),
        (3, ["Однословов", "1903", "Шуховцы", ""]),
        (4, ["", "1904", "Шуховцы", "Дубровенский"]),
        (5, ["Двое Иван Иванович Оглы", "", "Шуховцы", "Дубровенский"]),
    ]
    fast, slow = _both(engine, columns, rows, given={"rank": "рядовой"})
    assert _assert_same(fast, slow) == {4}
    assert all(row[13] == "рядовой" for row in fast.stage_rows)


def test_full_names_holding_more_than_a_name_are_handed_over_alike(engine):
    """A year, a rank, a second name, a lost letter, a comma inside a part or words after
    the patronymic refuse the row in both checks; names as registers write them are
    staged alike."""
    columns = ["ФИО", "Место захоронения", "Район захоронения"]
    cells = [
        "ТЕСТОВ Ерлан Жумабаевич, 1913 г.р., кр-ц", "Тестов Ерлан Жумабаевич 1913",
        "Тестов Ерлан Жумабаевич / Тестов Ерлан Жумабекович", "Тестов ст. сержант Ерлан",
        "Тест?лы Н?рлан", "Ким Де, Сун", "Тестов Ерлан Жумабаевич уроженец д. Ляды",
        "Тестов, Ерлан, Жумабаевич", "Тестов Ерлан Жұмабай ұлы", "Тестов-Тестович Иван",
        "Тест Ен Хо", "Неизвестный красноармеец", "Тестов (Тестаев, Тестенов) Ерлан",
    ]  # fmt: skip
    rows = [(n, [c, "Шуховцы", "Дубровенский"]) for n, c in enumerate(cells, start=2)]
    fast, slow = _both(engine, columns, rows)
    assert _assert_same(fast, slow) == set(range(2, 9))
    assert {c.row for c in slow if c.problems} == set(range(2, 9))
    assert {row[30]: row[1:4] for row in fast.stage_rows} == {
        9: ("Тестов", "Ерлан", "Жумабаевич"),
        10: ("Тестов", "Ерлан", "Жұмабай ұлы"),
        11: ("Тестов-Тестович", "Иван", None),
        12: ("Тест", "Ен Хо", None),
        13: ("Неизвестный", "красноармеец", None),
        14: ("Тестов (Тестаев, Тестенов)", "Ерлан", None),
    }


def test_a_field_s_further_column_fills_its_empty_cells_alike(engine):
    """ "Год рождения" then "Дата рождения": the second is read where the first is empty,
    by both checks; a bad cell in it is handed over and named in its own column."""
    columns = ["ID записи", "Фамилия", "Год рождения", "Дата рождения", "Место захоронения",
               "Район захоронения"]  # fmt: skip
    place = ["Шуховцы", "Дубровенский"]
    rows = [
        (2, ["1", "Годнов", "1902", "03.03.1902", *place]),
        (3, ["2", "Датов", "", "22.06.1903", *place]),
        (4, ["3", "Пустов", "", "", *place]),
        (5, ["4", "Февралёв", "", "31.02.1904", *place]),
        (6, ["5", "Формулов", "", Formula("=A1"), *place]),
        (7, ["6", "Нулев", "", "1905\x00", *place]),
        (8, ["7", "Первов", "31.02.1906", "1906", *place]),
    ]
    fast, slow = _both(engine, columns, rows)
    assert _assert_same(fast, slow) == {5, 6, 7, 8}
    births = {row[30]: row[5:8] for row in fast.stage_rows}
    assert births == {2: (1902, None, None), 3: (1903, 6, 22), 4: (None, None, None)}
    named = {c.row: [p.column for p in c.problems] for c in slow if c.problems}
    assert named == {5: ["Дата рождения"], 6: ["Дата рождения"], 7: ["Дата рождения"],
                     8: ["Год рождения"]}  # fmt: skip


def test_dates_as_people_write_them_are_staged_column_by_column(engine):
    """Each distinct date is read once for the column, as the row-by-row check reads it:
    none of these rows is handed over, and each is staged with its date."""
    written = {
        "24.VI.1944": (1944, 6, 24), "24 июня 1944 г.": (1944, 6, 24),
        "24 чэрвеня 1944": (1944, 6, 24), "1944 жылғы 24 маусым": (1944, 6, 24),
        "1944.06.24": (1944, 6, 24), "24/06/1944": (1944, 6, 24), "24-06-1944": (1944, 6, 24),
        "24.06.1944;": (1944, 6, 24), "ХХ.06.1944": (1944, 6, None), "1944 ж.": (1944, None, None),
        "1944.": (1944, None, None), "06/24/1944": (1944, 6, 24), "05/05/1944": (1944, 5, 5),
        "12-31-1944": (1944, 12, 31),
    }  # fmt: skip
    rows = [
        (n, _row(ID_записи=str(n), Дата_выбытия=date, Дата_рождения="1913 г.н."))
        for n, date in enumerate(written, start=2)
    ]
    fast, slow = _both(engine, COLUMNS, rows)
    assert _assert_same(fast, slow) == set()
    staged = {row[30]: (row[5:8], row[14:17]) for row in fast.stage_rows}
    assert staged == {
        n: ((1913, None, None), written[date]) for n, date in enumerate(written, start=2)
    }


# Generated cells, anywhere in a persons file: the column-by-column check never raises,
# stages each row it passes exactly as the row-by-row check stages it, and hands every
# row with a problem to the row-by-row check, which reports it (never a traceback).

FUZZ = fuzz(150)

# What a cell of a column may hold: its good and odd values from the fixed rows (so
# generated rows stay close to real ones), date-like text, any text at all (control
# characters included), long text, and spreadsheet formulas.
KNOWN = [sorted({row[i] for row in (GOOD, *ODD_ROWS)}, key=repr) for i in range(len(COLUMNS))]
DATE_LIKE = st.from_regex(r"[0-9_ ]{0,3}[./-]?[0-9_ ]{0,3}[./-]?[0-9 ]{0,5}", fullmatch=True)
# Dates with words, Roman months, X's and the years' marks.
DATE_WORDS = st.from_regex(
    r"[0-9xXхХ]{0,2}[ ./-]?(VI|XI|X|I|июня|чэрвеня|маусым|June|06)?[ ./-]?[0-9]{0,4}"
    r"[ ]?(г\.|ж\.|ж\.т\.|г\.н\.|;|\.)?",
    fullmatch=True,
)
ANY_TEXT = st.text(max_size=40)
LONG_TEXT = st.integers(1, 120_000).map(lambda n: "Ж" * n)
FORMULA = st.text(max_size=20).map(Formula)


def _cell(column: int):
    return st.one_of(
        st.sampled_from(KNOWN[column]),
        st.sampled_from(KNOWN[column]),
        DATE_LIKE,
        DATE_WORDS,
        ANY_TEXT,
        LONG_TEXT,
        FORMULA,
    )


@st.composite
def _row_with_generated_cells(draw):
    """A fixed row with one to three of its cells generated: a row of many generated
    cells would nearly always be refused for one of them, and hide the others."""
    row = list(draw(st.sampled_from([GOOD, *ODD_ROWS])))
    for column in draw(st.sets(st.integers(0, len(COLUMNS) - 1), min_size=1, max_size=3)):
        row[column] = draw(_cell(column))
    return row


ROW = _row_with_generated_cells()


@FUZZ
@given(rows=st.lists(ROW, min_size=1, max_size=6))
def test_generated_rows_are_staged_identically_or_handed_over(engine, rows):
    numbered = [(2, GOOD), *enumerate(rows, start=3)]
    fast, slow = _both(engine, COLUMNS, numbered)
    handed = _assert_same(fast, slow)
    assert 2 not in handed  # a bad row leaves the good one alone
    for checked in slow:
        for problem in checked.problems:
            assert problem.row == checked.row and problem.reason.strip()  # says why


def test_unknown_soldiers_named_by_rank_are_staged_alike(engine):
    """An unknown soldier named by rank, in a full-name cell or in the surname and given
    name columns, is staged alike by both checks; a rank beside a real name is handed
    over and refused; a namesake's "мл."/"ст." stays in the patronymic."""
    columns = ["ФИО", "Фамилия", "Имя", "Отчество", "Место захоронения", "Район захоронения"]
    names = [
        ("Неизвестный ст. лейтенант", "", "", ""),
        ("Неизвестный гвардии рядовой", "", "", ""),
        ("Невядомы лейтэнант", "", "", ""),
        ("Неизвестный красноармеец (1)", "", "", ""),
        ("", "Неизвестный", "ст. лейтенант", ""),
        ("", "Неизвестный капитан", "", ""),
        ("Тестов Петр Сидорович мл.", "", "", ""),
        ("Тестов ст. сержант Ерлан", "", "", ""),
        ("", "Тестов", "ст. сержант", ""),
        ("", "Неизвестный", "лейтенант", "ст. сержант"),
    ]
    rows = [(n, [*c, "Шуховцы", "Дубровенский"]) for n, c in enumerate(names, start=2)]
    fast, slow = _both(engine, columns, rows)
    assert _assert_same(fast, slow) == {9, 10, 11}
    assert {c.row for c in slow if c.problems} == {9, 10, 11}
    assert {row[30]: row[1:4] for row in fast.stage_rows} == {
        2: ("Неизвестный", "ст. лейтенант", None),
        3: ("Неизвестный", "гвардии рядовой", None),
        4: ("Невядомы", "лейтэнант", None),
        5: ("Неизвестный", "красноармеец (1)", None),
        6: ("Неизвестный", "ст. лейтенант", None),
        7: ("Неизвестный капитан", None, None),
        8: ("Тестов", "Петр", "Сидорович мл."),
    }


def test_total_lines_and_ranks_in_name_cells_are_handed_over_alike(engine):
    """A list's total line or a rank where a name goes is refused by both checks, in a
    full-name cell and in the name columns; surnames alike ("Всеволодов", "Боец" before a
    given name and patronymic) are staged alike."""
    columns = ["ФИО", "Фамилия", "Имя", "Отчество", "Место захоронения", "Район захоронения"]
    names = [
        ("Итого: 35", "", "", ""),
        ("Всего захоронено 120 человек, из них известных 35", "", "", ""),
        ("Усяго: 12", "", "", ""),
        ("Тестов Ерлан жауынгер", "", "", ""),
        ("Рядовой Тестов Ерлан", "", "", ""),
        ("Тестов Ерлан Боец", "", "", ""),
        ("", "Жиыны", "12", ""),
        ("", "Тестов", "Ерлан", "боец"),
        ("", "Тестов", "Партизан", ""),
        ("Всеволодов Иван Петрович", "", "", ""),
        ("Боец Иван Петрович", "", "", ""),
        ("Итогов Ерлан", "", "", ""),
        ("", "Боец", "Иван", "Петрович"),
        ("Итогов Ерлан", "", "", ""),  # a cell repeated: split once, staged alike
    ]
    rows = [(n, [*c, "Шуховцы", "Дубровенский"]) for n, c in enumerate(names, start=2)]
    fast, slow = _both(engine, columns, rows)
    assert _assert_same(fast, slow) == set(range(2, 11))
    assert {c.row for c in slow if c.problems} == set(range(2, 11))
    assert {row[30]: row[1:4] for row in fast.stage_rows} == {
        11: ("Всеволодов", "Иван", "Петрович"),
        12: ("Боец", "Иван", "Петрович"),
        13: ("Итогов", "Ерлан", None),
        14: ("Боец", "Иван", "Петрович"),
        15: ("Итогов", "Ерлан", None),
    }


def test_kazakh_typed_without_its_letters_is_staged_alike(engine):
    """Kazakh fates, dates, ranks and the unknown soldier's "Белгісіз" typed on a Russian
    keyboard (қ as к, ғ as г, і as и ...) are read alike by both checks, each distinct
    cell once; a Kazakh rank so typed beside a name is handed over and refused by both."""
    cells = [
        ("Тестов", "Ерлан", "каза тапты", "22 шилде 1944", "катардагы жауынгер"),
        ("Тестов", "Ерлан", "жаракаттан кайтыс болды", "1944 жылы 5 каңтарда", "киши сержант"),
        ("Тестов", "Ерлан", "туткында кайтыс болды", "кыркуйек 1943", "кызыласкер"),
        ("Белгисиз", "катардагы жауынгер", "хабарсыз кетти", "1944 ж.", ""),
        ("Тестов", "Ерлан", "каза тапты", "22 шилде 1944", "катардагы жауынгер"),  # repeated
        ("Тестов", "Ерлан катардагы жауынгер", "каза тапты", "1944", ""),
        ("Казаков", "Ерлан", "Казаков", "1944", ""),  # no fate: a surname
    ]
    rows = [
        (n, _row(ID_записи=str(n), Фамилия=surname, Имя=given, Отчество="",
                 Причина_выбытия=fate, Дата_выбытия=date, Воинское_звание=rank))
        for n, (surname, given, fate, date, rank) in enumerate(cells, start=2)
    ]  # fmt: skip
    fast, slow = _both(engine, COLUMNS, rows)
    assert _assert_same(fast, slow) == {7, 8}
    assert {c.row for c in slow if c.problems} == {7, 8}
    staged = {
        row[30]: (row[1], row[2], row[13], tuple(row[14:17]), row[17]) for row in fast.stage_rows
    }
    assert staged == {
        2: ("Тестов", "Ерлан", "катардагы жауынгер", (1944, 7, 22), "killed"),
        3: ("Тестов", "Ерлан", "киши сержант", (1944, 1, 5), "died_of_wounds"),
        4: ("Тестов", "Ерлан", "кызыласкер", (1943, 9, None), "died_in_captivity"),
        5: ("Белгисиз", "катардагы жауынгер", None, (1944, None, None), "missing"),
        6: ("Тестов", "Ерлан", "катардагы жауынгер", (1944, 7, 22), "killed"),
    }


def test_total_lines_with_the_total_word_further_on_are_handed_over_alike(engine):
    """A total line whose total word is not first ("Похоронено всего 35 человек",
    "Пахавана ўсяго 12") is refused by both checks; surnames alike are staged alike."""
    columns = ["ФИО", "Фамилия", "Имя", "Отчество", "Место захоронения", "Район захоронения"]
    names = [
        ("Похоронено всего 35 человек", "", "", ""),
        ("Из них всего: 12", "", "", ""),
        ("", "Пахавана ўсяго 12", "", ""),
        ("", "Жерленгендер барлығы 12 адам", "", ""),
        ("", "Пахавана ўсяго 12", "", ""),  # a cell repeated: checked once, handed over alike
        ("Усягов Іван", "", "", ""),
        ("", "Итогов", "Ерлан", ""),
    ]
    rows = [(n, [*c, "Шуховцы", "Дубровенский"]) for n, c in enumerate(names, start=2)]
    fast, slow = _both(engine, columns, rows)
    assert _assert_same(fast, slow) == set(range(2, 7))
    assert {c.row for c in slow if c.problems} == set(range(2, 7))
    assert {row[30]: row[1:4] for row in fast.stage_rows} == {
        7: ("Усягов", "Іван", None),
        8: ("Итогов", "Ерлан", None),
    }


def test_soldier_s_words_as_surnames_are_handed_over_alike(engine):
    """A rank or a soldier's word in small letters in the surname's place, alone or beside
    a given name, is refused by both checks; a capital one and an unknown soldier's name
    are staged alike."""
    columns = ["ФИО", "Фамилия", "Имя", "Отчество", "Место захоронения", "Район захоронения"]
    names = [
        ("", "боец", "", ""),
        ("", "боец", "Ерлан", ""),
        ("", "жауынгер", "Ерлан", ""),
        ("", "красноармеец", "Иван", ""),
        ("", "рядовой", "Иван", ""),
        ("", "партизан", "", ""),
        ("боец", "", "", ""),
        ("", "боец", "Ерлан", ""),  # a cell repeated: checked once, handed over alike
        ("", "Боец", "Ерлан", ""),
        ("Боец", "", "", ""),
        ("", "Неизвестный", "красноармеец", ""),
        ("Неизвестный боец", "", "", ""),
    ]
    rows = [(n, [*c, "Шуховцы", "Дубровенский"]) for n, c in enumerate(names, start=2)]
    fast, slow = _both(engine, columns, rows)
    assert _assert_same(fast, slow) == set(range(2, 10))
    assert {c.row for c in slow if c.problems} == set(range(2, 10))
    assert {row[30]: row[1:4] for row in fast.stage_rows} == {
        10: ("Боец", "Ерлан", None),
        11: ("Боец", None, None),
        12: ("Неизвестный", "красноармеец", None),
        13: ("Неизвестный", "боец", None),
    }
