"""The ``mapapp`` command. Every command reads its settings (DATABASE_URL ...) from the
environment."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click
from sqlalchemy.exc import OperationalError

from mapapp.settings import Settings


def _settings() -> Settings:
    try:
        return Settings()
    except ValueError as exc:
        raise click.ClickException(f"invalid settings: {exc}") from exc


def _engine(settings: Settings):
    from mapapp.db import make_engine

    return make_engine(settings.database_url)


def _require_current_schema(engine) -> None:
    """Commands that write stop, before anything, on a schema that is not this code's."""
    from mapapp import db as database

    try:
        problem = database.schema_not_current(engine)
    except OperationalError as exc:
        raise _database_error(exc) from exc
    if problem:
        error = click.ClickException(problem + " (nothing was written)")
        error.exit_code = 2  # as for a file that could not be read: no row was looked at
        raise error


def _database_error(exc: OperationalError) -> click.ClickException:
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    return click.ClickException(
        f"cannot reach the database ({reason}). Check DATABASE_URL or run `make db`."
    )


class _Commands(click.Group):
    """A usage error (an unknown option, a folder given as the file) of a command asked
    for --json is also told as JSON on stdout, as the command's own errors are: a script
    reading stdout learns why nothing was done."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            if "--json" in sys.argv[1:]:
                body = {"error": exc.format_message(), "committed": False}
                click.echo(json.dumps(body, ensure_ascii=False))
            raise


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """mapapp: WWII burial sites and battle locations in Belarus."""


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION."""
    from mapapp import db as database

    settings = _settings()
    engine = _engine(settings)
    try:
        before = database.current_revision(engine)
        database.upgrade(engine, revision)
        after = database.current_revision(engine)
    except OperationalError as exc:
        raise _database_error(exc) from exc
    if before == after:
        click.echo(f"schema already at {after}; nothing to do")
    else:
        click.echo(f"schema upgraded from {before or 'empty'} to {after}")


@db.command("current")
def db_current() -> None:
    """Show the schema revision of the database."""
    from mapapp import db as database

    try:
        click.echo(database.current_revision(_engine(_settings())) or "empty (no migrations)")
    except OperationalError as exc:
        raise _database_error(exc) from exc


@db.command("check")
def db_check() -> None:
    """Compare the models with the migrated database; exit 1 on any difference."""
    from mapapp import db as database

    try:
        differences = database.schema_differences(_engine(_settings()))
    except OperationalError as exc:
        raise _database_error(exc) from exc
    if differences:
        for diff in differences:
            click.echo(database.describe_difference(diff), err=True)
        raise click.ClickException(
            f"{len(differences)} difference(s) between the models and the database: "
            "write a migration, or correct mapapp/models.py"
        )
    click.echo("models and database schema match")


@main.command()
def demo() -> None:
    """Load the demo data set (real places, fictional persons). Running it again changes nothing."""
    from mapapp import db as database
    from mapapp.demo import DemoDataError, load_demo

    engine = _engine(_settings())
    try:
        if database.current_revision(engine) is None:
            raise click.ClickException("the schema is missing; run `mapapp db upgrade` first")
        report = load_demo(engine)
    except OperationalError as exc:
        raise _database_error(exc) from exc
    except DemoDataError as exc:
        raise click.ClickException(f"demo data rejected, nothing was written: {exc}") from exc
    for line in report.lines():
        click.echo(line)


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    help="Worker processes (default: MAPAPP_WORKERS, or one per core).",
)
@click.option(
    "--threads", default=4, show_default=True, type=click.IntRange(1, 64), help="Per worker."
)
@click.option(
    "--debug",
    is_flag=True,
    help="Development server on localhost only: reloads code, shows tracebacks, "
    "works without MAPAPP_SECRET_KEY.",
)
def serve(host: str, port: int, workers: int | None, threads: int, debug: bool) -> None:
    """Serve the web application (gunicorn workers; --debug for the development server)."""
    from mapapp.http import serving

    settings = _settings()
    if debug:
        if host not in LOCAL_HOSTS:
            _echo_err(f"warning: --debug serves on 127.0.0.1 only, not on {host}")
            host = "127.0.0.1"
        _echo_err(
            "warning: development server with the interactive debugger; never expose it"
            + ("" if settings.secret_key else "; sessions end when it restarts (no secret key)")
        )
        from werkzeug.serving import run_simple

        from mapapp import create_app

        click.echo(f"mapapp on http://{host}:{port}/ (Ctrl+C to stop)")
        run_simple(
            host, port, create_app(settings), threaded=True, use_reloader=True, use_debugger=True
        )
        return
    if not settings.secret_key:
        raise click.ClickException(
            "MAPAPP_SECRET_KEY is not set: it signs the moderators' sessions and forms. "
            "Set it to a long random value (e.g. `python3 -c 'import secrets; "
            "print(secrets.token_hex(32))'`), or use --debug on your own machine."
        )
    workers = workers or serving.default_workers(settings)
    click.echo(
        f"mapapp on http://{host}:{port}/ with {workers} worker(s) x {threads} thread(s) "
        "(Ctrl+C to stop)"
    )
    serving.serve(settings, host, port, workers, threads)


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


