"""Awards, the Hero decree date, the feat and the partisan formation of one person row.

Pure functions: they read the cleaned cells of a row and return what to store, or the
problems that keep the row out. "Герой Советского Союза" among the awards makes the
person a Hero; every other award (orders, "полный кавалер ордена Славы", medals) is kept
as written. Several awards are separated by ";", and so are several decree dates, which
go to the Hero titles in the order both are listed (a twice Hero has two). "Дважды Герой
Советского Союза" (Belarusian "Двойчы …", Kazakh "Екі мәрте …", typed without the Kazakh
letters too: "Еки марте …") is two Hero titles, "Трижды" ("Тройчы", "Үш мәрте", "Уш
марте") three, each stored as the title without that word; fewer dates than such titles
go to the first of them, with a warning, and none is made up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from mapapp.importers.values import only_dashes, parse_flag
from mapapp.text.dates import parse_partial_date
from mapapp.text.kazakh_letters import kazakh_pattern, kazakh_spellings

HERO_TITLE = "Герой Советского Союза"
MAX_AWARDS = 40
MAX_TITLE_CHARS = 300
MAX_NAME_CHARS = 300
FIRST_DECREE_YEAR = 1934  # the title was created on 16 April 1934


@dataclass
class AwardFields:
    """What a row says about awards and formations: record fields, or problems."""

    awards: list[dict] = field(default_factory=list)
    brigade: str | None = None
    detachment: str | None = None
    # (field name, reason, value) for each problem; the caller names the column.
    problems: list[tuple[str, str, str | None]] = field(default_factory=list)
    # The same for what the row is stored with but a person should look at.
    warnings: list[tuple[str, str, str | None]] = field(default_factory=list)

    @property
    def is_hero(self) -> bool:
        return any(a["is_hero_title"] for a in self.awards)

    @property
    def is_partisan(self) -> bool:
        return bool(self.brigade or self.detachment)


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def is_hero_title(title: str) -> bool:
    """True for the title Hero of the Soviet Union, however it is spaced or cased.

    >>> is_hero_title("Герой  Советского союза")
    True
    >>> is_hero_title("Герой Социалистического Труда")
    False
    >>> is_hero_title("Г.С.С.")
    True
    >>> is_hero_title("Представлен к званию Герой Советского Союза")
    False
    """
    folded = _fold(title)
    if folded.replace(".", "").replace(" ", "") == "гсс":  # the usual abbreviation
        return True
    found = _HERO_TITLE.search(folded)  # the first title the text names
    at = found.start() if found else -1
    # "Представлен к званию Герой Советского Союза": a nomination, said before the title
    # (after it, "..., представлен к ордену Ленина" is of another award); after it, "(не
    # присвоено)", "- отказано", "(представлен)" say the title was not given.
    return at >= 0 and not _NOMINATION.search(folded[:at]) and not _NOT_GIVEN.search(folded[at:])


# The title in Russian, Belarusian and Kazakh; the Kazakh one typed without the Kazakh
# letters too ("Кенес Одагынын Батыры": text.kazakh_letters).
_HERO_TITLE = re.compile(
    "|".join(
        [
            *(
                re.escape(_fold(t))
                for t in (
                    HERO_TITLE,
                    # "Звание Героя ... присвоено"; not the Gold Star medal "... Героя
                    # Советского Союза", listed beside the title it comes with.
                    "Звание Героя Советского Союза",
                    "Герой Савецкага Саюза",
                    "Званне Героя Савецкага Саюза",
                )
            ),
            kazakh_pattern(_fold("Кеңес Одағының Батыры")),
        ]
    )
)
_NOT_GIVEN = re.compile(r"не присвоен|не прысвоен|отказ|адмоў|не утвержд|\(\s*представлен")
# A nomination is not the title: Pamyat Naroda writes "Представлен к: Герой ...".
_NOMINATION = re.compile(r"представл|наградн\w* лист|к званию|к присвоению|прадстаўл")


def split_list(text: str | None) -> list[str]:
    """The items of a ";"-separated cell, stripped, empty ones left out.

    >>> split_list("Орден Ленина; ;Медаль «За отвагу»")
    ['Орден Ленина', 'Медаль «За отвагу»']
    """
    if not text:
        return []
    items, depth, item = [], 0, []
    for char in text:  # not inside brackets: "(представлен; не присвоено)" is one item
        depth += (char in "([«") - (char in ")]»")
        if char == ";" and depth <= 0:
            items.append("".join(item))
            item = []
        else:
            item.append(char)
    items.append("".join(item))
    return [i.strip() for i in items if i.strip()]


def parse_decree_dates(text: str | None) -> list[tuple[int, int | None, int | None]]:
    """Decree dates, ";"-separated, each a partial date no earlier than 1934."""
    dates = []
    for item in split_list(text):
        year, month, day = parse_partial_date(item)
        if year < FIRST_DECREE_YEAR:
            raise ValueError(f"{item!r} is before the title existed (1934)")
        dates.append((year, month, day))
    return dates


# A cell saying there are none: no award (the cell as read keeps it).
_NO_AWARDS = {
    "нет", "не награждался", "не награждалась", "не награжден", "не награждён",
    "не награждена", "н/д", "нет данных", "не известно", "неизвестно", "няма",
    "нет сведений", "нет наград", "наград нет",
}  # fmt: skip


def parse_awards(text: str | None) -> list[dict]:
    """The awards of a cell in order, each marked whether it is the Hero title. A dash or
    a word saying there are none is no award."""
    if text is None or only_dashes(text.strip()) or _fold(text).rstrip(".") in _NO_AWARDS:
        return []
    titles = [one for item in split_list(text) for one in _titles_of(item)]
    if len(titles) > MAX_AWARDS:
        raise ValueError(f"more than {MAX_AWARDS} awards in one cell")
    for title in titles:
        if len(title) > MAX_TITLE_CHARS:
            raise ValueError(f"an award longer than {MAX_TITLE_CHARS} characters")
        if not any(ch.isalpha() for ch in title) or _is_a_date(title):
            raise ValueError(
                f"{title!r} is no award (a date or a number?): a decree's date goes in the "
                "award date column"
            )
    awards = [
        {"position": n, "title": t, "is_hero_title": is_hero_title(t)}
        for n, t in enumerate(titles, start=1)
    ]
    if not any(a["is_hero_title"] for a in awards):
        # The Hero's own medal listed without the title says the title; beside it, it is
        # the same title's medal, and counts once.
        for award in awards:
            award["is_hero_title"] = _is_hero_gold_star(award["title"])
    return awards


# "Медаль «Золотая Звезда» Героя Советского Союза" (Belarusian "Залатая Зорка"). A Gold
# Star that does not name the Soviet title may be a Hero of Russia's, or Kazakhstan's
# "Алтын Жұлдыз" of the Халық Қаһарманы: never read as the Soviet title.
_GOLD_STAR = re.compile(r"золот\w* звезд|залат\w* зорк")
_OF_THE_HERO = re.compile(r"героя советского союза|героя савецкага саюза")


def _is_hero_gold_star(title: str) -> bool:
    folded = " ".join(_fold(title).translate(_QUOTES).split())
    return bool(
        _GOLD_STAR.search(folded)
        and _OF_THE_HERO.search(folded)
        and not _NOMINATION.search(folded)
        and not _NOT_GIVEN.search(folded)
    )


_QUOTES = str.maketrans(dict.fromkeys("«»\"'“”„", " "))


# "Дважды Герой Советского Союза": the title twice (Belarusian "двойчы", Kazakh "екі мәрте"
# or "екі рет"), "трижды" three times. The Kazakh words typed without the Kazakh letters
# too: "Еки марте", "Уш марте" (text.kazakh_letters).
_TIMES = re.compile(
    r"(дважды|двойчы|трижды|тройчы|" + kazakh_pattern(r"(?:екі|үш)\s+(?:мәрте|рет)") + r")\s+"
)
_TIMES_COUNT = {
    "дважды": 2, "двойчы": 2, "трижды": 3, "тройчы": 3,
    **dict.fromkeys(kazakh_spellings("екі"), 2), **dict.fromkeys(kazakh_spellings("үш"), 3),
}  # fmt: skip


def _titles_of(item: str) -> list[str]:
    """The Hero titles an award says, one per title, without the word saying how many
    ("Дважды Герой Советского Союза": two "Герой Советского Союза"); any other award,
    a nomination among them ("Дважды представлен к званию …"), as written.

    >>> _titles_of("Дважды Герой Советского Союза")
    ['Герой Советского Союза', 'Герой Советского Союза']
    >>> _titles_of("Трижды Герой Социалистического Труда")
    ['Трижды Герой Социалистического Труда']
    """
    times = _TIMES.match(item.lower())
    rest = item[times.end() :] if times else ""
    if not times or not is_hero_title(rest):
        return [item]
    return [rest] * _TIMES_COUNT[times[1].split()[0]]


# Quotes and the number sign separate words (NFKC would spell "№" as "No"); stress
# marks (combining acute and grave accents) are left out, as they would split a word.
_SEPARATORS = str.maketrans({**dict.fromkeys("«»\"'“”„‘’`№", " "), "\u0301": "", "\u0300": ""})


def unit_key(name: str | None) -> str | None:
    """A formation's identity as a name: case, quotes, "ё" and punctuation folded; every
    letter and every digit kept, so that two formations whose names differ in a number
    or a letter stay two (a spelling that may name the same one is for a person to
    join, never the importer).

    >>> unit_key("бригада «Дядя Коля»") == unit_key('Бригада "дядя коля"')
    True
    >>> unit_key("1373-й стрелковый полк") == unit_key("1375-й стрелковый полк")
    False
    >>> unit_key("1373й Ива\u0301новский полк")
    '1373 й ивановский полк'
    """
    if not name:
        return None
    text = name.translate(_SEPARATORS)
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return " ".join(re.findall(r"\d+|[^\W\d_]+", text)) or None


def _formation_name(f: dict, name: str, out: AwardFields) -> str | None:
    value = f.get(name)
    if value is not None and len(value) > MAX_NAME_CHARS:
        out.problems.append((name, f"longer than {MAX_NAME_CHARS} characters", value))
        return None
    if value is not None and unit_key(value) is None:
        out.problems.append((name, "the name has no letters or digits", value))
        return None
    return value


def _is_a_date(text: str) -> bool:
    """ "22.06.1944 г.", "1944 г.": a date with the year's mark, which has letters."""
    try:
        return parse_partial_date(text) != (None, None, None)
    except ValueError:
        return False


