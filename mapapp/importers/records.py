"""Turn mapped rows into checked records, collecting every problem instead of stopping."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pyproj import Transformer

from mapapp.importers import values
from mapapp.importers.awards import check_award_fields
from mapapp.importers.errors import Problem
from mapapp.importers.feature_points import GEOMETRY, FeaturePoints
from mapapp.importers.field_limits import FIELD_LIMITS, too_long
from mapapp.importers.name_cells import (
    check_given_name,
    check_patronymic,
    check_surname,
    is_total_line,
    split_full_name,
)
from mapapp.importers.number_keys import (
    digits_key,
    is_heritage_code,
    place_region,
    register_key,
    site_register_place,
)
from mapapp.importers.readers import MAX_CELL_CHARS
from mapapp.importers.reburials import DIFFERING, differing_places, reburial_places
from mapapp.importers.region_border import TOLERANCE_KM, RegionBorder
from mapapp.importers.search_index import person_keys, settlement_name
from mapapp.importers.source_cells import read_sources_cell
from mapapp.text.dates import parse_death_date, parse_partial_date
from mapapp.text.districts import district_key, unlisted_district
from mapapp.text.normalize import search_key
from mapapp.text.regions import city_district, other_region


@dataclass
class Checked:
    """One row's outcome: a record, or the problems that keep it out."""

    row: int
    source: dict[str, str]
    record: dict | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Fields this row took from a further column of theirs (RowContext.fallback_of).
    read_from: dict[str, str] = field(default_factory=dict)


@dataclass
class RowContext:
    kind: str
    field_of: dict[str, str]
    region_bbox: tuple[float, float, float, float]
    transformer: Transformer | None = None
    # The country's border inside the box (None: the box alone).
    border: RegionBorder | None = None
    # Values for fields the file lacks, the same for every row (--set FIELD=VALUE).
    given: dict[str, str] = field(default_factory=dict)
    # Whose record ids these are (--source, else the file name): ids are unique per source.
    record_source: str = ""
    # Further columns of a field, read in order where the ones before are empty
    # (columns.ColumnMap.also_named): column -> field.
    fallback_of: dict[str, str] = field(default_factory=dict)
    # Of a geodata file: the rows whose point is their feature's geometry (readers.Table).
    feature_points: FeaturePoints | None = None

    @property
    def projected(self) -> bool:
        """Coordinates in metres (--crs of a projected system), not in degrees."""
        return self.transformer is not None and not self.transformer.source_crs.is_geographic

    def fields(self, raw: dict[str, str], checked: Checked) -> dict[str, str | None]:
        """Field -> cleaned text; cells that cannot even be cleaned become problems."""
        out: dict[str, str | None] = {}
        for column, name in self.field_of.items():
            value = raw.get(column)
            if value.__class__ is str and len(value) <= MAX_CELL_CHARS and value.isprintable():
                # The common cell: printable text of a sane length; only trim it.
                value = value.strip()
                if value[:1] != "'":
                    out[name] = value or None
                    continue
            _clean_into(out, name, column, value, checked)
        for column, name in self.fallback_of.items():
            value = raw.get(column)
            if name not in out or out[name] is not None or value is None:
                continue  # the field's cell was refused, or holds something, or none here
            del out[name]  # read again from this cell; refused, the field is left out
            if _clean_into(out, name, column, value, checked) is not None:
                checked.read_from[name] = column
        for name, value in self.given.items():
            if name != "kind":  # a site's kind: its name says it first (see _site_kind)
                out[name] = value
        for name, limit in FIELD_LIMITS[self.kind].items():
            value = out.get(name)
            if value is not None and len(value) > limit:
                checked.problems.append(
                    Problem(checked.row, self.column(name, checked), too_long(limit), value[:200])
                )
        return out

    def point_column(self, checked: Checked) -> str:
        """The column a row's point is read from: a further column of its (a feature's
        `latitude` property), its feature's geometry, or the lat column."""
        if "lat" in checked.read_from:
            return checked.read_from["lat"]
        if self.feature_points is not None and self.feature_points.from_geometry(checked.row):
            return GEOMETRY
        return self.column("lat")

    def no_point(self, checked: Checked) -> str:
        """What a row without a point lacks: its coordinates, or its feature's geometry
        gives none (it is null or empty)."""
        if self.point_column(checked) == GEOMETRY:
            return self.feature_points.no_point(checked.row)
        return "no coordinates"

    def column(self, name: str, checked: Checked | None = None) -> str:
        """The column ``name`` is read from (in ``checked``'s row, where given)."""
        if checked is not None and name in checked.read_from:
            return checked.read_from[name]
        for column, field_name in self.field_of.items():
            if field_name == name:
                return column
        return name


