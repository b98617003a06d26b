"""Run one import: read, map, check every row, resolve links, then write in one
transaction (or nothing at all), and record the batch."""

from __future__ import annotations

import csv
import gc
import hashlib
import itertools
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from sqlalchemy import Engine, text

from mapapp.exports import spreadsheet_cell
from mapapp.importers import values, writers
from mapapp.importers.absent_records import AbsentRecords, absent_records
from mapapp.importers.battle_duplicates import possible_duplicate_battles
from mapapp.importers.columns import (
    REJECTS_COLUMNS,
    ColumnNotFound,
    check_repeated_headers,
    grave_columns,
    load_mapping_file,
    map_columns,
    no_grave_column_note,
    other_kind_note,
    row_number_columns,
)
from mapapp.importers.earlier_imports import earlier_imports
from mapapp.importers.earlier_namesakes import EarlierNamesakes, earlier_namesakes
from mapapp.importers.errors import ImportFileError, Problem
from mapapp.importers.field_limits import FIELD_LIMITS, too_long
from mapapp.importers.links import Gazetteer, SiteResolver, save_placements
from mapapp.importers.number_keys import (
    place_region,
    region_match,
    register_key,
    register_match,
    site_register_place,
)
from mapapp.importers.other_sheets import other_sheets_said, sheet_read
from mapapp.importers.person_columns import check_person_chunk
from mapapp.importers.present_places import present_places, read_stored
from mapapp.importers.readers import read_table
from mapapp.importers.records import (
    CHECKERS,
    COUNT_PARSERS,
    DATE_PARSERS,
    Checked,
    RowContext,
    record_ref_prefix,
)
from mapapp.importers.region_border import BORDER_FILE, RegionBorder, load_border
from mapapp.importers.row_repeats import repeat_reasons
from mapapp.importers.several_graves import extra_rows_of_new, judge_graves
from mapapp.importers.site_duplicates import note_possible_duplicate_sites
from mapapp.importers.staged_refs import StagedRefs
from mapapp.importers.unknown_origins import unknown_origins, unknown_origins_note
from mapapp.importers.whole_names import RanksAsSurnames, WholeNamesInSurnames
from mapapp.queries.site_duplicates import possible_duplicate_sites


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
    region_border: Path | None = BORDER_FILE  # None: the box alone
    # One value for a field the file lacks, for every row: {"kind": "mass_grave"}.
    given: dict[str, str] = field(default_factory=dict)
    # Whose record ids the file carries (default: the file's name).
    source: str | None = None
    sheet: str | None = None  # of an XLSX workbook (default: the one it opens on) or a GeoPackage
    # Large person loads drop and restore foreign keys and indexes, which locks readers
    # of persons and burials out until the commit; online loads take row locks only
    # (readers go on) and are slower.
    online: bool = False
    chunk_rows: int = 50_000


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
    also_named: dict[str, str] = field(default_factory=dict)  # columns.ColumnMap
    # What the mapping leaves out that matters (columns.no_grave_column_note).
    notes: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    crs: str | None = None
    sheet: str | None = None
    other_sheets: list[str] = field(default_factory=list)
    sheet_word: str = "sheet"  # or "layer" (a GeoPackage)
    batch_id: int | None = None
    committed: bool = False
    rejects_file: Path | None = None
    possible_duplicates: int = 0
    duplicate_pairs: list[dict] = field(default_factory=list)
    # Sites near a stored site (or of its name nearby): listed for review, never merged.
    possible_duplicate_sites: int = 0
    # Battle locations added that may repeat a stored one (battle_duplicates).
    duplicate_battle_pairs: list[dict] = field(default_factory=list)
    duplicate_site_pairs: list[dict] = field(default_factory=list)
    # Records already stored with other values than their rows (persons): never changed.
    present_differing: int = 0
    present_differing_rows: list[int] = field(default_factory=list)
    present_differing_fields: dict[str, int] = field(default_factory=dict)
    present_other_surname: int = 0  # of them, stored under another surname
    # New persons of a file with a grave column whose grave cells are empty: how many,
    # and the first rows (_note_without_grave).
    without_grave: int = 0
    without_grave_rows: list[int] = field(default_factory=list)
    # Sites without coordinates placed by the gazetteer: row, precision, at (a place).
    placed: list[dict] = field(default_factory=list)
    # Record ids and names of this file stored under another source (a renamed export?)
    ids_elsewhere: writers.IdsElsewhere = field(default_factory=writers.IdsElsewhere)
    # New records without an id whose names an import of a file so named stored (a
    # corrected list without ids imported again?)
    earlier_namesakes: EarlierNamesakes = field(default_factory=EarlierNamesakes)
    # Records an earlier import of this file stored that it no longer holds (persons).
    absent: AbsentRecords = field(default_factory=AbsentRecords)
    # Persons with a birthplace but no home country or region (unknown_origins).
    unknown_origins: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _border(options: ImportOptions) -> RegionBorder | None:
    """The border a site or battle point is checked against (persons carry no points)."""
    if options.region_border is None or options.kind == "persons":
        return None
    try:
        return load_border(options.region_border)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ImportFileError(
            f"the region's border ({options.region_border}, MAPAPP_REGION_BORDER) cannot be "
            f"read: {exc}"
        ) from None


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
    _check_rejects_path(options)
    table, columns = open_mapped(options)
    report = ImportReport(
        kind=options.kind,
        file=str(options.path),
        unmapped=columns.unmapped,
        mapped=columns.field_of,
        also_named=columns.also_named,
        encoding=table.encoding,
        delimiter=table.delimiter,
        crs=table.crs or options.crs,
        sheet=table.sheet,
        other_sheets=table.other_sheets,
        sheet_word=table.sheet_word,
    )
    ctx = RowContext(
        kind=options.kind,
        field_of=columns.field_of,
        region_bbox=options.region_bbox,
        border=_border(options),
        transformer=_transformer(options.crs),
        given=checked_given(options),
        record_source=options.source or _rejects_source(table) or _file_source(options, table),
        fallback_of=columns.also_named,
        feature_points=table.feature_points,
    )
    report.notes += columns.notes
    report.notes += [n for n in [other_kind_note(options.kind, columns.unmapped)] if n]
    if hidden := table.hidden_rows:
        shown = ", ".join(map(str, hidden[:20])) + (" …" if len(hidden) > 20 else "")
        report.notes.append(
            f"{len(hidden):,} hidden "
            + (
                "row of the sheet ({}) is" if len(hidden) == 1 else "rows of the sheet ({}) are"
            ).format(shown)
            + " read like the others: a filter or a hand hid them; delete them from the file "
            "if they are not to be imported"
        )
    if options.kind == "persons":
        note = no_grave_column_note(table.columns, columns.field_of, ctx.given)
        report.notes += [note] if note else []
        return _import_persons(engine, options, table, ctx, report, progress)
    return _import_places(engine, options, table, ctx, report, progress)


