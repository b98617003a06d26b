"""Side by side: the person search of another revision against this one (a benchmark).

    python scripts/compare_search.py b656601            # 40 queries of each kind
    python scripts/compare_search.py b656601 --per-kind 20

Both run in this process on the benchmark database (fill it first with bench_search.py),
each query asked of both in turn (which goes first alternates), so that the load of a
shared machine weighs on both alike. Only ``mapapp/queries/search.py`` is taken from the
other revision; everything it imports is this checkout's. Prints p50/p95/p99 of each,
the median ratio per query, and the median per kind.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from mapapp import db as database
from mapapp.http.search_params import person_filters, query_words, typed_words
from mapapp.queries import search as current

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_database import bench_settings  # noqa: E402
from bench_search import figures, query_mix  # noqa: E402


def search_module_of(revision: str):
    source = subprocess.run(
        ["git", "show", f"{revision}:mapapp/queries/search.py"],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "search_at_revision.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("search_at_revision", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("revision", help="the git revision to compare with, e.g. main")
    parser.add_argument("--persons", type=int, default=2_000_000)
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    engine = database.make_engine(bench_settings().database_url)
    versions = {args.revision: search_module_of(args.revision), "this": current}
    times: dict[str, list[float]] = {name: [] for name in versions}
    by_kind: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    mix = query_mix(engine, args.persons, args.per_kind, args.seed)
    for n, (kind, query, _) in enumerate(mix):
        request = MultiDict({"q": query})
        words, filters, typed = query_words(request), person_filters(request), typed_words(request)
        for name in list(versions)[:: 1 if n % 2 else -1]:
            with Session(engine) as session:
                started = time.perf_counter()
                versions[name].search_persons(session, words, filters, 1, 20, typed)
                ms = (time.perf_counter() - started) * 1000
            times[name].append(ms)
            by_kind[kind][name].append(ms)
    print(f"{len(mix)} queries, each asked of both in turn, in process")
    for name, values in times.items():
        print(f"{name:>12}: {figures(values)}")
    ratios = [new / old for old, new in zip(times[args.revision], times["this"], strict=True)]
    print(f"this / {args.revision} per query: median {statistics.median(ratios):.2f}")
    for kind, values in by_kind.items():
        medians = "  ".join(f"{name} p50 {statistics.median(v):6.1f}" for name, v in values.items())
        print(f"  {kind:38} {medians}")


if __name__ == "__main__":
    main()
