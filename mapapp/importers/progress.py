"""Progress of long work on stderr: a bar on a terminal, plain lines elsewhere (logs, CI)."""

from __future__ import annotations

import sys
import time
from pathlib import Path


def estimate_rows(path: Path) -> int | None:
    """Data rows of a text file, counted by line ends (None for other formats)."""
    if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        return None
    count = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            count += block.count(b"\n")
    return max(count - 1, 0)


class Progress:
    """Call with (stage, rows done); draws ``stage [####----] 45% 450,000/1,000,000``."""

    def __init__(self, total: int | None, stream=None, width: int = 30):
        self.total = total
        self.stream = stream or sys.stderr
        self.width = width
        self.tty = self.stream.isatty()
        self.started = time.monotonic()
        self._last_stage = None

    def __call__(self, stage: str, done: int) -> None:
        if not done:
            return
        elapsed = time.monotonic() - self.started
        if self.total:
            share = min(done / self.total, 1.0)
            filled = int(share * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            line = f"{stage:<18} [{bar}] {share:4.0%} {done:,}/{self.total:,} rows {elapsed:5.1f} s"
        else:
            line = f"{stage:<18} {done:,} rows {elapsed:5.1f} s"
        if self.tty:
            end = "\n" if stage != self._last_stage and self._last_stage else ""
            self.stream.write(f"{end}\r{line}")
        else:
            self.stream.write(line + "\n")
        self._last_stage = stage
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self._last_stage:
            self.stream.write("\n")
            self.stream.flush()
