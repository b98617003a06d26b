"""The words that say a fate and no more are fate_cells's (BARE_FATES, made of the words it
reads fates by), in each language the importer reads: every such form is read as the very
fate it is bare for, and is not repeated beside the label; a word more is shown as
written."""

from itertools import product
from re import _constants as _C  # the regular expressions' own parser, to list a form
from re import _parser as sre_parse

import pytest

from mapapp.importers.fate_cells import BARE_FATES, parse_fate, says_only_the_fate
from mapapp.models import FATES
from mapapp.queries.fate_as_written import fate_as_written


def _forms(items) -> list[str]:
    """Every text a pattern of words matches, a ``\\w*`` ending as no letters and ``\\s+``
    as one space: the forms it names, as short as it names them."""
    texts = [""]
    for op, arg in items:
        if op is _C.LITERAL:
            options = [chr(arg)]
        elif op is _C.IN:
            options = []
            for kind, value in arg:
                if kind is _C.LITERAL:
                    options.append(chr(value))
                elif kind is _C.CATEGORY and value is _C.CATEGORY_SPACE:
                    options.append(" ")
                else:
                    raise AssertionError(f"a class the listing does not know: {arg}")
        elif op is _C.BRANCH:
            options = [form for branch in arg[1] for form in _forms(branch)]
        elif op is _C.SUBPATTERN:
            options = _forms(arg[-1])
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            low, _high, sub = arg
            word_letters = list(sub) == [(_C.IN, [(_C.CATEGORY, _C.CATEGORY_WORD)])]
            if word_letters:
                assert low == 0, "a word ending in \\w+ names no form of its own"
                options = [""]
            else:
                once = _forms(sub)
                options = ([""] if low == 0 else []) + once
        else:
            raise AssertionError(f"a pattern the listing does not know: {op}")
        texts = [a + b for a, b in product(texts, options)]
    return texts


def _bare_forms(fate: str) -> list[str]:
    return sorted({form for phrase in BARE_FATES[fate] for form in _forms(sre_parse.parse(phrase))})


def test_every_fate_has_bare_words_and_the_listing_names_them():
    assert set(BARE_FATES) == set(FATES)
    assert "убит" in _bare_forms("killed") and "хабарсыз кетти" in _bare_forms("missing")


@pytest.mark.parametrize("fate", sorted(BARE_FATES))
def test_every_bare_form_is_read_as_its_fate_and_not_repeated(fate):
    forms = _bare_forms(fate)
    assert forms
    read_otherwise = {}
    for form in forms:
        try:
            read = parse_fate(form)
        except ValueError:
            read = None
        if read != fate:
            read_otherwise[form] = read
    assert read_otherwise == {}
    assert [f for f in forms if not says_only_the_fate(f, fate)] == []
    assert [f for f in forms if fate_as_written(f.capitalize() + ".", fate) is not None] == []


@pytest.mark.parametrize("fate", sorted(BARE_FATES))
def test_a_bare_form_with_a_word_more_is_shown_as_written(fate):
    cells = [f"{form} под Оршей" for form in _bare_forms(fate)]
    assert [c for c in cells if parse_fate(c) != fate or fate_as_written(c, fate) != c] == []


# The label's words, in each language the importer reads; Kazakh also typed without the
# Kazakh letters, as lists typed on a Russian keyboard write it.
BY_LANGUAGE = {
    "ru": [
        ("убит", "killed"), ("погибла", "killed"), ("умер от ран", "died_of_wounds"),
        ("пропал без вести", "missing"), ("погиб в плену", "died_in_captivity"),
        ("умерла", "died"), ("ранен", "wounded"), ("попал в плен", "captured"),
        ("казнён", "executed"), ("расстрелян", "executed"),
    ],
    "be": [
        ("забіты", "killed"), ("загінуў", "killed"), ("памёр ад ран", "died_of_wounds"),
        ("прапаў без вестак", "missing"), ("загінуў у палоне", "died_in_captivity"),
        ("памёр", "died"), ("паранены", "wounded"), ("трапіў у палон", "captured"),
        ("расстраляны", "executed"),
    ],
    "kk": [
        ("қаза тапты", "killed"), ("жарадан қайтыс болды", "died_of_wounds"),
        ("хабарсыз кетті", "missing"), ("тұтқында қаза тапты", "died_in_captivity"),
        ("қайтыс болды", "died"), ("жараланған", "wounded"),
    ],
    "kk typed without the Kazakh letters": [
        ("каза тапты", "killed"), ("жарадан кайтыс болды", "died_of_wounds"),
        ("хабарсыз кетти", "missing"), ("туткында каза тапты", "died_in_captivity"),
        ("кайтыс болды", "died"), ("жараланган", "wounded"),
    ],
    "en": [
        ("killed in action", "killed"), ("died of wounds", "died_of_wounds"),
        ("missing in action", "missing"), ("died in captivity", "died_in_captivity"),
        ("died", "died"), ("wounded", "wounded"), ("taken prisoner", "captured"),
        ("executed", "executed"),
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("cell", "fate"), [pair for pairs in BY_LANGUAGE.values() for pair in pairs]
)
def test_the_labels_words_in_each_language_are_bare(cell, fate):
    assert parse_fate(cell) == fate
    assert fate_as_written(cell, fate) is None
    assert fate_as_written(f"{cell} в 1943 году", fate) == f"{cell} в 1943 году"


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        ("убит под Оршей", "killed"),
        ("умер от ран в госпитале", "died_of_wounds"),
        ("ранен, убит", "killed"),
        ("умер от ран, полученных в бою", "died_of_wounds"),
        ("смертельно ранен", "died_of_wounds"),
        ("замучен в плену", "died_in_captivity"),
        ("умер в концлагере", "died_in_captivity"),
        ("повешен", "executed"),
        ("утонул", "killed"),
        ("контужен", "wounded"),
        ("тяжело ранен", "wounded"),
        ("пропал без вести под Оршей", "missing"),
        ("майданда қаза тапты", "killed"),
    ],
)
def test_a_cell_saying_more_than_the_label_is_shown_as_written(cell, fate):
    assert fate_as_written(cell, fate) == cell
