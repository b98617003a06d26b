"""Sites and battle locations of a file that are stored already: found by their ref (and
a site by its register number, which names one site whatever file it came from), and
compared with their rows, since an import never changes a stored record."""

from __future__ import annotations

from mapapp.importers.number_keys import register_key
from mapapp.importers.stored_places import StoredPlaces
from mapapp.importers.writers import BATTLE_COLUMNS, SITE_COLUMNS, Differing

# What a row says of its place (the ref is how it was found; a key is derived).
_COMPARED = {
    "sites": [c for c in SITE_COLUMNS if c not in ("ref", "district_key")] + ["lat", "lon"],
    "battles": [c for c in BATTLE_COLUMNS if c != "ref"] + ["lat", "lon"],
}


def read_stored(conn, kind: str, good: list) -> StoredPlaces:
    """The stored places the good rows may name, with what is compared of them."""
    return StoredPlaces(conn, kind, good, _COMPARED[kind])


def present_places(
    kind: str,
    good: list,
    stored: dict[int, dict],
    file_fields: set[str] | None = None,
    limit: int = 200,
) -> Differing:
    """Which of the good rows stored already (``stored``: StoredPlaces.found) say
    something else of their place than is stored. A field the row leaves empty is
    compared only where the file has a column for it (``file_fields``, with the --set
    ones; None: every field): a heritage list without a year or a district says nothing
    against the year and district a district book stored."""
    compared = _COMPARED[kind]
    differing, tally = [], {}
    for item in good:
        row = stored.get(item.row)
        if row is None:
            continue
        said = compared
        if file_fields is not None:
            said = [n for n in compared if n in file_fields or item.record.get(n) is not None]
        if fields := _differing_fields(item.record, row, said):
            differing.append(item.row)
            for name in fields:
                tally[name] = tally.get(name, 0) + 1
    return Differing(count=len(differing), rows=differing[:limit], fields=tally)


def _differing_fields(record: dict, row, compared: list[str]) -> list[str]:
    """The fields a row says otherwise than its stored place: a register number written
    another way (004 for 4) is the same; a point is one field."""
    fields = []
    for name in compared:
        ours, stored = record.get(name), row[name]
        if name == "register_number" and ours and stored:
            ours, stored = register_key(ours), register_key(stored)
        elif name == "buried_as_written" and ours is None and row["buried_total"] is not None:
            # A count stored as written too says no more than its number.
            ours = str(row["buried_total"]) if stored == str(row["buried_total"]) else ours
        if ours != stored:
            fields.append("lat/lon" if name in ("lat", "lon") else name)
    return list(dict.fromkeys(fields))
