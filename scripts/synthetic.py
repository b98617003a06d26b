"""A seeded synthetic register of sites and persons, for tests and benchmarks (dev only).

Everything here is invented and marked so: every site is named "Синтетическое
захоронение" and every person is flagged fictional. The shape follows real registers:

* about 11,000 distinct Kazakh, Russian and Belarusian surnames built from real roots and
  endings, drawn with a Zipf law so that the commonest (Иванов) holds about 1.5 % of
  persons and most are rare; given names and patronymics match the surname's origin,
  and a few persons are women (feminine surname, name and patronymic);
* partial dates as archives write them (1902, __.__.1902, 03.1912, 22.06.1944, or
  nothing), deaths from 1941 to 1945 concentrated in June-August 1944 (Bagration);
* sites clustered around Belarusian towns with heavy-tailed sizes: the biggest holds
  about 7.5 % of all persons, half hold a couple of dozen or fewer;
* home country, region and district, call-up office, rank and unit, with empty cells at
  realistic rates;
* a record id (``ID записи``) per row, and about 18 pairs per million rows that share
  names, dates and grave but differ in rank, birthplace and record id: two men, or two
  documents about one man, which an importer must keep both of.

Rows are generated one at a time, so millions can be written without holding them, and
the same seed always gives the same rows (the first k rows do not depend on how many are
asked for).
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections.abc import Iterator, Sequence

# --------------------------------------------------------------------------- surnames

SURNAME_COUNT = 11_000
TOP_SURNAME_SHARE = 0.015
ORIGIN_MIX = {"kz": 0.45, "ru": 0.37, "by": 0.18}

# The commonest surnames of each origin, most frequent first; the rest are shuffled.
_COMMONEST = {
    "ru": "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Федоров",
    "kz": "Ахметов Омаров Сулейменов Абдрахманов Искаков Касымов Жумабаев Сейткалиев Исаев",
    "by": "Ковалев Новик Мельник Ковальчук Кравченко Шевченко Бондаренко Марченко Лукашевич",
}
_KZ_PREFIXES = (
    "Абд Ак Алим Аман Асыл Бай Бек Ер Жан Жаксы Жол Жуман Кара Кен Кожа Кул Мухамед Нур "
    "Ораз Сары Сейт Сул Тас Тем Тулеу Тур Ус Шал Ес Дос Мырза Сагын Токта Айт Бала Бол Жар "
    "Кыдыр Ал Ибра Исмаил Кали Куан Мамы Оспан Сапар Тлеу Утеу Шай Ыбырай Абиль Айдар Акыл "
    "Арын Бадыр Бейсен Боран Даир Егиз Еркин Жаны Жексен Жетпис Ибрай Кабыл Калдыр Канат "
    "Курман Мурат Нияз Рыс Сабыр Сатыл Серик Тал Тогыз Хамит Шак Шынгыс Ыскак"
).split()
_KZ_SECONDS = (
    "бай бек жан гали мурат хан кали тай бол кул султан ахмет али мухамед берген пеис жар "
    "бет батыр тас"
).split()
_KZ_STEMS = (
    "Касым Омар Есен Ахмет Сулеймен Тулеген Мукаш Нурпеис Байжан Кенжебай Амир Исмаил "
    "Бекмухамбет Утеп Шаймерден Садык Искак Алимжан Ермек Жусуп Оспан Токтар Кудайберген "
    "Рахимжан Смагул Бекет Жанибек Нургали Серик Аманжол Ержан Болат Куаныш Даулет Тасбол "
    "Абдулла Мухтар Жакип Толеген Байгали Есим Утеген Рахим Сабыр Кенес Оразбай Бакир "
    "Темиргали Ахметжан Тасбулат Калибек Габдулла Муса Иса Ибрай Султан Шайкен Кабдол "
    "Сагындык Абиш Жумаш Нуркен Сыздык Бейсен Тажибай Шынгыс Даукен Елеу Жакен Кадыр "
    "Ташен Уали Байтен Дюсен Кожахмет Алдаберген Жолдас Абылай Каирбек Бисен Есенгельды "
    "Айдарбек Мустафа Жамбыл Кошкар Туяк Сарсен Тулебай Абен Нуртаза Рыскул Карим Даурен "
    "Нуртаза Жумагали Кусаин Байтурсын Дуйсен Зейнолла Ибраш Кунанбай Мамбет Нысанбай "
    "Садуакас Тажен Утемис Шорман Ералы Кенесары Сыздык Ахмедия Толеу Есенжол"
).split()
_RU_ROOTS = (
    "Иван Петр Смирн Кузнец Поп Васил Сокол Михайл Новик Мороз Волк Алексей Семен Егор Павл "
    "Козл Степан Никола Орл Андрей Макар Никит Захар Зайц Соловь Борис Яковл Григорь Роман "
    "Воробь Сергей Фрол Александр Дмитри Максим Поляк Сорок Бел Медвед Ерш Никифор Тарас "
    "Баран Беляк Голуб Комар Карп Сидор Тихон Филип Бык Влас Гаври Давыд Евдоким Жук Зуб "
    "Игнат Казак Калин Клим Крюк Кудр Кулик Ларион "
    "Леон Лук Малыш Матве Мельник Нестер Осип Панкрат Пахом Полян Прохор Рыб Савел Сафон "
    "Силант Сом Сусл Тимоф Трофим Утк Фадей Федот Хохл Черн Шапк Щук Юди Ярц Анис "
    "Архип Бобр Бород Горб Гром Дегт Дуб Ерм Жар Журавл Заб Звер Калаш Кашир Кожевник "
    "Колес Конд Копыл Котл Крас Крыл Куз Лапт Лис Лом Лопат Мал Мух Овчин Ореш Пестр Плот "
    "Пушк Рудак Руса Сах Сверчк Сыч Тетер Топор Тулуп Умн Хлеб Холод Цвет Чиж Шест Шил Ящер "
    "Абрам Агап Аким Антип Бажан Богдан Болот Брат Вакул Варлам Вед Вихр Вод Ворон Глеб "
    "Голов Гордей Горшк Гриб Грач Дани Дем Дорох Дрозд Евсей Жил Зимн Зыбин Кабан Калист "
    "Каменщик Карас Кирсан Кобыл Коновал Копт Корн Кот Кочет Кошел Кром Кузьм Кукушк Лаврент "
    "Ларин Латыш Лыс Ляп Мамон Маслен Мерк Мирон Молчан Назар Наум Некрас Овсян Огнев Окун "
    "Остап Пан Пест Пимен Пирог Плет Полик Постн Пуст Рагоз Родион Руд Рус Рябин Сав Самар "
    "Сапог Свист Сев Сем Скворц Слеп Смол Снег Собол Солом Стар Стрел Сух Тар Твердохлеб "
    "Тит Толст Трет Трух Угрюм Ус Устин Фом Хар Хрущ Чеп Чуд Шар Шуб Щегл Юр Яхонт "
    "Авер Бабк Барыш Бахт Бессон Блин Бобыл Бугр Буян Быстр Вершин Вилк Вишн Глад Глух Гол "
    "Гончар Губ Дегт Долгуш Дорон Друж Дуд Елис Ерох Жмур Завал Звяг Земл Зуй Калуг Кам "
    "Клюк Кондрат Кос Кудин Лобан Луп Мак Мат Мешк Милов Мошк Нос Обух Оглобл Панфил Пискун "
    "Плюсн Рыж Сазон Сбит Серг Сит Скор Сол Стог Ток Третьяк Тюр Хват Чекан Шелк Шум Ярыг"
).split()
_RU_INFIXES = ("", "ушк", "ик", "ак", "енк", "ишк", "уш", "ох")
_BY_ROOTS = (
    "Ковал Новик Мельник Шевч Бондар Марч Лукаш Кравч Ткач Савиц Жук Климов Гаврил Лис "
    "Жданов Пашк Сидор Лапиц Кухар Гончар Дубр Бурак Сав Бобр Ярош Янк Бельк Вашк Грыш "
    "Демч Емельян Зенев Казак Кирил Клим Козлов Король Крот Кулеш Ластов Лещ Макар Мартин "
    "Миц Мороз Навум Остр Палуб Петрук Пил Рак Руд Рыл Сакол Семаш Сенк Скар Стась Тарас "
    "Тишк Троц Урбан Харит Хадас Цыб Чарн Шалак Шаповал Шиманск Юрк Ясюк Адамов Барыс "
    "Вайтов Валод Гайдук Галуш Гарбат Глуш Даник Дзям Жмак Жыхар Зайк Змитр Ивашк Кастус "
    "Кондрат Корзун Лабан Левон Масл Микал Нарыш Осип Пракоп Рагоз Сымон Талаш Тамаш Федар "
    "Хведар Цимох Чабат Шыл Юхн Язеп Ярмол Авдзей Бабр Верас Грак Алесь Анисим Бабров Баран "
    "Бярез Вавер Вал Гарун Гнед Грыцк Дзерж Дудар Жалоб Жарн Заруб Зуб Каваль Кавенск Казлов "
    "Калод Карп Кахан Клепак Ксенд Купрыян Кураш Лагун Ладут Лапат Лукаш Малин Марк Мацкев "
    "Мураш Нарк Ольш Пармон Пархом Плащан Пятр Рабц Радзив Ражк Рудз Рымш Савост Сакал "
    "Скрыпн Сол Сташ Стральц Сушк Тарасев Тупик Устин Фалей Халим Хмар Цвирк Цыбул Чарнав "
    "Шамет Шапар Шкляр Шух Шыманск Юрев Яцк Ярем"
).split()
_BY_ENDINGS = (
    "ич", "евич", "енко", "ко", "ёнак", "еня", "ук", "чик", "ский", "ёнок", "ович", "ицкий", "ец",
)  # fmt: skip
_RU_ENDINGS = ("ов", "ин", "ский")

# ------------------------------------------------------------------ given names, sexes

FEMALE_SHARE = 0.015
_MALE_NAMES = {
    "ru": "Иван Николай Василий Александр Михаил Алексей Петр Федор Григорий Сергей Дмитрий "
    "Андрей Павел Степан Владимир Яков Семен Егор Тимофей Максим Матвей Никита Илья Константин "
    "Леонид Виктор Анатолий Георгий Прокофий Кузьма Афанасий Даниил Гавриил Ефим Филипп Борис "
    "Захар Трофим Макар Тихон Фома Лука",
    "by": "Иван Николай Михаил Василий Петр Алексей Федор Антон Иосиф Адам Степан Григорий "
    "Владимир Павел Андрей Станислав Казимир Франц Игнат Семен Яков Максим Тимофей Кузьма "
    "Леонид Аркадий Евгений Юрий",
    "kz": "Касым Ахмет Мухтар Жумабай Абдулла Серик Ермек Каирбек Жакип Бекет Токтар "
    "Амангельды Толеген Мырзахмет Байгали Есим Утеген Рахим Сабыр Кенес Оразбай Бакир "
    "Темиргали Жанибек Куаныш Ахметжан Тасбулат Калибек Сейткали Габдулла Муса Иса Омар "
    "Жусуп Ибрай Султан Садык Искак Шайкен Нургали Кабдол Сагындык Кали",
}
_FEMALE_NAMES = {
    "ru": "Мария Анна Александра Екатерина Вера Надежда Любовь Нина Клавдия Валентина "
    "Зинаида Антонина Евдокия Татьяна",
    "by": "Мария Анна Ольга Елена Вера Надежда Софья Ядвига Ганна",
    "kz": "Айша Гульсум Бибигуль Жамал Камшат Сара Куляш Зейнеп Хадиша Малика Алия Маншук",
}
# Patronymics that no simple rule gives, as (masculine, feminine).
_IRREGULAR_PATRONYMICS = {
    "Илья": ("Ильич", "Ильинична"),
    "Кузьма": ("Кузьмич", "Кузьминична"),
    "Фома": ("Фомич", "Фоминична"),
    "Лука": ("Лукич", "Лукинична"),
    "Никита": ("Никитич", "Никитична"),
    "Яков": ("Яковлевич", "Яковлевна"),
    "Михаил": ("Михайлович", "Михайловна"),
    "Гавриил": ("Гаврилович", "Гавриловна"),
    "Даниил": ("Данилович", "Даниловна"),
    "Павел": ("Павлович", "Павловна"),
    "Петр": ("Петрович", "Петровна"),
}
_NO_PATRONYMIC = {"kz": 0.2, "ru": 0.06, "by": 0.1}
_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")

# ------------------------------------------------------------------------ home places

_HOME_COUNTRIES = {
    "kz": {"Казахстан": 93, "Узбекистан": 3, "Россия": 3, "Киргизия": 1},
    "ru": {"Россия": 60, "Казахстан": 20, "Украина": 8, "Беларусь": 7, "Узбекистан": 3,
           "Киргизия": 2},
    "by": {"Беларусь": 55, "Украина": 20, "Россия": 15, "Казахстан": 10},
}  # fmt: skip
_REPUBLICS = {
    "Казахстан": "Казахская ССР", "Россия": "РСФСР", "Беларусь": "БССР",
    "Украина": "УССР", "Узбекистан": "Узбекская ССР", "Киргизия": "Киргизская ССР",
}  # fmt: skip
# Regions (most frequent first) and some of their districts, as named in the 1940s.
_REGIONS = {
    "Казахстан": {
        "Карагандинская область": "Тельманский Осакаровский Каркаралинский Шетский Нуринский",
        "Акмолинская область": "Акмолинский Атбасарский Макинский Вишневский Алексеевский",
        "Алма-Атинская область": "Каскеленский Талгарский Илийский Чиликский Енбекшиказахский",
        "Южно-Казахстанская область": "Чимкентский Сайрамский Туркестанский Ленгерский",
        "Восточно-Казахстанская область": "Усть-Каменогорский Зыряновский Шемонаихинский",
        "Семипалатинская область": "Жана-Семейский Абайский Бородулихинский Аягузский",
        "Павлодарская область": "Павлодарский Иртышский Баянаульский Лебяжинский",
        "Кустанайская область": "Кустанайский Федоровский Мендыгаринский Семиозерный",
        "Северо-Казахстанская область": "Петропавловский Булаевский Мамлютский Пресновский",
        "Актюбинская область": "Актюбинский Мартукский Темирский Иргизский",
        "Западно-Казахстанская область": "Уральский Джамбейтинский Чапаевский Бурлинский",
        "Гурьевская область": "Гурьевский Доссорский Махамбетский",
        "Кзыл-Ординская область": "Кзыл-Ординский Казалинский Аральский Джалагашский",
        "Джамбулская область": "Джамбулский Меркенский Луговской Свердловский",
        "Талды-Курганская область": "Талды-Курганский Капальский Саркандский Аксуйский",
    },
    "Россия": {
        "Омская область": "Тарский Исилькульский Калачинский",
        "Новосибирская область": "Барабинский Купинский Коченевский",
        "Курская область": "Щигровский Фатежский Обоянский",
        "Горьковская область": "Арзамасский Богородский",
        "Свердловская область": "Ирбитский Камышловский",
        "Челябинская область": "Троицкий Чебаркульский",
        "Саратовская область": "Балашовский Аткарский",
        "Алтайский край": "Бийский Рубцовский Алейский",
        "Смоленская область": "Рославльский Ельнинский",
        "Московская область": "Коломенский Серпуховский",
    },
    "Беларусь": {
        "Витебская область": "Оршанский Полоцкий Сенненский",
        "Минская область": "Борисовский Слуцкий Червенский",
        "Гомельская область": "Речицкий Жлобинский Мозырский",
        "Могилевская область": "Бобруйский Климовичский Быховский",
        "Брестская область": "Пинский Кобринский Пружанский",
        "Барановичская область": "Слонимский Новогрудский",
    },
    "Украина": {
        "Полтавская область": "Кременчугский Лубенский",
        "Киевская область": "Белоцерковский Фастовский",
        "Харьковская область": "Изюмский Купянский",
        "Черниговская область": "Нежинский Прилукский",
    },
    "Узбекистан": {"Ташкентская область": "Чирчикский Янгиюльский"},
    "Киргизия": {"Фрунзенская область": "Кантский Токмакский"},
}
_VILLAGES = {
    "Казахстан": "Жанаталап Акбулак Караоткель Коктобе Жалаулы Талдыбулак Сарыозек Кызылту "
    "Аксу Каратал Тасбулак Ивановка Николаевка Каменка",
    "other": "Ивановка Березовка Покровка Александровка Никольское Михайловка Каменка "
    "Заречье Дубровка Слободка Красное Петровка Озерки Грязи Сосновка",
}
_BIRTHPLACE_EMPTY = 0.25
_HOME_REGION_EMPTY = 0.06
_CALLUP_EMPTY = 0.18

# --------------------------------------------------------------------- service, fates

_RANKS = {
    "красноармеец": 38, "рядовой": 24, "": 9, "ефрейтор": 6, "мл. сержант": 7,
    "сержант": 6, "ст. сержант": 4, "старшина": 1.5, "мл. лейтенант": 2, "лейтенант": 2,
    "ст. лейтенант": 1.2, "капитан": 0.6, "майор": 0.25, "подполковник": 0.08,
}  # fmt: skip
_FATES = {
    "убит": 66, "умер от ран": 21, "пропал без вести": 6, "умер в плену": 2,
    "умер от болезни": 2, "": 3,
}  # fmt: skip
_UNIT_EMPTY = 0.3
_GRAVE_NUMBERED = 0.1

# ------------------------------------------------------------------------------ dates

# Deaths per month, relative: the border battles of 1941, the partisan years, the
# autumn 1943 and winter 1944 offensives, then Bagration (23 June - 29 August 1944).
_DEATH_MONTHS = {
    (1941, 6): 6, (1941, 7): 7, (1941, 8): 2,
    **{(1941, m): 0.8 for m in range(9, 13)},
    **{(1942, m): 0.5 for m in range(1, 13)},
    **{(1943, m): 0.5 for m in range(1, 10)},
    (1943, 10): 3, (1943, 11): 5, (1943, 12): 4,
    (1944, 1): 4, (1944, 2): 5, (1944, 3): 3, (1944, 4): 1, (1944, 5): 1,
    (1944, 6): 16, (1944, 7): 32, (1944, 8): 9,
    **{(1944, m): 0.6 for m in range(9, 13)},
    **{(1945, m): 0.3 for m in range(1, 6)},
}  # fmt: skip
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# How each date is written: (form, weight); "empty", "year", "blank_day_month" is
# __.__.1902, "month" is 03.1912, "full" is 22.06.1944.
_BIRTH_FORMS = {"empty": 12, "year": 46, "blank_day_month": 8, "month": 4, "full": 30}
_DEATH_FORMS = {"empty": 3, "year": 8, "blank_day_month": 4, "month": 12, "full": 73}

# ------------------------------------------------------------------------------ sites

# Belarus, roughly: site points stay inside this box.
BBOX = (23.2, 51.3, 32.7, 56.1)
# Towns the sites cluster around: name, oblast, district, lon, lat, relative weight.
_TOWNS = (
    ("Минск", "Minsk", "Минский", 27.56, 53.90, 10),
    ("Витебск", "Vitebsk", "Витебский", 30.20, 55.19, 6),
    ("Гомель", "Gomel", "Гомельский", 30.98, 52.44, 5),
    ("Могилев", "Mogilev", "Могилевский", 30.33, 53.91, 5),
    ("Бобруйск", "Mogilev", "Бобруйский", 29.22, 53.14, 6),
    ("Брест", "Brest", "Брестский", 23.69, 52.10, 4),
    ("Гродно", "Grodno", "Гродненский", 23.83, 53.68, 3),
    ("Орша", "Vitebsk", "Оршанский", 30.42, 54.51, 5),
    ("Борисов", "Minsk", "Борисовский", 28.51, 54.23, 4),
    ("Полоцк", "Vitebsk", "Полоцкий", 28.80, 55.49, 4),
    ("Барановичи", "Brest", "Барановичский", 26.01, 53.13, 3),
    ("Пинск", "Brest", "Пинский", 26.10, 52.11, 2),
    ("Мозырь", "Gomel", "Мозырский", 29.25, 52.05, 2),
    ("Жлобин", "Gomel", "Жлобинский", 30.02, 52.89, 4),
    ("Рогачев", "Gomel", "Рогачевский", 30.05, 53.09, 4),
    ("Речица", "Gomel", "Речицкий", 30.39, 52.36, 3),
    ("Лида", "Grodno", "Лидский", 25.30, 53.89, 2),
    ("Молодечно", "Minsk", "Молодечненский", 26.85, 54.31, 2),
    ("Слуцк", "Minsk", "Слуцкий", 27.55, 53.02, 2),
    ("Кобрин", "Brest", "Кобринский", 24.36, 52.21, 2),
    ("Слоним", "Grodno", "Слонимский", 25.32, 53.09, 2),
    ("Волковыск", "Grodno", "Волковысский", 24.47, 53.15, 1),
    ("Новогрудок", "Grodno", "Новогрудский", 25.82, 53.60, 1),
    ("Лепель", "Vitebsk", "Лепельский", 28.69, 54.88, 2),
    ("Глубокое", "Vitebsk", "Глубокский", 27.69, 55.14, 1),
    ("Поставы", "Vitebsk", "Поставский", 26.84, 55.11, 1),
    ("Вилейка", "Minsk", "Вилейский", 26.93, 54.49, 1),
    ("Быхов", "Mogilev", "Быховский", 30.25, 53.52, 3),
    ("Кричев", "Mogilev", "Кричевский", 31.71, 53.71, 2),
    ("Осиповичи", "Mogilev", "Осиповичский", 28.64, 53.31, 2),
    ("Лунинец", "Brest", "Лунинецкий", 26.80, 52.25, 1),
    ("Калинковичи", "Gomel", "Калинковичский", 29.33, 52.13, 2),
    ("Чаусы", "Mogilev", "Чаусский", 30.97, 53.81, 3),
    ("Горки", "Mogilev", "Горецкий", 30.99, 54.29, 2),
    ("Сенно", "Vitebsk", "Сенненский", 29.71, 54.81, 2),
    ("Дубровно", "Vitebsk", "Дубровенский", 30.69, 54.57, 3),
    ("Шклов", "Mogilev", "Шкловский", 30.29, 54.21, 2),
    ("Пружаны", "Brest", "Пружанский", 24.46, 52.56, 1),
    ("Столин", "Brest", "Столинский", 26.85, 51.89, 1),
    ("Мстиславль", "Mogilev", "Мстиславский", 31.73, 54.02, 1),
    ("Климовичи", "Mogilev", "Климовичский", 31.95, 53.61, 1),
    ("Хойники", "Gomel", "Хойникский", 29.96, 51.89, 1),
    ("Добруш", "Gomel", "Добрушский", 31.32, 52.41, 1),
    ("Ветка", "Gomel", "Ветковский", 31.18, 52.56, 1),
    ("Паричи", "Gomel", "Светлогорский", 29.42, 52.80, 3),
    ("Озаричи", "Gomel", "Калинковичский", 29.27, 52.47, 2),
    ("Богушевск", "Vitebsk", "Сенненский", 30.23, 54.85, 2),
    ("Червень", "Minsk", "Червенский", 28.43, 53.71, 1),
)
_TOWN_CLUSTER_SHARE = 0.75
_TOWN_SPREAD_DEGREES = 0.12
BIGGEST_SITE_SHARE = 0.075
_SITE_SIZE_SIGMA = 2.1  # log-normal spread of site sizes: most are small, a few huge

DUPLICATE_PAIRS_PER_MILLION = 18

PERSON_HEADERS = {
    "record_id": "ID записи",
    "surname": "Фамилия",
    "given_name": "Имя",
    "patronymic": "Отчество",
    "birth_date": "Дата рождения",
    "birthplace": "Место рождения",
    "home_country": "Страна",
    "home_region": "Область рождения",
    "home_district": "Район рождения",
    "callup_place": "Место призыва",
    "rank": "Воинское звание",
    "unit": "Последнее место службы",
    "death_date": "Дата выбытия",
    "fate": "Причина выбытия",
    "site_ref": "site_ref",
    "grave": "Номер могилы",
    "is_fictional": "Вымышленный",
}
PERSON_COLUMNS = tuple(PERSON_HEADERS)
SITE_COLUMNS = (
    "ref", "kind", "name", "oblast", "district", "settlement", "lat", "lon",
    "location_precision", "buried_total",
)  # fmt: skip


# ======================================================================== the helpers


def seeded(seed: int, purpose: str) -> random.Random:
    """An independent random stream per purpose, so that one column's draws never shift
    another's."""
    return random.Random(f"{seed}:{purpose}")


