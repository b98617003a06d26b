"""Typed SQLAlchemy models. The schema itself changes only through Alembic."""

from __future__ import annotations

from geoalchemy2 import Geometry
from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

SITE_KINDS = ("mass_grave", "individual_grave", "military_cemetery", "memorial")
LOCATION_PRECISIONS = ("site", "settlement_centre", "district")
FATES = (
    "killed", "died_of_wounds", "missing", "died_in_captivity", "died", "wounded", "captured",
    "executed",
)  # fmt: skip
UNIT_KINDS = ("army", "partisan")


def point() -> Geometry:
    """A WGS 84 point column type; its spatial indexes are declared as named ``Index``es
    (geometry and geography), as the migrations create them. A fresh type per column,
    since GeoAlchemy2 keeps a column's nullability on its type."""
    return Geometry("POINT", srid=4326, spatial_index=False)


def spatial_indexes(table: str) -> tuple[Index, Index]:
    """Geometry GiST for bbox filters; geography GiST so that KNN (<->) orders by metres."""
    return (
        Index(f"ix_{table}_geom", "geom", postgresql_using="gist"),
        Index(f"ix_{table}_geog", text("(geom::geography)"), postgresql_using="gist"),
    )


def prefix_index(table: str, column: str) -> Index:
    """A btree for prefix filters (``LIKE 'karagand%'``) on a search key."""
    return Index(f"ix_{table}_{column}", column, postgresql_ops={column: "text_pattern_ops"})


def trigram_index(name: str, column: str) -> Index:
    return Index(name, column, postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"})


class Base(DeclarativeBase):
    pass


class ImportProvenance:
    """Which import batch and file row a record came from, and the row as read."""

    import_row: Mapped[int | None] = mapped_column(Integer)
    # The row as read, column by column, so nothing of the source is lost.
    import_source: Mapped[dict | None] = mapped_column(JSONB)

    @declared_attr
    def import_batch_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("import_batches.id", ondelete="RESTRICT"), index=False)


class Withdrawable:
    """A record withdrawn by an approved contribution: marked, never deleted (0009)."""

    withdrawn_at = mapped_column(DateTime(timezone=True))
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)

    @declared_attr
    def withdrawn_by(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("contributions.id", ondelete="RESTRICT"))


WITHDRAWN_WITH_REASON = "(withdrawn_at IS NULL) = (withdrawn_reason IS NULL)"


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


def _sources_table(record: str, table: str) -> Table:
    """The sources a record of ``table`` cites: a link goes with its record, and a source
    still cited is never deleted."""
    return Table(
        f"{record}_sources",
        Base.metadata,
        Column(f"{record}_id", ForeignKey(f"{table}.id", ondelete="CASCADE"), primary_key=True),
        Column("source_id", ForeignKey("sources.id", ondelete="RESTRICT"), primary_key=True),
        # Which records cite a source: checked for each source an undo removes.
        Index(f"ix_{record}_sources_source", "source_id"),
    )


site_sources = _sources_table("site", "burial_sites")
battle_sources = _sources_table("battle", "battle_locations")
person_sources = _sources_table("person", "persons")


