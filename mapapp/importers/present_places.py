"""Sites and battle locations of a file that are stored already: found by their ref (and
a site by its register number, which names one site whatever file it came from), and
compared with their rows, since an import never changes a stored record."""

from __future__ import annotations

from sqlalchemy import text

from mapapp.importers.number_keys import digits_key, register_key_sql
from mapapp.importers.writers import BATTLE_COLUMNS, SITE_COLUMNS, Differing

_TABLES = {"sites": "burial_sites", "battles": "battle_locations"}
# What a row says of its place (the ref is how it was found; a key is derived).
_COMPARED = {
    "sites": [c for c in SITE_COLUMNS if c not in ("ref", "district_key")] + ["lat", "lon"],
    "battles": [c for c in BATTLE_COLUMNS if c != "ref"] + ["lat", "lon"],
}


def present_places(conn, kind: str, good: list, limit: int = 200) -> tuple[int, Differing]:
    """How many of the good rows are stored already, and which of those say something
    else of their place than is stored."""
    table, compared = _TABLES[kind], _COMPARED[kind]
    numbers = [
        digits_key(c.record["register_number"]) for c in good if c.record.get("register_number")
    ]
    number_key = register_key_sql("register_number") if kind == "sites" else "NULL"
    by_number = f"OR {number_key} = ANY(:numbers)" if kind == "sites" else ""
    stored = conn.execute(
        text(
            f"SELECT ref, {number_key} AS number, "
            + ", ".join(c for c in compared if c not in ("lat", "lon"))
            + f", ST_Y(geom) AS lat, ST_X(geom) AS lon FROM {table} "
            f"WHERE ref = ANY(:refs) {by_number}"
        ),
        {"refs": [c.record["ref"] for c in good], "numbers": numbers},
    ).mappings()
    by_ref, by_register = {}, {}
    for row in stored:
        by_ref[row["ref"]] = row
        if row["number"] is not None:
            by_register.setdefault(row["number"], row)
    present, differing = 0, []
    for item in good:
        record = item.record
        number = record.get("register_number")
        row = by_ref.get(record["ref"]) or (by_register.get(digits_key(number)) if number else None)
        if row is None:
            continue
        present += 1
        if any(record.get(c) != row[c] for c in compared):
            differing.append(item.row)
    return present, Differing(count=len(differing), rows=differing[:limit])
