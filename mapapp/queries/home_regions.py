"""Who lies where, by home country and region: per site, and the reverse.

A home is counted by its search keys (``persons.home_country_key``, ``home_region_key``,
text.normalize.area_key), as the filters find it: "Казахстан", "Kazakhstan" and
"Қазақстан" are one country, "Карагандинская обл." and "Карагандинской обл." one region.
Each is shown by one name, the spelling most persons of that key have (the first in text
order on a tie); the other spellings stay on the persons' records and in the API.

A filter finds a key and every key that begins with it (area_filter: "Kazakh" finds
Kazakhstan, "Казахская ССР" keyed ``kazah`` finds ``kazahstan`` too); with ``exact`` it
finds the key alone. A breakdown counts each key apart and links with ``exact``, so that
each count is what its link finds; a list to choose from (the /from regions) counts each
choice as the page's own filter will find it.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries.common import SITE_WITHDRAWN_JSON
from mapapp.text.normalize import area_key


def _key_match(column: str, parameter: str, exact: bool) -> str:
    """SQL: ``column`` is the key of ``:parameter``, or begins with it (as area_filter)."""
    if exact:
        return f"{column} = :{parameter}"
    return f"{column} LIKE :{parameter} || '%'"


def _most_common(counts: dict[str, int]) -> str:
    """The spelling most persons have; on a tie the first in text order."""
    return min(counts, key=lambda spelling: (-counts[spelling], spelling))


def _names(rows) -> tuple[dict, dict]:
    """From ``home_counts`` rows: the name of each country key, and of each (country key,
    region key)'s region."""
    countries: dict = defaultdict(lambda: defaultdict(int))
    regions: dict = defaultdict(lambda: defaultdict(int))
    for row in rows:
        countries[row["country_key"]][row["country"]] += row["persons"]
        if row["region_key"] is not None:
            regions[(row["country_key"], row["region_key"])][row["region"]] += row["persons"]
    return (
        {key: _most_common(c) for key, c in countries.items()},
        {key: _most_common(c) for key, c in regions.items()},
    )


_SPELLINGS = """
    SELECT home_country AS country, home_region AS region,
           home_country_key AS country_key, home_region_key AS region_key, persons
    FROM home_counts
"""


def site_home_breakdown(session: Session, site_id: int) -> list[dict]:
    """For one site: persons per home country key, each with its region keys, largest
    first, from the counts the database keeps (site_home_key_counts, migration 0013; by
    spelling, site_home_counts of 0004, for the persons whose home no key is made of).

    Each country: ``country`` (its name, None for persons of unknown origin),
    ``country_key`` (None where no filter can find it), ``persons``, ``regions`` (each
    ``region``, ``region_key``, ``persons``)."""
    keyed = (
        session.execute(
            text(
                """
                SELECT home_country_key AS country_key, home_region_key AS region_key,
                       persons
                FROM site_home_key_counts WHERE site_id = :id AND persons > 0
                """
            ),
            {"id": site_id},
        )
        .mappings()
        .all()
    )
    country_keys = sorted({row["country_key"] for row in keyed})
    country_names, region_names = _names(
        session.execute(
            text(_SPELLINGS + " WHERE home_country_key = ANY(:keys)"), {"keys": country_keys}
        ).mappings()
    )
    countries: dict = {}
    for row in keyed:
        key = row["country_key"]
        entry = countries.setdefault(
            key,
            {
                "country": country_names.get(key, key),
                "country_key": key,
                "persons": 0,
                "regions": [],
            },
        )
        entry["persons"] += row["persons"]
        if row["region_key"] is not None:
            entry["regions"].append(
                {
                    "region": region_names.get((key, row["region_key"]), row["region_key"]),
                    "region_key": row["region_key"],
                    "persons": row["persons"],
                }
            )
    # Persons of unknown origin, and those whose home country has no letters to key.
    unkeyed = session.execute(
        text(
            """
            SELECT home_country AS country, home_region AS region, persons
            FROM site_home_counts WHERE site_id = :id AND persons > 0
            """
        ),
        {"id": site_id},
    ).mappings()
    for row in unkeyed:
        if row["country"] is not None and area_key(row["country"]):
            continue  # counted by its key above
        entry = countries.setdefault(
            ("unkeyed", row["country"]),
            {"country": row["country"], "country_key": None, "persons": 0, "regions": []},
        )
        entry["persons"] += row["persons"]
        if row["region"]:
            entry["regions"].append(
                {"region": row["region"], "region_key": None, "persons": row["persons"]}
            )
    result = sorted(countries.values(), key=lambda c: (-c["persons"], c["country"] or ""))
    for entry in result:
        entry["regions"].sort(key=lambda r: (-r["persons"], r["region"]))
    return result


def home_options(session: Session) -> list[dict]:
    """Every recorded home as written (country and region, with their search keys) and
    how many persons it is recorded for (the counts the database keeps, migration 0013)."""
    rows = session.execute(text(_SPELLINGS + " ORDER BY 1, 2")).mappings()
    return [dict(r) for r in rows]


