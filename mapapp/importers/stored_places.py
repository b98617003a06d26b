"""Which stored site or battle location each checked row names: by its ref; a site also
by its register number (a heritage code in all of Belarus, a district book's plain number
within its district only, and within its region where the district's name needs it),
and a site without a point by the older keys it was stored under before such sites were
known by their counts and location note too, where the row alone carries that key, or
its counts and note agree."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import text

from mapapp.importers.number_keys import (
    register_candidates,
    register_key,
    register_match,
    site_register_place,
)
from mapapp.importers.records import note_key

_TABLES = {"sites": "burial_sites", "battles": "battle_locations"}
_COUNTS = ("buried_total", "buried_known", "buried_unknown")
_SITE_IDENTITY = [
    "register_number", "oblast", "district", "settlement", "district_key", "location_note",
    *_COUNTS,
]  # fmt: skip


class StoredPlaces:
    """The stored places a file's rows may name, read once per import: by ref (and older
    ref), and for sites every site with a register number."""

    def __init__(self, conn, kind: str, good: list, columns: list[str]):
        sites = kind == "sites"
        wanted = list(dict.fromkeys([*columns, *(_SITE_IDENTITY if sites else [])]))
        selected = ", ".join(c for c in wanted if c not in ("lat", "lon"))
        refs = [r for c in good for r in (c.record["ref"], *c.record.get("older_refs", ()))]
        stored = conn.execute(
            text(
                f"SELECT ref, {selected}, ST_Y(geom) AS lat, ST_X(geom) AS lon "
                f"FROM {_TABLES[kind]} WHERE ref = ANY(:refs)"
                + (" OR register_number IS NOT NULL" if sites else "")
            ),
            {"refs": refs},
        ).mappings()
        self.by_ref: dict[str, dict] = {}
        # Register key -> (stored place, its register_place).
        self.by_register: dict[str, list[tuple[dict, str | None]]] = {}
        for row in stored:
            row = dict(row)
            self.by_ref[row["ref"]] = row
            if sites and row["register_number"]:
                key = register_key(row["register_number"])
                self.by_register.setdefault(key, []).append((row, site_register_place(row)))

    def found(self, good: list) -> dict[int, dict]:
        """{row: the stored place (its columns, lat and lon, with its identity)} for each
        of ``good`` stored already."""
        older_rows = Counter(r for i in good for r in i.record.get("older_refs", ()))
        found = {}
        for item in good:
            row = self._stored_one(item.record, older_rows)
            if row is not None:
                found[item.row] = row
        return found

    def ambiguous(self, good: list) -> dict[int, list[dict]]:
        """{row: the stored sites} for each site row whose plain register number stored
        sites carry where it cannot be told which, if any, it names: the row or the
        stored site says no district, or the row says none and several districts carry
        the number, or the district's name needs its region and one of them says none."""
        out = {}
        for item in good:
            number = item.record.get("register_number")
            if not number or self._by_ref(item.record) is not None:
                continue
            key = register_key(number)
            same, unknown = register_candidates(
                key, site_register_place(item.record), self.by_register.get(key, [])
            )
            if len(same) > 1 or (not same and unknown):
                out[item.row] = same or unknown
        return out

    def _by_ref(self, record: dict) -> dict | None:
        """The stored place of ``record``'s ref; for a register number, only where the
        number names it: a site stored before districts were known with their region
        has the ref a row of that name without its region has now (register:aktiabr#:4
        of Gomel oblast's Октябрьский район, and of a row that says no region)."""
        row = self.by_ref.get(record["ref"])
        number = record.get("register_number")
        if row is None or not number or not row.get("register_number"):
            return row
        key = register_key(number)
        if register_key(row["register_number"]) != key:
            return row
        match = register_match(key, site_register_place(record), site_register_place(row))
        return row if match == "same" else None

    def _stored_one(self, record: dict, older_rows: Counter) -> dict | None:
        if (row := self._by_ref(record)) is not None:
            return row
        # An older key named one site whatever its counts or note: it is this row's where
        # the stored site's note is none or the row's (else it is another grave of that
        # name in that village), and no other row of the file carries the key too, or
        # the counts agree.
        for older_ref in record.get("older_refs", ()):
            older = self.by_ref.get(older_ref)
            if (
                older is not None
                and _same_note(record, older)
                and (older_rows[older_ref] == 1 or _same_counts(record, older))
            ):
                return older
        if number := record.get("register_number"):
            key = register_key(number)
            same, _ = register_candidates(
                key, site_register_place(record), self.by_register.get(key, [])
            )
            return same[0] if same else None
        return None


def _same_counts(record: dict, stored: dict) -> bool:
    return all(record.get(c) == stored[c] for c in _COUNTS)


def _same_note(record: dict, stored: dict) -> bool:
    """The stored site's location note is none, or the row's as the search reads it."""
    note = note_key(stored["location_note"])
    return not note or note == note_key(record.get("location_note"))