@main.command("import")
@click.argument("kind", type=click.Choice(["sites", "battles", "persons"]))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--dry-run",
    is_flag=True,
    help="Check everything, store nothing (with --skip-invalid, the rejects file is written).",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Commit the valid rows; write the rejected ones, with reasons, to a file.",
)
@click.option(
    "--map",
    "mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSON file mapping file columns to fields: {"Фамилия бойца": "surname"}.',
)
@click.option(
    "--encoding",
    help="Text encoding of a CSV file or of a zipped Shapefile's attributes (default: detected).",
)
@click.option(
    "--crs",
    help="CRS of the coordinates in a CSV/XLSX, or in a Shapefile without its .prj, "
    "e.g. EPSG:28405.",
)
@click.option(
    "--rejects",
    type=click.Path(dir_okay=False, path_type=Path),
    help=(
        "Where --skip-invalid writes rejected rows (default: beside FILE, "
        "list.csv -> list.rejected.csv, or list.rejected-2.csv if that is taken)."
    ),
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--set",
    "given",
    multiple=True,
    metavar="FIELD=VALUE",
    help="One value for a field the file lacks, for every row: --set kind=mass_grave.",
)
@click.option(
    "--source",
    help="Whose record ids the file carries (default: the file's name, with the sheet's for "
    "a workbook of several sheets: 'lists.xlsx (sheet Оршанский)'); record ids are unique "
    "within a source.",
)
@click.option(
    "--sheet",
    help="The sheet of an XLSX workbook, the layer of a GeoPackage, or the Shapefile of a zip "
    "of several, to read (default: the one it opens on; a GeoPackage's first).",
)
@click.option(
    "--inspect",
    is_flag=True,
    help="Show the proposed column mapping and five sample rows; write nothing.",
)
@click.option(
    "--online",
    is_flag=True,
    help="Large person loads without locking readers out (row locks only; slower).",
)
def import_command(
    kind,
    file,
    dry_run,
    skip_invalid,
    mapping,
    encoding,
    crs,
    rejects,
    as_json,
    given,
    source,
    sheet,
    inspect,
    online,
):
    """Import sites, battle locations or persons from CSV, XLSX, GeoJSON, GPKG or zipped SHP.

    By default one invalid row means nothing is written. Exit status 0 when every row
    was accepted, 1 when any row was rejected, 2 when the file could not be read.
    """
    from mapapp.importers.errors import ImportFileError
    from mapapp.importers.runner import ImportOptions, report_json, run_import

    settings = _settings()
    options = ImportOptions(
        kind=kind,
        path=file,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        mapping=mapping,
        encoding=encoding,
        crs=crs,
        rejects=rejects,
        region_bbox=settings.region_bbox,
        region_border=Path(settings.region_border) if settings.region_border else None,
        given=_parse_given(given),
        source=source,
        sheet=sheet,
        online=online,
    )
    if inspect:
        _inspect(options)
        return

    from mapapp.importers.progress import Progress, estimate_rows

    engine = _engine(settings)
    _require_current_schema(engine)
    progress = Progress(estimate_rows(file) if file.exists() else None)
    try:
        report = run_import(engine, options, progress)
    except ImportFileError as exc:
        if as_json:  # a script reading stdout learns why, too
            click.echo(json.dumps({"file": str(file), "error": str(exc), "committed": False},
                                  ensure_ascii=False))  # fmt: skip
        _echo_err(f"error: {exc}")
        _echo_err("nothing was written")
        sys.exit(2)
    except OperationalError as exc:
        raise _database_error(exc) from exc
    except KeyboardInterrupt:
        progress.close(finished=False)
        # Exit 1 means rows were rejected: an interrupted import says so, and exits as
        # interrupted programs do.
        _echo_err(
            "interrupted: an import commits all or nothing, so nothing of it was written "
            "unless it had already committed (mapapp batches list shows it if so)"
        )
        sys.exit(130)
    finally:
        progress.close()
    if as_json:
        click.echo(report_json(report))
    else:
        _print_report(report, dry_run)
    sys.exit(0 if report.ok else 1)