def _clean_into(out: dict, name: str, column: str, value, checked: Checked) -> str | None:
    """``out[name]``: the cell cleaned; or, where it cannot be, a problem and no entry."""
    try:
        out[name] = values.clean(value)
    except ValueError as exc:
        checked.problems.append(Problem(checked.row, column, str(exc), value[:200]))
        return None
    return out[name]


def digest(*parts) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _point(ctx: RowContext, f: dict, checked: Checked) -> tuple[float, float] | None:
    try:
        if f.get("lat") is not None or f.get("lon") is not None:
            if f.get("lat") is None or f.get("lon") is None:
                raise ValueError("both latitude and longitude are needed")
            if ctx.projected:  # metres: y (northing) and x (easting)
                lat, lon = values.parse_projected(f["lat"]), values.parse_projected(f["lon"])
            else:
                lat, _ = values.parse_degrees(f["lat"])
                lon, _ = values.parse_degrees(f["lon"])
            where = ctx.point_column(checked)
        elif f.get("coords") is not None:
            lat, lon = values.parse_lat_lon_pair(f["coords"])
            where = ctx.column("coords")
        else:
            return None
    except ValueError as exc:
        column = ctx.column("coords") if f.get("coords") else ctx.point_column(checked)
        checked.problems.append(
            Problem(checked.row, column, str(exc), f.get("lat") or f.get("coords"))
        )
        return None
    # A feature's point is named as its file writes it: a problem with it is its geometry's.
    told = FeaturePoints.the_point(f["lat"], f["lon"]) if where == GEOMETRY else ""
    if lat == 0 and lon == 0:
        # Where many tools put a point they have no coordinates for: not a place.
        empty = "make it null" if where == GEOMETRY else "leave both cells empty"
        checked.problems.append(
            Problem(
                checked.row,
                where,
                told + "the point (0, 0) is not a place (coordinates missing where the file "
                "was made?)"
                + (f"; {empty} to place the row by its settlement" if ctx.kind == "sites" else ""),
            )
        )
        return None
    if ctx.transformer is not None:
        # Projected files: the lon/x column is the easting, lat/y the northing.
        lon, lat = ctx.transformer.transform(lon, lat)
    try:
        values.check_range(lat, lon)
    except ValueError as exc:
        checked.problems.append(Problem(checked.row, where, told + str(exc)))
        return None
    minlon, minlat, maxlon, maxlat = ctx.region_bbox

    def inside(la, lo):
        return minlat <= la <= maxlat and minlon <= lo <= maxlon

    if not inside(lat, lon):
        if inside(lon, lat):
            checked.problems.append(
                Problem(
                    checked.row,
                    where,
                    told + f"latitude and longitude look swapped: ({lat}, {lon}) is outside the "
                    f"region, ({lon}, {lat}) is inside it",
                )
            )
            return None
        away = values.km_outside(lat, lon, ctx.region_bbox)
        if away > values.FAR_OUTSIDE_KM:
            # Another continent or hemisphere: a sign lost, x and y swapped, a wrong CRS.
            checked.problems.append(
                Problem(
                    checked.row,
                    where,
                    told
                    + f"the point ({lat:.6g}, {lon:.6g}) is {away:,.0f} km outside the region: "
                    "check the coordinates (a sign, N/S or E/W, x and y swapped, --crs)",
                )
            )
            return None
        checked.warnings.append(
            Problem(
                checked.row,
                where,
                told + f"the point ({lat}, {lon}) is outside the region ({away:,.0f} km from it)",
            )
        )
    elif ctx.border is not None and (away := ctx.border.km_outside(lat, lon)) > TOLERANCE_KM:
        checked.warnings.append(
            Problem(
                checked.row,
                where,
                told
                + f"the point ({lat}, {lon}) is outside {ctx.border.name}, about {away:,.0f} km "
                "from its border: check the coordinates",
            )
        )
    return round(lat, 7), round(lon, 7)


