"""The CPU time the local PostgreSQL server's processes have used (Linux /proc), so that a
benchmark can say how the work of a run splits between the application and the database.

A backend that has ended (a parallel worker of an index build) is counted too: its time
is added to the postmaster's children's time when the postmaster reaps it.
"""

from __future__ import annotations

import os
from pathlib import Path


def postgres_cpu_seconds() -> float | None:
    """User and system CPU seconds of every process named postgres, with their reaped
    children's; None when none can be read (the server runs elsewhere)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, found = 0, False
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            line = stat.read_text()
        except OSError:  # the process ended meanwhile
            continue
        name = line[line.index("(") + 1 : line.rindex(")")]
        if name != "postgres":
            continue
        fields = line[line.rindex(")") + 2 :].split()
        # utime, stime, cutime, cstime: fields 14-17 of proc(5), counted from the state.
        total += sum(int(v) for v in fields[11:15])
        found = True
    return total / ticks if found else None
