"""Load the awards and partisan formations of the demo set (data/geo/), with the real
Heroes and partisans that public sources describe (heroes.csv, partisans.csv).

Every real fact carries its source; a row without one is refused. Fictional formations
and award-holders are flagged, and no fictional person may hold the Hero title.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from mapapp import demo
from mapapp.importers.awards import is_hero_title, unit_key
from mapapp.importers.search_index import person_keys, refresh_vocabulary
from mapapp.models import (
    Award,
    PartisanMembership,
    PartisanUnit,
    PartisanUnitArea,
    Person,
    Settlement,
)
from mapapp.text.dates import parse_partial_date
from mapapp.text.normalize import area_key

REAL_PERSON_FILES = ("heroes.csv", "partisans.csv")
REAL_PERSON_FIELDS = (
    "ref surname given_name patronymic birthplace home_country home_region nationality rank "
    "biography"
).split()


def load_honours(session: Session, data_dir: Path, report: demo.LoadReport) -> None:
    _load_real_persons(session, data_dir, report)
    _load_units(session, demo._read_csv(data_dir / "partisan_units.csv"), report)
    _load_areas(session, demo._read_csv(data_dir / "partisan_areas.csv"), report)
    _load_members(session, demo._read_csv(data_dir / "partisan_members.csv"), report)
    _load_awards(session, demo._read_csv(data_dir / "awards.csv"), report)


def _source_id(session: Session, citation: str | None, url: str | None, where: str) -> int:
    if not citation or not url:
        raise demo.DemoDataError(f"{where}: a real fact needs its source (citation and url)")
    digest = hashlib.sha1(f"{citation}|{url}".encode(), usedforsecurity=False).hexdigest()
    conn = session.connection()
    conn.execute(
        text(
            "INSERT INTO sources (ref, citation, url) VALUES (:ref, :c, :u) "
            "ON CONFLICT (ref) DO NOTHING"
        ),
        {"ref": "src:" + digest[:20], "c": citation, "u": url},
    )
    return conn.execute(
        text("SELECT id FROM sources WHERE ref = :ref"), {"ref": "src:" + digest[:20]}
    ).scalar_one()


def _load_real_persons(session: Session, data_dir: Path, report: demo.LoadReport) -> None:
    rows, cited = [], {}
    for name in REAL_PERSON_FILES:
        for line, p in enumerate(demo._read_csv(data_dir / name), start=2):
            where = f"{name} line {line}"
            if demo._flag(p["is_fictional"], where):
                raise demo.DemoDataError(f"{where}: this file holds real persons only")
            sources = json.loads(p["sources"] or "[]")
            if not sources or not all(s.get("url") and s.get("states") for s in sources):
                raise demo.DemoDataError(f"{where}: every real fact needs a source that states it")
            by, bm, bd = parse_partial_date(p["birth_date"])
            row = {
                **{f: p.get(f) for f in REAL_PERSON_FIELDS},
                "birth_year": by,
                "birth_month": bm,
                "birth_day": bd,
                "is_hero": demo._flag(p["is_hero"], where),
                "is_partisan": demo._flag(p["is_partisan"], where),
                "is_fictional": False,
            }
            row.update(person_keys(row))
            rows.append(row)
            cited[p["ref"]] = sources
    report.record("persons (real)", demo._insert_new(session, Person, rows), len(rows))
    ids = demo._ids_by_ref(session, Person, cited)
    refresh_vocabulary(session.connection(), ids.values())
    for ref, sources in cited.items():
        # Each source is cited with what it states, so the page shows which fact is whose.
        demo._link_sources(
            session,
            "person_sources",
            ids[ref],
            [{"citation": f"{s['citation']} — {s['states']}", "url": s["url"]} for s in sources],
        )


def _load_units(session: Session, units: list[dict], report: demo.LoadReport) -> None:
    added = 0
    for kind in ("brigade", "detachment"):  # brigades first: detachments point at them
        brigade_ids = demo._ids_by_ref(session, PartisanUnit, {u["ref"] for u in units})
        rows = []
        for u in (u for u in units if u["kind"] == kind):
            where = f"partisan_units.csv {u['ref']}"
            fictional = demo._flag(u["is_fictional"], where)
            if kind == "detachment" and u["brigade_ref"] not in brigade_ids:
                raise demo.DemoDataError(f"{where}: unknown brigade {u['brigade_ref']!r}")
            rows.append(
                {
                    "ref": u["ref"],
                    "kind": kind,
                    "name": u["name"],
                    "name_key": unit_key(u["name"]),
                    "brigade_id": brigade_ids.get(u["brigade_ref"]),
                    "area": u["area"],
                    "note": u["note"],
                    "is_fictional": fictional,
                    "source_id": None
                    if fictional
                    else _source_id(session, u["source_citation"], u["source_url"], where),
                }
            )
        added += demo._insert_new(session, PartisanUnit, rows)
    report.record("partisan_units", added, len(units))


def _load_areas(session: Session, areas: list[dict], report: demo.LoadReport) -> None:
    unit_ids = demo._ids_by_ref(session, PartisanUnit, {a["unit_ref"] for a in areas})
    points = dict(
        session.execute(
            select(Settlement.ref, Settlement.geom).where(
                Settlement.ref.in_([a["settlement_ref"] for a in areas if a["settlement_ref"]])
            )
        ).all()
    )
    rows = []
    for a in areas:
        where = f"partisan_areas.csv {a['unit_ref']} {a['district']}"
        if a["unit_ref"] not in unit_ids:
            raise demo.DemoDataError(f"{where}: unknown formation")
        if a["settlement_ref"] and points.get(a["settlement_ref"]) is None:
            raise demo.DemoDataError(f"{where}: {a['settlement_ref']} has no point")
        rows.append(
            {
                "unit_id": unit_ids[a["unit_ref"]],
                "oblast": a["oblast"],
                "district": a["district"],
                "district_key": area_key(a["district"]),
                "geom": points.get(a["settlement_ref"]),
                "location_note": a["location_note"],
            }
        )
    result = session.execute(
        insert(PartisanUnitArea)
        .values(rows)
        .on_conflict_do_nothing(constraint="partisan_unit_areas_unique")
        .returning(PartisanUnitArea.id)
    )
    report.record("partisan_unit_areas", len(result.all()), len(rows))


def _load_members(session: Session, members: list[dict], report: demo.LoadReport) -> None:
    persons = demo._ids_by_ref(session, Person, {m["person_ref"] for m in members})
    units = demo._ids_by_ref(session, PartisanUnit, {m["unit_ref"] for m in members})
    rows = []
    for m in members:
        if m["person_ref"] not in persons or m["unit_ref"] not in units:
            raise demo.DemoDataError(f"partisan_members.csv: unknown {m}")
        rows.append({"person_id": persons[m["person_ref"]], "unit_id": units[m["unit_ref"]]})
    result = session.execute(
        insert(PartisanMembership)
        .values(rows)
        .on_conflict_do_nothing()
        .returning(PartisanMembership.person_id)
    )
    report.record("partisan_memberships", len(result.all()), len(rows))


def _load_awards(session: Session, awards: list[dict], report: demo.LoadReport) -> None:
    people = dict(
        session.execute(
            select(Person.ref, Person.id).where(Person.ref.in_([a["person_ref"] for a in awards]))
        ).all()
    )
    fictional = set(
        session.execute(
            select(Person.ref).where(Person.ref.in_(list(people)), Person.is_fictional)
        ).scalars()
    )
    rows = []
    for line, a in enumerate(awards, start=2):
        where = f"awards.csv line {line}"
        if a["person_ref"] not in people:
            raise demo.DemoDataError(f"{where}: unknown person {a['person_ref']!r}")
        hero = is_hero_title(a["title"])
        if hero and a["person_ref"] in fictional:
            raise demo.DemoDataError(f"{where}: no fictional person is a Hero")
        try:
            year, month, day = parse_partial_date(a["date"])
        except ValueError as exc:
            raise demo.DemoDataError(f"{where}: {exc}") from exc
        real = a["person_ref"] not in fictional
        rows.append(
            {
                "person_id": people[a["person_ref"]],
                "position": int(a["position"]),
                "title": a["title"],
                "is_hero_title": hero,
                "date_year": year,
                "date_month": month,
                "date_day": day,
                "feat": a["feat"],
                "source_id": _source_id(session, a["source_citation"], a["source_url"], where)
                if real
                else None,
            }
        )
    result = session.execute(
        insert(Award)
        .values(rows)
        .on_conflict_do_nothing(constraint="awards_person_position")
        .returning(Award.id)
    )
    report.record("awards", len(result.all()), len(rows))
