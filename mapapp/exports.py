"""Export sites, battle locations and persons as CSV, XLSX, GeoJSON or GeoPackage.

Columns carry the importer's field names, so an exported file imports again as the
same records. Withdrawn sites and persons are left out unless asked for: then they come
with ``withdrawn_at`` and ``withdrawn_reason`` columns, which the importer refuses (only a
moderator withdraws a record), so a withdrawn record never comes back unmarked.

Each record's sources cited come in a ``sources`` cell, a JSON list of their parts
(importers.source_cells), and a person's ``record_source`` and ``record_id`` with them:
whose id the record bears in its source, kept as it is when the file is imported again.

Text cells that a spreadsheet would run as a formula (starting with =, +, - or @) are
written with a leading apostrophe, which the importer removes again.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, text

from mapapp.importers.source_cells import CITED_PARTS, sources_cell
from mapapp.importers.values import APOSTROPHE_TAKEN_OFF
from mapapp.text.dates import format_partial_date

FORMATS = ("csv", "xlsx", "geojson", "gpkg")
# Text a spreadsheet would run. It gets an apostrophe in front, and so does text the
# importer takes an apostrophe off (values.APOSTROPHE_TAKEN_OFF: "'-0" is written "''-0").
_FORMULA_START = re.compile(r"[=+\-@\t\r]")

SITE_COLUMNS = [
    "ref", "kind", "name", "name_ru", "name_be", "name_en", "register_number", "oblast",
    "district", "village_council", "settlement", "buried_total", "buried_known",
    "buried_unknown", "buried_as_written", "year", "description", "condition",
    "responsible_body", "lat", "lon", "location_precision", "location_note",
    "gazetteer_place", "source_note", "sources",
]  # fmt: skip
BATTLE_COLUMNS = [
    "ref", "name", "name_en", "operation", "period", "year_from", "year_to", "description",
    "units", "lat", "lon", "location_precision", "location_note", "sources",
]  # fmt: skip
PERSON_COLUMNS = [
    "ref", "surname", "given_name", "patronymic", "name_variants", "birth_date", "birthplace",
    "home_country", "home_region", "home_district", "callup_place", "rank", "unit",
    "death_date", "fate", "nationality", "is_hero", "is_partisan", "biography",
    "is_fictional", "site_ref", "plot", "row", "grave", "on_plaque",
    "original_burial_place", "reburied_from", "reburial_date", "lat", "lon",
    "awards", "award_date", "feat", "brigade", "detachment", "record_source", "record_id",
    "sources",
]  # fmt: skip
COLUMNS = {"sites": SITE_COLUMNS, "battles": BATTLE_COLUMNS, "persons": PERSON_COLUMNS}
# The orders a site's persons CSV can be asked for: it streams in name order only (rows()).
PERSON_CSV_SORTS = ("name",)
WITHDRAWAL_COLUMNS = ["withdrawn_at", "withdrawn_reason"]
# The tables whose records a moderator can withdraw (battle locations cannot be).
WITHDRAWABLE = {"sites": "burial_sites", "persons": "persons"}


def columns_for(kind: str, include_withdrawn: bool = False) -> list[str]:
    if include_withdrawn:
        if kind not in WITHDRAWABLE:
            raise ValueError(f"{kind} are never withdrawn; only sites and persons are")
        return COLUMNS[kind] + WITHDRAWAL_COLUMNS
    return COLUMNS[kind]


def withdrawn_count(conn: Connection, kind: str) -> int:
    """How many records of ``kind`` are withdrawn (what an export leaves out by default)."""
    if kind not in WITHDRAWABLE:
        return 0
    table = WITHDRAWABLE[kind]
    return conn.execute(
        text(f"SELECT count(*) FROM {table} WHERE withdrawn_at IS NOT NULL")
    ).scalar_one()


# A whole download is one long read: at most this long for any of its statements.
LONG_READ_TIMEOUT_MS = 600_000


def prepare_long_read(conn: Connection) -> None:
    """For the rest of ``conn``'s transaction: plan for reading every row, not the first few
    (a streamed download reads them all), and allow more than a web request's timeout."""
    conn.execute(text("SET LOCAL cursor_tuple_fraction = 1.0"))
    conn.execute(text(f"SET LOCAL statement_timeout = {LONG_READ_TIMEOUT_MS}"))