def cumulative(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


class WeightedChoice:
    """Picks from ``items`` with the given weights: O(log n) per pick."""

    def __init__(self, items: Sequence, weights: Sequence[float]):
        self.items = list(items)
        self.cum = cumulative(weights)
        self.total = self.cum[-1]

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect(self.cum, rng.random() * self.total)]


def zipf_weights(n: int, exponent: float) -> list[float]:
    return [rank**-exponent for rank in range(1, n + 1)]


def zipf_exponent_for_top_share(n: int, share: float) -> float:
    """The exponent s for which the first of n Zipf-weighted items (1/r^s) holds
    ``share`` of the total."""
    low, high = 0.0, 3.0
    for _ in range(50):
        middle = (low + high) / 2
        top = 1 / math.fsum(zipf_weights(n, middle))
        low, high = (middle, high) if top < share else (low, middle)
    return (low + high) / 2


# ==================================================================== names and forms


def with_ending(stem: str, ending: str) -> str:
    """Attach a surname ending the way Russian spelling does: -ов becomes -ев after a
    soft or hushing consonant (Жумабай -> Жумабаев), -ин and -ский drop a final vowel."""
    if ending == "ов":
        if stem[-1] == "й":
            return stem[:-1] + "ев"
        return stem + ("ев" if stem[-1] in "ьчщ" or stem[-1] in _VOWELS else "ов")
    if ending in ("ин", "ский") and stem[-1] in _VOWELS | {"й", "ь"}:
        stem = stem[:-1]
    return stem + ending


