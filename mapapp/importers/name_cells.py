"""What a name cell may hold, and how one full-name cell splits into its parts.

A list's total line ("Итого: 2 человека", "Усяго: 12", "Барлығы: 12", "Похоронено всего
35 человек", "Пахавана ўсяго 12"; refused as such), its title and signature lines
("Список составил военком Петров", "М.П."), a place written where the name goes ("д.
Озаричи") and cells that say a name is not known ("н/д", "нет данных", "б/ф") must never
become a person's name. A full name splits as
registers write it, surname first: a namesake's ordinal ("Иванов 2-й") or another
spelling in brackets ("Иванов (Иваненко)") stays with the word before it, and a
surname's small-letter particle ("фон Берг", "де Голль") with the word after it. A word
after the given name reads as the patronymic where it has the form of one (an ending of
one, a Turkic "… оглы", an initial or a shortening with a dot), else the third word is
the patronymic (a Central Asian father's name written bare, "Курбанов Ташкулы Курбан"),
unless every word after the surname is a syllable of three letters at most: a Korean
given name is written in syllables ("Ким Де Сун", "Пак Ен Хо"), and stays one given
name, with no patronymic made up. One written given name first ("Иван Ильич Орлов",
"Іван Пятровіч Сакалоў") is refused rather than stored as surname "Иван".

What a list writes beside a name in its cell is no part of it, and is never moved into
another field on a guess: a year ("1913 г.р.": no number of three digits or more is a
name's), a rank or a soldier's word in small letters ("кр-ц", "ст. сержант", "партизан",
"аға сержант", "қатардағы жауынгер", "Тестов Ерлан боец"), two names or spellings parted
by "/" refuse the cell, in any name column, saying where the rest goes; in a full name,
so do a comma inside one of its parts ("Ким Де, Сун") and words after the patronymic
("Петров Иван Петрович уроженец д. Ляды") but for a namesake's ordinal or junior/senior
("Сидорович мл.", kept in the patronymic as written). So does a "?" before a letter
("Н?рлан"): a letter the file's code page could not hold (the Kazakh ә, ғ, қ, ң, ө, ұ,
ү, һ, і saved in a Windows Cyrillic file), which only the original list can give back.
An unknown soldier named by a soldier's word or a rank is his name, as written
("Неизвестный красноармеец", "Неизвестный ст. лейтенант", "Невядомы лейтэнант",
"Белгісіз қатардағы жауынгер", "Неизвестный красноармеец (1)"): in a full name the
unknown word is the surname, the rest the given name; a given name column holds the rank
beside a surname "Неизвестный" only. Else a given name or patronymic that is all a rank
or a soldier's word is refused in any case ("Боец", "жауынгер"), as it is split so from
a full name ("Тестов Ерлан Боец"); in the surname's place, before a given name (and in a
full name, a given name and patronymic), it is a surname ("Боец Иван Петрович"); in small
letters, all of the surname cell ("боец", "рядовой"), it is refused as no surname. A
footnote's mark ("Иванов*", "Петров И.И.**", "Сидоров¹") stays with its word, as
written.
"""

from __future__ import annotations

import re

from mapapp.importers.person_duplicates import UNKNOWN_COMPANION_WORDS, UNKNOWN_NAME_WORDS
from mapapp.importers.values import only_dashes
from mapapp.text.kazakh_letters import kazakh_spellings

