"""Keys of numbers written with leading zeros: a list's 004 is the 4 of its spreadsheet
(a cell formatted 000 shows zeros its number does not hold, and a number typed 004 is
kept as 4), so the two name one record, one site. Values are stored as written; only
the comparison reads them without the zeros."""

from __future__ import annotations


def digits_key(text: str) -> str:
    """``text`` without its leading zeros when it is all ASCII digits, else as it is."""
    if len(text) > 1 and text[0] == "0" and text.isascii() and text.isdigit():
        return text.lstrip("0") or "0"
    return text


def register_key_sql(column: str) -> str:
    """The same key of a stored register number, in SQL (``column`` is an identifier
    chosen by the caller)."""
    return (
        f"CASE WHEN {column} ~ '^0[0-9]+$' "
        f"THEN coalesce(nullif(ltrim({column}, '0'), ''), '0') ELSE {column} END"
    )
