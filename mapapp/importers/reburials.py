"""A person's grave moved: where they were first buried, and where they were moved from.

Registers give "Первичное место захоронения" (where the person was first buried) and
"Откуда перезахоронен" (the grave the remains were moved from). Mostly one place, or
only one of them filled; they differ when a grave was moved more than once (buried
where he fell, moved to a village's common grave, later to the memorial), or when one
of them is wrong. Each is kept as the row gives it: ``burials.original_burial_place`` and
``burials.reburied_from`` (only the first, when both say one place).
"""

from __future__ import annotations

from mapapp.importers.search_index import _SETTLEMENT_PREFIX, _cached_search_key

DIFFERING = (
    "the row gives both a first burial place and a place reburied from, and they differ "
    "(first buried at: {first!r}): both are kept with the grave, and the person's page "
    'shows them as "First buried at" and "Reburied from"; if one of them is wrong, '
    "correct the file"
)


def _key(place: str) -> str:
    """The place as the search reads it ("д." before a name, case and spaces aside)."""
    return _cached_search_key(_SETTLEMENT_PREFIX.sub("", place, count=1))


def same_place(first: str, moved_from: str) -> bool:
    key = _key(first)
    return key == _key(moved_from) and (bool(key) or first == moved_from)


def differing_places(first: str | None, moved_from: str | None) -> bool:
    """Both places given, and not one place: the report says so."""
    return bool(first and moved_from) and not same_place(first, moved_from)


def reburial_places(first: str | None, moved_from: str | None) -> tuple[str | None, str | None]:
    """(original_burial_place, reburied_from) of a row, each as the row says it: a place
    reburied from is not said to be the first burial place (a grave moved twice), and
    the two written as one place are kept once, as the first burial place."""
    if first and moved_from and same_place(first, moved_from):
        return first, None
    return first, moved_from
