"""The person search gives what the straightforward way gives: the same persons, in the
same order, with the same scores and totals, over every kind of query of the benchmark
on a small register shaped like the real one (Zipf surnames, scripts/synthetic.py).

The straightforward way (``reference_search``) reads every person matching every query
word, then for the first tier that fills the page (the narrowest first, as the search
defines its tiers) orders them in Python: persons of one closeness by their surname as
typed, nearest in letters, misread, alike by trigrams, commonest, then by name; others
by their closeness class first and their closeness after the surname. The total is the
number of every match. The search itself counts, lists and totals in fewer statements,
reading no more matches than the cap; on this register no tier reaches the cap, so both
must agree exactly.
"""

from __future__ import annotations

import math
import random
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from mapapp.http.search_params import query_words, typed_words
from mapapp.queries import search
from mapapp.text.normalize import fold_lookalikes, misread_spellings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import bench_search  # noqa: E402
import synthetic  # noqa: E402

REGISTER = 3_000
PEOPLE_PER_KIND = 4
CYRILLIC = re.compile("[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def register(engine):
    """A synthetic register of REGISTER persons (fictional), removed afterwards."""
    from mapapp.importers.search_index import person_keys, refresh_vocabulary
    from tests.helpers import Scratch

    scratch = Scratch(engine)
    site = scratch.site("Test grave for the synthetic register", 29.0, 54.0)
    sites = synthetic.synthetic_sites(3, seed=11)
    rows = []
    for person in synthetic.synthetic_persons(REGISTER, sites, seed=11):
        values = {
            "ref": f"test:synthetic:{person['record_id']}",
            "surname": person["surname"],
            "given_name": person["given_name"] or None,
            "patronymic": person["patronymic"] or None,
        }
        rows.append(values | person_keys(values))
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO persons (ref, surname, given_name, patronymic, is_fictional, "
                "search_key, name_words, surname_key) VALUES (:ref, :surname, :given_name, "
                ":patronymic, true, :search_key, :name_words, :surname_key)"
            ),
            rows,
        )
        ids = conn.execute(
            text("SELECT id FROM persons WHERE ref LIKE 'test:synthetic:%' ORDER BY id")
        ).scalars()
        conn.execute(
            text("INSERT INTO burials (person_id, site_id) VALUES (:p, :s)"),
            [{"p": i, "s": site} for i in ids],
        )
        refresh_vocabulary(conn)
        conn.execute(text("ANALYZE persons"))
    yield
    scratch.cleanup()


def _queries(engine) -> list[tuple[str, str]]:
    """(kind, query) for PEOPLE_PER_KIND persons of the register and every kind of the
    benchmark's mix, and a few broad ones (a common surname or given name alone)."""
    with engine.connect() as conn:
        people = [
            dict(r)
            for r in conn.execute(
                text(
                    "SELECT id, surname, given_name, patronymic FROM persons "
                    "WHERE ref LIKE 'test:synthetic:%' AND given_name IS NOT NULL ORDER BY id"
                )
            ).mappings()
        ]
        common = conn.execute(
            text(
                "SELECT surname FROM persons WHERE ref LIKE 'test:synthetic:%' "
                "GROUP BY surname ORDER BY count(*) DESC, surname LIMIT 8"
            )
        ).scalars()
        given = conn.execute(
            text(
                "SELECT given_name FROM persons WHERE ref LIKE 'test:synthetic:%' "
                "AND given_name IS NOT NULL GROUP BY given_name "
                "ORDER BY count(*) DESC, given_name LIMIT 4"
            )
        ).scalars()
        queries = [("broad", name) for name in [*common, *given]]
    queries += [("broad", "Иван"), ("broad", "Ivan"), ("broad", "Нурлан Ахметов")]
    rng = random.Random(5)
    for kind in bench_search.KINDS:
        made = 0
        for person in rng.sample(people, len(people)):
            query = bench_search.query_for(kind, person, rng)
            if query:
                queries.append((kind, query))
                made += 1
            if made == PEOPLE_PER_KIND:
                break
    return queries


def _typed_form(word: str) -> str:
    return word.lower().replace("ё", "е")


def _spellings(session: Session, surnames: set[str], typed: list[str]) -> dict[str, tuple]:
    """For each surname: (as typed, letters from the nearest Cyrillic word typed, a
    misreading of one, trigram likeness), the way the search compares them."""
    cyrillic = [_typed_form(fold_lookalikes(w)) for w in typed if CYRILLIC.search(w)]
    swapped = {w[:i] + w[i + 1] + w[i] + w[i + 2 :] for w in cyrillic for i in range(len(w) - 1)}
    misread = set().union(*map(misread_spellings, cyrillic))
    typed_forms = {_typed_form(w) for w in typed}
    forms = dict(
        session.execute(
            text("SELECT s, replace(lower(s), 'ё', 'е') FROM unnest(CAST(:s AS text[])) s"),
            {"s": sorted(surnames)},
        ).all()
    )
    pairs = session.execute(
        text(
            "SELECT a, levenshtein(a, b), similarity(a, b) "
            "FROM unnest(CAST(:a AS text[])) a, unnest(CAST(:b AS text[])) b"
        ),
        {"a": sorted(set(forms.values())), "b": cyrillic},
    ).all()
    result = {}
    for surname, form in forms.items():
        distances = [(d, s) for a, d, s in pairs if a == form]
        distance = 1 if form in swapped else min((d for d, _ in distances), default=0)
        likeness = max((s for _, s in distances), default=0)
        result[surname] = (form in typed_forms, distance, form in misread, likeness)
    return result


