"""Search keys for names written in any script.

One soldier may be written Жақсылықов (Kazakh), Жаксылыков (a Russian archive card),
Жаксылыкаў (a Belarusian plaque), Zhaksylykov, Zhaxylykov or Jaksylykov (Latin).
``search_key`` maps all of them to one phonetic key, ``zhaksilikav`` style but with
one letter per sound, so that trigram similarity in PostgreSQL can compare them and
tolerate the typos that remain.

The key alphabet: lower-case Latin a-z where five letters stand for one sound each:
``j`` = ж, ``h`` = х, ``c`` = ч, ``w`` = ш/щ, ``q`` = ц. The steps:

1. Cyrillic (Russian, Belarusian, Kazakh, Ukrainian letters) to the key alphabet.
2. Latin spellings (passport/ICAO, BGN/PCGN, GOST, Kazakh Latin 2017/2018/2021, and
   informal ones: x for кс, j or zh for ж, h or kh for х) to the same alphabet.
3. Soften what differs between scripts and spellings of the same sound:
   y/й/ы -> i, "ie"/"io" -> e (Ye-/Yo- spellings of е/ё), o -> a (Belarusian akanye:
   Шуховцы / Шухаўцы), doubled letters -> one.

Before that, a word that mixes scripts is read in the script most of its letters are in:
Latin letters that look like Cyrillic ones (a, c, e, o, p, x, y, B, H, K, M, T) typed
in a Cyrillic word become those Cyrillic letters, and back; digits that OCR reads for
letters (0, 3, 6) inside a word become the letters.

The functions are pure, and the importer and the search both call them, so that the
stored keys and the query keys always agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from mapapp.text.kazakh_letters import kazakh_pattern

# Cyrillic letters map to key letters; capitals are placeholders for the five
# one-letter sounds (J, H, C, W, Q) so that the Latin rules leave them alone.
_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "ґ": "g", "д": "d",
    "е": "e", "ё": "e", "є": "e", "э": "e", "ж": "J", "з": "z", "и": "i", "і": "i",
    "ї": "i", "й": "i", "ы": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ў": "v", "ф": "f", "х": "H", "һ": "H", "ц": "Q", "ч": "C",
    "ш": "W", "щ": "W", "ъ": "", "ь": "", "ю": "iu", "я": "ia",
}  # fmt: skip

# Latin letters of the Kazakh alphabets (2018 acute forms, 2021 forms) and others
# whose plain-letter fold would be wrong.
_LATIN_SPECIAL = {
    "ý": "u", "ı": "i", "ş": "W", "ç": "C", "ğ": "g", "ñ": "n", "ä": "a", "ö": "o",
    "ü": "u", "ū": "u", "ǵ": "g", "ń": "n", "ž": "J", "ż": "J", "š": "W", "č": "C",
}  # fmt: skip

# "j" next to a consonant and a vowel (Semjonov, Fjodor) or closing a syllable (Coj)
# is й; elsewhere, as in Kazakh Latin, it is ж.
_J_AS_I = re.compile(r"(?<=[bdfgklmnprstvz])j(?=[aeiou])|(?<=[aeiou])j(?![aeiou])")

# Order matters: longer spellings first; capitals are placeholders for key letters
# so that a later rule cannot take them apart again.
_LATIN_RULES = [
    ("s'", "W"), ("c'", "C"),  # Kazakh Latin 2017
    ("q", "k"), ("w", "v"), ("x", "ks"), ("y", "i"),
    ("shch", "W"), ("sch", "W"), ("tch", "C"),
    ("zh", "J"), ("kh", "H"), ("ch", "C"), ("sh", "W"), ("ts", "Q"), ("tz", "Q"),
    ("c", "Q"), ("j", "J"), ("h", "H"),
]  # fmt: skip

_NOT_KEY = re.compile(r"[^a-z ]+")
_DOUBLES = re.compile(r"([a-z])\1+")
_SPACES = re.compile(r"\s+")


# Letters that look alike in the two scripts, Latin first, and the OCR digits.
_LOOKALIKES_LATIN = "AaBCcEeHIiKkMOoPpTXxYy"
_LOOKALIKES_CYRILLIC = "АаВСсЕеНІіКкМОоРрТХхУу"
_TO_CYRILLIC = str.maketrans(_LOOKALIKES_LATIN + "036", _LOOKALIKES_CYRILLIC + "озб")
_TO_LATIN = str.maketrans(_LOOKALIKES_CYRILLIC + "0", _LOOKALIKES_LATIN + "o")
_WORD = re.compile(r"[^\W_]+")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _one_script(match: re.Match) -> str:
    word = match.group()
    cyrillic = len(_CYRILLIC_LETTER.findall(word))
    latin = len(_LATIN_LETTER.findall(word))
    if not cyrillic and not latin:
        return word
    if cyrillic and latin or any(ch.isdigit() for ch in word):
        return word.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)
    return word


def fold_lookalikes(text: str) -> str:
    """Each word in one script: 'Cepикенов' (Latin C, e, p) -> 'Серикенов',
    'Аkhmetov' (Cyrillic А) -> 'Akhmetov', 'Ka3aков' -> 'Казаков'."""
    return _WORD.sub(_one_script, text)


def cyrillic_lookalike_reading(word: str) -> str | None:
    """A Latin word made only of letters that look Cyrillic ('AXMETOB', 'Pomah' is not),
    read as the Cyrillic word it looks like; None otherwise."""
    if len(word) < 3 or not all(ch in _LOOKALIKES_LATIN for ch in word):
        return None
    return word.translate(_TO_CYRILLIC)


def _cyrillic_to_key(text: str) -> str:
    return "".join(_CYRILLIC.get(ch, ch) for ch in text)


def _latin_to_key(text: str) -> str:
    text = text.replace("šč", "W")
    text = "".join(_LATIN_SPECIAL.get(ch, ch) for ch in text)
    text = _J_AS_I.sub("i", text)
    for source, target in _LATIN_RULES[:2]:
        text = text.replace(source, target)
    # Strip accents (á, ó, ú ...) but keep the placeholders (capitals) as they are.
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    for source, target in _LATIN_RULES[2:]:
        text = text.replace(source, target)
    return text.lower()


def search_key(text: str | None) -> str:
    """The phonetic search key of a name or a phrase, words separated by one space.

    >>> search_key("Жақсылықов") == search_key("Zhaxylykov") == search_key("Жаксылыкаў")
    True
    >>> search_key("Шуховцы") == search_key("Шухаўцы") == search_key("Shukhovtsy")
    True
    """
    if not text:
        return ""
    text = fold_lookalikes(unicodedata.normalize("NFC", text)).lower()
    text = text.replace("'", "'").replace("ʼ", "'")
    text = _latin_to_key(_cyrillic_to_key(text))
    text = _NOT_KEY.sub(" ", text)
    words = [_softened(word) for word in text.split()]
    return _SPACES.sub(" ", " ".join(w for w in words if w)).strip()


def _softened(word: str) -> str:
    """Step 3 for one word: what differs between spellings of the same sound."""
    word = re.sub(r"i(?=[eo])", "", word) if word[:1] == "i" else word
    word = word.replace("ie", "e").replace("io", "e")
    word = word.replace("o", "a")
    # Searching first is much faster than substituting when (as mostly) nothing repeats.
    return _DOUBLES.sub(r"\1", word) if _DOUBLES.search(word) else word


def search_words(text: str | None) -> list[str]:
    """The words of ``search_key(text)``, for matching word by word."""
    return search_key(text).split()


# Words that name the kind of an area rather than the area itself (Kazakh too: облысы,
# ауданы, қаласы, Республикасы: oblast, district, city, Republic; and of them, as Kazakh
# writes a district with its region: "Қарағанды облысының Осакаров ауданы").
_AREA_WORD_SPELLINGS = (
    "область области обл вобласць вобласці вобл region район района раён раёна р-н р край "
    "края республика ССР АССР district "
    "ГВК РВК ОВК ВК гор г oblast rayon raion облысы ауданы қаласы республикасы "
    "облысының ауданының қаласының республикасының"
)
# Adjectival and place-name endings, longest first: Карагандинская, Караганда and
# Karaganda all leave "karagand"; Семипалатинская and Semipalatinsk leave "semipalatin".
_AREA_ENDINGS = (
    # -ской, -ского, -скому (Карагандинской обл., Алма-Атинского района) first.
    "inskaga", "enskaga", "anskaga", "skaga", "inskamu", "enskamu", "anskamu", "skamu",
    "inskaia", "enskaia", "anskaia", "skaia", "inskai", "enskai", "anskai", "skai",
    "inski", "enski", "anski", "ski", "insk", "ensk", "ansk", "sk", "aia", "a", "i", "e", "u",
)  # fmt: skip


# A name ending in у or й (Аксу, Атырау; Кустанай, Абай) keeps it before -ский, -ская
# (Аксуский, Кустанайская), while the name alone loses it as an ending ("aks", "kustana"):
# the adjective's stem loses it too. Not after a consonant for й (Латвийская, Российская
# are of Латвия, Россия: "latvi", "rasi"), and never leaving less than three letters
# (Чаусский is of Чаусы, its "сс" one letter: "cau", not "ca").
_VOWEL_FINAL_STEM = re.compile(r"(?:u|(?<=[aeu])i)$")


def _stem(word: str, doubled_s: bool = False) -> str:
    """``doubled_s``: the text wrote "сск" ("ssk"), which the key makes one s: the name's
    own с went with the ending (Тарусский is of Таруса, not of a Тару), and no final
    vowel is dropped."""
    for ending in _AREA_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stem = word[: -len(ending)]
            if (
                "sk" in ending
                and not doubled_s
                and len(stem) > 3
                and _VOWEL_FINAL_STEM.search(stem)
            ):
                return stem[:-1]
            return stem
    return word


def area_key(text: str | None) -> str:
    """A key for region, district and call-up place names, compared as prefixes.

    >>> area_key("Карагандинская область") == area_key("Karaganda") == "karagand"
    True
    >>> area_key("Дубровенский район") == area_key("Дубровенскі раён")
    True
    """
    # Each spelling of one area (text.area_aliases) keys as the one it stands for.
    if text and _KAZAKH_SSR.search(text):
        text = _KAZAKH_SSR.sub("Казахстан", text)
    return " ".join(_aliased(_area_stems(text)))


# The Kazakh SSR (1936-1991) is Kazakhstan under its Soviet name, within the same borders:
# OBD cards write "Казахская ССР", "КазССР". Only the republic's names: "Казахский район"
# (Qazax, in Azerbaijan) stays its own. The Kazakh "Қазақ КСР" is read typed without the
# Kazakh letters too ("Казак КСР", "Казақ ССР"; text.kazakh_letters): never "казак" alone.
# Kazakh joins a case ending to the abbreviation with a hyphen ("Қазақ КСР-і", "Қазақ
# ССР-нің"): part of the republic's name, not a word of its own.
_KAZAKH_SSR = re.compile(
    r"(?<!\w)(?:казахск\w*\s+(?:сср|сср\.|сов\w*\s+соц\w*\s+респ\w*)|каз\.?\s*сср|"
    + kazakh_pattern(r"қазақ\s+(?:кср|сср)(?:-[а-яәғқңөұүһі]{1,5})?")
    + r"|kazakh\s+ssr)(?!\w)",
    re.IGNORECASE,
)


def _area_stems(text: str | None) -> list[str]:
    # gh is Kazakh ғ in Latin (Qaraghandy, Mangghystau: Қарағанды, Маңғыстау).
    words = [_unghed(w) for w in search_words(text) if w not in _AREA_WORDS]
    doubled_s = bool(text) and _DOUBLED_S.search(text.lower()) is not None
    # A prefix match must not depend on how the kind of area was written.
    return [_stem(w, doubled_s) for w in words]


_DOUBLED_S = re.compile(r"сск|ssk")


def _unghed(word: str) -> str:
    return _DOUBLES.sub(r"\1", word.replace("gh", "g")) if "gh" in word else word


def _aliased(stems: list[str]) -> list[str]:
    aliases = _area_aliases()
    if not aliases.keys() & set(stems):
        return stems  # the common case: no word begins an alias
    out, i = [], 0
    while i < len(stems):
        for words, target in aliases.get(stems[i], ()):
            if tuple(stems[i : i + len(words)]) == words:
                out += target
                i += len(words)
                break
        else:
            out.append(stems[i])
            i += 1
    return out


@lru_cache(maxsize=1)
def _area_aliases() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """First stem -> (stems, the stems they key as), longest first."""
    from mapapp.text.area_aliases import AREA_ALIASES

    out: dict[str, list] = {}
    for spelling, keyed_as in AREA_ALIASES:
        words = tuple(_area_stems(spelling))
        out.setdefault(words[0], []).append((words, tuple(_area_stems(keyed_as))))
    for pairs in out.values():
        pairs.sort(key=lambda pair: -len(pair[0]))
    return out


_AREA_WORDS = set(search_words(_AREA_WORD_SPELLINGS))


# Latin letters that stand for different sounds in different spelling habits:
# x is кс (Zhaxylykov) or х (Axmetov); j is ж (Jaksylykov) or й (Jusupov, Jeremenko).
_AMBIGUOUS_LATIN = (("x", "kh"), ("j", "y"), ("j", "zh"))


def _lookalike_text(text: str) -> str:
    return _WORD.sub(lambda m: cyrillic_lookalike_reading(m.group()) or m.group(), text)


def query_word_variants(text: str | None) -> list[list[str]]:
    """The words of a query, each with the keys of its plausible readings.

    The first reading of every word is ``search_key``'s; ambiguous Latin letters add
    their other reading, and a Latin word that could be Cyrillic letters typed as
    their lookalikes ('AXMETOB') its Cyrillic reading. Readings that change the number
    of words are dropped.

    >>> query_word_variants("Axmetov")
    [['aksmetav', 'ahmetav']]
    """
    words = search_words(text)
    variants = [[w] for w in words]
    if not text:
        return variants
    lowered = text.lower()
    alternatives = [
        lowered.replace(letter, other) for letter, other in _AMBIGUOUS_LATIN if letter in lowered
    ]
    if _lookalike_text(text) != text:
        alternatives.append(_lookalike_text(text))
    for alternative_text in alternatives:
        alternative = search_words(alternative_text)
        if len(alternative) != len(words):
            continue
        for readings, word in zip(variants, alternative, strict=True):
            if word not in readings:
                readings.append(word)
    return variants


# The letters a key is written in: doubled letters are one, o is a, x is ks, y is i.
KEY_LETTERS = "abcdefghijklmnpqrstuvwz"


def one_edit_neighbours(word: str) -> set[str]:
    """Every key word one typo away: a letter dropped, added or changed, or two
    neighbours swapped (Norvig's candidate generation over the key alphabet).

    >>> "serikenav" in one_edit_neighbours("sreikenav")
    True
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in KEY_LETTERS}
    added = {a + c + b for a, b in splits for c in KEY_LETTERS}
    # Some have a doubled letter, which no key has: they simply match nothing.
    neighbours = dropped | swapped | changed | added
    neighbours.discard(word)
    neighbours.discard("")
    return neighbours