class Source(Base):
    """Where a fact comes from: a publication, an archive file, or an imported file row."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(200), unique=True)
    citation: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    archive: Mapped[str | None] = mapped_column(Text)
    fond: Mapped[str | None] = mapped_column(String(50))
    opis: Mapped[str | None] = mapped_column(String(50))
    delo: Mapped[str | None] = mapped_column(String(50))
    record_id: Mapped[str | None] = mapped_column(String(100))
    imported_file: Mapped[str | None] = mapped_column(Text)
    imported_row: Mapped[int | None] = mapped_column(Integer)


class BurialSite(ImportProvenance, Withdrawable, Base):
    __tablename__ = "burial_sites"
    __table_args__ = (
        *spatial_indexes("burial_sites"),
        Index("ix_burial_sites_kind", "kind"),
        Index("ix_burial_sites_import_batch", "import_batch_id"),
        Index("ix_burial_sites_register_number", "register_number"),
        prefix_index("burial_sites", "district_key"),
        CheckConstraint(_in("kind", SITE_KINDS), name="kind_known"),
        CheckConstraint(_in("location_precision", LOCATION_PRECISIONS), name="precision_known"),
        CheckConstraint("buried_total IS NULL OR buried_total >= 0", name="total_not_negative"),
        CheckConstraint("buried_known IS NULL OR buried_known >= 0", name="known_not_negative"),
        CheckConstraint(
            "buried_unknown IS NULL OR buried_unknown >= 0", name="unknown_not_negative"
        ),
        CheckConstraint(WITHDRAWN_WITH_REASON, name="withdrawn_with_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(Text)  # as recorded by the source
    name_ru: Mapped[str | None] = mapped_column(Text)
    name_be: Mapped[str | None] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    register_number: Mapped[str | None] = mapped_column(String(50))
    oblast: Mapped[str | None] = mapped_column(String(50))
    district: Mapped[str | None] = mapped_column(Text)
    district_key: Mapped[str | None] = mapped_column(Text)  # search_key(district)
    village_council: Mapped[str | None] = mapped_column(Text)
    settlement: Mapped[str | None] = mapped_column(Text)
    buried_total: Mapped[int | None] = mapped_column(Integer)
    buried_known: Mapped[int | None] = mapped_column(Integer)
    buried_unknown: Mapped[int | None] = mapped_column(Integer)
    # The count exactly as the source writes it ("10 тыс.", "1038 277"), kept
    # beside the integer so that nothing approximate is passed off as exact.
    buried_as_written: Mapped[str | None] = mapped_column(Text)
    year: Mapped[str | None] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(Text)
    condition: Mapped[str | None] = mapped_column(Text)
    responsible_body: Mapped[str | None] = mapped_column(Text)
    geom = mapped_column(point(), nullable=False)
    location_precision: Mapped[str] = mapped_column(String(30))
    location_note: Mapped[str | None] = mapped_column(Text)
    source_note: Mapped[str | None] = mapped_column(Text)

    burials: Mapped[list[Burial]] = relationship(back_populates="site")
    sources: Mapped[list[Source]] = relationship(secondary=site_sources)


class BattleLocation(ImportProvenance, Base):
    __tablename__ = "battle_locations"
    __table_args__ = (
        *spatial_indexes("battle_locations"),
        Index("ix_battle_locations_import_batch", "import_batch_id"),
        CheckConstraint(_in("location_precision", LOCATION_PRECISIONS), name="precision_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    operation: Mapped[str | None] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(Text)  # as written: "12-13 October 1943"
    year_from: Mapped[int | None] = mapped_column(SmallInteger)
    year_to: Mapped[int | None] = mapped_column(SmallInteger)
    description: Mapped[str | None] = mapped_column(Text)
    units: Mapped[str | None] = mapped_column(Text)
    geom = mapped_column(point(), nullable=False)
    location_precision: Mapped[str] = mapped_column(String(30))
    location_note: Mapped[str | None] = mapped_column(Text)

    sources: Mapped[list[Source]] = relationship(secondary=battle_sources)


class Unit(Base):
    """An army unit or a partisan brigade/detachment."""

    __tablename__ = "units"
    __table_args__ = (CheckConstraint(_in("kind", UNIT_KINDS), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    is_fictional: Mapped[bool] = mapped_column(Boolean, default=False)


def _partial_date_checks(prefix: str) -> tuple[CheckConstraint, ...]:
    """A partial date: year alone, month and year, or a full date; never a day without month."""
    y, m, d = f"{prefix}_year", f"{prefix}_month", f"{prefix}_day"
    return (
        CheckConstraint(f"{y} IS NULL OR {y} BETWEEN 1850 AND 2000", name=f"{prefix}_year_range"),
        CheckConstraint(f"{m} IS NULL OR {m} BETWEEN 1 AND 12", name=f"{prefix}_month_range"),
        CheckConstraint(f"{d} IS NULL OR {d} BETWEEN 1 AND 31", name=f"{prefix}_day_range"),
        CheckConstraint(f"{d} IS NULL OR {m} IS NOT NULL", name=f"{prefix}_day_needs_month"),
    )


# The order of persons by name, NULL given names and patronymics last, as an index can
# serve it (keyset pages of a site's persons walk this index).
PERSON_NAME_ORDER = (
    "surname",
    text("(given_name IS NULL)"),
    text("COALESCE(given_name, '')"),
    text("(patronymic IS NULL)"),
    text("COALESCE(patronymic, '')"),
    "id",
)


class Person(ImportProvenance, Withdrawable, Base):
    __tablename__ = "persons"
    __table_args__ = (
        Index("ix_persons_name_words", "name_words", postgresql_using="gin"),
        *(
            prefix_index("persons", column)
            for column in ("home_country_key", "home_region_key", "home_district_key", "callup_key")
        ),
        Index("ix_persons_death_year", "death_year"),
        Index("ix_persons_import_batch", "import_batch_id"),
        # Filter-only searches list persons by name and stop after the page.
        Index("ix_persons_name_order", "surname", "given_name", "id"),
        Index("ix_persons_rank_lower", text("lower(rank)")),
        Index("ix_persons_unit", "unit_id"),
        # The few heroes and partisans, by name, for filters that ask for them.
        Index(
            "ix_persons_heroes",
            "surname",
            "given_name",
            "id",
            postgresql_where=text("is_hero"),
        ),
        Index(
            "ix_persons_partisans",
            "surname",
            "given_name",
            "id",
            postgresql_where=text("is_partisan"),
        ),
        Index("ix_persons_keyset_name", *PERSON_NAME_ORDER),
        Index("ix_persons_withdrawn", "id", postgresql_where=text("withdrawn_at IS NOT NULL")),
        CheckConstraint(WITHDRAWN_WITH_REASON, name="withdrawn_with_reason"),
        CheckConstraint(_in("fate", FATES) + " OR fate IS NULL", name="fate_known"),
        *_partial_date_checks("birth"),
        *_partial_date_checks("death"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(200), unique=True)
    surname: Mapped[str] = mapped_column(Text)  # as recorded, Cyrillic
    given_name: Mapped[str | None] = mapped_column(Text)
    patronymic: Mapped[str | None] = mapped_column(Text)
    name_variants: Mapped[str | None] = mapped_column(Text)  # other spellings, "; "-separated
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    birth_month: Mapped[int | None] = mapped_column(SmallInteger)
    birth_day: Mapped[int | None] = mapped_column(SmallInteger)
    birthplace: Mapped[str | None] = mapped_column(Text)
    home_country: Mapped[str | None] = mapped_column(Text)
    home_region: Mapped[str | None] = mapped_column(Text)
    home_district: Mapped[str | None] = mapped_column(Text)
    birthplace_geom = mapped_column(point(), nullable=True)
    callup_place: Mapped[str | None] = mapped_column(Text)
    rank: Mapped[str | None] = mapped_column(Text)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    death_year: Mapped[int | None] = mapped_column(SmallInteger)
    death_month: Mapped[int | None] = mapped_column(SmallInteger)
    death_day: Mapped[int | None] = mapped_column(SmallInteger)
    fate: Mapped[str | None] = mapped_column(String(30))
    nationality: Mapped[str | None] = mapped_column(Text)
    is_hero: Mapped[bool] = mapped_column(Boolean, default=False)
    is_partisan: Mapped[bool] = mapped_column(Boolean, default=False)
    biography: Mapped[str | None] = mapped_column(Text)
    # Demonstration persons are invented; every page that shows one says so.
    is_fictional: Mapped[bool] = mapped_column(Boolean, default=False)
    # Search keys (mapapp.text.normalize), filled by mapapp.importers.search_index.
    search_key: Mapped[str | None] = mapped_column(Text)
    name_words: Mapped[list[str] | None] = mapped_column(ARRAY(Text))
    surname_key: Mapped[str | None] = mapped_column(Text)
    home_country_key: Mapped[str | None] = mapped_column(Text)
    home_region_key: Mapped[str | None] = mapped_column(Text)
    home_district_key: Mapped[str | None] = mapped_column(Text)
    callup_key: Mapped[str | None] = mapped_column(Text)
    # The source's own id of this record, and whose id it is (an archive, a file).
    record_source: Mapped[str | None] = mapped_column(Text)
    record_id: Mapped[str | None] = mapped_column(String(100))

    unit: Mapped[Unit | None] = relationship()
    burials: Mapped[list[Burial]] = relationship(back_populates="person")
    sources: Mapped[list[Source]] = relationship(secondary=person_sources)


class Burial(Base):
    """A person at a site, with the history of how they came to lie there."""

    __tablename__ = "burials"
    __table_args__ = (
        UniqueConstraint("person_id", "site_id", name="burials_person_site"),
        Index("ix_burials_site", "site_id"),
        Index("ix_burials_import_batch", "import_batch_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    site_id: Mapped[int] = mapped_column(ForeignKey("burial_sites.id", ondelete="RESTRICT"))
    original_burial_place: Mapped[str | None] = mapped_column(Text)
    # Where reburied from, when the file says so beside another first burial place.
    reburied_from: Mapped[str | None] = mapped_column(Text)
    reburial_date: Mapped[str | None] = mapped_column(String(30))  # partial date as written
    plot: Mapped[str | None] = mapped_column(String(30))
    row: Mapped[str | None] = mapped_column(String(30))
    grave: Mapped[str | None] = mapped_column(String(30))
    on_plaque: Mapped[bool | None] = mapped_column(Boolean)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="RESTRICT")
    )

    person: Mapped[Person] = relationship(back_populates="burials")
    site: Mapped[BurialSite] = relationship(back_populates="burials")


class PossibleDuplicate(Base):
    """Two person records that share a name, dates and grave: shown for review, never
    merged. The pair is stored once, the lower id first."""

    __tablename__ = "possible_duplicates"
    __table_args__ = (
        CheckConstraint("person_id < other_person_id", name="pair_ordered"),
        Index("ix_possible_duplicates_other", "other_person_id"),
    )

    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
    )
    other_person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
    )
    reason: Mapped[str] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE")
    )
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


class PossibleDuplicateSite(Base):
    """Two burial sites that may be one place (near each other, or of one name nearby):
    shown for review, never merged (importers.site_duplicates). Stored once, lower id
    first."""

    __tablename__ = "possible_duplicate_sites"
    __table_args__ = (
        CheckConstraint("site_id < other_site_id", name="site_pair_ordered"),
        Index("ix_possible_duplicate_sites_other", "other_site_id"),
        Index("ix_possible_duplicate_sites_batch", "import_batch_id"),
    )

    site_id: Mapped[int] = mapped_column(
        ForeignKey("burial_sites.id", ondelete="CASCADE"), primary_key=True
    )
    other_site_id: Mapped[int] = mapped_column(
        ForeignKey("burial_sites.id", ondelete="CASCADE"), primary_key=True
    )
    metres: Mapped[int] = mapped_column(Integer)
    same_name: Mapped[bool] = mapped_column(Boolean)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE")
    )
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


class Settlement(Base):
    """A town or village the registry names; its point may be unknown."""

    __tablename__ = "settlements"
    __table_args__ = (Index("ix_settlements_geom", "geom", postgresql_using="gist"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(Text)
    name_be: Mapped[str | None] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(20))
    oblast: Mapped[str | None] = mapped_column(String(50))
    district: Mapped[str | None] = mapped_column(Text)
    geom = mapped_column(point(), nullable=True)
    location_precision: Mapped[str | None] = mapped_column(String(30))
    source: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class PlaceName(Base):
    """One spelling of a place's name (any language), with its search key."""

    __tablename__ = "place_names"
    __table_args__ = (
        UniqueConstraint("place_type", "place_id", "name", name="place_names_unique"),
        CheckConstraint("place_type IN ('site', 'battle', 'settlement')", name="place_type_known"),
        trigram_index("ix_place_names_key", "key"),
        Index("ix_place_names_place", "place_type", "place_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    place_type: Mapped[str] = mapped_column(String(20))  # site | battle | settlement
    place_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(Text)


class NameWord(Base):
    """One key word that occurs in some person's names (the fuzzy-search vocabulary)."""

    __tablename__ = "name_vocabulary"
    __table_args__ = (trigram_index("ix_name_vocabulary_word", "word"),)

    word: Mapped[str] = mapped_column(Text, primary_key=True)


class ImportBatch(Base):
    """One run of ``mapapp import``: what was read, added, rejected; undoable."""

    __tablename__ = "import_batches"
    __table_args__ = (
        CheckConstraint("kind IN ('sites', 'battles', 'persons')", name="kind_known"),
        # partly_undone: its undo kept the records that held someone's work (0019).
        CheckConstraint("status IN ('committed', 'undone', 'partly_undone')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str] = mapped_column(String(64))
    options: Mapped[dict] = mapped_column(JSONB, default=dict)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_added: Mapped[int] = mapped_column(Integer, default=0)
    rows_present: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="committed")
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    undone_at = mapped_column(DateTime(timezone=True))


PARTISAN_UNIT_KINDS = ("brigade", "detachment")
# Heroes are a few hundred among millions of persons (migration 0008).
Index("ix_persons_hero", Person.id, postgresql_where=Person.is_hero)


class PartisanUnit(Base):
    """A partisan brigade, or a detachment of one (``brigade_id``)."""

    __tablename__ = "partisan_units"
    __table_args__ = (
        Index("ix_partisan_units_brigade", "brigade_id"),
        Index("ix_partisan_units_import_batch", "import_batch_id"),
        Index("ix_partisan_units_source", "source_id"),
        CheckConstraint(_in("kind", PARTISAN_UNIT_KINDS), name="kind_known"),
        CheckConstraint(
            "kind = 'detachment' OR brigade_id IS NULL", name="only_detachments_have_a_brigade"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)  # as recorded
    name_key: Mapped[str] = mapped_column(Text)  # awards.unit_key(name), how imports find it
    brigade_id: Mapped[int | None] = mapped_column(
        ForeignKey("partisan_units.id", ondelete="RESTRICT")
    )
    area: Mapped[str | None] = mapped_column(Text)  # area of operation as the source says
    note: Mapped[str | None] = mapped_column(Text)
    is_fictional: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"))
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="RESTRICT")
    )


class PartisanUnitArea(Base):
    """One district where a formation fought; its point only where a source gives one."""

    __tablename__ = "partisan_unit_areas"
    __table_args__ = (
        UniqueConstraint("unit_id", "district_key", name="partisan_unit_areas_unique"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("partisan_units.id", ondelete="CASCADE"))
    oblast: Mapped[str | None] = mapped_column(String(50))
    district: Mapped[str] = mapped_column(Text)
    district_key: Mapped[str] = mapped_column(Text)
    geom = mapped_column(point(), nullable=True)
    location_note: Mapped[str | None] = mapped_column(Text)


class PartisanMembership(Base):
    """A person in a detachment (or in a brigade, when the detachment is not known)."""

    __tablename__ = "partisan_memberships"
    __table_args__ = (Index("ix_partisan_memberships_unit", "unit_id"),)

    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("partisan_units.id", ondelete="RESTRICT"), primary_key=True
    )
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="RESTRICT")
    )


