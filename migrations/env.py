"""Alembic environment: the URL comes from mapapp's settings, passed in by mapapp.db."""

from alembic import context
from sqlalchemy import create_engine, pool

from mapapp.models import Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    # PostGIS ships its own tables (spatial_ref_sys); they are not ours to manage.
    return not (type_ == "table" and name == "spatial_ref_sys")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run(conn)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `mapapp db upgrade`")
run_migrations_online()
