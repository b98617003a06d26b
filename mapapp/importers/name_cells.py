"""What a name cell may hold, and how one full-name cell splits into its parts.

A list's last lines ("Итого: 2 человека", "Список составил: военком Петров") and cells
that say a name is not known ("-", "н/д", "нет данных") must never become a person's
name. A full name splits as registers write it, surname first; one written given name
first ("Иван Иванович Иванов") is refused rather than stored as surname "Иван".
"""

from __future__ import annotations

import re

# No name holds a number standing alone, a colon or a number sign: such a cell is a
# total, a signature line or a note. (A digit inside a word is a misread letter, as
# recognised text has them: "Ерб0лат" is kept, and found by the search.)
# An ordinal that tells namesakes apart ("Иванов 2-й", "Иванов-2") is part of the name.
_NOT_IN_NAMES = re.compile(r"[:№]|(?<![\w-])\d+(?![\w-])")
_SAYS_NOT_KNOWN = {"н/д", "н.д.", "н. д.", "нд", "нет данных", "нет сведений", "не указано", "n/a"}
# A surname's particle, written in small letters, is part of it: "фон Берг Карл" is
# surname "фон Берг". A capital one is a surname of its own (the Korean "Де", "Ван").
_PARTICLES = {"фон", "ван", "дер", "von", "van", "der"}
# Endings of patronymics (Russian, Belarusian, and the Turkic forms written after it).
_PATRONYMIC = re.compile(r"(вич|вна|чна|ична|инична|оглы|улы|ұлы|уулу|кызы|қызы)$", re.I)
_TURKIC_AFTER = {"оглы", "улы", "ұлы", "уулу", "кызы", "қызы"}


def check_name_part(text: str) -> str:
    """``text`` when it can be a name (a surname, given name or patronymic); ValueError
    saying why not."""
    if not any(ch.isalpha() for ch in text):
        raise ValueError("no letter in a name: leave the cell empty where the list gives none")
    if text.strip().lower() in _SAYS_NOT_KNOWN:
        raise ValueError(
            "says that the name is not known, not a name: leave the cell empty (a record of "
            "an unknown soldier is written «Неизвестный»)"
        )
    if _NOT_IN_NAMES.search(text):
        raise ValueError(
            "not a name (it holds a number, a colon or №): a total or a signature line below "
            "the list? Leave such lines out"
        )
    return text


def split_full_name(full: str) -> tuple[str, str | None, str | None]:
    """(surname, given name, patronymic) of a name written surname first; ValueError for
    one written given name first, which cannot be split without guessing."""
    parts = full.split()
    while len(parts) > 2 and parts[0].split()[-1] in _PARTICLES:
        parts = [f"{parts[0]} {parts[1]}", *parts[2:]]
    if (
        len(parts) == 3
        and _PATRONYMIC.search(parts[1])
        and not _PATRONYMIC.search(parts[2])
        and parts[2].lower() not in _TURKIC_AFTER
    ):
        raise ValueError(
            f"reads as given name, patronymic, surname ({parts[2]} last): write the surname "
            "first, or give the surname, given name and patronymic their own columns"
        )
    return (
        parts[0],
        (parts[1] if len(parts) > 1 else None),
        (" ".join(parts[2:]) if len(parts) > 2 else None),
    )
