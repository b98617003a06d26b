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


# The one stage counted against the file's rows; the later ones each report once, when
# done, a count of their own (records written, linked ...), never a share of the file.
READING = "checked"


class Progress:
    """Call with (stage, rows done); draws ``checked [####----] 45% 450,000/1,000,000``
    while the file is read, then a line per later stage. The file's rows are estimated
    (blank lines and cells over several lines count too), so reading ends at 100 %."""

    def __init__(self, total: int | None, stream=None, width: int = 30):
        self.total = total
        self.stream = stream or sys.stderr
        self.width = width
        self.tty = self.stream.isatty()
        self.started = time.monotonic()
        self._last_stage = None
        self._read = 0
        self._closed = False

    def __call__(self, stage: str, done: int) -> None:
        if not done:
            return
        if stage == READING:
            self._read = done
            self._draw(stage, self._bar(done, max(self.total or 0, done)))
            return
        self._finish_reading()
        self._draw(stage, f"{done:,} rows")

    def close(self, finished: bool = True) -> None:
        """End the display; an unfinished (interrupted) reading is not shown as whole.
        Closing again does nothing."""
        if self._closed:
            return
        self._closed = True
        if finished:
            self._finish_reading()
        if self.tty and self._last_stage:
            self.stream.write("\n")
            self.stream.flush()

    def _finish_reading(self) -> None:
        if self._last_stage == READING and self.total and self._read < self.total:
            self._draw(READING, self._bar(self._read, self._read))

    def _bar(self, done: int, total: int) -> str:
        if not self.total:
            return f"{done:,} rows"
        share = done / total
        filled = int(share * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        return f"[{bar}] {share:4.0%} {done:,}/{total:,} rows"

    def _draw(self, stage: str, text: str) -> None:
        elapsed = time.monotonic() - self.started
        line = f"{stage:<18} {text} {elapsed:5.1f} s"
        if self.tty:
            end = "\n" if stage != self._last_stage and self._last_stage else ""
            self.stream.write(f"{end}\r{line}")
        else:
            self.stream.write(line + "\n")
        self._last_stage = stage
        self.stream.flush()