def _apply(parser, f: dict, name: str, ctx: RowContext, checked: Checked):
    text = f.get(name)
    if text is None:
        return None
    try:
        return parser(text)
    except ValueError as exc:
        checked.problems.append(Problem(checked.row, ctx.column(name, checked), str(exc), text))
        return None


SOURCE_PARTS = ("source_title", "source_url", "archive", "fond", "opis", "delo", "record_id")


def _source(f: dict, parts_named=SOURCE_PARTS) -> dict | None:
    parts = {k: f.get(k) for k in parts_named}
    if not any(parts.values()):
        return None
    citation = parts["source_title"] or parts["archive"] or parts["source_url"] or "record"
    return {
        "ref": "src:" + digest(parts),
        "citation": citation,
        "url": parts["source_url"],
        "archive": parts["archive"],
        "fond": parts["fond"],
        "opis": parts["opis"],
        "delo": parts["delo"],
        "record_id": parts.get("record_id"),
    }


def check_site(ctx: RowContext, row: int, raw: dict[str, str]) -> Checked:
    checked = Checked(row=row, source=raw)
    f = ctx.fields(raw, checked)
    # OpenStreetMap features often carry only name:ru or name:be: that is their name.
    f["name"] = f.get("name") or f.get("name_ru") or f.get("name_be")
    if not f.get("name"):
        checked.problems.append(Problem(row, ctx.column("name"), "the name is empty"))
    elif is_total_line(f["name"]):
        checked.problems.append(
            Problem(row, ctx.column("name", checked), TOTAL_LINE, f["name"][:200])
        )
    kind = _site_kind(ctx, f, checked)
    point = _point(ctx, f, checked)
    placeable = f.get("settlement") or f.get("district")
    if point is None and not placeable and not _has_coordinate_problem(ctx, checked):
        checked.problems.append(
            Problem(
                row,
                ctx.point_column(checked),
                f"{ctx.no_point(checked)}, and no settlement or district to place the site at",
            )
        )
    precision = _apply(values.parse_precision, f, "location_precision", ctx, checked) or "site"
    if f.get("gazetteer_place") and point is not None and precision == "site":
        checked.problems.append(
            Problem(
                row,
                ctx.column("gazetteer_place", checked),
                "a gazetteer place is given, so the point is its centre: the location "
                "precision is settlement_centre or district, not site",
            )
        )
    _apply(values.text_with_real_dates, f, "year", ctx, checked)
    counts = {name: _apply(parse, f, name, ctx, checked) for name, parse in COUNT_PARSERS.items()}
    _warn_counts_disagree(ctx, counts, checked)
    _warn_fraction_total(ctx, f.get("buried_total"), counts, checked)
    cited = _apply(read_sources_cell, f, "sources", ctx, checked) or []
    if own := other_region(f.get("district"), f.get("oblast")):
        checked.problems.append(
            Problem(
                row,
                ctx.column("oblast" if f.get("oblast") else "district", checked),
                (
                    f"the district {f['district']!r} lies in the {own} region, and the "
                    f"oblast column says {f['oblast']!r}"
                    if f.get("oblast")
                    else f"{f['district']!r} names a district of the {own} region with "
                    "another region"
                )
                + ": which is right is for a person to say; correct the file",
            )
        )
    if unlisted_district(f.get("district")) and not city_district(f.get("district")):
        checked.warnings.append(
            Problem(
                row,
                ctx.column("district", checked),
                f"{f['district']!r} is none of Belarus's 118 districts (a city's district, or "
                "a typo?): stored as written, and persons are found at the site by its "
                "district only as written",
            )
        )
    if checked.problems:
        return checked
    lat, lon = point or (None, None)
    written_total = f.get("buried_total") if counts["buried_total"] is None else None
    ref, older_refs = _site_refs(f, kind, point, (*counts.values(), written_total))
    checked.record = {
        "ref": ref,
        "older_refs": older_refs,
        "kind": kind,
        "name": f["name"],
        **{
            k: f.get(k)
            for k in (
                "name_ru",
                "name_be",
                "name_en",
                "register_number",
                "oblast",
                "district",
                "village_council",
                "settlement",
                "year",
                "description",
                "condition",
                "responsible_body",
                "location_note",
                "source_note",
                "gazetteer_place",
            )
        },
        **counts,
        "buried_as_written": f.get("buried_as_written")
        or (f.get("buried_total") if counts["buried_total"] is None else None),
        "location_precision": precision,
        "lat": lat,
        "lon": lon,
        "district_key": district_key(f.get("district")) or None,
        "source": _source(f),
        "cited": cited,
    }
    return checked