def _kazakh_surnames() -> tuple[list[str], list[str]]:
    """Common forms (stem + -ов/-ев) and rarer ones (compound stems, -ұлы, -ин)."""
    common = [with_ending(s, "ов") for s in _KZ_STEMS]
    compounds = [p + s for p in _KZ_PREFIXES for s in _KZ_SECONDS]
    stems = [*_KZ_STEMS, *compounds]
    rare = [with_ending(c, "ов") for c in compounds] + [s + "ұлы" for s in stems]
    rare += [with_ending(s, "ин") for s in stems if s[-1] in _VOWELS]  # Муса -> Мусин
    return common, rare


def _russian_surnames() -> tuple[list[str], list[str]]:
    common = [with_ending(r, e) for r in _RU_ROOTS for e in _RU_ENDINGS]
    hard_roots = [r for r in _RU_ROOTS if r[-1] not in "йь"]
    rare = [
        with_ending(r + i, e) for r in hard_roots for i in _RU_INFIXES[1:] for e in ("ов", "ин")
    ]
    return common, rare


def _belarusian_surnames() -> tuple[list[str], list[str]]:
    common = [r + e for r in _BY_ROOTS for e in _BY_ENDINGS[:4]]
    rare = [r + e for r in _BY_ROOTS for e in _BY_ENDINGS[4:]]
    return common, rare