def _parse_given(pairs: tuple[str, ...]) -> dict[str, str]:
    given = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{pair!r}: expected FIELD=VALUE", param_hint="--set")
        if name.strip() in given:
            raise click.BadParameter(f"{name.strip()!r} is given twice", param_hint="--set")
        given[name.strip()] = value
    return given


def _inspect(options) -> None:
    """Print the proposed mapping and five sample rows; nothing is written."""
    from mapapp.importers.errors import ImportFileError
    from mapapp.importers.inspect import inspect_file

    try:
        lines = inspect_file(options)
    except ImportFileError as exc:
        _echo_err(f"error: {exc}")
        sys.exit(2)
    for line in lines:
        click.echo(line)


def _columns_shown(columns: list[str], most: int = 60) -> str:
    """Columns by name, a run of columns named by their position as one ("column 7 …
    column 3006, 3,000 without a name"), at most ``most`` of them."""
    shown: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) > 2:
            shown.append(f"{run[0]} … {run[-1]} ({len(run):,} without a name)")
        else:
            shown.extend(run)
        run.clear()

    for column in columns:
        number = re.fullmatch(r"column (\d+)", column)
        if number and run and int(run[-1].split()[1]) + 1 == int(number[1]):
            run.append(column)
            continue
        close_run()
        if number:
            run.append(column)
        else:
            shown.append(column)
    close_run()
    more = len(shown) - most
    return ", ".join(shown[:most]) + (f" and {more:,} more" if more > 0 else "")


def _fields_differing(fields: dict[str, int]) -> str:
    if not fields:
        return ""
    return "; differing: " + ", ".join(f"{name} ({count:,})" for name, count in fields.items())


def _print_report(report, dry_run: bool) -> None:
    from mapapp.importers.columns import also_named_lines
    from mapapp.importers.readers import read_as

    click.echo(f"{report.kind} from {report.file}")
    if details := read_as(report):
        click.echo("  read as " + details)
    click.echo("  columns mapped: " + ", ".join(f"{c} → {f}" for c, f in report.mapped.items()))
    if report.unmapped:
        click.echo("  columns not mapped (kept in provenance): " + _columns_shown(report.unmapped))
    for line in also_named_lines(report.mapped, report.also_named):
        click.echo("  " + line)
    for note in report.notes:
        click.echo("  note: " + note)
    click.echo(f"  rows read: {report.rows_read:,}")
    for problem in report.problems[:200]:
        click.echo(f"  rejected {problem}")
    if len(report.problems) > 200:
        click.echo(f"  … and {len(report.problems) - 200} more problems")
    for warning in report.warnings[:50]:
        click.echo(f"  warning {warning}")
    _print_placed(report.placed)
    if report.committed:
        click.echo(
            f"  committed as batch {report.batch_id}: {report.added:,} added, "
            f"{report.present:,} already present, {report.rejected:,} rejected"
        )
    elif dry_run:
        click.echo(
            f"  dry run: {report.added:,} would be added, {report.present:,} already "
            f"present, {report.rejected:,} rejected; nothing was written"
        )
    else:
        click.echo(
            f"  {report.rejected:,} {'row' if report.rejected == 1 else 'rows'} rejected: "
            "nothing was written "
            "(fix the file, or use --skip-invalid to import the valid rows)"
        )
    if report.rejects_file:
        click.echo(f"  rejected rows written to {report.rejects_file}")
    if report.present_differing:
        rows = ", ".join(map(str, report.present_differing_rows[:50]))
        more = " …" if report.present_differing > 50 else ""
        click.echo(
            f"  {report.present_differing:,} of the records already present are stored with "
            f"other values than their rows (rows {rows}{more})"
            + _fields_differing(report.present_differing_fields)
            + ": an import never changes a stored record"
            + (", nor adds a burial, source or award to it" if report.kind == "persons" else "")
            + "; correct it on its page"
        )
        if report.present_other_surname:
            click.echo(
                f"  {report.present_other_surname:,} of them are stored under another surname: "
                "their record ids are likely another list's of the same source name (the "
                "file's name, unless --source gives one). If this file is another list, "
                "import it with its own --source NAME (those rows are not added)"
            )
    _print_ids_elsewhere(report)
    _print_earlier_namesakes(report)
    _print_absent(report)
    _print_possible_duplicates(report)
    _print_possible_duplicate_sites(report)
    _print_possible_duplicate_battles(report)