class Award(Base):
    """One award of a person, in the order the source lists them; the Hero title carries
    its decree date and the feat it was given for."""

    __tablename__ = "awards"
    __table_args__ = (
        UniqueConstraint("person_id", "position", name="awards_person_position"),
        Index("ix_awards_hero", "person_id", postgresql_where=text("is_hero_title")),
        Index("ix_awards_source", "source_id"),
        CheckConstraint(
            "date_year IS NULL OR date_year BETWEEN 1934 AND 2000", name="date_year_range"
        ),
        CheckConstraint(
            "date_month IS NULL OR date_month BETWEEN 1 AND 12", name="date_month_range"
        ),
        CheckConstraint("date_day IS NULL OR date_day BETWEEN 1 AND 31", name="date_day_range"),
        CheckConstraint("date_day IS NULL OR date_month IS NOT NULL", name="date_day_needs_month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(SmallInteger)
    title: Mapped[str] = mapped_column(Text)
    is_hero_title: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    date_year: Mapped[int | None] = mapped_column(SmallInteger)
    date_month: Mapped[int | None] = mapped_column(SmallInteger)
    date_day: Mapped[int | None] = mapped_column(SmallInteger)
    feat: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"))
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="RESTRICT")
    )


class SitePlacement(Base):
    """A site whose row gave no coordinates, put by the import at the centre of a gazetteer
    place: a settlement, or its district's town (location_precision says which). The
    place's name is as the gazetteer writes it; the pages explain it in their language."""

    __tablename__ = "site_placements"

    site_id: Mapped[int] = mapped_column(
        ForeignKey("burial_sites.id", ondelete="CASCADE"), primary_key=True
    )
    gazetteer_place: Mapped[str] = mapped_column(Text)