def _origin_queue(rng: random.Random, origin: str, common: list, rare: list) -> list[str]:
    """Surnames of one origin in the order they get Zipf ranks: the known commonest
    first, then the common forms shuffled, then the rare forms shuffled."""
    rng.shuffle(common)
    rng.shuffle(rare)
    out, seen = [], set()
    for name in [*_COMMONEST[origin].split(), *common, *rare]:
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def surname_ranking(seed: int) -> list[tuple[str, str]]:
    """``SURNAME_COUNT`` (surname, origin) pairs, most frequent first. Origins are
    interleaved by ``ORIGIN_MIX`` so that each holds its share of persons."""
    rng = seeded(seed, "surnames")
    builders = {"kz": _kazakh_surnames, "ru": _russian_surnames, "by": _belarusian_surnames}
    queues = {o: _origin_queue(rng, o, *build()) for o, build in builders.items()}
    ranking, taken = [("Иванов", "ru")], {"Иванов"}
    origins = WeightedChoice(ORIGIN_MIX, ORIGIN_MIX.values())
    positions = dict.fromkeys(queues, 0)
    while len(ranking) < SURNAME_COUNT:
        origin = origins.pick(rng)
        queue = queues[origin]
        if positions[origin] >= len(queue):
            if all(positions[o] >= len(q) for o, q in queues.items()):
                break
            continue
        name = queue[positions[origin]]
        positions[origin] += 1
        if name not in taken:
            taken.add(name)
            ranking.append((name, origin))
    return ranking