def _warn_counts_disagree(ctx: RowContext, counts: dict, checked: Checked) -> None:
    """Registers do hold counts that disagree (a later list found more names): they are
    stored as written, and the report says so, for someone to look at."""
    total, known = counts["buried_total"], counts["buried_known"]
    unknown = counts["buried_unknown"]
    if total is not None and known is not None and known > total:
        checked.warnings.append(
            Problem(
                checked.row,
                ctx.column("buried_known"),
                f"more known by name ({known}) than buried in all ({total}); stored as written",
            )
        )
    elif None not in (total, known, unknown) and known + unknown > total:
        checked.warnings.append(
            Problem(
                checked.row,
                ctx.column("buried_unknown"),
                f"known by name ({known}) and unknown ({unknown}) are more than buried in "
                f"all ({total}); stored as written",
            )
        )


_FRACTION = re.compile(r"\d+[.,]\d+")


def _warn_fraction_total(ctx: RowContext, written: str | None, counts: dict, checked) -> None:
    """A total such as 77.5 is kept as written (as "10 тыс." is), but no count of persons
    has a fraction: a slip worth a look, said in the report."""
    if counts["buried_total"] is None and written and _FRACTION.fullmatch(written):
        whole, fraction = re.split(r"[.,]", written)
        said = (
            f": a fraction, or {whole}{fraction} with a thousands separator? Kept"
            if len(fraction) == 3
            else " has a fraction: kept"
        )
        checked.warnings.append(
            Problem(
                checked.row,
                ctx.column("buried_total"),
                f"the total {written!r}{said} as written, not as a count",
            )
        )


def _has_coordinate_problem(ctx: RowContext, checked: Checked) -> bool:
    columns = (ctx.point_column(checked), ctx.column("coords"))
    return any(p.column in columns for p in checked.problems)


NO_KIND = (
    "no kind: {where}, and the name does not say it (братская могила, воинское кладбище, "
    "мемориал ...); {remedy}"
)
# --set is refused for a field the file has a column for: the remedy depends on it.
NO_KIND_REMEDY = {
    True: "fill the cell (mass grave, individual grave, military cemetery or memorial)",
    False: "give one for the whole file with --set kind=mass_grave (or individual_grave, "
    "military_cemetery, memorial)",
}


# An OpenStreetMap export's `type` says what the feature is in OSM, not what the place is.
OSM_ELEMENT_TYPES = ("node", "way", "relation")


