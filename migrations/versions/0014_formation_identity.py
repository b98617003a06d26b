"""Units and partisan formations known by their names as written, folded only for case,
quotes, stress marks, "ё" and punctuation: names that differ in a number or a letter
("1373-й" and "1375-й стрелковый полк", "бригада №1" and "№2") are two formations.

Before this, an import keyed them by the phonetic search key, which leaves digits out and
reads alike spellings as one, so such names were taken for one formation. Here:

* ``partisan_units.name_key`` is computed again from each name;
* the units an import made (ref ``unit:`` and a key of Latin letters) get the new ref;
* a person an import linked to a unit, brigade or detachment of another name is linked
  again to the one his row as read names (``import_source``), in the column the import
  read that field from (or its ``--set`` value), made when it is not stored yet. Only a
  link the row led to is changed: one changed since, one made by another import or by
  hand, and one of a person whose row does not tell (a mapping file, whose content was
  not kept; two columns that could be it) stay as they are, and are counted.

The history records each change as made by this migration: the persons' unit by the
persons' trigger, each membership moved by an entry of its own (``partisan_memberships``,
keyed by the person), shown in the person's history.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

import hashlib
import json
import re
import sys
import unicodedata
from functools import lru_cache

from alembic import op
from sqlalchemy import text

from mapapp.text.normalize import search_key

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# The fold as this migration defines it (mapapp.importers.awards.unit_key at 0014).
_SEPARATORS = str.maketrans({**dict.fromkeys("«»\"'“”„‘’`№", " "), "\u0301": "", "\u0300": ""})
_IMPORTED_UNIT = re.compile(r"^unit:[a-z-]*$")
# The headers the importer read as these fields before this migration
# (mapapp.importers.columns at 0013).
_HEADERS_AT_0013 = {
    "unit": {"unit", "последнее место службы", "часть", "воинская часть"},
    "brigade": {"brigade", "partisan brigade", "бригада", "партизанская бригада"},
    "detachment": {"detachment", "partisan detachment", "отряд", "партизанский отряд"},
}
_ACTOR = "migration 0014"
_PART = 50_000  # persons a statement


@lru_cache(maxsize=200_000)
def _name_key(name: str | None) -> str | None:
    if not name:
        return None
    folded = unicodedata.normalize("NFKC", name.translate(_SEPARATORS))
    return " ".join(re.findall(r"\d+|[^\W\d_]+", folded.lower().replace("ё", "е"))) or None


@lru_cache(maxsize=200_000)  # cells repeat across a register
def _phonetic_key(name: str | None) -> str | None:
    return (search_key(re.sub(r"[«»\"'“”„]", " ", name)) or None) if name else None


def _bounded(ref: str) -> str:
    if len(ref) <= 200:
        return ref
    return ref[:183] + "~" + hashlib.sha256(ref.encode()).hexdigest()[:16]


def _unit_ref(name: str) -> str | None:
    key = _name_key(name)
    return _bounded("unit:" + key.replace(" ", "-")) if key else None


@lru_cache(maxsize=200_000)
def _old_unit_ref(name: str) -> str:
    return "unit:" + search_key(name).replace(" ", "-")


def _fold_header(header: str) -> str:
    header = header.lower().replace("ё", "е").replace("_", " ")
    return " ".join(re.sub(r"[^\w]+", " ", header).split())


def _cell(value) -> str | None:
    """A cell as the importer kept it (mapapp.importers.values.clean at 0013)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
        value = value[1:]
    return value or None


class _Batch:
    """Where one import took a field from: its ``--set`` value, or the one column of its
    rows with a header the importer read as that field; unknown (None) when a mapping
    file was used (its content was not kept) or two columns could be it."""

    def __init__(self, options, columns: list[str]):
        options = options if isinstance(options, dict) else {}
        given = options.get("set")
        self.given = given if isinstance(given, dict) else {}
        self.mapped = bool(options.get("mapping"))
        self.columns = columns

    def source(self, field: str) -> tuple[str, str] | None:
        """("set", value), ("column", name), ("none", "") when the rows had no such
        field, or None when it cannot be told."""
        if field in self.given:
            return ("set", self.given[field])
        if self.mapped:
            return None
        found = [c for c in self.columns if _fold_header(c) in _HEADERS_AT_0013[field]]
        if len(found) > 1:
            return None
        return ("column", found[0]) if found else ("none", "")

    def knows(self, field: str) -> bool:
        return self.source(field) is not None

    def named(self, field: str, row: dict | None) -> str | None:
        where = self.source(field)
        if where is None or where[0] == "none":
            return None
        if where[0] == "set":
            return _cell(where[1])
        return _cell(row.get(where[1])) if isinstance(row, dict) else None


