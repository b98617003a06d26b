"""Whether any record was staged twice, known without searching the stage.

A 64-bit hash of every staged ref is kept (8 bytes a row, whatever the row's width):
refs can repeat only where hashes do, so the stage is grouped by ref only when some
hash repeats - a file with a repeated record, or (rarely) two refs sharing a hash.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

import numpy as np


class StagedRefs:
    def __init__(self) -> None:
        self._hashes = array("q")

    def add(self, refs: Iterable[str]) -> None:
        self._hashes.extend(hash(ref) for ref in refs)

    def may_repeat(self) -> bool:
        hashes = np.frombuffer(self._hashes, dtype=np.int64) if self._hashes else None
        return hashes is not None and len(np.unique(hashes)) < len(hashes)
