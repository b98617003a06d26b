"""A sentence that ends in an abbreviation takes one full stop, not two."""

import pytest
from markupsafe import Markup

from mapapp.web.formatting import one_full_stop


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("последний импорт: 30 ноября 2026 г..", "последний импорт: 30 ноября 2026 г."),
        ("last import: November 30, 2026.", "last import: November 30, 2026."),
        ("соңғы импорт: 2026 ж. 30 қараша.", "соңғы импорт: 2026 ж. 30 қараша."),
        ("and so on...", "and so on..."),
        ("", ""),
    ],
)
def test_one_full_stop(sentence, written):
    assert one_full_stop(sentence) == written


def test_escaped_text_stays_escaped():
    cut = one_full_stop(Markup("импорт: &lt;x&gt; 2026 г.."))
    assert isinstance(cut, Markup) and cut == Markup("импорт: &lt;x&gt; 2026 г.")
