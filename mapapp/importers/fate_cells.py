"""A person's fate as a register writes it ("убит", "умер от ран", "прапаў без вестак").

Words are matched at word starts, not as substrings: "гранаты" and "Раневичи" hold no
wound, "ранее" is no wound, "освобожден из плена", "не попал в плен" and "не ранен" are
no fate. A death takes in wounds or captivity only within one clause ("умер в плену от
ран"). A wound or captivity the cell names without a death is stored as that ("ранен":
wounded, "попал в плен": taken prisoner), never as a death the record does not state. A
wound beside another fate is a circumstance of it ("Погиб (ранее ранен)": killed;
"тяжело ранен, умер в госпитале": died; "ранен, попал в плен": taken prisoner). A cell
that names two fates ("убит / пропал без вести", "умер от ран, до этого был в плену") is
refused with both named: which one the record means is the archive's to say, not a guess.

Registers of irrecoverable losses (OBD, Books of Memory) also write a death in service
by how it came. Drowned ("утонул при переправе") is killed, as burnt is. A blast on a
mine or an accident ("подорвался на мине", "несчастный случай") is how a loss came:
beside a wound or a death the cell names, it is how that came ("ранен при подрыве на
мине": wounded; "подорвался на мине, умер от ран": died of wounds); alone, it is the
death those registers mean by it: killed. Words for what the app records no fate of
("застрелился", "бежал из плена", "осужден", "демобилизован") stay unknown.

The app's own fate labels, in each language it shows them in, are read back as their fates
and say no more than them ("Хабар-ошарсыз кетті", "Тұтқынға түскен", "Пакараны смерцю").
The Kazakh label of executed, "Жазаланған" (punished), is read so only as the whole cell:
_AS_THE_WHOLE_CELL.
"""

from __future__ import annotations

import re

from mapapp.models import FATES
from mapapp.text.kazakh_letters import kazakh_pattern

# The words that say a fate as its label does and nothing of how it came ("убит", "погиб",
# "казнён"; not "утонул", "замучен", "повешен"), in each language the importer reads. Each
# is read as a fate below (_WORDS), and a cell of these alone, in the phrases BARE_FATES
# makes of them, says no more than the fate's label: says_only_the_fate.
# A word learnt that says only its fate goes here, and so is both read and not repeated; a
# word of how the loss came (drowned, hanged, a camp) goes in _WORDS alone.
_PLAIN = {
    "wounds": [
        r"(?:по|па)?ранен(?:а|о|ы|ый|ая|ое|ого|ому|ым|ом|ые|ых|ыя|ага|аму)?",
        r"wound\w*",
        r"жаралан\w*",  # (kk) жараланды (was wounded), жараланған
    ],
    "captivity": [
        r"плен(?:а|у|е|ом|ен\w*|н\w*)?",  # плен, в плену, пленен, пленный
        r"палон(?:а|у|е|ам|н\w*)?",  # (be) у палоне
        r"captiv\w*",
        r"taken\s+prisoner",
        kazakh_pattern(r"тұтқында"),  # (kk) in captivity
        # (kk) тұтқынға түскен, тұтқынға түсті: was taken prisoner (the app's kk label of
        # "captured"). Only the affirmative forms: "түспеген", "түспеді" (was not taken) are
        # no fate, and "тұтқынға" (into captivity) alone says nothing happened.
        kazakh_pattern(r"тұтқынға\s+түс(?:ті|кен)"),
    ],
    "missing": [
        r"пропал(?:а|о|и)?",
        r"прапа(?:ў|ла|ло|лі)",  # (be) прапаў без вестак
        r"missing",
        r"хабарсыз",  # (kk) хабарсыз кетті
        # (kk) хабар-ошарсыз кетті, the app's kk label of "missing": the pair word with its
        # hyphen, so that "ошарсыз" alone stays no fate.
        r"хабар-ошарсыз",
    ],
    "killed": [r"убит\w*", r"killed", r"забіт\w*"],
    "wound_death": [
        r"(?:от|ад)\s+ран(?:ы|ений|ения|енняў|ення)?",
        kazakh_pattern(r"жарақат(?:тан|ынан)"),
        kazakh_pattern(r"жара(?:лар)?(?:дан|ынан)"),  # (kk) жаралардан қайтыс болды
        r"of\s+wounds",
    ],
    "executed": [
        r"расстрел\w*",  # расстрелян, расстреляли; погиб при расстреле
        r"казнен(?:а|ы|о)?",  # казнён
        r"казнил\w*",  # казнили
        r"расстраля(?:ны|на|ная|лі)",  # (be) расстраляны
        # (be) пакараны смерцю, "punished by death", the app's be label of "executed";
        # "пакараны" (punished) alone says no death and stays no fate.
        r"пакаран(?:ы|а|ыя)\s+смерцю",
        r"executed",
    ],
    "perished": [
        r"погиб\w*",
        r"загін(?:уў|ула|уло|улі|уўш\w*|улы\w*)",  # (be) загінуў; not загінаць (to bend)
        kazakh_pattern(r"қаза\s+тап\w*"),  # (kk) қаза тапты
    ],
    "died": [
        r"умер(?:ла|ло|ли|ш\w*)?",
        r"скончал\w*",
        r"died",
        r"памер(?:ла|ло|лі|лы\w*)?",  # (be) памёр, памерла
        kazakh_pattern(r"қайтыс\s+бол\w*"),  # (kk) қайтыс болды
    ],
}

