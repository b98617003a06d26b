"""What an export writes, the importer reads back as it was: every short text of
apostrophes, formula signs and letters, through a spreadsheet cell and through geodata."""

import itertools

import pytest

from mapapp.exports import _kept_by_importer, spreadsheet_cell
from mapapp.importers.values import clean

TEXTS = ["".join(t) for n in range(1, 6) for t in itertools.product("'=-+@a \t", repeat=n)]


@pytest.mark.parametrize("write", [spreadsheet_cell, _kept_by_importer])
def test_every_text_is_read_back_as_written(write):
    stored = [t.strip() for t in TEXTS if t.strip()]  # stored text is trimmed
    assert [clean(write(t)) for t in stored] == stored


def test_formula_starts_are_written_inert_in_spreadsheets():
    assert spreadsheet_cell("=1+1") == "'=1+1" and spreadsheet_cell("''-0") == "'''-0"
    assert _kept_by_importer("=1+1") == "=1+1"  # geodata runs nothing