def open_mapped(options: ImportOptions, require: bool = True):
    """Read the file's header and map its columns (the rows are read later, lazily). A
    required field without a column refuses the file unless not ``require``d; the error
    names the sheet read and the others, and which of them has the columns."""
    table = read_table(options.path, options.encoding, options.sheet)
    mapping = load_mapping_file(options.mapping) if options.mapping else None
    try:
        columns = map_columns(options.kind, table.columns, mapping, options.given, require)
    except ColumnNotFound as exc:
        if others := other_sheets_said(options, table, mapping):
            read = sheet_read(table, options.sheet)
            raise ImportFileError(f"{options.path.name}{read}: {exc}. Also: {others}") from None
        raise
    check_repeated_headers(columns, table.repeated, options.path.name, table.below_header)
    if table.crs and options.crs:
        raise ImportFileError(
            "the file carries its own CRS; --crs is only for files that name none (CSV, "
            "XLSX, a Shapefile without its .prj)"
        )
    if empty_kept := table.unnamed - columns.field_of.keys() - columns.also_named.keys():
        table.rows = _without_empty_cells(table.rows, empty_kept)
    return table, columns


def _without_empty_cells(rows, unnamed: set[str]):
    """Rows without the empty cells of unread columns that have no name: a sheet with
    formatting on thousands of empty columns would otherwise keep thousands of empty
    cells with each row as read. A cell that holds something is kept."""
    for number, row in rows:
        yield number, {k: v for k, v in row.items() if v != "" or k not in unnamed}


# How the row check reads a field's value: a --set value is read so once, up front, not
# refused again on every row. A kind is stored as read; the others as written.
GIVEN_READERS: dict[str, Callable] = {
    "kind": values.parse_site_kind,
    "location_precision": values.parse_precision,
    "fate": values.parse_fate,
    **dict.fromkeys(("is_hero", "is_partisan", "is_fictional", "on_plaque"), values.parse_flag),
    **COUNT_PARSERS,
    **DATE_PARSERS,
    **dict.fromkeys(("year", "reburial_date"), values.text_with_real_dates),
}


