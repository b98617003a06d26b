"""A site's kind as a register writes it ("Братская могила", "Вайсковыя могілкі").

The kind is what the cell's head phrase names, before a bracket, a comma or a "на"/"у":
"Братская могила на гражданском кладбище" and "Братская могила (перенесена на воинское
кладбище)" are mass graves. Words are matched at word starts, not as substrings. A
cemetery is a military one only where it says so (воинское, военное, вайсковыя,
братское) or names soldiers (воинов, солдат, бойцов, воінаў, салдат); a village cemetery
is none of the kinds a site has, and is refused.
"""

from __future__ import annotations

import re

KINDS = ("mass_grave", "individual_grave", "military_cemetery", "memorial")
_GRAVES = ("individual_grave", "military_cemetery", "mass_grave")
_CIVIL_CEMETERY = "civil_cemetery"  # named, but no kind of ours


def _words(*stems: str) -> re.Pattern:
    return re.compile("(?<!\\w)(?:" + "|".join(stems) + ")")


_INDIVIDUAL = _words("индивидуальн", "індывідуальн", "одиночн", "адзіночн", "individual")
_CEMETERY = r"(?:кладбищ|могілк|cemeter)\w*"
# Брацкія могілкі, братское кладбище: the fraternal cemetery of the state lists.
_FRATERNAL_CEMETERY = re.compile(r"(?<!\w)(?:братск|брацк)\w*\s+" + _CEMETERY)
_MASS = re.compile(r"(?<!\w)(?:братск\w*|брацк\w*|mass)(?!\w)")
_CEMETERY_WORD = re.compile(r"(?<!\w)" + _CEMETERY)
# A cemetery of soldiers is a military one ("Кладбище советских воинов", "... солдат",
# "Могілкі савецкіх воінаў"). The words are read only in the forms "of soldiers" takes
# (воинов, солдат, бойцов), so that a village named Бойцы or Солдатово names none.
_SOLDIERS = (
    r"(?:воин|бойц)(?:ов|ам)(?!\w)", r"солдат(?:ов|ам)?(?!\w)", r"(?:воін|салдат)(?:аў|ам)(?!\w)",
    r"салдат(?!\w)", r"soldiers?(?:'|(?!\w))",
)  # fmt: skip
_MILITARY = _words("воинск", "военн", "вайсков", "ваенн", "war(?!\\w)", "military", *_SOLDIERS)
_MEMORIAL = _words("мемориал", "мемарыял", "памятник", "помнік", "memorial")

# Where the head phrase ends: a bracket, a comma, a dash, or a word of place.
_PHRASE_END = re.compile(
    r"[()\[\],;:—–]|\s-\s|(?<!\w)(?:на|в|во|у|ў|возле|около|близ|при|рядом|под|за|каля|ля"
    r"|пры|побач|on|in|at|near)(?!\w)"
)

UNKNOWN_KIND = (
    "unknown kind; use mass grave / individual grave / military cemetery / memorial "
    "(or Братская могила, Индивидуальная могила, Воинское кладбище, Мемориал)"
)
CIVIL_CEMETERY = (
    "a cemetery not named a military one (воинское, военное, вайсковыя) is none of the "
    "kinds a site has; write what lies there: Братская могила, Индивидуальная могила, "
    "Воинское кладбище or Мемориал"
)


def phrase_kind(phrase: str) -> str | None:
    """The kind one phrase names (a grave before a cemetery, a cemetery before a
    memorial); "civil_cemetery" for a cemetery not named a military one."""
    if _INDIVIDUAL.search(phrase):
        return "individual_grave"
    if _FRATERNAL_CEMETERY.search(phrase):
        return "military_cemetery"
    if _MASS.search(phrase):
        return "mass_grave"
    if _CEMETERY_WORD.search(phrase):
        return "military_cemetery" if _MILITARY.search(phrase) else _CIVIL_CEMETERY
    if _MEMORIAL.search(phrase):
        return "memorial"
    return None


def parse_site_kind(text: str) -> str:
    value = text.strip().lower().replace(" ", "_")
    if value in KINDS:
        return value
    phrases = [p for p in _PHRASE_END.split(text.lower().replace("ё", "е")) if p.strip()]
    named = [kind for kind in map(phrase_kind, phrases) if kind]
    # The first grave named: the head phrase's ("Братская могила на воинском кладбище");
    # else one named further on ("Памятник на братской могиле", "Захоронение на воинском
    # кладбище"); else a memorial.
    for kind in named:
        if kind in _GRAVES:
            return kind
    if "memorial" in named:
        return "memorial"
    raise ValueError(CIVIL_CEMETERY if _CIVIL_CEMETERY in named else UNKNOWN_KIND)