# Words read as a fate only where they are the whole cell (case, spaces and a closing stop
# aside), never within a longer one. (kk) "Жазаланған" is the app's own Kazakh label of
# "executed", so a cell of that word alone is read back as it; but the word means
# "punished", which a register may write of a sentence, a penalty company or a camp term
# ("сотталып жазаланған": convicted and punished). Read inside a cell it would make any
# punishment an execution, so within a longer cell it is no word of a fate at all. These
# cells say no more than the label (says_only_the_fate).
_AS_THE_WHOLE_CELL = {
    "executed": [kazakh_pattern(r"жазаланған")],
}

# What a word says. The circumstances (wounds, captivity, missing) are fates of their
# own; "умер"/"погиб" with a circumstance is that circumstance ("умер от ран", "погиб в
# плену"). "Убит" is a death by the enemy's hand: with wounds it is a second fate.
# Kazakh words (kk) are read typed without the Kazakh letters too ("каза тапты",
# "туткында"), as lists typed on a Russian keyboard write them (text.kazakh_letters).
_WORDS = {
    "wounds": [
        *_PLAIN["wounds"],
        r"ран(?:ы|а|ам|ами|амі|ах)?",  # от ран, ад ран, раны
        r"ранени\w*",  # ранение, ранения
        r"раненн\w*",  # раненный; раненне, ранення (be)
        kazakh_pattern(r"жарақат(?:тан|ынан)"),  # (kk) from wounds
        kazakh_pattern(r"жара(?:лар)?(?:дан|ынан)"),  # (kk) from a wound, from wounds
        # Shell-shocked: a wound of war as the registers count them.
        r"контуз\w*",  # контузия, контузило
        r"контужен\w*",
        r"кантуз\w*",  # (be) кантузія
        r"кантужан\w*",  # (be) кантужаны
    ],
    "captivity": [
        *_PLAIN["captivity"],
        r"военнопленн\w*",
        r"ваеннапалонн\w*",
        r"(?:конц|канц)лагер\w*",  # погиб в концлагере; (be) у канцлагеры
        r"(?:шталаг|офлаг|stalag|oflag)\w*",  # a camp for prisoners of war
        r"в/пл\w*",  # в/пленный, в/пл: военнопленный
    ],
    "missing": _PLAIN["missing"],
    "killed": [
        *_PLAIN["killed"],
        # Burnt, by punitive forces or in a tank: "сожжён карателями", "сгорел в танке";
        # a death by the enemy's hand, not from wounds ("ранен и сгорел": killed).
        r"сожжен(?:а|о|ы|ный|ная|ные)?",
        r"сожгли",
        r"сгорел(?:а|о|и)?",
        r"спален(?:а|ы|о|ыя)",  # (be) спалены карнікамі
        r"спалілі",  # (be)
        r"згарэ(?:ў|ла|ло|лі)",  # (be) згарэў у танку
        kazakh_pattern(r"өрте(?:лді|лген)"),  # (kk) өртелді: was burnt
        # Drowned ("утонул при переправе"): a death in service, not from wounds; the
        # registers of losses write it as "погиб".
        r"утонул(?:а|о|и)?",
        r"утонувш\w*",  # утонувший, утонувшая
        r"утонув",
        r"(?:у|па)тану(?:ў|ла|ло|лі)",  # (be) утануў, патануў
        r"(?:у|па)тануўш\w*",  # (be) утануўшы
        r"drowned",
    ],
    # How a loss came, not what it was: a blast on a mine (he blew himself up, not a tank:
    # the reflexive or passive forms only) or an accident. Beside a wound or a death the
    # cell names, it is how that came; alone, it is the death registers of losses mean.
    "cause": [
        r"подорва(?:лся|лась|лись|вшись|вш\w+ся)",  # подорвался на мине
        r"подорван(?:а|ы|о)?",  # подорван на мине
        r"подрыв(?:е|а|ом)?(?=\s+на\s)",  # при подрыве на мине; not "подрыв моста"
        r"падарва(?:ўся|лася|ліся|ўшыся)",  # (be) падарваўся на міне
        r"падарван(?:ы|а)",  # (be)
        r"падры(?:ў|ве)(?=\s+на\s)",  # (be) пры падрыве на міне
        r"blown\s+up",
        r"несчастн\w*\s+случа\w*",  # несчастный случай, в результате несчастного случая
        r"(?:авиа|авто)?катастроф\w*",  # погиб при авиакатастрофе
        r"няшчасн\w*\s+выпад\w*",  # (be) няшчасны выпадак
        r"(?:авія|аўта)?катастроф\w*",  # (be) авіякатастрофа
        r"accident\w*",
    ],
    # A death from wounds written without a verb of dying, as a cause of death is: "от
    # ран", "смертельно ранен", (kk) "жарақаттан" (from wounds).
    "wound_death": [
        *_PLAIN["wound_death"],
        r"смертельн\w*\s+ранен\w*",
        r"ранен\w*\s+смертельн\w*",
        r"смяротна\s+паранен\w*",  # (be)
        r"mortally\s+wounded",
    ],
    # An injury, perhaps of an accident: alone it is a wound ("травмирован при несчастном
    # случае": wounded, no death); beside a death it says how he died, and is no wound of
    # war ("умер от травм": died, not died of wounds). See _injury_read.
    "injury": [
        r"травм\w*",  # травма, травмирован, от травм
        r"injur\w*",
    ],
    # Shot, hanged or put to death by the occupiers (partisans, hostages, prisoners).
    "executed": [
        *_PLAIN["executed"],
        r"повешен(?:а|ы|о)?",  # hanged: how
        r"повесил\w*",  # повесили
        r"павешан(?:ы|а)?",  # (be)
    ],
    "perished": [
        *_PLAIN["perished"],
        r"замуч[еа]н\w*",  # замучен в плену; (be) замучаны
    ],
    "died": _PLAIN["died"],
}
_WORD_OF = {
    kind: re.compile("(?<!\\w)(?:" + "|".join(words) + ")(?!\\w)") for kind, words in _WORDS.items()
}

