"""Which Cyrillic code page some text bytes are in, as far as they tell (a CSV file's
head, a Shapefile's .dbf): the likeliest of those Belarusian and Russian files use."""

from __future__ import annotations

CANDIDATES = ["cp1251", "koi8_r", "cp866", "utf_8"]


def likeliest_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    return None if best is None else best.encoding
