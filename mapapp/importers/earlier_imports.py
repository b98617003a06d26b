"""The committed imports of a file of the same name (and sheet): the list imported before,
which a file imported now may correct."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def earlier_imports(conn: Connection, file_name: str, sheet: str | None) -> list[int]:
    """The ids of the committed (or partly undone) persons imports of a file named
    ``file_name``, of the same sheet: another sheet of a workbook is another list. An
    import recorded before batches named their sheet is taken for a file without
    sheets only."""
    return list(
        conn.execute(
            text(
                "SELECT id FROM import_batches WHERE kind = 'persons' AND file_name = :file "
                "AND status <> 'undone' AND options->>'sheet' IS NOT DISTINCT FROM :sheet "
                "ORDER BY id"
            ),
            {"file": file_name, "sheet": sheet},
        ).scalars()
    )
