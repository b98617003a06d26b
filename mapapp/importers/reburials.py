"""A person's grave moved: where they were first buried, and where they were moved from.

Registers give "Первичное место захоронения" (where the person was first buried) and
"Откуда перезахоронен" (the grave the remains were moved from). Mostly one place, or
only one of them filled; they differ when a grave was moved more than once (buried
where he fell, moved to a village's common grave, later to the memorial), or when one
of them is wrong. Either way both are kept: ``burials.original_burial_place`` and, when
it says something else, ``burials.reburied_from``.
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


def reburial_places(first: str | None, moved_from: str | None) -> tuple[str | None, str | None]:
    """(original_burial_place, reburied_from) of a row: the place reburied from stands
    for the first burial place when the row gives only that one, and is kept apart only
    when the row gives both and they differ."""
    if first and moved_from and not same_place(first, moved_from):
        return first, moved_from
    return first or moved_from, None
