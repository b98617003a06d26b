"""Telling Windows Kazakh (kz1048) from Windows Cyrillic (cp1251) by the words of a text."""

import pytest

from mapapp.importers.encodings import AmbiguousCodePage, likeliest_encoding
from mapapp.importers.kazakh_code_page import cp1251_or_kz1048

KAZAKH = (
    "Тегі;Аты;Әкесінің аты;Туған жері\n"
    "Әбдіқадыров;Нұрлан;Сәрсенбайұлы;Қарағанды облысы\n"
    "Мұсаұлы;Әлихан;;Көкшетау\n"
    "Молдағұлова;Әлия;Нұрмұхамедқызы;Ақтөбе облысы\n"
)
BELARUSIAN = (
    "Прозвішча;Імя;Месца нараджэння;Примечание\n"
    "Сакалоў;Іван;Дуброўна;загінуў у баях\n"
    "Кавалёў;Аўдзей;Быхаў;пахаваны ў брацкай магіле\n"
)
UKRAINIAN = (
    "Прізвище;Ім'я;По батькові;Місце народження\n"
    "Ковалєв;Євген;Олексійович;Київ\n"
    "Ґонта;Ївга;Миколаївна;Запоріжжя\n"
    "Сергієнко;Юрій;Андрійович;її село\n"
)
RUSSIAN = "Фамилия;Имя;Отчество\nИванов;Пётр;Ильич\nСидоров;Иван;Петрович\n"


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (KAZAKH, "kz1048"),
        (BELARUSIAN, "cp1251"),
        (UKRAINIAN, "cp1251"),
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "kz1048"),  # the same bytes: read as it always was
    ],
)
def test_the_text_s_words_tell_its_code_page(content, encoding):
    expected = "kz1048" if content is KAZAKH else "cp1251"
    assert likeliest_encoding(content.encode(encoding)) == expected


def test_many_words_for_one_code_page_outweigh_a_word_for_the_other():
    belarusian_word = "Сакалоў\n".encode("cp1251")
    kazakh_word = "Нұрлан\n".encode("kz1048")
    assert cp1251_or_kz1048(KAZAKH.encode("kz1048") + belarusian_word) == "kz1048"
    assert cp1251_or_kz1048(BELARUSIAN.encode("cp1251") + kazakh_word) == "cp1251"


def test_a_text_of_words_both_could_write_is_not_guessed():
    with pytest.raises(AmbiguousCodePage) as raised:
        cp1251_or_kz1048("Аманов;Үмбет\n".encode("kz1048"))
    assert (raised.value.cp1251, raised.value.kz1048) == ("Їмбет", "Үмбет")


def test_as_many_words_for_each_are_not_guessed_either():
    with pytest.raises(AmbiguousCodePage):
        cp1251_or_kz1048("Нұрлан;Сакалоұ\n".encode("kz1048"))  # Сакалоў in cp1251


def test_a_belarusian_word_ending_in_u_short_u_is_not_read_as_kazakh():
    # "Загінуў" in kz1048 reads "Загінуұ", which no Kazakh word ends with.
    assert cp1251_or_kz1048("Загінуў;Дубровенский\n".encode("cp1251")) == "cp1251"