def checked_given(options: ImportOptions) -> dict[str, str]:
    """--set values, checked once: each as the rows' cells of its field are."""
    given = {}
    for name, value in options.given.items():
        cleaned = value.strip()
        if not cleaned:
            raise ImportFileError(f"--set {name}=...: the value is empty")
        if reader := GIVEN_READERS.get(name):
            try:
                read = reader(cleaned)
            except ValueError as exc:
                raise ImportFileError(f"--set {name}={value}: {exc}") from None
            cleaned = read if name == "kind" else cleaned
        limit = FIELD_LIMITS[options.kind].get(name)
        if limit is not None and len(cleaned) > limit:
            raise ImportFileError(f"--set {name}=...: {too_long(limit)}")
        given[name] = cleaned
    return given


def _import_places(engine, options, table, ctx, report, progress) -> ImportReport:
    """Sites and battle locations: files of thousands of rows, checked as a whole."""
    checker = CHECKERS[options.kind]
    checked: list[Checked] = [checker(ctx, row, raw) for row, raw in table.rows]
    progress("checked", len(checked))
    report.rows_read = len(checked) + len({p.row for p in table.problems})
    if report.rows_read == 0:
        raise ImportFileError(f"{options.path.name}: no data rows (only a header?)")
    rejected_rows = {p.row: [p] for p in table.problems}
    _mark_duplicates(checked)
    with engine.begin() as conn:
        report.placed = _place_by_gazetteer(conn, ctx, checked)
        for item in checked:
            report.warnings += item.warnings
            if item.problems:
                rejected_rows.setdefault(item.row, []).extend(item.problems)
        report.problems = [p for row in sorted(rejected_rows) for p in rejected_rows[row]]
        report.rejected = len(rejected_rows)
        good = [c for c in checked if c.record is not None and not c.problems]
        stored = read_stored(conn, options.kind, good)
        if options.kind == "sites" and _refuse_ambiguous_numbers(stored, good, rejected_rows):
            report.problems = [p for row in sorted(rejected_rows) for p in rejected_rows[row]]
            report.rejected = len(rejected_rows)
            good = [c for c in good if not c.problems]
        present_rows = stored.found(good)
        file_fields = set(report.mapped.values()) | set(options.given)
        _note_differing(report, present_places(options.kind, good, present_rows, file_fields))
        if options.dry_run:
            report.present = len(present_rows)
            report.added = len(good) - report.present
            new = [item for item in good if item.row not in present_rows]
            _pairs_a_dry_run_would_list(conn, options, report, new)
        if options.dry_run or (report.problems and not options.skip_invalid):
            conn.rollback()
            _write_rejects(options, table, _sources_of(checked), rejected_rows, report)
            return report
        batch_id = writers.create_batch(conn, options, file_sha256(options.path), report)
        # A place stored already (by its ref, register number or older key) is not added.
        new = [item for item in good if item.row not in present_rows]
        added = writers.WRITERS[options.kind](conn, new, batch_id, options, progress)
        report.added, report.present, report.batch_id = added, len(good) - added, batch_id
        if options.kind == "sites":
            save_placements(conn, good, batch_id)
            _note_site_duplicates(conn, batch_id, report)
        elif options.kind == "battles":
            report.duplicate_battle_pairs = possible_duplicate_battles(conn, batch_id)
        writers.finish_batch(conn, batch_id, report)
        report.committed = True
    _write_rejects(options, table, _sources_of(checked), rejected_rows, report)
    return report


def _pairs_a_dry_run_would_list(conn, options: ImportOptions, report, new: list) -> None:
    """The places a dry run would pair with stored ones (or with each other): they are
    found among written places, so the new ones are written in a savepoint, paired, and
    rolled back; each pair names a new place by its row (its id is never stored)."""
    if not new:
        return
    savepoint = conn.begin_nested()
    try:
        batch_id = writers.create_batch(conn, options, "", report)
        writers.WRITERS[options.kind](conn, new, batch_id, options, lambda *_: None)
        table = "burial_sites" if options.kind == "sites" else "battle_locations"
        row_of = dict(
            conn.execute(
                text(f"SELECT id, import_row FROM {table} WHERE import_batch_id = :b"),
                {"b": batch_id},
            ).all()
        )
        if options.kind == "sites":
            _note_site_duplicates(conn, batch_id, report)
            pairs, ids = report.duplicate_site_pairs, ("site_id", "other_site_id")
        else:
            report.duplicate_battle_pairs = possible_duplicate_battles(conn, batch_id)
            pairs, ids = report.duplicate_battle_pairs, ("battle_id", "other_battle_id")
        for pair in pairs:
            for key in ids:
                row = pair[key.replace("id", "row")] = row_of.get(pair[key])
                if row is not None:
                    pair[key] = None  # rolled back: never stored
    finally:
        savepoint.rollback()


