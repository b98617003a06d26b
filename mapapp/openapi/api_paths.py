"""The operations of the /api blueprint, keyed by endpoint. The document builder walks
the URL map and fails (tests/integration/test_openapi.py) on any /api route missing here,
so a new route cannot go undocumented. Path parameters are added from the URL rules."""

from __future__ import annotations

from mapapp.exports import PERSON_CSV_SORTS
from mapapp.http.params import MAX_PARAMETER_LENGTH
from mapapp.http.search_params import MAX_QUERY_LENGTH, OBLASTS
from mapapp.models import SITE_KINDS
from mapapp.queries.sites import PERSON_SORTS
from mapapp.settings import Settings

BAD = {"$ref": "#/components/responses/BadRequest"}
MISSING = {"$ref": "#/components/responses/NotFound"}


def _q(name: str, description: str, schema: dict | None = None) -> dict:
    schema = schema or {"type": "string", "maxLength": MAX_QUERY_LENGTH}
    return {"name": name, "in": "query", "description": description, "schema": schema}


def _int(name: str, description: str, maximum: int, default: int | None = None) -> dict:
    schema = {"type": "integer", "minimum": 1, "maximum": maximum}
    if default is not None:
        schema["default"] = default
    return _q(name, description, schema)


BBOX = _q(
    "bbox",
    "minlon,minlat,maxlon,maxlat in degrees",
    {"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "number"}},
) | {"style": "form", "explode": False}
YEAR = {"type": "integer", "minimum": 1850, "maximum": 2000}
FLAG = {"type": "string", "enum": ["1", "0", "true", "false", "yes", "no"]}


def _ok(description: str, media: str = "application/json", schema: dict | None = None) -> dict:
    return {
        "description": description,
        "content": {media: {"schema": schema or {"type": "object"}}},
    }


def _get(summary: str, parameters: list, ok: dict, not_found: bool = False) -> dict:
    responses = {"200": ok, "400": BAD}
    if not_found:
        responses["404"] = MISSING
    return {"get": {"tags": ["JSON API"], "summary": summary, "parameters": parameters,
                    "responses": responses}}  # fmt: skip


GEOJSON_COLLECTION = _ok(
    "GeoJSON FeatureCollection",
    "application/geo+json",
    {"$ref": "#/components/schemas/FeatureCollection"},
)
GEOJSON_FEATURE = _ok(
    "GeoJSON Feature", "application/geo+json", {"$ref": "#/components/schemas/Feature"}
)


def operations(settings: Settings) -> dict[str, dict]:
    page = _int("page", "Page number", 1_000_000, 1)
    person_filters = [
        _q(name, description)
        for name, description in (
            ("country", "Home country, in any script"),
            ("region", "Home region"),
            ("district", "Home district"),
            ("callup", "Call-up place"),
            ("rank", "Rank as recorded"),
            ("unit", "Unit"),
            ("burial_district", "District of the burial site"),
            ("detachment", "Partisan brigade or detachment, part of its name"),
            ("nationality", "Nationality as recorded (a prefix)"),
        )
    ] + [
        _q("death_from", "Year of the stored date (death_date: of death, or of loss for the "
           "missing, wounded and taken prisoner), from", YEAR),
        _q("death_to", "Year of the stored date, to", YEAR),
        _q("burial_oblast", "Region of the burial site", {"type": "string", "enum": list(OBLASTS)}),
        _q("hero", "Hero of the Soviet Union", FLAG),
        _q("partisan", "Partisan", FLAG),
    ]  # fmt: skip
    return {
        "api.index": _get("A short list of the endpoints", [], _ok("Endpoint templates")),
        "api.list_sites": _get(
            "Burial sites as GeoJSON; properties.withdrawn is {at, reason, contribution} for "
            "a site a moderator withdrew (it stays on the map, marked), else null",
            [BBOX, _q("kind", "Kind of site", {"type": "string", "enum": list(SITE_KINDS)})],
            GEOJSON_COLLECTION,
        ),
        "api.get_site": _get(
            "One burial site with its sources; properties.withdrawn is {at, reason, "
            "contribution} once a moderator withdrew it, else null",
            [],
            GEOJSON_FEATURE,
            True,
        ),
        "api.get_site_persons": _get(
            "The persons buried at a site",
            [
                page,
                _int(
                    "per_page", "Persons per page", settings.max_per_page, settings.persons_per_page
                ),
                _q("sort", "Order", {"type": "string", "enum": list(PERSON_SORTS)}),
            ],
            _ok("{total, page, per_page, pages, items}"),
            True,
        ),  # fmt: skip
        "api.site_persons_csv": _get(
            "The persons buried at a site, as CSV",
            [
                _q(
                    "sort",
                    "Order (the CSV comes in name order only)",
                    {"type": "string", "enum": list(PERSON_CSV_SORTS)},
                )
            ],
            _ok("CSV with a header row", "text/csv", {"type": "string"}),
            True,
        ),
        "api.list_battles": _get("Battle locations as GeoJSON", [BBOX], GEOJSON_COLLECTION),
        "api.get_battle": _get("One battle location", [], _ok("The battle location"), True),
        "api.get_person": _get(
            "One person and where they lie. death_date is the date the register gives: the "
            "date of death, but for fate missing the date since which missing and for "
            "wounded and captured the date of loss to the unit; death_date_means says which "
            "(death, missing_since, loss; null without a date). fate_as_written is the "
            "register's fate cell as written where it says more than the fate ('утонул при "
            "переправе через р. Днепр' for killed) and the fate is still the one it gives, "
            "else null. withdrawn is {at, reason, contribution} once a moderator withdrew "
            "the record (it stays, left out of lists and counts), else null",
            [],
            _ok("The person"),
            True,
        ),
        "api.search_persons": _get(
            "Find persons by name (any script, typos tolerated) and filters; q or a filter "
            "is required",
            [
                _q("q", "Name words"),
                *person_filters,
                _int("page", "Page number", 500, 1),
                _int("per_page", "Persons per page", 100, 20),
            ],
            _ok("{total, total_is_lower_bound, page, per_page, items}"),
            not_found=True,  # a page past the last one; the error names the last page
        ),
        "api.search_places": _get(
            "Burial sites, battle locations and settlements by name",
            [_q("q", "Name words"), _int("limit", "At most this many", 100, 20)],
            _ok("{items}"),
        ),
        "api.home_regions": _get(
            "Home countries and regions by their search keys: the name each is shown by, "
            "its keys, the persons whose keys are exactly these, and every spelling "
            "recorded",
            [],
            _ok("{items}"),
        ),
        "api.home_region_sites": _get(
            "Sites where people from a home country or region lie",
            [
                _q("country", "Home country (required)"),
                _q("region", "Home region"),
                _q(
                    "exact",
                    "1: the keys of country and region alone; else also every key that "
                    "begins with them",
                    {"type": "string", "enum": ["0", "1", "true", "false"]},
                ),
            ],
            GEOJSON_COLLECTION,
        ),
        "api.itinerary": _get(
            "The visiting order and legs of a trip",
            [
                _q(
                    "sites",
                    "Comma-separated site ids (required)",
                    {"type": "string", "maxLength": MAX_PARAMETER_LENGTH},
                ),
                _q("start", "LAT,LON of the start", {"type": "string", "maxLength": 100}),
                _q("start_place", "A town to start from", {"type": "string", "maxLength": 200}),
                _q(
                    "round_trip",
                    "Return to the start",
                    {"type": "string", "enum": ["0", "1", "true", "false"]},
                ),
            ],
            _ok("{order, legs, total_km, ...}"),
        ),  # fmt: skip
        "api.sites_near": _get(
            "Sites near a point (lat, lon, km) or in a district, nearest first; withdrawn is "
            "{at, reason, contribution} for a withdrawn site, else null",
            [
                _q("lat", "Latitude", {"type": "number", "minimum": -90, "maximum": 90}),
                _q("lon", "Longitude", {"type": "number", "minimum": -180, "maximum": 180}),
                _q("km", "Radius in km", {"type": "number", "minimum": 0.1, "maximum": 300}),
                _q("district", "A district instead of a point"),
                _q("country", "Count persons from this home country"),
                _q("region", "Count persons from this home region"),
            ],
            _ok("{total, items}"),
        ),
        "api.list_heroes": _get(
            "Heroes of the Soviet Union with decree date, feat, home region and grave",
            [
                _q("country", "Home country"),
                _q("region", "Home region"),
                _q(
                    "burial_oblast",
                    "Region of the grave",
                    {"type": "string", "enum": list(OBLASTS)},
                ),
            ],
            _ok("{total, items}"),
        ),
        "api.hero_graves": _get("The sites where Heroes lie, as GeoJSON", [], GEOJSON_COLLECTION),
        "api.list_partisan_units": _get(
            "Partisan brigades and detachments with members and nationalities",
            [],
            _ok("{items}"),
        ),
        "api.partisan_unit_areas": _get(
            "District points of the areas where formations fought, as GeoJSON",
            [],
            GEOJSON_COLLECTION,
        ),
        "api.person_possibly_the_same": _get(
            "Every record that may be the same man as this person (same name, dates and "
            "grave; never merged), a page at a time",
            [
                page,
                _int(
                    "per_page", "Records per page", settings.max_per_page, settings.persons_per_page
                ),
            ],
            _ok("{person, total, page, per_page, pages, items}"),
            True,
        ),  # fmt: skip
        "api.person_history": _get(
            "Every recorded change of a person: old and new values, when, by whom, evidence",
            [],
            _ok("{items}"),
            True,
        ),
        "api.site_history": _get(
            "Every recorded change of a burial site: old and new values, when, by whom, evidence",
            [],
            _ok("{items}"),
            True,
        ),
        "api.get_partisan_unit": _get(
            "One partisan formation with a page of its members (its own and its "
            "detachments', each once, by name)",
            [
                page,
                _int(
                    "per_page", "Members per page", settings.max_per_page, settings.persons_per_page
                ),
            ],
            _ok("The formation, with member_list, member_total, page, per_page, pages"),
            True,
        ),  # fmt: skip
    }
