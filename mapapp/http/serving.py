"""Serving the application: gunicorn worker processes (one per core by default), each with
a few threads and its own database pool; waitress where gunicorn cannot run (Windows)."""

from __future__ import annotations

import os

from mapapp.settings import Settings


def default_workers(settings: Settings) -> int:
    return settings.workers or os.cpu_count() or 1


def gunicorn_options(host: str, port: int, workers: int, threads: int) -> dict:
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        # A worker stuck longer than this is replaced; statements stop at statement_timeout.
        "timeout": 60,
        # Idle keep-alive connections stay open longer than a reader's pause between two
        # clicks (closing them sooner makes clients race the close: connection resets).
        "keepalive": 75,
        # On SIGTERM, workers finish their requests for at most this long.
        "graceful_timeout": 5,
        "proc_name": "mapapp",
    }


def _without_control_socket(options: dict, known: dict) -> dict:
    """gunicorn 24+ opens a control socket at one fixed path per user by default: two
    servers on one machine would contend for it; mapapp does not use it."""
    if "control_socket_disable" in known:
        return {**options, "control_socket_disable": True}
    return options


def serve(settings: Settings, host: str, port: int, workers: int, threads: int) -> None:
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:  # pragma: no cover - gunicorn needs a Unix
        import waitress

        from mapapp import create_app

        waitress.serve(create_app(settings), host=host, port=port, threads=threads)
        return

    class Server(BaseApplication):
        def load_config(self):
            options = gunicorn_options(host, port, workers, threads)
            for key, value in _without_control_socket(options, self.cfg.settings).items():
                self.cfg.set(key, value)

        def load(self):
            # Called in each worker after the fork: every worker builds its own engine.
            from mapapp import create_app

            return create_app(settings)

    Server().run()
