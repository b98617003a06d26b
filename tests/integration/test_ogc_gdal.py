"""A real GIS client reads the layers: GDAL's OAPIF driver (through pyogrio) against
`mapapp serve` on a free local port, paging through every burial site by following the
next links. The server runs in a process of its own: pyogrio holds the GIL while GDAL
downloads, so a server thread in this process could never answer."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyogrio
import pytest
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def ogc_server(engine, test_settings):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": test_settings.database_url,
        "MAPAPP_SECRET_KEY": "test-secret",  # serve refuses to start without one
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "mapapp.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # wait until it answers (a bound on tries, not a timed check)
            try:
                with urllib.request.urlopen(base + "/ogc", timeout=5):  # noqa: S310 - http
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail("mapapp serve exited before answering")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_gdal_has_the_oapif_driver():
    assert "OAPIF" in pyogrio.list_drivers()


def test_gdal_lists_both_collections(ogc_server):
    layers = {name for name, _ in pyogrio.list_layers(f"OAPIF:{ogc_server}/ogc")}
    assert layers == {"burial_sites", "battle_locations"}


@pytest.mark.parametrize("page_size", [None, "7"])
def test_gdal_reads_every_burial_site(ogc_server, engine, page_size):
    # With PAGE_SIZE 7 GDAL follows several next links; without, it takes the OpenAPI limit.
    options = {"PAGE_SIZE": page_size} if page_size else {}
    frame = pyogrio.read_dataframe(
        f"OAPIF:{ogc_server}/ogc", layer="burial_sites", fid_as_index=True, **options
    )
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, name, kind, ST_X(geom), ST_Y(geom) FROM burial_sites ORDER BY id")
        ).all()
    assert len(frame) == len(rows) > 40
    by_id = {int(i): row for i, row in frame.iterrows()}
    assert sorted(by_id) == [r[0] for r in rows]
    for site_id, name, kind, lon, lat in rows:
        feature = by_id[site_id]
        assert (feature["name"], feature["kind"]) == (name, kind)
        assert feature.geometry.x == pytest.approx(lon, abs=1e-6)
        assert feature.geometry.y == pytest.approx(lat, abs=1e-6)


def test_gdal_reads_battle_locations_and_passes_a_filter_through(ogc_server, engine):
    battles = pyogrio.read_dataframe(f"OAPIF:{ogc_server}/ogc", layer="battle_locations")
    with engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM battle_locations")).scalar_one()
        graves = conn.execute(
            text("SELECT count(*) FROM burial_sites WHERE kind = 'mass_grave'")
        ).scalar_one()
    assert len(battles) == total > 0
    # GDAL (3.12) sends attribute filters to a server only in pre-CQL2 draft forms, so it
    # applies this one itself to the pages it reads; the rows must still be exactly these.
    filtered = pyogrio.read_dataframe(
        f"OAPIF:{ogc_server}/ogc", layer="burial_sites", where="kind = 'mass_grave'"
    )
    assert len(filtered) == graves > 0
    assert set(filtered["kind"]) == {"mass_grave"}
