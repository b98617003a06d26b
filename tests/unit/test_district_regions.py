"""The region a row writes, and the district a plain register number is kept within: a
district's name that tells its district alone (Оршанский район) is compared by itself,
one that does not (Октябрьский район: Gomel oblast's and the city of Minsk's; a city's
district) together with its region."""

import csv

import pytest

from mapapp.importers.number_keys import register_match, register_place
from mapapp.text.districts import DISTRICTS_CSV, district_key
from mapapp.text.regions import (
    CITY_DISTRICTS_CSV,
    MINSK_CITY,
    REGIONS_CSV,
    district_oblast,
    region_district,
    region_key,
    split_region,
)


def _rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_regions_and_the_city_districts_each_name_their_source():
    regions = _rows(REGIONS_CSV)
    assert [r["key"] for r in regions] == [
        "brest", "vitebsk", "gomel", "grodno", "mogilev", "minsk", MINSK_CITY,
    ]  # fmt: skip
    # The oblasts as districts.csv names them.
    assert {r["name_en"] for r in regions} - {"Minsk (city)"} == {
        r["oblast"] for r in _rows(DISTRICTS_CSV)
    }
    districts = _rows(CITY_DISTRICTS_CSV)
    assert len(districts) == 9 and {r["city"] for r in districts} == {MINSK_CITY}
    assert all(r["source"].startswith("https://") for r in regions + districts)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Гомельская", "gomel"),
        ("Гомельская обл.", "gomel"),
        ("Гомельская вобласць", "gomel"),
        ("Gomel", "gomel"),
        ("Гродзенская", "grodno"),
        ("Могилевская область", "mogilev"),
        ("Минская", "minsk"),
        ("Мінская вобласць", "minsk"),
        # "Minsk" alone is the oblast, as the register writes it.
        ("Minsk", "minsk"),
        ("Minsk (city)", MINSK_CITY),
        ("г. Минск", MINSK_CITY),
        ("Минск", MINSK_CITY),
        ("горад Мінск", MINSK_CITY),
        ("Смоленская", None),
        ("", None),
    ],
)
def test_a_region_is_read_in_either_language(written, key):
    assert region_key(written) == key


@pytest.mark.parametrize(
    ("cell", "district", "region"),
    [
        ("Октябрьский район, г. Минск", "Октябрьский район", MINSK_CITY),
        ("Октябрьский район г. Минска", "Октябрьский район", MINSK_CITY),
        ("Гомельская обл., Октябрьский р-н", "Октябрьский р-н", "gomel"),
        ("Октябрьский район", "Октябрьский район", None),
        # A district's name is never a region: Минский район is a district.
        ("Минский район", "Минский район", None),
        ("Минский район, Минская обл.", "Минский район", "minsk"),
    ],
)
def test_a_district_cell_may_write_its_region(cell, district, region):
    assert split_region(cell) == (district, region)


def test_which_names_need_their_region():
    assert _needs_region(district_key("Октябрьский район"))  # Gomel oblast's and Minsk's
    assert _needs_region(district_key("Ленинский район"))  # none of the 118
    assert not _needs_region(district_key("Оршанский район"))
    assert not _needs_region(district_key("Орша"))  # begins Оршанский alone
    assert not _needs_region(district_key("Минский район"))
    # Towns of an oblast are none of the 118, and no district of Minsk.
    assert not _needs_region(district_key("г. Новополоцк"))
    assert not _needs_region(district_key("Жодино"))
    assert _needs_region(district_key("Кастрычніцкі раён"))  # Minsk's Октябрьский


def test_a_name_in_neither_list_is_compared_by_itself_as_before():
    novopolotsk = register_place("г. Новополоцк")
    assert novopolotsk == district_key("г. Новополоцк")
    assert register_place("г. Новополоцк", "Витебская", "г. Новополоцк") == novopolotsk
    assert register_place("Жодино", "Минская", "Жодино") == district_key("Жодино")
    assert register_match("7", novopolotsk, register_place("Новополоцк", "Витебская")) == "same"


