"""The regions of Belarus: the six oblasts and the city of Minsk, which lies in none
(data/geo/reference/regions.csv, each with its source); and the districts of the city of
Minsk (data/geo/reference/city_districts.csv, with their source).

A district's name does not always tell the district: the city of Minsk has an
Октябрьский район as Gomel oblast has one, and Minsk's districts ("Ленинский район") are
none of the 118. Where the name does not tell it, the region does (region_district);
this module reads the region a row writes:
- an oblast in Russian, Belarusian or as this register writes it in English
  ("Гомельская", "Гомельская обл.", "Гомельская вобласць", "Gomel");
- the city of Minsk: "г. Минск", "Минск", "Мінск", "Minsk (city)". "Minsk" alone is the
  oblast, as the register writes it (the burial_oblast filter: "Minsk", "Minsk (city)");
- a district cell that writes its region too: "Октябрьский район, г. Минск",
  "Октябрьский район г. Минска", "Гомельская обл., Октябрьский р-н".
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from mapapp.text.districts import (
    DISTRICTS_CSV,
    LISTED,
    district_key,
    listed_districts_matching,
)
from mapapp.text.normalize import area_key, search_words

_REFERENCE = Path(__file__).resolve().parents[2] / "data" / "geo" / "reference"
REGIONS_CSV = _REFERENCE / "regions.csv"
CITY_DISTRICTS_CSV = _REFERENCE / "city_districts.csv"

MINSK_CITY = "minsk-city"
# The Minsk oblast, which surrounds the city and has no district of a name of the city's.
MINSK_OBLAST = "minsk"
# Words that say a name is a city's: г., гор., город, горад, city.
_CITY_WORDS = frozenset(search_words("г гор город горад city"))
# The city of Minsk's name, also in the genitive ("Октябрьский район г. Минска").
_MINSK = frozenset(search_words("Минск Минска Мінск Мінска Minsk"))
# A district cell's parts: split at a comma or semicolon, and before "г. Минска".
_PARTS = re.compile(r"\s*[,;]\s*|\s+(?=(?:г\.|гор\.|город|горад)\s*\w)", re.IGNORECASE)
# A part that reads as a district's name is never a region ("Минский район").
_READS_AS_DISTRICT = re.compile(
    r"(?:\b(?:район|раён|р-н|р-на|district|rayon|raion)\b|[кk](?:ий|і|и|iy|y|i)\b)\W*$",
    re.IGNORECASE,
)


@cache
def _oblasts() -> dict[str, str]:
    """Area key of each name of an oblast -> its key."""
    out: dict[str, str] = {}
    with REGIONS_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["key"] == MINSK_CITY:
                continue
            for name in (row["name_en"], row["name_ru"], row["name_be"]):
                out.setdefault(area_key(name), row["key"])
    return out


@cache
def _city_districts() -> dict[str, str]:
    """The district_key of each name of a district of the city of Minsk, Russian and
    Belarusian -> its Russian name's (Кастрычніцкі раён -> Октябрьский район's)."""
    out: dict[str, str] = {}
    with CITY_DISTRICTS_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            russian = district_key(row["name_ru"])
            for name in (row["name_ru"], row["name_be"]):
                out[district_key(name)] = russian
    return out


def city_district(text: str | None) -> bool:
    """Whether ``text`` names one of the city of Minsk's districts, in Russian or
    Belarusian (Савецкі раён): none of the 118 districts, and no typo."""
    return bool(text) and district_key(text) in _city_districts()


def region_district(key: str) -> tuple[str, str | None] | None:
    """For a district key (district_key) whose district only its region tells: the key
    it is compared by, and its region where a row writes none. None for any other name,
    which tells its district alone or tells no region (a town of an oblast: Новополоцк).
    - A listed district whose name a district of the city of Minsk shares (Октябрьский
      район: Gomel oblast's, and Minsk's): without a region it may be either (None). A
      town's name that begins one listed district's name alone is that district's.
    - A district of the city of Minsk by a name no listed district has (Ленинский район;
      Кастрычніцкі раён, Minsk's Октябрьский in Belarusian, Gomel oblast's being
      Акцябрскі): its Russian name's key, and the city; in another region written, it
      is another city's district."""
    listed = listed_districts_matching(key)
    if len(listed) == 1 and next(iter(listed)) in _city_districts():
        return key, None
    if (city := _city_districts().get(key)) is not None:
        return city, MINSK_CITY
    return None


