"""The Kazakh kind of a settlement after its name typed without the Kazakh letters ("Ляды
кенти", "Дубровно каласы") is no part of the name; the Belarusian "каласы" in a name is."""

from __future__ import annotations

import pytest

from mapapp.importers.search_index import settlement_name

# --- settlement kinds after the name ---------------------------------------------------


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Ляды ауылы", "Ляды"),
        ("Дубровно қаласы", "Дубровно"),
        ("Дубровно каласы", "Дубровно"),
        ("ДУБРОВНО КАЛАСЫ", "ДУБРОВНО"),
        ("Ляды кенті", "Ляды"),
        ("Ляды кенти", "Ляды"),
        ("Ляды кентi", "Ляды"),  # a Latin i
        # Belarusian "каласы" (ears of grain) in a name, and names alone, stay as written.
        ("Новыя Каласы", "Новыя Каласы"),
        ("Вялікія Каласы", "Вялікія Каласы"),
        ("Каласы", "Каласы"),
        ("Кенти", "Кенти"),
        ("д. Ляды", "Ляды"),
    ],
)
def test_a_settlement_s_kind_after_its_name_typed_without_the_kazakh_letters(written, name):
    assert settlement_name(written) == name