def home_groups(session: Session) -> list[dict]:
    """Every home by its search keys, as /api/home-regions lists it: ``country`` and
    ``region`` (the names it is shown by; no region where none has a key), ``country_key``,
    ``region_key``, ``persons`` (of the registry, not withdrawn, whose keys are exactly
    these) and ``spellings`` (each ``country``, ``region``, ``persons`` as recorded). A
    home whose country has no letters to key ("—") stays by its spelling."""
    options = home_options(session)
    country_names, region_names = _names(o for o in options if o["country_key"] is not None)
    groups: dict = {}
    for o in options:
        country_key, region_key = o["country_key"], o["region_key"]
        if country_key is None:
            group_key: tuple = ("as written", o["country"], o["region"])
            names = (o["country"], o["region"])
        else:
            group_key = (country_key, region_key)
            names = (country_names[country_key], region_names.get((country_key, region_key)))
        group = groups.get(group_key)
        if group is None:
            group = groups[group_key] = {
                "country": names[0],
                "region": names[1],
                "country_key": country_key,
                "region_key": region_key,
                "persons": 0,
                "spellings": [],
            }
        group["persons"] += o["persons"]
        group["spellings"].append(
            {"country": o["country"], "region": o["region"], "persons": o["persons"]}
        )
    return sorted(groups.values(), key=lambda g: (g["country"], g["region"] or ""))


def home_countries(session: Session) -> list[dict]:
    """Every home country key with the name it is shown by (``country``, ``country_key``),
    in the order of the names."""
    names, _ = _names(
        session.execute(text(_SPELLINGS + " WHERE home_country_key IS NOT NULL")).mappings()
    )
    return sorted(
        ({"country": name, "country_key": key} for key, name in names.items()),
        key=lambda c: (c["country"], c["country_key"]),
    )


def home_regions_of(session: Session, country_key: str, exact: bool = False) -> list[dict]:
    """The regions of the people of a country (its key; with ``exact`` that key alone, else
    every key that begins with it) who lie at the sites: each ``region``, ``region_key``
    and ``persons``, the number of burials a region filter for it finds, which is what
    sites_for_home sums (a region key that begins another's finds both)."""
    burials = dict(
        session.execute(
            text(
                f"""
                SELECT home_region_key, sum(persons)
                FROM site_home_key_counts
                WHERE {_key_match("home_country_key", "country", exact)}
                  AND home_region_key IS NOT NULL
                GROUP BY 1
                """
            ),
            {"country": country_key},
        ).all()
    )
    if not burials:
        return []
    spellings: dict = defaultdict(lambda: defaultdict(int))
    rows = session.execute(
        text(
            _SPELLINGS
            + f""" WHERE {_key_match("home_country_key", "country", exact)}
                     AND home_region_key = ANY(:regions)"""
        ),
        {"country": country_key, "regions": list(burials)},
    ).mappings()
    for row in rows:
        spellings[row["region_key"]][row["region"]] += row["persons"]
    keys = sorted(burials)
    regions = []
    for i, key in enumerate(keys):
        persons = burials[key]
        if not exact:  # the keys that begin with this one follow it in text order
            for longer in keys[i + 1 :]:
                if not longer.startswith(key):
                    break
                persons += burials[longer]
        name = _most_common(spellings[key]) if spellings.get(key) else key
        regions.append({"region": name, "region_key": key, "persons": int(persons)})
    return sorted(regions, key=lambda r: (r["region"], r["region_key"]))


def sites_for_home(
    session: Session, country_key: str, region_key: str | None, exact: bool = False
) -> str:
    """GeoJSON of the sites where persons from a country (and region) lie, with counts
    (summed from the counts kept per site and home, migration 0013): by the keys and
    every key that begins with them, or with ``exact`` by these keys alone."""
    return session.execute(
        text(
            f"""
            SELECT json_build_object(
                'type', 'FeatureCollection',
                'features', COALESCE(json_agg(json_build_object(
                    'type', 'Feature',
                    'id', s.id,
                    'geometry', ST_AsGeoJSON(s.geom, 6)::json,
                    'properties', json_build_object(
                        'name', s.name, 'name_en', s.name_en, 'kind', s.kind,
                        'oblast', s.oblast, 'district', s.district,
                        'location_precision', s.location_precision,
                        'buried_total', s.buried_total, 'buried_known', s.buried_known,
                        'buried_unknown', s.buried_unknown,
                        'buried_as_written', s.buried_as_written,
                        'persons_from_home', c.persons,
                        'has_fictional_persons', c.fictional > 0,
                        'withdrawn', {SITE_WITHDRAWN_JSON})
                ) ORDER BY c.persons DESC, s.id), '[]'::json)
            )::text
            FROM (
                SELECT k.site_id, sum(k.persons) AS persons, sum(k.fictional) AS fictional
                FROM site_home_key_counts k
                WHERE {_key_match("k.home_country_key", "country", exact)}
                  AND (CAST(:region AS text) IS NULL
                       OR {_key_match("k.home_region_key", "region", exact)})
                GROUP BY k.site_id
            ) c JOIN burial_sites s ON s.id = c.site_id
            """
        ),
        {"country": country_key, "region": region_key},
    ).scalar_one()