@cache
def _district_oblasts() -> dict[str, str]:
    """The district_key of each of the 118 districts -> its oblast (as districts.csv and
    burial_sites.oblast name it: "Vitebsk")."""
    with DISTRICTS_CSV.open(encoding="utf-8", newline="") as f:
        return {district_key(row["name_ru"]): row["oblast"] for row in csv.DictReader(f)}


def district_oblast(text: str | None) -> str | None:
    """The oblast of the listed district ``text`` names (in Russian or Belarusian), for
    showing where a record names none; None for a name that does not tell one district:
    a town, an unlisted name, or one a district of the city of Minsk shares (Октябрьский
    район, Gomel oblast's and Minsk's)."""
    key = district_key(text)
    if not key.endswith(LISTED) or region_district(key) is not None:
        return None
    return _district_oblasts().get(key)


@cache
def _oblast_names() -> dict[str, str]:
    """An oblast's name as districts.csv gives it ("Vitebsk") -> its key."""
    with REGIONS_CSV.open(encoding="utf-8", newline="") as f:
        return {row["name_en"]: row["key"] for row in csv.DictReader(f)}


def other_region(district: str | None, region: str | None = None) -> str | None:
    """The oblast of a listed district (``district_oblast``) where the region written
    with it (in its cell, "Дубровенский р-н, Гомельская обл.", or ``region``) is another
    oblast; None where they agree, or either is not known. The city of Minsk written
    with a district of Minsk oblast is not taken for a contradiction: the oblast
    surrounds the city, and lists write the one for the other."""
    text, written = split_region(district)
    written = region_key(region) if region and region.strip() else written
    own = district_oblast(text)
    if written is None or own is None:
        return None
    own_key = _oblast_names()[own]
    if own_key == written or (written == MINSK_CITY and own_key == MINSK_OBLAST):
        return None
    return own


def _is_minsk(words: list[str]) -> bool:
    return len(words) == 1 and words[0] in _MINSK


def settlement_region(text: str | None) -> str | None:
    """MINSK_CITY where ``text`` (a settlement) is the city of Minsk, else None."""
    words = search_words(text)
    return MINSK_CITY if _is_minsk([w for w in words if w not in _CITY_WORDS]) else None


def region_key(text: str | None) -> str | None:
    """The key of the region ``text`` names (an oblast's, or MINSK_CITY), or None."""
    if not text or not text.strip():
        return None
    words = search_words(text)
    name = [w for w in words if w not in _CITY_WORDS]
    if _is_minsk(name):
        # "Minsk" alone is the oblast here; the city in Cyrillic, or said to be a city.
        city = len(name) < len(words) or not text.strip().isascii()
        return MINSK_CITY if city else MINSK_OBLAST
    return _oblasts().get(area_key(text))


def split_region(text: str | None) -> tuple[str | None, str | None]:
    """A district cell without the region it writes, and that region's key:
    "Октябрьский район, г. Минск" -> ("Октябрьский район", MINSK_CITY). A cell that
    writes no region, or more than the district and one region, is returned whole."""
    if not text:
        return text, None
    parts = [p for p in _PARTS.split(text.strip()) if p]
    if len(parts) != 2:
        return text, None
    regions = [
        (i, key)
        for i, part in enumerate(parts)
        if not _READS_AS_DISTRICT.search(part) and (key := region_key(part))
    ]
    if len(regions) != 1:
        return text, None
    i, key = regions[0]
    return parts[1 - i], key
