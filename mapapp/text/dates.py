"""Partial dates as archives record them: a year alone, month and year, or a full date."""

from __future__ import annotations

import calendar
import datetime
import re

from mapapp.text.kazakh_letters import kazakh_pattern, kazakh_spellings

DATE_FORMS = (
    "1944, 06.1944, 22.06.1944, __.06.1944, 1944-06-22, 1944.06.22, 22/06/1944, 22.VI.1944 "
    "or 22 июня 1944; with dots the day comes first"
)
# The year's mark, saying nothing more than the date: Russian and Belarusian "1944 г.",
# "1944 год(а)", Kazakh "1944 ж." (жыл, жылы, жылғы); and a year of birth: "1910 г.р."
# (года рождения), "1913 г.н." (года нараджэння), "1920 ж.т." (жылы туған).
_YEAR_MARK = (
    r"г(?:ода|од|\.)?(?:\s*[рн]\.?|\s+рождения|\s+нараджэння)?"
    r"|" + kazakh_pattern(r"ж(?:ылы|ылғы|ыл|\.)?(?:\s*т\.?|\s+туған)?")
)
# Written around a date by exports and by hand, saying nothing more than the date:
# a time of midnight ("22.06.1944 0:00:00", a spreadsheet's export; "1944-06-22T00:00:00",
# ISO's) and the year's mark ("1944 г.", "22.06.1944г.", "1910 г.р.", "1944 ж.").
_AROUND_DATE = re.compile(
    rf"(?:(?:\s+|(?<=\d)T)0?0:00(?::00)?|\s*(?:{_YEAR_MARK}))$",
    re.IGNORECASE,
)
# A list's separator or a sentence's full stop after a date: "24.06.1944;", "1944.".
_LIST_MARK_AFTER = re.compile(r"\s*[;,]+$")
_STOP_AFTER_YEAR = re.compile(r"(?<=\d{4})\.$")
_AGE = re.compile(r"\d{1,3}(?:\s*(?:г\.?|год|года|лет))?", re.IGNORECASE)  # "33 года"
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
# "около 1910", "1910?", "~1910", "ок. 1910", "прибл. 1910", "примерно 1910", "ca. 1910".
_APPROXIMATE = re.compile(
    r"^(около|ок\.|прибл\w*\.?|примерно|каля|шамамен|circa|ca\.|c\.|~)\s*\d|\d\s*(\?|\(\?\))$",
    re.IGNORECASE,
)
# A date with a bound: "не позднее 06.1944", "после 24.06.1944", "пасля 1944", "before 1944",
# or two: "между 22.06.1941 и 01.09.1941", as OBD dates the missing.
_BOUNDED = re.compile(
    r"^(не\s+позднее|не\s+ранее|не\s+пазней|не\s+раней|позднее|после|пасля|до|да|между|"
    r"паміж|between|before|after|not\s+before|not\s+after)\s+\S*\d",
    re.IGNORECASE,
)

