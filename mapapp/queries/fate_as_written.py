"""A person's fate cell as the register writes it, where its words say more than the fate.

A fate is stored as one of a few codes (models.FATES), shown by its label ("Погиб"); the
register's cell may say how the loss came ("утонул при переправе через р. Днепр", "умер в
госпитале от болезни"). The row as read is kept with the person (persons.import_source)
and the import's batch names the column read as the fate, so the page can show the cell
beside the label. Only while the stored fate is still the one that cell gives: a fate a
correction changed since is never shown with the old words. A cell that says no more than
the label ("убит", "умер от ран") is not repeated.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.importers.fate_cells import parse_fate
from mapapp.importers.stored_fates import FATE_COLUMN_SQL
from mapapp.models import FATES
from mapapp.text.kazakh_letters import kazakh_pattern

# The column each person's import read as the fate, and that row's cell in it. A fate given
# for a whole file (--set fate=) is the importer's word, not the record's: not shown.
_FATE_CELL = text(
    f"""
    SELECT p.import_source ->> {FATE_COLUMN_SQL}
    FROM persons p JOIN import_batches b ON b.id = p.import_batch_id
    WHERE p.id = :id
    """
)

# What says a fate and no more: the label's own words, in each language the importer reads
# (lower case, "ё" as "е"; Kazakh also typed without its letters, as fate_cells reads it);
# with these the cell would only repeat the label.
_BARE = {
    "killed": [
        r"убит(?:а|ы)?", r"погиб(?:ла|ли)?", r"забіт(?:ы|а)", r"загін(?:уў|ула)",
        r"killed(?: in action)?", kazakh_pattern(r"қаза тапты"),
    ],
    "died_of_wounds": [
        r"(?:(?:умер(?:ла)?|скончал(?:ся|ась)) )?от ран", r"(?:памер(?:ла)? )?ад ран",
        r"died of wounds",
        kazakh_pattern(r"(?:жарақаттан|жарақатынан|жара(?:лар)?дан) қайтыс болды"),
    ],
    "missing": [
        r"пропал(?:а)? без вести", r"прапа(?:ў|ла) без вестак", kazakh_pattern(r"хабарсыз кетті"),
        r"missing(?: in action)?",
    ],
    "died_in_captivity": [
        r"(?:умер(?:ла)?|погиб(?:ла)?) в плену", r"(?:памер(?:ла)?|загін(?:уў|ула)) у палоне",
        kazakh_pattern(r"тұтқында қайтыс болды"), r"died in captivity",
    ],
    "died": [
        r"умер(?:ла)?", r"скончал(?:ся|ась)", r"памер(?:ла)?", r"died",
        kazakh_pattern(r"қайтыс болды"),
    ],
    "wounded": [r"ранен(?:а)?", r"паранен(?:ы|а)", r"wounded"],
    "captured": [r"попал(?:а)? в плен", r"captured", r"taken prisoner"],
    "executed": [r"расстрелян(?:а)?", r"расстраля(?:ны|на)", r"executed"],
}  # fmt: skip
_BARE_OF = {fate: re.compile("|".join(words)) for fate, words in _BARE.items()}
_ENDS = " \t\n.,;:!"


def _says_only(cell: str, fate: str) -> bool:
    words = " ".join(cell.lower().replace("ё", "е").split()).strip(_ENDS)
    return words in FATES or bool(_BARE_OF[fate].fullmatch(words))


def fate_as_written(cell: str | None, fate: str | None) -> str | None:
    """The cell, as written, where it gives the stored ``fate`` in more words than its
    label; else None (no cell, a cell that gives another fate or none, or only the label's
    words)."""
    if not cell or not cell.strip() or fate not in _BARE:
        return None
    try:
        if parse_fate(cell) != fate:  # corrected since, or read by an earlier rule
            return None
    except ValueError:
        return None
    return None if _says_only(cell, fate) else cell.strip()


def person_fate_as_written(session: Session, person_id: int, fate: str | None) -> str | None:
    """The person's fate cell, where it says more than ``fate``, their stored fate."""
    if fate is None:
        return None
    cell = session.execute(_FATE_CELL, {"id": person_id}).scalar_one_or_none()
    return fate_as_written(cell, fate)
