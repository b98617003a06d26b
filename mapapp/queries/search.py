"""Find persons by any spelling of their names, and places by any spelling of theirs.

Queries arrive already normalised (``mapapp.text.normalize.search_key``): every word is
matched with pg_trgm's word similarity against the stored keys, so the GIN trigram
index narrows the candidates and one or two garbled letters still match.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries.common import district_matches, person_summary

# How alike a query word and a name word must be (pg_trgm similarity, 0..1).
WORD_SIMILARITY = 0.45
# How many name words one query word may stand for (best first).
VOCABULARY_MATCHES = 30
# Name words this close to a query word's best match are read first.
BEST_TIER_MARGIN = 0.15
# Counting stops here: "more than 1,000" is as useful as the exact number, and cheaper.
COUNT_CAP = 1_000


@dataclass(frozen=True)
class PersonFilters:
    """Filters on persons; text filters are search keys matched as prefixes."""

    country: str | None = None
    region: str | None = None
    district: str | None = None
    callup: str | None = None
    rank: str | None = None
    unit: str | None = None
    death_from: int | None = None
    death_to: int | None = None
    burial_oblast: str | None = None
    burial_district: str | None = None
    hero: bool | None = None
    partisan: bool | None = None
    detachment: str | None = None  # a partisan brigade's or detachment's name, in part
    nationality: str | None = None  # prefix of the nationality as recorded

    def is_empty(self) -> bool:
        return all(v is None for v in self.__dict__.values())


Words = list[list[str]]  # each query word with the keys of its plausible readings


def _place_word_match(words: Words, column: str, params: dict) -> tuple[list[str], list[str]]:
    """For the (small) place-name table: every word matches, with the trigram index."""
    where, score = [], []
    for i, readings in enumerate(words):
        names = []
        for j, reading in enumerate(readings):
            params[f"w{i}_{j}"] = reading
            names.append(f":w{i}_{j}")
        where.append("(" + " OR ".join(f"{n} <% {column}" for n in names) + ")")
        score.append(
            "greatest(" + ", ".join(f"word_similarity({n}, {column})" for n in names) + ")"
        )
    return where, score


def _filters(filters: PersonFilters, params: dict) -> list[str]:
    where = []
    prefix_filters = {
        "country": "p.home_country_key",
        "region": "p.home_region_key",
        "district": "p.home_district_key",
        "callup": "p.callup_key",
    }
    for name, column in prefix_filters.items():
        value = getattr(filters, name)
        if value is not None:
            params[name] = value
            where.append(f"{column} LIKE :{name} || '%'")
    if filters.rank is not None:
        params["rank"] = filters.rank
        where.append("lower(p.rank) = lower(:rank)")
    if filters.unit is not None:
        params["unit"] = filters.unit
        where.append(
            "EXISTS (SELECT 1 FROM units u WHERE u.id = p.unit_id"
            " AND position(lower(:unit) in lower(u.name)) > 0)"
        )
    if filters.death_from is not None:
        params["death_from"] = filters.death_from
        where.append("p.death_year >= :death_from")
    if filters.death_to is not None:
        params["death_to"] = filters.death_to
        where.append("p.death_year <= :death_to")
    if filters.burial_oblast is not None or filters.burial_district is not None:
        params["oblast"] = filters.burial_oblast
        params["bdistrict"] = filters.burial_district
        where.append(
            "EXISTS (SELECT 1 FROM burials b JOIN burial_sites s ON s.id = b.site_id"
            " WHERE b.person_id = p.id"
            " AND (CAST(:oblast AS text) IS NULL OR s.oblast = :oblast)"
            " AND (CAST(:bdistrict AS text) IS NULL OR "
            + district_matches("s.district_key", "bdistrict")
            + "))"
        )
    for flag in ("hero", "partisan"):
        value = getattr(filters, flag)
        if value is not None:
            params[flag] = value
            where.append(f"p.is_{flag} = :{flag}")
    where.extend(_honour_filters(filters, params))
    return where


def _honour_filters(filters: PersonFilters, params: dict) -> list[str]:
    """Detachment (its name or its brigade's, in part) and nationality (a prefix)."""
    where = []
    if filters.detachment is not None:
        params["detachment"] = filters.detachment
        where.append(
            "EXISTS (SELECT 1 FROM partisan_memberships m JOIN partisan_units u"
            " ON u.id = m.unit_id LEFT JOIN partisan_units b ON b.id = u.brigade_id"
            " WHERE m.person_id = p.id AND (position(lower(:detachment) in lower(u.name)) > 0"
            " OR position(lower(:detachment) in lower(b.name)) > 0))"
        )
    if filters.nationality is not None:
        params["nationality"] = filters.nationality
        where.append("left(lower(p.nationality), length(:nationality)) = lower(:nationality)")
    return where


def _vocabulary_matches(session: Session, words: Words) -> list[dict[str, float]]:
    """For each query word: the name words it may stand for, with their similarity.

    The vocabulary holds each distinct key word once, so this fuzzy step is small and
    fast whatever the number of persons; persons are then found by exact word lookup.
    """
    params: dict = {"limit": VOCABULARY_MATCHES}
    parts = []
    for i, readings in enumerate(words):
        for j, reading in enumerate(readings):
            params[f"r{i}_{j}"] = reading
            parts.append(
                f"(SELECT {i} AS i, word, similarity(word, :r{i}_{j}) AS sim "
                f"FROM name_vocabulary WHERE word % :r{i}_{j} "
                f"ORDER BY sim DESC, word LIMIT :limit)"
            )
    matches: list[dict[str, float]] = [{} for _ in words]
    for i, word, sim in session.execute(text(" UNION ALL ".join(parts)), params):
        matches[i][word] = max(sim, matches[i].get(word, 0.0))
    return matches


def search_persons(
    session: Session,
    words: Words,
    filters: PersonFilters,
    page: int = 1,
    per_page: int = 20,
) -> dict:
    """Persons matching every word (any order) and every filter, best match first."""
    params: dict = {}
    filter_sql = _filters(filters, params)
    if not words:
        total = _count(session, filter_sql, params)
        rows = _page(session, filter_sql, "0", params, page, per_page)
        return _result(total, page, per_page, _items(rows))
    session.execute(
        text("SELECT set_config('pg_trgm.similarity_threshold', :t, true)"),
        {"t": str(WORD_SIMILARITY)},
    )
    matches = _vocabulary_matches(session, words)
    if not all(matches):
        return _result(0, page, per_page, [])
    total = _count(session, filter_sql + _word_conditions(matches, params, "all"), params)
    # The best readings first: persons whose every word is among its best matches.
    # Only when they do not fill the page are the weaker matches read too.
    best = [_best_tier(found) for found in matches]
    needed = page * per_page
    tiers = [best] if best != matches else []
    tiers.append(matches)
    for tier in tiers:
        where = filter_sql + _word_conditions(tier, params, "t")
        score_sql = _score(tier, params)
        if tier is best and _count(session, where, params, needed) < needed:
            continue
        rows = _page(session, where, score_sql, params, page, per_page)
        return _result(total, page, per_page, _items(rows))
    return _result(total, page, per_page, [])


def _best_tier(found: dict[str, float]) -> dict[str, float]:
    top = max(found.values())
    floor = top if top >= 0.999 else top - BEST_TIER_MARGIN
    return {word: sim for word, sim in found.items() if sim >= floor}


def _word_conditions(matches: list[dict[str, float]], params: dict, tag: str) -> list[str]:
    where = []
    for i, found in enumerate(matches):
        params[f"{tag}m{i}"] = list(found)
        params[f"{tag}s{i}"] = list(found.values())
        where.append(f"p.name_words && CAST(:{tag}m{i} AS text[])")
    return where


def _score(matches: list[dict[str, float]], params: dict) -> str:
    """The sum over query words of the best similarity among the person's words
    (a constant when every word has a single similarity)."""
    if all(len(set(found.values())) == 1 for found in matches):
        return str(sum(next(iter(found.values())) for found in matches))
    return " + ".join(
        f"(SELECT max(u.sim) FROM unnest(CAST(:tm{i} AS text[]), "
        f"CAST(:ts{i} AS float8[])) AS u(word, sim) WHERE u.word = ANY(p.name_words))"
        for i in range(len(matches))
    )


def _count(session: Session, where: list[str], params: dict, cap: int = COUNT_CAP + 1) -> int:
    where_sql = " AND ".join(where) or "TRUE"
    return session.execute(
        text(f"SELECT count(*) FROM (SELECT 1 FROM persons p WHERE {where_sql} LIMIT :cap) c"),
        {**params, "cap": cap},
    ).scalar_one()


def _page(session: Session, where: list[str], score_sql: str, params: dict, page, per_page):
    """One page of matches. The candidates are materialised first, so that PostgreSQL
    finds them through the word index and sorts them, rather than walking the whole
    table in name order hoping to meet enough of them."""
    where_sql = " AND ".join(where) or "TRUE"
    return session.execute(
        text(
            f"""
            WITH candidates AS MATERIALIZED (
                SELECT p.id, p.surname, p.given_name, CAST({score_sql} AS float8) AS score
                FROM persons p WHERE {where_sql}
            ), top AS (
                SELECT id, score FROM candidates
                ORDER BY score DESC, surname, given_name NULLS LAST, id
                LIMIT :limit OFFSET :offset
            )
            SELECT p.id, p.surname, p.given_name, p.patronymic,
                   p.birth_year, p.birth_month, p.birth_day, p.birthplace,
                   p.death_year, p.death_month, p.death_day,
                   p.home_country, p.home_region, p.rank, p.is_fictional,
                   s.id AS site_id, s.name AS site_name, s.name_en AS site_name_en,
                   t.score
            FROM top t JOIN persons p ON p.id = t.id
            LEFT JOIN LATERAL (
                SELECT bs.id, bs.name, bs.name_en FROM burials b
                JOIN burial_sites bs ON bs.id = b.site_id
                WHERE b.person_id = p.id ORDER BY b.id LIMIT 1
            ) s ON TRUE
            ORDER BY t.score DESC, p.surname, p.given_name NULLS LAST, p.id
            """
        ),
        {**params, "limit": per_page, "offset": (page - 1) * per_page},
    ).mappings()


def _items(rows) -> list[dict]:
    items = []
    for row in rows:
        item = person_summary({k: v for k, v in row.items() if not k.startswith("site_")})
        item["birth_year"] = row["birth_year"]
        item["score"] = round(float(row["score"]), 3)
        item["site"] = (
            {"id": row["site_id"], "name": row["site_name"], "name_en": row["site_name_en"]}
            if row["site_id"]
            else None
        )
        items.append(item)
    return items


def _result(total: int, page: int, per_page: int, items: list[dict]) -> dict:
    return {
        "total": min(total, COUNT_CAP),
        "total_is_lower_bound": total > COUNT_CAP,
        "page": page,
        "per_page": per_page,
        "items": items,
    }


def search_places(session: Session, words: Words, limit: int = 20) -> list[dict]:
    """Sites, battle locations and settlements whose names match every word."""
    params: dict = {"limit": limit}
    where, score = _place_word_match(words, "n.key", params)
    session.execute(
        text("SELECT set_config('pg_trgm.word_similarity_threshold', :t, true)"),
        {"t": str(WORD_SIMILARITY)},
    )
    rows = session.execute(
        text(
            f"""
            WITH matches AS (
                SELECT n.place_type, n.place_id, max({" + ".join(score)}) AS score,
                       (array_agg(n.name ORDER BY {" + ".join(score)} DESC))[1] AS matched
                FROM place_names n
                WHERE {" AND ".join(where)}
                GROUP BY n.place_type, n.place_id
            )
            SELECT m.place_type AS type, m.place_id AS id, m.matched, m.score,
                   COALESCE(s.name, b.name, t.name) AS name,
                   COALESCE(s.name_en, b.name_en, t.name_en) AS name_en,
                   COALESCE(s.kind, CASE WHEN b.id IS NOT NULL THEN 'battle' END, t.kind) AS kind,
                   COALESCE(s.oblast, t.oblast) AS oblast,
                   ST_Y(COALESCE(s.geom, b.geom, t.geom)) AS lat,
                   ST_X(COALESCE(s.geom, b.geom, t.geom)) AS lon,
                   COALESCE(s.location_precision, b.location_precision, t.location_precision)
                       AS location_precision
            FROM matches m
            LEFT JOIN burial_sites s ON m.place_type = 'site' AND s.id = m.place_id
            LEFT JOIN battle_locations b ON m.place_type = 'battle' AND b.id = m.place_id
            LEFT JOIN settlements t ON m.place_type = 'settlement' AND t.id = m.place_id
            ORDER BY m.score DESC, m.place_type, m.place_id
            LIMIT :limit
            """
        ),
        params,
    ).mappings()
    return [dict(r) | {"score": round(float(r["score"]), 3)} for r in rows]