def rows(
    conn: Connection, kind: str, site_id: int | None = None, include_withdrawn: bool = False
) -> Iterator[dict]:
    """The records of ``kind`` as flat dicts of export columns (persons: one per burial);
    withdrawn records only with ``include_withdrawn``, and then with their mark."""
    columns = columns_for(kind, include_withdrawn)
    # The persons of a register cite few sources between them: each list is written once.
    cell_of = lru_cache(maxsize=CACHED_CELLS)(_sources_cell)
    if kind == "sites":
        result = conn.execute(
            text(
                "SELECT s.*, ST_Y(s.geom) AS lat, ST_X(s.geom) AS lon, p.gazetteer_place, "
                "c.cited FROM burial_sites s LEFT JOIN site_placements p ON p.site_id = s.id "
                f"LEFT JOIN LATERAL ({_cited('site_sources', 'site_id', 's')}) c ON true "
                "WHERE s.withdrawn_at IS NULL OR CAST(:withdrawn AS boolean) ORDER BY s.id"
            ),
            {"withdrawn": include_withdrawn},
        ).mappings()
        for r in result:
            row = _with_withdrawal({c: r.get(c) for c in columns})
            if row["buried_total"] is None:
                row["buried_total"] = r["buried_as_written"]
            row["sources"] = cell_of(r["cited"])
            yield row
    elif kind == "battles":
        result = conn.execute(
            text(
                "SELECT b.*, ST_Y(b.geom) AS lat, ST_X(b.geom) AS lon, c.cited "
                "FROM battle_locations b "
                f"LEFT JOIN LATERAL ({_cited('battle_sources', 'battle_id', 'b')}) c ON true "
                "ORDER BY b.id"
            )
        ).mappings()
        for r in result:
            yield {**{c: r.get(c) for c in BATTLE_COLUMNS}, "sources": cell_of(r["cited"])}
    elif kind == "persons":
        result = (
            conn.execution_options(yield_per=5000)
            .execute(
                text(
                    f"""
                SELECT p.*, u.name AS unit, s.ref AS site_ref, s.id AS site_id,
                       b.plot, b.row, b.grave, b.on_plaque, b.original_burial_place,
                       b.reburied_from, b.reburial_date, ST_Y(s.geom) AS lat, ST_X(s.geom) AS lon,
                       h.awards, h.hero_dates, h.feat, f.brigade, f.detachment, c.cited
                FROM persons p
                LEFT JOIN units u ON u.id = p.unit_id
                LEFT JOIN LATERAL ({_HONOURS}) h ON true
                LEFT JOIN LATERAL ({_FORMATION}) f ON true
                LEFT JOIN LATERAL ({_cited("person_sources", "person_id", "p")}) c ON true
                LEFT JOIN burials b ON b.person_id = p.id
                LEFT JOIN burial_sites s ON s.id = b.site_id
                WHERE (p.withdrawn_at IS NULL OR CAST(:withdrawn AS boolean))
                  AND (CAST(:site AS integer) IS NULL OR b.site_id = :site)
                ORDER BY p.surname, p.given_name NULLS LAST, p.id, b.id
                """
                ),
                {"site": site_id, "withdrawn": include_withdrawn},
            )
            .mappings()
        )
        for r in result:
            row = _with_withdrawal({c: r.get(c) for c in columns})
            row["award_date"] = _decree_dates(r["hero_dates"])
            row["birth_date"] = format_partial_date(
                r["birth_year"], r["birth_month"], r["birth_day"]
            )
            row["death_date"] = format_partial_date(
                r["death_year"], r["death_month"], r["death_day"]
            )
            row["sources"] = cell_of(r["cited"])
            yield row
    else:
        raise ValueError(f"unknown kind {kind!r}")