# No name holds a colon or a number sign.
_NOT_IN_NAMES = re.compile(r"[:№]")
# Words of a list's totals line ("Итого", "Всего"; Belarusian "Усяго", "ўсяго" after a
# vowel, "Разам"; Kazakh "Барлығы", typed "Барлыгы" without its letter, "Жиыны"), and of its title
# and signature lines: never of a name.
_TOTAL_WORDS = {"итого", "всего", "усяго", "ўсяго", "разам", "барлығы", "барлыгы", "жиыны"}
# A totals line: a total word as a word of its own ("Итогов", "Всеволодов", "Усягоў" are
# names), first ("Итого: 35", "Итого по району", "Всего захоронено 120 человек") or
# further on ("Похоронено всего 35 человек", "Из них всего: 12", "Пахавана ўсяго 12").
_TOTAL_LINE = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(_TOTAL_WORDS))})(?![\w-])", re.IGNORECASE)
_LIST_WORDS = _TOTAL_WORDS | {
    "список", "списка", "составил", "составила", "подпись", "военком", "человек",
    "человека", "чел", "чалавек", "чалавекі", "м.п", "мп",
}  # fmt: skip
# Words of a list's heading over a district's, a village council's or a region's
# persons ("Дубровенский район", "Зарубский сельсовет", "Витебская область"), in Russian,
# Belarusian and Kazakh: never of a name, and split as one they made a person up.
_AREA_WORDS = {
    "район", "района", "р-н", "р-на", "раён", "раёна", "сельсовет", "сельсовета", "с/с",
    "сельсавет", "сельсавета", "область", "области", "обл", "вобласць", "вобласці", "вобл",
    "ауданы", "облысы",
}  # fmt: skip
# A place where the name goes: "д. Озаричи", "г. Калинковичи".
_PLACE_MARKS = {"д.", "дер.", "г.", "пос.", "п.", "с.", "ст.", "х.", "м."}
_SAYS_NOT_KNOWN = {
    "н/д", "н.д.", "н. д.", "нд", "нет данных", "нет сведений", "не указано", "не указан",
    "не установлено", "не установлен", "б/ф", "б/и", "б/о", "нет", "n/a",
}  # fmt: skip
_WORDS = re.compile(r"[\w.]+")

# A "?" before a letter stands for a letter the file's code page could not hold ("Н?рлан",
# "?скак"); after a word it is the list's doubt ("Иванов?"), kept as written.
_LOST_LETTER = re.compile(r"\S*\?(?=[^\W\d_])\S*")
# A number of three digits or more standing apart: a year or another number, never a
# name's (a namesake's ordinal has one or two: "Иванов 2-й"; digits after a letter are
# kept as written, as a misread letter is: "Ерб0лат").
_NUMBER = re.compile(r"(?<!\w)\d{3,}")
# A "/" between two words: two names or spellings ("Жумабаевич/Жумабекович"); other
# spellings in brackets are written as the list has them ("Иванов (Иваненко/Иваньков)").
_BRACKETED = re.compile(r"\([^()]*\)")
_SLASH = re.compile(r"[^\W\d_][.)]?\s*/\s*\(?[^\W\d_]")
_BIRTH_MARK = re.compile(r"\s*(г\.?\s*р\.?|г\.\s*рожд\.?|года рождения)", re.IGNORECASE)
# Ranks as lists write them beside a name, in small letters (a capital "Майор" or
# "Капитан" may be a surname), Russian, Belarusian and Kazakh (which writes most as
# Russian does: "сержант", "капитан"); the words before a rank ("ст. сержант", "кіші
# сержант") count with it only there ("Иванов мл." may be a namesake's "junior").
# A partisan, as lists write it where a rank goes, and beside an unknown one's name.
_PARTISAN = ("партизан", "партизанка", "партызан", "партызанка")
# Kazakh ranks of two words, neither of them a rank alone: "қатардағы жауынгер" (private;
# "жауынгер" is a soldier, as "боец" is) and "қызыл әскер" (red army man). The Kazakh words
# here are read typed without the Kazakh letters too ("катардагы жауынгер", "киши сержант",
# "кызыласкер"), as lists typed on a Russian keyboard write them.
_TWO_WORD_RANKS = kazakh_spellings("қатардағы жауынгер", "қызыл әскер")
_RANKS = {
    "рядовой", "рядовая", "ряд.", "красноармеец", "красноармейка", "красноарм.", "кр-ц",
    "к-ц", "кр-ец", "кр.", "краснофлотец", "матрос", "ефрейтор", "ефр.", "сержант",
    "серж.", "с-т", "старшина", "ст-на", "лейтенант", "лейт.", "л-т", "капитан", "к-н",
    "майор", "м-р", "подполковник", "п/п-к", "полковник", "п-к", "генерал", "политрук",
    "мл.сержант", "ст.сержант", "мл.лейтенант", "ст.лейтенант", "мл.с-т", "ст.с-т",
    "мл.л-т", "ст.л-т", "военфельдшер", "воентехник", "санинструктор",
    "радавы", "радавая", "чырвонаармеец", "яфрэйтар", "сяржант", "старшына", "лейтэнант",
    "капітан", "маёр", "падпалкоўнік", "палкоўнік",
    *kazakh_spellings("қызыләскер"), *_TWO_WORD_RANKS,
    *_PARTISAN,
}  # fmt: skip
# A soldier's word beside a name ("Тестов Ерлан боец", Kazakh "жауынгер") is no part of it
# either: the words an unknown soldier is named by (person_duplicates), in small letters.
_RANKS_BESIDE_NAMES = _RANKS | set(UNKNOWN_COMPANION_WORDS)
# A given name that is a soldier's word too ("Воин", an old Russian one): capitalised, a
# name in any name cell.
_GIVEN_NAMES_TOO = {"воин", "воін"}
_SMALL_LETTER_FIRST = re.compile(r"(?:^|[\s,;(\[\"'«])[а-яёіўәғқңөұүһ]")
_BEFORE_RANKS = {
    "мл.", "ст.", "младший", "старший", "гв.", "гвардии", "малодшы", "старшы",
    *kazakh_spellings("кіші", "аға"),
}  # fmt: skip
# An unknown soldier named by rank ("Неизвестный ст. лейтенант", "Невядомы лейтэнант",
# "Неизвестный красноармеец (1)"): one of the first words, then a soldier's word or a
# rank with the words before it, an ordinal or a number in brackets either side of them.
_UNKNOWN_FIRST = {w.lower() for w in UNKNOWN_NAME_WORDS}
# The words of an unknown soldier's name ("Неизвестный красноармеец", "Неизвестный
# партизан"): alone or together, no rank beside a name (check_given_name and
# check_patronymic say where one of them alone is a rank).
_UNKNOWN_WORDS = {w.lower() for w in (*UNKNOWN_NAME_WORDS, *UNKNOWN_COMPANION_WORDS, *_PARTISAN)}
_SOLDIER_WORDS = {w.lower() for w in (*UNKNOWN_COMPANION_WORDS, *_PARTISAN)} | _RANKS
# All the words of such a name after the unknown word ("ст.", "лейтенант"): a record of
# these words only, without dates, is no namesake of another (person_duplicates).
UNKNOWN_SOLDIER_WORDS = tuple(sorted(_SOLDIER_WORDS | _BEFORE_RANKS))

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
# A footnote's mark or the list's doubt after a word ("Иванов*", "Сидоров¹", "Петров?"):
# kept with its word as written.
_MARKS = "?*!¹²³⁴⁵⁶⁷⁸⁹⁰"
# Brackets and quotes a list may write a word in: "(боец)", "«красноармеец»".
_ENCLOSING = "()[]\"'«»"
_INITIALS = re.compile(rf"([А-ЯЁA-Z]\.)([А-ЯЁA-Z]\.[{_MARKS}]*)")
# What may follow a patronymic in a full name: a namesake's ordinal or "junior"/"senior"
# ("Сидорович мл.", kept in the patronymic as written), the list's doubt.
_MAY_FOLLOW = re.compile(rf"{_ORDINAL.pattern}|[{_MARKS}]+|мл\.|ст\.")


