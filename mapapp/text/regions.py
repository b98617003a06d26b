"""The regions of Belarus: the six oblasts and the city of Minsk, which lies in none
(data/geo/reference/regions.csv, each with its source); and the districts of the city of
Minsk (data/geo/reference/city_districts.csv, with their source).

A district's name does not always tell the district: the city of Minsk has an
Октябрьский район as Gomel oblast has one, and a city's district ("Ленинский район") is
none of the 118. Where the name does not tell it, the region does; this module reads
the region a row writes:
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

from mapapp.text.normalize import area_key, search_words

_REFERENCE = Path(__file__).resolve().parents[2] / "data" / "geo" / "reference"
REGIONS_CSV = _REFERENCE / "regions.csv"
CITY_DISTRICTS_CSV = _REFERENCE / "city_districts.csv"

MINSK_CITY = "minsk-city"
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
def city_district_names() -> dict[str, str]:
    """The Russian and Belarusian names of the districts of the city of Minsk -> the
    city's key."""
    out: dict[str, str] = {}
    with CITY_DISTRICTS_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for name in (row["name_ru"], row["name_be"]):
                out[name] = row["city"]
    return out


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
        return MINSK_CITY if city else "minsk"
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
