"""Kazakh areas in the genitive ("Қарағанды облысының Осакаров ауданы": Osakarov district
of Karaganda oblast) and the Kazakh SSR with a case ending ("Қазақ КСР-і") key as the
same areas written otherwise (migration 0029)."""

from __future__ import annotations

import pytest

from mapapp.text.normalize import area_key


@pytest.mark.parametrize(
    ("written", "as_"),
    [
        ("Қарағанды облысының", "Карагандинская область"),
        ("Караганды облысынын", "Карагандинская область"),  # typed without the letters
        ("Қарағанды облысының Осакаров ауданы", "Карагандинская обл., Осакаровский р-н"),
        ("Осакаров ауданының", "Осакаровский район"),
        ("Алматы қаласының", "Алматы қаласы"),
        ("Қазақстан Республикасының", "Казахстан"),
        ("Қазақ КСР-і", "Казахстан"),
        ("Қазақ ССР-нің", "Казахская ССР"),
        ("Казак КСР-нин", "Kazakhstan"),
    ],
)
def test_kazakh_genitive_areas_key_as_the_areas_they_name(written, as_):
    assert area_key(written) == area_key(as_)


@pytest.mark.parametrize("written", ["Казак", "Казак-нин", "Казакский район"])
def test_a_case_ending_makes_no_republic_of_another_word(written):
    assert area_key(written) != area_key("Казахстан")
