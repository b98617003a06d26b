"""Fixtures: a real PostGIS test database, migrated and loaded with the demo data once."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from mapapp import create_app
from mapapp import db as database
from mapapp.demo import load_demo
from mapapp.settings import Settings

DEFAULT_TEST_URL = "postgresql+psycopg://mapapp:mapapp@127.0.0.1:5432/mapapp_test"


def _test_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", DEFAULT_TEST_URL)
    url = Settings(DATABASE_URL=url).database_url
    # The suite drops and recreates every table: never let it near a real database.
    if not make_url(url).database.endswith("_test"):
        raise pytest.UsageError(f"TEST_DATABASE_URL must name a database ending in _test: {url}")
    return url


@pytest.fixture(scope="session")
def test_settings() -> Settings:
    # Rate limits count per client address, and every test client comes from 127.0.0.1:
    # the shared app allows many; tests/integration/test_limits.py proves the defaults
    # on apps of its own.
    return Settings(
        DATABASE_URL=_test_url(),
        secret_key="test-secret",
        contribution_rate_limit="10000 per minute",
        login_rate_limit="10000 per minute",
    )


@pytest.fixture(scope="session")
def engine(test_settings) -> Iterator[Engine]:
    engine = database.make_engine(test_settings.database_url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT postgis_version()"))
    except Exception as exc:  # pragma: no cover - environment problem, not a test result
        pytest.exit(f"test database not reachable ({exc}); run `make db` first", returncode=2)
    # Start from nothing (whatever an earlier run left), migrate up, down and up again
    # so that every downgrade is exercised too, then load the demo data.
    _drop_all_tables(engine)
    database.upgrade(engine)
    database.downgrade(engine, "base")
    database.upgrade(engine)
    load_demo(engine)
    yield engine
    engine.dispose()


def _drop_all_tables(engine: Engine) -> None:
    with engine.begin() as conn:
        tables = (
            conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'spatial_ref_sys'"
                )
            )
            .scalars()
            .all()
        )
        for table in tables:
            conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))


@pytest.fixture(scope="session")
def app(engine, test_settings):
    app = create_app(test_settings)
    app.config["TESTING"] = True
    return app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def session(engine):
    from sqlalchemy.orm import Session

    with Session(engine) as s:
        yield s


@pytest.fixture()
def scratch(engine):
    """Insert committed test records (the app reads them on its own connections);
    everything with a ref starting with 'test:' is removed afterwards."""
    from tests.helpers import Scratch

    helper = Scratch(engine)
    yield helper
    helper.cleanup()


def site_id_by_ref(engine: Engine, ref: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT id FROM burial_sites WHERE ref = :r"), {"r": ref}
        ).scalar_one()


@pytest.fixture(scope="session")
def shukhovtsy_id(engine) -> int:
    return site_id_by_ref(engine, "site:shukhovtsy")


@pytest.fixture()
def accounts(engine):
    """Make moderator and admin accounts: ``accounts("moderator")`` -> (email, password)."""
    from tests.helpers import make_account

    return lambda role="moderator": make_account(engine, role)
