"""A Kazakh fate cell typed on a Russian keyboard, without the Kazakh letters, that says
only the fate ("каза тапты", "кайтыс болды") is not repeated beside the label, as the same
words with the Kazakh letters are not; words saying more are shown as written."""

import pytest

from mapapp.queries.fate_as_written import fate_as_written


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        ("каза тапты", "killed"),
        ("Каза тапты.", "killed"),
        ("кайтыс болды", "died"),
        ("жаракаттан кайтыс болды", "died_of_wounds"),
        ("жаракатынан кайтыс болды", "died_of_wounds"),
        ("хабарсыз кетти", "missing"),
        ("хабарсыз кетті", "missing"),
        ("хабарсыз кеттi", "missing"),  # a Latin i
        ("туткында кайтыс болды", "died_in_captivity"),
        ("тутқында қайтыс болды", "died_in_captivity"),
    ],
)
def test_a_kazakh_cell_typed_without_its_letters_that_only_says_the_fate(cell, fate):
    assert fate_as_written(cell, fate) is None


def test_a_kazakh_cell_typed_without_its_letters_saying_more_is_shown():
    assert fate_as_written("майданда каза тапты", "killed") == "майданда каза тапты"
