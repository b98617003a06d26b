"""Lists in Windows Kazakh (kz1048, also STRK1048, RK1048) and in Windows Cyrillic
(cp1251), which differ in 16 bytes only: the Kazakh letters of the one are the Belarusian
ў and the Ukrainian ґ є ї of the other."""

import pytest
from sqlalchemy import text

from mapapp.importers.errors import ImportFileError
from mapapp.importers.readers import read_as

HEADER = "ID записи;Фамилия;Имя;Отчество;Место захоронения;Район захоронения\n"
KAZAKH = [
    ("Әбдіқадыров", "Нұрлан", "Сәрсенбайұлы"),
    ("Жақсылықов", "Ерғали", "Қасымұлы"),
    ("Төлеуов", "Үмбет", "Ғалымұлы"),
]


def write(tmp_path, name, persons, encoding):
    path = tmp_path / name
    rows = "".join(f"{i};{';'.join(p)};Шуховцы;Дубровенский\n" for i, p in enumerate(persons, 1))
    path.write_bytes((HEADER + rows).encode(encoding))
    return path


def stored(engine, batch_id):
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT surname, given_name, patronymic FROM persons "
                "WHERE import_batch_id = :b ORDER BY import_row"
            ),
            {"b": batch_id},
        )
        return [tuple(row) for row in rows]


def test_a_kazakh_list_in_windows_kazakh_is_stored_with_its_letters(run, tmp_path, engine):
    path = write(tmp_path, "kz.csv", KAZAKH, "kz1048")
    dry = run("persons", path, dry_run=True)
    assert dry.encoding == "kz1048" and "encoding kz1048" in read_as(dry)
    report = run("persons", path)
    assert report.committed and report.added == 3, report.problems
    assert report.encoding == "kz1048"
    assert stored(engine, report.batch_id) == KAZAKH  # not 'Јбдіќадыров', 'Нўрлан'


@pytest.mark.parametrize(
    "persons",
    [
        [("Сакалоў", "Іван", "Аўдзеевіч"), ("Кавалёў", "Уладзімір", "Дуброўна")],  # Belarusian
        [("Коваленко", "Євген", "Олексійович"), ("Гаєвий", "Юрій", "Миколаївна")],  # Ukrainian
        [("Импортов", "Пётр", "Ильич"), ("Загрузов", "Иван", "Петрович")],  # Russian
    ],
    ids=["belarusian", "ukrainian", "russian"],
)
def test_a_cp1251_list_is_still_read_as_cp1251(run, tmp_path, engine, persons):
    report = run("persons", write(tmp_path, "list.csv", persons, "cp1251"))
    assert report.committed and report.encoding == "cp1251", report.problems
    assert stored(engine, report.batch_id) == persons  # not 'Сакалоұ', 'Ғвген'


def test_a_list_its_words_do_not_tell_is_refused_until_its_code_page_is_named(
    run, tmp_path, engine, counts
):
    """Үмбет in kz1048 is Їмбет in cp1251, a word Ukrainian could write: the user is shown
    both and says which, rather than a guess being stored."""
    path = write(tmp_path, "short.csv", [("Аманов", "Үмбет", "")], "kz1048")
    before = counts()
    with pytest.raises(ImportFileError) as refused:
        run("persons", path)
    message = str(refused.value)
    assert "'Їмбет' read as cp1251 is 'Үмбет' read as kz1048" in message
    assert "--encoding cp1251" in message and "--encoding kz1048" in message
    assert counts() == before
    report = run("persons", path, encoding="kz1048")
    assert report.committed and stored(engine, report.batch_id) == [("Аманов", "Үмбет", None)]


def test_its_other_names_are_windows_kazakh_too(run, tmp_path, engine):
    path = write(tmp_path, "kz.csv", KAZAKH[1:], "kz1048")
    report = run("persons", path, encoding="RK1048")
    assert report.committed and stored(engine, report.batch_id) == KAZAKH[1:]