def _refuse_ambiguous_numbers(stored, good: list[Checked], rejected_rows: dict) -> bool:
    """A plain register number that stored sites carry where it cannot be told which the
    row names (stored_places.StoredPlaces.ambiguous): for a person to say."""
    found = stored.ambiguous(good)
    for item in good:
        if (sites := found.get(item.row)) is None:
            continue
        districts = ", ".join(sorted({_where(s) for s in sites}))
        problem = Problem(
            item.row,
            None,
            f"register number {item.record['register_number']!r} is carried by "
            f"{len(sites)} stored {'site' if len(sites) == 1 else 'sites'} ({districts}), "
            "and a district book's number names a site within its district only: "
            + _ambiguous_remedy(item.record, sites),
        )
        item.problems.append(problem)
        rejected_rows.setdefault(item.row, []).append(problem)
    return bool(found)


def _where(site: dict) -> str:
    district = site["district"] or "no district"
    return f"{district}, {site['oblast']}" if site.get("oblast") else district


def _ambiguous_remedy(record: dict, sites: list[dict]) -> str:
    if not record.get("district_key"):
        return "give the row's district"
    place = site_register_place(record)
    if any(region_match(place, site_register_place(s)) == "unknown" for s in sites):
        if place_region(place):
            return (
                f"{record['district']!r} is a district's name only with its region, and the "
                "stored site says none; which one it is is for a person to say"
            )
        return (
            f"{record['district']!r} names a district only with its region (a listed "
            "district and a city's district, or several cities' districts, have that "
            "name): give the row's oblast (in its Область cell, or --set oblast=NAME for a "
            "list without that column; 'г. Минск' for the city of Minsk)"
        )
    return "the stored site says no district; which one it is is for a person to say"


def _note_site_duplicates(conn, batch_id: int, report: ImportReport) -> None:
    report.possible_duplicate_sites = note_possible_duplicate_sites(conn, batch_id)
    report.duplicate_site_pairs = possible_duplicate_sites(conn, batch_id=batch_id, limit=200)


def _sources_of(checked: list[Checked]) -> dict[int, dict]:
    return {c.row: c.source for c in checked}


def _place_by_gazetteer(conn, ctx: RowContext, checked: list[Checked]) -> list[dict]:
    """Sites without coordinates: at the settlement or district centre the gazetteer
    knows, with the precision saying so; otherwise the row is refused with the reason.
    Returns where each row was placed (row, precision, at), for the report."""
    unplaced = [c for c in checked if c.record is not None and c.record.get("lat") is None]
    if not unplaced:
        return []
    places = Gazetteer(conn).locate_all(
        [(c.record.get("settlement"), c.record.get("district")) for c in unplaced]
    )
    placed = []
    for item, place in zip(unplaced, places, strict=True):
        if isinstance(place, str):
            # "no coordinates, and the gazetteer ...": or the feature's geometry is null.
            said = ctx.no_point(item) + place.removeprefix("no coordinates")
            item.problems.append(Problem(item.row, ctx.point_column(item), said))
            continue
        placed.append(
            {"row": item.row, "precision": place["location_precision"], "at": place["at"]}
        )
        item.record.update({k: v for k, v in place.items() if k != "at"})
    return placed