def _batches(conn, persons_where: str, params: dict) -> dict[int, _Batch]:
    """The import batches of the persons selected, with the columns of their rows."""
    rows = conn.execute(
        text(
            "SELECT b.id, b.options, array_agg(DISTINCT k.key) AS columns "
            "FROM persons p JOIN import_batches b ON b.id = p.import_batch_id "
            "CROSS JOIN LATERAL jsonb_object_keys(p.import_source) AS k(key) "
            f"WHERE jsonb_typeof(p.import_source) = 'object' AND {persons_where} GROUP BY b.id"
        ),
        params,
    ).all()
    return {r.id: _Batch(r.options, list(r.columns)) for r in rows}


def _report(what: str) -> None:
    print(f"migration 0014: {what}", file=sys.stderr)


def _unit_kind(name: str) -> str:
    """As the importer tells a unit's kind (writers._add_staged_units)."""
    return "partisan" if re.search("партизан|partisan", name, re.IGNORECASE) else "army"


def _relink_persons_to_units(conn) -> None:
    units = conn.execute(text("SELECT id, ref, name FROM units")).all()
    by_ref = {u.ref: u.id for u in units}
    # With the column known, the unit of no letters (old ref "unit:", where "12345" and
    # "67890" both led) is split too.
    imported = {u.id: u for u in units if _IMPORTED_UNIT.match(u.ref)}
    if not imported:
        return
    where, params = "p.unit_id = ANY(:units)", {"units": list(imported)}
    moves: list[tuple[int, int, int]] = []  # person, unit before, unit after
    kept = 0
    changed = _unit_changed_since_import(conn)
    for batch_id, batch in _batches(conn, where, params).items():
        source = batch.source("unit")
        for unit_id, cell, persons in _persons_by_cell(conn, batch_id, source, where, params):
            unit = imported[unit_id]
            name = _cell(cell)
            if name is None or _old_unit_ref(name) != unit.ref:
                kept += len(persons)  # the row does not tell, or the link changed since
                continue
            if _name_key(name) is None:
                kept += len(persons)  # "-": a cell that names no unit; left to a person
                continue
            if _name_key(name) == _name_key(unit.name):
                continue
            ref = _unit_ref(name)
            if ref not in by_ref:
                by_ref[ref] = conn.execute(
                    text("INSERT INTO units (ref, name, kind) VALUES (:r, :n, :k) RETURNING id"),
                    {"r": ref, "n": name, "k": _unit_kind(name)},
                ).scalar_one()
            moving = [p for p in persons if p not in changed]
            kept += len(persons) - len(moving)
            moves.extend((p, unit.id, by_ref[ref]) for p in moving)
    _move_persons(conn, moves)
    _report(f"{len(moves)} persons linked to the unit their row names")
    if kept:
        _report(
            f"{kept} persons of imported units kept their link: the column it came from is "
            "not known (a mapping file, two columns), it was changed after the import (in "
            "the history, or to another unit), or the cell names no unit ('-')"
        )


def _unit_changed_since_import(conn) -> set[int]:
    """Persons whose unit someone changed after the import (the history holds the
    change): a link a person chose, even when it is again the one the row led to."""
    return set(
        conn.execute(
            text(
                "SELECT DISTINCT row_id FROM audit_log WHERE table_name = 'persons' "
                "AND op = 'UPDATE' AND actor IS DISTINCT FROM :actor "
                "AND old_row -> 'unit_id' IS DISTINCT FROM new_row -> 'unit_id'"
            ),
            {"actor": _ACTOR},
        ).scalars()
    )


def _persons_by_cell(conn, batch_id: int, source, where: str, params: dict):
    """(unit, the cell that named it, the persons) of one batch, one per distinct cell."""
    if source is None or source[0] == "none":
        cell, extra = "NULL", {}
    elif source[0] == "set":
        cell, extra = "CAST(:given AS text)", {"given": source[1]}
    else:
        cell, extra = "p.import_source ->> :column", {"column": source[1]}
    return conn.execute(
        text(
            f"SELECT p.unit_id, {cell} AS cell, array_agg(p.id) AS persons FROM persons p "
            f"WHERE p.import_batch_id = :batch AND {where} GROUP BY 1, 2"
        ),
        {**params, **extra, "batch": batch_id},
    ).all()