def feminine_surname(surname: str) -> str:
    for masculine, feminine in (("ский", "ская"), ("цкий", "цкая"), ("ұлы", "қызы")):
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + feminine
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname  # -ич, -енко, -ко, -ук, -ёнак ... do not change


def patronymic(father: str, female: bool) -> str:
    """Иван -> Иванович / Ивановна, Николай -> Николаевич, Василий -> Васильевич,
    Дмитрий -> Дмитриевич, Кали -> Калиевич, Илья -> Ильич (a few by table)."""
    if father in _IRREGULAR_PATRONYMICS:
        return _IRREGULAR_PATRONYMICS[father][female]
    male, fem = "вич", "вна"
    if father.endswith("ий"):
        stem = father[:-2]
        soft = "и" if stem[-1] not in _VOWELS and stem[-2] not in _VOWELS else "ь"
        base = stem + soft + "е"
    elif father[-1] in "йь":
        base = father[:-1] + "е"
    elif father[-1] in _VOWELS:
        base = father + "е"
    else:
        base = father + ("е" if father[-1] in "жшчщц" else "о")
    return base + (fem if female else male)


# ========================================================================== the sites


def _site_point(rng: random.Random, towns: WeightedChoice) -> tuple[float, float, tuple]:
    minlon, minlat, maxlon, maxlat = BBOX
    if rng.random() < _TOWN_CLUSTER_SHARE:
        town = towns.pick(rng)
        lon = rng.gauss(town[3], _TOWN_SPREAD_DEGREES * 1.6)  # a degree of lon is shorter
        lat = rng.gauss(town[4], _TOWN_SPREAD_DEGREES)
    else:
        lon, lat = rng.uniform(minlon, maxlon), rng.uniform(minlat, maxlat)
        town = None
    lon, lat = min(max(lon, minlon), maxlon), min(max(lat, minlat), maxlat)
    town = town or min(_TOWNS, key=lambda t: (t[3] - lon) ** 2 + (t[4] - lat) ** 2)
    return lon, lat, town