class SiteCount(Base):
    """Persons of this registry buried at a site, kept exact by triggers (migration 0004)."""

    __tablename__ = "site_counts"

    site_id: Mapped[int] = mapped_column(
        ForeignKey("burial_sites.id", ondelete="CASCADE"), primary_key=True
    )
    persons_in_registry: Mapped[int] = mapped_column(Integer, server_default="0")
    fictional_persons: Mapped[int] = mapped_column(Integer, server_default="0")


class SiteHomeCount(Base):
    """Persons buried at a site by home country and region, kept exact by triggers."""

    __tablename__ = "site_home_counts"
    __table_args__ = (
        UniqueConstraint(
            "site_id",
            "home_country",
            "home_region",
            name="site_home_counts_key",
            postgresql_nulls_not_distinct=True,
        ),
    )
    __mapper_args__ = {"primary_key": ["site_id", "home_country", "home_region"]}

    site_id = Column(ForeignKey("burial_sites.id", ondelete="CASCADE"), nullable=False)
    home_country = Column(Text)
    home_region = Column(Text)
    persons = Column(Integer, nullable=False)


class SiteMapFeature(Base):
    """Each site's finished GeoJSON Feature for the map API, kept by triggers (migration
    0011) from the site and its kept counts; point and kind repeated for the filters."""

    __tablename__ = "site_map_features"
    __table_args__ = (Index("ix_site_map_features_geom", "geom", postgresql_using="gist"),)

    site_id: Mapped[int] = mapped_column(
        ForeignKey("burial_sites.id", ondelete="CASCADE"), primary_key=True
    )
    geom = mapped_column(point(), nullable=False)
    kind: Mapped[str] = mapped_column(String(30))
    feature: Mapped[str] = mapped_column(Text)


