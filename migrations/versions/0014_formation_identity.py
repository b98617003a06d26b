"""Units and partisan formations known by their names as written, folded only for case,
quotes, stress marks, "ё" and punctuation: names that differ in a number or a letter
("1373-й" and "1375-й стрелковый полк", "бригада №1" and "№2") are two formations.

Before this, an import keyed them by the phonetic search key, which leaves digits out and
reads alike spellings as one, so such names were taken for one formation. Here:

* ``partisan_units.name_key`` is computed again from each name;
* the units an import made (ref ``unit:`` and a key of Latin letters) get the new ref;
* a person an import linked to a unit or formation of another name is linked again to
  the one the row as read names (``import_source``: the cell whose old key led to the
  stored one), which is made when it is not stored yet. The history records each change
  as made by this migration. A person whose row does not tell (no provenance, or two
  cells that could be it) keeps the link.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

import hashlib
import re
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


def _named_in_row(row: dict | None, old_key, stored_old_key: str) -> str | None:
    """The cell of the row as read whose old key is the stored one's, when one name
    (new key) is all such cells say; else None."""
    if not stored_old_key or stored_old_key == "unit:":
        return None  # a key of no letters: any date or number in the row would match it
    cells = [v for v in (row or {}).values() if isinstance(v, str) and v.strip()]
    named = {_name_key(v): v.strip() for v in cells if old_key(v) == stored_old_key}
    named.pop(None, None)
    return next(iter(named.values())) if len(named) == 1 else None


def _relink_persons_to_units(conn) -> None:
    units = conn.execute(text("SELECT id, ref, name, kind FROM units")).all()
    by_ref = {u.ref: u.id for u in units}
    imported = {u.id: u for u in units if _IMPORTED_UNIT.match(u.ref) and u.ref != "unit:"}
    if not imported:
        return
    moves: dict[int, int] = {}  # person -> unit
    persons = conn.execute(
        text(
            "SELECT id, unit_id, import_source FROM persons "
            "WHERE unit_id = ANY(:units) AND import_source IS NOT NULL"
        ).execution_options(yield_per=10_000),  # the rows as read: read in parts
        {"units": list(imported)},
    )
    for person in persons:
        unit = imported[person.unit_id]
        name = _named_in_row(person.import_source, _old_unit_ref, unit.ref)
        if name is None or _name_key(name) == _name_key(unit.name):
            continue
        ref = _unit_ref(name)
        if ref not in by_ref:
            by_ref[ref] = None  # made below, with the first person who names it
        moves[person.id] = (ref, name, unit.kind)
    for ref, name, kind in {m[0]: m for m in moves.values()}.values():
        if by_ref[ref] is None:
            by_ref[ref] = conn.execute(
                text("INSERT INTO units (ref, name, kind) VALUES (:r, :n, :k) RETURNING id"),
                {"r": ref, "n": name, "k": kind},
            ).scalar_one()
    # A statement per 50,000 persons; the persons' statement triggers (history, counts)
    # join their transition tables, which have no statistics: hash joins, not a nested
    # loop that compares every moved row with every other.
    conn.execute(text("SET LOCAL enable_nestloop = off"))
    moved = list(moves.items())
    for start in range(0, len(moved), 50_000):
        part = moved[start : start + 50_000]
        conn.execute(
            text(
                "UPDATE persons p SET unit_id = m.unit_id FROM unnest(CAST(:p AS integer[]), "
                "CAST(:u AS integer[])) AS m(person_id, unit_id) WHERE p.id = m.person_id"
            ),
            {"p": [p for p, _ in part], "u": [by_ref[ref] for _, (ref, _, _) in part]},
        )
    conn.execute(text("SET LOCAL enable_nestloop TO DEFAULT"))


def _relink_members(conn) -> None:
    memberships = conn.execute(
        text(
            "SELECT m.person_id, m.unit_id, m.import_batch_id, p.import_source, f.kind, "
            "f.name, f.name_key, f.brigade_id FROM partisan_memberships m "
            "JOIN persons p ON p.id = m.person_id JOIN partisan_units f ON f.id = m.unit_id "
            "WHERE p.import_source IS NOT NULL"
        )
    ).all()  # a register's partisans are few
    moves = []  # (person, formation before, formation after)
    made: dict[tuple, int] = {}
    for m in memberships:
        name = _named_in_row(m.import_source, _phonetic_key, _phonetic_key(m.name))
        if name is None or _name_key(name) == _name_key(m.name):
            continue
        key = _name_key(name)
        where = (m.kind, key, m.brigade_id)
        if where not in made:
            made[where] = _formation(conn, m, name, key)
        moves.append((m.person_id, m.unit_id, made[where]))
    # One membership per person and formation (two moving to one would collide).
    moves = list({(p, a): (p, b, a) for p, b, a in reversed(moves)}.values())
    if moves:
        person, before, after = (list(column) for column in zip(*moves, strict=True))
        conn.execute(
            text(
                "UPDATE partisan_memberships m SET unit_id = x.after FROM unnest("
                "CAST(:p AS integer[]), CAST(:b AS integer[]), CAST(:a AS integer[])) "
                "AS x(person_id, before, after) WHERE m.person_id = x.person_id "
                "AND m.unit_id = x.before AND NOT EXISTS (SELECT 1 FROM "
                "partisan_memberships o WHERE o.person_id = x.person_id "
                "AND o.unit_id = x.after)"
            ),
            {"p": person, "b": before, "a": after},
        )


def _formation(conn, m, name: str, key: str) -> int:
    """The formation of this kind (and brigade) with this key: found, or made."""
    found = conn.execute(
        text(
            "SELECT id FROM partisan_units WHERE kind = :k AND name_key = :key "
            "AND brigade_id IS NOT DISTINCT FROM :b ORDER BY id LIMIT 1"
        ),
        {"k": m.kind, "key": key, "b": m.brigade_id},
    ).scalar()
    if found is not None:
        return found
    where = f"{m.brigade_id or '-'}:" if m.kind == "detachment" else ""
    return conn.execute(
        text(
            "INSERT INTO partisan_units (ref, kind, name, name_key, brigade_id, "
            "import_batch_id) VALUES (:r, :k, :n, :key, :b, :batch) RETURNING id"
        ),
        {
            "r": _bounded(f"formation:{m.kind}:{where}{key}"),
            "k": m.kind,
            "n": name,
            "key": key,
            "b": m.brigade_id,
            "batch": m.import_batch_id,
        },
    ).scalar_one()


def _key_formations_again(conn, name_key) -> None:
    for unit_id, name in conn.execute(text("SELECT id, name FROM partisan_units")).all():
        key = name_key(name)
        if key is not None:
            conn.execute(
                text("UPDATE partisan_units SET name_key = :k WHERE id = :id"),
                {"k": key, "id": unit_id},
            )


def _key_units_again(conn, ref_from, ref_to) -> None:
    taken = set(conn.execute(text("SELECT ref FROM units")).scalars())
    for unit_id, ref, name in conn.execute(
        text("SELECT id, ref, name FROM units ORDER BY id")
    ).all():
        new = ref_to(name)
        # Only units an import made; a name that folds to a ref another unit holds (two
        # spellings of one name) keeps its ref.
        if ref != ref_from(name) or new is None or new in taken:
            continue
        conn.execute(text("UPDATE units SET ref = :r WHERE id = :id"), {"r": new, "id": unit_id})
        taken.discard(ref)
        taken.add(new)


def upgrade() -> None:
    conn = op.get_bind()
    conn.execute(text("SELECT set_config('mapapp.actor', 'migration 0014', true)"))
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