def _says_no(cell: str | None) -> bool:
    try:
        return cell is not None and parse_flag(cell) is False
    except ValueError:  # not a yes or no: refused as such by the flag's own check
        return False


def check_award_fields(f: dict) -> AwardFields:
    """Check the award and formation cells of one row (``f``: field -> cleaned text)."""
    out = AwardFields()
    try:
        out.awards = parse_awards(f.get("awards"))
    except ValueError as exc:
        out.problems.append(("awards", str(exc), f.get("awards")))
    try:
        dates = parse_decree_dates(f.get("award_date"))
    except ValueError as exc:
        out.problems.append(("award_date", str(exc), f.get("award_date")))
        dates = []
    heroes = [a for a in out.awards if a["is_hero_title"]]
    if dates and len(dates) > len(heroes):
        out.problems.append(
            (
                "award_date",
                f"{len(dates)} decree date(s) but {len(heroes)} title(s) "
                f"«{HERO_TITLE}» among the awards",
                f.get("award_date"),
            )
        )
    elif 0 < len(dates) < len(heroes):
        # Which titles the dates are of is not said: in order, as they are listed.
        out.warnings.append(
            (
                "award_date",
                f"{len(dates)} decree date(s) for {len(heroes)} titles «{HERO_TITLE}»: "
                "stored as the first title's date (in order); if a date is of a later "
                "title, give every title's date, ';'-separated",
                f.get("award_date"),
            )
        )
    if heroes and _says_no(f.get("is_hero")):
        out.problems.append(
            (
                "is_hero",
                f"says no, but the awards name «{HERO_TITLE}»: which is right is for a "
                "person to say; correct the file",
                f.get("is_hero"),
            )
        )
    for award, (year, month, day) in zip(heroes, dates, strict=False):
        award.update(date_year=year, date_month=month, date_day=day)
    feat = f.get("feat")
    if feat:
        # The feat is what the (first) Hero title was given for; without one, the award.
        holder = heroes[0] if heroes else (out.awards[0] if out.awards else None)
        if holder is None:
            out.problems.append(("feat", "a feat is given but no award", feat))
        else:
            holder["feat"] = feat
    for award in out.awards:
        for key in ("date_year", "date_month", "date_day", "feat"):
            award.setdefault(key, None)
    out.brigade = _formation_name(f, "brigade", out)
    out.detachment = _formation_name(f, "detachment", out)
    return out
