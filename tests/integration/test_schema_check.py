"""`mapapp db check`: the models match migrations 0001-0003, and a real difference fails."""

import pytest
from sqlalchemy import text

from mapapp import db as database
from tests.integration.test_cli import _run


def test_models_match_the_migrated_database(engine, test_settings):
    assert database.schema_differences(engine) == []
    result = _run(["db", "check"], test_settings)
    assert result.returncode == 0, result.stderr
    assert "match" in result.stdout


@pytest.fixture()
def extra_column(engine):
    """A column the models do not know, committed so that the command sees it."""
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE sources ADD COLUMN schema_check_probe text"))
    yield "schema_check_probe"
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE sources DROP COLUMN schema_check_probe"))


def test_a_column_only_the_database_has_fails_the_check(extra_column, test_settings):
    result = _run(["db", "check"], test_settings)
    assert result.returncode == 1
    assert f"remove column: sources {extra_column}" in result.stderr
    assert "1 difference(s)" in result.stderr


def test_a_dropped_index_and_a_changed_nullability_are_differences(engine):
    with engine.connect() as conn, conn.begin() as transaction:
        conn.execute(text("DROP INDEX ix_persons_death_year"))
        conn.execute(text("ALTER TABLE import_batches ALTER COLUMN created_at DROP NOT NULL"))
        lines = [database.describe_difference(d) for d in database.schema_differences(conn)]
        transaction.rollback()
    assert "add index: ix_persons_death_year" in lines
    assert "modify nullable: import_batches created_at" in lines
