"""The mapapp command, run as a user runs it, against the test database."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "mapapp"


def _run(args, settings, **env):
    environment = {**os.environ, "DATABASE_URL": settings.database_url, **env}
    return subprocess.run(
        [str(BIN), *args], capture_output=True, text=True, env=environment, timeout=120
    )


def test_upgrade_and_demo_again_change_nothing(engine, test_settings):
    upgrade = _run(["db", "upgrade"], test_settings)
    assert upgrade.returncode == 0, upgrade.stderr
    assert "nothing to do" in upgrade.stdout
    demo = _run(["demo"], test_settings)
    assert demo.returncode == 0, demo.stderr
    assert "persons: 0 added, 300 already present" in demo.stdout
    assert "burial_sites: 0 added" in demo.stdout


def test_import_and_undo_stop_on_a_schema_not_this_codes(engine, test_settings, tmp_path):
    from sqlalchemy import text

    from mapapp.db import current_revision

    path = tmp_path / "s.csv"
    path.write_text("name,kind,lat,lon\nСтела,memorial,54.5,30.7\n", encoding="utf-8")
    head = current_revision(engine)
    earlier = f"{int(head) - 1:04d}"
    try:
        for stored, told in (
            (earlier, f"is at migration {earlier}, this mapapp needs {head}; run `mapapp db "),
            ("9999", f"is at migration 9999, newer than this mapapp knows ({head})"),
        ):
            with engine.begin() as conn:
                conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": stored})
            for args in (["import", "sites", str(path)], ["batches", "undo", "1"]):
                result = _run(args, test_settings)
                assert result.returncode == 2, result.stderr
                assert told in result.stderr and "nothing was written" in result.stderr
                assert "Traceback" not in result.stderr
    finally:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM burial_sites WHERE name = 'Стела'"))
        assert stored.scalar() == 0


def test_unreachable_database_is_one_clear_message(test_settings):
    result = _run(
        ["db", "upgrade"],
        test_settings,
        DATABASE_URL="postgresql://nobody@127.0.0.1:1/none",
    )
    assert result.returncode == 1
    assert "cannot reach the database" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_answers_on_the_given_port(engine, test_settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": test_settings.database_url, "MAPAPP_SECRET_KEY": "k" * 64}
    server = subprocess.Popen(
        [str(BIN), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        # Wait for the server to be up, however loaded the machine; stop if it exited.
        body = None
        while body is None and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/battles") as r:
                    body = r.read()
            except OSError:
                time.sleep(0.2)
        output = b"" if body else server.stdout.read()
        assert body is not None and b"FeatureCollection" in body, output[-2000:]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_bad_port_is_refused(test_settings):
    result = _run(["serve", "--port", "70000"], test_settings)
    assert result.returncode == 2 and "70000" in result.stderr


def test_users_add_takes_the_password_from_the_environment(engine, test_settings):
    import uuid

    email = f"Mod-{uuid.uuid4().hex[:8]}@Example.org"
    result = _run(
        ["users", "add", email, "--role", "moderator"],
        test_settings,
        MAPAPP_PASSWORD="a long enough password",
    )
    assert result.returncode == 0, result.stderr
    assert f"moderator {email.lower()} added" in result.stdout
    again = _run(
        ["users", "add", email, "--role", "admin"], test_settings, MAPAPP_PASSWORD="x" * 20
    )
    assert again.returncode == 1 and "exists already" in again.stderr
    short = _run(
        ["users", "add", "b" + email, "--role", "admin"], test_settings, MAPAPP_PASSWORD="short"
    )
    assert short.returncode == 1 and "at least 12" in short.stderr
    from sqlalchemy import text

    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT password_hash FROM users WHERE email = :e"), {"e": email.lower()}
        ).scalar_one()
    assert stored.startswith("$argon2id$")


def test_serve_debug_warns_and_binds_to_localhost_only(test_settings):
    import signal

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": test_settings.database_url, "MAPAPP_SECRET_KEY": ""}
    server = subprocess.Popen(
        [str(BIN), "serve", "--debug", "--host", "0.0.0.0", "--port", str(port)],  # noqa: S104
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the reloader's child is in this group too
    )
    try:
        lines = [server.stdout.readline() for _ in range(3)]
        output = "".join(lines)
        assert "serves on 127.0.0.1 only" in output and "never expose it" in output
        assert f"http://127.0.0.1:{port}/" in output
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def test_an_interrupted_import_writes_nothing_and_says_so(engine, test_settings, tmp_path):
    import signal

    from sqlalchemy import text

    rows = "".join(f"Прерванов{i},Иван,Шуховцы,Дубровенский\n" for i in range(200_000))
    path = tmp_path / "long.csv"
    path.write_text("Фамилия,Имя,Место захоронения,Район захоронения\n" + rows, encoding="utf-8")

    def stored():
        with engine.connect() as conn:
            return conn.execute(
                text("SELECT count(*) FROM persons WHERE surname LIKE 'Прерванов%'")
            ).scalar()

    environment = {**os.environ, "DATABASE_URL": test_settings.database_url}
    # As at a terminal: a job started in the background of a script inherits Ctrl-C
    # ignored, and Python keeps it so (the import would then run on and commit).
    process = subprocess.Popen(
        [str(BIN), "import", "persons", str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    # Interrupted while it checks the rows (its first progress line has been written).
    first_line = process.stderr.readline()
    assert first_line.startswith("checked"), first_line
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "interrupted: an import commits all or nothing" in err
    assert "Traceback" not in err and "Aborted!" not in err
    assert "100%" not in err  # the reading is not shown as finished
    assert stored() == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["import", "persons", "{tmp}", "--json"], "is a directory"),
        (["import", "persons", "{tmp}/x.csv", "--bogus", "--json"], "No such option '--bogus'"),
        (["import", "persons", "{tmp}/x.csv", "--set", "surname", "--json"], "FIELD=VALUE"),
        (["duplicates", "list", "--limit", "x", "--json"], "'x' is not a valid integer"),
    ],
)
def test_a_usage_error_asked_for_json_is_told_as_json(test_settings, tmp_path, args, said):
    (tmp_path / "x.csv").write_text("Фамилия\nТестов\n", encoding="utf-8")
    result = _run([a.format(tmp=tmp_path) for a in args], test_settings)
    assert result.returncode == 2
    body = json.loads(result.stdout)
    assert said in body["error"] and body["committed"] is False
    assert said in result.stderr  # and as before, for a person at the terminal
