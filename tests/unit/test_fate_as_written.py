"""A fate cell is shown beside the fate's label only where its words say more than the
label and the stored fate is still the one the cell gives."""

import pytest

from mapapp.queries.fate_as_written import fate_as_written


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        ("утонул при переправе через р. Днепр", "killed"),
        ("погиб, подорвавшись на мине", "killed"),
        ("погиб в бою", "killed"),
        ("умер в госпитале от болезни", "died"),
        ("подорвался на мине, тяжело ранен", "wounded"),
        ("умер от ран в госпитале", "died_of_wounds"),
        ("Расстрелян немецкими оккупантами", "executed"),
    ],
)
def test_words_that_say_more_than_the_label_are_shown_as_written(cell, fate):
    assert fate_as_written(f"  {cell} ", fate) == cell


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        ("убит", "killed"),
        ("Убита.", "killed"),
        ("ПОГИБ", "killed"),
        ("killed", "killed"),
        ("умер от ран", "died_of_wounds"),
        ("памёр ад ран", "died_of_wounds"),
        ("пропал  без вести", "missing"),
        ("прапаў без вестак", "missing"),
        ("умер в плену", "died_in_captivity"),
        ("умерла", "died"),
        ("қайтыс болды", "died"),
        ("ранен", "wounded"),
        ("попал в плен", "captured"),
        ("расстрелян", "executed"),
        # Kazakh typed without its letters says no more than with them.
        ("каза тапты", "killed"),
        ("кайтыс болды", "died"),
        ("туткында кайтыс болды", "died_in_captivity"),
        ("жаралардан қайтыс болды", "died_of_wounds"),
    ],
)
def test_a_cell_that_only_says_the_fate_is_not_repeated(cell, fate):
    assert fate_as_written(cell, fate) is None


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        ("утонул при переправе через р. Днепр", "missing"),  # corrected since
        ("тяжело ранен", "died_of_wounds"),  # stored by an earlier rule
        ("застрелился", "killed"),  # a cell the rule refuses
        ("", "killed"),
        (None, "killed"),
        ("утонул при переправе", None),
    ],
)
def test_a_cell_that_does_not_give_the_stored_fate_is_not_shown(cell, fate):
    assert fate_as_written(cell, fate) is None


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        # Forms of the label's words the importer reads as the fate: they say no more.
        ("забітая", "killed"),
        ("пропал", "missing"),
        ("пропал б/в", "missing"),  # без вести, abbreviated
        ("Пропала б/в.", "missing"),
        ("умер от ранений", "died_of_wounds"),
        ("памёр ад ранення", "died_of_wounds"),
        ("погиб от ран", "died_of_wounds"),  # a verb of perishing, as "умер"
        ("Погибла от ран.", "died_of_wounds"),
        ("загінуў ад ран", "died_of_wounds"),
        ("умерли", "died"),
        ("ранены", "wounded"),
        ("жараланды", "wounded"),
        ("Жараланған", "wounded"),
        ("жараланган", "wounded"),
        ("расстреляны", "executed"),
        # The labels' own words: "Казнён", "Трапіў у палон", "Тұтқында қаза тапты".
        ("Казнён", "executed"),
        ("казнена", "executed"),
        ("Трапіў у палон", "captured"),
        ("взят в плен", "captured"),
        ("Тұтқында қаза тапты", "died_in_captivity"),
        ("туткында каза тапты", "died_in_captivity"),
    ],
)
def test_other_forms_of_the_labels_words_are_not_repeated(cell, fate):
    assert fate_as_written(cell, fate) is None
