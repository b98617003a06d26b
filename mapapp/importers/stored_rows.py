"""Stored persons read again by today's checks: what an earlier import let in that an
import of the same file would refuse now (a list's heading stored as a person, a rank
stored as a patronymic, a date or fate no longer read as it was).

Each person keeps the row as its import read it, and the batch names which column was
read as which field, the further columns read where those were empty, and the ``--set``
values, so the row can be checked again as it would be imported today. Nothing is
changed: the persons found are listed, for a moderator to correct or withdraw through a
contribution (or for the batch to be undone and its file imported again).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, text

from mapapp.contributions.record_work import DERIVED
from mapapp.importers.columns import further_columns
from mapapp.importers.errors import Problem
from mapapp.importers.links import SiteResolver
from mapapp.importers.person_columns import check_person_chunk
from mapapp.importers.records import RowContext, check_person
from mapapp.importers.runner import ImportOptions

CHUNK = 50_000  # as an import checks them


class BatchNotReadable(Exception):
    """The batch is not a persons import whose rows can be read again."""


@dataclass(frozen=True)
class RefusedToday:
    """A stored person whose row today's checks refuse."""

    person_id: int
    ref: str
    name: str  # as stored
    row: int | None
    problems: tuple[Problem, ...]
    edited: bool  # since the import (_EDITED)


_BATCHES = text(
    """
    SELECT id, file_name, options FROM import_batches
    WHERE kind = 'persons' AND status <> 'undone' AND (CAST(:batch AS int) IS NULL OR id = :batch)
    ORDER BY id
    """
)
_PERSONS = text(
    """
    SELECT p.id, p.ref, concat_ws(' ', p.surname, p.given_name, p.patronymic) AS name,
           p.import_row, p.import_source
    FROM persons p
    WHERE p.import_batch_id = :batch AND p.withdrawn_at IS NULL AND p.import_source IS NOT NULL
    ORDER BY p.import_row, p.id
    """
)
# Changed since the import by someone, as an undo counts it (record_work), or by an
# approved contribution: a correction may have mended the record already.
_EDITED = text(
    """
    SELECT DISTINCT a.row_id FROM audit_log a
    WHERE a.table_name = 'persons' AND a.row_id = ANY(:ids) AND a.op = 'UPDATE'
      AND a.actor NOT LIKE 'migration %' AND a.actor NOT LIKE 'import batch %'
      AND (a.old_row - CAST(:derived AS text[]))
          IS DISTINCT FROM (a.new_row - CAST(:derived AS text[]))
    """
)


def persons_batches(conn: Connection, batch_id: int | None) -> list[dict]:
    """The persons batches to read again (one, or all not undone); BatchNotReadable when
    ``batch_id`` names none."""
    batches = [dict(b) for b in conn.execute(_BATCHES, {"batch": batch_id}).mappings()]
    if batch_id is not None and not batches:
        kind = conn.execute(
            text("SELECT kind, status FROM import_batches WHERE id = :id"), {"id": batch_id}
        ).first()
        if kind is None:
            raise BatchNotReadable(f"no import batch {batch_id}")
        if kind.status == "undone":
            raise BatchNotReadable(f"import batch {batch_id} was undone: it holds no records")
        raise BatchNotReadable(
            f"import batch {batch_id} imported {kind.kind}; only persons are read again"
        )
    return batches


def row_context(batch: dict, header: list[str]) -> RowContext:
    """The context an import of the batch's file would check its rows in today: its
    columns as that import read them, the further columns it read where those were empty,
    and its ``--set`` values. ``header``: the file's columns (a row as read's keys), to
    work out the further columns of a batch from before they were recorded."""
    options = batch["options"] or {}
    columns = options.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise BatchNotReadable(
            f"import batch {batch['id']} ({batch['file_name']}) does not record which of its "
            "columns was read as which field: its rows cannot be read again"
        )
    further = options.get("also_named")
    if not isinstance(further, dict):  # recorded since; the headers say the same
        unmapped = [column for column in header if column not in columns]
        further = further_columns("persons", unmapped, columns)
    return RowContext(
        kind="persons",
        field_of=dict(columns),
        region_bbox=ImportOptions.region_bbox,
        given=dict(options.get("set") or {}),
        record_source=batch["file_name"],
        fallback_of=dict(further),
    )


def refused_today(conn: Connection, batch: dict, progress=None) -> Iterator[RefusedToday]:
    """The batch's stored persons (withdrawn ones left out) whose row as read today's
    checks refuse, in the order of the file's rows. ``progress(persons read)`` is called
    after each CHUNK.

    As an import does, each chunk is checked column by column first (person_columns:
    each distinct value once), and only the rows it hands back are checked row by row,
    which says why: the same verdicts as check_person on every row, in less time."""
    ctx = None
    resolver = SiteResolver(conn)
    persons = conn.execute(
        _PERSONS,
        {"batch": batch["id"]},
        execution_options={"stream_results": True, "yield_per": CHUNK},
    )
    read = 0
    while chunk := persons.fetchmany(CHUNK):
        cells = [(i, _as_cells(person.import_source)) for i, person in enumerate(chunk)]
        ctx = ctx or row_context(batch, list(cells[0][1]))
        refused = []
        for i, raw in check_person_chunk(ctx, cells, resolver).by_row:
            person = chunk[i]
            checked = check_person(ctx, person.import_row or 0, raw)
            if checked.problems:
                refused.append((person, tuple(checked.problems)))
        edited = _edited(conn, [person.id for person, _ in refused])
        for person, problems in refused:
            yield RefusedToday(
                person_id=person.id,
                ref=person.ref,
                name=person.name,
                row=person.import_row,
                problems=problems,
                edited=person.id in edited,
            )
        read += len(chunk)
        if progress is not None:
            progress(read)


def _edited(conn: Connection, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    return set(conn.execute(_EDITED, {"ids": ids, "derived": DERIVED}).scalars())


def _as_cells(source: dict) -> dict:
    """The row as read, as the reader gave it: every cell text (JSON keeps a number an
    XLSX cell held as a number; the import read it as its text)."""
    return {
        column: value if value is None or isinstance(value, str) else str(value)
        for column, value in source.items()
    }