def check_name_part(text: str) -> str:
    """``text`` when it can be a name (a surname, given name or patronymic); ValueError
    saying why not. A dash alone, a register's "none" (no patronymic), is kept as written,
    and so is an unknown soldier's name by rank ("Неизвестный ст. лейтенант")."""
    if only_dashes(text.strip()) or is_unknown_soldier(text):
        return text
    if not any(ch.isalpha() for ch in text):
        raise ValueError("no letter in a name: leave the cell empty where the list gives none")
    _refuse_total_line(text)
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
    _refuse_heading(text)
    written = text.split()
    if len(written) > 1 and written[0] in _PLACE_MARKS and not _rank_in(text):
        # Small letters: "С." is an initial; "ст. сержант" is a rank, said so below.
        raise ValueError("a place (д., г., пос. ...), not a name")
    _refuse_what_is_beside_a_name(text)
    return text


def _refuse_total_line(text: str) -> None:
    if not (total := _TOTAL_LINE.search(text)):
        return
    reason = (
        "a total line of the list, not a person: leave it out (each person is a row of their own)"
    )
    if text[: total.start()].strip():
        # Words before the total may name a person ("Иванов И.И. и др., всего 12"): he is
        # not to be left out with the total.
        reason += (
            f"; where the words before «{total.group()}» name a person, write his name "
            "alone in the cell and the total in a column of its own"
        )
    raise ValueError(reason)


def _refuse_heading(text: str) -> None:
    if any(w.strip(".,;") in _AREA_WORDS for w in text.lower().split()):
        raise ValueError(
            "not a name: a heading of the list (a district, a village council, a region)? "
            "Leave such lines out"
        )