def _print_placed(placed: list[dict], shown: int = 20) -> None:
    """Rows without coordinates the gazetteer placed: their points are approximate."""
    if not placed:
        return
    click.echo(
        f"  {len(placed):,} {'row' if len(placed) == 1 else 'rows'} without coordinates "
        "placed by the gazetteer (approximate points; each site's page says so):"
    )
    for place in placed[:shown]:
        click.echo(f"    row {place['row']}: at {place['at']}")
    if len(placed) > shown:
        click.echo(f"    … and {len(placed) - shown:,} more (--json lists them all)")


def _print_ids_elsewhere(report) -> None:
    found = report.ids_elsewhere
    if not found.found:
        return
    sources = ", ".join(map(repr, found.sources))
    undo = f"undo batch {report.batch_id} and " if report.committed and report.added else ""
    click.echo(
        f"  {found.found:,} of {found.sampled:,} rows with a record id looked at carry the id "
        f"and name of a person stored from another source ({sources}): if this file is that "
        f"list again (renamed or converted), {undo}import it with --source "
        f"{found.sources[0]!r}, or its records are added twice"
    )


def _print_earlier_namesakes(report) -> None:
    found = report.earlier_namesakes
    if not found.count:
        return
    rows = ", ".join(map(str, found.rows)) + (" …" if found.count > len(found.rows) else "")
    batches = ", ".join(map(str, found.batches))
    one = found.count == 1
    click.echo(
        f"  {found.count:,} of the new records (row{'' if one else 's'} {rows}) "
        + ("bears the name of a person" if one else "bear the names of persons")
        + f" stored without record ids from a file of this name (batch {batches}): "
        "without ids, a corrected row (another date or grave) is a new record, and the "
        "earlier one stays beside it. If this file corrects that list, "
        + (
            f"undo this import (mapapp batches undo {report.batch_id}) to keep the earlier "
            "records, or undo the earlier one and then import this file again"
            if report.committed
            else "undo the earlier import (mapapp batches undo ID) before importing this file"
        )
        + " (the rows found present belong to the earlier import), or give the list "
        "record ids"
    )


def _print_absent(report) -> None:
    found = report.absent
    if not found.count:
        return
    ids = ", ".join(map(str, found.ids)) + (" …" if found.count > len(found.ids) else "")
    one = found.count == 1
    click.echo(
        f"  {found.count:,} {'person' if one else 'persons'} stored by an earlier import of "
        f"a file of this name (batch {', '.join(map(str, found.batches))}) "
        + ("is" if one else "are")
        + f" not among this file's rows {'accepted' if report.rejected else ''}".rstrip()
        + f" (ids {ids}): rows deleted from the list, or corrected ones without a record id"
        + (
            f", or among the {report.rejected:,} "
            + ("row" if report.rejected == 1 else "rows")
            + " refused now (correct and import them first)"
            if report.rejected
            else ""
        )
        + ". An import removes no record: one that should go is withdrawn on its page (a "
        "withdrawal a moderator approves)"
    )