# One Cyrillic letter for each key a letter can give (е, ё and э key alike, and so on),
# for the spellings one typed letter away from a word.
_TYPED_LETTERS = "абвгдежзиклмнопрстуфхцчшюя"
_CYRILLIC_TO_KEY = str.maketrans(_CYRILLIC)


def _cyrillic_word_key(translated: str) -> str:
    """``search_key`` of one lower-case Cyrillic word, given as translated letter by
    letter (``_CYRILLIC_TO_KEY``): the same steps without those that cannot apply
    (other scripts, punctuation, spaces), since a few hundred such words are keyed per
    query word."""
    return _softened(translated.replace("ts", "Q").replace("tz", "Q").lower())


_LEADING_I_LINE = re.compile(r"^i[^\n]*", re.MULTILINE)
_I_BEFORE_E_OR_O = re.compile(r"i(?=[eo])")


def _cyrillic_word_keys(translated: Iterable[str]) -> set[str]:
    """``_cyrillic_word_key`` of many words at once: the steps run once over the words
    joined by line breaks (no step reaches across one), a few hundred times faster per
    word than one call each."""
    text = "\n".join(translated).replace("ts", "Q").replace("tz", "Q").lower()
    # _softened, step by step, each line a word.
    text = _LEADING_I_LINE.sub(lambda m: _I_BEFORE_E_OR_O.sub("", m.group()), text)
    text = text.replace("ie", "e").replace("io", "e").replace("o", "a")
    return set(_DOUBLES.sub(r"\1", text).split("\n"))


