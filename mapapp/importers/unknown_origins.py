"""Persons a file gives a birthplace but no home country: of unknown origin on the site
pages, and found by no country or region filter. Where they come from is not read out of
the birthplace (which country a wartime place is in now, or was then, is for a person to
say); the report counts them and says how to give it."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def unknown_origins(conn: Connection, fields_read: set[str]) -> int:
    """Staged rows with a birthplace and neither a home country nor a home region; none,
    without a scan of the stage, when the file gives no birthplace."""
    if "birthplace" not in fields_read:
        return 0
    return conn.execute(
        text(
            "SELECT count(*) FROM stage_persons WHERE birthplace IS NOT NULL "
            "AND home_country IS NULL AND home_region IS NULL"
        )
    ).scalar_one()


def unknown_origins_note(count: int, field_of: dict[str, str]) -> str | None:
    if not count:
        return None
    columns = {field: column for column, field in field_of.items()}
    birthplace = columns.get("birthplace")
    given = [columns[f] for f in ("home_country", "home_region") if f in columns]
    fix = (
        f"fill the {' and '.join(map(repr, given))} "
        + ("column" if len(given) == 1 else "columns")
        + " where it is known"
        if given
        else "where the list is of one country's men, give it with --set home_country=NAME "
        "(and --set home_region=NAME for one region's), or add a home country column"
    )
    return (
        f"{count:,} {'row gives' if count == 1 else 'rows give'} a birthplace"
        + (f" ({birthplace!r})" if birthplace else "")
        + " but no home country or region: such persons are of unknown origin on the site "
        "pages, and no country or region filter finds them (the birthplace is kept as "
        f"written, and the search reads it); {fix}"
    )
