"""Victory Day load test with locust, headless, against a local mapapp only.

    pip install -e '.[load]'
    mapapp serve --port 5000 &                       # gunicorn, one worker per core
    python scripts/loadtest.py --users 50 --spawn-rate 10 --seconds 60 --port 5000

The mix is what a crowd does on 9 May: pan and zoom the map (most requests), open site
pages and their lists of persons, search for a relative by name, and plan a trip. Each
user waits 1-5 s between actions, as a person reading a page does. Users, run time and
host are bounded: only 127.0.0.1 is accepted. Locust prints requests per second, failures
and percentiles per kind of request at the end (--csv PREFIX writes them to files).
"""

from __future__ import annotations

import argparse
import random
import sys

from locust import HttpUser, between, events, task

# Belarus, where the map is panned (minlon, minlat, maxlon, maxlat).
REGION = (23.2, 51.3, 32.7, 56.1)
SURNAMES = ["Иванов", "Ахметов", "Ковалев", "Омаров", "Zhaksylykov", "Смирнов", "Жумабаев"]
SITE_IDS: list[int] = []


@events.test_start.add_listener
def _site_ids(environment, **_kwargs) -> None:
    """The ids of every site, read once from the API, for pages and trips."""
    import json
    import urllib.request

    with urllib.request.urlopen(environment.host + "/api/sites", timeout=120) as response:  # noqa: S310
        SITE_IDS.extend(f["id"] for f in json.load(response)["features"])
    if not SITE_IDS:
        raise SystemExit("the database holds no sites: load some first")


def _view(rng: random.Random) -> tuple[str, int]:
    zoom = rng.choice([7, 8, 9, 10, 11, 12, 13])
    span = 360 / 2**zoom * 5  # about a 1280-pixel-wide window, padded as the map pads it
    lon = rng.uniform(REGION[0], REGION[2])
    lat = rng.uniform(REGION[1], REGION[3])
    bbox = (lon - span / 2, lat - span / 4, lon + span / 2, lat + span / 4)
    return ",".join(f"{v:.5f}" for v in bbox), zoom


class VictoryDayVisitor(HttpUser):
    wait_time = between(1, 5)

    def on_start(self) -> None:
        self.rng = random.Random()
        self.client.headers["Accept-Encoding"] = "gzip, deflate, br, zstd"  # as Chromium
        self.client.get("/", name="/ (map page)")

    @task(10)
    def pan_the_map(self) -> None:
        bbox, zoom = _view(self.rng)
        self.client.get(f"/api/sites?bbox={bbox}&zoom={zoom}", name="/api/sites?bbox&zoom")
        self.client.get(f"/api/battles?bbox={bbox}", name="/api/battles?bbox")

    @task(4)
    def open_a_site(self) -> None:
        site = self.rng.choice(SITE_IDS)
        self.client.get(f"/sites/{site}", name="/sites/<id>")
        if self.rng.random() < 0.3:
            self.client.get(f"/sites/{site}?page=2", name="/sites/<id>?page=2")

    @task(3)
    def search_a_name(self) -> None:
        q = self.rng.choice(SURNAMES)
        self.client.get("/api/persons", params={"q": q}, name="/api/persons?q")

    @task(1)
    def plan_a_trip(self) -> None:
        stops = ",".join(str(s) for s in self.rng.sample(SITE_IDS, 4))
        self.client.get(f"/api/itinerary?sites={stops}&start=53.9,27.56", name="/api/itinerary")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50, help="at most 2000")
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--seconds", type=int, default=60, help="at most 3600")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--csv", help="write locust's CSV statistics with this prefix")
    args = parser.parse_args()
    if not 1 <= args.users <= 2000 or not 1 <= args.seconds <= 3600:
        sys.exit("users must be 1..2000 and seconds 1..3600")
    argv = [
        "locust",
        "-f",
        __file__,
        "--headless",
        "--only-summary",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        f"http://127.0.0.1:{args.port}",  # never another host
    ]
    if args.csv:
        argv += ["--csv", args.csv]
    from locust.main import main as locust_main

    sys.argv = argv
    locust_main()


if __name__ == "__main__":
    main()