# Months by name: Russian (nominative and genitive, "июнь 1944", "24 июня 1944", and the
# usual abbreviations), Belarusian, Kazakh and English. Kazakh lists write a month with a
# case ending, each month with the one its sounds take: the locative, "in June" (-да/-де,
# -та/-те after a voiceless letter: "24 маусымда 1944", "қыркүйекте"), and the genitive,
# "June's", before its day (-ның/-нің after a vowel or a nasal, -дың/-дің, -тың/-тің:
# "1944 ж. маусымның 24-і"); another ending is no month's.
_MONTH_NAMES = (
    ("январь января янв", "студзень студзеня", "қаңтар қаңтарда қаңтардың", "january jan"),
    ("февраль февраля фев февр", "люты лютага", "ақпан ақпанда ақпанның", "february feb"),
    ("март марта мар", "сакавік сакавіка", "наурыз наурызда наурыздың", "march mar"),
    ("апрель апреля апр", "красавік красавіка", "сәуір сәуірде сәуірдің", "april apr"),
    ("май мая", "травень траўня", "мамыр мамырда мамырдың", "may"),
    ("июнь июня июн", "чэрвень чэрвеня", "маусым маусымда маусымның", "june jun"),
    ("июль июля июл", "ліпень ліпеня", "шілде шілдеде шілденің", "july jul"),
    ("август августа авг", "жнівень жніўня", "тамыз тамызда тамыздың", "august aug"),
    ("сентябрь сентября сен сент", "верасень верасня", "қыркүйек қыркүйекте қыркүйектің",
     "september sep sept"),
    ("октябрь октября окт", "кастрычнік кастрычніка", "қазан қазанда қазанның", "october oct"),
    ("ноябрь ноября ноя нояб", "лістапад лістапада", "қараша қарашада қарашаның",
     "november nov"),
    ("декабрь декабря дек", "снежань снежня", "желтоқсан желтоқсанда желтоқсанның",
     "december dec"),
)  # fmt: skip
# The Kazakh names are read typed without the Kazakh letters too ("22 шилде 1944",
# "кыркуйек 1943", "5 каңтарда" half typed so), as lists typed on a Russian keyboard write
# them (text.kazakh_letters); none of those spellings is a Russian or Belarusian month word.
MONTH_WORDS: dict[str, int] = {
    word: number
    for number, (russian, belarusian, kazakh, english) in enumerate(_MONTH_NAMES, start=1)
    for word in (*russian.split(), *belarusian.split(), *kazakh_spellings(*kazakh.split()),
                 *english.split())
}  # fmt: skip
# Roman months (24.VI.1944), in Latin letters or their Cyrillic look-alikes (Х, І).
ROMAN_MONTHS = {
    roman: number
    for number, roman in enumerate(
        ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"), start=1
    )
}
_ROMAN_LETTERS = str.maketrans({"Х": "X", "І": "I", "х": "X", "і": "I"})
# A day's number, with an English ordinal's ending ("June 24th") or a Kazakh one's after
# a hyphen: possessive, after a month in the genitive ("маусымның 24-і", "20-сы"), or
# ordinal ("24-ші", "6-шы", "24-інші").
_DAY_SUFFIX = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th|-" + kazakh_pattern("(?:і|ы|сі|сы|ші|шы|інші|ыншы|нші|ншы)") + ")?"
)


def format_partial_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """Render a partial date the way the archives write it.

    >>> format_partial_date(1902, None, None)
    '1902'
    >>> format_partial_date(1943, 12, None)
    '12.1943'
    >>> format_partial_date(1944, 6, 22)
    '22.06.1944'
    >>> format_partial_date(None, None, None) is None
    True
    """
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{month:02d}.{year:04d}"
    return f"{day:02d}.{month:02d}.{year:04d}"


# "1910 г.р.", "1910 года рождения", "1913 г.н.", "1920 ж.т.": a year of birth, whatever
# column it was typed in.
_BIRTH_MARK = re.compile(
    r"(?:г\.?\s*[рн]\.?|(?:г\.?|года?)\s+(?:рождения|нараджэння)|ж\.?\s*т\.?|"
    + kazakh_pattern(r"(?:ж\.?|жылы)\s+туған")
    + ")$",
    re.IGNORECASE,
)


def parse_death_date(value: str | None) -> tuple[int | None, int | None, int | None]:
    """A date of death; a year marked as a year of birth ("1910 г.р.") is refused."""
    if value is not None:
        mark = _BIRTH_MARK.search(_LIST_MARK_AFTER.sub("", value.strip()))
        if mark:
            raise ValueError(
                f"{value!r} is marked as a year of birth ({mark.group().strip()}), not a date "
                "of death"
            )
    return parse_partial_date(value)


# Day 0 of a spreadsheet's (1900) calendar: a date cell holds, and exports, its day count.
SPREADSHEET_DAY_0 = datetime.datetime(1899, 12, 30)


def _day_number_hint(parsed: list[int | None]) -> str:
    """For a lone number that a spreadsheet would show as a date of 1850-2000 (a date
    cell saved as its number): which date, never taken for it, since it is a guess."""
    if len(parsed) != 1 or parsed[0] is None or 1000 <= parsed[0] < 3000:
        return ""  # four digits from 1000 to 2999 read as a year mistyped
    try:
        shown = SPREADSHEET_DAY_0 + datetime.timedelta(days=parsed[0])
    except OverflowError:
        return ""
    if not 1850 <= shown.year <= 2000:
        return ""
    return (
        f": a spreadsheet's day number? As a date it would be {shown:%d.%m.%Y}; format the "
        "column as dates (or text) where the list was made, and save it again"
    )


