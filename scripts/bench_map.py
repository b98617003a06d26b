"""Benchmark of the map, the site pages and the API at the register's scale, beside
PostgreSQL alone running the same SQL, in one run (a benchmark, not a test).

    python scripts/bench_map.py                      # 10,000 sites, 2,000,000 persons
    python scripts/bench_map.py --persons 200000     # smaller
    python scripts/bench_map.py --requests 50 --seconds 10 --clients 8

It fills (or reuses) a database whose name must end in "_bench" (BENCH_DATABASE_URL,
default mapapp_bench on the local server) with the seeded synthetic register of
scripts/synthetic.py, serves it with `mapapp serve` (gunicorn, one worker per core) and
prints medians for every figure of issue 9:

* the viewport API for bbox=26,53,28,54, one client, and the throughput of 8 concurrent
  clients, beside PostgreSQL alone answering the same GeoJSON on 8 connections; separately
  for viewports never asked before (each shifted a little: nothing kept can answer them)
  and for a viewport asked before (the kept answer), and beside the per-request JSON
  build the API used before migration 0011;
* the first view of the whole country in Chromium: bytes fetched and time to the first
  marker or cluster;
* the page of the biggest site, page 200 of its persons by number and by key, its CSV,
  and a revalidation answered 304;
* /api/home-regions and /from, beside the per-request counts used before migration 0013.

Every figure is printed with its target, and the machine's load averages before and after.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp import db as database
from mapapp.queries import home_regions, nearby, site_map, sites
from mapapp.queries.home_regions import site_home_breakdown

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_database import bench_settings  # noqa: E402
from bench_search import load, log  # noqa: E402

VIEWPORT = (26.0, 53.0, 28.0, 54.0)
CHROMIUM = "/usr/bin/chromium"


# ----------------------------------------------------------------------------- clients


# What Chromium sends (it offers zstd and br on http://127.0.0.1 too, a secure context).
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"


class Client:
    """One keep-alive HTTP connection to the local server, as a browser would hold."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
        headers = {"Accept-Encoding": BROWSER_ENCODINGS, **(headers or {})}
        for attempt in range(2):
            try:
                self.connection.request("GET", path, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read(), dict(response.getheaders())
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        raise AssertionError("unreachable")


def median_ms(run: Callable[[], object], repeat: int) -> float:
    run()  # warm
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def interleaved_medians(runs: dict[str, Callable[[], object]], repeat: int) -> dict:
    """Median milliseconds of each run, taken in turns (A, B, C, A, B, C...), so that a
    change in the machine's load weighs on every one of them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for run in runs.values():
        run()  # warm
    for _ in range(repeat):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def interleaved_throughputs(makers: dict, clients: int, seconds: float, rounds: int = 3):
    """Requests per second of each kind of worker, measured in turns of seconds/rounds."""
    done = {name: 0.0 for name in makers}
    for _ in range(rounds):
        for name, make_worker in makers.items():
            done[name] += throughput(make_worker, clients, seconds / rounds) * seconds / rounds
    return {name: total / seconds for name, total in done.items()}


def throughput(make_worker: Callable[[], Callable[[], object]], clients: int, seconds: float):
    """Requests per second that ``clients`` threads complete, each with its own worker."""
    done = [0] * clients
    stop = threading.Event()

    def loop(i: int) -> None:
        work = make_worker()
        while not stop.is_set():
            work()
            done[i] += 1

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    return sum(done) / seconds


# ------------------------------------------------------------------------------ server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, workers: int, threads: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    command = [str(Path(sys.executable).parent / "mapapp"), "serve", "--port", str(port)]
    command += ["--workers", str(workers), "--threads", str(threads)]
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MAPAPP_WORKERS": str(workers),
        # `mapapp serve` needs a key; a fresh one per run signs nothing that outlives it.
        "MAPAPP_SECRET_KEY": os.environ.get("MAPAPP_SECRET_KEY") or secrets.token_hex(32),
    }
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(600):
        try:
            if Client(port).get("/api/")[0] == 200:
                return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    sys.exit("mapapp serve did not start")


# ----------------------------------------------------------------------------- figures


# The viewport's GeoJSON as the API built it per request before migration 0011 (one
# json_build_object per site), for comparison with the kept feature texts.
PER_REQUEST_BUILD = """
    SELECT json_build_object(
        'type', 'FeatureCollection', 'aggregated', false, 'total', count(*) OVER (),
        'features', COALESCE(json_agg(json_build_object(
            'type', 'Feature', 'id', s.id, 'geometry', ST_AsGeoJSON(s.geom, 6)::json,
            'properties', json_build_object(
                'name', s.name, 'name_en', s.name_en, 'kind', s.kind,
                'buried_total', s.buried_total, 'buried_known', s.buried_known,
                'buried_unknown', s.buried_unknown, 'buried_as_written', s.buried_as_written,
                'location_precision', s.location_precision,
                'register_number', s.register_number, 'oblast', s.oblast,
                'district', s.district, 'settlement', s.settlement,
                'persons_in_registry', COALESCE(c.persons_in_registry, 0),
                'has_fictional_persons', COALESCE(c.fictional_persons, 0) > 0))
            ORDER BY s.id), '[]'::json))::text
    FROM burial_sites s LEFT JOIN site_counts c ON c.site_id = s.id
    WHERE s.geom && ST_MakeEnvelope(:a, :b, :c, :d, 4326)
"""


class Viewports:
    """Viewports never asked before (shifted by 1e-5 degrees each time), so that neither
    the app's kept answers nor anything else can answer them from memory."""

    def __init__(self):
        self._shifts = itertools.count(1)

    def next_bbox(self) -> tuple[float, float, float, float]:
        shift = next(self._shifts) * 1e-5
        minlon, minlat, maxlon, maxlat = VIEWPORT
        return (minlon + shift, minlat + shift, maxlon + shift, maxlat + shift)

    def next_path(self) -> str:
        return "/api/sites?bbox=" + ",".join(f"{v:.5f}" for v in self.next_bbox())


def viewport_figures(engine, port, args, limits) -> list[tuple]:
    bbox = ",".join(str(v) for v in VIEWPORT)
    path = f"/api/sites?bbox={bbox}"
    status, body, _ = Client(port).get(path, {"Accept-Encoding": "identity"})
    features = len(json.loads(body)["features"]) if status == 200 else 0
    fresh = Viewports()
    client = Client(port)
    session = Session(engine)

    def sql_alone():
        return site_map.sites_for_view(session, site_map.MapView(bbox=fresh.next_bbox()), limits)

    def old_build():
        a, b, c, d = fresh.next_bbox()
        params = {"a": a, "b": b, "c": c, "d": d}
        return session.execute(text(PER_REQUEST_BUILD), params).scalar_one()

    medians = interleaved_medians(
        {
            "uncached": lambda: client.get(fresh.next_path()),
            "cached": lambda: client.get(path),
            "sql": sql_alone,
            "old": old_build,
        },
        args.requests,
    )
    session.close()
    uncached_ms, cached_ms, db_ms, old_ms = (
        medians[k] for k in ("uncached", "cached", "sql", "old")
    )

    def http_worker(fixed: bool):
        def make():
            own = Client(port)
            return (lambda: own.get(path)) if fixed else (lambda: own.get(fresh.next_path()))

        return make

    def db_worker():
        def run():  # a session per request, checked out of the pool as the app does
            with Session(engine) as own:
                view = site_map.MapView(bbox=fresh.next_bbox())
                return site_map.sites_for_view(own, view, limits)

        return run

    rates = interleaved_throughputs(
        {"uncached": http_worker(False), "cached": http_worker(True), "sql": db_worker},
        args.clients,
        args.seconds,
    )
    uncached_rps, cached_rps, db_rps = (rates[k] for k in ("uncached", "cached", "sql"))
    return [
        (f"viewport {bbox}: {features} sites, new viewports, median", f"{uncached_ms:.1f} ms",
         f"{db_ms:.1f} ms", f"target <= 20 ms; per-request JSON build (before 0011) "
         f"{old_ms:.1f} ms"),
        ("viewport asked before (kept answer), median", f"{cached_ms:.1f} ms", f"{db_ms:.1f} ms",
         "target <= 20 ms"),
        (f"new viewports, {args.clients} concurrent clients", f"{uncached_rps:.0f} req/s",
         f"{db_rps:.0f} req/s", f"ratio {uncached_rps / db_rps:.2f} (target >= 0.6)"),
        (f"viewport asked before, {args.clients} concurrent clients", f"{cached_rps:.0f} req/s",
         f"{db_rps:.0f} req/s", f"ratio {cached_rps / db_rps:.2f} (target >= 0.6)"),
    ]  # fmt: skip


# /api/home-regions and /from as they were counted per request before migration 0013.
COUNTED_HOME_OPTIONS = """
    SELECT home_country, home_region, home_country_key, home_region_key, count(*)
    FROM persons WHERE home_country IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2
"""
COUNTED_HOME_SITES = """
    SELECT b.site_id, count(*), count(*) FILTER (WHERE p.is_fictional)
    FROM persons p JOIN burials b ON b.person_id = p.id
    WHERE p.home_country_key LIKE :country || '%' GROUP BY b.site_id
"""


def home_figures(engine, port, args) -> list[tuple]:
    client = Client(port)
    with Session(engine) as session:
        options = home_regions.home_options(session)
        country = max(options, key=lambda o: o["persons"])
        kept_options_ms = median_ms(lambda: home_regions.home_options(session), args.requests)
        counted_options_ms = median_ms(lambda: session.execute(text(COUNTED_HOME_OPTIONS)).all(), 5)
        key = country["country_key"]
        kept_sites_ms = median_ms(
            lambda: home_regions.sites_for_home(session, key, None), args.requests
        )
        counted_sites_ms = median_ms(
            lambda: session.execute(text(COUNTED_HOME_SITES), {"country": key}).all(), 5
        )
    api_ms = median_ms(lambda: client.get("/api/home-regions"), args.requests)
    from_path = f"/from?country={quote(country['country'])}&lang=en"
    from_status = client.get(from_path)[0]
    from_ms = median_ms(lambda: client.get(from_path), 5)  # lists every site: seconds each
    return [
        ("/api/home-regions (kept answer)", f"{api_ms:.1f} ms", f"{kept_options_ms:.1f} ms",
         f"counted per request (before 0013): {counted_options_ms:.0f} ms"),
        (f"/from page, {country['country']} ({country['persons']:,} persons)",
         f"{from_ms:.1f} ms", f"{kept_sites_ms:.1f} ms (its sites)",
         f"HTTP {from_status}; counted per request (before 0013): {counted_sites_ms:.0f} ms"),
    ]  # fmt: skip


def first_view_figures(engine, port, args, limits) -> list[tuple]:
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{port}"
    sizes, firsts, asked = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for _ in range(args.views):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(base) else route.abort()
                ),
            )
            page.on(
                "request",
                lambda request: asked.append(request.url) if "/api/sites?" in request.url else 0,
            )
            page.goto(base + "/")
            first = page.wait_for_function(
                "() => document.querySelector('.mapapp-grid-cluster, .leaflet-marker-icon')"
                " && performance.now()",
                timeout=60_000,
            ).json_value()
            page.wait_for_selector("body[data-map-ready=true]", timeout=60_000)
            page.wait_for_timeout(300)
            size = page.evaluate(
                "() => performance.getEntriesByType('navigation')"
                ".concat(performance.getEntriesByType('resource'))"
                ".reduce((sum, e) => sum + (e.transferSize || 0), 0)"
            )
            sizes.append(size)
            firsts.append(first)
            context.close()
        browser.close()
    # The map's first request for sites, as PostgreSQL alone answers it.
    query = parse_qs(urlsplit(asked[0]).query)
    bbox = tuple(float(v) for v in query["bbox"][0].split(","))
    view = site_map.MapView(bbox=bbox, zoom=int(query["zoom"][0]))
    with Session(engine) as session:
        db_ms = median_ms(lambda: site_map.sites_for_view(session, view, limits), args.requests)
        answer = site_map.sites_for_view(session, view, limits)
    return [
        ("first view of the country: bytes fetched", f"{statistics.median(sizes) / 1024:.0f} KB",
         "", "target <= 300 KB"),
        ("first view: first marker shown after", f"{statistics.median(firsts):.0f} ms",
         f"{db_ms:.1f} ms (clusters SQL)", f"target <= 1000 ms; answer {len(answer) // 1024} KB "
         "uncompressed"),
    ]  # fmt: skip


