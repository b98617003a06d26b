"""What a name cell may hold, and how one full-name cell splits into its parts.

A list's title, totals and signature lines ("Итого: 2 человека", "Список составил военком
Петров", "М.П."), a place written where the name goes ("д. Озаричи") and cells that say a
name is not known ("н/д", "нет данных", "б/ф") must never become a person's name. A full
name splits as registers write it, surname first: a namesake's ordinal ("Иванов 2-й") or
another spelling in brackets ("Иванов (Иваненко)") stays with the word before it, and a
surname's small-letter particle ("фон Берг", "де Голль") with the word after it. A word
after the given name reads as the patronymic where it has the form of one (an ending of
one, a Turkic "… оглы", an initial or a shortening with a dot), else the third word is the
patronymic (a Central Asian father's name written bare, "Курбанов Ташкулы Курбан"), unless
every word after the surname is a syllable of three letters at most: a Korean given name is
written in syllables ("Ким Де Сун", "Пак Ен Хо"), and stays one given name, with no
patronymic made up. One written given name first ("Иван Ильич Орлов",
"Іван Пятровіч Сакалоў") is refused rather than stored as surname "Иван".
"""

from __future__ import annotations

import re

from mapapp.importers.values import only_dashes

# No name holds a colon or a number sign.
_NOT_IN_NAMES = re.compile(r"[:№]")
# Words of a list's totals line, and of its title and signature lines: never of a name.
_TOTAL_WORDS = {"итого", "всего"}
_LIST_WORDS = _TOTAL_WORDS | {
    "список", "списка", "составил", "составила", "подпись", "военком", "человек",
    "человека", "чел", "м.п", "мп",
}  # fmt: skip
# A place where the name goes: "д. Озаричи", "г. Калинковичи".
_PLACE_MARKS = {"д.", "дер.", "г.", "пос.", "п.", "с.", "ст.", "х.", "м."}
_SAYS_NOT_KNOWN = {
    "н/д", "н.д.", "н. д.", "нд", "нет данных", "нет сведений", "не указано", "не указан",
    "не установлено", "не установлен", "б/ф", "б/и", "б/о", "нет", "n/a",
}  # fmt: skip
_WORDS = re.compile(r"[\w.]+")

# A surname's particle: "фон" in any case; the others in small letters only, as a capital
# one is a surname of its own (the Korean "Де", "Ван").
_PARTICLES_ANY_CASE = {"фон", "von"}
_PARTICLES_SMALL = {
    "ван", "дер", "де", "ди", "да", "дю", "ла", "ле", "van", "der", "de", "di", "du",
}  # fmt: skip
# Endings of patronymics: Russian (-вич, -ич, -вна, -ична), Belarusian (-віч, -іч, -ўна,
# -ічна), and the Turkic forms (a Turkmen given name ends in -кулы: not one).
_PATRONYMIC = re.compile(
    r"(ич|вна|ична|чна|іч|ўна|ічна|оглы|(?<!к)улы|ұлы|уулу|кызы|қызы)$", re.IGNORECASE
)
_TURKIC_AFTER = {"оглы", "улы", "ұлы", "уулу", "кызы", "қызы"}
# "2-й", "1-ый", "2", "(1)": a namesake's ordinal after the surname.
_ORDINAL = re.compile(r"\(?\d{1,2}(-?[а-яё]{1,3})?\)?")
_INITIALS = re.compile(r"([А-ЯЁA-Z]\.)([А-ЯЁA-Z]\.)")


def check_name_part(text: str) -> str:
    """``text`` when it can be a name (a surname, given name or patronymic); ValueError
    saying why not. A dash alone, a register's "none" (no patronymic), is kept as written."""
    if only_dashes(text.strip()):
        return text
    if not any(ch.isalpha() for ch in text):
        raise ValueError("no letter in a name: leave the cell empty where the list gives none")
    folded = text.strip().lower()
    if folded.rstrip(".") in _SAYS_NOT_KNOWN or folded in _SAYS_NOT_KNOWN:
        raise ValueError(
            "says that the name is not known, not a name: leave the cell empty (a record of "
            "an unknown soldier is written «Неизвестный»)"
        )
    words = _WORDS.findall(folded)
    if _NOT_IN_NAMES.search(text) or any(w.rstrip(".") in _LIST_WORDS for w in words):
        raise ValueError(
            "not a name: a title, a total or a signature line of the list? Leave such lines out"
        )
    written = text.split()
    if len(written) > 1 and written[0] in _PLACE_MARKS:  # small letters: "С." is an initial
        raise ValueError("a place (д., г., пос. ...), not a name")
    return text


def is_total_line(text: str) -> bool:
    """A list's totals line written where a name goes: "Итого по Минскому району"."""
    words = _WORDS.findall(text.lower())
    return bool(words) and words[0].rstrip(".") in _TOTAL_WORDS


