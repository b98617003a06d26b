"""Partial dates as archives record them: a year alone, month and year, or a full date."""

from __future__ import annotations

import calendar
import datetime
import re

DATE_FORMS = "1944, 06.1944, 22.06.1944, __.06.1944 or 1944-06-22"
# Written around a date by exports and by hand, saying nothing more than the date:
# a time of midnight ("22.06.1944 0:00:00", a spreadsheet's export; "1944-06-22T00:00:00",
# ISO's) and the year's mark ("1944 г.", "1944 год", "22.06.1944г.", "1910 г.р.").
_AROUND_DATE = re.compile(
    r"(?:(?:\s+|(?<=\d)T)0?0:00(?::00)?|\s*г(?:ода|од|\.)?(?:\s*р\.?|\s+рождения)?)$",
    re.IGNORECASE,
)
_AGE = re.compile(r"\d{1,3}(?:\s*(?:г\.?|год|года|лет))?", re.IGNORECASE)  # "33 года"
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
# "около 1910", "1910?", "~1910", "ок. 1910", "прибл. 1910", "примерно 1910", "ca. 1910".
_APPROXIMATE = re.compile(
    r"^(около|ок\.|прибл\w*\.?|примерно|каля|шамамен|circa|ca\.|c\.|~)\s*\d|\d\s*(\?|\(\?\))$",
    re.IGNORECASE,
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


# "1910 г.р.", "1910 года рождения": a year of birth, whatever column it was typed in.
_BIRTH_MARK = re.compile(r"(?:г\.?\s*р\.?|(?:г\.?|года?)\s+рождения)$", re.IGNORECASE)


def parse_death_date(value: str | None) -> tuple[int | None, int | None, int | None]:
    """A date of death; a year marked as a year of birth ("1910 г.р.") is refused."""
    if value is not None and _BIRTH_MARK.search(value.strip()):
        raise ValueError(f"{value!r} is marked as a year of birth (г.р.), not a date of death")
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


def parse_partial_date(value: str | None) -> tuple[int | None, int | None, int | None]:
    """Parse ``1902``, ``__.__.1902``, ``12.1943``, ``22.06.1944``, ``1944-06-22`` into
    (year, month, day).

    Unknown parts written as underscores (or zeros: 00.00.1902) stay unknown. Raises
    ValueError on anything else, naming the value, so that no date is silently guessed.
    """
    if value is None or not value.strip():
        return (None, None, None)
    written = _AROUND_DATE.sub("", value.strip())
    if _APPROXIMATE.search(value.strip()):
        raise ValueError(
            f"{value!r} is an approximate date: a date field holds only what is known, and "
            "reading it as a date would drop the doubt; write the date alone if it is "
            "certain, or leave the cell empty and keep the text in a column of its own "
            "(kept with the row as read)"
        )
    if _AGE.fullmatch(value.strip()):
        raise ValueError(
            f"{value!r} is an age or a shortened year, not a date (expected {DATE_FORMS})"
        )
    iso = _ISO_DATE.fullmatch(written)
    if iso and int(iso.group(2)) > 12:  # "1943-44": years, not a month
        raise ValueError(f"not a date: {value!r} (expected {DATE_FORMS})")
    if iso and not iso.group(3) and int(iso.group(2)) == (int(iso.group(1)) + 1) % 100:
        # "1910-11": November 1910, or the years 1910 and 1911? Never guessed.
        raise ValueError(
            f"{value!r}: a year and a month, or two years? Write the month as "
            f"{iso.group(2)}.{iso.group(1)}, or one year"
        )
    parts = [p for p in reversed(iso.groups()) if p] if iso else written.split(".")
    if len(parts) > 3:
        raise ValueError(f"not a date: {value!r} (expected {DATE_FORMS})")
    parsed: list[int | None] = []
    for part in parts:
        if part and set(part) == {"_"}:
            parsed.append(None)
        elif part.isascii() and part.isdigit():
            parsed.append(int(part))
        else:
            raise ValueError(f"not a date: {value!r} (expected {DATE_FORMS})")
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
    if year is not None and len(parts[-1]) == 2 and len(parsed) > 1:
        raise ValueError(f"a year in two digits in {value!r}: write it in full (19{year:02d}?)")
    if year is None or not 1850 <= year <= 2000:
        raise ValueError(f"year out of range in {value!r}{_day_number_hint(parsed)}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month out of range in {value!r}")
    if day is not None and (month is None or not 1 <= day <= 31):
        raise ValueError(f"day out of range in {value!r}")
    if day is not None and day > calendar.monthrange(year, month)[1]:
        raise ValueError(f"no such day in the calendar: {value!r}")
    return (year, month, day)