def check_given_name(text: str, surname: str | None) -> str:
    """A given name cell: a rank or a soldier's word beside an unknown soldier's surname
    cell ("Неизвестный" and "ст. лейтенант") is his name, as in one cell; beside any other
    surname, a rank is refused (check_name_part), and a cell that is all a rank or a
    soldier's word is in capitals too ("Боец")."""
    if surname and _is_unknown_first(surname.split()) and _is_soldier(text.split()):
        return text
    check_name_part(text)
    _refuse_rank_cell(text)
    return text


def check_patronymic(text: str) -> str:
    """A patronymic cell: as check_name_part, and a rank or a soldier's word in capitals
    too ("Боец", "Жауынгер"), which no patronymic is."""
    check_name_part(text)
    _refuse_rank_cell(text)
    return text


def _rank_cell(text: str) -> str | None:
    """``text`` where all of it is a rank or a soldier's word, in any case ("Боец",
    "Мл. Сержант", "жауынгер"; an ordinal beside it): in a given name's or a patronymic's
    place it is no name, as it may be in a surname's ("Боец", "Рядовой"). None otherwise,
    and for a given name that is a soldier's word too ("Воин")."""
    if text.strip().lower() in _GIVEN_NAMES_TOO or not _is_soldier(text.split()):
        return None
    return text.strip()


def _refuse_rank_cell(text: str) -> None:
    if rank := _rank_cell(text):
        raise ValueError(f"the name cell holds a rank ({rank}): put it in the rank column")


def is_unknown_soldier(text: str) -> bool:
    """An unknown soldier's name by rank or a soldier's word: "Неизвестный красноармеец",
    "Неизвестный гвардии рядовой", "Невядомы лейтэнант", "Неизвестный красноармеец (1)"."""
    words = text.split()
    return bool(words) and words[0].lower() in _UNKNOWN_FIRST and _is_soldier(words[1:])


def _is_unknown_first(words: list[str]) -> bool:
    """An unknown soldier's surname cell: "Неизвестный", or with an ordinal ("… 2-й")."""
    return (
        bool(words)
        and words[0].lower() in _UNKNOWN_FIRST
        and all(_ORDINAL.fullmatch(w) for w in words[1:])
    )


def _is_soldier(words: list[str]) -> bool:
    """One rank or soldier's word, with the words before a rank ("ст.", "гвардии"), and an
    ordinal or a number in brackets before or after them."""
    if words and _ORDINAL.fullmatch(words[0]):
        words = words[1:]
    if words and _ORDINAL.fullmatch(words[-1]):
        words = words[:-1]
    while len(words) > 1 and words[0].lower() in _BEFORE_RANKS:
        words = words[1:]
    return " ".join(words).lower() in _SOLDIER_WORDS  # one word, or a rank of two


def _refuse_what_is_beside_a_name(text: str) -> None:
    """ValueError naming what a name cell holds beside the name (a lost letter, a second
    name after "/", a year or number, a rank) and where it goes; all of them at once."""
    found: list[str] = []
    if "?" in text and (lost := _LOST_LETTER.search(text)):
        found.append(
            f"a '?' where a letter was ({lost[0]!r}): a code page without the letter (a "
            "Kazakh ә, ғ, қ, ң, ө, ұ, ү, һ, і in a Windows Cyrillic file) saves it as '?'; "
            "save the list again from its original as UTF-8 or XLSX (a letter the list "
            "itself leaves unread is written 'Н[?]рлан')"
        )
    if "/" in text and _SLASH.search(_BRACKETED.sub(" ", text)):
        found.append(
            "two names or spellings parted by '/': keep one; another spelling goes in "
            "brackets after the word it differs in ('Жумабаевич (Жумабекович)') or in a "
            "column of name variants, another person in a row of their own"
        )
    if number := _NUMBER.search(text):
        if mark := _BIRTH_MARK.match(text, number.end()):
            year = text[number.start() : mark.end()].strip()
            found.append(f"a year of birth ({year}): put it in the birth date column")
        elif len(number[0]) == 4 and number[0][:2] in ("18", "19"):
            found.append(
                f"a year ({number[0]}): put it in the birth or death date column it belongs to"
            )
        else:
            found.append(f"a number ({number[0]}), no part of a name: give it a column of its own")
    if rank := _rank_in(text):
        found.append(f"a rank ({rank}): put it in the rank column")
    if found:
        raise ValueError("the name cell holds " + "; ".join(found))