def _print_possible_duplicate_sites(report) -> None:
    _print_pairs(
        report.possible_duplicate_sites,
        f"{report.possible_duplicate_sites:,} "
        f"{'pair' if report.possible_duplicate_sites == 1 else 'pairs'} of sites "
        f"{'listed' if report.committed else 'would be listed'} for review as possibly one "
        "place (both kept; undo this import if they are): mapapp duplicates sites",
        report.duplicate_site_pairs,
        _site_pair_line,
    )


def _print_possible_duplicate_battles(report) -> None:
    pairs = report.duplicate_battle_pairs
    _print_pairs(
        len(pairs),
        f"{len(pairs):,} {'pair' if len(pairs) == 1 else 'pairs'} of a battle location "
        + ("added" if report.committed else "that would be added")
        + " and one that may be the same (both kept; undo this import if they are):",
        pairs,
        lambda p: (
            f"{_which('battle', p, '')} {p['name']!r} and {_which('battle', p, 'other_')} "
            f"{p['other_name']!r}: {p['metres']:,} m apart"
            + (", a name in common" if p["same_name"] else "")
        ),
    )


def _which(kind: str, pair: dict, prefix: str) -> str:
    """A place of a pair: a stored one by its id; one a dry run would add, by its row."""
    row = pair.get(f"{prefix}{kind}_row")
    return f"row {row}" if row is not None else f"{kind} {pair[f'{prefix}{kind}_id']}"


def _print_pairs(count: int, heading: str, pairs: list[dict], line) -> None:
    """A count of pairs listed for review, then the first fifty, a line each."""
    if not count:
        return
    click.echo("  " + heading)
    for pair in pairs[:50]:
        click.echo("    " + line(pair))


def _site_pair_line(pair: dict) -> str:
    from mapapp.queries.site_duplicates import reason

    def side(prefix: str) -> str:
        number = pair[prefix + "register_number"]
        return (
            f"{_which('site', pair, prefix)} "
            f"{pair[prefix + 'name']!r} ({pair[prefix + 'kind']}"
            + (f", register number {number})" if number else ")")
        )

    return f"{side('')} and {side('other_')}: {reason(pair)}"


def _print_possible_duplicates(report) -> None:
    listed = "listed" if report.committed else "would be listed"
    _print_pairs(
        report.possible_duplicates,
        f"{report.possible_duplicates:,} possible duplicates {listed} for review (same name, "
        "dates and grave; both records kept): mapapp duplicates list",
        report.duplicate_pairs,
        _pair_line,
    )


def _pair_line(pair: dict) -> str:
    def side(prefix: str) -> str:
        record = pair[prefix + "_record"]
        return (
            f"person {pair[prefix + '_id']} (batch {pair[prefix + '_batch']}, "
            f"row {pair[prefix + '_row']}" + (f", record {record})" if record else ")")
        )

    # One name, as both are written, or each as written ("Дублёв" / "Дублев").
    names = pair["name"] if pair["b_name"] == pair["name"] else f"{pair['name']} / {pair['b_name']}"
    return f"{names}: {side('a')} and {side('b')}"


@main.group()
def duplicates() -> None:
    """Possible duplicates: records that share a name, dates and grave, for review."""


def _require_batch(conn, batch_id: int | None) -> None:
    """Exit 2 naming the batch when a --batch given is not one."""
    from sqlalchemy import text

    if batch_id is None:
        return
    if not conn.execute(
        text("SELECT 1 FROM import_batches WHERE id = :id"), {"id": batch_id}
    ).first():
        _echo_err(f"error: there is no import batch {batch_id} (mapapp batches list)")
        sys.exit(2)


