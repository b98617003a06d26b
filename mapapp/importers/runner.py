"""Run one import: read, map, check every row, resolve links, then write in one
transaction (or nothing at all), and record the batch."""

from __future__ import annotations

import csv
import gc
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from sqlalchemy import Engine, text

from mapapp.importers import writers
from mapapp.importers.columns import load_mapping_file, map_columns
from mapapp.importers.errors import ImportFileError, Problem
from mapapp.importers.links import SiteResolver
from mapapp.importers.readers import read_table
from mapapp.importers.records import CHECKERS, Checked, RowContext


@dataclass
class ImportOptions:
    kind: str  # sites | battles | persons
    path: Path
    dry_run: bool = False
    skip_invalid: bool = False
    mapping: Path | None = None
    encoding: str | None = None
    crs: str | None = None
    rejects: Path | None = None
    region_bbox: tuple[float, float, float, float] = (23.1, 51.2, 32.8, 56.2)


@dataclass
class ImportReport:
    kind: str
    file: str
    rows_read: int = 0
    added: int = 0
    present: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    delimiter: str | None = None
    crs: str | None = None
    batch_id: int | None = None
    committed: bool = False
    rejects_file: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _transformer(crs: str | None) -> Transformer | None:
    if not crs:
        return None
    try:
        source = CRS.from_user_input(crs)
    except CRSError as exc:
        raise ImportFileError(f"unknown CRS {crs!r} ({exc})") from None
    return Transformer.from_crs(source, CRS.from_epsg(4326), always_xy=True)


def run_import(
    engine: Engine, options: ImportOptions, progress: Callable[[str, int], None] | None = None
) -> ImportReport:
    # Millions of small, acyclic objects: the cyclic garbage collector would only keep
    # re-scanning them (a third of the time of a large import), so it pauses meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_import(engine, options, progress or (lambda stage, n: None))
    finally:
        if collecting:
            gc.enable()


def _run_import(engine: Engine, options: ImportOptions, progress) -> ImportReport:
    table = read_table(options.path, options.encoding)
    mapping = load_mapping_file(options.mapping) if options.mapping else None
    columns = map_columns(options.kind, table.columns, mapping)
    if table.crs and options.crs:
        raise ImportFileError("the file carries its own CRS; --crs is only for CSV and XLSX")
    report = ImportReport(
        kind=options.kind,
        file=str(options.path),
        unmapped=columns.unmapped,
        mapped=columns.field_of,
        encoding=table.encoding,
        delimiter=table.delimiter,
        crs=table.crs or options.crs,
    )
    ctx = RowContext(
        kind=options.kind,
        field_of=columns.field_of,
        region_bbox=options.region_bbox,
        transformer=_transformer(options.crs),
    )
    checker = CHECKERS[options.kind]
    checked: list[Checked] = []
    for row, raw in table.rows:
        checked.append(checker(ctx, row, raw))
        if len(checked) % 50_000 == 0:
            progress("checked", len(checked))
    progress("checked", len(checked))
    report.rows_read = len(checked) + len({p.row for p in table.problems})
    if report.rows_read == 0:
        raise ImportFileError(f"{options.path.name}: no data rows (only a header?)")
    rejected_rows = {p.row: [p] for p in table.problems}
    _mark_duplicates(checked)
    with engine.begin() as conn:
        if options.kind == "persons":
            _resolve_links(conn, checked)
        for item in checked:
            report.warnings += item.warnings
            if item.problems:
                rejected_rows.setdefault(item.row, []).extend(item.problems)
        report.problems = [p for row in sorted(rejected_rows) for p in rejected_rows[row]]
        report.rejected = len(rejected_rows)
        good = [c for c in checked if c.record is not None and not c.problems]
        if options.dry_run:
            report.present = _already_stored(conn, options.kind, good)
            report.added = len(good) - report.present
        if options.dry_run or (report.problems and not options.skip_invalid):
            conn.rollback()
            _write_rejects(options, table.columns, checked, rejected_rows, report)
            return report
        batch_id = writers.create_batch(conn, options, file_sha256(options.path))
        added, present = writers.WRITERS[options.kind](conn, good, batch_id, options, progress)
        report.added, report.present, report.batch_id = added, present, batch_id
        writers.finish_batch(conn, batch_id, report)
        report.committed = True
    _write_rejects(options, table.columns, checked, rejected_rows, report)
    return report


_TABLES = {"sites": "burial_sites", "battles": "battle_locations", "persons": "persons"}


def _already_stored(conn, kind: str, good: list[Checked]) -> int:
    """How many of the good rows a real run would find already stored (dry runs)."""
    stored = set(
        conn.execute(
            text(f"SELECT ref FROM {_TABLES[kind]} WHERE ref = ANY(:refs)"),
            {"refs": [c.record["ref"] for c in good]},
        ).scalars()
    )
    numbers: set = set()
    if kind == "sites":  # a register number already stored is never added again
        numbers = set(
            conn.execute(
                text("SELECT register_number FROM burial_sites WHERE register_number = ANY(:n)"),
                {"n": [c.record["register_number"] for c in good if c.record["register_number"]]},
            ).scalars()
        )
    return sum(
        1
        for c in good
        if c.record["ref"] in stored or (numbers and c.record.get("register_number") in numbers)
    )


def _mark_duplicates(checked: list[Checked]) -> None:
    first_row: dict[str, int] = {}
    for item in checked:
        if item.record is None:
            continue
        ref = item.record["ref"]
        if ref in first_row:
            item.problems.append(
                Problem(item.row, None, f"duplicate of row {first_row[ref]} (same record)")
            )
        else:
            first_row[ref] = item.row


def _resolve_links(conn, checked: list[Checked]) -> None:
    items = [c for c in checked if c.record is not None and not c.problems]
    results = SiteResolver(conn).resolve_all([c.record["link"] for c in items])
    for item, result in zip(items, results, strict=True):
        if isinstance(result, str):
            item.problems.append(Problem(item.row, "burial site", result))
        else:
            item.record["site_id"] = result


def _write_rejects(options, columns, checked, rejected_rows, report) -> None:
    """With --skip-invalid, write the rejected rows and their reasons to a CSV file that
    can be corrected and imported again."""
    if not options.skip_invalid or not rejected_rows:
        return
    path = options.rejects or options.path.with_name(options.path.stem + ".rejected.csv")
    sources = {c.row: c.source for c in checked}
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([*columns, "_row", "_problems"])
        for row in sorted(rejected_rows):
            source = sources.get(row, {})
            reasons = "; ".join(str(p) for p in rejected_rows[row])
            writer.writerow([*(source.get(c, "") for c in columns), row, reasons])
    report.rejects_file = path


def report_json(report: ImportReport) -> str:
    return json.dumps(
        {
            "kind": report.kind,
            "file": report.file,
            "rows_read": report.rows_read,
            "added": report.added,
            "present": report.present,
            "rejected": report.rejected,
            "problems": [str(p) for p in report.problems],
            "warnings": [str(p) for p in report.warnings],
            "unmapped_columns": report.unmapped,
            "batch_id": report.batch_id,
            "committed": report.committed,
        },
        ensure_ascii=False,
        indent=1,
    )