def site_weights(n: int, seed: int) -> list[float]:
    """Relative person counts of n sites: log-normal (most sites hold a handful, some
    thousands), with the biggest set to ``BIGGEST_SITE_SHARE`` of all."""
    rng = seeded(seed, "site sizes")
    weights = [rng.lognormvariate(0, _SITE_SIZE_SIGMA) for _ in range(n)]
    if n > 1:
        biggest = max(range(n), key=weights.__getitem__)
        others = math.fsum(weights) - weights[biggest]
        weights[biggest] = others * BIGGEST_SITE_SHARE / (1 - BIGGEST_SITE_SHARE)
    return weights


def _site_kind(rng: random.Random, relative_size: float) -> str:
    if relative_size > 20:
        return "military_cemetery" if rng.random() < 0.4 else "mass_grave"
    if relative_size < 0.05:
        return "individual_grave" if rng.random() < 0.6 else "mass_grave"
    return rng.choices(("mass_grave", "memorial", "individual_grave"), (85, 5, 10))[0]


def synthetic_sites(n: int, seed: int = 1) -> list[dict]:
    """n sites clustered around Belarusian towns. Each carries ``weight``, its relative
    number of persons (not a file column)."""
    rng = seeded(seed, "sites")
    towns = WeightedChoice(_TOWNS, [t[5] for t in _TOWNS])
    weights = site_weights(n, seed)
    mean = math.fsum(weights) / max(n, 1)
    sites = []
    for i, weight in enumerate(weights, start=1):
        lon, lat, town = _site_point(rng, towns)
        sites.append(
            {
                "ref": f"synthetic:site:{i:06d}",
                "kind": _site_kind(rng, weight / mean),
                "name": f"Синтетическое захоронение № {i}",
                "oblast": town[1],
                "district": f"{town[2]} район",
                "settlement": town[0],
                "lat": round(lat, 6),
                "lon": round(lon, 6),
                "location_precision": "site",
                "buried_total": "",
                "weight": weight,
            }
        )
    return sites


