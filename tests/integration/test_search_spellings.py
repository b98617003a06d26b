"""A person is found from any script and common spelling, ranked where a relative looks.

Each row: the query a relative might type, the record it must find (surname and given
name as recorded), and the rank it must reach: 1 (first) or 5 (within the top five).
"""

import pytest

# Fictional test records, written as an archive card would have them. Their given names
# are not among the demo data's, so that no namesake shares their rank.
RECORDS = [
    ("Жаксылыков", "Аманжол", "Нурпеисович"),
    ("Ахметов", "Ерболат", "Омарович"),
    ("Щербаков", "Фёдор", "Семёнович"),
    ("Хасенов", "Мырзахмет", None),
    ("Юсупов", "Рустам", "Хамидович"),
    ("Цой", "Николай", "Петрович"),
    ("Шевченко", "Остап", "Иванович"),
    ("Ерёменко", "Григорий", "Ильич"),
    ("Құрманғазиев", "Жұмабай", None),
    ("Чайкин", "Пётр", "Ильич"),
    ("Ярошевич", "Адам", "Степанович"),
    ("Кенжебаев", "Талгат", "Утегенович"),
    ("Серикенов", "Ержан", "Болатович"),
    ("Подъячев", "Савелий", "Кузьмич"),
    # Two spellings with one key: the one typed comes first.
    ("Кожахметов", "Сагындык", None),
    ("Кожаахметов", "Сагындык", None),
    # Typos that are one letter away as typed but two in the key, or that are
    # themselves, or are one typo from, another recorded surname (from the benchmark's
    # misses on two million persons); the second of each pair is the other name.
    ("Федоров", "Тимофей", "Иванович"),
    ("Ведов", "Тимофей", None),
    ("Уалиев", "Жандос", None),
    ("Искаков", "Нурлан", None),
    ("Солский", "Прохор", None),
    ("Солко", "Прохор", None),
    ("Утков", "Евстафий", None),
    ("Жуков", "Евстафий", None),
    ("Талжанов", "Дархан", None),
    ("Талбаев", "Дархан", None),
    ("Сидорин", "Тимур", None),
    ("Сергин", "Тимур", None),
    ("Есханов", "Серикбол", None),
    ("Есенов", "Серикбол", None),
    ("Вершинохов", "Евлампий", None),
    ("Вершинов", "Евлампий", None),
    ("Макушин", "Ерназар", None),
    ("Мазушин", "Ерназар", None),
    ("Байжанов", "Серикбол", None),
    ("Бажанов", "Серикбол", None),
]

