"""Find persons by any spelling of their names, and places by any spelling of theirs.

Queries arrive already normalised (``mapapp.text.normalize.search_key``): every word is
matched with pg_trgm's word similarity against the stored keys, so the GIN trigram
index narrows the candidates and one or two garbled letters still match.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.queries.common import person_summary

# How alike a query word and a part of a name must be (pg_trgm word similarity).
WORD_SIMILARITY = 0.5
# Counting stops here: "more than 10,000" is as useful as the exact number, and cheaper.
COUNT_CAP = 10_000


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

    def is_empty(self) -> bool:
        return all(v is None for v in self.__dict__.values())


@dataclass
class _Sql:
    where: list[str] = field(default_factory=list)
    score: list[str] = field(default_factory=list)
    params: dict = field(default_factory=dict)


Words = list[list[str]]  # each query word with the keys of its plausible readings


def _word_match(words: Words, column: str, params: dict) -> tuple[list[str], list[str]]:
    """WHERE conditions (every word matches) and score terms (best reading per word)."""
    where, score = [], []
    for i, readings in enumerate(words):
        names = []
        for j, reading in enumerate(readings):
            params[f"w{i}_{j}"] = reading
            names.append(f":w{i}_{j}")
        where.append("(" + " OR ".join(f"{n} <% {column}" for n in names) + ")")
        # Similarity of the word, plus a bonus when it is a whole word of the name.
        score.append(
            "greatest("
            + ", ".join(
                f"word_similarity({n}, {column}) + CASE WHEN (' ' || {column} || ' ') "
                f"LIKE ('% ' || {n} || ' %') THEN 0.5 ELSE 0 END"
                for n in names
            )
            + ")"
        )
    return where, score


def _build(words: Words, filters: PersonFilters) -> _Sql:
    sql = _Sql()
    sql.where, sql.score = _word_match(words, "p.search_key", sql.params)
    prefix_filters = {
        "country": "p.home_country_key",
        "region": "p.home_region_key",
        "district": "p.home_district_key",
        "callup": "p.callup_key",
    }
    for name, column in prefix_filters.items():
        value = getattr(filters, name)
        if value is not None:
            sql.params[name] = value
            sql.where.append(f"{column} LIKE :{name} || '%'")
    if filters.rank is not None:
        sql.params["rank"] = filters.rank
        sql.where.append("lower(p.rank) = lower(:rank)")
    if filters.unit is not None:
        sql.params["unit"] = filters.unit
        sql.where.append(
            "EXISTS (SELECT 1 FROM units u WHERE u.id = p.unit_id"
            " AND position(lower(:unit) in lower(u.name)) > 0)"
        )
    if filters.death_from is not None:
        sql.params["death_from"] = filters.death_from
        sql.where.append("p.death_year >= :death_from")
    if filters.death_to is not None:
        sql.params["death_to"] = filters.death_to
        sql.where.append("p.death_year <= :death_to")
    if filters.burial_oblast is not None or filters.burial_district is not None:
        sql.params["oblast"] = filters.burial_oblast
        sql.params["bdistrict"] = filters.burial_district
        sql.where.append(
            "EXISTS (SELECT 1 FROM burials b JOIN burial_sites s ON s.id = b.site_id"
            " WHERE b.person_id = p.id"
            " AND (CAST(:oblast AS text) IS NULL OR s.oblast = :oblast)"
            # Sites are few: the district may match as a prefix either way round
            # ("Dubrovno" finds "Дубровенский район").
            " AND (CAST(:bdistrict AS text) IS NULL OR s.district_key LIKE :bdistrict || '%'"
            " OR :bdistrict LIKE s.district_key || '%'))"
        )
    for flag in ("hero", "partisan"):
        value = getattr(filters, flag)
        if value is not None:
            sql.params[flag] = value
            sql.where.append(f"p.is_{flag} = :{flag}")
    return sql


def search_persons(
    session: Session,
    words: Words,
    filters: PersonFilters,
    page: int = 1,
    per_page: int = 20,
) -> dict:
    """Persons matching every word (any order) and every filter, best match first."""
    sql = _build(words, filters)
    where = " AND ".join(sql.where) or "TRUE"
    score = " + ".join(sql.score) or "0"
    session.execute(
        text("SELECT set_config('pg_trgm.word_similarity_threshold', :t, true)"),
        {"t": str(WORD_SIMILARITY)},
    )
    total = session.execute(
        text(f"SELECT count(*) FROM (SELECT 1 FROM persons p WHERE {where} LIMIT :cap) c"),
        {**sql.params, "cap": COUNT_CAP + 1},
    ).scalar_one()
    rows = session.execute(
        text(
            f"""
            SELECT p.id, p.surname, p.given_name, p.patronymic,
                   p.birth_year, p.birth_month, p.birth_day, p.birthplace,
                   p.death_year, p.death_month, p.death_day,
                   p.home_country, p.home_region, p.rank, p.is_fictional,
                   s.id AS site_id, s.name AS site_name, s.name_en AS site_name_en,
                   ({score}) AS score
            FROM persons p
            LEFT JOIN LATERAL (
                SELECT bs.id, bs.name, bs.name_en FROM burials b
                JOIN burial_sites bs ON bs.id = b.site_id
                WHERE b.person_id = p.id ORDER BY b.id LIMIT 1
            ) s ON TRUE
            WHERE {where}
            ORDER BY score DESC, p.surname, p.given_name NULLS LAST, p.id
            LIMIT :limit OFFSET :offset
            """
        ),
        {**sql.params, "limit": per_page, "offset": (page - 1) * per_page},
    ).mappings()
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
    where, score = _word_match(words, "n.key", params)
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