# The word before that makes a word no fate: "не ранен", "без ранений"; and captivity
# one came out of ("освобожден из плена", "з палону").
_NOT = {"не", "ни", "без", "not", "never", "without"}
_OUT_OF = {"из", "с", "з", "from"}
_WAS = {"был", "была", "было", "были", "быў", "былі", "was", "were"}  # "не был ранен"
_INTO = {"в", "у", "into", "in"}  # "не попал в плен"
_NEGATING_A_VERB = {"не", "not", "never"}  # not "без": "пропал без вести в плену"
_WORD = re.compile(r"\w+")

# The fate a word names alone ("ранен", "попал в плен", "убит")...
_AS_FATE = {
    "wounds": "wounded",
    "captivity": "captured",
    "missing": "missing",
    "killed": "killed",
    "wound_death": "died_of_wounds",
    "executed": "executed",
    "perished": "killed",
    "died": "died",
    "cause": "killed",
}
# ... and the death a circumstance makes of "умер"/"погиб" in its clause ("умер от ран").
_DEATH_WITH = {"wounds": "died_of_wounds", "captivity": "died_in_captivity"}
# Which deaths a circumstance takes in ("умер от ран", "убит в плену").
_TAKES_IN = {
    "wounds": {"perished", "died", "wound_death"},
    "captivity": {"killed", "executed", "perished", "died", "wound_death", "cause"},
    "missing": set(),
}

