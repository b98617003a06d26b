"""Load the demo data set from data/geo/ into the database.

Loading is one transaction and idempotent: every record has a stable ``ref``,
rows already present are left untouched (never overwritten), so running it
again changes nothing and loses nothing.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from sqlalchemy import Engine, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from mapapp.db import session_scope
from mapapp.importers.search_index import person_keys, refresh_vocabulary, reindex_places
from mapapp.importers.sources import link_source
from mapapp.models import (
    LOCATION_PRECISIONS,
    SITE_KINDS,
    BattleLocation,
    Burial,
    BurialSite,
    Person,
    Settlement,
    Unit,
)
from mapapp.text.coords import check_lat_lon
from mapapp.text.dates import parse_partial_date

DEMO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"


class DemoDataError(ValueError):
    """The demo files are not as expected; the message names the file and record."""


@dataclass
class LoadReport:
    added: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)

    def record(self, table: str, added: int, total: int) -> None:
        self.added[table] = added
        self.present[table] = total - added

    def lines(self) -> list[str]:
        return [
            f"{table}: {self.added[table]} added, {self.present[table]} already present"
            for table in self.added
        ]


def load_demo(engine: Engine, data_dir: Path = DEMO_DIR) -> LoadReport:
    sites = _read_points(data_dir / "sites.geojson")
    battles = _read_points(data_dir / "battles.geojson")
    units = _read_csv(data_dir / "units.csv")
    persons = _read_csv(data_dir / "persons.csv")
    settlements = _read_csv(data_dir / "settlements.csv")
    _validate_sites(sites)
    report = LoadReport()
    with session_scope(engine) as session:
        # Who the audit log (migration 0007) puts these rows down to.
        session.execute(text("SELECT set_config('mapapp.actor', 'mapapp demo', true)"))
        _load_sites(session, sites, report)
        _load_battles(session, battles, report)
        _load_units(session, units, report)
        _load_persons(session, persons, report)
        _load_settlements(session, settlements, report)
        from mapapp.demo.honours import load_honours  # it builds on this module

        load_honours(session, data_dir, report)
        # Name variants of every place (idempotent: existing variants are kept).
        reindex_places(session.connection())
    return report


def _read_points(path: Path) -> list[dict]:
    if not path.exists():
        raise DemoDataError(f"{path}: file not found")
    frame = gpd.read_file(path)
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        raise DemoDataError(f"{path}: expected WGS 84 (EPSG:4326), found {frame.crs}")
    records = []
    for index, row in frame.iterrows():
        geom = row.geometry
        where = f"{path.name} feature {index + 1}"
        if geom is None or geom.geom_type != "Point":
            raise DemoDataError(f"{where}: geometry must be a Point")
        try:
            check_lat_lon(geom.y, geom.x)
        except ValueError as exc:
            raise DemoDataError(f"{where}: {exc}") from exc
        record = {k: _clean(v) for k, v in row.items() if k != "geometry"}
        record["lon"], record["lat"] = geom.x, geom.y
        sources = record.get("sources")
        record["sources"] = json.loads(sources) if isinstance(sources, str) else sources or []
        records.append(record)
    return records


def _read_csv(path: Path) -> list[dict]:
    if not path.exists():
        raise DemoDataError(f"{path}: file not found")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return [
        {k: (v if v != "" else None) for k, v in row.items()} for row in frame.to_dict("records")
    ]


def _clean(value):
    """Turn pandas' missing markers into None; keep everything else as it is."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _validate_sites(sites: list[dict]) -> None:
    for n, site in enumerate(sites, start=1):
        if site.get("kind") not in SITE_KINDS:
            raise DemoDataError(f"sites.geojson feature {n}: unknown kind {site.get('kind')!r}")
        if site.get("location_precision") not in LOCATION_PRECISIONS:
            raise DemoDataError(
                f"sites.geojson feature {n}: unknown location_precision "
                f"{site.get('location_precision')!r}"
            )


def _point(lon: float, lat: float):
    return func.ST_SetSRID(func.ST_MakePoint(lon, lat), 4326)


def _insert_new(session: Session, model, rows: list[dict]) -> int:
    """Insert rows whose ref is not yet stored; return how many were added."""
    if not rows:
        return 0
    result = session.execute(
        insert(model)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["ref"])
        .returning(model.id)
    )
    return len(result.all())


def _ids_by_ref(session: Session, model, refs) -> dict[str, int]:
    rows = session.execute(select(model.ref, model.id).where(model.ref.in_(list(refs))))
    return dict(rows.all())


def _link_sources(session: Session, link_table: str, owner_id: int, sources: list[dict]):
    for source in sources:
        digest = hashlib.sha1(source["citation"].encode(), usedforsecurity=False).hexdigest()
        link_source(
            session.connection(), link_table, owner_id, {**source, "ref": "src:" + digest[:20]}
        )


