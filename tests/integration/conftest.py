import contextlib

import pytest
from sqlalchemy import text

from mapapp.importers.runner import ImportOptions, run_import


@pytest.fixture()
def run(engine):
    """Run an import in-process; the records it added are removed afterwards, also those
    a test contributed to or edited (which an undo keeps)."""
    batches: list[int] = []

    def _run(kind, path, **options):
        report = run_import(engine, ImportOptions(kind=kind, path=path, **options))
        if report.batch_id:
            batches.append(report.batch_id)
        return report

    yield _run
    from mapapp.importers.batches import UndoError
    from tests.helpers import remove_batch

    for batch_id in reversed(batches):
        with contextlib.suppress(UndoError):  # already undone by the test itself
            remove_batch(engine, batch_id)


@pytest.fixture()
def counts(engine):
    def _counts():
        with engine.connect() as conn:
            return {
                t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                for t in ("burial_sites", "battle_locations", "persons", "burials", "sources")
            }

    return _counts
