"""A site's kind cell: the grave its head phrase names, whatever a bracket or a "на ..."
adds; a cemetery is a military one only where it says so."""

import pytest

from mapapp.importers.values import parse_site_kind


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        # As they were read before.
        ("Братская могила", "mass_grave"),
        ("Брацкая магіла", "mass_grave"),
        ("Индивидуальная могила", "individual_grave"),
        ("Одиночная могила", "individual_grave"),
        ("Воинское кладбище", "military_cemetery"),
        ("Военное кладбище", "military_cemetery"),
        ("Вайсковыя могілкі", "military_cemetery"),
        ("Брацкія могілкі", "military_cemetery"),
        ("Кладбище военнопленных", "military_cemetery"),
        ("Мемориальный комплекс «Хатынь»", "memorial"),
        ("Памятник", "memorial"),
        ("mass grave", "mass_grave"),
        ("War cemetery", "military_cemetery"),
        ("military_cemetery", "military_cemetery"),
        ("Памятник на братской могиле", "mass_grave"),
        ("Захоронение на воинском кладбище", "military_cemetery"),
        ("Индивидуальная могила на гражданском кладбище", "individual_grave"),
        # The head phrase says what the grave is.
        ("Братская могила на гражданском кладбище", "mass_grave"),
        ("Братская могила на воинском кладбище", "mass_grave"),
        ("Братская могила (перенесена на воинское кладбище)", "mass_grave"),
        ("Воинское кладбище, братская могила", "military_cemetery"),
        # A cemetery of soldiers is a military one.
        ("Кладбище советских воинов", "military_cemetery"),
        ("Кладбище воинов-освободителей", "military_cemetery"),
        ("Кладбище советских солдат", "military_cemetery"),
        ("Кладбище бойцов Красной Армии", "military_cemetery"),
        ("Могілкі савецкіх воінаў", "military_cemetery"),
        ("Могілкі савецкіх салдат", "military_cemetery"),
        ("Soviet soldiers' cemetery", "military_cemetery"),
        ("Братская могила на кладбище советских воинов", "mass_grave"),
    ],
)
def test_the_kind_a_cell_names(cell, kind):
    assert parse_site_kind(cell) == kind


@pytest.mark.parametrize(
    "cell",
    [
        "Захоронение на сельском кладбище",
        "Кладбище",
        "cemetery",
        "Гражданское кладбище",
        # A village's, whatever its name.
        "Кладбище д. Бойцы",
        "Кладбище д. Солдатово",
        "Воинка, кладбище",
    ],
)
def test_a_cemetery_not_named_military_is_no_kind(cell):
    with pytest.raises(ValueError, match="^a cemetery not named a military one"):
        parse_site_kind(cell)


@pytest.mark.parametrize("cell", ["Могила", "Захоронение", "castle"])
def test_a_cell_naming_no_kind_is_refused(cell):
    with pytest.raises(ValueError, match="^unknown kind"):
        parse_site_kind(cell)