def big_site_figures(engine, port, args) -> list[tuple]:
    with engine.connect() as conn:
        site_id, persons = conn.execute(
            text(
                "SELECT site_id, persons_in_registry FROM site_counts "
                "ORDER BY persons_in_registry DESC LIMIT 1"
            )
        ).one()
    client = Client(port)
    page_path = f"/sites/{site_id}?lang=en"
    page_ms = median_ms(lambda: client.get(page_path), args.requests)
    per_page = 50
    offset_path = f"/api/sites/{site_id}/persons?page=200&per_page={per_page}"
    with Session(engine) as session:  # the cursor that page 199's "next" link carries
        after = sites.site_persons(session, site_id, 199, per_page, "name").next_after
    keyset_path = f"{offset_path}&after={after}"
    offset_status = client.get(offset_path)[0]
    offset_ms = median_ms(lambda: client.get(offset_path), args.requests)
    keyset_status = client.get(keyset_path)[0]
    keyset_ms = median_ms(lambda: client.get(keyset_path), args.requests)
    status, _, headers = client.get(page_path)
    tag = headers.get("ETag", "")
    not_modified_ms = median_ms(lambda: client.get(page_path, {"If-None-Match": tag}), 50)
    assert client.get(page_path, {"If-None-Match": tag})[0] == 304
    started = time.perf_counter()
    csv_client = Client(port)
    csv_client.connection.request("GET", f"/api/sites/{site_id}/persons.csv")
    response = csv_client.connection.getresponse()
    response.read(1)
    first_byte_ms = (time.perf_counter() - started) * 1000
    size = 1 + len(response.read())
    csv_ms = (time.perf_counter() - started) * 1000

    cursor = sites.Cursor(person_id=after)
    with Session(engine) as session:

        def page_queries():
            sites.site_detail(session, site_id)
            sites.site_persons(session, site_id, 1, per_page, "name")
            site_home_breakdown(session, site_id)
            nearby.nearest_sites(session, site_id=site_id, limit=5)
            nearby.nearest_battles(session, site_id=site_id, limit=5)

        db_page_ms = median_ms(page_queries, args.requests)
        db_offset_ms = median_ms(
            lambda: sites.site_persons(session, site_id, 200, per_page, "name"), args.requests
        )
        db_keyset_ms = median_ms(
            lambda: sites.site_persons(session, site_id, 200, per_page, "name", cursor),
            args.requests,
        )
    return [
        (f"site page, biggest site ({persons:,} persons)", f"{page_ms:.1f} ms",
         f"{db_page_ms:.1f} ms", "target <= 150 ms"),
        ("API page 200 of its persons, by key (next links)", f"{keyset_ms:.1f} ms",
         f"{db_keyset_ms:.1f} ms", f"target <= 100 ms; HTTP {keyset_status}"),
        ("API page 200 of its persons, by number (?page=200)", f"{offset_ms:.1f} ms",
         f"{db_offset_ms:.1f} ms", f"target <= 100 ms; HTTP {offset_status}"),
        ("site page revalidated (If-None-Match: 304)", f"{not_modified_ms:.1f} ms", "", ""),
        ("its CSV: first byte / whole", f"{first_byte_ms:.0f} / {csv_ms:.0f} ms",
         "", f"{size / 1e6:.1f} MB, streamed"),
    ]  # fmt: skip