# Where a clause ends: a ";", ",", bracket or full stop, but not the stop of a date
# ("умер 12.03.1942 от ран") nor of a place's abbreviation ("умер в г. Минске от ран").
_STOP = re.compile(r"[;,()]|(?<!\d)\.|\.(?!\d)")
_ABBREVIATED = re.compile(
    r"(?<![\w-])(?:г|гор|д|дер|с|п|пос|ст|х|м|в|обл|вобл|р-н|госп)$", re.IGNORECASE
)
# Which of two fates a refusal names first.
_NAMED_FIRST = (
    "killed", "executed", "died", "died_of_wounds", "died_in_captivity", "missing", "captured",
    "wounded",
)  # fmt: skip

UNKNOWN_FATE = (
    "unknown fate; use убит / умер от ран / пропал без вести / умер в плену / умер / "
    "расстрелян / ранен / попал в плен"
)
TWO_FATES = (
    "the cell names two fates, {first} ({first_words}) and {second} ({second_words}); "
    "write the one the record gives (убит / умер от ран / пропал без вести / умер в плену "
    "/ умер / расстрелян / ранен / попал в плен) and keep the rest in the biography"
)


def _words_before(text: str, start: int) -> list[str]:
    """The three words before ``start``, the nearer last (read in a window of the text
    before it, so that a long cell is not read again for each word in it)."""
    begin = max(0, start - 60)
    words = list(_WORD.finditer(text, begin, start))
    if begin and words and words[0].start() == begin:
        words = words[1:]  # perhaps the end of a longer word
    return [m.group() for m in words[-3:]]


def _counts(kind: str, text: str, start: int) -> bool:
    words = [None, None, None, *_words_before(text, start)]
    before = words[-2] if words[-1] in _WAS else words[-1]
    if before in _NOT:
        return False
    if kind != "captivity":
        return True
    # "застрелился, чтобы не попасть в плен", "не был в плену": captivity he escaped.
    return before not in _OUT_OF and not (words[-1] in _INTO and words[-3] in _NEGATING_A_VERB)


def named_fates(text: str) -> dict[str, list[str]]:
    """What the cell's words say (wounds, captivity ...) -> the words that say it."""
    lowered = text.lower().replace("ё", "е")
    shown = text if len(text) == len(lowered) else lowered  # the words as written
    named: dict[str, list[str]] = {}
    for kind, pattern in _WORD_OF.items():
        for m in pattern.finditer(lowered):
            if _counts(kind, lowered, m.start()):
                named.setdefault(kind, []).append(shown[m.start() : m.end()])
    return named


def _kinds_naming(fate: str) -> set[str]:
    """The kinds of word that name ``fate``: "ран" names both wounded and died of wounds."""
    return {k for k, f in (*_AS_FATE.items(), *_DEATH_WITH.items()) if f == fate}


def _two_fates(named: dict[str, list[str]], first: str, second: str) -> ValueError:
    def words(fate: str) -> str:
        kinds = _kinds_naming(fate)
        said = list(dict.fromkeys(w for k, ws in named.items() if k in kinds for w in ws))
        # "от ран" holds "ран": each word once, as short as it was found.
        said = [w for w in said if not any(o != w and o in w for o in said)]
        return ", ".join(map(repr, said[:3]))

    return ValueError(
        TWO_FATES.format(
            first=first, first_words=words(first), second=second, second_words=words(second)
        )
    )


_DEATH_WORDS = {"killed", "executed", "perished", "died", "wound_death"}


def _injury_read(named: dict[str, list[str]]) -> dict[str, list[str]]:
    """A clause's injury words as a wound where it names no death, else left out."""
    injury = named.pop("injury", None)
    if injury and not named.keys() & _DEATH_WORDS:
        named.setdefault("wounds", []).extend(injury)
    return named


def _clauses(text: str) -> list[str]:
    clauses, start = [], 0
    for stop in _STOP.finditer(text):
        abbreviation_at = max(start, stop.start() - 4)  # its longest: "госп"
        if stop.group() == "." and _ABBREVIATED.search(text, abbreviation_at, stop.start()):
            continue
        clauses.append(text[start : stop.start()])
        start = stop.end()
    return [*clauses, text[start:]]