def _move_persons(conn, moves: list[tuple[int, int, int]]) -> None:
    # A statement per 50,000 persons; the persons' statement triggers (history, counts)
    # join their transition tables, which have no statistics: hash joins, not a nested
    # loop that compares every moved row with every other.
    conn.execute(text("SET LOCAL enable_nestloop = off"))
    for start in range(0, len(moves), _PART):
        person, before, after = (list(c) for c in zip(*moves[start : start + _PART], strict=True))
        conn.execute(
            text(
                "UPDATE persons p SET unit_id = m.after FROM unnest(CAST(:p AS integer[]), "
                "CAST(:b AS integer[]), CAST(:a AS integer[])) AS m(person_id, before, after) "
                "WHERE p.id = m.person_id AND p.unit_id = m.before"
            ),
            {"p": person, "b": before, "a": after},
        )
    conn.execute(text("RESET enable_nestloop"))


def _relink_members(conn) -> None:
    """A membership an import made is moved to the brigade, and the detachment under it,
    that the person's row names, when the row led to the stored one by the old keys."""
    memberships = conn.execute(
        text(
            "SELECT m.person_id, m.unit_id, m.import_batch_id, p.import_source, f.kind, "
            "f.name, b.name AS brigade FROM partisan_memberships m "
            "JOIN persons p ON p.id = m.person_id AND p.import_batch_id = m.import_batch_id "
            "JOIN partisan_units f ON f.id = m.unit_id "
            "LEFT JOIN partisan_units b ON b.id = f.brigade_id"
        )
    ).all()  # a register's partisans are few
    others = conn.execute(
        text(
            "SELECT count(*) FROM partisan_memberships m JOIN persons p ON p.id = m.person_id "
            "WHERE m.import_batch_id IS DISTINCT FROM p.import_batch_id"
        )
    ).scalar_one()
    if others:
        _report(f"{others} partisan memberships made by hand or by a later import: not checked")
    if not memberships:
        return
    batches = _batches(conn, "p.id = ANY(:ids)", {"ids": [m.person_id for m in memberships]})
    moves, kept = [], 0  # (person, formation before, formation after, batch)
    for m in memberships:
        batch = batches.get(m.import_batch_id)
        if batch is None or not (batch.knows("brigade") and batch.knows("detachment")):
            kept += 1
            continue
        brigade = batch.named("brigade", m.import_source)
        detachment = batch.named("detachment", m.import_source)
        if not _led_to(m, brigade, detachment):
            kept += 1
            continue
        after = _formation_named(conn, brigade, detachment, m.import_batch_id)
        if after is None:
            kept += 1
        elif after != m.unit_id:
            moves.append((m.person_id, m.unit_id, after, m.import_batch_id))
    # One membership per person and formation (two moving to one would collide).
    moves = list({(p, a): (p, b, a, batch) for p, b, a, batch in reversed(moves)}.values())
    moved = _move_memberships(conn, moves)
    kept += len(moves) - moved  # the person is in the formation it would move to already
    _report(f"{moved} partisan memberships linked to the formation their row names")
    if kept:
        _report(
            f"{kept} imported partisan memberships kept: the columns are not known, the "
            "membership was changed after the import, or the person is in that formation"
        )


def _led_to(m, brigade: str | None, detachment: str | None) -> bool:
    """Whether the row's cells, by the old keys, name the formation it is linked to."""
    if detachment:
        return (
            m.kind == "detachment"
            and _phonetic_key(m.name) == _phonetic_key(detachment)
            and _phonetic_key(m.brigade) == _phonetic_key(brigade)
        )
    return bool(brigade) and m.kind == "brigade" and _phonetic_key(m.name) == _phonetic_key(brigade)


def _formation_named(conn, brigade: str | None, detachment: str | None, batch: int):
    """The brigade the row names, then its detachment under it: found by the new key,
    or made as an import makes them; None when one cannot be stored (its ref taken)."""
    brigade_id = _formation(conn, "brigade", brigade, None, batch) if brigade else None
    if brigade and brigade_id is None:
        return None
    if not detachment:
        return brigade_id
    return _formation(conn, "detachment", detachment, brigade_id, batch)


