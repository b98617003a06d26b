"""Place names that differ only in a number are different places, although their search
keys (which leave digits out) are the same."""

from mapapp.importers.links import _settlements_named, numbers_in, with_spellings
from mapapp.text.normalize import search_key


def test_numbers_in_names():
    assert numbers_in("Братская могила № 12") == (12,)
    assert numbers_in("Ляды 1-е") == numbers_in("Ляды 01-е") == (1,)
    assert numbers_in("Шуховцы") == () and numbers_in(None) == ()


def test_a_settlement_is_found_only_with_the_same_numbers():
    first = with_spellings({"name": "Ляды 1-е"})
    second = with_spellings({"name": "Ляды 2-е"})
    assert search_key("Ляды 1-е") == search_key("Ляды 2-е")  # why the numbers are compared
    assert _settlements_named("Ляды 2-е", [first, second]) == [second]
    assert _settlements_named("Ляды", [first, second]) == []


def test_the_numbers_are_read_from_the_settlement_name_not_its_note():
    novoselki = with_spellings({"name": "Новосёлки", "aliases": []})
    named = "д. Новосёлки (до 1964 г. Старые Новосёлки)"
    assert _settlements_named(named, [novoselki]) == [novoselki]


def test_the_numbers_of_the_alias_that_matches_are_compared():
    """An alias is compared with its own numbers, not with those of the main name."""
    second = with_spellings({"name": "Ляды-Вторые", "aliases": ["Ляды 2", "Lyady 2"]})
    first = with_spellings({"name": "Ляды 1-е", "aliases": ["Ляды-Первые"]})
    assert _settlements_named("Ляды 2", [first, second]) == [second]
    assert _settlements_named("Lyady 2", [first, second]) == [second]
    assert _settlements_named("Ляды-Первые", [first, second]) == [first]
    assert _settlements_named("Ляды 3", [first, second]) == []
