"""The kind a site's name states, in Russian and Belarusian, and no guess otherwise."""

import pytest

from mapapp.importers.values import site_kind_from_name


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Братская могила советских воинов", "mass_grave"),
        ("Брат. могила у д. Шуховцы", "mass_grave"),
        ("Брацкая магіла савецкіх воінаў", "mass_grave"),
        ("Брацкія могілкі (Ушачы)", "military_cemetery"),
        ("Воинское кладбище", "military_cemetery"),
        ("Могила неизвестного солдата", "individual_grave"),
        ("Магіла невядомага салдата", "individual_grave"),
        ("Мемориал «Прорыв»", "memorial"),
        ("Шуховцы", None),
        ("Могила", None),  # one grave or many: the name does not say
    ],
)
def test_the_kind_a_name_states(name, kind):
    assert site_kind_from_name(name) == kind