def _with_withdrawal(row: dict) -> dict:
    """The withdrawal date as ISO 8601 text: the same in every format (a spreadsheet
    cannot hold a time zone)."""
    if row.get("withdrawn_at") is not None:
        row["withdrawn_at"] = row["withdrawn_at"].isoformat()
    return row


# A person's awards as the importer reads them back (mapapp.importers.awards): titles
# "; "-separated, the Hero titles' decree dates, the feat of the award that holds it.
_HONOURS = """
    SELECT string_agg(a.title, '; ' ORDER BY a.position) AS awards,
           array_agg(ARRAY[a.date_year, a.date_month, a.date_day] ORDER BY a.position)
               FILTER (WHERE a.is_hero_title) AS hero_dates,
           (array_agg(a.feat ORDER BY a.is_hero_title DESC, a.position))[1] AS feat
    FROM awards a WHERE a.person_id = p.id
"""
_FORMATION = """
    SELECT coalesce(b.name, CASE WHEN u.kind = 'brigade' THEN u.name END) AS brigade,
           CASE WHEN u.kind = 'detachment' THEN u.name END AS detachment
    FROM partisan_memberships m JOIN partisan_units u ON u.id = m.unit_id
    LEFT JOIN partisan_units b ON b.id = u.brigade_id
    WHERE m.person_id = p.id ORDER BY u.kind = 'detachment' DESC, u.id LIMIT 1
"""


def _cited(link_table: str, key: str, owner: str) -> str:
    """SQL: the sources ``owner`` (an alias) cites, as the text of a JSON list of their
    parts (the same text for the same sources)."""
    parts = ", ".join(f"'{p}', src.{p}" for p in CITED_PARTS)
    return (
        f"SELECT CAST(jsonb_agg(jsonb_build_object({parts}) ORDER BY src.id) AS text) AS cited "
        f"FROM {link_table} x JOIN sources src ON src.id = x.source_id "
        f"WHERE x.{key} = {owner}.id"
    )


# How many records' lists of sources an export keeps written (rows()).
CACHED_CELLS = 20_000


def _sources_cell(cited: str | None) -> str | None:
    """The sources cell of a record's sources, as _cited gives them."""
    return sources_cell(json.loads(cited)) if cited else None


def _decree_dates(dates) -> str | None:
    """The Hero titles' decree dates, "; "-separated; none unless every title has one
    (the importer gives them to the titles in order, so a gap would shift them)."""
    if not dates or any(d[0] is None for d in dates):
        return None
    return "; ".join(format_partial_date(*d) for d in dates)


def spreadsheet_cell(value):
    """Text for a CSV/XLSX cell; formula-like text gets an apostrophe in front, which
    the importer takes off again (importers.values.clean)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and (
        _FORMULA_START.match(value) or APOSTROPHE_TAKEN_OFF.match(value)
    ):
        return "'" + value
    return value


def write_csv(records, columns: list[str], out) -> int:
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for record in records:
        writer.writerow([spreadsheet_cell(record.get(c)) for c in columns])
        count += 1
    return count


def csv_chunks(records, columns: list[str], rows_per_chunk: int = 2000) -> Iterator[str]:
    """The CSV text of ``records`` in pieces of about ``rows_per_chunk`` rows, for an answer
    that streams a long list while it is read from the database."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for n, record in enumerate(records, start=1):
        writer.writerow([spreadsheet_cell(record.get(c)) for c in columns])
        if n % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_text(records, columns: list[str]) -> str:
    buffer = io.StringIO()
    write_csv(records, columns, buffer)
    return buffer.getvalue()