def _import_persons(engine, options, table, ctx, report, progress) -> ImportReport:
    """Persons stream through in chunks: each is checked, linked to its sites and copied
    into a staging table, so memory stays flat whatever the file's length. Repeated
    records are then found in the stage, and the new ones added in a few statements."""
    checker = CHECKERS["persons"]
    rejected_rows: dict[int, list[Problem]] = {}
    rejected_sources: dict[int, dict] = {}
    staged = 0
    whole_names = WholeNamesInSurnames(ctx)
    ranks_as_surnames = RanksAsSurnames(ctx)
    with engine.begin() as conn:
        writers.create_person_stage(conn)
        resolver = SiteResolver(conn)  # the site keys, read once: no query after this
        refs = StagedRefs()
        with writers.PersonStage(conn) as stage:
            for chunk in _chunks(table.rows, options.chunk_rows):
                # Column by column first; the rows that need it, one by one (exact
                # problems).
                fast = check_person_chunk(ctx, chunk, resolver)
                staged += stage.add_checked(fast)
                refs.add(row[0] for row in fast.stage_rows)
                checked = [checker(ctx, row, raw) for row, raw in fast.by_row]
                _resolve_links(ctx, resolver, checked)
                good = _sort_out(checked, report, rejected_rows, rejected_sources, options)
                staged += stage.add_records(good)
                refs.add(item.record["ref"] for item in good)
                passed = [(r, raw) for r, raw in chunk if r not in rejected_rows]
                whole_names.add(passed)
                ranks_as_surnames.add(passed)
                # No chunk's rows are kept while the next is read: memory stays flat.
                del chunk, passed, fast, checked, good
                progress("checked", staged + len(rejected_rows))
        for problem in table.problems:
            rejected_rows.setdefault(problem.row, []).append(problem)
        writers.analyze_stage(conn)
        several: list[str] = []  # refs of records kept with a row for each grave
        if refs.may_repeat():
            unstaged, several = _reject_repeats(
                conn, ctx, report.unmapped, rejected_rows, rejected_sources, options
            )
            staged -= unstaged
        writers.adopt_older_refs(conn, _sheet_prefixes(options, table, ctx), ctx.record_source)
        report.rows_read = staged + len(rejected_rows)
        if report.rows_read == 0:
            raise ImportFileError(f"{options.path.name}: no data rows (only a header?)")
        report.problems = [p for row in sorted(rejected_rows) for p in rejected_rows[row]]
        report.rejected = len(rejected_rows)
        written = not options.dry_run and (options.skip_invalid or not report.problems)
        for said in (ranks_as_surnames, whole_names):
            if warning := said.warning(rejected_rows, written):
                report.warnings.insert(0, warning)  # once for the file: before the rows' own
        report.ids_elsewhere = writers.ids_stored_elsewhere(conn)
        earlier = earlier_imports(conn, options.path.name, table.sheet)
        report.earlier_namesakes = earlier_namesakes(conn, earlier)
        report.absent = absent_records(conn, earlier)
        report.unknown_origins = unknown_origins(conn, {*ctx.field_of.values(), *ctx.given})
        report.notes += [
            n for n in [unknown_origins_note(report.unknown_origins, ctx.field_of)] if n
        ]
        if options.dry_run:
            _note_differing(report, writers.staged_rows_differing(conn, written=False))
            report.present = writers.count_staged_present(conn)
            report.added = staged - report.present - extra_rows_of_new(conn, several, False)
            report.possible_duplicates = writers.count_staged_possible_duplicates(conn)
        if options.dry_run or (report.problems and not options.skip_invalid):
            _note_without_grave(conn, ctx, report, written=False)
            conn.rollback()
            _write_rejects(options, table, rejected_sources, rejected_rows, report)
            return report
        batch_id = writers.create_batch(conn, options, file_sha256(options.path), report)
        cites = "sources" in {*ctx.field_of.values(), *ctx.fallback_of.values(), *ctx.given}
        added, present = writers.write_staged_persons(
            conn, batch_id, staged, options, progress, cites
        )
        # Present: the rows of records stored before (a new record's further rows are not).
        present -= extra_rows_of_new(conn, several, True)
        report.added, report.present, report.batch_id = added, present, batch_id
        _note_differing(report, writers.staged_rows_differing(conn, written=True))
        report.possible_duplicates, report.duplicate_pairs = writers.possible_duplicates_of_batch(
            conn, batch_id
        )
        _note_without_grave(conn, ctx, report, written=True)
        writers.finish_batch(conn, batch_id, report)
        report.committed = True
    _write_rejects(options, table, rejected_sources, rejected_rows, report)
    return report


def _note_without_grave(conn, ctx: RowContext, report: ImportReport, written: bool) -> None:
    """New persons whose rows leave the file's grave columns empty: stored without a
    grave, which no later import adds. Many registers list persons whose grave is not
    known, so they are stored; the report names them, for those whose grave is known."""
    columns = grave_columns(ctx.field_of)
    if not columns:  # no grave column at all: columns.no_grave_column_note says so
        return
    count, rows = writers.staged_without_grave(conn, written)
    report.without_grave, report.without_grave_rows = count, rows
    if not count:
        return
    one = count == 1
    shown = ("row " if one else "rows ") + ", ".join(map(str, rows))
    shown += " …" if count > len(rows) else ""
    if written:
        stored = "is stored" if one else "are stored"
        fix = f"undo batch {report.batch_id}, fill the cells and import the file again"
    else:
        stored, fix = "would be stored", "fill the cells before importing the file"
    report.notes.append(
        f"{count:,} {'person' if one else 'persons'} {stored} without a grave: "
        f"{'its row leaves' if one else 'their rows leave'} the grave "
        f"{'column' if len(columns) == 1 else 'columns'} ({', '.join(map(repr, columns))}) "
        f"empty ({shown}). Many registers list "
        "persons whose grave is not known; where it is known, "
        f"{fix}: an import adds nothing to a stored record, and a person's page cannot "
        "link a grave (the row's first burial place, reburial and plot/row/grave cells "
        "are kept only with the row as read)"
    )