def _site_kind(ctx: RowContext, f: dict, checked: Checked) -> str | None:
    """The kind from its column; else from the name when the name says it (Братская
    могила ...); else from OpenStreetMap tags; else the --set value, which gives a kind
    to the rows that say none and overrides none a row says."""
    if f.get("kind") is not None and f["kind"].lower() not in OSM_ELEMENT_TYPES:
        return _apply(values.parse_site_kind, f, "kind", ctx, checked)
    kind = values.site_kind_from_name(f.get("name"), f.get("name_ru"), f.get("name_be"))
    kind = kind or values.site_kind_from_osm(f.get("osm_historic"), f.get("osm_memorial"))
    kind = kind or ctx.given.get("kind")
    if kind is None:
        column = ctx.column("kind")
        has_column = "kind" in ctx.field_of.values()
        where = "the kind is empty" if has_column else "the file has no kind column"
        checked.problems.append(
            Problem(
                checked.row, column, NO_KIND.format(where=where, remedy=NO_KIND_REMEDY[has_column])
            )
        )
    return kind


def _site_refs(f: dict, kind: str, point, counts: tuple) -> tuple[str, tuple[str, ...]]:
    """A site's key and its older keys: its ref, else its register number (a district
    book's plain number with its district), else its kind, name and point. A site without
    a point is known by its kind, name, settlement, district, counts and location note:
    two graves of one name in one village ("у школы", "на кладбище", or with other counts)
    are two sites, which the gazetteer places both at the village's centre. Such sites
    were known without the note before, and before that by kind, name, settlement and
    district alone: those older keys are returned too, newest first, for them to be
    recognised where the row alone carries one, or its counts and note agree
    (stored_places)."""
    if f.get("ref"):
        return f["ref"], ()
    if f.get("register_number"):
        key = register_key(f["register_number"])
        district = district_key(f.get("district"))
        if district and not is_heritage_code(key):
            # A district book's number names a site within its district only, and a
            # district whose name needs its region (Октябрьский район) within that.
            place = site_register_place(f)
            where = place if place_region(place) else district
            return f"register:{where}:{key}", ()
        return f"register:{key}", ()
    if point:
        return "site:" + digest(kind, f["name"], *point), ()
    oldest = "site:" + digest(kind, f["name"], f.get("settlement"), f.get("district"))
    # The settlement as the search reads it: Дубровно, ДУБРОВНО, Дуброўна, г. Дубровно.
    settlement = settlement_name(f.get("settlement"))
    place = (
        search_key(settlement) if settlement else None,
        district_key(f.get("district")) or None,
    )
    without_note = "site:" + digest(kind, f["name"], *place, *counts)
    note = note_key(f.get("location_note"))
    if not note:
        return without_note, (oldest,)
    return "site:" + digest(kind, f["name"], *place, *counts, note), (without_note, oldest)


def note_key(note: str | None) -> str:
    """A location note as the search reads it: "У школы" and "у  школы" are one."""
    return search_key(note) if note else ""


def check_battle(ctx: RowContext, row: int, raw: dict[str, str]) -> Checked:
    checked = Checked(row=row, source=raw)
    f = ctx.fields(raw, checked)
    if not f.get("name"):
        checked.problems.append(Problem(row, ctx.column("name"), "the name is empty"))
    point = _point(ctx, f, checked)
    if point is None and not checked.problems:
        checked.problems.append(Problem(row, ctx.point_column(checked), ctx.no_point(checked)))
    precision = _apply(values.parse_precision, f, "location_precision", ctx, checked) or "site"
    years = {
        k: _apply(values.parse_battle_year, f, k, ctx, checked) for k in ("year_from", "year_to")
    }
    cited = _apply(read_sources_cell, f, "sources", ctx, checked) or []
    if None not in years.values() and years["year_from"] > years["year_to"]:
        checked.problems.append(
            Problem(
                row,
                ctx.column("year_to"),
                f"the battle ends ({years['year_to']}) before it begins ({years['year_from']})",
            )
        )
    if checked.problems:
        return checked
    lat, lon = point
    checked.record = {
        "ref": f.get("ref") or "battle:" + digest(f["name"], lat, lon),
        "name": f["name"],
        **{
            k: f.get(k)
            for k in ("name_en", "operation", "period", "description", "units", "location_note")
        },
        **years,
        "location_precision": precision,
        "lat": lat,
        "lon": lon,
        "source": _source(f),
        "cited": cited,
    }
    return checked