def _formation(conn, kind: str, name: str, brigade_id: int | None, batch: int) -> int | None:
    key = _name_key(name)
    found = conn.execute(
        text(
            "SELECT id FROM partisan_units WHERE kind = :k AND name_key = :key "
            "AND brigade_id IS NOT DISTINCT FROM :b ORDER BY id LIMIT 1"
        ),
        {"k": kind, "key": key, "b": brigade_id},
    ).scalar()
    if found is not None:
        return found
    where = f"{brigade_id or '-'}:" if kind == "detachment" else ""
    return conn.execute(
        text(
            "INSERT INTO partisan_units (ref, kind, name, name_key, brigade_id, "
            "import_batch_id) VALUES (:r, :k, :n, :key, :b, :batch) "
            "ON CONFLICT (ref) DO NOTHING RETURNING id"
        ),
        {
            "r": _bounded(f"formation:{kind}:{where}{key}"),
            "k": kind,
            "n": name,
            "key": key,
            "b": brigade_id,
            "batch": batch,
        },
    ).scalar()


def _move_memberships(conn, moves: list[tuple[int, int, int, int]]) -> int:
    """Move each membership (unless the person is already in the formation it moves
    to) and write the history entry of each one moved."""
    if not moves:
        return 0
    person, before, after, _ = (list(c) for c in zip(*moves, strict=True))
    moved = conn.execute(
        text(
            "UPDATE partisan_memberships m SET unit_id = x.after FROM unnest("
            "CAST(:p AS integer[]), CAST(:b AS integer[]), CAST(:a AS integer[])) "
            "AS x(person_id, before, after) WHERE m.person_id = x.person_id "
            "AND m.unit_id = x.before AND NOT EXISTS (SELECT 1 FROM "
            "partisan_memberships o WHERE o.person_id = x.person_id "
            "AND o.unit_id = x.after) RETURNING m.person_id, x.before, x.after"
        ),
        {"p": person, "b": before, "a": after},
    ).all()
    if not moved:
        return 0
    names = dict(conn.execute(text("SELECT id, name FROM partisan_units")).all())
    conn.execute(
        text(
            "INSERT INTO audit_log (table_name, op, row_id, old_row, new_row, actor) "
            "VALUES ('partisan_memberships', 'UPDATE', :person, CAST(:old AS jsonb), "
            "CAST(:new AS jsonb), :actor)"
        ),
        [
            {
                "person": m.person_id,
                "old": json.dumps({"partisan_formation": names[m.before]}, ensure_ascii=False),
                "new": json.dumps({"partisan_formation": names[m.after]}, ensure_ascii=False),
                "actor": _ACTOR,
            }
            for m in moved
        ],
    )
    return len(moved)


def _key_formations_again(conn, name_key) -> None:
    for unit_id, name in conn.execute(text("SELECT id, name FROM partisan_units")).all():
        key = name_key(name)
        if key is not None:
            conn.execute(
                text(
                    "UPDATE partisan_units SET name_key = :k "
                    "WHERE id = :id AND name_key IS DISTINCT FROM :k"
                ),
                {"k": key, "id": unit_id},
            )


def _key_units_again(conn, ref_from, ref_to) -> None:
    taken = set(conn.execute(text("SELECT ref FROM units")).scalars())
    for unit_id, ref, name in conn.execute(
        text("SELECT id, ref, name FROM units ORDER BY id")
    ).all():
        new = ref_to(name)
        # Only units an import made; a name that folds to a ref another unit holds (two
        # spellings of one name), or to an old ref longer than the column, keeps its ref.
        if ref != ref_from(name) or new is None or new in taken or len(new) > 200:
            continue
        conn.execute(text("UPDATE units SET ref = :r WHERE id = :id"), {"r": new, "id": unit_id})
        taken.discard(ref)
        taken.add(new)


def upgrade() -> None:
    conn = op.get_bind()
    conn.execute(text("SELECT set_config('mapapp.actor', :a, true)"), {"a": _ACTOR})
    # Formations first: the members' new formations are then found by the new keys.
    _key_formations_again(conn, _name_key)
    _relink_persons_to_units(conn)  # by the units' old refs, before they change
    _relink_members(conn)
    _key_units_again(
        conn,
        lambda name: _old_unit_ref(name) if _IMPORTED_UNIT.match(_old_unit_ref(name)) else None,
        _unit_ref,
    )


def downgrade() -> None:
    """The old keys again; the units and formations made and the links changed stay
    (they are right under either key)."""
    conn = op.get_bind()
    _key_formations_again(conn, _phonetic_key)
    _key_units_again(conn, _unit_ref, _old_unit_ref)