class SiteNameOrder(Base):
    """Each burial's place in its site's list of persons in name order, kept by triggers
    (migration 0012): pages by number walk ``ix_site_name_order_walk`` only."""

    __tablename__ = "site_name_order"
    __table_args__ = (
        Index("ix_site_name_order_person", "person_id"),
        Index(
            "ix_site_name_order_walk",
            "site_id",
            "withdrawn",
            "surname",
            "given_missing",
            "given_name",
            "patronymic_missing",
            "patronymic",
            "person_id",
            "burial_id",
        ),
    )

    burial_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    site_id: Mapped[int] = mapped_column(Integer)
    withdrawn: Mapped[bool] = mapped_column(Boolean)
    person_id: Mapped[int] = mapped_column(Integer)
    surname: Mapped[str] = mapped_column(Text)
    given_missing: Mapped[bool] = mapped_column(Boolean)
    given_name: Mapped[str] = mapped_column(Text)
    patronymic_missing: Mapped[bool] = mapped_column(Boolean)
    patronymic: Mapped[str] = mapped_column(Text)


class HomeCount(Base):
    """Persons of the registry per recorded home, kept exact by triggers (migration 0013)."""

    __tablename__ = "home_counts"
    __table_args__ = (
        UniqueConstraint(
            "home_country",
            "home_region",
            "home_country_key",
            "home_region_key",
            name="home_counts_key",
            postgresql_nulls_not_distinct=True,
        ),
    )
    __mapper_args__ = {
        "primary_key": ["home_country", "home_region", "home_country_key", "home_region_key"]
    }

    home_country = Column(Text, nullable=False)
    home_region = Column(Text)
    home_country_key = Column(Text)
    home_region_key = Column(Text)
    persons = Column(Integer, nullable=False)


