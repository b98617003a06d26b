"""The collections: which table, which properties (with their JSON types) and which of
them a filter may name. Import provenance is never exposed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, exists, func, select
from sqlalchemy.orm import Session

from mapapp.models import BattleLocation, BurialSite, SiteCount, SitePlacement

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"


@dataclass(frozen=True)
class Property:
    name: str
    type: str  # JSON Schema type: string, integer, boolean
    title: str
    queryable: bool = True
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Collection:
    id: str
    title: str
    description: str
    table: Table
    properties: tuple[Property, ...]

    def get(self, name: str) -> Property | None:
        return next((p for p in self.properties if p.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties)

    @property
    def queryables(self) -> tuple[Property, ...]:
        return tuple(p for p in self.properties if p.queryable)

    def expression(self, name: str) -> ColumnElement:
        """The SQL of one property (a column, or a count computed for the row)."""
        table = self.table
        # Both counts are kept per site by triggers (site_counts, migration 0004).
        counts = SiteCount.__table__
        if name == "persons_in_registry":
            return func.coalesce(
                select(counts.c.persons_in_registry)
                .where(counts.c.site_id == table.c.id)
                .scalar_subquery(),
                0,
            )
        if name == "withdrawn":
            return table.c.withdrawn_at.is_not(None)
        if name == "has_fictional_persons":
            return exists().where(counts.c.site_id == table.c.id, counts.c.fictional_persons > 0)
        if name == "gazetteer_place":
            placements = SitePlacement.__table__
            return (
                select(placements.c.gazetteer_place)
                .where(placements.c.site_id == table.c.id)
                .scalar_subquery()
            )
        return table.c[name]


def _text(name: str, title: str, **kw) -> Property:
    return Property(name, "string", title, **kw)


def _int(name: str, title: str, **kw) -> Property:
    return Property(name, "integer", title, **kw)


BURIAL_SITES = Collection(
    id="burial_sites",
    title="WWII burial sites in Belarus",
    description=(
        "Mass graves, individual graves, military cemeteries and memorials, with the counts "
        "of the buried as the sources give them. persons_in_registry counts the persons this "
        "register links to the site; has_fictional_persons marks sites whose linked persons "
        "include demonstration (invented) records. A withdrawn site is kept and marked: "
        "withdrawn is true and withdrawn_reason says why."
    ),
    table=BurialSite.__table__,
    properties=(
        _text("name", "Name as recorded by the source"),
        _text("name_ru", "Name in Russian"),
        _text("name_be", "Name in Belarusian"),
        _text("name_en", "Name in English"),
        _text(
            "kind",
            "Kind of site",
            enum=("mass_grave", "individual_grave", "military_cemetery", "memorial"),
        ),
        _text("register_number", "Number in the state register of burials"),
        _text("oblast", "Region (oblast)"),
        _text("district", "District"),
        _text("village_council", "Village council"),
        _text("settlement", "Settlement"),
        _int("buried_total", "Persons buried, in total"),
        _int("buried_known", "Persons buried, known by name"),
        _int("buried_unknown", "Persons buried, unknown"),
        _text("buried_as_written", "The count exactly as the source writes it"),
        _text("year", "Year of burial or of the memorial, as written"),
        _text("description", "Description"),
        _text("condition", "Condition"),
        _text("responsible_body", "Body responsible for the site"),
        _text(
            "location_precision",
            "How precisely the point is known",
            enum=("site", "settlement_centre", "district"),
        ),
        _text("location_note", "Note on the location"),
        _text(
            "gazetteer_place",
            "The record gave no coordinates: the point is this gazetteer place's centre "
            "(a settlement, or the district's town), its name as the gazetteer writes it",
        ),
        _text("source_note", "Note on the sources"),
        _int("persons_in_registry", "Persons linked to the site in this register", queryable=False),
        Property(
            "has_fictional_persons",
            "boolean",
            "Linked persons include demonstration (invented) records",
            queryable=False,
        ),
        Property(
            "withdrawn", "boolean", "The record was withdrawn (kept, marked)", queryable=False
        ),
        _text("withdrawn_reason", "Why the record was withdrawn", queryable=False),
    ),
)

BATTLE_LOCATIONS = Collection(
    id="battle_locations",
    title="WWII battle locations in Belarus",
    description="Places of battles and partisan operations, with their period as written.",
    table=BattleLocation.__table__,
    properties=(
        _text("name", "Name"),
        _text("name_en", "Name in English"),
        _text("operation", "Operation"),
        _text("period", "Period as written"),
        _int("year_from", "First year"),
        _int("year_to", "Last year"),
        _text("description", "Description"),
        _text("units", "Units that fought there"),
        _text(
            "location_precision",
            "How precisely the point is known",
            enum=("site", "settlement_centre", "district"),
        ),
        _text("location_note", "Note on the location"),
    ),
)

COLLECTIONS = {c.id: c for c in (BURIAL_SITES, BATTLE_LOCATIONS)}


def spatial_extent(session: Session, collection: Collection) -> list[float] | None:
    """[minlon, minlat, maxlon, maxlat] of every point in the collection, or None if empty."""
    geom = collection.table.c.geom
    row = session.execute(
        select(
            func.ST_XMin(func.ST_Extent(geom)),
            func.ST_YMin(func.ST_Extent(geom)),
            func.ST_XMax(func.ST_Extent(geom)),
            func.ST_YMax(func.ST_Extent(geom)),
        )
    ).one()
    return None if row[0] is None else [float(v) for v in row]
