"""Find persons by any spelling of their names, and places by any spelling of theirs.

Queries arrive already normalised (``mapapp.text.normalize.search_key``). Each query
word is first matched against the vocabulary of all name words: by trigram similarity
(pg_trgm, through its GIN index) and by the words one typo away (a letter dropped, added,
changed, or two neighbours swapped: ``Среикенов`` finds Серикенов), ranked by how close
they are. Persons are then found exactly through the GIN index on their name words.

Every search is bounded: at most ``COUNT_CAP`` matches are counted and can be paged
through, and the search runs under its own statement timeout; a search that runs out
of time is a ``SearchTimedOut`` (503), never an unexplained error.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from psycopg.errors import QueryCanceled
from rapidfuzz.distance import OSA
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from mapapp.errors import N_, InvalidInput, MapappError, NotFound
from mapapp.queries.common import district_matches, page_count, person_summary
from mapapp.text.normalize import (
    fold_lookalikes,
    misread_spellings,
    one_edit_neighbours,
    search_key,
    typed_neighbour_keys,
)

# How alike a query word and a name word must be (pg_trgm similarity, 0..1).
WORD_SIMILARITY = 0.45
# How many name words one query word may stand for (closest first).
VOCABULARY_MATCHES = 12
# Trigram candidates read per reading of a query word, the most alike first.
CANDIDATES_PER_READING = 40
# When no name word is within one typo of a query word, candidates this alike are read
# as well (two typos in a long word leave few trigrams in common); a lower bar costs a
# slower lookup, so it is only a second try.
SECOND_TRY_SIMILARITY = 0.3
# A vocabulary word this close is a match good enough not to need the second try.
GOOD_ENOUGH = 0.85
# Name words this close to a query word's best match are read first.
BEST_TIER_MARGIN = 0.15
# Counting stops here: "more than 1,000" is as useful as the exact number, and cheaper.
# Only these first matches can be paged through: deeper pages ask for more words.
COUNT_CAP = 1_000
# Words this long or longer are also looked up with every spelling one typo away.
MIN_TYPO_LENGTH = 4
# How close a vocabulary word one or two typos away is, by the query word's length
# (a typo in a short word changes more of it).
ONE_TYPO_CLOSENESS = ((5, 0.85), (4, 0.7))
# Relatives rarely get the first letter wrong: a typo there makes a word less close
# (Уков is rather Утков than Жуков).
FIRST_LETTER_PENALTY = 0.05
TWO_TYPOS_CLOSENESS = ((7, 0.7),)
# Among words as many typos away, the more alike by trigrams come first. The closeness
# of a word is its class (1, one typo, ...: multiples of this) plus less than this.
TRIGRAM_TIE_BREAK = 0.05
# Words alike by trigrams only, more than one typo apart, stay below one typo away.
TRIGRAM_CEILING = 0.84
# A search that takes longer than this stops with a message (milliseconds).
SEARCH_TIME_LIMIT_MS = 3_000


class SearchTimedOut(MapappError):
    """The search took longer than its time limit."""

    status = 503
    code = "search_timed_out"

    def __init__(self) -> None:
        super().__init__(
            N_("the search took too long; add a name or more words, or narrow the filters")
        )


def max_page(per_page: int) -> int:
    """The last page that can be asked for: the first ``COUNT_CAP`` matches only."""
    return page_count(COUNT_CAP, per_page)


class PagePastLast(NotFound):
    """A page asked for past the last page of a search's matches."""

    def __init__(self, page: int, last: int) -> None:
        super().__init__(
            N_("page %(page)s is past the last page, %(last)s"),
            parameter="page",
            page=page,
            last=last,
        )
        self.last = last


def last_page(total: int, per_page: int) -> int:
    """The last page of ``total`` matches that can be listed (one when there are none)."""
    return min(page_count(total, per_page), max_page(per_page))


