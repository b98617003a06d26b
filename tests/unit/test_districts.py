"""Districts of Belarus: one key for a district's Russian and Belarusian names, and two
districts of the list never taken for one."""

import csv
from collections import Counter

import pytest

from mapapp.text.districts import (
    DISTRICTS_CSV,
    LISTED,
    district_key,
    listed_districts_matching,
    same_district,
)
from mapapp.text.normalize import area_key


def rows():
    with DISTRICTS_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_list_holds_the_118_districts_each_named_with_its_sources():
    listed = rows()
    assert Counter(r["oblast"] for r in listed) == {
        "Brest": 16, "Vitebsk": 21, "Gomel": 21, "Grodno": 17, "Mogilev": 21, "Minsk": 22,
    }  # fmt: skip
    assert all(r["source_ru"].startswith("https://") for r in listed)
    assert all(r["source_be"].startswith("https://") for r in listed)
    # Every district has its own key: none is taken for another.
    assert len({district_key(r["name_ru"]) for r in listed}) == 118


@pytest.mark.parametrize(
    ("russian", "belarusian"),
    [
        ("Витебский район", "Віцебскі раён"),
        ("Бешенковичский район", "Бешанковіцкі раён"),
        ("Глубокский район", "Глыбоцкі раён"),
        ("Городокский район", "Гарадоцкі раён"),
        ("Ушачский район", "Ушацкі раён"),
        ("Миорский район", "Мёрскі раён"),
        ("Миорский район", "Міёрскі раён"),  # another spelling, as OSM had it
        ("Дубровенский район", "Дубровенскі раён"),
    ],
)
def test_a_district_has_one_key_in_russian_and_belarusian(russian, belarusian):
    assert district_key(belarusian) == district_key(russian) == area_key(russian) + LISTED
    # Written without the word for district, or with it shortened.
    assert district_key(belarusian.split()[0]) == district_key(russian)


def test_every_belarusian_name_of_the_list_meets_its_russian_name():
    for r in rows():
        assert district_key(r["name_be"]) == district_key(r["name_ru"]), r


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Березинский район", "Берёзовский район", False),  # Minsk and Brest oblasts
        ("Глусский район", "Глубокский район", False),
        ("Столинский район", "Столбцовский район", False),
        ("Столінскі раён", "Столбцовский район", False),
        ("Дубровенский район", "Дубровно", True),  # the district by its town
        ("Березинский район", "Березино", True),
        ("Віцебскі раён", "Витебский", True),
    ],
)
def test_districts_are_prefixes_of_each_other_unless_both_are_listed(one, other, same):
    assert same_district(district_key(one), district_key(other)) is same
    assert same_district(district_key(other), district_key(one)) is same


@pytest.mark.parametrize(
    ("town", "districts"),
    [
        ("Берёза", ["Березинский район", "Берёзовский район"]),  # begins both
        ("Орша", ["Оршанский район"]),
        ("Дубровно", ["Дубровенский район"]),
        ("Д", []),  # a letter names no district
    ],
)
def test_a_town_s_name_is_no_listed_district_but_may_begin_some(town, districts):
    key = district_key(town)
    assert not key.endswith(LISTED)
    assert sorted(listed_districts_matching(key).values()) == districts
