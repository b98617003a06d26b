"""Cell values as archives write them: coordinates, counts, flags, kinds, fates.

Each parser returns the value or raises ValueError with a reason a person can act on.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata

# Kinds and fates are read in modules of their own; the callers read them from here.
from mapapp.importers.fate_cells import parse_fate as parse_fate
from mapapp.importers.readers import MAX_CELL_CHARS, RefusedCell
from mapapp.importers.site_kind_cells import parse_site_kind as parse_site_kind
from mapapp.text.dates import slashed_day_month
from mapapp.text.kazakh_letters import kazakh_spellings

_DMS = re.compile(
    r"""^\s*(?P<deg>\d{1,3}(?:[.,]\d+)?)\s*[°º˚d]\s*
        (?:(?P<min>\d{1,2}(?:[.,]\d+)?)\s*['′’m]\s*)?
        (?:(?P<sec>\d{1,2}(?:[.,]\d+)?)\s*(?:["″”]|''|s)\s*)?
        (?P<hemi>[NSEWСЮВЗ]|с\.?\s*ш\.?|ю\.?\s*ш\.?|в\.?\s*д\.?|з\.?\s*д\.?|пн\.?\s*ш\.?|
           у\.?\s*д\.?)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_NEGATIVE_HEMI = ("s", "w", "ю", "з")
_LAT_HEMI = ("n", "s", "с", "ю", "пн")


# Text the importer takes one apostrophe off: apostrophes before a sign a spreadsheet
# would run. The exports write one more in front of such text (mapapp.exports).
APOSTROPHE_TAKEN_OFF = re.compile(r"'+[=+\-@]")


# A cell of a dash alone is how registers say "none" ("-" for no patronymic): kept as
# written where text is kept (it is part of a row's key), never refused as a name.
_DASHES = "-‐‑‒–—―−"
_DASHES_ONLY = re.compile(f"[{_DASHES}]+")


def only_dashes(value: str) -> bool:
    """Whether a trimmed cell is dashes alone (a register's "none")."""
    return value[:1] in _DASHES and _DASHES_ONLY.fullmatch(value) is not None


def clean(value: str | None) -> str | None:
    """Strip a cell; None when empty. Refused cells (formulas ...) and oversized cells
    are refused."""
    if value is None:
        return None
    if isinstance(value, RefusedCell):
        raise ValueError(value.reason)
    if len(value) > MAX_CELL_CHARS:
        raise ValueError(f"longer than {MAX_CELL_CHARS:,} characters")
    if not value.isprintable():
        _refuse_control_characters(value)
    value = value.strip()
    if APOSTROPHE_TAKEN_OFF.match(value):
        # What our export wrote to keep a spreadsheet from running it (also before text
        # that itself starts with apostrophes and such a sign: "''-0" is "'-0").
        value = value[1:]
    return value or None


_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def _refuse_control_characters(value: str) -> None:
    """Line breaks and tabs are text; other control characters (NUL, escape, form
    feed, the C1 range ...) are debris of a conversion and are refused, naming the
    character."""
    for char in value:
        if (ord(char) < 32 and char not in _ALLOWED_CONTROLS) or char == "\x7f":
            name = "a NUL character" if char == "\x00" else f"control character U+{ord(char):04X}"
            raise ValueError(f"contains {name}; remove it from the file")
        if "\x80" <= char <= "\x9f":
            # No text holds these: UTF-8 read as Latin-1 makes them (Ð\x91 for Б).
            raise ValueError(
                f"contains control character U+{ord(char):04X}, which comes of reading text "
                "in the wrong encoding: for a CSV file or a Shapefile, name its encoding with "
                "--encoding; in a workbook, the text was converted wrongly before it came in"
            )


# Invisible marks a word processor, a typesetter or a copy from a PDF leaves in text.
_INVISIBLE_MARKS = {
    "\u00ad": "soft hyphen",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space (a byte order mark)",
}


def refuse_invisible_marks(value: str) -> None:
    """A format character (a soft hyphen where Word may break a word, a zero-width space)
    is no part of a name, yet stored it would stay in it unseen: the name's search key
    would split at it (Абдрахманов with a soft hyphen after "Абдрах" was not found as
    Абдрахманов), and the same list saved without it would be other records. Refused,
    naming it and where it stands."""
    for at, char in enumerate(value):
        if unicodedata.category(char) != "Cf":
            continue
        name = _INVISIBLE_MARKS.get(char, "format character")
        before = value[:at].strip()[-20:]
        where = f"after {before!r}" if before else "at the start"
        raise ValueError(
            f"contains an invisible {name} (U+{ord(char):04X}) {where}: a word processor or "
            "a copy from a PDF leaves it, and it is no part of the text; remove it from the "
            "file"
        )


def parse_float(text: str) -> float:
    try:
        value = float(text.replace(",", ".").replace("−", "-").strip())
    except ValueError:
        raise ValueError("not a number") from None
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


# A hemisphere letter before the number, as GPS receivers write it ("N53.90360"), or a
# letter after decimal degrees without a degree sign ("53.9 N").
_LETTER_FIRST = re.compile(r"^\s*([NSEWСЮВЗ])\s*(?=\d)(.+?)\s*$", re.IGNORECASE)
_DECIMAL_LETTER = re.compile(r"^\s*(\d{1,3}(?:[.,]\d+)?)\s*([NSEWСЮВЗ])\s*$", re.IGNORECASE)


def parse_degrees(text: str) -> tuple[float, str | None]:
    """Decimal degrees or degrees-minutes-seconds; returns (degrees, hemisphere letter)."""
    try:
        return parse_float(text), None
    except ValueError as exc:
        if "finite" in str(exc):
            raise
    if first := _LETTER_FIRST.match(text):
        text = f"{first[2]} {first[1]}"
    if decimal := _DECIMAL_LETTER.match(text):
        text = f"{decimal[1]}° {decimal[2]}"
    match = _DMS.match(text)
    if not match:
        raise ValueError("not a coordinate (use 54.5719 or 54°34′19″N)")
    degrees = float(match["deg"].replace(",", "."))
    minutes = float((match["min"] or "0").replace(",", "."))
    seconds = float((match["sec"] or "0").replace(",", "."))
    if minutes >= 60 or seconds >= 60:
        raise ValueError("minutes and seconds must be below 60")
    value = degrees + minutes / 60 + seconds / 3600
    hemi = (match["hemi"] or "").lower().replace(".", "").replace(" ", "")
    if hemi.startswith(_NEGATIVE_HEMI):
        value = -value
    return value, (hemi or None)


# Points further than this from the region are refused, nearer ones flagged.
FAR_OUTSIDE_KM = 1000
_KM_PER_DEGREE = 111.2


def km_outside(lat: float, lon: float, bbox: tuple[float, float, float, float]) -> float:
    """About how far (km) a point lies from a box (minlon, minlat, maxlon, maxlat)."""
    minlon, minlat, maxlon, maxlat = bbox
    north_south = max(minlat - lat, 0.0, lat - maxlat) * _KM_PER_DEGREE
    east_west = max(minlon - lon, 0.0, lon - maxlon)
    east_west = min(east_west, 360 - east_west) * _KM_PER_DEGREE
    east_west *= math.cos(math.radians(min(abs(lat), 89.0)))
    return math.hypot(north_south, east_west)


# "537,500": a thousands group, or a decimal comma? In metres it cannot be told.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def parse_projected(text: str) -> float:
    """A projected coordinate (--crs) is a plain number of metres, spaces between its
    thousands allowed: degrees-minutes-seconds have no meaning there, and a comma between
    thousands could be read as a decimal comma."""
    text = text.replace(" ", "").replace("\u00a0", "").strip()
    if _GROUPED.fullmatch(text):
        raise ValueError(
            f"{text!r}: a comma between thousands, or a decimal comma? Write the number "
            "without thousands separators (537500 or 537500.5)"
        )
    try:
        return parse_float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number of metres (with --crs)") from None


_PAIR_LETTERS_FIRST = re.compile(
    r"^([NSEWСЮВЗ])\s*(\d[^NSEWСЮВЗ]*?)[\s,;/]+([NSEWСЮВЗ])\s*(\d[^NSEWСЮВЗ]*?)$",
    re.IGNORECASE,
)


def parse_lat_lon_pair(text: str) -> tuple[float, float]:
    """'54.57, 30.69', '54.57 30.69' or '54°34′19″N 30°41′24″E' -> (lat, lon)."""
    text = text.strip()
    if letters_first := _PAIR_LETTERS_FIRST.match(text):  # "N 53.9 E 27.5"
        text = f"{letters_first[2]} {letters_first[1]} {letters_first[4]} {letters_first[3]}"
    dms = re.split(r"(?<=[NSEWnsewСЮВЗсюв])[\s,;/]+|(?<=ш\.)[\s,;/]+|(?<=ш)[\s,;/]+", text)
    if len(dms) == 2:
        (a, ha), (b, hb) = parse_degrees(dms[0]), parse_degrees(dms[1])
        if ha and hb and ha.startswith(("e", "w", "в", "з", "у")):
            a, b = b, a  # longitude written first
        return a, b
    parts = [p for p in re.split(r"[;\s]+|,\s+", text) if p]
    if len(parts) == 1 and text.count(",") == 1 and "." in text:
        parts = text.split(",")  # "53.9036,27.5625": decimal points, so the comma parts them
    if len(parts) != 2:
        raise ValueError("expected 'lat, lon', as '54.57, 30.69'")
    return parse_degrees(parts[0])[0], parse_degrees(parts[1])[0]


def check_range(lat: float, lon: float) -> None:
    # Thousands of "degrees" are metres: a projected CRS a file does not name (a
    # Shapefile without its .prj, a CSV of UTM coordinates).
    metres = (
        "; these look like metres of a projected CRS: name it with --crs (e.g. EPSG:32635 for "
        "UTM zone 35N)"
        if abs(lat) > 1000 or abs(lon) > 1000
        else ""
    )
    if not -90 <= lat <= 90:
        raise ValueError(f"latitude {lat} is outside -90..90{metres}")
    if not -180 <= lon <= 180:
        raise ValueError(f"longitude {lon} is outside -180..180{metres}")


# A whole number from a column of floats ("35.0", "35,00"); three zeros may be a
# thousands group ("1.000"), which stays as written.
_ZERO_FRACTION = re.compile(r"(\d+)[.,](?:0{1,2}|0{4,})")


def parse_count(text: str) -> int | None:
    """A plain whole number of persons; None for texts such as '10 тыс.' (kept as written)."""
    digits = text.replace(" ", "").replace("\u00a0", "")
    if whole := _ZERO_FRACTION.fullmatch(digits):
        digits = whole.group(1)
    if digits.isascii() and digits.isdigit():
        if len(digits) > 9:
            raise ValueError("an implausibly large count")
        return int(digits)
    if digits.startswith("-") and digits[1:].isdigit():
        raise ValueError("a count cannot be negative")
    return None


def parse_whole_count(text: str) -> int | None:
    """A count that must be a whole number (a dash alone, a register's "none", is none)."""
    if only_dashes(text):
        return None
    count = parse_count(text)
    if count is None:
        raise ValueError(
            "not a whole number: the counts of known and unknown persons are numbers (a text "
            "such as «около 30» goes in the total, kept as written, or in the note)"
        )
    return count


BATTLE_YEARS = (1900, 2000)


def parse_battle_year(text: str) -> int:
    """A whole year within BATTLE_YEARS (a year column holds nothing else: "лето 1944"
    belongs in the period)."""
    year = parse_count(text)
    if year is None:
        raise ValueError("not a year")
    if not BATTLE_YEARS[0] <= year <= BATTLE_YEARS[1]:
        raise ValueError(f"a year between {BATTLE_YEARS[0]} and {BATTLE_YEARS[1]} is expected")
    return year


# Kazakh "иә" and "жоқ" typed without the Kazakh letters too: "иа", "жок" (text.kazakh_letters).
_TRUE = {"1", "true", "yes", "y", "да", "д", "так", *kazakh_spellings("иә"), "+", "x", "✓"}
_FALSE = {"0", "false", "no", "n", "нет", "н", "не", "няма", *kazakh_spellings("жоқ"), "-", ""}


def parse_flag(text: str | None) -> bool:
    value = (text or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError("expected yes/no (да/нет, 1/0)")


# What a site's name says about its kind: only explicit words, never a guess.
NAME_KIND_WORDS = [
    ("братская могила", "mass_grave"),
    ("братские могилы", "mass_grave"),
    ("брацкая магіла", "mass_grave"),
    ("брацкія магілы", "mass_grave"),
    ("брат. могила", "mass_grave"),
    ("mass grave", "mass_grave"),
    ("индивидуальная могила", "individual_grave"),
    ("могила неизвестного солдата", "individual_grave"),
    ("магіла невядомага салдата", "individual_grave"),
    ("одиночная могила", "individual_grave"),
    ("індывідуальная магіла", "individual_grave"),
    ("воинское кладбище", "military_cemetery"),
    ("военное кладбище", "military_cemetery"),
    ("вайсковыя могілкі", "military_cemetery"),
    ("брацкія могілкі", "military_cemetery"),  # as the state list has Ушачы's
    ("war cemetery", "military_cemetery"),
    ("мемориал", "memorial"),
    ("мемарыял", "memorial"),
    ("memorial", "memorial"),
]


def site_kind_from_name(*names: str | None) -> str | None:
    """The kind a name states ("Братская могила советских воинов" -> mass_grave)."""
    for name in names:
        if not name:
            continue
        lowered = name.lower().replace("ё", "е")
        for words, kind in NAME_KIND_WORDS:
            if words in lowered:
                return kind
    return None


# OpenStreetMap: historic=memorial + memorial=war_memorial, historic=tomb + tomb=war_grave,
# cemetery=war_cemetery. A tomb does not say whether one man lies there or many.
OSM_KINDS = {
    ("memorial", "war_memorial"): "memorial",
    ("memorial", "memorial"): "memorial",
    ("cemetery", "war_cemetery"): "military_cemetery",
    ("", "war_cemetery"): "military_cemetery",
}


def site_kind_from_osm(historic: str | None, detail: str | None) -> str | None:
    return OSM_KINDS.get(((historic or "").strip().lower(), (detail or "").strip().lower()))


PRECISIONS = {
    "site": "site",
    "surveyed": "site",
    "settlement_centre": "settlement_centre",
    "settlement centre": "settlement_centre",
    "settlement": "settlement_centre",
    "district": "district",
}


def parse_precision(text: str) -> str:
    try:
        return PRECISIONS[text.strip().lower()]
    except KeyError:
        raise ValueError("use site, settlement_centre or district") from None


# day.month.year ("22.06.1944", "31.02.1944." at a sentence's end; with slashes or hyphens,
# "22/06/1944", "22-06-1944", read the one way they can be, as dates read them) and ISO's
# year-month-day.
_WRITTEN_DATE = re.compile(
    r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)"
    r"|(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])"
    r"|(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d-])"
)
_ISO_WRITTEN_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")


def text_with_real_dates(text: str) -> str:
    """Text kept as written ("1944", "осень 1944", "22.06.1944, перезахоронение 1957")
    whose every day.month.year is a day of the calendar: "31.02.1944" is refused (zeros
    for what is not known, "00.05.1944", are no day to check). With slashes or hyphens a
    date is read as dates read it, the one way it can be: "06/24/1957" is 24 June, and
    "05/06/1957" (5 June or 6 May?) is refused."""
    found = []
    for m in _WRITTEN_DATE.finditer(text):
        first, second, year = (int(g) for g in m.groups() if g is not None)
        if m.group(1) is None:  # slashes or hyphens: the day first or the month first
            first, second = slashed_day_month(m.group(), first, second, f"{year:04d}")
        found.append((m.group(), first, second, year))
    found += [
        (m.group(), *map(int, reversed(m.groups()))) for m in _ISO_WRITTEN_DATE.finditer(text)
    ]
    for written, day, month, year in found:
        not_known = day == 0 and 0 <= month <= 12  # 00.05.1944, 00.00.1944: as dates read them
        if not (
            1000 <= year <= 2100
            and (
                not_known or (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1])
            )
        ):
            raise ValueError(f"no such day in the calendar: {written!r}")
    return text