@duplicates.command("list")
@click.option("--batch", "batch_id", type=int, help="Only the pairs found by this import.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0),
              help="Skip this many pairs (the line after a cut list gives it).")  # fmt: skip
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True, help="Print the pairs as JSON.")
def duplicates_list(batch_id: int | None, offset: int, limit: int, as_json: bool) -> None:
    """List pairs of person records that may be one man (never merged automatically).
    A pair whose records a correction has made unlike since says what differs now."""
    from mapapp.queries.person_duplicates import no_longer_same, possible_duplicate_pairs

    with _engine(_settings()).connect() as conn:
        _require_batch(conn, batch_id)
        total, pairs = possible_duplicate_pairs(conn, batch_id, offset, limit)
    for pair in pairs:
        pair["no_longer_same"] = no_longer_same(pair)
    more = max(0, total - offset - len(pairs))
    if as_json:
        body = {"total": total, "offset": offset, "limit": limit, "more": more, "pairs": pairs}
        click.echo(json.dumps(body, ensure_ascii=False, indent=1))
        return
    if not total:
        click.echo("no possible duplicates")
        return
    within = f" listed by import batch {batch_id}" if batch_id is not None else ""
    noun = "pair" if total == 1 else "pairs"
    click.echo(f"{total:,} {noun} of records that may be one man{within} (never merged)")
    if not pairs:
        click.echo(f"  none from --offset {offset:,}: there are {total:,}")
    for pair in pairs:
        click.echo(_person_pair_line(pair))
    if more:
        batch = f" --batch {batch_id}" if batch_id is not None else ""
        click.echo(
            f"{more:,} more: mapapp duplicates list{batch} --offset {offset + len(pairs)}"
            + (f" --limit {limit}" if limit != 1000 else "")
        )


def _person_pair_line(pair: dict) -> str:
    """Both records of a pair as recorded, where they lie, and why they are listed."""

    def both(key: str) -> str:
        first, second = pair[key] or "—", pair["other_" + key] or "—"
        return first if key.endswith("_date") and first == second else f"{first} / {second}"

    def named(prefix: str) -> str:
        fictional = " (fictional, demonstration data)" if pair[prefix + "is_fictional"] else ""
        return (pair[prefix + "name"] or "—") + fictional

    differs = pair["no_longer_same"]
    reason = (
        f"listed as {pair['reason']}, but the {' and the '.join(differs)} "
        f"{'differs' if len(differs) == 1 else 'differ'} now"
        if differs
        else pair["reason"]
    )
    return (
        f"{pair['person_id']:>8} {pair['other_person_id']:>8}  {named('')} / {named('other_')}  "
        f"born {both('birth_date')}, death or loss {both('death_date')}, "
        f"{pair['site_name']} grave {pair['grave'] or '—'}  "
        f"records {both('record_id')}  ({reason})"
    )


@duplicates.command("sites")
@click.option("--batch", "batch_id", type=int, help="Only the pairs found by this import.")
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(1))
def duplicates_sites(batch_id: int | None, limit: int) -> None:
    """List pairs of burial sites that may be one place (never merged automatically)."""
    from mapapp.queries.site_duplicates import possible_duplicate_sites

    with _engine(_settings()).connect() as conn:
        _require_batch(conn, batch_id)
        pairs = possible_duplicate_sites(conn, batch_id=batch_id, limit=limit)
    if not pairs:
        click.echo("no possible duplicate sites")
    for pair in pairs:
        click.echo(_site_pair_line(pair))


@main.group()
def batches() -> None:
    """Import batches: list them, undo one."""


@batches.command("list")
def batches_list() -> None:
    """List import batches."""
    from mapapp.importers.batches import list_batches

    with _engine(_settings()).connect() as conn:
        rows = list_batches(conn)
    if not rows:
        click.echo("no imports yet")
    for b in rows:
        click.echo(
            f"{b['id']:>5}  {b['created_at']:%Y-%m-%d %H:%M}  {b['kind']:<8} {b['status']:<13} "
            f"read {b['rows_read']:,}, added {b['rows_added']:,}, present "
            f"{b['rows_present']:,}, rejected {b['rows_rejected']:,}  {b['file_name']}"
        )


@batches.command("check")
@click.argument("batch_id", type=int, required=False)
@click.option("--limit", default=50, show_default=True, help="Persons listed per batch.")
def batches_check(batch_id: int | None, limit: int) -> None:
    """Read the stored persons of batch BATCH_ID (default: every persons batch) again by
    today's checks, and list those an import of the same file would refuse now (a list's
    heading stored as a person, say). Changes nothing. Exit status 1 when any is found, 2
    when BATCH_ID names no persons batch or a batch could not be read again."""
    from mapapp.importers.stored_rows import BatchNotReadable, persons_batches, refused_today

    found = skipped = 0
    with _engine(_settings()).connect() as conn:
        try:
            batches_read = persons_batches(conn, batch_id)
        except BatchNotReadable as exc:
            _echo_err(f"error: {exc}")
            sys.exit(2)
        if not batches_read:
            click.echo("no persons imports to read again")
        for batch in batches_read:
            try:
                refused = list(refused_today(conn, batch, _progress_line(batch["id"])))
            except BatchNotReadable as exc:
                click.echo(f"batch {batch['id']}: skipped: {exc}")
                skipped += 1
                continue
            found += len(refused)
            _print_refused_today(batch, refused, limit)
    if skipped or found:
        sys.exit(2 if skipped else 1)