def _cell_words(cell: str) -> str:
    """The cell's words as the bare checks compare them: in small letters, "ё" as "е", one
    space between words, no closing stop."""
    return " ".join(cell.lower().replace("ё", "е").split()).strip(_ENDS)


def _whole_cell_fate(words: str) -> str | None:
    """The fate of a cell (its _cell_words) that is one of the _AS_THE_WHOLE_CELL words
    alone, else None."""
    return next((fate for fate, p in _WHOLE_CELL_OF.items() if p.fullmatch(words)), None)


# English writes "not" into its verb ("wasn't taken prisoner"): the negation is read as
# "not", which a word split would part into "wasn" and "t".
_CONTRACTED_NOT = re.compile(r"n['’]t(?!\w)", re.IGNORECASE)


def parse_fate(text: str) -> str:
    value = text.strip().lower()
    if value in FATES:
        return value
    if whole := _whole_cell_fate(_cell_words(text)):  # "Жазаланған": _AS_THE_WHOLE_CELL
        return whole
    text = _CONTRACTED_NOT.sub(" not", text)
    # Each clause's fate, and the words that name it.
    said: dict[str, dict[str, list[str]]] = {}
    while_a_prisoner = False
    for clause in _clauses(text):
        if named := _injury_read(named_fates(clause)):
            fate = _clause_fate(named)
            kinds = _kinds_naming(fate)
            if named.keys() == {"cause"}:  # "подорвался на мине, тяжело ранен": see below
                fate = "cause"
            words = said.setdefault(fate, {})
            for kind, found in named.items():
                if kind in kinds:
                    words.setdefault(kind, []).extend(found)
            if "captivity" in named and _WHILE.search(clause.lower()):
                while_a_prisoner = True
    if not said:
        raise ValueError(UNKNOWN_FATE)
    # A clause naming only a blast or an accident: beside a wound or a death another
    # clause names, it is how that came ("подорвался на мине, тяжело ранен": wounded;
    # "погиб, подорвавшись на мине": killed); else it is the death itself.
    if "cause" in said:
        how = said.pop("cause")
        if not said.keys() & {"wounded", *_DEATHS}:
            for kind, found in how.items():
                said.setdefault("killed", {}).setdefault(kind, []).extend(found)
    # "Умер, находясь в плену", "военнопленный, умер": he was a prisoner when he died.
    deaths = set(said) & _DEATHS
    if while_a_prisoner and deaths and set(said) - {"captured"} <= _DEATHS:
        return "died_in_captivity"
    if "died_in_captivity" in said:  # "умер в плену, шталаг 352": where he was held
        said.pop("captured", None)
    if len(said) > 1:  # a wound beside another fate is a circumstance of it
        said.pop("wounded", None)
    if len(said) > 1:  # "погиб; в 1942 попадал в плен": clauses naming different fates
        first, second = sorted(said, key=_NAMED_FIRST.index)[:2]
        named = {}
        for fate in (first, second):
            for kind, found in said[fate].items():
                named.setdefault(kind, []).extend(found)
        raise _two_fates(named, first, second)
    return next(iter(said))


# A clause that says he was a prisoner at the time: "находясь в плену", "будучи в плену",
# "военнопленный" (a prisoner of war's status, as lists of the dead in camps write it).
_WHILE = re.compile(
    r"(?<!\w)(находясь|находившись|будучи|знаходзячыся|будучы|военнопленн\w*|ваеннапалонн\w*|"
    r"в/пл\w*)"
    r"(?!\w)"
)
_DEATHS = {"killed", "executed", "died", "died_of_wounds", "died_in_captivity"}
# The words beside which a blast or an accident in the same clause is how the fate came:
# a wound, or a death of its own.
_SAYS_HOW_IT_ENDED = {"wounds", "wound_death", "killed", "executed", "perished", "died"}