# ======================================================================== the persons


class Draw:
    """Weighted picks from a random stream of its own, drawn thousands at a time:
    ``random.choices`` is several times faster per pick than one call per row, and the
    picks stay the same whatever else is drawn."""

    BATCH = 4096

    def __init__(self, items: Sequence, weights: Sequence[float], rng: random.Random):
        self.items = list(items)
        self.cum = cumulative(weights)
        self.rng = rng
        self.buffer: list = []

    def __call__(self):
        if not self.buffer:
            self.buffer = self.rng.choices(self.items, cum_weights=self.cum, k=self.BATCH)
        return self.buffer.pop()


def _unit_names(rng: random.Random) -> list[str]:
    """About two thousand unit names: regiments of rifle divisions, tank brigades,
    artillery regiments and partisan brigades."""
    units = []
    for division in rng.sample(range(1, 400), 150):
        for regiment in rng.sample(range(1, 1400), 10):
            mark = " гв." if rng.random() < 0.25 else ""
            units.append(f"{regiment}{mark} сп {division}{mark} сд")
    units += [f"{rng.randint(1, 250)} тбр" for _ in range(60)]
    units += [f"{rng.randint(1, 1300)} ап" for _ in range(100)]
    units += [f"партизанская бригада № {rng.randint(1, 150)}" for _ in range(40)]
    rng.shuffle(units)
    return units


def _homes(origin: str) -> tuple[list[tuple], list[float]]:
    """Every (country, region, district) a person of this origin may come from, with
    its weight: the country's share, regions Zipf-weighted, districts alike."""
    homes, weights = [], []
    for country, country_weight in _HOME_COUNTRIES[origin].items():
        regions = list(_REGIONS[country].items())
        region_weights = zipf_weights(len(regions), 0.7)
        region_total = math.fsum(region_weights)
        for (region, districts), region_weight in zip(regions, region_weights, strict=True):
            names = districts.split()
            share = country_weight * region_weight / region_total / len(names)
            homes += [(country, region, district) for district in names]
            weights += [share] * len(names)
    return homes, weights


def short_region(region: str) -> str:
    return region.replace(" область", " обл.")


def birthplace(rng: random.Random, country: str, region: str, district: str) -> str:
    """As registers write it, more or less fully: region, district, village."""
    form = rng.random()
    if form < 0.6:
        village = rng.choice(_VILLAGE_NAMES.get(country, _VILLAGE_NAMES["other"]))
        return f"{short_region(region)}, {district} р-н, с. {village}"
    if form < 0.85:
        return f"{short_region(region)}, {district} р-н"
    return short_region(region)


_VILLAGE_NAMES = {k: v.split() for k, v in _VILLAGES.items()}


def written_date(form: str, year: int, month: int, day: int) -> str:
    if form == "year":
        return str(year)
    if form == "blank_day_month":
        return f"__.__.{year}"
    if form == "month":
        return f"{month:02d}.{year}"
    return f"{day:02d}.{month:02d}.{year}"


