"""The 118 districts of Belarus by their official Russian and Belarusian names
(data/geo/reference/districts.csv, each name with its source).

District names are compared by area key, as prefixes ("Дубровно" names Дубровенский
район). Three things a key alone gets wrong are set right here:
- the two languages spell a district differently: "Витебский район" keys ``viteb``,
  "Віцебскі раён" ``viqeb``; ``district_key`` gives a listed district, named in either
  language, its Russian name's key;
- one district's key can be the beginning of another's: Березинский (``berez``) and
  Берёзовский (``berezav``), Глусский and Глубокский, Столинский and Столбцовский; a
  listed district's key ends in LISTED, so two of them never match as prefixes;
- a town's key can equal a district's: Берёза (the centre of Берёзовский район) keys
  ``berez`` like Березинский. Only a name that reads as a district's (the word for
  district, or an adjective: "Березинский", "Бешанковіцкі") is taken for a listed
  district; a town's name keeps its plain key, which may match several districts.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from mapapp.text.normalize import area_key

DISTRICTS_CSV = Path(__file__).resolve().parents[2] / "data" / "geo" / "reference" / "districts.csv"

# Ends the key of a listed district (outside the key alphabet, and not a LIKE wildcard).
LISTED = "#"
# A key shorter than this ("Д") is the beginning of too many names to stand for one.
SHORTEST_PREFIX = 3

# "район", "раён", "р-н", "district", "rayon"; or an adjective's ending (-ский, -скі).
_READS_AS_DISTRICT = re.compile(
    r"(?:\b(?:район|раён|р-н|р-на|district|rayon|raion)\b|[кk](?:ий|і|и|iy|y|i)\b)\W*$",
    re.IGNORECASE,
)


@cache
def _listed() -> dict[str, tuple[str, str]]:
    """Area key of every name of a district (Russian, Belarusian, other Belarusian
    spellings) -> (its key, its Russian name)."""
    out: dict[str, tuple[str, str]] = {}
    with DISTRICTS_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            listed = (area_key(row["name_ru"]) + LISTED, row["name_ru"])
            for name in (row["name_ru"], row["name_be"], row["name_be_alt"]):
                if name:
                    out.setdefault(area_key(name), listed)
    return out


def district_key(text: str | None) -> str:
    """The key of a district's name: a listed district's, the same in Russian and
    Belarusian, where the text reads as a district's name; else its area key."""
    key = area_key(text)
    if key and _READS_AS_DISTRICT.search((text or "").strip()):
        listed = _listed().get(key)
        if listed:
            return listed[0]
    return key


def unlisted_district(text: str | None) -> bool:
    """Whether ``text`` is written as a district's name ("Оршанскй район") that none of
    the 118 districts has: a typo, or a district of another country."""
    if not text or not _READS_AS_DISTRICT.search(text.strip()):
        return False
    return bool(area_key(text)) and not district_key(text).endswith(LISTED)


def same_district(a: str, b: str) -> bool:
    """Whether two district keys (``district_key``) name one district: one is the
    beginning of the other (of three letters at least), unless both are listed."""
    if a == b:
        return True
    if a.endswith(LISTED) and b.endswith(LISTED):
        return False
    a, b = a.rstrip(LISTED), b.rstrip(LISTED)
    return min(len(a), len(b)) >= SHORTEST_PREFIX and (a.startswith(b) or b.startswith(a))


@cache
def _listed_names() -> dict[str, str]:
    return dict(_listed().values())


def listed_districts_matching(key: str) -> dict[str, str]:
    """The listed districts a key may name (key -> Russian name): itself when listed; for
    a town's key, every district it is a prefix of or begins with."""
    names = _listed_names()
    if key in names:
        return {key: names[key]}
    return {listed: name for listed, name in names.items() if same_district(key, listed)}