def _rank_in(text: str) -> str | None:
    """The first rank or soldier's word written in small letters in ``text`` ("ст.
    сержант", "кр-ц", "Тестов Ерлан боец"), with the words before it that belong to it;
    None where there is none, or where the cell names an unknown soldier in the words
    registers do ("Неизвестный красноармеец"), or is one of them alone."""
    if not _SMALL_LETTER_FIRST.search(text):
        return None  # every word capitalised, as names are
    words = [w.strip(_ENCLOSING) for w in re.split(r"[\s,;]+", text) if w]
    if all(w.lower() in _UNKNOWN_WORDS for w in words):
        return None  # an unknown soldier's name, or a part of it: his given name
    for i, word in enumerate(words):
        if " ".join(words[i : i + 2]) in _TWO_WORD_RANKS:
            end = i + 2
        elif word in _RANKS_BESIDE_NAMES or word.rstrip(".") in _RANKS:
            end = i + 1
        else:
            continue
        start = i
        while start > 0 and words[start - 1] in _BEFORE_RANKS:
            start -= 1
        return " ".join(words[start:end])
    return None


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
    if is_unknown_soldier(text):
        return text
    _refuse_rank_as_surname(text)
    check_name_part(text)
    parts = text.split()
    if len(parts) == 3:
        _refuse_given_first(parts)
    return text


def _refuse_rank_as_surname(text: str) -> None:
    """A surname cell that is all a rank or a soldier's word in small letters ("боец",
    "жауынгер", "рядовой", "ст. сержант"): no surname, with a given name beside it or
    alone; a capital one may be a surname ("Боец"), and is kept."""
    first = next((ch for ch in text if ch.isalpha()), "")
    # As a list may write it: "боец.", "(боец)", "«красноармеец»", "боец*".
    bare = text.strip().strip(_ENCLOSING).rstrip(".,;:" + _MARKS).strip()
    if first.islower() and (rank := _rank_cell(bare)):
        raise ValueError(
            f"a rank or a soldier's word ({rank}) where the surname goes, not a surname: put "
            "it in the rank column and write the surname, where the list gives one; a record "
            "of an unknown soldier is written «Неизвестный» (with his rank: «Неизвестный "
            "красноармеец»)"
        )


def reads_as_whole_name(surname: str) -> bool:
    """A surname cell of three or more words: a whole name in the surname column. A
    particle ("фон дер Гольц"), a namesake's ordinal and another spelling in brackets
    ("Иванов (Иваненко)") go with their word, and a dash is no word ("Римский - Корсаков")."""
    if is_unknown_soldier(surname):
        return False  # "Неизвестный ст. лейтенант": an unknown soldier's whole name
    words = [w for w in surname.replace(",", " ").split() if any(ch.isalpha() for ch in w)]
    return len(words) >= 3 and len(_joined(words)) >= 3


def split_full_name(full: str) -> tuple[str, str | None, str | None]:
    """(surname, given name, patronymic) of a name written surname first; ValueError for
    one written given name first, for a cell holding more than a name (a year, a rank, a
    second name after "/", a lost letter), and for commas inside one of its parts. An
    unknown soldier's name by rank is his surname ("Неизвестный", with an ordinal after
    it) and given name ("ст. лейтенант") as written, as "Неизвестный красноармеец" is."""
    if is_unknown_soldier(full):
        words = full.split()
        at = 2 if _ORDINAL.fullmatch(words[1]) else 1
        return " ".join(words[:at]), " ".join(words[at:]), None
    _refuse_total_line(full)
    _refuse_heading(full)
    _refuse_what_is_beside_a_name(full)
    words, commas = _words_and_commas(full)
    if not words:
        raise ValueError("no letter in a name: leave the cell empty where the list gives none")
    surname, given, patronymic = _split_words(words)
    _refuse_rank_as_a_part(surname, given, patronymic, len(words))
    if commas:
        _refuse_commas_inside_parts(words, commas, (surname, given, patronymic))
    return surname, given, patronymic