def uptime() -> str:
    """The machine's load averages (1, 5, 15 min), as `uptime` prints them."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=2_000_000)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30, help="per median")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15, help="per throughput run")
    parser.add_argument("--views", type=int, default=5, help="first views in Chromium")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--reload", action="store_true", help="refill even if the size fits")
    args = parser.parse_args()
    settings = bench_settings()
    engine = database.make_engine(settings.database_url)
    database.upgrade(engine)
    load(engine, args.persons, args.sites, args.reload)
    limits = site_map.MapLimits(
        settings.max_features, settings.map_cluster_threshold, settings.map_cluster_below_zoom
    )
    with engine.connect() as conn:  # the kept tables' visibility maps (index-only scans)
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    load_before = uptime()
    process, port = start_server(settings.database_url, args.workers, args.threads)
    try:
        log("measuring the viewport API")
        rows = viewport_figures(engine, port, args, limits)
        log("measuring the first view in Chromium")
        rows += first_view_figures(engine, port, args, limits)
        log("measuring the biggest site")
        rows += big_site_figures(engine, port, args)
        log("measuring the home regions")
        rows += home_figures(engine, port, args)
    finally:
        process.terminate()
        process.wait(timeout=30)
    print(f"load before: {load_before}; after: {uptime()}")
    print(
        f"{args.sites:,} sites, {args.persons:,} persons; mapapp serve --workers "
        f"{args.workers} --threads {args.threads}; {os.cpu_count()} cores; medians"
    )
    header = ("figure", "mapapp (HTTP)", "PostgreSQL alone", "note")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