PERSON_TEXT_FIELDS = (
    "name_variants",
    "birthplace",
    "home_country",
    "home_region",
    "home_district",
    "callup_place",
    "rank",
    "nationality",
    "biography",
)


# The total keeps a text such as "более 500" as written (buried_as_written); the known
# and unknown have no such place, so theirs must be whole numbers.
COUNT_PARSERS = {
    "buried_total": values.parse_count,
    "buried_known": values.parse_whole_count,
    "buried_unknown": values.parse_whole_count,
}
# A record source names whose record id a row's is (an exported file writes both).
SOURCE_WITHOUT_ID = (
    "a record source without a record id: it says whose id the record id is; give the "
    "id, or leave the record source empty"
)
TOTAL_LINE = "a total line of the list, not a place: leave it out (the counts are each site's)"
LINE_BETWEEN_PERSONS = (
    "the row has no name, and this is its only cell: a heading, a total or a note line of "
    "the list, not a person? Leave such lines out"
)
LINE_BREAK_IN_NAME = (
    "a line break in a name: write the name on one line (in a CSV file, a quote left open "
    "above joins lines into this row)"
)


def check_person(ctx: RowContext, row: int, raw: dict[str, str]) -> Checked:
    checked = Checked(row=row, source=raw)
    f = ctx.fields(raw, checked)
    split = True
    try:
        surname, given, patronymic = _person_names(f)
    except ValueError as exc:
        full = f["full_name"]
        checked.problems.append(Problem(row, ctx.column("full_name", checked), str(exc), full))
        surname, given, patronymic, split = full, None, None, False
    if not surname and (problem := _no_surname(ctx, raw, checked)):
        checked.problems.append(problem)
    for name in ("surname", "given_name", "patronymic", "full_name"):
        if (value := f.get(name)) and not value.isprintable():
            try:
                values.refuse_invisible_marks(value)
            except ValueError as exc:
                checked.problems.append(Problem(row, ctx.column(name, checked), str(exc), value))
    from_full = not f.get("surname") and f.get("full_name")
    written = (("surname", surname), ("given_name", given), ("patronymic", patronymic),
               ("full_name", f.get("full_name")))  # fmt: skip
    for name, value in written:
        if value and ("\n" in value or "\r" in value):
            # No name has one: a quote left open in a CSV joins lines into one cell.
            checked.problems.append(
                Problem(row, ctx.column(name, checked), LINE_BREAK_IN_NAME, value[:200])
            )
        elif value and name != "full_name" and split:
            try:
                if name == "surname":
                    check_surname(value)
                elif name == "given_name":
                    check_given_name(value, surname)
                else:
                    check_patronymic(value)
            except ValueError as exc:
                column = ctx.column("full_name" if from_full else name, checked)
                checked.problems.append(Problem(row, column, str(exc), value))
    dates = {name: _partial_date(f, name, ctx, checked) for name in ("birth_date", "death_date")}
    fate = _apply(values.parse_fate, f, "fate", ctx, checked)
    flags = {
        name: _apply(values.parse_flag, f, name, ctx, checked)
        for name in ("is_hero", "is_partisan", "is_fictional", "on_plaque")
    }
    site_id = _apply(_site_id, f, "site_id", ctx, checked)
    _apply(check_record_id, f, "record_id", ctx, checked)
    cited = _apply(read_sources_cell, f, "sources", ctx, checked) or []
    if f.get("record_source") is not None and f.get("record_id") is None:
        column = ctx.column("record_source", checked)
        checked.problems.append(Problem(row, column, SOURCE_WITHOUT_ID, f["record_source"]))
    _apply(values.text_with_real_dates, f, "reburial_date", ctx, checked)
    honours = check_award_fields(f)
    checked.problems.extend(
        Problem(row, ctx.column(n, checked), why, v) for n, why, v in honours.problems
    )
    checked.warnings.extend(
        Problem(row, ctx.column(n, checked), why, v) for n, why, v in honours.warnings
    )
    record_id = f.get("record_id")
    if checked.problems:
        return checked
    first, moved_from = f.get("original_burial_place"), f.get("reburied_from")
    if differing_places(first, moved_from):
        column = ctx.column("reburied_from", checked)
        checked.warnings.append(Problem(row, column, DIFFERING.format(first=first), moved_from))
    by, bm, bd = dates["birth_date"]
    dy, dm, dd = dates["death_date"]
    record = {
        "surname": surname,
        "given_name": given,
        "patronymic": patronymic,
        **{k: f.get(k) for k in PERSON_TEXT_FIELDS},
        "birth_year": by,
        "birth_month": bm,
        "birth_day": bd,
        "death_year": dy,
        "death_month": dm,
        "death_day": dd,
        "fate": fate,
        "is_hero": bool(flags["is_hero"]) or honours.is_hero,
        "is_partisan": bool(flags["is_partisan"]) or honours.is_partisan,
        "is_fictional": bool(flags["is_fictional"]),
        "unit": f.get("unit"),
        "link": _burial_link(f, site_id),
        "burial": _burial_details(f, flags["on_plaque"]),
        "awards": honours.awards,
        "brigade": honours.brigade,
        "detachment": honours.detachment,
        # The record id stays on the person; a source row is shared by all its records.
        "source": _source(f, PERSON_SOURCE_PARTS),
        "cited": cited,
        "record_id": record_id,
        # Whose id it is: the row's own (an export's), else --source or the file's name.
        "record_source": (f.get("record_source") or ctx.record_source)
        if record_id is not None
        else None,
    }
    record.update(person_keys(record))
    record["ref"], record["older_ref"] = _person_refs(f, record, checked.read_from)
    checked.record = record
    return checked