def test_a_district_of_minsk_by_a_name_of_its_own_is_the_citys():
    minsk = register_place("Октябрьский район", "г. Минск")
    assert minsk == f"{MINSK_CITY}/" + district_key("Октябрьский район")
    # Gomel oblast's is Акцябрскі раён in Belarusian; Кастрычніцкі is Minsk's.
    assert register_place("Кастрычніцкі раён") == minsk
    assert register_match("17", register_place("Кастрычніцкі раён"), minsk) == "same"
    gomel = register_place("Октябрьский район", "Гомельская")
    assert register_match("17", register_place("Акцябрскі раён", "Гомельская"), gomel) == "same"
    assert register_match("17", register_place("Кастрычніцкі раён"), gomel) == "other"
    lenin = register_place("Ленинский район")
    assert (
        lenin
        == register_place("Ленінскі раён", "г. Минск")
        == register_place("Ленинский район", None, "Минск")
    )
    # In another region written, another city's district.
    brest = register_place("Ленинский район", "Брестская")
    assert register_match("3", lenin, brest) == "other"
    # A settlement that is not Minsk may be another city's: not taken for Minsk's.
    in_brest = register_place("Ленинский район", None, "г. Брест")
    assert register_match("3", in_brest, lenin) == "unknown"
    assert register_match("3", in_brest, brest) == "unknown"


@pytest.mark.parametrize(
    ("district", "oblast", "settlement"),
    [
        ("Октябрьский район", "Минская область", "Минск"),
        ("Октябрьский район", "Минская", None),
        ("Октябрьский район", "Minsk", None),
        ("Октябрьский район, Минская обл.", None, None),
        ("Октябрьский район", None, "г. Минск"),
        ("Октябрьский район", None, "Мінск"),
        ("Октябрьский район", None, "Minsk"),
    ],
)
def test_minsk_under_the_minsk_oblast_is_the_city(district, oblast, settlement):
    """The Minsk oblast has no Октябрьский район: written under it, it is the city's."""
    assert register_place(district, oblast, settlement) == register_place(
        "Октябрьский район", "г. Минск"
    )


def test_two_oktyabrsky_districts_are_two_and_one_without_its_region_is_unknown():
    gomel = register_place("Октябрьский район", "Гомельская")
    minsk = register_place("Октябрьский район", None, "г. Минск")
    alone = register_place("Октябрьский район")
    assert register_match("17", gomel, minsk) == "other"
    assert register_match("17", gomel, register_place("Октябрьский р-н, Гомельская обл.")) == (
        "same"
    )
    assert register_match("17", alone, gomel) == "unknown"
    assert register_match("17", alone, minsk) == "unknown"
    assert register_match("17", alone, register_place("Октябрьский район")) == "same"
    # A heritage code names one site in all of Belarus.
    assert register_match("213Д000473", gomel, minsk) == "same"


def test_a_name_that_tells_its_district_is_compared_as_before():
    orsha = register_place("Оршанский район")
    assert orsha == district_key("Оршанский район")
    assert register_place("Оршанский район", "Витебская") == orsha
    assert register_match("5", orsha, register_place("Орша")) == "same"
    assert register_match("5", orsha, register_place("Сенненский район")) == "other"


def _needs_region(key: str) -> bool:
    """A district key that tells its district only with the region."""
    return region_district(key) is not None


@pytest.mark.parametrize(
    ("district", "oblast"),
    [
        ("Оршанский район", "Vitebsk"),
        ("Дубровенскі раён", "Vitebsk"),  # Belarusian, as the reference has it too
        ("Пинский р-н", "Brest"),
        # Gomel oblast's, and a district of the city of Minsk: without a region, either.
        ("Октябрьский район", None),
        ("Ленинский район", None),  # a city's district: none of the 118
        ("Орша", None),  # a town, not a district
        ("Каркаралинский район", None),  # a district of another country
        (None, None),
    ],
)
def test_the_oblast_of_a_listed_district(district, oblast):
    assert district_oblast(district) == oblast
