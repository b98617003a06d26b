"""The database every benchmark fills or reads: BENCH_DATABASE_URL, or mapapp_bench on the
local server. Its name must end in "_bench", since benchmarks empty it."""

from __future__ import annotations

import os
import sys

from sqlalchemy.engine import make_url

from mapapp.settings import Settings

DEFAULT_URL = "postgresql+psycopg://mapapp:mapapp@127.0.0.1:5432/mapapp_bench"


def bench_settings() -> Settings:
    """Settings pointing at the benchmark database; exits with a message for any other."""
    settings = Settings(DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    if not make_url(settings.database_url).database.endswith("_bench"):
        sys.exit("the benchmark database's name must end in _bench (it is emptied)")
    return settings
