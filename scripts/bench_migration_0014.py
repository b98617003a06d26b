"""Benchmark of migration 0014 on a register imported before it (a benchmark, not a test).

    python scripts/bench_import.py --persons 1000000     # fills mapapp_bench first
    python scripts/bench_migration_0014.py

Takes the benchmark database (a name ending in "_bench", see bench_database.py) back to
revision 0013, joins its units as the old phonetic key joined them (numbers left out:
"88 сп 125 сд" and "89 сп 126 сд" were one unit), with no history of the join, as an
import before 0014 left them; then times the upgrade to 0014 and counts the persons whose
unit is not the one their row as read names (none, when the migration is right).
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

from bench_database import bench_settings
from sqlalchemy import text

from mapapp import db as database

MIGRATION = Path(__file__).resolve().parents[1] / "migrations/versions/0014_formation_identity.py"
UNIT_COLUMN = "Последнее место службы"  # the synthetic register's unit column


def _migration():
    spec = importlib.util.spec_from_file_location("migration_0014", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def join_units_by_old_key(conn, old_ref) -> tuple[int, int]:
    """Each group of units the old key read as one becomes its first unit: persons moved
    to it, the others deleted. The audit log is emptied after: no history of the join,
    as an import before 0014 left them."""
    conn.execute(text("SET LOCAL enable_nestloop = off"))
    groups: dict[str, list[int]] = {}
    for unit_id, name in conn.execute(text("SELECT id, name FROM units ORDER BY id")):
        groups.setdefault(old_ref(name), []).append(unit_id)
    for ref, (kept, *others) in groups.items():
        if others:
            conn.execute(
                text("UPDATE persons SET unit_id = :k WHERE unit_id = ANY(:o)"),
                {"k": kept, "o": others},
            )
            conn.execute(text("DELETE FROM units WHERE id = ANY(:o)"), {"o": others})
        conn.execute(text("UPDATE units SET ref = :r WHERE id = :k"), {"r": ref, "k": kept})
    conn.execute(text("TRUNCATE audit_log"))
    return sum(len(ids) for ids in groups.values()), len(groups)


def main() -> None:
    engine = database.make_engine(bench_settings().database_url)
    database.upgrade(engine)
    database.downgrade(engine, "0013")
    with engine.begin() as conn:
        before, joined = join_units_by_old_key(conn, _migration()._old_unit_ref)
    print(f"{before:,} units joined into {joined:,} by the old key")
    started = time.perf_counter()
    database.upgrade(engine, "0014")
    print(f"upgrade 0013 -> 0014: {time.perf_counter() - started:.1f} s")
    database.upgrade(engine)
    with engine.connect() as conn:
        units = conn.execute(text("SELECT count(*) FROM units")).scalar_one()
        wrong = conn.execute(
            text(
                "SELECT count(*) FROM persons p JOIN units u ON u.id = p.unit_id "
                "WHERE u.name <> btrim(p.import_source ->> :column)"
            ),
            {"column": UNIT_COLUMN},
        ).scalar_one()
    print(f"{units:,} units after; {wrong:,} persons whose unit is not the one their row names")


if __name__ == "__main__":
    main()
