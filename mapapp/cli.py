"""The ``mapapp`` command. Every command reads its settings (DATABASE_URL ...) from the
environment."""

from __future__ import annotations

import sys

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


def _database_error(exc: OperationalError) -> click.ClickException:
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    return click.ClickException(
        f"cannot reach the database ({reason}). Check DATABASE_URL or run `make db`."
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option("--debug", is_flag=True, help="Development server: reload on code changes.")
def serve(host: str, port: int, threads: int, debug: bool) -> None:
    """Serve the web application (waitress; --debug for the development server)."""
    from mapapp import create_app

    app = create_app(_settings())
    click.echo(f"mapapp on http://{host}:{port}/ (Ctrl+C to stop)")
    if debug:
        from werkzeug.serving import run_simple

        run_simple(host, port, app, threaded=True, use_reloader=True, use_debugger=True)
        return
    import waitress

    waitress.serve(app, host=host, port=port, threads=threads, ident="mapapp")


if __name__ == "__main__":
    sys.exit(main())
