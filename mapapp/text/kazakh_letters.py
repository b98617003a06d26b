"""Kazakh words as lists typed on a Russian keyboard write them.

Lists from Kazakhstan's archives and Books of Memory were often typed without the Kazakh
letters: ә ғ қ ң ө ұ ү һ і written as the Russian letters they look or sound like, а г к
н о у у х и (і also as a Latin i), and at times only some of them in one word ("тутқында"
for "тұтқында"). A vocabulary of Kazakh words (fates, ranks, months) is widened here to
accept those letters in place of the Kazakh ones, each letter on its own; words of other
languages keep their exact spellings, so that only a Kazakh word is read as one. Column
headers are compared folded instead (fold_kazakh_letters): a list of every way to type each
header grows as the product of its Kazakh letters.
"""

from __future__ import annotations

import re
from itertools import product

# Each Kazakh letter, and the letters a list may type for it (ұ and ү for one another too).
_TYPED_FOR = {
    "ә": "әа", "ғ": "ғг", "қ": "қк", "ң": "ңн", "ө": "өо", "ұ": "ұүу", "ү": "ұүу", "һ": "һх",
    "і": "іиi",
}  # fmt: skip
_TYPED_FOR.update({k.upper(): v.upper() for k, v in _TYPED_FOR.items()})


def kazakh_pattern(pattern: str) -> str:
    """A regular expression of Kazakh words that also matches them typed with the Russian
    look-alike letters: "қаза\\s+тап" -> "[қк]аза\\s+тап". A letter inside a class
    ("[әа]") adds its look-alikes to the class."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        typed = _TYPED_FOR.get(ch)
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif typed:
            out.append(typed if in_class else f"[{typed}]")
            continue
        out.append(ch)
    return "".join(out)


def kazakh_spellings(*words: str) -> set[str]:
    """Every spelling of Kazakh words with each Kazakh letter as written or as a look-alike:
    "аға" -> {"аға", "ага"}. For sets of whole words (a few letters each: the product of
    their alternatives stays small)."""
    return {
        "".join(letters)
        for word in words
        for letters in product(*(_TYPED_FOR.get(ch, ch) for ch in word))
    }


# Each Kazakh letter as a Russian keyboard types it: every way a word may be typed folds to
# one spelling. Belarusian і folds too ("імя" -> "имя"); only words compared folded on both
# sides, whose folding merges no two meanings, may be folded so (columns.fold_header).
_AS_TYPED = str.maketrans("әғқңөұүһі", "агкноуухи")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def fold_kazakh_letters(text: str) -> str:
    """``text`` (lower case) with each Kazakh letter as a Russian keyboard types it:
    "тегі", "теги" and "тегi" (a Latin i) -> "теги". A Latin i is folded only in a word of
    Cyrillic letters: "birth date" keeps its i."""
    text = text.translate(_AS_TYPED)
    if "i" in text:
        text = " ".join(w.replace("i", "и") if _CYRILLIC.search(w) else w for w in text.split(" "))
    return text
