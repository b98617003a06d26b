"""Which language a name from the data is written in, as far as its letters tell.

Names come from Soviet and Belarusian records, nearly always in Russian spelling; a few
carry letters only Kazakh or Belarusian has. Latin letters say nothing certain (English,
a transliteration, Kazakh in Latin script), so no language is guessed for them.
"""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH = re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]")
_BELARUSIAN = re.compile(r"[ўЎіІ]")  # і: Belarusian (and Kazakh, tested first)
CYRILLIC_LANGUAGES = ("ru", "kk", "be")


def cyrillic_language(text: str | None) -> str | None:
    """``kk``, ``be`` or ``ru`` for text in Cyrillic letters; None for any other text."""
    if not text or not _CYRILLIC.search(text):
        return None
    if _KAZAKH.search(text):
        return "kk"
    if _BELARUSIAN.search(text):
        return "be"
    return "ru"


def language_if_other(text: str | None, page_language: str) -> str | None:
    """The language to mark on ``text`` shown on a page in ``page_language``: only when
    its letters tell one and it is not the page's own."""
    language = cyrillic_language(text)
    return language if language and language != page_language else None