def _not_a_date(value: str) -> ValueError:
    return ValueError(f"not a date: {value!r} (expected {DATE_FORMS})")


def parse_partial_date(value: str | None) -> tuple[int | None, int | None, int | None]:
    """Parse ``1902``, ``__.__.1902``, ``12.1943``, ``22.06.1944``, ``1944-06-22``,
    ``1944.06.22``, ``22/06/1944``, ``22-06-1944``, ``22.VI.1944``, ``22 июня 1944``
    into (year, month, day).

    With dots the day comes first, as everywhere in the registers: ``05.06.1944`` is
    5 June, and ``06.24.1944`` (no month 24) is refused. Slashes and hyphens come from
    spreadsheets of either convention (day/month/year, or US English's month/day/year), so
    there a date reads one way only where it can: ``24/06/1944`` and ``06/24/1944`` are
    24 June (no month 24), ``05/05/1944`` is 5 May either way, and ``05/06/1944`` (5 June
    or 6 May?) is refused. A year first is read only with dots
    (``1944.06.22``) or as ISO's ``1944-06-22``. Unknown parts written as underscores,
    zeros (00.00.1902) or X's (ХХ.ХХ.1902) stay unknown. Raises ValueError on anything
    else, naming the value, so that no date is silently guessed.
    """
    if value is None or not value.strip():
        return (None, None, None)
    if _APPROXIMATE.search(value.strip()):
        raise ValueError(
            f"{value!r} is an approximate date: a date field holds only what is known, and "
            "reading it as a date would drop the doubt; write the date alone if it is "
            "certain, or leave the cell empty and keep the text in a column of its own "
            "(kept with the row as read)"
        )
    if bound := _BOUNDED.match(value.strip()):
        raise ValueError(
            f"{value!r} bounds a date ({bound.group(1)}): a date field holds only a date "
            "known, and reading it as one would drop the bound; leave the cell empty and "
            "keep the text in a column of its own (kept with the row as read)"
        )
    if _AGE.fullmatch(value.strip()):
        raise ValueError(
            f"{value!r} is an age or a shortened year, not a date (expected {DATE_FORMS})"
        )
    written = _LIST_MARK_AFTER.sub("", value.strip())
    written = _STOP_AFTER_YEAR.sub("", _AROUND_DATE.sub("", written))
    iso = _ISO_DATE.fullmatch(written)
    if iso and int(iso.group(2)) > 12:  # "1943-44": years, not a month
        raise _not_a_date(value)
    if iso and not iso.group(3) and int(iso.group(2)) == (int(iso.group(1)) + 1) % 100:
        # "1910-11": November 1910, or the years 1910 and 1911? Never guessed.
        raise ValueError(
            f"{value!r}: a year and a month, or two years? Write the month as "
            f"{iso.group(2)}.{iso.group(1)}, or one year"
        )
    if iso:
        parts = [p for p in reversed(iso.groups()) if p]
    elif named := _named_month(written):
        return _checked(value, *named)
    else:
        parts = _day_first_parts(value, written)
    return _read_parts(value, parts)


_SEPARATOR = re.compile(r"[./-]")
_YEAR = re.compile(r"\d{4}")
_CYRILLIC = re.compile(r"[а-яёәіңғүұқөһў]")
_LETTER = re.compile(r"[^\W\d_]")


