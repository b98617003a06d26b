"""What a printed dossier lists at each stop: the names buried there, or, for a site too
big to print, how many there are (the full list is the site's CSV).

A dossier never prints part of a list: a list cut at some length would read as complete.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from mapapp.queries.sites import persons_in_registry
from mapapp.queries.trip import count_names_at, names_at

# About 40 A4 pages of names in two columns; above this a dossier gives the count and the
# CSV instead (a site with 150,000 names would make a 3,000-page document).
MAX_PRINTED_NAMES = 2000


@dataclass(frozen=True)
class StopNames:
    names: list[dict]  # empty when there are too many to print
    total: int
    too_many: bool


def names_for_print(
    session: Session,
    site_id: int,
    country_key: str | None = None,
    region_key: str | None = None,
    limit: int = MAX_PRINTED_NAMES,
) -> StopNames:
    if country_key is None and region_key is None:
        # The site's kept count says first whether its names fit: sorting tens of
        # thousands of names to find that they do not took 0.1 s a big stop.
        total = persons_in_registry(session, site_id)
        if total > limit:
            return StopNames(names=[], total=total, too_many=True)
    names = names_at(session, site_id, country_key, region_key, limit=limit)
    if len(names) <= limit:
        return StopNames(names=names, total=len(names), too_many=False)
    total = count_names_at(session, site_id, country_key, region_key)
    return StopNames(names=[], total=total, too_many=True)


# Rows of a block of names in the PDF: about half an A4 page of short lines.
ROWS_PER_BLOCK = 25


def column_blocks(names: list[dict], rows: int = ROWS_PER_BLOCK) -> list[list[tuple]]:
    """Names laid out in blocks of two columns that read down the left column, then the
    right one; each row is ((number, person), (number, person) or None), numbered from 1
    across blocks. A PDF lays these out as tables, far faster than CSS columns."""
    blocks = []
    for start in range(0, len(names), 2 * rows):
        chunk = names[start : start + 2 * rows]
        half = (len(chunk) + 1) // 2
        left, right = chunk[:half], chunk[half:]
        blocks.append(
            [
                (
                    (start + i + 1, left[i]),
                    (start + half + i + 1, right[i]) if i < len(right) else None,
                )
                for i in range(half)
            ]
        )
    return blocks
