"""Names for the PDF in blocks of two columns read down: every name once, in order."""

import pytest

from mapapp.trips.dossier import column_blocks


@pytest.mark.parametrize(("count", "rows"), [(0, 3), (1, 3), (5, 3), (6, 3), (7, 3), (35, 25)])
def test_every_name_once_numbered_in_reading_order(count, rows):
    names = [{"surname": f"n{i}"} for i in range(count)]
    blocks = column_blocks(names, rows)
    read = []
    for block in blocks:
        assert len(block) <= rows
        left = [cell for cell, _ in block]
        right = [cell for _, cell in block if cell is not None]
        assert len(left) - len(right) in (0, 1)  # the left column is never the shorter
        read.extend(left + right)
    assert [number for number, _ in read] == list(range(1, count + 1))
    assert [person for _, person in read] == names