def check_page(page: int, per_page: int) -> None:
    if page > max_page(per_page):
        raise InvalidInput(
            N_(
                "%(name)s must be at most %(max)s: only the first %(cap)s matches are listed; "
                "add words or filters to narrow the search"
            ),
            parameter="page",
            name="page",
            max=max_page(per_page),
            cap=COUNT_CAP,
        )


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
    where = ["p.withdrawn_at IS NULL"]  # withdrawn records are reached from their site
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
        # The (few) units first, then their persons through the index on unit_id.
        where.append(
            "p.unit_id = ANY(ARRAY(SELECT u.id FROM units u"
            " WHERE position(lower(:unit) in lower(u.name)) > 0))"
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
            # Written out, not bound, so that the partial indexes of the few heroes and
            # partisans serve it whatever plan the statement gets.
            where.append(f"p.is_{flag}" if value else f"NOT p.is_{flag}")
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


@dataclass(frozen=True)
class Slips:
    """The keys of the spellings one typed letter away from a query word: anywhere
    (``near``) and after its first letter (``inner``)."""

    near: frozenset[str] = frozenset()
    inner: frozenset[str] = frozenset()


def typed_slips(words: Words, typed: Sequence[str]) -> list[Slips]:
    """For each query word, the keys one typed slip away from the word as it was typed,
    when a typed word keys as the query word (a Cyrillic word: see
    ``typed_neighbour_keys``); none otherwise."""
    slips, unused = [], [fold_lookalikes(word) for word in typed]
    for readings in words:
        form = next((t for t in unused if search_key(t) == readings[0]), None)
        if form is None or len(form) < MIN_TYPO_LENGTH:
            slips.append(Slips())
            continue
        unused.remove(form)
        inner = typed_neighbour_keys(form, keep_first=True)
        first = typed_neighbour_keys(form, first_only=True)
        slips.append(Slips(inner | first, inner))
    return slips


def _vocabulary_matches(
    session: Session, words: Words, typed: Sequence[str] = ()
) -> list[dict[str, float]]:
    """For each query word: the name words it may stand for, with their closeness.

    The vocabulary holds each distinct key word once, so this fuzzy step is small and
    fast whatever the number of persons; persons are then found by exact word lookup.
    """
    slips = typed_slips(words, typed)
    matches = _vocabulary_lookup(session, words, WORD_SIMILARITY, slips)
    unsure = [i for i, found in enumerate(matches) if max(found.values(), default=0) < GOOD_ENOUGH]
    if unsure:
        again = _vocabulary_lookup(session, [words[i] for i in unsure], SECOND_TRY_SIMILARITY)
        for i, found in zip(unsure, again, strict=True):
            for word, score in found.items():
                matches[i][word] = max(score, matches[i].get(word, 0.0))
    return [_closest(found) for found in matches]


def _vocabulary_lookup(
    session: Session, words: Words, similarity: float, slips: list[Slips] | None = None
) -> list[dict[str, float]]:
    """Vocabulary words alike by trigrams to each reading of each query word, and, with
    ``slips``, every word one typo away from a reading (in the key, or as typed)."""
    params: dict = {"limit": CANDIDATES_PER_READING, "similarity": str(similarity)}
    parts = []
    for i, readings in enumerate(words):
        for j, reading in enumerate(readings):
            params[f"r{i}_{j}"] = reading
            parts.append(
                f"(SELECT {i} AS i, {j} AS j, word, similarity(word, :r{i}_{j}) AS sim "
                f"FROM name_vocabulary WHERE word % :r{i}_{j} "
                f"ORDER BY sim DESC, word LIMIT :limit)"
            )
            if slips is None:
                continue
            neighbours = set(slips[i].near) if j == 0 else set()
            if len(reading) >= MIN_TYPO_LENGTH:
                neighbours |= one_edit_neighbours(reading)
            if neighbours:
                # One string of words (keys have no spaces) rather than an array of some
                # 500, which the driver would write out element by element.
                params[f"n{i}_{j}"] = " ".join(sorted(neighbours))
                # A join, so that each neighbour is one probe of the primary key
                # (``word = ANY(...)`` of some 500 words is planned as a scan).
                parts.append(
                    f"(SELECT {i}, {j}, v.word, similarity(v.word, :r{i}_{j}) "
                    f"FROM unnest(string_to_array(CAST(:n{i}_{j} AS text), ' ')) AS n(word) "
                    f"JOIN name_vocabulary v ON v.word = n.word)"
                )
    if similarity != WORD_SIMILARITY:  # the usual bar is set with the time limit
        session.execute(
            text("SELECT set_config('pg_trgm.similarity_threshold', :similarity, true)"),
            params,
        )
    matches: list[dict[str, float]] = [{} for _ in words]
    for i, j, word, sim in session.execute(text(" UNION ALL ".join(parts)), params):
        slip = slips[i] if slips is not None and j == 0 else Slips()
        score = closeness(words[i][j], word, sim, slip)
        if score > matches[i].get(word, 0.0):
            matches[i][word] = score
    return matches


def closeness(reading: str, word: str, similarity: float, slips: Slips = Slips()) -> float:
    """How well a vocabulary word matches a query word's reading: 1 when equal, then
    by the typos between them (optimal string alignment: a swap of neighbours is one
    typo; a word in ``slips`` is one typo as typed) or their trigram similarity,
    whichever is higher, the more alike by trigrams a little higher (always below 1);
    0 when too far. A typo in the first letter counts a little more."""
    if word == reading:
        return 1.0
    typos = 1 if word in slips.near else OSA.distance(reading, word, score_cutoff=2)
    table = {1: ONE_TYPO_CLOSENESS, 2: TWO_TYPOS_CLOSENESS}.get(typos, ())
    by_typos = next((score for length, score in table if len(reading) >= length), 0.0)
    if by_typos and word[:1] != reading[:1] and word not in slips.inner:
        by_typos -= FIRST_LETTER_PENALTY
    by_trigrams = similarity if similarity >= WORD_SIMILARITY else 0.0
    if not by_typos and not by_trigrams:
        return 0.0
    if by_typos >= by_trigrams:
        return round(min(0.99, by_typos + TRIGRAM_TIE_BREAK * similarity), 4)
    return round(min(TRIGRAM_CEILING, by_trigrams + TRIGRAM_TIE_BREAK * similarity), 4)


def _closest(found: dict[str, float]) -> dict[str, float]:
    ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
    return {word: score for word, score in ranked[:VOCABULARY_MATCHES] if score > 0}


def search_persons(
    session: Session,
    words: Words,
    filters: PersonFilters,
    page: int = 1,
    per_page: int = 20,
    typed: Sequence[str] = (),
) -> dict:
    """Persons matching every word (any order) and every filter, best match first;
    with no words, every person the filters allow, by name. ``typed``: the query's
    words as typed (lower case), so that among equal matches a surname spelt exactly
    so comes first (Кожахметов before Кожаахметов, which has the same key)."""
    check_page(page, per_page)
    with time_limit(session, SEARCH_TIME_LIMIT_MS):
        if not words:
            return _filtered_persons(session, filters, page, per_page)
        return _named_persons(session, words, filters, page, per_page, typed)


def count_persons(
    session: Session, words: Words, filters: PersonFilters, typed: Sequence[str] = ()
) -> int:
    """How many persons a search finds, counted up to the cap and one more, as its
    pages count them: for a page asked for past those it can list, which lists none."""
    with time_limit(session, SEARCH_TIME_LIMIT_MS):
        params: dict = {}
        where = _filters(filters, params)
        if words:
            matches = _vocabulary_matches(session, words, typed)
            if not all(matches):
                return 0
            where += _word_conditions(matches, params, "all")
        return _count(session, where, params)


@contextmanager
def time_limit(session: Session, milliseconds: int) -> Iterator[None]:
    """Run the statements inside, and the rest of the transaction, under a statement
    timeout of their own (or the session's, when tighter), and with the usual trigram
    bar of the vocabulary lookup (set in the same round trip); a statement that runs out
    of time raises ``SearchTimedOut``."""
    # The session's timeout read with current_setting (its units, as ms, s or min, are
    # those of an interval), not from pg_settings, whose scan of every setting costs
    # a millisecond.
    session.execute(
        text(
            "SELECT set_config('statement_timeout', CASE WHEN "
            "t.ms BETWEEN 1 AND CAST(:ms AS int) THEN CAST(t.ms AS text) "
            "ELSE CAST(:ms AS text) END, true), "
            "set_config('pg_trgm.similarity_threshold', :similarity, true) "
            "FROM (SELECT CAST(extract(epoch FROM "
            "CAST(current_setting('statement_timeout') AS interval)) * 1000 AS bigint) AS ms) t"
        ),
        {"ms": milliseconds, "similarity": str(WORD_SIMILARITY)},
    )
    try:
        yield
    except OperationalError as exc:
        if not isinstance(exc.orig, QueryCanceled):
            raise
        session.rollback()
        raise SearchTimedOut() from None


def _filtered_persons(session: Session, filters: PersonFilters, page: int, per_page: int):
    """Filters alone: counted up to the cap, listed by name through the name index."""
    params: dict = {"cap": COUNT_CAP + 1}
    where = _filters(filters, params)
    # Counted in the statement of the page (one round trip), apart only past the last.
    top = _top_by_name(where, total_sql=_count_sql(where))
    rows = list(_page(session, top, params, page, per_page))
    total = rows[0]["total"] if rows else _count(session, where, params)
    return _result(total, page, per_page, _items(rows))


def _named_persons(
    session: Session,
    words: Words,
    filters: PersonFilters,
    page: int,
    per_page: int,
    typed: Sequence[str],
) -> dict:
    """Persons by name, read tier by tier: first those whose every word is a query
    word's closest match, then the close ones, then all; the first tier that fills the
    page asked for is listed. A tier of one closeness that has more matches than the
    cap is listed from its first matches found, so no search reads every Иванов."""
    cyrillic = [
        _typed_form(fold_lookalikes(word)) for word in typed if _CYRILLIC_LETTER.search(word)
    ]
    params: dict = {
        "typed": [_typed_form(word) for word in typed],
        "cyrillic": cyrillic,
        "swapped": [
            w[:i] + w[i + 1] + w[i] + w[i + 2 :] for w in cyrillic for i in range(len(w) - 1)
        ],
        "misread": sorted(set().union(*map(misread_spellings, cyrillic))),
    }
    filter_sql = _filters(filters, params)
    matches = _vocabulary_matches(session, words, typed)
    if not all(matches):
        return _result(0, page, per_page, [])
    needed = page * per_page
    tiers = _tiers(matches)
    params |= {"cap": COUNT_CAP + 1, "needed": needed, "count_cap": COUNT_CAP}
    # The total counts every match, of any tier; it is counted in the statement of the
    # tier listed, and only when that tier is listed and has at most the cap.
    all_matches = _count_sql(filter_sql + _word_conditions(matches, params, "all"))
    for k, tier in enumerate(tiers):
        tag = f"t{k}_"
        where = filter_sql + _word_conditions(tier, params, tag)
        last = k == len(tiers) - 1
        total_sql = "CAST(NULL AS bigint)" if last else all_matches
        if _is_constant(tier):
            top = _top_first_found(where, tier, params, tag, total_sql)
        else:
            top = _top_by_score(where, tier, tag, total_sql)
        rows = list(_page(session, top, params, page, per_page))
        # No row: the page lies beyond this tier's matches (then fewer than needed).
        count = rows[0]["found"] if rows else 0
        if count < needed and not last:
            continue
        if not rows:
            count = _count(session, where, params)
        elif count <= COUNT_CAP and not last:
            count = rows[0]["total"]
        return _result(count, page, per_page, _items(rows))
    return _result(0, page, per_page, [])


_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")


def _typed_form(word: str) -> str:
    return word.lower().replace("ё", "е")


# How each surname among the matches compares with what was typed, computed once per
# distinct surname (a name shared by a thousand is compared once), from ``source``:
# - as_typed: spelt as typed (Кожахметов before Кожаахметов, which has the same key);
# - distance: letters from the nearest Cyrillic word typed (fuzzystrmatch's
#   levenshtein; two neighbours swapped count as one): of two surnames one typo away in
#   the key, the one nearer to what was typed comes first (Солкий: Солский before
#   Солко); 0 for a query typed in Latin;
# - misread: as many letters away, one whose letter differs from the typed one as letters
#   alike to the eye do (a clerk's or OCR misreading: Махушин, Макушин before Мазушин);
# - likeness: then the one with more of the typed letters' trigrams
#   (when a letter was dropped, the longer surname: Ермков, Ермиков before Ермов);
# - sharing: then, as a spelling corrector prefers the commoner word, the surname more
#   persons among the matches share.
_AS_TYPED = "replace(lower(surname), 'ё', 'е')"
_SPELLINGS = f"""
    spellings AS (
        SELECT surname, count(*) AS sharing,
               {_AS_TYPED} = ANY(CAST(:typed AS text[])) AS as_typed,
               CASE WHEN {_AS_TYPED} = ANY(CAST(:swapped AS text[])) THEN 1
                    ELSE coalesce((SELECT min(levenshtein({_AS_TYPED}, t))
                                   FROM unnest(CAST(:cyrillic AS text[])) AS t), 0)
               END AS distance,
               {_AS_TYPED} = ANY(CAST(:misread AS text[])) AS misread,
               coalesce((SELECT max(similarity({_AS_TYPED}, t))
                         FROM unnest(CAST(:cyrillic AS text[])) AS t), 0) AS likeness
        FROM {{source}} GROUP BY surname
    )"""
_SPELLING_ORDER = (
    "s.as_typed DESC, {by_surname}s.distance, s.misread DESC, s.likeness DESC, s.sharing DESC"
)


def _tiers(matches: list[dict[str, float]]) -> list[list[dict[str, float]]]:
    """Nested tiers of the matched words, narrowest first, each tier distinct."""
    tiers = []
    for narrow in (_closest_tier, _best_tier, lambda found: found):
        tier = [narrow(found) for found in matches]
        if tier not in tiers:
            tiers.append(tier)
    return tiers


def closeness_class(score: float) -> float:
    """A closeness without its trigram tie-break: 1, one typo, two typos ..."""
    return math.floor(score / TRIGRAM_TIE_BREAK + 1e-6) * TRIGRAM_TIE_BREAK


def _closest_tier(found: dict[str, float]) -> dict[str, float]:
    """The words of the best class (all those one typo away, say): among them, the one
    whose persons' surnames are nearest to what was typed comes first."""
    top = max(closeness_class(score) for score in found.values())
    return {word: score for word, score in found.items() if closeness_class(score) == top}


def _is_constant(tier: list[dict[str, float]]) -> bool:
    """Whether every word of each query word's matches is of one class (the persons
    are then ordered by how their surnames compare with what was typed)."""
    return all(len({closeness_class(s) for s in found.values()}) == 1 for found in tier)


def _constant(tier: list[dict[str, float]]) -> float:
    return sum(closeness_class(next(iter(found.values()))) for found in tier)


def _top_first_found(
    where: list[str], tier: list[dict[str, float]], params: dict, tag: str, total_sql: str
) -> str:
    """The page of a tier whose matches all score alike, with their count up to the
    cap + 1 (``found``) and ``total_sql`` when the page is listed (``_listed_total``).
    Only the first ``COUNT_CAP + 1`` matches found are read (through the word
    index), then listed with those whose surname is a matched word first, then the
    surnames nearest to what was typed, the commoner first, then by name: a name
    shared by tens of thousands costs no more than a rare one, and the answer says
    "more than" the cap."""
    params[f"{tag}score"] = _constant(tier)
    params[f"{tag}words"] = sorted(set().union(*tier))
    where_sql = " AND ".join(where) or "TRUE"
    order = _SPELLING_ORDER.format(by_surname="f.by_surname DESC, ")
    return f"""
        WITH found AS MATERIALIZED (
            SELECT p.id, p.surname, p.given_name,
                   p.surname_key = ANY(:{tag}words) AS by_surname
            FROM persons p WHERE {where_sql} LIMIT :cap
        ), {_SPELLINGS.format(source="found")}
        SELECT f.id, CAST(:{tag}score AS float8) AS score,
               (SELECT count(*) FROM found) AS found,
               {_listed_total("(SELECT count(*) FROM found)", total_sql)} AS total,
               row_number() OVER (
                   ORDER BY {order}, f.surname, f.given_name NULLS LAST, f.id
               ) AS ord
        FROM found f JOIN spellings s ON s.surname = f.surname
        ORDER BY ord LIMIT :limit OFFSET :offset
    """


def _listed_total(found_sql: str, total_sql: str) -> str:
    """``total_sql`` when a tier of ``found_sql`` matches fills the page asked for and
    has at most the cap (the one case the total is asked for), else NULL: PostgreSQL
    runs the subquery of a CASE branch only when the branch is taken."""
    return f"CASE WHEN {found_sql} BETWEEN :needed AND :count_cap THEN {total_sql} END"


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


def _bests(matches: list[dict[str, float]], tag: str) -> str:
    """For each query word (column b0, b1 ...), the best closeness among the person's
    words (of a row of persons p)."""
    best = (
        "(SELECT max(u.sim) FROM unnest(CAST(:{tag}m{i} AS text[]), "
        "CAST(:{tag}s{i} AS float8[])) AS u(word, sim) WHERE u.word = ANY(p.name_words)) AS b{i}"
    )
    return ", ".join(best.format(tag=tag, i=i) for i in range(len(matches)))


def _score(matches: list[dict[str, float]], classes: bool = False) -> str:
    """The sum over query words of their best closeness (columns b0, b1 ... of b); with
    ``classes``, of their classes (exact, one typo ...: without the trigram tie-break)."""
    step = TRIGRAM_TIE_BREAK
    term = f"floor(b.b{{i}} / {step} + 1e-6) * {step}" if classes else "b.b{i}"
    return " + ".join(term.format(i=i) for i in range(len(matches)))


def _count_sql(where: list[str]) -> str:
    """The number of persons matching ``where``, counted up to ``:cap``."""
    where_sql = " AND ".join(where) or "TRUE"
    return f"(SELECT count(*) FROM (SELECT 1 FROM persons p WHERE {where_sql} LIMIT :cap) c)"


def _count(session: Session, where: list[str], params: dict) -> int:
    return session.execute(
        text(f"SELECT {_count_sql(where)}"), {**params, "cap": COUNT_CAP + 1}
    ).scalar_one()


def _top_by_score(where: list[str], tier: list[dict[str, float]], tag: str, total_sql: str) -> str:
    """The ids and scores (the classes of their closeness: exact, one typo ...) of one
    page of name matches, best first: by those classes, then the surname nearest to
    what was typed, then the closeness; with their number (``found``) and
    ``total_sql`` when the page is listed (``_listed_total``).
    The candidates are materialised first, so that PostgreSQL finds them through the
    word index and sorts them, rather than walking the whole table in name order hoping
    to meet enough. Each person's best closeness per query word is computed once, for
    both the score and the class (OFFSET 0 keeps PostgreSQL from writing it out twice)."""
    where_sql = " AND ".join(where) or "TRUE"
    order = _SPELLING_ORDER.format(by_surname="")
    return f"""
        WITH candidates AS MATERIALIZED (
            SELECT p.id, p.surname, p.given_name, CAST({_score(tier)} AS float8) AS score,
                   CAST({_score(tier, classes=True)} AS float8) AS class
            FROM persons p CROSS JOIN LATERAL (SELECT {_bests(tier, tag)} OFFSET 0) b
            WHERE {where_sql}
        ), {_SPELLINGS.format(source="candidates")}
        SELECT c.id, c.class AS score, (SELECT count(*) FROM candidates) AS found,
               {_listed_total("(SELECT count(*) FROM candidates)", total_sql)} AS total,
               row_number() OVER (
                   ORDER BY c.class DESC, {order}, c.score DESC,
                            c.surname, c.given_name NULLS LAST, c.id
               ) AS ord
        FROM candidates c JOIN spellings s ON s.surname = c.surname
        ORDER BY ord LIMIT :limit OFFSET :offset
    """


def _top_by_name(where: list[str], total_sql: str) -> str:
    """The ids of one page of filter matches by name, read in the order of the name
    index, so that a broad filter stops after the page instead of sorting every match;
    with ``total_sql``."""
    where_sql = " AND ".join(where) or "TRUE"
    return f"""
        SELECT p.id, CAST(0 AS float8) AS score, CAST(NULL AS bigint) AS found,
               {total_sql} AS total,
               row_number() OVER (ORDER BY p.surname, p.given_name NULLS LAST, p.id) AS ord
        FROM persons p WHERE {where_sql}
        ORDER BY p.surname, p.given_name NULLS LAST, p.id
        LIMIT :limit OFFSET :offset
    """


def _page(session: Session, top_sql: str, params: dict, page: int, per_page: int):
    """One page of persons, in the order of ``top_sql`` (ids, scores, and the counts
    ``found`` and ``total`` where it has them), with the first site each lies at."""
    return session.execute(
        text(
            f"""
            WITH top AS ({top_sql})
            SELECT p.id, p.surname, p.given_name, p.patronymic,
                   p.birth_year, p.birth_month, p.birth_day, p.birthplace,
                   p.death_year, p.death_month, p.death_day, p.fate,
                   p.home_country, p.home_region, p.rank, p.is_fictional,
                   s.id AS site_id, s.name AS site_name, s.name_en AS site_name_en,
                   t.score, t.found, t.total
            FROM top t JOIN persons p ON p.id = t.id
            LEFT JOIN LATERAL (
                SELECT bs.id, bs.name, bs.name_en FROM burials b
                JOIN burial_sites bs ON bs.id = b.site_id
                WHERE b.person_id = p.id ORDER BY b.id LIMIT 1
            ) s ON TRUE
            ORDER BY t.ord
            """
        ),
        {**params, "limit": per_page, "offset": (page - 1) * per_page},
    ).mappings()


def _items(rows) -> list[dict]:
    items = []
    for row in rows:
        item = person_summary(
            {
                k: v
                for k, v in row.items()
                if not k.startswith("site_") and k not in ("found", "total")
            }
        )
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
    """The answer; past the cap the total is a lower bound, and says so in words."""
    return {
        "total": min(total, COUNT_CAP),
        "total_is_lower_bound": total > COUNT_CAP,
        "total_text": f"more than {COUNT_CAP}" if total > COUNT_CAP else str(total),
        "page": page,
        "per_page": per_page,
        "max_page": max_page(per_page),
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