def _progress_line(batch_id: int):
    return lambda read: _echo_err(f"batch {batch_id}: {read:,} persons read again")


def _print_refused_today(batch: dict, refused: list, limit: int) -> None:
    head = f"batch {batch['id']} ({batch['file_name']})"
    if not refused:
        click.echo(f"{head}: every stored person passes today's checks")
        return
    click.echo(
        f"{head}: {len(refused):,} stored {'person' if len(refused) == 1 else 'persons'} "
        "would be refused by an import today; "
        "correct or withdraw each through a contribution, or undo the batch and import "
        "the file again:"
    )
    for person in refused[:limit]:
        edited = " (edited since the import)" if person.edited else ""
        click.echo(f"  person {person.person_id} {person.name!r}{edited}:")
        for problem in person.problems:
            click.echo(f"    {problem}")
    if len(refused) > limit:
        click.echo(f"  ... and {len(refused) - limit:,} more (--limit)")


@batches.command("undo")
@click.argument("batch_id", type=int)
@click.option(
    "--keep-edited",
    is_flag=True,
    help="Remove the rest of the batch and keep, listed, its records that hold someone's "
    "work since the import (contributions, photos, evidence files, edits).",
)
def batches_undo(batch_id: int, keep_edited: bool) -> None:
    """Remove everything batch BATCH_ID added. A record someone has worked on since (a
    contribution of any status, a photo, an evidence file, an edit) is never removed: the
    undo refuses, listing them (exit status 2), unless --keep-edited."""
    from mapapp.importers.batches import (
        PLURALS,
        UndoError,
        UndoRefused,
        undo_batch,
        undo_batch_keeping_edited,
    )

    engine = _engine(_settings())
    _require_current_schema(engine)
    try:
        if keep_edited:
            counts, kept = undo_batch_keeping_edited(engine, batch_id)
        else:
            counts, kept = undo_batch(engine, batch_id), None
    except UndoRefused as exc:
        _echo_err(f"error: {exc}")
        sys.exit(2)
    except UndoError as exc:
        raise click.ClickException(str(exc)) from exc
    removed = ", ".join(f"{n:,} {table}" for table, n in counts.items()) or "nothing"
    if not (kept and kept.total):
        click.echo(f"batch {batch_id} undone: removed {removed}")
        return
    click.echo(
        f"batch {batch_id} partly undone: removed {removed}; kept {kept.total:,} "
        f"{PLURALS[kept.table]} that hold work since the import:"
    )
    for line in kept.lines():
        click.echo(line)


