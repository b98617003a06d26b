"""All configuration in one typed place, read from the environment.

Nothing else in the package reads ``os.environ``: tests and commands build a
``Settings`` object and hand it to ``create_app``.
"""

from __future__ import annotations

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "postgresql+psycopg://mapapp:mapapp@127.0.0.1:5432/mapapp"


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

    # Road distances for trips from an OSRM server; great-circle distances when unset.
    osrm_url: str | None = None
    osrm_timeout: float = 5.0

    languages: tuple[str, ...] = ("ru", "en")
    default_language: str = "ru"

    # Map start view: the whole of Belarus.
    map_center_lat: float = 53.7
    map_center_lon: float = 27.9
    map_zoom: int = 7

    # Region used to flag points that fall outside it (minlon, minlat, maxlon, maxlat).
    region_bbox: tuple[float, float, float, float] = (23.1, 51.2, 32.8, 56.2)

    # API limits.
    max_features: int = 20000
    persons_per_page: int = 50
    max_per_page: int = 500

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

    def flask_secret_key(self) -> str:
        import secrets

        return self.secret_key or secrets.token_hex(32)

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in ("ru", "en"):
            raise ValueError(f"unsupported language {value!r}; use 'ru' or 'en'")
        return value