SITE_FIELDS = (
    "ref kind name name_en register_number oblast district settlement buried_total "
    "buried_known buried_unknown buried_as_written year location_precision location_note "
    "source_note"
).split()


def _load_sites(session: Session, sites: list[dict], report: LoadReport) -> None:
    rows = [
        {**{f: s.get(f) for f in SITE_FIELDS}, "geom": _point(s["lon"], s["lat"])} for s in sites
    ]
    report.record("burial_sites", _insert_new(session, BurialSite, rows), len(rows))
    ids = _ids_by_ref(session, BurialSite, (s["ref"] for s in sites))
    for site in sites:
        _link_sources(session, "site_sources", ids[site["ref"]], site["sources"])


BATTLE_FIELDS = "ref name name_en period year_from year_to location_precision location_note".split()


def _load_battles(session: Session, battles: list[dict], report: LoadReport) -> None:
    rows = [
        {**{f: b.get(f) for f in BATTLE_FIELDS}, "geom": _point(b["lon"], b["lat"])}
        for b in battles
    ]
    report.record("battle_locations", _insert_new(session, BattleLocation, rows), len(rows))
    ids = _ids_by_ref(session, BattleLocation, (b["ref"] for b in battles))
    for battle in battles:
        _link_sources(session, "battle_sources", ids[battle["ref"]], battle["sources"])


def _flag(value: str | None, where: str) -> bool:
    if value in ("true", "false"):
        return value == "true"
    raise DemoDataError(f"{where}: expected true or false, found {value!r}")


def _load_units(session: Session, units: list[dict], report: LoadReport) -> None:
    rows = [
        {
            "ref": u["ref"],
            "name": u["name"],
            "kind": u["kind"],
            "is_fictional": _flag(u["is_fictional"], f"units.csv {u['ref']}"),
        }
        for u in units
    ]
    report.record("units", _insert_new(session, Unit, rows), len(rows))


PERSON_FIELDS = (
    "ref surname given_name patronymic name_variants birthplace home_country home_region "
    "callup_place rank fate nationality"
).split()


def _load_persons(session: Session, persons: list[dict], report: LoadReport) -> None:
    unit_ids = _ids_by_ref(session, Unit, {p["unit_ref"] for p in persons if p["unit_ref"]})
    site_ids = _ids_by_ref(session, BurialSite, {p["site_ref"] for p in persons})
    rows = []
    for line, p in enumerate(persons, start=2):
        where = f"persons.csv line {line}"
        if p["site_ref"] not in site_ids:
            raise DemoDataError(f"{where}: unknown site {p['site_ref']!r}")
        try:
            by, bm, bd = parse_partial_date(p["birth_date"])
            dy, dm, dd = parse_partial_date(p["death_date"])
        except ValueError as exc:
            raise DemoDataError(f"{where}: {exc}") from exc
        rows.append(
            {
                **{f: p.get(f) for f in PERSON_FIELDS},
                "birth_year": by,
                "birth_month": bm,
                "birth_day": bd,
                "death_year": dy,
                "death_month": dm,
                "death_day": dd,
                "unit_id": unit_ids.get(p["unit_ref"]),
                "is_hero": _flag(p["is_hero"], where),
                "is_partisan": _flag(p["is_partisan"], where),
                "is_fictional": _flag(p["is_fictional"], where),
            }
        )
        rows[-1].update(person_keys(rows[-1]))
    report.record("persons", _insert_new(session, Person, rows), len(rows))
    person_ids = _ids_by_ref(session, Person, (p["ref"] for p in persons))
    refresh_vocabulary(session.connection(), person_ids.values())
    burial_rows = [
        {"person_id": person_ids[p["ref"]], "site_id": site_ids[p["site_ref"]]} for p in persons
    ]
    added = len(
        session.execute(
            insert(Burial)
            .values(burial_rows)
            .on_conflict_do_nothing(constraint="burials_person_site")
            .returning(Burial.id)
        ).all()
    )
    report.record("burials", added, len(burial_rows))


def _load_settlements(session: Session, settlements: list[dict], report: LoadReport) -> None:
    rows = []
    for s in settlements:
        has_point = bool(s["lat"] and s["lon"])
        if has_point:
            check_lat_lon(float(s["lat"]), float(s["lon"]))
        rows.append(
            {
                **{f: s[f] for f in ("ref", "name", "name_be", "name_en", "kind", "oblast")},
                "district": s["district"],
                "geom": _point(float(s["lon"]), float(s["lat"])) if has_point else None,
                "location_precision": s["location_precision"],
                "source": s["source"],
                "note": s["note"],
            }
        )
    report.record("settlements", _insert_new(session, Settlement, rows), len(rows))
