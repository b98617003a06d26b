"""Which stored site or battle location each checked row names: by its ref; a site also
by its register number (a heritage code in all of Belarus, a district book's plain number
within its district only), and a site without a point by the older key it was stored
under before such sites were known by their counts too, where its counts agree."""

from __future__ import annotations

from sqlalchemy import text

from mapapp.importers.number_keys import register_key, register_match, same_register_site

_TABLES = {"sites": "burial_sites", "battles": "battle_locations"}
_COUNTS = ("buried_total", "buried_known", "buried_unknown")
_SITE_IDENTITY = ["register_number", "district", "district_key", *_COUNTS]


def find_stored(conn, kind: str, good: list, columns: list[str]) -> dict[int, dict]:
    """{row: the stored place (``columns``, lat and lon, with its identity)} for each of
    ``good`` stored already."""
    by_ref, by_register = _load(conn, kind, good, columns)
    older_rows: dict[str, int] = {}
    for item in good:
        if older := item.record.get("older_ref"):
            older_rows[older] = older_rows.get(older, 0) + 1
    found = {}
    for item in good:
        row = _stored_one(item.record, by_ref, by_register, older_rows)
        if row is not None:
            found[item.row] = row
    return found


def ambiguous_register_numbers(conn, good: list) -> dict[int, list[dict]]:
    """{row: the stored sites} for each site row whose plain register number stored sites
    carry where it cannot be told which, if any, it names: the row or the stored site
    says no district, or the row says none and several districts carry the number."""
    by_ref, by_register = _load(conn, "sites", good, [])
    out = {}
    for item in good:
        number = item.record.get("register_number")
        if not number or item.record["ref"] in by_ref:
            continue
        key = register_key(number)
        district = item.record.get("district_key")
        matches = [
            (register_match(key, district, row["district_key"]), row)
            for row in by_register.get(key, [])
        ]
        same = [row for match, row in matches if match == "same"]
        unknown = [row for match, row in matches if match == "unknown"]
        if len(same) > 1 or (not same and unknown):
            out[item.row] = same or unknown
    return out


def _load(conn, kind: str, good: list, columns: list[str]):
    sites = kind == "sites"
    wanted = list(dict.fromkeys([*columns, *(_SITE_IDENTITY if sites else [])]))
    selected = ", ".join(c for c in wanted if c not in ("lat", "lon"))
    stored = conn.execute(
        text(
            f"SELECT ref, {selected}, ST_Y(geom) AS lat, ST_X(geom) AS lon "
            f"FROM {_TABLES[kind]} WHERE ref = ANY(:refs)"
            + (" OR register_number IS NOT NULL" if sites else "")
        ),
        {"refs": [r for c in good for r in (c.record["ref"], c.record.get("older_ref")) if r]},
    ).mappings()
    by_ref: dict[str, dict] = {}
    by_register: dict[str, list[dict]] = {}
    for row in stored:
        row = dict(row)
        by_ref[row["ref"]] = row
        if sites and row["register_number"]:
            by_register.setdefault(register_key(row["register_number"]), []).append(row)
    return by_ref, by_register


def _stored_one(record: dict, by_ref: dict, by_register: dict, older_rows: dict) -> dict | None:
    if (row := by_ref.get(record["ref"])) is not None:
        return row
    # The older key named one site whatever its counts: it is this row's when no other
    # row of the file carries it too, else the one whose counts agree (two graves of one
    # name in one village, which that key could not tell apart).
    older = by_ref.get(record.get("older_ref"))
    if older is not None and (
        older_rows.get(record["older_ref"]) == 1 or all(record.get(c) == older[c] for c in _COUNTS)
    ):
        return older
    if number := record.get("register_number"):
        key = register_key(number)
        for row in by_register.get(key, []):
            if same_register_site(key, record.get("district_key"), row["district_key"]):
                return row
    return None