def _no_surname(ctx: RowContext, raw: dict[str, str], checked: Checked) -> Problem | None:
    """Why a row without a surname is refused, in the column the names are in; None where
    its name cell was refused already, saying why. A row whose one cell stands in another
    column is a line of the list between its persons (a district's heading, the totals, a
    footnote, as a list typed in a word processor has them): said so, with its text."""
    names = [c for c, name in ctx.field_of.items() if name in ("surname", "full_name")]
    if any(p.column in names for p in checked.problems):
        return None
    held = [(c, v) for c, v in raw.items() if isinstance(v, str) and v.strip()]
    if len(held) == 1 and held[0][0] not in names:
        column, value = held[0]
        return Problem(checked.row, column, LINE_BETWEEN_PERSONS, value.strip()[:200])
    column = ctx.column("surname") if "surname" in ctx.field_of.values() or not names else names[0]
    return Problem(checked.row, column, "the surname is empty")


def _person_names(f: dict) -> tuple[str | None, str | None, str | None]:
    """Surname, given name and patronymic, from their columns or one full-name column."""
    surname, given, patronymic = f.get("surname"), f.get("given_name"), f.get("patronymic")
    if not surname and f.get("full_name"):
        surname, given2, patronymic2 = split_full_name(f["full_name"])
        given, patronymic = given or given2, patronymic or patronymic2
    return surname, given, patronymic


# Dates repeat across a register (deaths crowd into a few summers): parse each once.
_cached_partial_date = lru_cache(maxsize=200_000)(parse_partial_date)
_cached_death_date = lru_cache(maxsize=200_000)(parse_death_date)
DATE_PARSERS = {"birth_date": _cached_partial_date, "death_date": _cached_death_date}


def _partial_date(f: dict, name: str, ctx: RowContext, checked: Checked) -> tuple:
    try:
        return DATE_PARSERS[name](f.get(name))
    except ValueError as exc:
        checked.problems.append(
            Problem(checked.row, ctx.column(name, checked), str(exc), f.get(name))
        )
        return (None, None, None)


