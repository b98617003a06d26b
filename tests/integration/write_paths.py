"""The write paths every kept table must follow, walked with a check after each step."""

from __future__ import annotations

from collections.abc import Callable

from mapapp.demo import load_demo
from mapapp.importers.batches import undo_batch
from tests.integration.test_import import RU_HEADER, ru_row, write


def check_after_load_import_reimport_and_undo(
    run, tmp_path, engine, check: Callable[[], None], surname: str
) -> None:
    """``check()`` before and after each: the demo load, an import of three persons, the
    same file again (which adds nothing) and the undo of the import."""
    check()
    load_demo(engine)
    check()
    rows = "".join(ru_row(f"{surname}{n}") for n in range(3))
    report = run("persons", write(tmp_path, f"{surname}.csv", RU_HEADER + rows))
    assert report.added == 3, [str(p) for p in report.problems]
    check()
    assert run("persons", write(tmp_path, f"{surname}.csv", RU_HEADER + rows)).added == 0
    check()
    undo_batch(engine, report.batch_id)
    check()