def _named_month(written: str) -> tuple[int, int, int | None] | None:
    """(year, month, day) of a date whose month is named: "24 июня 1944", "июнь 1944",
    "24 чэрвеня 1944", "24 маусым 1944", "1944 жылғы 24 маусым", "1944 жылы 24 маусымда",
    "1944 ж. маусымның 24-і", "June 24, 1944"; None when no word of it is a month's name."""
    if not _LETTER.search(written):
        return None
    words = written.lower().replace(",", " ").split()
    if not 2 <= len(words) <= 4:
        return None
    month_at = [i for i, w in enumerate(words) if _month_word(w) is not None]
    if len(month_at) != 1:
        return None
    month = _month_word(words[month_at[0]])
    shape = "".join(
        "m"
        if i in month_at
        else "y"
        if _YEAR.fullmatch(w)
        else "d"
        if _DAY_SUFFIX.fullmatch(w)
        else "k"
        if w in _YEAR_WORDS
        else "?"
        for i, w in enumerate(words)
    )
    # day month year, month year, month day year (English); Kazakh: year [жылы, жылғы, ж.]
    # day month ("1944 жылы 24 маусымда"), or month day ("1944 ж. маусымның 24-і")
    if shape not in ("dmy", "my", "mdy", "ydm", "ykdm", "ym", "ykm", "ymd", "ykmd"):
        return None
    year = int(next(w for w in words if _YEAR.fullmatch(w)))
    day_word = next((w for w, s in zip(words, shape, strict=True) if s == "d"), None)
    day = int(_DAY_SUFFIX.fullmatch(day_word).group(1)) if day_word else None
    return (year, month, day)


# The words for "year" between a year and its day and month (Kazakh): "1944 жылы 24 маусым".
_YEAR_WORDS = {"ж.", "ж", *kazakh_spellings("жылы", "жылғы")}


def _month_word(word: str) -> int | None:
    word = word.rstrip(".").replace("ё", "е")
    if _CYRILLIC.search(word):
        word = word.replace("i", "і")  # a Latin i typed in a Belarusian word
    return MONTH_WORDS.get(word)


def _day_first_parts(value: str, written: str) -> list[str]:
    """The parts of a date written with dots, slashes or hyphens (one kind in a date),
    or spaces around a Roman month ("24 VI 1944"), in the order day, month, year. A year
    first is read with dots only, month and day in two digits each (1944.06.22)."""
    separators = set(_SEPARATOR.findall(written))
    if len(separators) > 1:
        raise _not_a_date(value)
    if separators:
        separator = separators.pop()
        parts = [part.strip() for part in written.split(separator)]
    else:
        separator = None
        parts = written.split()
        if len(parts) > 1 and _roman(parts[-2]) is None:
            raise _not_a_date(value)  # spaces part a Roman month only
    if not 1 <= len(parts) <= 3 or not all(_PART.fullmatch(part) for part in parts):
        raise _not_a_date(value)
    if len(parts) > 1 and len(parts[0]) == 4 and parts[0].isascii() and parts[0].isdigit():
        if any(len(part) > 2 for part in parts[1:]):
            raise _not_a_date(value)  # "1941-1945": years
        if separator == "." and all(
            len(part) == 2 and (part.isdigit() or _unknown(part, "day")) for part in parts[1:]
        ):
            return [*reversed(parts[1:]), parts[0]]
        if separator == "/":
            raise ValueError(
                f"{value!r}: a year first with slashes is not read (is the month second or "
                "third?); write the day first, 22.06.1944, or year-month-day as 1944-06-22"
            )
        raise ValueError(
            f"{value!r}: a year first is read as year.month.day or year-month-day, with two "
            "digits for the month and the day (1944.06.22, 1944-06-22, 1944.06)"
        )
    if (
        separator in ("/", "-")
        and len(parts) == 3
        and all(part.isascii() and part.isdigit() for part in parts)
        and len(parts[2]) == 4  # a year in two digits is refused as such first
    ):
        day, month = slashed_day_month(value, int(parts[0]), int(parts[1]), parts[2])
        if (day, month) != (int(parts[0]), int(parts[1])):
            parts = [parts[1], parts[0], parts[2]]
    return parts


_ENGLISH_MONTHS = tuple(names[-1].split()[0].capitalize() for names in _MONTH_NAMES)


