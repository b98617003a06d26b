"""Keys of numbers written in more than one way. A list's 004 is the 4 of its spreadsheet
(a cell formatted 000 shows zeros its number does not hold, and a number typed 004 is
kept as 4); a heritage code is written 213Д000473, 213д000473, 213Д 000473 or, in Latin
letters, 213D000473. Each pair names one record, one site. Values are stored as written;
only the comparison reads them so."""

from __future__ import annotations

import re

from mapapp.text.districts import district_key, listed_districts_matching
from mapapp.text.regions import (
    MINSK_CITY,
    MINSK_OBLAST,
    region_district,
    region_key,
    settlement_region,
    split_region,
)

# A heritage code of the State List of Belarus: three digits, a category letter, six
# digits. Its letters written in Latin read as their Cyrillic ones (Д is D, Г is G).
_HERITAGE_CODE = re.compile(r"[0-9]{3}[A-ZА-ЯЁ][0-9]{6}")
_LATIN_CATEGORY = str.maketrans({"A": "А", "D": "Д", "E": "Е", "G": "Г", "K": "К"})


def digits_key(text: str) -> str:
    """``text`` without its leading zeros when it is all ASCII digits, else as it is."""
    if len(text) > 1 and text[0] == "0" and text.isascii() and text.isdigit():
        return text.lstrip("0") or "0"
    return text


def is_heritage_code(key: str) -> bool:
    """A heritage code names one site in all of Belarus; a plain number (a district
    book's 4) names one within its district only."""
    return _HERITAGE_CODE.fullmatch(key) is not None


def register_match(key: str, district: str | None, other_district: str | None) -> str:
    """Whether a register number ``key`` (register_key) given with ``district`` (a
    register_place) and the same number stored with ``other_district`` name one site:
    "same" for a heritage code, and for a plain number within one district or where
    neither says its district (one list imported again); "unknown" where only one says
    it; else "other" (place_match). A town's name reads as its district only where it
    begins one district's name alone (Орша: Оршанский; not Глуск, which begins Глусский
    and Глубокский)."""
    if is_heritage_code(key) or (not district and not other_district):
        return "same"
    if not district or not other_district:
        return "unknown"
    return place_match(district, other_district)


# Between a region's key and the district key in a register_place.
_IN = "/"


def register_place(
    district: str | None, region: str | None = None, settlement: str | None = None
) -> str | None:
    """The district a plain register number is kept within, as register_match compares
    it: the district's key, and where the name tells the district only with its region
    (regions.region_district: Октябрьский район is Gomel oblast's and the city of
    Minsk's; Ленинский район is Minsk's, or another city's) the region's too,
    "gomel/aktiabr#": the region written, else one the district cell writes
    ("Октябрьский район, г. Минск"), else a settlement that is the city of Minsk, else
    the city of Minsk for a name of its districts that no listed district has, where
    the row writes no settlement either (a settlement that is not Minsk may be another
    city's). The Minsk oblast written is the city: the oblast has no district of these
    names. Октябрьский район without a region is kept alone: which district it is, is
    not known. None without a district."""
    text, written = split_region(district)
    key = district_key(text)
    if not key:
        return None
    if (needed := region_district(key)) is None:
        return key
    key, minsk = needed
    if settlement and settlement.strip():
        minsk = None
    region = region_key(region) or written or settlement_region(settlement) or minsk
    if region == MINSK_OBLAST:
        region = MINSK_CITY
    return f"{region}{_IN}{key}" if region else key


def compared_district(key: str) -> str:
    """A district key as a register_place holds it: a district of the city of Minsk by its
    Russian name's key (Кастрычніцкі раён is Октябрьский район), any other as it is."""
    needed = region_district(key)
    return needed[0] if needed else key


def site_register_place(site: dict) -> str | None:
    """The register_place of a site's row or stored site: its district, with its oblast
    or settlement where the district's name needs them."""
    return register_place(site.get("district"), site.get("oblast"), site.get("settlement"))


def place_region(place: str | None) -> str | None:
    """The region's key a register_place holds, or None."""
    return place.partition(_IN)[0] if place and _IN in place else None


def place_match(place: str, other: str) -> str:
    """Whether two register_places are one district: "other" for two districts, or one
    name in two regions; "unknown" where the name needs its region and only one says
    it; else "same"."""
    if _one_district(place.rpartition(_IN)[2]) != _one_district(other.rpartition(_IN)[2]):
        return "other"
    return region_match(place, other)


def region_match(place: str | None, other: str | None) -> str:
    """The regions of two register_places of one district name: "same" where both say
    the same region or neither says one (a name that tells its district says none);
    "other" where they say two; "unknown" where only one says it."""
    region, other_region = place_region(place), place_region(other)
    if region == other_region:
        return "same"
    return "other" if region and other_region else "unknown"


def register_candidates(key: str, district: str | None, stored: list) -> tuple[list, list]:
    """Of ``stored`` (pairs of a place and its register_place) carrying the register
    number ``key``: the places the number given with ``district`` (a register_place)
    names, and those it may name (a plain number, one side without a district, or
    without the region its district's name needs)."""
    matches = [(register_match(key, district, other), place) for place, other in stored]
    same = [place for match, place in matches if match == "same"]
    unknown = [place for match, place in matches if match == "unknown"]
    return same, unknown


def _one_district(key: str) -> str:
    listed = listed_districts_matching(key)
    return next(iter(listed)) if len(listed) == 1 else key


def register_key(text: str) -> str:
    """A site's register number as compared: in capitals, without a leading №; a heritage
    code without its spaces and hyphens and with its letter in Cyrillic; digits alone
    without leading zeros. Spaces elsewhere are kept (12 13 is not 1213)."""
    folded = " ".join(text.upper().split()).removeprefix("№").strip()
    compact = re.sub(r"[\s-]", "", folded)
    if _HERITAGE_CODE.fullmatch(compact):
        return compact[:3] + compact[3].translate(_LATIN_CATEGORY) + compact[4:]
    return digits_key(folded)
