"""What a printed dossier lists at each stop: the names buried there, or, for a site too
big to print, how many there are (the full list is the site's CSV).

A dossier never prints part of a list: a list cut at some length would read as complete.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

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
    names = names_at(session, site_id, country_key, region_key, limit=limit)
    if len(names) <= limit:
        return StopNames(names=names, total=len(names), too_many=False)
    total = count_names_at(session, site_id, country_key, region_key)
    return StopNames(names=[], total=total, too_many=True)