def write_xlsx(records, columns: list[str], path: Path) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(columns)
    count = 0
    for record in records:
        cells = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=spreadsheet_cell(record.get(column)))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never let openpyxl read "=..." as a formula
            cells.append(cell)
        sheet.append(cells)
        count += 1
    book.save(path)
    return count


def _kept_by_importer(value):
    """Geodata runs no formulas, but the importer takes off an apostrophe before =, +, -
    or @ in any format: text that starts so keeps its own with a second one."""
    if isinstance(value, str) and APOSTROPHE_TAKEN_OFF.match(value):
        return "'" + value
    return value


def write_geo(
    records, columns: list[str], path: Path, driver: str, layer: str | None = None
) -> int:
    import geopandas as gpd
    from shapely.geometry import Point

    records = list(records)
    geometry = [Point(r["lon"], r["lat"]) if r.get("lat") is not None else None for r in records]
    data = [
        {c: _kept_by_importer(r.get(c)) for c in columns if c not in ("lat", "lon")}
        for r in records
    ]
    frame = gpd.GeoDataFrame(data, geometry=geometry, crs="EPSG:4326")
    if not path.is_symlink() and path.is_file():
        path.unlink()  # a GeoPackage would otherwise gain a second layer
    options = {"layer": layer} if layer else {}
    if driver == "GeoJSON":
        # GDAL would write a text that looks like JSON ("[ 1944 ]", a sources cell) as
        # JSON, changing its spacing and its \u escapes: texts stay texts.
        options["layer_options"] = {"AUTODETECT_JSON_STRINGS": "NO"}
    frame.to_file(path, driver=driver, **options)
    return len(records)


def write_geojson_text(records, columns: list[str], fh) -> int:
    """GeoJSON written to an open stream (GDAL would replace a file)."""
    features = [
        {
            "type": "Feature",
            "properties": {
                c: _kept_by_importer(r.get(c)) for c in columns if c not in ("lat", "lon")
            },
            "geometry": (
                {"type": "Point", "coordinates": [r["lon"], r["lat"]]}
                if r.get("lat") is not None
                else None
            ),
        }
        for r in records
    ]
    json.dump(
        {"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False, default=str
    )
    return len(features)


def is_stream(path: Path) -> bool:
    """Whether ``path`` is written through rather than replaced: a link (/dev/stdout, to a
    pipe, a terminal or whatever the shell redirected it to) or something not a file."""
    return path.is_symlink() or (path.exists() and not path.is_file())


# The format a file's name says; a name saying another than the one asked for is refused.
FORMAT_OF_SUFFIX = {
    ".csv": "csv", ".xlsx": "xlsx", ".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg",
}  # fmt: skip


def export(
    conn: Connection, kind: str, fmt: str, path: Path, include_withdrawn: bool = False
) -> int:
    """Write the export to ``path``: whole, or not at all (it is written beside, under
    another name, and takes ``path``'s name only when complete, so a failed export leaves
    an earlier file there as it was)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    columns = columns_for(kind, include_withdrawn)
    records = rows(conn, kind, include_withdrawn=include_withdrawn)
    if is_stream(path):
        # /dev/stdout and the like: written through as it comes, never replaced.
        if fmt not in ("csv", "geojson"):
            raise ValueError(f"{path}: {fmt} is written to a file of its own, not to a stream")
        with path.open("w", encoding="utf-8", newline="") as fh:
            if fmt == "csv":
                return write_csv(records, columns, fh)
            return write_geojson_text(records, columns, fh)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=f".{path.name}.") as folder:
        partial = Path(folder) / f"export{path.suffix}"
        if fmt == "csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as fh:
                count = write_csv(records, columns, fh)
        elif fmt == "xlsx":
            count = write_xlsx(records, columns, partial)
        else:
            driver = "GeoJSON" if fmt == "geojson" else "GPKG"
            # A GeoPackage's layer is named after the file, as it would be written in place.
            count = write_geo(records, columns, partial, driver, layer=path.stem)
        os.replace(partial, path)
    return count
