"""The keyset cursor of a site's list of persons: ``after=ID`` or ``before=ID``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mapapp.errors import N_, InvalidInput
from mapapp.http.params import parse_positive_int
from mapapp.queries.sites import KEYSET_SORTS, Cursor, person_is_at_site

MAX_ID = 2_147_483_647


def parse_cursor(session: Session, args, site_id: int, sort: str) -> Cursor | None:
    """The cursor the request gives, checked to name a person buried at this site; None
    when it gives none, or when the sort pages by number only (the page is then read by
    its number, with the same result)."""
    after = parse_positive_int(args.get("after"), "after", 0, MAX_ID) or None
    before = parse_positive_int(args.get("before"), "before", 0, MAX_ID) or None
    if after and before:
        raise InvalidInput(
            N_("give %(name)s or %(other)s, not both"),
            parameter="after",
            name="after",
            other="before",
        )
    if sort not in KEYSET_SORTS or not (after or before):
        return None
    name, person_id = ("after", after) if after else ("before", before)
    if not person_is_at_site(session, site_id, person_id):
        raise InvalidInput(
            N_("%(name)s must be the id of a person buried at this site"), name, name=name
        )
    return Cursor(person_id=person_id, before=bool(before))