def _note_differing(report: ImportReport, differing: writers.Differing) -> None:
    report.present_differing = differing.count
    report.present_differing_rows = differing.rows
    report.present_other_surname = differing.other_surname
    report.present_differing_fields = differing.fields


def _chunks(rows, size: int):
    chunk = []
    for item in rows:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _sort_out(checked, report, rejected_rows, rejected_sources, options) -> list[Checked]:
    """The good rows of a chunk; the problems and (for --skip-invalid) the rows as read
    of the others are kept for the report and the rejects file."""
    good = []
    for item in checked:
        report.warnings += item.warnings
        if item.problems or item.record is None:
            rejected_rows.setdefault(item.row, []).extend(item.problems)
            if options.skip_invalid:
                rejected_sources[item.row] = item.source
        else:
            good.append(item)
    return good


def _reject_repeats(
    conn, ctx, unmapped, rejected_rows, rejected_sources, options
) -> tuple[int, list[str]]:
    """One record twice in a file: rows of a ref the file gives are one record at
    several graves (several_graves); else, with a record id, every row that carries the
    id is refused (which one is right is for a person to say); without one, a row
    repeating an earlier one cell for cell is refused as its duplicate. Returns the rows
    unstaged, and the refs of records kept with several rows."""
    repeats = writers.staged_repeats(conn)
    if not repeats:
        return 0, []
    graves = judge_graves(conn, {**ctx.field_of, **ctx.fallback_of}, [ref for ref, _, _ in repeats])
    for row, reason in graves.refused.items():
        rejected_rows.setdefault(row, []).append(Problem(row, ctx.column("ref"), reason))
    repeats = [group for group in repeats if group[0] not in graves.handled]
    id_column = ctx.column("record_id")
    # The rows as read where the file has columns that may number them apart.
    numbering = row_number_columns(unmapped)
    without_ids = [r for _, ids, rows in repeats if ids[0] is None for r in rows]
    as_read = writers.staged_rows_as_read(conn, without_ids) if numbering and without_ids else {}
    mapped_id = id_column if "record_id" in ctx.field_of.values() else None
    refused: list[int] = list(graves.refused)
    for _ref, record_ids, rows in repeats:
        if record_ids[0] is not None:
            for row, record_id in zip(rows, record_ids, strict=True):
                others = ", ".join(
                    str(r) + ("" if i == record_id else f" (as {i!r})")
                    for r, i in zip(rows, record_ids, strict=True)
                    if r != row
                )
                reason = f"record id {record_id!r} is also in row {others} (one id, two rows)"
                rejected_rows.setdefault(row, []).append(Problem(row, id_column, reason))
            refused += rows
        else:
            reasons = repeat_reasons(rows, as_read, numbering, mapped_id, options.skip_invalid)
            for row, reason in reasons:
                rejected_rows.setdefault(row, []).append(Problem(row, None, reason))
            refused += rows[1:]
    if options.skip_invalid:
        rejected_sources.update(writers.staged_rows_as_read(conn, refused))
    writers.unstage_rows(conn, refused)
    return len(refused), graves.kept


def _mark_duplicates(checked: list[Checked]) -> None:
    """A place twice in a file: a row giving an earlier one's values again (whatever its
    unread cells, a running number) is refused as its duplicate; rows of one record (one
    register number) with other values are all refused, as persons' are: which one is
    right is for a person to say."""
    _one_ref_per_register_site(checked)
    first: dict[str, Checked] = {}
    differing: dict[str, list[Checked]] = {}
    for item in checked:
        if item.record is None:
            continue
        ref = item.record["ref"]
        if ref not in first:
            first[ref] = item
        elif item.record == first[ref].record:  # the same values (other cells unread)
            item.problems.append(
                Problem(item.row, None, f"duplicate of row {first[ref].row} (same record)")
            )
        else:
            differing.setdefault(ref, [first[ref]]).append(item)
    for items in differing.values():
        rows = [item.row for item in items]
        for item in items:
            others = ", ".join(str(row) for row in rows if row != item.row)
            item.problems.append(
                Problem(
                    item.row,
                    None,
                    f"the same record as row {others} ({_record_named(item)}), with other "
                    "values: which is right is for a person to say; correct the file",
                )
            )


