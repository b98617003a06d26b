"""Database engine, sessions and migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from psycopg.adapt import Loader
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import Session

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def make_engine(database_url: str, statement_timeout_ms: int | None = None) -> Engine:
    """An engine whose pooled connections are checked before use (a restarted server
    costs no failed request); with ``statement_timeout_ms``, every statement on its
    connections is cancelled after that long (web requests; imports run without)."""
    connect_args = {"client_encoding": "utf8"}  # what TEXT_AS_BYTES hands on as it is
    if statement_timeout_ms:
        connect_args["options"] = f"-c statement_timeout={int(statement_timeout_ms)}"
    engine = create_engine(database_url, pool_pre_ping=True, connect_args=connect_args)
    event.listen(engine, "before_cursor_execute", _load_text_as_bytes)
    return engine


# An execution option: the statement's text columns come back as the UTF-8 bytes the
# server sent. For answers the database writes whole (GeoJSON of hundreds of sites),
# which would otherwise be decoded into a str only to be encoded again to be sent.
TEXT_AS_BYTES = "mapapp_text_as_bytes"


class _Utf8Bytes(Loader):
    def load(self, data) -> bytes:
        return bytes(data)


def _load_text_as_bytes(_conn, cursor, _statement, _parameters, context, _executemany):
    if context is not None and context.execution_options.get(TEXT_AS_BYTES):
        cursor.adapters.register_loader("text", _Utf8Bytes)  # this cursor only


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    _migrate(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    _migrate(engine, command.downgrade, revision)


def _migrate(engine: Engine, step, revision: str) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        step(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        exists = connection.execute(text("SELECT to_regclass('alembic_version')")).scalar()
        if exists is None:
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_not_current(engine: Engine) -> str | None:
    """Why the database's schema is not the one this code writes to, or None."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config(engine))
    current, head = current_revision(engine), scripts.get_current_head()
    if current == head:
        return None
    if current is None:
        return "the schema is missing; run `mapapp db upgrade` first"
    try:
        scripts.get_revision(current)
    except Exception:  # alembic names an unknown revision in several ways
        return (
            f"the database's schema is at migration {current}, newer than this mapapp "
            f"knows ({head}); use the mapapp that migrated it"
        )
    return (
        f"the database's schema is at migration {current}, this mapapp needs {head}; "
        "run `mapapp db upgrade` first"
    )


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed together or not at all."""
    session = Session(engine)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def schema_differences(bind: Engine | Connection) -> list:
    """What the models say that the migrated database does not (Alembic's autogenerate
    comparison); an empty list when they match. PostGIS's own tables are left out."""
    from geoalchemy2.alembic_helpers import include_object

    from mapapp.models import Base

    if isinstance(bind, Connection):
        return _compare(bind, Base.metadata, include_object)
    with bind.connect() as connection:
        return _compare(connection, Base.metadata, include_object)


def _compare(connection: Connection, metadata, include_object) -> list:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    context = MigrationContext.configure(
        connection,
        opts={"include_object": include_object, "compare_type": True},
    )
    return compare_metadata(context, metadata)


def describe_difference(diff) -> str:
    """One line for a difference: the operation autogenerate would write, and its object."""
    if isinstance(diff, list):  # column modifications come grouped per column
        return "; ".join(describe_difference(d) for d in diff)
    operation, *rest = diff
    names = [
        str(getattr(item, "name", item))
        for item in rest
        if isinstance(item, str) or hasattr(item, "name")
    ]
    return f"{operation.replace('_', ' ')}: {' '.join(n for n in names if n and n != 'None')}"
