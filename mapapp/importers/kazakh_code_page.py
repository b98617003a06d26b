"""Windows Cyrillic (cp1251) or Windows Kazakh (kz1048, also STRK1048, RK1048)?

The two code pages differ in 16 bytes only: where cp1251 has the Belarusian ў, the
Ukrainian ґ є ї and the Serbian and Macedonian ј ќ ћ ѕ, kz1048 has the Kazakh ұ ө ғ ү ә
қ һ ң. A Russian text has none of them and reads the same in both; a Kazakh list read as
cp1251 was stored as "Нўрлан", "Тґлеуов". So each word holding such a byte is read both
ways, and each reading checked against how its languages write: Belarusian writes ў only
after a vowel, Ukrainian ї only after a vowel or an apostrophe; no Kazakh word starts
with ғ before a consonant, has ұ after a vowel (but for the patronymic -ұлы) or ends in
-енко. A word whose one reading breaks such a rule and whose other does not counts for the
other; the code page with clearly more words for it is the text's, and where neither has,
the user is asked to name it.
"""

from __future__ import annotations

import re

# Lower case; the rules are checked on lower-cased words.
_VOWELS = set("аеёіоуыэюяәөұүи")
_EAST_SLAVIC_VOWELS = set("аеєёіїоуыэюяи")
_SERBIAN_ONLY = set("јќћѕ")  # no Belarusian, Russian or Ukrainian word has them
_KAZAKH_VOWELS = set("әөұү")
# Kazakh's own vowels meet other vowels only across the patronymic's -ұлы (Мұсаұлы); и
# and у are also semivowels in Kazakh (киім, Әуезов).
_KAZAKH_HIATUS_VOWELS = set("аеёіоыэюяәөұү")
_KAZAKH_CONSONANT_LETTERS = set("ғқңһ")
# Native Kazakh words have no soft or hard sign, no ц or щ, no apostrophe, and в only
# in a Russian surname's or patronymic's ending (Төлеуов, Қасымович).
_NOT_KAZAKH = set("ьъцщ'’ʼ")
_RUSSIAN_ENDINGS = ("овна", "евна", "ович", "евич", "ова", "ева", "ов", "ев")
_SLAVIC_ENDINGS = ("нко", "ський", "цький", "чук")

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_DIFFERING = bytes([0x8D, 0x8E, 0x9D, 0x9E, 0xA1, 0xA2, 0xA3, 0xA5, 0xAA, 0xAF, 0xB4, 0xBA])
_DIFFERING += bytes([0xBC, 0xBD, 0xBE, 0xBF])
_CP1251_DIFFERING = set(_DIFFERING.decode("cp1251"))

# How much more evidence one code page needs than the other to be chosen.
_MARGIN = 2


class AmbiguousCodePage(ValueError):
    """The text reads as words in both code pages; ``cp1251`` and ``kz1048`` are one
    word's two readings, to show the user."""

    def __init__(self, cp1251: str, kz1048: str):
        super().__init__(f"{cp1251!r} in cp1251 is {kz1048!r} in kz1048")
        self.cp1251, self.kz1048 = cp1251, kz1048


def cp1251_or_kz1048(data: bytes) -> str:
    """Which of the two code pages ``data`` (a sample of the text) is in; raises
    AmbiguousCodePage where its words do not tell."""
    if not any(byte in data for byte in _DIFFERING):
        return "cp1251"  # the same text in both
    as_cp1251 = data.decode("cp1251", "replace")
    as_kz1048 = data.decode("kz1048", "replace")  # one character a byte: spans match
    for_cp1251 = for_kz1048 = 0
    first = None
    for match in _WORD.finditer(as_cp1251):
        cp_word = match.group()
        if _CP1251_DIFFERING.isdisjoint(cp_word):
            continue
        kz_word = as_kz1048[match.start() : match.end()]
        first = first or (cp_word, kz_word)
        odd_cp, odd_kz = _odd_east_slavic(cp_word.lower()), _odd_kazakh(kz_word.lower())
        for_kz1048 += odd_cp and not odd_kz
        for_cp1251 += odd_kz and not odd_cp
    if for_kz1048 > _MARGIN * for_cp1251:
        return "kz1048"
    if for_cp1251 > _MARGIN * for_kz1048:
        return "cp1251"
    if first is None:  # the bytes stand outside words (a stray byte between digits)
        return "cp1251"
    raise AmbiguousCodePage(*first)


def _odd_east_slavic(word: str) -> bool:
    """Whether a Belarusian, Russian or Ukrainian word could not be written so."""
    if not _SERBIAN_ONLY.isdisjoint(word):
        return True
    for i, letter in enumerate(word):
        before = word[i - 1] if i else ""
        after = word[i + 1] if i + 1 < len(word) else ""
        if letter == "ў" and before and before not in _EAST_SLAVIC_VOWELS:
            return True  # Нўрлан: Belarusian writes ў after a vowel (Сакалоў, "магіла ў")
        if letter == "ї" and before and before not in _EAST_SLAVIC_VOWELS | set("'’ʼ"):
            return True  # Тїсіпбеков: Ukrainian ї starts a word or follows a vowel (Київ)
        if letter == "є" and after in _VOWELS:
            return True  # Ерєали: Ukrainian є is itself a vowel (Євген, Гаєвий)
        # Тґлеуов, Ґмір: Ukrainian ґ meets another consonant after a vowel (аґрус) or
        # starting a word (Ґрунт)
        clustered = before not in _VOWELS if before else after not in "рлвнз"
        if letter == "ґ" and after and after not in _VOWELS and clustered:
            return True
    return False


def _odd_kazakh(word: str) -> bool:
    """Whether a word with a Kazakh letter could not be written so in Kazakh."""
    if len(word) == 1 or not _NOT_KAZAKH.isdisjoint(word):
        return True  # Belarusian "ў", Ґудзь read as "ұ", Өудзь
    stem = next((word[: -len(e)] for e in _RUSSIAN_ENDINGS if word.endswith(e)), word)
    if "в" in stem or word.endswith(_SLAVIC_ENDINGS):
        return True  # Ковалєв, Сергієнко read as Ковалғв, Сергіғнко
    if word[0] == "ң" or (
        word[0] in _KAZAKH_CONSONANT_LETTERS and len(word) > 1 and word[1] not in _VOWELS
    ):
        return True  # Євген read as Ғвген
    for i, letter in enumerate(word):
        if letter not in _KAZAKH_VOWELS:
            continue
        before = word[i - 1] if i else ""
        after = word[i + 1] if i + 1 < len(word) else ""
        patronymic = word[i : i + 3] == "ұлы"
        if before == "у" and i == len(word) - 1:
            return True  # Belarusian Загінуў read as Загінуұ: no Kazakh word ends so
        after_vowel = before in _KAZAKH_HIATUS_VOWELS and not patronymic
        if after_vowel or after in _KAZAKH_HIATUS_VOWELS:
            return True  # Сакалоў, Україна read as Сакалоұ, Украүна
    return False