def _one_ref_per_register_site(checked: list[Checked]) -> None:
    """Rows of one register site whose districts are written otherwise ("Орша" and
    "Оршанский район", or one without) take the first one's key: they are one record."""
    seen: dict[str, list[Checked]] = {}
    for item in checked:
        number = item.record.get("register_number") if item.record is not None else None
        if not number:
            continue
        key = register_key(number)
        district = site_register_place(item.record)
        same = next(
            (
                o
                for o in seen.get(key, [])
                # One row without its district (or its region where the district's name
                # needs it): which is right is for a person to say.
                if register_match(key, district, site_register_place(o.record)) != "other"
            ),
            None,
        )
        if same is None:
            seen.setdefault(key, []).append(item)
        else:
            item.record["ref"] = same.record["ref"]


def _record_named(item: Checked) -> str:
    number = item.record.get("register_number")
    return f"register number {number}" if number else f"ref {item.record['ref']}"


def _resolve_links(ctx: RowContext, resolver: SiteResolver, checked: list[Checked]) -> None:
    items = [c for c in checked if c.record is not None and not c.problems]
    results = resolver.resolve_all([c.record["link"] for c in items])
    for item, result in zip(items, results, strict=True):
        if isinstance(result, str):
            link = item.record["link"]
            used = SiteResolver.field_used(link)
            value = None if used is None else str(link[used])
            item.problems.append(
                Problem(item.row, _link_column(ctx, link), result, value, value_in_reason=True)
            )
        else:
            item.record["site_id"] = result


def _link_column(ctx: RowContext, link: dict) -> str:
    """The file's column the site was looked up by."""
    field_name = SiteResolver.field_used(link)
    return ctx.column(field_name) if field_name else "burial place"


def rejects_path(options: ImportOptions) -> Path:
    return options.rejects or options.path.with_name(options.path.stem + ".rejected.csv")


def _free_rejects_path(options: ImportOptions) -> Path:
    """The rejects file named with --rejects, or beside the file under a name not taken:
    a rejects file from an earlier run may hold corrections made since."""
    path = rejects_path(options)
    number = 1
    while options.rejects is None and path.exists():
        number += 1
        path = options.path.with_name(f"{options.path.stem}.rejected-{number}.csv")
    return path


def _check_rejects_path(options: ImportOptions) -> None:
    """Where the rejected rows will go is checked before anything is read or written: an
    import must not commit and then fail to say what it refused, nor overwrite a file."""
    if options.rejects is not None and not options.skip_invalid:
        raise ImportFileError(
            f"--rejects {options.rejects}: rejected rows are written only with --skip-invalid"
        )
    if not options.skip_invalid:
        return
    if options.rejects is not None and options.rejects.suffix.lower() not in ("", ".csv"):
        # A spreadsheet or GIS program would take CSV text under such a name for broken.
        raise ImportFileError(
            f"--rejects {options.rejects}: the rejects file is CSV, and its name ends in "
            f"{options.rejects.suffix!r}; name it with .csv (e.g. "
            f"{options.rejects.with_suffix('.csv').name})"
        )
    path = rejects_path(options)
    if path.exists() and options.path.exists() and path.samefile(options.path):
        raise ImportFileError(f"--rejects {path}: that is the file being imported")
    if not path.parent.is_dir():
        raise ImportFileError(f"--rejects {path}: no folder {path.parent}")
    if path.is_dir():
        raise ImportFileError(f"--rejects {path}: a folder, not a file")
    if options.rejects is not None and path.exists():
        raise ImportFileError(
            f"--rejects {path}: the file exists, and an import never overwrites a file; "
            "name another, or leave --rejects out (the rejects file then goes beside the "
            "imported file under a name not taken)"
        )


def _file_source(options: ImportOptions, table) -> str:
    """Whose record ids a file carries when --source does not say: the file's, and for a
    sheet of a workbook of several (a GeoPackage's layer, one Shapefile of a zip) that
    sheet's, by name: two lists of one workbook number their records each from 1, and a
    sheet keeps its name when the tabs are moved."""
    if _one_of_several_sheets(table):
        return f"{options.path.name} ({table.sheet_word} {table.sheet})"
    return options.path.name


def _one_of_several_sheets(table) -> bool:
    return table.sheet is not None and bool(table.other_sheets)


def _older_file_source(options: ImportOptions, table) -> str | None:
    """The source a sheet's records may be stored under from an earlier import: for a
    sheet of a workbook of several, the file's name alone (before each sheet was named);
    for a workbook's only sheet, that sheet's (when the workbook had others, or a sheet
    alone was named too). writers.adopt_older_refs tells a sheet's records apart from
    another's by name."""
    if options.source or table.sheet is None:
        return None
    if _one_of_several_sheets(table):
        return options.path.name
    return f"{options.path.name} ({table.sheet_word} {table.sheet})"