def check_surname(text: str) -> str:
    """A surname cell holding a whole name written given name first is refused, as in
    a full-name column; a dash alone is no surname; other checks as check_name_part."""
    if only_dashes(text.strip()):
        raise ValueError(
            "a dash, not a surname: a record of an unknown soldier is written «Неизвестный»"
        )
    check_name_part(text)
    parts = text.split()
    if len(parts) == 3:
        _refuse_given_first(parts)
    return text


def reads_as_whole_name(surname: str) -> bool:
    """A surname cell of three or more words: a whole name in the surname column. A
    particle ("фон дер Гольц"), a namesake's ordinal and another spelling in brackets
    ("Иванов (Иваненко)") go with their word, and a dash is no word ("Римский - Корсаков")."""
    words = [w for w in surname.replace(",", " ").split() if any(ch.isalpha() for ch in w)]
    return len(words) >= 3 and len(_joined(words)) >= 3


def split_full_name(full: str) -> tuple[str, str | None, str | None]:
    """(surname, given name, patronymic) of a name written surname first; ValueError for
    one written given name first."""
    parts = _joined(full.replace(",", " ").split())
    if len(parts) == 2:
        if _PATRONYMIC.search(parts[1]):
            return parts[0], None, parts[1]  # "Мамедов Гасан оглы", "Петрова Ивановна"
        if initials := _INITIALS.fullmatch(parts[1]):
            return parts[0], initials[1], initials[2]  # "Петров И.П."
    if len(parts) == 3:
        _refuse_given_first(parts)
    if len(parts) < 3:
        return parts[0], (parts[1] if len(parts) > 1 else None), None
    # The patronymic begins at the first word after the given name that reads as one
    # ("Иванов Иван Иванович 2-й"); before it, all is the given name ("Ким Де Сун
    # Николаевич"). Without one, a Korean given name in syllables stays whole ("Ким Де
    # Сун"); else the third word is the patronymic, as registers write a Central Asian
    # father's name bare ("Курбанов Ташкулы Курбан").
    at = next(
        (i for i in range(2, len(parts)) if _reads_as_patronymic(parts[i], parts[i - 1])),
        None,
    )
    if at is None:
        at = len(parts) if all(map(_is_name_syllable, parts[1:])) else 2
    return parts[0], " ".join(parts[1:at]), (" ".join(parts[at:]) or None)


def _is_name_syllable(word: str) -> bool:
    """A Korean given name's syllable as Russian registers spell it ("Де", "Сун", "И"):
    three letters at most."""
    return len(word) <= 3 and word.isalpha()


def _reads_as_patronymic(part: str, given: str) -> bool:
    """A patronymic's ending ("Петрович (Павлович)", "Касым улы", "Иванович?"), also as
    typed with a Latin lookalike letter, an old soft sign ("Кузьмичь") or as spoken
    ("Ильинишна"); a word ending in a dot, an initial or a shortening ("П.", "Ив."), which
    no name syllable is; or a letter after a given name's initial ("Петров И П")."""
    word = part.split("(")[0].strip().rstrip("?*!").translate(_LATIN_LOOKALIKES)
    if _PATRONYMIC.search(word.removesuffix("ь")) or word.endswith("шна"):
        return True
    return word.endswith(".") or (len(word) == 1 and len(given.rstrip(".")) == 1)


# Latin letters typed for the Cyrillic ones they look like ("Петровнa").
_LATIN_LOOKALIKES = str.maketrans("aceopxyABCEHKMOPTX", "асеорхуАВСЕНКМОРТХ")


def _joined(parts: list[str]) -> list[str]:
    """Words that belong together: particles with the surname after them, an ordinal or a
    bracketed other spelling with the word before it."""
    out: list[str] = []
    for word in parts:
        if out and _continues(out, word):
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


def _continues(out: list[str], word: str) -> bool:
    last = out[-1]
    if last.count("(") > last.count(")") or word.startswith("("):
        return True  # inside brackets, or another spelling of the word before
    if word.lower() in _TURKIC_AFTER:
        return True  # "Гасан оглы": the patronymic is both words
    if len(out) == 1:  # after the surname, or what begins it
        return bool(_ORDINAL.fullmatch(word)) or all(_is_particle(w) for w in last.split())
    return False


def _is_particle(word: str) -> bool:
    return word.lower() in _PARTICLES_ANY_CASE or word in _PARTICLES_SMALL


def _refuse_given_first(parts: list[str]) -> None:
    # No given name ends as a patronymic does, so a second word that does is one, whatever
    # the last word is: a Belarusian surname ends in -вич too (Мицкевич, Малиневич).
    if _PATRONYMIC.search(parts[1]) and parts[2].lower() not in _TURKIC_AFTER:
        raise ValueError(
            f"reads as given name, patronymic, surname ({parts[2]} last): write the surname "
            "first, or give the surname, given name and patronymic their own columns"
        )