class SiteHomeKeyCount(Base):
    """Persons buried at a site per home search keys, and how many are demonstration
    records, kept exact by triggers (migration 0013)."""

    __tablename__ = "site_home_key_counts"
    __table_args__ = (
        UniqueConstraint(
            "site_id",
            "home_country_key",
            "home_region_key",
            name="site_home_key_counts_key",
            postgresql_nulls_not_distinct=True,
        ),
        Index(
            "ix_site_home_key_counts_country",
            "home_country_key",
            "home_region_key",
            postgresql_ops={
                "home_country_key": "text_pattern_ops",
                "home_region_key": "text_pattern_ops",
            },
        ),
    )
    __mapper_args__ = {"primary_key": ["site_id", "home_country_key", "home_region_key"]}

    site_id = Column(ForeignKey("burial_sites.id", ondelete="CASCADE"), nullable=False)
    home_country_key = Column(Text, nullable=False)
    home_region_key = Column(Text)
    persons = Column(Integer, nullable=False)
    fictional = Column(Integer, nullable=False)


class DataVersion(Base):
    """One counter that every change to the data raises (ETags are made from it)."""

    __tablename__ = "data_version"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    changed_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


ROLES = ("moderator", "admin")
CONTRIBUTION_KINDS = ("correction", "add_person", "condition", "photo", "withdrawal")
EVIDENCE_MIMES = ("application/pdf", "image/jpeg", "image/png", "image/webp")
TARGET_TYPES = ("person", "site")
CONTRIBUTION_STATUSES = ("pending", "approved", "rejected")