def _sheet_prefixes(options: ImportOptions, table, ctx: RowContext) -> tuple[str, str] | None:
    """The record key prefixes of this sheet's source and of the source its records were
    stored under before (writers.adopt_older_refs), when they differ."""
    older = _older_file_source(options, table)
    if older is None or older == ctx.record_source:
        return None
    return record_ref_prefix(ctx.record_source), record_ref_prefix(older)


def _rejects_source(table) -> str | None:
    """A rejects file carries the record source of the file its rows came from, so that
    its corrected rows are the same records as that file's (not new ones, and not
    possible duplicates of themselves when that file is imported again)."""
    if REJECTS_COLUMNS[2] not in table.columns:
        return None
    first = next(table.rows, None)
    if first is None:
        return None
    source = first[1].get(REJECTS_COLUMNS[2], "").strip() or None
    table.rows = _of_one_source(itertools.chain([first], table.rows), source)
    return source


def _of_one_source(rows, source: str | None):
    """Rows of two record sources (two rejects files joined) would take the first one's
    source and be taken for its records: such a file is refused."""
    for number, row in rows:
        own = row.get(REJECTS_COLUMNS[2], "").strip() or None
        if own != source:
            raise ImportFileError(
                f"row {number} comes from {own!r} ({REJECTS_COLUMNS[2]}), the first row from "
                f"{source!r}: a rejects file holds the rows of one file; import the rows of "
                "each file on their own"
            )
        yield number, row


def _write_rejects(options, table, sources, rejected_rows, report) -> None:
    """With --skip-invalid, write the rejected rows and their reasons to a CSV file that
    can be corrected and imported again: with a BOM and the file's own delimiter, so that
    a spreadsheet opens it as it opened the file."""
    if not options.skip_invalid or not rejected_rows:
        return
    path = _free_rejects_path(options)
    own = [c for c in table.columns if c not in REJECTS_COLUMNS]
    # A shifted line's cells beyond the header's columns, after them (readers._csv_rows).
    beyond = {c for row in table.refused.values() for c in row} - set(own) - set(REJECTS_COLUMNS)
    own += sorted(beyond, key=lambda c: int(c.split()[-1]))
    sources = {**table.refused, **sources}
    record_source = options.source or _file_source(options, table)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=report.delimiter or ",")
        writer.writerow([*own, *REJECTS_COLUMNS])
        for row in sorted(rejected_rows):
            source = sources.get(row, {})
            reasons = "; ".join(str(p) for p in rejected_rows[row])
            record = source.get(REJECTS_COLUMNS[2]) or record_source
            # A row rejected again keeps its number in the file it came from.
            first_row = source.get(REJECTS_COLUMNS[0]) or row
            # Formula-like cells get the apostrophe an export gives them (the importer
            # takes it off again): the rejects file is opened in a spreadsheet to correct.
            cells = [spreadsheet_cell(source.get(c, "")) for c in own]
            writer.writerow([*cells, first_row, reasons, record])
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
            # The same, in parts, for a script to read.
            "problem_details": [p.parts() for p in report.problems],
            "warning_details": [p.parts() for p in report.warnings],
            "sheet": report.sheet,
            "other_sheets_not_read": report.other_sheets,
            "unmapped_columns": report.unmapped,
            "columns_also_naming_a_read_field": report.also_named,
            "notes": report.notes,
            "placed_by_gazetteer": report.placed,
            "batch_id": report.batch_id,
            "committed": report.committed,
            "possible_duplicates": report.possible_duplicates,
            "possible_duplicate_pairs": report.duplicate_pairs,
            "possible_duplicate_sites": report.possible_duplicate_sites,
            "possible_duplicate_site_pairs": report.duplicate_site_pairs,
            "possible_duplicate_battle_pairs": report.duplicate_battle_pairs,
            "present_with_other_values": report.present_differing,
            "present_with_other_values_rows": report.present_differing_rows,
            "present_with_other_values_fields": report.present_differing_fields,
            "present_under_another_surname": report.present_other_surname,
            "without_grave": report.without_grave,
            "without_grave_rows": report.without_grave_rows,
            "record_ids_stored_under_other_sources": asdict(report.ids_elsewhere),
            "new_records_named_as_by_an_earlier_import": asdict(report.earlier_namesakes),
            "records_of_an_earlier_import_not_in_this_file": asdict(report.absent),
            "persons_of_unknown_origin": report.unknown_origins,
        },
        ensure_ascii=False,
        indent=1,
    )