def _burial_link(f: dict, site_id: int | None) -> dict:
    """Whatever the row says about where the person lies, to find the site by."""
    return {
        "site_id": site_id,
        "site_ref": f.get("site_ref"),
        "register_number": f.get("register_number"),
        "burial_place": f.get("burial_place"),
        "burial_district": f.get("burial_district"),
    }


def _burial_details(f: dict, on_plaque: bool | None) -> dict:
    first, moved_from = reburial_places(f.get("original_burial_place"), f.get("reburied_from"))
    return {
        "plot": f.get("plot"),
        "row": f.get("row"),
        "grave": f.get("grave"),
        "on_plaque": on_plaque,
        "original_burial_place": first,
        "reburied_from": moved_from,
        "reburial_date": f.get("reburial_date"),
    }


@lru_cache(maxsize=64)
def _source_key(record_source: str) -> str:
    return digest(record_source)[:16]


def record_ref_prefix(record_source: str) -> str:
    """How the keys of a source's records begin (record_refs)."""
    return _prefix(_source_key(record_source))


def _prefix(source_key: str) -> str:
    return f"record:{source_key}:"


PERSON_SOURCE_PARTS = tuple(p for p in SOURCE_PARTS if p != "record_id")


def _person_refs(f: dict, record: dict, read_further: dict) -> tuple[str, str | None]:
    """The record's identity (and its older key, see row_refs). A record id is unique
    within its source, so the key is the source and the id: rows with different ids are
    different records whatever else they share. Without an id, a record is known by
    every mapped cell that holds something, as written: rows that differ in any of them
    are different records (never merged away unseen), and the same row imported again
    is recognised."""
    if f.get("ref"):
        return f["ref"], None
    if record["record_id"] is not None:
        return record_refs(_source_key(record["record_source"]), record["record_id"])
    # The older key knew only a field's first column: a cell filled from a further one
    # was empty then.
    older = [(k, None if k in read_further else v) for k, v in f.items()]
    return row_refs(f.items(), older)


def record_refs(source_key: str, record_id: str) -> tuple[str, str | None]:
    """The key of a record by its id in its source. An id of digits is keyed without its
    leading zeros: a list's 004 is the 4 of its spreadsheet (a cell formatted 000 shows
    zeros its number does not hold). The key as written is returned as the older one when
    it differs: records stored under it are recognised (writers.adopt_older_refs)."""
    key = _prefix(source_key)
    keyed = digits_key(record_id)
    return key + keyed, (key + record_id if keyed != record_id else None)


def row_refs(cells, older_cells=None) -> tuple[str, str | None]:
    """The key of a record without an id, from its (field, cell) pairs: the cells that
    hold something, so an empty mapped column (or one more such column in a later export
    of the same list) changes nothing. Records stored before this rule were keyed with
    their empty cells too, and with only the first column of a field read
    (``older_cells``, when a further column filled one): that older key is returned as
    well when it differs, for an import to recognise them (``writers.adopt_older_refs``)."""
    cells = sorted(cells)
    held = [pair for pair in cells if pair[1] is not None]
    ref = "person:" + digest(held)
    older = "person:" + digest(sorted(older_cells) if older_cells is not None else cells)
    return ref, (older if older != ref else None)


# A long number as a spreadsheet shows it (5,12346E+13): rounded to the digits shown.
_EXPONENT_FORM = re.compile(r"\d[.,]\d+E[+-]?\d+", re.IGNORECASE)


def check_record_id(text: str) -> str:
    """``text``, unless a spreadsheet rounded the id into exponent form: taken as a key,
    two men's ids would read as one, and the id as written is no man's."""
    if _EXPONENT_FORM.fullmatch(text):
        raise ValueError(
            "a number in exponent form: a spreadsheet rounded the id and its last digits "
            "are lost (other ids may now read the same); export the ids as text (format "
            "the column as text before the ids are written or pasted into it)"
        )
    return text


def _site_id(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) < 2**31:
        raise ValueError("a site id is a whole number")
    return int(text)


CHECKERS = {"sites": check_site, "battles": check_battle, "persons": check_person}
