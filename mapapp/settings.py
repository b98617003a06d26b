"""All configuration in one typed place, read from the environment.

Nothing else in the package reads ``os.environ``: tests and commands build a
``Settings`` object and hand it to ``create_app``.
"""

from __future__ import annotations

import secrets

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

    languages: tuple[str, ...] = ("ru", "en")
    default_language: str = "ru"

    # Map start view: the whole of Belarus.
    map_center_lat: float = 53.7
    map_center_lon: float = 27.9
    map_zoom: int = 7

    # The home country /from opens on (most visitors come for Kazakhstan); empty: none.
    default_home_country: str | None = "Kazakhstan"

    # Region used to flag points that fall outside it (minlon, minlat, maxlon, maxlat).
    region_bbox: tuple[float, float, float, float] = (23.1, 51.2, 32.8, 56.2)

    # A dossier (PDF, printed plan) lists at most this many names per site; a bigger site
    # gets its count and a link to its CSV instead of a partial list.
    dossier_max_names: int = 2000

    # API limits.
    max_features: int = 20000
    persons_per_page: int = 50
    max_per_page: int = 500

    # Flask's SECRET_KEY. Nothing is signed with it yet (the language cookie is plain);
    # set it in production before sessions or forms rely on it. Random per process otherwise.
    secret_key: str = Field(default_factory=lambda: secrets.token_hex(32))

    @field_validator("database_url")
    @classmethod
    def _use_psycopg3(cls, value: str) -> str:
        # Accept the plain libpq form and point SQLAlchemy at psycopg 3.
        for prefix in ("postgresql://", "postgres://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in ("ru", "en"):
            raise ValueError(f"unsupported language {value!r}; use 'ru' or 'en'")
        return value
