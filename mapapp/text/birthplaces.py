"""The home country and oblast a birthplace names, where it names them unmistakably.

OBD Memorial cards write a soldier's birthplace as one text, the republic first:
"Казахская ССР, Карагандинская обл., Каркаралинский р-н". Its parts (between commas,
semicolons or brackets) are read:
- a part that is a Soviet republic's name, or its present country's, names that country
  ("Казахская ССР", "Казахская С.С.Р.", "КазССР", "Каз. ССР", "Kazakh SSR", "Казахстан",
  "Қазақстан"). Only the Central Asian republics are read, whose borders were drawn by
  1936 and are their countries' today; the others are left alone (the RSFSR held Crimea
  until 1954, the Byelorussian SSR the Białystok oblast until 1945, the Baltic republics
  lands now Russian). A country is stored by its Russian name, as the registers write it;
- a part that is an oblast's name and the word for oblast ("Карагандинская обл.",
  "Акмолинская область", "Карагандинской обл.", "Қарағанды облысы") names the oblast,
  kept as written.
A text naming two countries or two oblasts names none.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SSR = r"(?:с\.?\s*с\.?\s*р\.?|советская\s+социалистическая\s+республика|кср|s\.?\s*s\.?\s*r\.?)"


def _republic(adjectives: str, names: str) -> re.Pattern:
    """A republic: its adjective (full, genitive or shortened) and SSR, or a name."""
    return re.compile(rf"(?:(?:{adjectives})\s*{_SSR}|{names})(?!\w)", re.IGNORECASE)


# The country's Russian name -> the spellings of its republic and of itself.
COUNTRIES = {
    "Казахстан": _republic(
        r"казахск(?:ая|ой|\.)?|каз\.?|kazakh?|қазақ",
        r"(?:республика\s+)?казахстан|(?:republic\s+of\s+)?kazakhstan"
        r"|қазақстан(?:\s+республикасы)?",
    ),
    "Узбекистан": _republic(
        r"узбекск(?:ая|ой|\.)?|узб?\.?|uzbek", r"(?:республика\s+)?узбекистан|uzbekistan"
    ),
    "Кыргызстан": _republic(
        r"киргизск(?:ая|ой|\.)?|кирг\.?|kirghiz|kyrgyz", r"киргизия|кыргызстан|kyrgyzstan"
    ),
    "Таджикистан": _republic(
        r"таджикск(?:ая|ой|\.)?|тадж\.?|tajik|tadzhik",
        r"(?:республика\s+)?таджикистан|tajikistan",
    ),
    "Туркменистан": _republic(
        r"туркменск(?:ая|ой|\.)?|туркм\.?|turkmen", r"туркмения|туркменистан|turkmenistan"
    ),
}
# An oblast (or krai): its name, of one or two words, and the word for oblast after it
# ("Карагандинская обл.", "Караганд.обл.", "Северо-Казахстанской области").
_OBLAST_WORD = r"(?:обл\.?|област[ьи]|облысы|oblast|region|кра[йя])(?!\w)"
_OBLAST = re.compile(rf"[^\W\d_][\w.\-]*(?:\s+[^\W\d_][\w.\-]*)?\s*{_OBLAST_WORD}", re.IGNORECASE)
_ANY_OBLAST_WORD = re.compile(_OBLAST_WORD, re.IGNORECASE)
_PARTS = re.compile(r"[,;()]")
# Two oblasts, or a second one written in a part after the first ("... обл. ныне ...").
_TWICE = object()


@lru_cache(maxsize=100_000)
def birthplace_origin(text: str | None) -> tuple[str | None, str | None]:
    """(home country, oblast as written) that ``text`` names; None for either it does
    not name, or names twice over (two countries, two oblasts)."""
    if not text:
        return None, None
    countries: set[str] = set()
    oblasts: set = set()
    for part in _PARTS.split(text):
        rest = part.strip()
        # A part reads from its start: a republic, then an oblast, then anything else
        # (a district, a village): "Казахская ССР Карагандинская обл. Каркаралинский р-н".
        for name, pattern in COUNTRIES.items():
            if found := pattern.match(rest):
                countries.add(name)
                rest = rest[found.end() :].lstrip(" .")
                break
        if found := _OBLAST.match(rest):
            oblasts.add(found.group())
            rest = rest[found.end() :]
        if _ANY_OBLAST_WORD.search(rest):
            oblasts.add(_TWICE)
    return (
        next(iter(countries)) if len(countries) == 1 else None,
        next(iter(oblasts)) if len(oblasts) == 1 and _TWICE not in oblasts else None,
    )
