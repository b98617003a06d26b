"""`mapapp serve --workers N` runs N worker processes; a PostgreSQL restart under load is
answered with 503s (never a 500) and leaves no error once the database has been back 10 s."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.integration.test_cli import BIN

CLUSTER = ("15", "main")  # Debian's cluster on this machine; the test skips without it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 10) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (local)
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)
    except OSError:
        return 0, {}  # no answer at all


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.fixture(scope="module")
def served(test_settings, engine):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": test_settings.database_url,
        "MAPAPP_SECRET_KEY": "test-secret",  # serve refuses to start without one
        "MAPAPP_RETRY_AFTER_SECONDS": "1",
    }
    process = subprocess.Popen(
        [str(BIN), "serve", "--workers", "2", "--threads", "2", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if _get(base + "/api/sites", timeout=2)[0] == 200:
            break
        time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("mapapp serve did not answer")
    yield base, process
    process.terminate()
    process.wait(timeout=20)


def test_serve_runs_the_workers_asked_for(served):
    base, process = served
    assert len(_children(process.pid)) == 2
    assert _get(base + "/api/sites?bbox=26,53,28,54")[0] == 200


def _restart_allowed() -> bool:
    return (
        hasattr(os, "geteuid")
        and os.geteuid() == 0
        and shutil.which("pg_ctlcluster") is not None
        and Path(f"/etc/postgresql/{CLUSTER[0]}/{CLUSTER[1]}").is_dir()
    )


@pytest.mark.restarts_database
@pytest.mark.skipif(not _restart_allowed(), reason="needs root and Debian's PostgreSQL cluster")
def test_a_postgresql_restart_under_load(served):
    base, _process = served
    answers: list[tuple[float, int, dict]] = []
    stop = threading.Event()

    def load():  # a small, steady load: 2 clients, one request at a time each
        paths = ["/api/sites?bbox=26,53,28,54", "/sites?lang=en"]
        n = 0
        while not stop.is_set():
            status, headers = _get(base + paths[n % 2])
            answers.append((time.monotonic(), status, headers))
            n += 1
            time.sleep(0.05)

    clients = [threading.Thread(target=load, daemon=True) for _ in range(2)]
    for client in clients:
        client.start()
    time.sleep(1)
    subprocess.run(["pg_ctlcluster", *CLUSTER, "restart"], check=True, timeout=60)
    subprocess.run(["pg_isready", "-h", "127.0.0.1", "-t", "30"], check=True, timeout=40)
    back = time.monotonic()
    time.sleep(13)
    stop.set()
    for client in clients:
        client.join(timeout=15)

    statuses = {status for _, status, _ in answers}
    assert statuses <= {200, 503}, statuses  # never a 500, never a dropped connection
    for _, status, headers in answers:
        if status == 503:
            assert "Retry-After" in headers
    late = [status for at, status, _ in answers if at > back + 10]
    assert late and set(late) == {200}