@main.command("export")
@click.argument("kind", type=click.Choice(["sites", "battles", "persons"]))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "geojson", "gpkg", "xlsx"]),
    help="Default: the one the output's name says (.csv, .xlsx, .geojson or .json, .gpkg).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--include-withdrawn",
    is_flag=True,
    help="Add withdrawn sites or persons, marked in withdrawn_at and withdrawn_reason columns "
    "(such a file does not import: only a moderator withdraws a record).",
)
def export_command(kind: str, fmt: str | None, output: Path, include_withdrawn: bool) -> None:
    """Export sites, battle locations or persons to a file that imports back as the same
    records, with the sources each cites and a person's record source and id (awards'
    sources and units' fictional marks are not in it: pg_dump keeps the whole). Withdrawn
    records are left out unless --include-withdrawn. The file is written whole or not at
    all."""
    from mapapp.exports import FORMAT_OF_SUFFIX, WITHDRAWABLE, export, is_stream, withdrawn_count

    if include_withdrawn and kind not in WITHDRAWABLE:
        raise click.UsageError(f"--include-withdrawn: {kind} are never withdrawn")
    named = FORMAT_OF_SUFFIX.get(output.suffix.lower())
    if str(output) == "-":
        raise click.UsageError("-o -: name a file (or /dev/stdout for csv and geojson)")
    a_pipe = is_stream(output)  # /dev/stdout
    if not fmt and not named and not a_pipe:
        raise click.UsageError(
            f"-o {output.name}: an export is a .csv, .xlsx, .geojson (or .json) or .gpkg "
            "file; name it so, or give --format"
        )
    if fmt and named and fmt != named:
        raise click.UsageError(
            f"-o {output.name} names a {named} file, but --format is {fmt}: a program opening "
            "it would read it wrong; give the file a name ending in "
            f"{next(s for s, f in FORMAT_OF_SUFFIX.items() if f == fmt)}"
        )
    fmt = fmt or named or "csv"
    if not output.parent.is_dir():
        raise click.UsageError(f"-o {output}: the folder {output.parent} does not exist")
    with _engine(_settings()).connect() as conn:
        try:
            count = export(conn, kind, fmt, output, include_withdrawn)
        except OSError as exc:
            message = f"{output}: cannot be written ({exc.strerror or exc})"
            raise click.ClickException(message) from None
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        withdrawn = withdrawn_count(conn, kind)
    # Written to /dev/stdout, the file is the output: what is said goes to stderr.
    click.echo(f"{count:,} {kind} written to {output}", err=a_pipe)
    if withdrawn and include_withdrawn:
        click.echo(
            f"  {withdrawn:,} withdrawn {kind} among them, marked in withdrawn_at", err=a_pipe
        )
    elif withdrawn:
        click.echo(
            f"  {withdrawn:,} withdrawn {kind} left out (--include-withdrawn adds them, marked)",
            err=a_pipe,
        )


@main.group()
def users() -> None:
    """Moderator and administrator accounts."""


@users.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(["moderator", "admin"]), required=True)
def users_add(email: str, role: str) -> None:
    """Create an account; the password comes from MAPAPP_PASSWORD or a prompt."""
    import os

    from mapapp.accounts.users import add_user
    from mapapp.db import session_scope
    from mapapp.errors import MapappError

    password = os.environ.get("MAPAPP_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    try:
        with session_scope(_engine(_settings())) as session:
            account = add_user(session, email, password, role)
    except MapappError as exc:
        raise click.ClickException(exc.message) from exc
    except OperationalError as exc:
        raise _database_error(exc) from exc
    click.echo(f"{account.role} {account.email} added (account {account.id})")


@main.group()
def outbox() -> None:
    """E-mail waiting to be sent: condition reports for the bodies responsible for sites."""


@outbox.command("list")
@click.option("--all", "show_all", is_flag=True, help="Sent messages too.")
def outbox_list(show_all: bool) -> None:
    """List the messages waiting in the outbox (with --all, the sent ones too)."""
    from sqlalchemy.orm import Session

    from mapapp.contributions.outbox import list_messages

    with Session(_engine(_settings())) as session:
        messages = list_messages(session, unsent_only=not show_all)
        if not messages:
            click.echo("the outbox is empty")
        for m in messages:
            state = f"sent {m.sent_at:%Y-%m-%d %H:%M}" if m.sent_at else "waiting"
            if m.last_error:
                state += f" (attempt {m.attempts} failed: {m.last_error})"
            click.echo(
                f"{m.id:>5}  {m.created_at:%Y-%m-%d %H:%M}  {state}  "
                f"to {m.recipient or '(no address: add one to the responsible body)'}"
            )
            click.echo(f"       {m.subject}")


@outbox.command("send")
def outbox_send() -> None:
    """Send every waiting message that has an address, through MAPAPP_SMTP_URL."""
    from mapapp.contributions.outbox import send_pending

    settings = _settings()
    if not settings.smtp_url:
        raise click.ClickException("MAPAPP_SMTP_URL is not set; the messages stay waiting")
    sent, failed = send_pending(_engine(settings), settings.smtp_url, settings.mail_from)
    click.echo(f"{sent} sent, {failed} failed (kept in the outbox)")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    sys.exit(main())
