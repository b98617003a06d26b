"""The 118 districts of Belarus by their official Russian and Belarusian names
(data/geo/reference/districts.csv, each name with its source).

District names are compared by area key, as prefixes ("Дубровно" names Дубровенский
район). Two things a key alone gets wrong are set right here:
- the two languages spell a district differently: "Витебский район" keys ``viteb``,
  "Віцебскі раён" ``viqeb``; ``district_key`` gives a Belarusian name its Russian
  name's key, so OBD lists (Russian) meet the register (Belarusian);
- one district's key can be the beginning of another's: Березинский (``berez``) and
  Берёзовский (``berezav``), Глусский and Глубокский, Столинский and Столбцовский;
  two different districts of the list never match as prefixes (``same_district``).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from mapapp.text.normalize import area_key

DISTRICTS_CSV = Path(__file__).resolve().parents[2] / "data" / "geo" / "reference" / "districts.csv"


@cache
def _russian_key_of() -> dict[str, str]:
    """Area key of every name of a district (Russian, Belarusian, other Belarusian
    spellings) -> the key of its Russian name."""
    out: dict[str, str] = {}
    with DISTRICTS_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            russian = area_key(row["name_ru"])
            for name in (row["name_ru"], row["name_be"], row["name_be_alt"]):
                if name:
                    out.setdefault(area_key(name), russian)
    return out


def district_key(text: str | None) -> str:
    """The area key of a district's name, the same in Russian and Belarusian."""
    key = area_key(text)
    return _russian_key_of().get(key, key)


@cache
def known_district_keys() -> frozenset[str]:
    return frozenset(_russian_key_of().values())


# A key shorter than this ("Д") is the beginning of too many names to stand for one.
SHORTEST_PREFIX = 3


def same_district(a: str, b: str) -> bool:
    """Whether two district keys (``district_key``) name one district: one is the
    beginning of the other (of three letters at least), unless they are two districts
    of the list."""
    if a == b:
        return True
    if min(len(a), len(b)) < SHORTEST_PREFIX or not (a.startswith(b) or b.startswith(a)):
        return False
    known = known_district_keys()
    return not (a in known and b in known)


_KEY = re.compile(r"[a-z ]+")


@cache
def known_districts_sql() -> str:
    """The known district keys as an SQL array literal. The keys are made of the key
    alphabet (a-z and spaces, checked here), so the literal needs no escaping."""
    keys = sorted(known_district_keys())
    if not all(_KEY.fullmatch(k) for k in keys):
        raise ValueError("a district key outside the key alphabet")
    return "ARRAY[" + ", ".join(f"'{k}'" for k in keys) + "]::text[]"