def _refuse_rank_as_a_part(
    surname: str, given: str | None, patronymic: str | None, count: int
) -> None:
    """A rank or a soldier's word, capitalised, split as the given name or patronymic
    ("Тестов Ерлан Боец"), or first before a name that is not a given name and patronymic
    ("Рядовой Тестов Ерлан"): no part of the name. First before a given name and
    patronymic it is a surname ("Боец Иван Петрович")."""
    for part in (given, patronymic):
        if part:
            _refuse_rank_cell(part)
    if count < 3 or not given or not _rank_cell(surname):
        return
    one_given = len(_joined(given.split())) == 1
    if (
        one_given
        and patronymic
        and (
            _reads_as_patronymic(patronymic, given)  # "Касым улы"
            or _reads_as_patronymic(patronymic.split()[0], given)  # "Петрович 2-й"
        )
    ):
        return
    raise ValueError(
        f"the name cell holds a rank ({surname}) before the name: put it in the rank "
        f"column; if {surname} is the surname, give the surname, given name and "
        "patronymic their own columns"
    )


def surname_alike_a_rank(full: str) -> str | None:
    """The surname a full name splits with where it is a rank or a soldier's word with a
    capital ("Майор Иван Петрович", "Капитан Иванов", "Боец Ерлан"): stored as written, as
    such a surname is real, and named to the importer, as it may be the rank. None for
    other names, an unknown soldier's and a cell refused."""
    if is_unknown_soldier(full):
        return None
    try:
        surname = split_full_name(full)[0]
    except ValueError:
        return None
    return surname if surname[:1].isupper() and _rank_cell(surname) else None


def _refuse_commas_inside_parts(words: list[str], commas: list[int], parts: tuple) -> None:
    """A comma parts the surname, given name and patronymic, and is then left out; one
    inside a part would be lost in it ("Жумабаевич, Жумабекович")."""
    counts = [len(part.split()) if part else 0 for part in parts]
    ends = {sum(counts[:i]) for i in range(4)}
    for at in commas:
        if at not in ends:
            raise ValueError(
                f"a comma inside a part of the name ({_around(words, at)!r}): a full name "
                "cell parts its surname, given name and patronymic with commas, and holds "
                "nothing else; write another spelling in brackets after its word, other "
                "facts in columns of their own"
            )


def _split_words(words: list[str]) -> tuple[str, str | None, str | None]:
    parts = _joined(words)
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
    elif extra := [p for p in parts[at + 1 :] if not _MAY_FOLLOW.fullmatch(p)]:
        # After a word read as the patronymic, a namesake's ordinal or the list's doubt
        # only: other words are not the patronymic's ("Петрович уроженец д. Ляды").
        raise ValueError(
            f"words after the patronymic ({' '.join(extra)!r}): a full name cell holds the "
            "surname, given name and patronymic only; write other facts in columns of "
            "their own, another spelling in brackets after its word"
        )
    return parts[0], " ".join(parts[1:at]), (" ".join(parts[at:]) or None)


def _words_and_commas(full: str) -> tuple[list[str], list[int]]:
    """The words of a full name, and where its commas stand (after how many words); a
    comma inside brackets stays with its word ("Иванов (Иваненко, Иваньков)")."""
    if "," not in full:
        return full.split(), []
    words: list[str] = []
    commas: list[int] = []
    depth = 0
    for word in full.split():
        piece = ""
        for ch in word:
            depth += (ch == "(") - (ch == ")" and depth > 0)
            if ch == "," and depth == 0:
                if piece:
                    words.append(piece)
                piece = ""
                commas.append(len(words))
            else:
                piece += ch
        if piece:
            words.append(piece)
    return words, commas


def _around(words: list[str], at: int) -> str:
    """The words either side of the comma after ``at`` words, as a cell writes them."""
    return f"{' '.join(words[max(at - 1, 0) : at])}, {' '.join(words[at : at + 1])}"


def _is_name_syllable(word: str) -> bool:
    """A Korean given name's syllable as Russian registers spell it ("Де", "Сун", "И"):
    three letters at most."""
    return len(word) <= 3 and word.isalpha()


def _reads_as_patronymic(part: str, given: str) -> bool:
    """A patronymic's ending ("Петрович (Павлович)", "Касым улы", "Иванович?"), also as
    typed with a Latin lookalike letter, an old soft sign ("Кузьмичь") or as spoken
    ("Ильинишна"); a word ending in a dot, an initial or a shortening ("П.", "Ив."), which
    no name syllable is; or a letter after a given name's initial ("Петров И П")."""
    word = part.split("(")[0].strip().rstrip(_MARKS).translate(_LATIN_LOOKALIKES)
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