class PersonFactory:
    """Draws one person after another. Every kind of draw has its own random stream."""

    def __init__(self, sites: Sequence[dict], seed: int):
        def draw(purpose: str, items: Sequence, weights: Sequence[float]) -> Draw:
            return Draw(items, weights, seeded(seed, purpose))

        ranking = surname_ranking(seed)
        exponent = zipf_exponent_for_top_share(len(ranking), TOP_SURNAME_SHARE)
        self.surname = draw("surnames", ranking, zipf_weights(len(ranking), exponent))
        self.male_name = {o: self._names(draw, o, _MALE_NAMES[o]) for o in ORIGIN_MIX}
        self.female_name = {o: self._names(draw, o, _FEMALE_NAMES[o]) for o in ORIGIN_MIX}
        self.father_name = {o: self._names(draw, "father " + o, _MALE_NAMES[o]) for o in ORIGIN_MIX}
        self.home = {o: draw("home " + o, *_homes(o)) for o in ORIGIN_MIX}
        self.site = draw("site", [s["ref"] for s in sites], [s.get("weight", 1) for s in sites])
        self.rank = draw("rank", list(_RANKS), list(_RANKS.values()))
        self.fate = draw("fate", list(_FATES), list(_FATES.values()))
        units = _unit_names(seeded(seed, "unit names"))
        self.unit = draw("unit", units, zipf_weights(len(units), 0.8))
        self.birth_form = draw("birth form", list(_BIRTH_FORMS), list(_BIRTH_FORMS.values()))
        self.death_form = draw("death form", list(_DEATH_FORMS), list(_DEATH_FORMS.values()))
        self.death_month = draw("death month", list(_DEATH_MONTHS), list(_DEATH_MONTHS.values()))
        self.rng = seeded(seed, "details")
        self.id_rng = seeded(seed, "record ids")
        self.record_id = 10_000_000 + self.id_rng.randrange(90_000_000)

    @staticmethod
    def _names(draw, purpose: str, names: str) -> Draw:
        """Given names by their order in the list, Zipf-weighted (Иван is far commoner
        than Тихон)."""
        items = names.split()
        return draw("names " + purpose, items, zipf_weights(len(items), 1.0))

    def next_record_id(self) -> str:
        self.record_id += 1 + int(self.id_rng.random() * 5)  # sparse, as in archives
        return str(self.record_id)

    def birth_date(self) -> str:
        form = self.birth_form()
        if form == "empty":
            return ""
        rng = self.rng
        year = int(rng.triangular(1890, 1927, 1921))
        month = 1 + int(rng.random() * 12)
        return written_date(form, year, month, 1 + int(rng.random() * _DAYS_IN_MONTH[month - 1]))

    def death_date(self) -> str:
        form = self.death_form()
        if form == "empty":
            return ""
        year, month = self.death_month()
        rng = self.rng
        if (year, month) == (1944, 6) and rng.random() < 0.85:
            day = 23 + int(rng.random() * 8)  # Bagration began on 23 June
        else:
            day = 1 + int(rng.random() * _DAYS_IN_MONTH[month - 1])
        return written_date(form, year, month, day)

    def person(self) -> dict:
        rng = self.rng
        surname, origin = self.surname()
        female = rng.random() < FEMALE_SHARE
        given = (self.female_name if female else self.male_name)[origin]()
        father = self.father_name[origin]()
        country, region, district = self.home[origin]()
        no_region = rng.random() < _HOME_REGION_EMPTY
        return {
            "record_id": self.next_record_id(),
            "surname": feminine_surname(surname) if female else surname,
            "given_name": given,
            "patronymic": ""
            if rng.random() < _NO_PATRONYMIC[origin]
            else patronymic(father, female),
            "birth_date": self.birth_date(),
            "birthplace": (
                ""
                if rng.random() < _BIRTHPLACE_EMPTY
                else birthplace(rng, country, region, district)
            ),
            "home_country": country,
            "home_region": "" if no_region else region,
            "home_district": "" if no_region else district,
            "callup_place": (
                ""
                if rng.random() < _CALLUP_EMPTY
                else f"{district} РВК, {short_region(region)}, {_REPUBLICS[country]}"
            ),
            "rank": self.rank(),
            "unit": "" if rng.random() < _UNIT_EMPTY else self.unit(),
            "death_date": self.death_date(),
            "fate": self.fate(),
            "site_ref": self.site(),
            "grave": str(1 + int(rng.random() * 400)) if rng.random() < _GRAVE_NUMBERED else "",
            "is_fictional": "да",
        }

    def namesake(self, person: dict, rng: random.Random) -> dict:
        """A second row with the same names, dates and grave, but another rank and
        birthplace, and its own record id."""
        country = person["home_country"]
        places = [
            birthplace(rng, country, region, district)
            for region, districts in _REGIONS[country].items()
            for district in districts.split()
        ]
        return {
            **person,
            "record_id": self.next_record_id(),
            "rank": rng.choice([r for r in _RANKS if r and r != person["rank"]]),
            "birthplace": rng.choice([p for p in places if p != person["birthplace"]]),
        }


def namesake_positions(seed: int) -> Iterator[int]:
    """Row numbers (0-based) whose row repeats the row before it as a namesake: one in
    each stretch of a million / ``DUPLICATE_PAIRS_PER_MILLION`` rows, near its middle,
    whatever the total (so that the first rows never depend on it)."""
    stretch = 1_000_000 // DUPLICATE_PAIRS_PER_MILLION
    for block in itertools.count():
        jitter = seeded(seed, f"namesake {block}").randrange(stretch // 4)
        yield block * stretch + stretch // 2 - stretch // 8 + jitter


def synthetic_persons(n: int, sites: Sequence[dict], seed: int = 1) -> Iterator[dict]:
    """n fictional persons over ``sites`` (dicts with ``ref`` and ``weight``, as
    :func:`synthetic_sites` gives), one row at a time."""
    factory = PersonFactory(sites, seed)
    namesakes = namesake_positions(seed)
    next_namesake = next(namesakes)
    namesake_rng = seeded(seed, "namesakes")
    previous = None
    for row in range(n):
        if row == next_namesake and previous is not None:
            person = factory.namesake(previous, namesake_rng)
            next_namesake = next(namesakes)
        else:
            person = factory.person()
        previous = person
        yield person