def _best(person_words: list[str], found: dict[str, float]) -> float:
    return max(sim for word, sim in found.items() if word in person_words)


def _class(score: float) -> float:
    step = search.TRIGRAM_TIE_BREAK
    return math.floor(score / step + 1e-6) * step


def reference_search(session: Session, words, typed, page: int, per_page: int) -> dict:
    """The search the straightforward way (see the module's docstring)."""
    matches = search._vocabulary_matches(session, words, typed)
    if not all(matches):
        return {"total": 0, "ids": [], "scores": []}
    params, where = {}, []
    for i, found in enumerate(matches):
        params[f"m{i}"] = list(found)
        where.append(f"name_words && CAST(:m{i} AS text[])")
    every = session.execute(
        text(
            "SELECT id, surname, given_name, name_words, surname_key FROM persons "
            f"WHERE withdrawn_at IS NULL AND {' AND '.join(where)}"
        ),
        params,
    ).all()
    needed = page * per_page
    tiers = search._tiers(matches)
    for k, tier in enumerate(tiers):
        persons = [p for p in every if all(set(p.name_words) & set(f) for f in tier)]
        assert len(persons) <= search.COUNT_CAP  # else the search lists the first found
        if len(persons) < needed and k < len(tiers) - 1:
            continue
        spelling = _spellings(session, {p.surname for p in persons}, list(typed))
        sharing = {s: sum(p.surname == s for p in persons) for s in spelling}

        def by_surname(p, spelling=spelling, sharing=sharing):
            as_typed, distance, misread, likeness = spelling[p.surname]
            return (-as_typed, distance, -misread, -likeness, -sharing[p.surname])

        def by_name(p):
            return (p.surname, p.given_name is None, p.given_name or "", p.id)

        if search._is_constant(tier):
            score = search._constant(tier)
            words_of_tier = set().union(*tier)
            scored = [(p, score) for p in persons]
            scored.sort(
                key=lambda ps: (
                    -(ps[0].surname_key in words_of_tier),
                    *by_surname(ps[0]),
                    *by_name(ps[0]),
                )
            )
        else:
            scored = []
            for p in persons:
                bests = [_best(p.name_words, found) for found in tier]
                score = sum(bests)
                klass = sum(_class(b) for b in bests)
                scored.append((p, klass, score))
            scored.sort(key=lambda pcs: (-pcs[1], *by_surname(pcs[0]), -pcs[2], *by_name(pcs[0])))
            scored = [(p, klass) for p, klass, _ in scored]
        listed = scored[(page - 1) * per_page : page * per_page]
        return {
            "total": len(every),
            "ids": [p.id for p, _ in listed],
            "scores": [round(s, 3) for _, s in listed],
            "order": "one closeness" if search._is_constant(tier) else "by closeness",
        }
    return {"total": 0, "ids": [], "scores": []}


def test_the_search_gives_what_the_straightforward_way_gives(engine, register):
    queries = _queries(engine)
    assert len(queries) >= 4 * len(bench_search.KINDS)
    differences, pages = [], Counter()
    for kind, query in queries:
        args = MultiDict({"q": query})
        words, typed = query_words(args), typed_words(args)
        for page, per_page in ((1, 20), (2, 5), (4, 3)):
            with Session(engine) as session:
                got = search.search_persons(
                    session, words, search.PersonFilters(), page, per_page, typed
                )
            with Session(engine) as session:
                session.execute(
                    text("SELECT set_config('pg_trgm.similarity_threshold', :s, true)"),
                    {"s": str(search.WORD_SIMILARITY)},
                )
                want = reference_search(session, words, typed, page, per_page)
            total = min(want["total"], search.COUNT_CAP)
            mine = (
                [i["id"] for i in got["items"]],
                [i["score"] for i in got["items"]],
                got["total"],
                got["total_is_lower_bound"],
            )
            straightforward = (
                want["ids"],
                want["scores"],
                total,
                want["total"] > search.COUNT_CAP,
            )
            if len(want["ids"]) > 1:
                pages[want["order"]] += 1
            if mine != straightforward:
                differences.append((kind, query, page, per_page, mine, straightforward))
    assert not differences, differences[:3]
    # Both orders were compared on real pages (of several persons), not empty ones.
    assert pages["one closeness"] >= 20 and pages["by closeness"] >= 20, pages
