"""Which Cyrillic code page some text bytes are in, as far as they tell (a CSV file's
head, a Shapefile's .dbf): the likeliest of those Belarusian, Kazakh and Russian files
use."""

from __future__ import annotations

from mapapp.importers.kazakh_code_page import AmbiguousCodePage, cp1251_or_kz1048

CANDIDATES = ["cp1251", "koi8_r", "cp866", "utf_8"]

__all__ = ["AmbiguousCodePage", "ambiguity", "likeliest_encoding"]


def likeliest_encoding(data: bytes) -> str | None:
    """The likeliest encoding, or None; raises AmbiguousCodePage where the text may be
    Windows Cyrillic or Windows Kazakh, which no statistics of letters tell apart."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is None:
        return None
    return cp1251_or_kz1048(data) if best.encoding == "cp1251" else best.encoding


def ambiguity(exc: AmbiguousCodePage) -> str:
    """What to tell the user of such a text."""
    return (
        f"cannot tell whether its text is Windows Cyrillic or Windows Kazakh: {exc.cp1251!r} "
        f"read as cp1251 is {exc.kz1048!r} read as kz1048; name the one it is with "
        "--encoding cp1251 (Russian, Belarusian, Ukrainian) or --encoding kz1048 (Kazakh)"
    )