class User(Base):
    """A moderator or an administrator; contributors need no account."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role_known"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(Text, unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


class Contribution(Base):
    """A proposed change, a condition report or a photo; kept whatever the decision."""

    __tablename__ = "contributions"
    __table_args__ = (
        CheckConstraint(_in("kind", CONTRIBUTION_KINDS), name="kind_known"),
        CheckConstraint(_in("target_type", TARGET_TYPES), name="target_type_known"),
        CheckConstraint(_in("status", CONTRIBUTION_STATUSES), name="status_known"),
        CheckConstraint(
            "(status = 'pending') = (decided_at IS NULL)", name="decided_when_not_pending"
        ),
        Index("ix_contributions_status", "status", "created_at"),
        Index("ix_contributions_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    target_type: Mapped[str] = mapped_column(String(10))
    # No foreign key (a person or a site): a trigger refuses deleting a record any
    # contribution targets (migration 0019), so an undo keeps it.
    target_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(50))
    value = mapped_column(JSONB)
    # A correction's field as the contributor saw it (JSON null: empty); SQL NULL for
    # other kinds and for corrections sent before migration 0023. Written by SQL, not
    # the ORM, which would store None as JSON null.
    value_seen = mapped_column(JSONB)
    comment: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(Text)  # private: never shown or exported
    status: Mapped[str] = mapped_column(String(20), server_default="pending")
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    decided_at = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    decision_reason: Mapped[str | None] = mapped_column(Text)


class Photo(Base):
    """A re-encoded photo of a grave or plaque (a site's), or of a person or their name on
    a plaque (a person's), and its thumbnail; public once approved."""

    __tablename__ = "photos"
    __table_args__ = (
        Index("ix_photos_site", "site_id"),
        Index("ix_photos_person", "person_id"),
        CheckConstraint("(site_id IS NULL) <> (person_id IS NULL)", name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="RESTRICT"), unique=True
    )
    # A record with a photo is never deleted from under it (0019).
    site_id: Mapped[int | None] = mapped_column(ForeignKey("burial_sites.id", ondelete="RESTRICT"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    mime: Mapped[str] = mapped_column(String(20))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    image: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes] = mapped_column(LargeBinary)
    approved: Mapped[bool] = mapped_column(Boolean, server_default=false())


class EvidenceFile(Base):
    """A document scan (PDF) or photo given as a contribution's evidence. It may hold
    relatives' personal data: moderators alone ever read it back."""

    __tablename__ = "evidence_files"
    __table_args__ = (CheckConstraint(_in("mime", EVIDENCE_MIMES), name="mime_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="RESTRICT"), unique=True
    )
    mime: Mapped[str] = mapped_column(String(30))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class OutboxMessage(Base):
    """An e-mail to send (a condition report for a responsible body); kept once sent."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id", ondelete="RESTRICT")
    )
    recipient: Mapped[str | None] = mapped_column(Text)  # None: no address known yet
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    sent_at = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)


class AuditEntry(Base):
    """One row inserted, updated or deleted in a data table, written by a database trigger
    (migration 0007), whatever code or SQL made the change."""

    __tablename__ = "audit_log"
    __table_args__ = (
        CheckConstraint("op IN ('INSERT', 'UPDATE', 'DELETE')", name="op_known"),
        Index("ix_audit_log_row", "table_name", "row_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    table_name: Mapped[str] = mapped_column(Text)
    op: Mapped[str] = mapped_column(String(10))
    row_id: Mapped[int] = mapped_column(Integer)
    old_row = mapped_column(JSONB)
    new_row = mapped_column(JSONB)
    changed_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    actor: Mapped[str] = mapped_column(Text)
    contribution_id: Mapped[int | None] = mapped_column(Integer)
