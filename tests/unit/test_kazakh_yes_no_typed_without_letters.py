"""The Kazakh yes and no of a flag column ("иә", "жоқ") typed on a Russian keyboard, without
the Kazakh letters ("иа", "жок"), are yes and no."""

import pytest

from mapapp.importers.values import parse_flag


@pytest.mark.parametrize(
    ("cell", "flag"),
    [("иә", True), ("иа", True), ("Иа", True), ("жоқ", False), ("жок", False), ("ЖОК", False)],
)
def test_kazakh_yes_and_no_typed_without_the_letters(cell, flag):
    assert parse_flag(cell) is flag


def test_other_words_are_still_refused():
    with pytest.raises(ValueError):
        parse_flag("жокк")
