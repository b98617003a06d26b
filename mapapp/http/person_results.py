"""The page of a person search asked for, for the search page and the API alike: a page
past the last one is refused naming both (PagePastLast, a 404), never listed empty."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from mapapp.queries.search import (
    COUNT_CAP,
    PagePastLast,
    PersonFilters,
    Words,
    check_page,
    count_persons,
    last_page,
    max_page,
    search_persons,
)


def person_results(
    session: Session,
    words: Words,
    filters: PersonFilters,
    page: int,
    per_page: int,
    typed: Sequence[str] = (),
) -> dict:
    """The search's page ``page``. Past the last page it can list, PagePastLast; past
    the pages of the first ``COUNT_CAP`` matches where there are more, the cap's
    InvalidInput (check_page). The last page is known from the total the page computes
    (counted apart only when the page is empty); a page past every page that can be
    listed is counted alone."""
    if page > max_page(per_page):
        total = count_persons(session, words, filters, typed)
        if total > COUNT_CAP:
            check_page(page, per_page)
        raise PagePastLast(page=page, last=last_page(total, per_page))
    results = search_persons(session, words, filters, page, per_page, typed)
    if page > (last := last_page(results["total"], per_page)):
        raise PagePastLast(page=page, last=last)
    return results
