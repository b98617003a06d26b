"""The Kazakh "Екі мәрте" and "Үш мәрте" (twice, three times) and the Kazakh Hero title
typed on a Russian keyboard, without the Kazakh letters: "Еки марте Кенес Одагынын Батыры"
is two Hero titles."""

from __future__ import annotations

import pytest

from mapapp.importers.awards import is_hero_title, parse_awards

# --- award counts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "title", "count"),
    [
        ("Еки марте Кеңес Одағының Батыры", "Кеңес Одағының Батыры", 2),
        ("Еки марте Кенес Одагынын Батыры", "Кенес Одагынын Батыры", 2),
        ("ЕКИ МАРТЕ КЕНЕС ОДАГЫНЫН БАТЫРЫ", "КЕНЕС ОДАГЫНЫН БАТЫРЫ", 2),
        ("Екi марте Кенес Одагынын Батыры", "Кенес Одагынын Батыры", 2),  # a Latin i
        ("Еки рет Кенес Одагынын Батыры", "Кенес Одагынын Батыры", 2),
        ("Уш марте Кенес Одагынын Батыры", "Кенес Одагынын Батыры", 3),
        ("Ұш мәрте Кеңес Одағының Батыры", "Кеңес Одағының Батыры", 3),
        ("Уш рет Кенес Одагынын Батыры", "Кенес Одагынын Батыры", 3),
        ("Еки марте Герой Советского Союза", "Герой Советского Союза", 2),
    ],
)
def test_a_twice_or_thrice_hero_typed_without_the_kazakh_letters(cell, title, count):
    awards = parse_awards(f"{cell}; Орден Ленина")
    assert [(a["position"], a["title"], a["is_hero_title"]) for a in awards] == [
        *((n, title, True) for n in range(1, count + 1)),
        (count + 1, "Орден Ленина", False),
    ]


@pytest.mark.parametrize(
    ("title", "hero"),
    [
        ("Кенес Одагынын Батыры", True),
        ("Кеңес Одагының Батыры", True),
        ("Представлен к званию Кенес Одагынын Батыры", False),
        ("Кенес Одагынын Батыры (не присвоено)", False),
        ("Герой Советского Союза", True),
        ("Халык Кахарманы", False),  # Kazakhstan's own title, not the Soviet one
    ],
)
def test_the_kazakh_hero_title_typed_without_its_letters(title, hero):
    assert is_hero_title(title) is hero


def test_a_count_word_before_another_award_is_kept_as_written():
    assert [a["title"] for a in parse_awards("Еки марте Орден Славы")] == ["Еки марте Орден Славы"]