@lru_cache(maxsize=256)
def typed_neighbour_keys(
    word: str, keep_first: bool = False, first_only: bool = False
) -> frozenset[str]:
    """The keys of every spelling one typed letter away from a Cyrillic word (a letter
    dropped, added or changed, or two neighbours swapped), the word's own key left out.

    One typed slip can be two letters apart in the key: 'Федоов' (р dropped) keys as
    'fedav' because the two vowels become one, 'Уалисв' (е read as с) as 'ualisv' beside
    Уалиев's 'ualev'. Keying the typed neighbours finds such words as one typo away.
    ``keep_first``: only slips after the first letter (relatives rarely get it wrong);
    ``first_only``: only slips of the first letter. Empty for a word with other letters
    than Cyrillic ones. The commonest words (given names) are remembered.

    >>> search_key("Федоров") in typed_neighbour_keys("федоов")
    True
    """
    word = word.lower()
    if not word or any(ch not in _CYRILLIC for ch in word):
        return frozenset()
    # Each letter translated once; a neighbour is then a concatenation of translations.
    t = [_CYRILLIC[ch] for ch in word]
    letters = [_CYRILLIC[ch] for ch in _TYPED_LETTERS]
    start, stop = (1 if keep_first else 0), (1 if first_only else len(word) + 1)
    translated = set()
    for i in range(start, stop):
        head, tail = "".join(t[:i]), t[i:]
        rest = "".join(tail[1:])
        if tail:
            translated.add(head + rest)  # dropped
            translated.update(head + c + rest for c in letters)  # changed
        if len(tail) > 1:
            translated.add(head + tail[1] + tail[0] + "".join(tail[2:]))  # swapped
        whole = "".join(tail)
        translated.update(head + c + whole for c in letters)  # added
    keys = _cyrillic_word_keys(translated)
    keys.discard(_cyrillic_word_key("".join(t)))
    keys.discard("")
    return frozenset(keys)


# Letters that a clerk's hand or the OCR of an old typed list confuses, being alike to
# the eye (и and н, п and л, е and с, г and т, к and х ...).
_MISREAD_PAIRS = ("ин", "пн", "пл", "ес", "гт", "кх", "шщ", "ьъ", "цщ", "бв")
_MISREAD = {}
for _a, _b in _MISREAD_PAIRS:
    _MISREAD.setdefault(_a, []).append(_b)
    _MISREAD.setdefault(_b, []).append(_a)


def misread_spellings(word: str) -> set[str]:
    """Every spelling of a (lower-case) word with one letter read as one alike to the
    eye: 'махушин' -> 'макушин', ...; of two surnames one letter from what was typed,
    the one a misreading explains is the likelier.

    >>> "макушин" in misread_spellings("махушин")
    True
    """
    return {
        word[:i] + other + word[i + 1 :]
        for i, ch in enumerate(word)
        for other in _MISREAD.get(ch, ())
    }
