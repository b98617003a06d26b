"""A person's fate cell as the register writes it, where its words say more than the fate.

A fate is stored as one of a few codes (models.FATES), shown by its label ("Погиб"); the
register's cell may say how the loss came ("утонул при переправе через р. Днепр", "умер в
госпитале от болезни"). The row as read is kept with the person (persons.import_source)
and the import's batch names the column read as the fate, so the page can show the cell
beside the label. Only while the stored fate is still the one that cell gives: a fate a
correction changed since is never shown with the old words. A cell that says no more than
the label ("убит", "умер от ран") is not repeated: which words those are is fate_cells's to
say (says_only_the_fate), beside the words it reads fates by.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.importers.fate_cells import parse_fate, says_only_the_fate
from mapapp.importers.stored_fates import FATE_COLUMN_SQL
from mapapp.models import FATES

# The column each person's import read as the fate, and that row's cell in it. A fate given
# for a whole file (--set fate=) is the importer's word, not the record's: not shown.
_FATE_CELL = text(
    f"""
    SELECT p.import_source ->> {FATE_COLUMN_SQL}
    FROM persons p JOIN import_batches b ON b.id = p.import_batch_id
    WHERE p.id = :id
    """
)


def fate_as_written(cell: str | None, fate: str | None) -> str | None:
    """The cell, as written, where it gives the stored ``fate`` in more words than its
    label; else None (no cell, a cell that gives another fate or none, or only the label's
    words)."""
    if not cell or not cell.strip() or fate not in FATES:
        return None
    try:
        if parse_fate(cell) != fate:  # corrected since, or read by an earlier rule
            return None
    except ValueError:
        return None
    return None if says_only_the_fate(cell, fate) else cell.strip()


def person_fate_as_written(session: Session, person_id: int, fate: str | None) -> str | None:
    """The person's fate cell, where it says more than ``fate``, their stored fate."""
    if fate is None:
        return None
    cell = session.execute(_FATE_CELL, {"id": person_id}).scalar_one_or_none()
    return fate_as_written(cell, fate)
