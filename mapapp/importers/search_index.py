"""Fill the search keys that the name and place search use.

Keys are computed in Python by ``mapapp.text.normalize.search_key`` (the same function
normalises queries), and stored in indexed columns: ``persons.search_key`` and friends,
and the ``place_names`` table of name variants for sites, battles and settlements.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import Connection, text

from mapapp.text.districts import district_key
from mapapp.text.kazakh_letters import kazakh_pattern
from mapapp.text.normalize import area_key, search_key

PERSON_KEY_SOURCES = {
    "home_country_key": "home_country",
    "home_region_key": "home_region",
    "home_district_key": "home_district",
    "callup_key": "callup_place",
}

# Settlement type prefixes in Russian and Belarusian records: "д.", "в.", "аг.", "г.п." ...
# The kind of a settlement written before its name, shortened ("д.", "г.п.": the longer
# first, or "г.п." would leave "п.") or whole ("деревня", "вёска").
_SETTLEMENT_PREFIX = re.compile(
    r"^\s*(?:бывш\.\s*)?(?:(?:г\.\s*п|аг|пос|дер|д|в|г|п|с|х|м)\.\s*|(?:деревня|вёска|веска|"
    r"город|горад|посёлок|поселок|пасёлак|агрогородок|аграгарадок|хутор|хутар|село|сяло)\s+)",
    re.IGNORECASE,
)


# Names and regions repeat across millions of records: key each distinct one once.
_cached_search_key = lru_cache(maxsize=200_000)(search_key)
_cached_area_key = lru_cache(maxsize=50_000)(area_key)


def person_name_key(surname, given_name, patronymic, name_variants) -> str:
    """Surname, given name, patronymic and any recorded variants, as one key.

    Keys are computed word by word, so keying the parts apart and joining them gives
    the same key as keying the whole name, and each part can be cached.
    """
    parts = [surname, given_name, patronymic]
    if name_variants:
        parts += [v for v in name_variants.split(";") if v.strip()]
    return " ".join(k for k in (_cached_search_key(p) for p in parts if p) if k)


def person_keys(record: dict) -> dict:
    """The key columns for one person record (a dict with the stored name fields)."""
    name_key = person_name_key(
        record.get("surname"),
        record.get("given_name"),
        record.get("patronymic"),
        record.get("name_variants"),
    )
    keys = {
        "search_key": name_key,
        "name_words": sorted(set(name_key.split())),
        "surname_key": _cached_search_key(record.get("surname") or ""),
    }
    for key_column, source in PERSON_KEY_SOURCES.items():
        keys[key_column] = _cached_area_key(record.get(source) or "") or None
    return keys


def settlement_name(settlement: str | None) -> str | None:
    """'в. Рыленкі' -> 'Рыленкі'; None when nothing is left."""
    if not settlement:
        return None
    name = _SETTLEMENT_PREFIX.sub("", settlement).strip()
    name = re.sub(r"\s*\(.*\)$", "", name)
    name = _SETTLEMENT_TYPE_AFTER.sub("", name)  # (kk) "Ляды ауылы"
    return name or None


# The kind of a settlement written after its name, in Kazakh: ауылы (village), қаласы
# (town), кенті (settlement), селосы; typed without the Kazakh letters too, "каласы",
# "кенти" (text.kazakh_letters). But "каласы" is also Belarusian (ears of grain): after a
# Belarusian plural adjective ("Новыя Каласы", "Залатыя Каласы") it is part of the name.
_SETTLEMENT_TYPE_AFTER = re.compile(
    r"(?<=\w)\s+(?:қаласы|" + kazakh_pattern(r"ауылы|кенті|селосы") + r")$"
    r"|(?<=\w)(?<![ыі]я)\s+каласы$",
    re.IGNORECASE,
)


def reindex_persons(conn: Connection, ids: Iterable[int] | None = None) -> int:
    """Recompute the keys of the given persons (all when ``ids`` is None)."""
    where = "" if ids is None else "WHERE id = ANY(:ids)"
    rows = conn.execute(
        text(
            "SELECT id, surname, given_name, patronymic, name_variants, home_country, "
            f"home_region, home_district, callup_place FROM persons {where}"
        ),
        {} if ids is None else {"ids": list(ids)},
    ).mappings()
    updates = [{"id": row["id"], **person_keys(dict(row))} for row in rows]
    if updates:
        conn.execute(
            text(
                "UPDATE persons SET search_key = :search_key, name_words = :name_words, "
                "surname_key = :surname_key, "
                "home_country_key = :home_country_key, home_region_key = :home_region_key, "
                "home_district_key = :home_district_key, callup_key = :callup_key "
                "WHERE id = :id"
            ),
            updates,
        )
    return len(updates)


def refresh_area_keys(conn: Connection) -> int:
    """Key the persons' home country, region, district and call-up place again
    (text.normalize.area_key), each distinct value once; a person whose keys change is
    written once, whichever of them change. Returns how many values were keyed anew."""
    changed = []  # (key column, source column, its values keyed anew)
    for key_column, source in PERSON_KEY_SOURCES.items():
        stored = conn.execute(
            text(f"SELECT DISTINCT {source}, {key_column} FROM persons WHERE {source} IS NOT NULL")
        ).all()
        rows = [
            {"value": value, "key": new}
            for value, key in stored
            if (new := area_key(value) or None) != key
        ]
        if rows:
            changed.append((key_column, source, rows))
    if not changed:
        return 0
    for n, (_, _, rows) in enumerate(changed):
        conn.execute(
            text(
                f"CREATE TEMP TABLE area_keys_{n} ON COMMIT DROP AS SELECT * FROM "
                "jsonb_to_recordset(CAST(:rows AS jsonb)) AS v (value text, key text)"
            ),
            {"rows": json.dumps(rows, ensure_ascii=False)},
        )
    joins = " ".join(
        f"LEFT JOIN area_keys_{n} m{n} ON m{n}.value = p.{source}"
        for n, (_, source, _) in enumerate(changed)
    )
    found = [f"m{n}.value IS NOT NULL" for n in range(len(changed))]
    sets = ", ".join(
        f"{key_column} = CASE WHEN u.f{n} THEN u.k{n} ELSE persons.{key_column} END"
        for n, (key_column, _, _) in enumerate(changed)
    )
    picked = ", ".join(f"{f} AS f{n}, m{n}.key AS k{n}" for n, f in enumerate(found))
    conn.execute(
        text(
            f"UPDATE persons SET {sets} FROM (SELECT p.id, {picked} FROM persons p {joins} "
            f"WHERE {' OR '.join(found)}) u WHERE persons.id = u.id"
        )
    )
    for n in range(len(changed)):
        conn.execute(text(f"DROP TABLE area_keys_{n}"))
    return sum(len(rows) for _, _, rows in changed)


def refresh_vocabulary(conn: Connection, person_ids: Iterable[int] | None = None) -> None:
    """Add the name words of the given persons (all when None) to the vocabulary."""
    where = "" if person_ids is None else "WHERE id = ANY(:ids)"
    conn.execute(
        text(
            "INSERT INTO name_vocabulary (word) "
            f"SELECT DISTINCT unnest(name_words) FROM persons {where} "
            "ON CONFLICT (word) DO NOTHING"
        ),
        {} if person_ids is None else {"ids": list(person_ids)},
    )


def place_name_rows(place_type: str, place_id: int, names: dict[str, str | None]) -> list[dict]:
    """Rows for place_names from {lang: name}; empty and repeated names are skipped."""
    rows, seen = [], set()
    for lang, name in names.items():
        if not name or not name.strip() or name in seen:
            continue
        seen.add(name)
        rows.append(
            {
                "place_type": place_type,
                "place_id": place_id,
                "name": name.strip(),
                "lang": lang,
                "key": search_key(name),
            }
        )
    return rows


def save_place_names(conn: Connection, rows: list[dict]) -> None:
    if rows:
        conn.execute(
            text(
                "INSERT INTO place_names (place_type, place_id, name, lang, key) "
                "VALUES (:place_type, :place_id, :name, :lang, :key) "
                "ON CONFLICT (place_type, place_id, name) DO NOTHING"
            ),
            rows,
        )


def refresh_district_keys(conn: Connection) -> int:
    """Key the sites' districts again (text.districts.district_key); only the keys that
    change are written. Returns how many."""
    changed = [
        {"id": i, "key": district_key(d)}
        for i, d, stored in conn.execute(
            text("SELECT id, district, district_key FROM burial_sites WHERE district IS NOT NULL")
        )
        if district_key(d) != stored
    ]
    if changed:
        conn.execute(text("UPDATE burial_sites SET district_key = :key WHERE id = :id"), changed)
    return len(changed)


def reindex_places(conn: Connection) -> int:
    """Add the names of every site, battle location and settlement to place_names,
    and refresh the district keys of the sites."""
    rows: list[dict] = []
    refresh_district_keys(conn)
    for site in conn.execute(
        text("SELECT id, name, name_ru, name_be, name_en, settlement FROM burial_sites")
    ).mappings():
        rows += place_name_rows(
            "site",
            site["id"],
            {
                "recorded": site["name"],
                "ru": site["name_ru"],
                "be": site["name_be"],
                "en": site["name_en"],
                "settlement": settlement_name(site["settlement"]),
            },
        )
    for battle in conn.execute(text("SELECT id, name, name_en FROM battle_locations")).mappings():
        rows += place_name_rows(
            "battle", battle["id"], {"recorded": battle["name"], "en": battle["name_en"]}
        )
    for place in conn.execute(
        text("SELECT id, name, name_be, name_en FROM settlements")
    ).mappings():
        rows += place_name_rows(
            "settlement",
            place["id"],
            {"ru": place["name"], "be": place["name_be"], "en": place["name_en"]},
        )
    save_place_names(conn, rows)
    return len(rows)