def slashed_day_month(value: str, first: int, second: int, year: str) -> tuple[int, int]:
    """(day, month) of a date written first/second/year with slashes or hyphens, as
    spreadsheets write it: day first (en-GB, ru) or month first (en-US). It is read the one
    way it can be (a number over 12 is the day; two equal numbers are one date either way);
    two that could be either are refused, naming both dates, so none is silently swapped.
    A zero (a day not known, in the registers' way) is the day's only where it comes
    first; month first it is refused. Out-of-range values are left for the caller to refuse."""
    if 1 <= first <= 12 and 1 <= second <= 12 and first != second:
        day_first = f"{first} {_ENGLISH_MONTHS[second - 1]}"
        month_first = f"{second} {_ENGLISH_MONTHS[first - 1]}"
        raise ValueError(
            f"{value!r} is ambiguous: {day_first} if the day comes first, {month_first} if "
            "the month does (as a spreadsheet set to US English writes dates); write it with "
            f"dots, day first: {first:02d}.{second:02d}.{year} for {day_first}, "
            f"{second:02d}.{first:02d}.{year} for {month_first}"
        )
    if 1 <= first <= 12 and second == 0:
        raise ValueError(
            f"{value!r}: no month 0 if the day comes first, and month first the day is not "
            f"known; if so, write it with dots, day first: 00.{first:02d}.{year}"
        )
    if 1 <= first <= 12 < second:
        return (second, first)  # no month over 12: the month comes first (en-US)
    return (first, second)


# What a part of a date may be: digits, underscores, X's, a Roman month.
_PART = re.compile(r"[0-9]+|_+|[IVXХІivxхі]+")


def _roman(part: str) -> int | None:
    """A Roman month (VI, XII; Cyrillic Х and І as X and I)."""
    return ROMAN_MONTHS.get(part.translate(_ROMAN_LETTERS).upper())


def _unknown(part: str, position: str) -> bool:
    """Whether a part says it is not known: underscores (__), or X's for a day or month
    (ХХ, xx); a single X for the month is the Roman ten."""
    if set(part) == {"_"}:
        return True
    letters = part.translate(_ROMAN_LETTERS).upper()
    return set(letters) == {"X"} and (len(letters) > 1 or position == "day")


def _read_parts(value: str, parts: list[str]) -> tuple[int | None, int | None, int | None]:
    positions = ("day", "month", "year")[3 - len(parts) :]
    parsed: list[int | None] = []
    roman_ten = False
    for part, position in zip(parts, positions, strict=True):
        if part.isascii() and part.isdigit():
            parsed.append(int(part))
        elif _unknown(part, position):
            parsed.append(None)
        elif position == "month" and (number := _roman(part)) is not None:
            parsed.append(number)
            roman_ten = number == 10 and len(part) == 1
        else:
            raise _not_a_date(value)
    if all(not part for part in parsed):  # "__.__.____", "00.00.0000": a form's blank
        return (None, None, None)
    year = parsed[-1]
    month = parsed[-2] if len(parsed) >= 2 else None
    day = parsed[-3] if len(parsed) == 3 else None
    # Zeros for what is not known, as many registers write it (00.00.1910, 00.05.1942):
    # a zero day, and a zero month without a day, are unknown as underscores are.
    if day == 0:
        day = None
    if month == 0 and day is None:
        month = None
    if roman_ten and day is None:
        raise ValueError(
            f"{value!r}: is X the month (October, in Roman numerals) or a month not known? "
            "Write 10 for October, or __ (or XX) for a month not known"
        )
    if year is not None and len(parts[-1]) == 2 and len(parsed) > 1:
        raise ValueError(f"a year in two digits in {value!r}: write it in full (19{year:02d}?)")
    if year is None or not 1850 <= year <= 2000:
        raise ValueError(f"year out of range in {value!r}{_day_number_hint(parsed)}")
    if month is not None and not 1 <= month <= 12 and day is not None and 1 <= day <= 12:
        raise ValueError(
            f"month out of range in {value!r}: the day comes first (day.month.year); if "
            f"{parts[-3]} is the month, write {month:02d}.{day:02d}.{year}"
        )
    return _checked(value, year, month, day)


def _checked(
    value: str, year: int, month: int | None, day: int | None
) -> tuple[int, int | None, int | None]:
    if not 1850 <= year <= 2000:
        raise ValueError(f"year out of range in {value!r}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month out of range in {value!r}")
    if day is not None and (month is None or not 1 <= day <= 31):
        raise ValueError(f"day out of range in {value!r}")
    if day is not None and day > calendar.monthrange(year, month)[1]:
        raise ValueError(f"no such day in the calendar: {value!r}")
    return (year, month, day)
