"""All configuration in one typed place, read from the environment.

Nothing else in the package reads ``os.environ``: tests and commands build a
``Settings`` object and hand it to ``create_app``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "postgresql+psycopg://mapapp:mapapp@127.0.0.1:5432/mapapp"

# Natural Earth's 1:10m border of Belarus (scripts/build_region_border.py).
BORDER_FILE = Path(__file__).resolve().parents[1] / "data" / "geo" / "belarus_border.geojson"

# The languages the interface is translated into (mapapp/translations/); English is the source.
SUPPORTED_LANGUAGES = ("ru", "en", "kk", "be")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MAPAPP_", extra="ignore")

    # DATABASE_URL is the conventional name, so it is read without the prefix.
    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        validation_alias="DATABASE_URL",
    )

    # Tile provider: any XYZ template Leaflet understands.
    tiles_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    tiles_attribution: str = (
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    )
    tiles_max_zoom: int = 19
    # An offline trip pack keeps the tiles the user has viewed. Fetching a trip area's tiles
    # ahead of viewing is bulk downloading, which tile.openstreetmap.org forbids: turn this
    # on only with MAPAPP_TILES_URL pointing at a server whose terms allow it. The pack then
    # takes the trip area's tiles from zoom 8 up to tiles_prefetch_max_zoom (the land around
    # each stop only beyond zoom 11), at most tiles_prefetch_limit of them.
    tiles_allow_prefetch: bool = False
    tiles_prefetch_max_zoom: int = Field(default=15, ge=8, le=19)
    tiles_prefetch_limit: int = Field(default=1500, ge=0, le=20000)

    # Road distances for trips from an OSRM server; great-circle distances when unset.
    osrm_url: str | None = None
    osrm_timeout: float = 5.0

    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    default_language: str = "ru"

    # Map start view: the whole of Belarus.
    map_center_lat: float = 53.7
    map_center_lon: float = 27.9
    map_zoom: int = 7

    # The home country /from opens on (most visitors come for Kazakhstan); empty: none.
    default_home_country: str | None = "Kazakhstan"

    # Region used to flag points that fall outside it (minlon, minlat, maxlon, maxlat).
    region_bbox: tuple[float, float, float, float] = (23.1, 51.2, 32.8, 56.2)
    # The country's border inside that box, a GeoJSON of one (Multi)Polygon feature with a
    # "name"; an imported site or battle point outside it is flagged. Empty: the box alone.
    region_border: str = str(BORDER_FILE)

    # A dossier (PDF, printed plan) lists at most this many names per site; a bigger site
    # gets its count and a link to its CSV instead of a partial list.
    dossier_max_names: int = 2000

    # API limits.
    # API limits. Above ``map_cluster_threshold`` sites in view, below zoom
    # ``map_cluster_below_zoom``, the map API answers grid clusters with counts instead.
    max_features: int = 20000
    map_cluster_threshold: int = 1000
    map_cluster_below_zoom: int = 12
    persons_per_page: int = 50
    max_per_page: int = 500

    # OGC API Features (/ogc): items per page when a client asks for none, and the most.
    ogc_default_limit: int = 100
    ogc_max_limit: int = 10000
    # Serving: every statement of a web request is cancelled after this long (the answer is
    # then a 503 with Retry-After); worker processes of `mapapp serve` (0: one per core).
    statement_timeout_ms: int = Field(default=5000, ge=0)
    retry_after_seconds: int = Field(default=5, ge=1)
    workers: int = Field(default=0, ge=0)
    # How long browsers and proxies may reuse an answer without asking again (seconds).
    cache_max_age: int = Field(default=60, ge=0)
    # Finished, compressed API answers kept in each worker's memory, keyed by the data
    # version (a change to the data makes every kept answer unreachable); 0 keeps none.
    answer_cache_mb: int = Field(default=64, ge=0)

    # Flask's SECRET_KEY: signs the moderators' sessions and the CSRF tokens. Required by
    # `mapapp serve` (unless --debug); when unset, a random key per process is used, so
    # sessions end whenever the process restarts.
    secret_key: str | None = None

    # Behind HTTPS: session cookies get the Secure flag and links are built as https.
    https: bool = False
    # Host names the application answers to (the Host header); empty: any.
    trusted_hosts: tuple[str, ...] = ()
    # Reverse proxies in front of the app whose X-Forwarded-* headers are trusted.
    proxy_count: int = Field(default=0, ge=0, le=5)

    # Contributions and logins. Rate limits are Flask-Limiter strings; their counters
    # live in memory unless a storage such as redis://127.0.0.1:6379 is given.
    limiter_storage_url: str = "memory://"
    contribution_rate_limit: str = "5 per minute"
    login_rate_limit: str = "5 per minute"
    max_json_bytes: int = 64 * 1024
    max_photo_bytes: int = 10 * 1024 * 1024

    # E-mail for condition reports: smtp://[user:password@]host[:port][?starttls=1] or
    # smtps://...; without it, reports wait in the outbox (`mapapp outbox list`).
    smtp_url: str | None = None
    mail_from: str = "mapapp@localhost"

    @field_validator("database_url")
    @classmethod
    def _use_psycopg3(cls, value: str) -> str:
        # Accept the plain libpq form and point SQLAlchemy at psycopg 3.
        for prefix in ("postgresql://", "postgres://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [code for code in value if code not in SUPPORTED_LANGUAGES]
        if unknown or not value:
            raise ValueError(
                f"unsupported languages {unknown!r}; use some of {', '.join(SUPPORTED_LANGUAGES)}"
            )
        return value

    def flask_secret_key(self) -> str:
        import secrets

        return self.secret_key or secrets.token_hex(32)

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in SUPPORTED_LANGUAGES:
            raise ValueError(
                f"unsupported language {value!r}; use one of {', '.join(SUPPORTED_LANGUAGES)}"
            )
        return value