SPELLINGS = [
    # Kazakh surname: Russian card, Kazakh Cyrillic, Belarusian plaque, Latin forms.
    ("Жаксылыков Аманжол", "Жаксылыков", 1),
    ("Жақсылықов Аманжол", "Жаксылыков", 1),
    ("Жаксылыкаў Аманжол", "Жаксылыков", 1),
    ("Zhaksylykov Amanzhol", "Жаксылыков", 1),
    ("Zhaxylykov Amanzhol", "Жаксылыков", 1),
    ("Jaksylykov Amanjol", "Жаксылыков", 1),
    ("Zhaqsylyqov Amanzhol", "Жаксылыков", 1),
    ("Jaqsylyqov Amanjol", "Жаксылыков", 1),
    ("Аманжол Жаксылыков", "Жаксылыков", 1),
    ("Amanzhol Nurpeisovich Zhaksylykov", "Жаксылыков", 1),
    ("Жаксылыков А. Н.", "Жаксылыков", 5),
    ("Жаксылыкв Аманжол", "Жаксылыков", 1),
    ("Жаксилыков Аманжол", "Жаксылыков", 1),
    ("Жаксылыков Аманжол Нурпеисович", "Жаксылыков", 1),
    ("Zhaksylikov Amanjol", "Жаксылыков", 1),
    ("Жаксылыков Аманжол Нурпиесович", "Жаксылыков", 1),
    # Russian surname with х and a Kazakh given name.
    ("Ахметов Ерболат", "Ахметов", 1),
    ("Akhmetov Yerbolat", "Ахметов", 1),
    ("Ahmetov Erbolat", "Ахметов", 1),
    ("Axmetov Erbolat", "Ахметов", 5),
    ("Ахметов Ерболат Омарович", "Ахметов", 1),
    ("Yerbolat Omarovich", "Ахметов", 1),
    ("Ахмэтов Ерболат", "Ахметов", 1),
    ("Ахметаў Ерболат", "Ахметов", 1),
    # щ and ё.
    ("Щербаков Фёдор", "Щербаков", 1),
    ("Shcherbakov Fyodor", "Щербаков", 1),
    ("Scherbakov Fedor", "Щербаков", 1),
    ("Ščerbakov Fjodor", "Щербаков", 1),
    ("Щербакоў Фёдар", "Щербаков", 1),
    ("Sherbakov Fedor", "Щербаков", 1),
    ("Щербаков Федор Семенович", "Щербаков", 1),
    # х as kh, h or x; no patronymic on the card.
    ("Хасенов Мырзахмет", "Хасенов", 1),
    ("Khasenov Myrzakhmet", "Хасенов", 1),
    ("Hasenov Myrzahmet", "Хасенов", 1),
    ("Xasenov Mirzaxmet", "Хасенов", 5),
    ("Хасенаў Мырзахмет", "Хасенов", 1),
    # ю as yu, iu, ju.
    ("Юсупов Рустам", "Юсупов", 1),
    ("Yusupov Rustam", "Юсупов", 1),
    ("Iusupov Rustam", "Юсупов", 1),
    ("Jusupov Rustam", "Юсупов", 5),
    ("Юсупаў Рустам", "Юсупов", 1),
    ("Rustam Khamidovich", "Юсупов", 1),
    # ц and a short surname.
    ("Цой Николай", "Цой", 1),
    ("Tsoi Nikolai", "Цой", 1),
    ("Tsoy Nikolay", "Цой", 1),
    ("Coj Nikolaj", "Цой", 1),
    ("Цой", "Цой", 5),
    # Ukrainian surname.
    ("Шевченко Остап", "Шевченко", 1),
    ("Shevchenko Ostap", "Шевченко", 1),
    ("Ševčenko Ostap", "Шевченко", 1),
    ("Shevtchenko Ostap", "Шевченко", 1),
    ("Шаўчэнка Остап", "Шевченко", 5),
    # ё spelled e, yo, jo.
    ("Ерёменко Григорий", "Ерёменко", 1),
    ("Yeryomenko Grigoriy", "Ерёменко", 1),
    ("Eremenko Grigorii", "Ерёменко", 1),
    ("Jeremenko Grigorij", "Ерёменко", 5),
    ("Ерёменко Григорий Ильич", "Ерёменко", 1),
    ("Eremenko Grigory Ilyich", "Ерёменко", 1),
    # Kazakh letters қ ғ ұ in the record itself.
    ("Құрманғазиев Жұмабай", "Құрманғазиев", 1),
    ("Курмангазиев Жумабай", "Құрманғазиев", 1),
    ("Kurmangaziev Zhumabai", "Құрманғазиев", 1),
    ("Qurmanǵazıev Jumabai", "Құрманғазиев", 1),
    ("Qurmanğaziev Jumabay", "Құрманғазиев", 1),
    # ч as ch, tch; ё as yo, io.
    ("Чайкин Пётр", "Чайкин", 1),
    ("Chaikin Pyotr", "Чайкин", 1),
    ("Chaykin Petr", "Чайкин", 1),
    ("Tchaikin Piotr", "Чайкин", 1),
    # Belarusian surname, Belarusian spelling.
    ("Ярошевич Адам", "Ярошевич", 1),
    ("Yaroshevich Adam", "Ярошевич", 1),
    ("Iaroshevich Adam", "Ярошевич", 1),
    ("Ярашэвіч Адам", "Ярошевич", 1),
    ("Jaroševič Adam", "Ярошевич", 5),
    # ж as zh or j.
    ("Кенжебаев Талгат", "Кенжебаев", 1),
    ("Kenzhebaev Talgat", "Кенжебаев", 1),
    ("Kenjebaev Talgat", "Кенжебаев", 1),
    ("Kenzhebayev Talgat", "Кенжебаев", 1),
    # Typos people make. Two neighbours swapped.
    ("Среикенов Ержан", "Серикенов", 1),
    ("Серикенов Ежран", "Серикенов", 1),
    ("Жаксылкыов Аманжол", "Жаксылыков", 1),
    ("Sreikenov Yerzhan", "Серикенов", 1),
    ("Ерболат Ахмтеов", "Ахметов", 1),
    # A letter dropped.
    ("Серкенов Ержан", "Серикенов", 1),
    ("Щербков Фёдор", "Щербаков", 1),
    ("Serikenv Erzhan", "Серикенов", 1),
    # A letter doubled.
    ("Серрикенов Ержан", "Серикенов", 1),
    ("Кенжебаеев Талгат", "Кенжебаев", 1),
    # A letter added.
    ("Серикенова Ержан", "Серикенов", 1),
    # е for ё and ё for е.
    ("Еременко Григорий", "Ерёменко", 1),
    ("Щербаков Фёдор Сёменович", "Щербаков", 1),
    # и for й and й for и.
    ("Чаикин Пётр", "Чайкин", 1),
    ("Цои Николаи", "Цой", 1),
    ("Серйкенов Ержан", "Серикенов", 1),
    # ш for щ and щ for ш.
    ("Шербаков Фёдор", "Щербаков", 1),
    ("Щевченко Остап", "Шевченко", 1),
    # ь and ъ left out or confused.
    ("Подячев Савелий", "Подъячев", 1),
    ("Подьячев Савелий Кузмич", "Подъячев", 1),
    # Latin letters that look Cyrillic typed in a Cyrillic name (C, e, p, x, a, o) ...
    ("Cерикенов Eржан", "Серикенов", 1),
    ("Сepикeнов Ержан", "Серикенов", 1),
    ("Аxметов Ерболат", "Ахметов", 1),
    ("AXMETOB Ерболат", "Ахметов", 1),
    # ... and Cyrillic letters that look Latin typed in a Latin name.
    ("Аkhmetov Yerbolat", "Ахметов", 1),
    ("Tsoi Nikоlai", "Цой", 1),
    # Clerks and OCR in old lists: и for н, н for и, т for д, е for и, 0 for о, 3 for з.
    ("Серикеиов Ержан", "Серикенов", 1),
    ("Серикенов Ержаи", "Серикенов", 1),
    ("Ахметов Ерболад", "Ахметов", 1),
    ("Кенжибаев Талгат", "Кенжебаев", 1),
    ("Ахметов Ерб0лат", "Ахметов", 1),
    ("Курманга3иев Жумабай", "Құрманғазиев", 1),
    # Of two spellings with one key, the one typed comes first.
    ("Кожахметов Сагындык", "Кожахметов", 1),
    ("Кожаахметов Сагындык", "Кожаахметов", 1),
    ("Kozhakhmetov Sagyndyk", "Кожахметов", 2),
    # One slip as typed, two letters apart in the key: р dropped between two vowels
    # that become one (Федоов), е read as с before the ие that keys as е (Уалисв), с
    # read as е after a leading И (Иекаков).
    ("Федоов Тимофей", "Федоров", 1),
    ("Уалисв Жандос", "Уалиев", 1),
    ("Иекаков Нурлан", "Искаков", 1),
    # Two recorded surnames one typo away in the key: the one nearer to the letters
    # typed first (Солко is two letters from Солкий), and not one whose first letter
    # differs (Жуков for Уков).
    ("Солкий Прохор", "Солский", 1),
    ("Уков Евстафий", "Утков", 1),
    ("Талжаиов Дархан", "Талжанов", 1),
    ("Сиорин Тимур", "Сидорин", 1),
    ("Есанов Серикбол", "Есханов", 1),
    # As many letters away, a letter misread for one alike to the eye (х for к).
    ("Махушин Ерназар", "Макушин", 1),
    # Two neighbours swapped are one slip (Вершинов is two letters from Вершинхоов).
    ("Вершинхоов Евлампий", "Вершинохов", 1),
    # The typo is itself another recorded surname: that one first, the person next.
    ("Бажанов Серикбол", "Бажанов", 1),
    ("Бажанов Серикбол", "Байжанов", 2),
    # Two typos in a long name.
    ("Жаксылкыов Аманжл", "Жаксылыков", 1),
    ("Курмангзаиев Жумабай", "Құрманғазиев", 1),
]


@pytest.fixture(scope="module")
def records(engine):
    from tests.helpers import Scratch

    scratch = Scratch(engine)
    site = scratch.site("Test grave for spellings", 29.0, 54.0)
    ids = {
        surname: scratch.person(site, surname, given_name=given, patronymic=patronymic)
        for surname, given, patronymic in RECORDS
    }
    yield ids
    scratch.cleanup()


@pytest.mark.parametrize(("query", "surname", "rank"), SPELLINGS)
def test_spelling_finds_the_person(client, records, query, surname, rank):
    response = client.get("/api/persons", query_string={"q": query, "per_page": 20})
    assert response.status_code == 200, response.get_json()
    ids = [item["id"] for item in response.get_json()["items"]]
    assert records[surname] in ids[:rank], (query, ids[:5])