def _clause_fate(named: dict[str, list[str]]) -> str:
    """The fate one clause's words name: a death with wounds or captivity is that death; a
    wound beside captivity or a disappearance is a circumstance of it."""
    if "cause" in named and named.keys() & _SAYS_HOW_IT_ENDED:  # "ранен при подрыве на мине"
        named = {kind: words for kind, words in named.items() if kind != "cause"}
    circumstances = [k for k in ("wounds", "captivity", "missing") if k in named]
    deaths = [
        k for k in ("killed", "executed", "perished", "died", "wound_death", "cause") if k in named
    ]
    if "executed" in deaths:  # "погиб при расстреле": how he died
        deaths = [d for d in deaths if d not in ("perished", "died")]
    if len(circumstances) > 1 and "wounds" in circumstances:
        circumstances.remove("wounds")  # "умер в плену от ран", "раненым попал в плен"
    if len(circumstances) > 1:
        raise _two_fates(named, *(_AS_FATE[k] for k in circumstances[:2]))
    if circumstances:
        circumstance = circumstances[0]
        other = [d for d in deaths if d not in _TAKES_IN[circumstance]]
        if other and circumstance == "wounds":  # "ранен и убит": killed
            if any(d in _TAKES_IN["wounds"] for d in deaths):  # and "умер": died of wounds
                raise _two_fates(named, _AS_FATE[other[0]], "died_of_wounds")
            return _death_of(named, other)
        if other:
            raise _two_fates(named, _AS_FATE[other[0]], _AS_FATE[circumstance])
        if deaths:
            return _DEATH_WITH[circumstance]
        return _AS_FATE[circumstance]
    return _death_of(named, deaths)


def _death_of(named: dict[str, list[str]], deaths: list[str]) -> str:
    fates = sorted({_AS_FATE[d] for d in deaths}, key=FATES.index)
    if len(fates) > 1:
        raise _two_fates(named, *fates)
    return fates[0]


# A cell that says its fate as the label does and no more ("убит", "умер от ран", "қаза
# тапты", "пропал без вести."): the plain words above, alone or in the phrases the fates'
# labels are, in each language the importer reads (Kazakh also typed without its letters).
# A word more ("убит под Оршей", "умер от ран в госпитале") or a word of how the loss came
# ("утонул", "замучен", "повешен") says more than the label.
def _plain(*kinds: str) -> str:
    return "(?:" + "|".join(word for kind in kinds for word in _PLAIN[kind]) + ")"


_DYING = _plain("died", "perished")
BARE_FATES = {
    "killed": [rf"{_plain('killed', 'perished')}(?:\s+in\s+action)?"],
    # умер от ран, погиб от ран, загінуў ад ран, жарақаттан қайтыс болды
    "died_of_wounds": [rf"(?:{_DYING}\s+)?{_plain('wound_death')}(?:\s+{_DYING})?"],
    "missing": [
        # пропал без вести (б/в, as lists of losses abbreviate it), прапаў без вестак,
        # хабарсыз кетті, missing in action
        rf"{_plain('missing')}(?:\s+(?:без\s+вести|б/в|без\s+вестак|in\s+action|"
        + kazakh_pattern("кетті")
        + "))?"
    ],
    "died_in_captivity": [
        rf"{_DYING}\s+(?:в|у|in)\s+{_plain('captivity')}",  # умер в плену, загінуў у палоне
        rf"{_plain('captivity')}\s+{_DYING}",  # (kk) тұтқында қайтыс болды, тұтқында қаза тапты
    ],
    "died": [_plain("died")],
    "wounded": [_plain("wounds")],
    # попал в плен, взят в плен, (be) трапіў у палон, taken prisoner (the code "captured"
    # is one of FATES)
    "captured": [
        rf"(?:(?:попал(?:а|и)?|взят(?:а|ы)?|трапі(?:ў|ла|лі))\s+(?:в|у)\s+)?{_plain('captivity')}",
    ],
    "executed": [_plain("executed")],
}
_BARE_OF = {fate: re.compile("|".join(phrases)) for fate, phrases in BARE_FATES.items()}
_WHOLE_CELL_OF = {fate: re.compile("|".join(ws)) for fate, ws in _AS_THE_WHOLE_CELL.items()}
_ENDS = " \t\n.,;:!"


def says_only_the_fate(cell: str, fate: str) -> bool:
    """Whether ``cell`` says ``fate`` in its label's words and no more: its code, or the
    plain words of it alone, or a word it is read by only as the whole cell (case, "ё",
    spaces and a closing stop aside). Whether the cell gives that fate at all is
    parse_fate's to say."""
    words = _cell_words(cell)
    return (
        words in FATES
        or (fate in _BARE_OF and bool(_BARE_OF[fate].fullmatch(words)))
        or _whole_cell_fate(words) == fate
    )
