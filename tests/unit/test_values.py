"""Cells cleaned before they are read: control characters are refused, naming why."""

import pytest

from mapapp.importers.values import clean


def test_a_c1_control_character_is_refused_as_text_read_in_the_wrong_encoding():
    with pytest.raises(ValueError, match=r"U\+0091, which comes of reading text in the wrong"):
        clean("Ð\x91Ñ\x80Ð°Ñ\x82Ñ\x81ÐºÐ°Ñ")  # "Братская" in UTF-8 read as Latin-1


def test_tabs_and_line_breaks_are_text():
    assert clean("строка\nвторая\tстрока") == "строка\nвторая\tстрока"
