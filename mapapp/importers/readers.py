"""Read CSV, XLSX, GeoJSON, GeoPackage and zipped Shapefiles into rows of text.

Every reader yields ``(row_number, {column: text})``; spreadsheet row numbers are the
ones a person sees (the header is row 1). Geodata readers add ``lat``/``lon`` columns
from the geometry, transformed to WGS 84 from the file's own CRS.
"""

from __future__ import annotations

import codecs
import collections
import csv
import datetime
import io
import itertools
import json
import math
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from mapapp.importers.encodings import AmbiguousCodePage, ambiguity, likeliest_encoding
from mapapp.importers.errors import ImportFileError, Problem
from mapapp.importers.feature_points import GEOMETRY, FeaturePoints
from mapapp.importers.header_rows import refuse_header_rows
from mapapp.importers.shapefile_encoding import shapefile_encoding
from mapapp.importers.sheet_layout import (
    header_on_rows,
    header_rows_advice,
    header_rows_error,
    read_sheet_layout,
    refuse_merged_rows,
)
from mapapp.importers.title_lines import (
    MOST_LINES,
    csv_title,
    second_header_line,
    title_above_header,
    title_error,
)
from mapapp.text.dates import SPREADSHEET_DAY_0

MAX_FILE_BYTES = 2 * 1024**3
MAX_CELL_CHARS = 10_000
CSV_DELIMITERS = ",;\t|"


class RefusedCell(str):
    """A cell's text that is never taken as data for a mapped field (``reason`` says
    why); kept as its text (inert, in JSON) with the row's provenance otherwise."""

    reason = "not data"

    def __new__(cls, text: str, reason: str | None = None):
        cell = super().__new__(cls, text)
        if reason:
            cell.reason = reason
        return cell


class Formula(RefusedCell):
    """The text of a spreadsheet formula cell."""

    reason = "a spreadsheet formula, not data; paste the values instead"


# Cells longer than this abort the csv module's parser; longer ones are reported per row.
csv.field_size_limit(1024 * 1024)


@dataclass
class Table:
    columns: list[str]
    rows: Iterator[tuple[int, dict[str, str]]]
    encoding: str | None = None
    delimiter: str | None = None
    crs: str | None = None
    problems: list[Problem] = field(default_factory=list)
    # The cells of the rows refused while reading (a shifted row, a header repeated): the
    # rejects file gives them back to be corrected.
    refused: dict[int, dict[str, str]] = field(default_factory=dict)
    sheet: str | None = None  # the workbook's sheet read
    other_sheets: list[str] = field(default_factory=list)  # its other visible sheets
    sheet_word: str = "sheet"  # a GeoPackage's are layers
    # Columns without a name in the header, called by their position ("column 7").
    unnamed: set[str] = field(default_factory=set)
    hidden_rows: list[int] = field(default_factory=list)  # of a sheet, read as the others
    # Headers the file gives to several columns, each column kept by a key of its own.
    repeated: list[RepeatedHeader] = field(default_factory=list)
    # Said of such a header where the line below it names columns too: a header written
    # on two rows, its upper names repeated over the lower ones (title_lines).
    below_header: str = ""
    # Of a geodata file: its rows' lat and lon are their feature's geometry.
    feature_points: FeaturePoints | None = None


@dataclass
class RepeatedHeader:
    """A header written over several columns ("Примечание;Примечание"). The first column
    keeps it as its key; each further one is kept as the header numbered ("Примечание
    (2)"), so that no cell is lost under another's key. Read as a field, it refuses the
    file (runner.open_mapped): which column holds the field cannot be told."""

    header: str
    keys: list[str]  # in the file's order
    where: str  # "columns C and E" (a sheet's letters), "columns 3 and 4" (a CSV's)


def read_table(path: Path, encoding: str | None = None, sheet: str | None = None) -> Table:
    if not path.exists():
        raise ImportFileError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(f"{path.name}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"{path.name}: {size:,} bytes is over the limit of {MAX_FILE_BYTES:,}"
        )
    suffix = "".join(path.suffixes[-2:]).lower() if path.suffix.lower() == ".zip" else ""
    ext = path.suffix.lower()
    if ext in (".csv", ".txt", ".tsv"):
        if sheet:
            raise ImportFileError(
                f"{path.name}: --sheet is for XLSX workbooks and GeoPackages; a CSV file has "
                "one table"
            )
        return _read_csv(path, encoding)
    if encoding and ext != ".zip":
        raise ImportFileError(
            f"{path.name}: --encoding is for CSV files and zipped Shapefiles; "
            f"a {ext} file says its own encoding"
        )
    if ext == ".xlsx":
        return _read_xlsx(path, sheet)
    if ext in (".geojson", ".json", ".gpkg") or ext == ".zip" or suffix == ".shp.zip":
        return _read_geodata(path, encoding, sheet)
    if ext == ".xls":
        raise ImportFileError(f"{path.name}: old .xls files are not read; save it as .xlsx")
    if ext in _SAVE_AS_XLSX:
        kind, how = _SAVE_AS_XLSX[ext]
        raise ImportFileError(f"{path.name}: {kind} is not read; save it as .xlsx{how}")
    if ext == ".shp":
        raise ImportFileError(_shapefile_unzipped(path))
    raise ImportFileError(
        f"{path.name}: unknown format {ext!r}; use CSV, XLSX, GeoJSON, GeoPackage or a zipped "
        "Shapefile"
    )


# Workbooks of other kinds, which their program saves as .xlsx.
_SAVE_AS_XLSX = {
    ".ods": ("an OpenDocument spreadsheet", " (in LibreOffice: File, Save As, Excel 2007-365)"),
    ".xlsm": ("a workbook with macros", ""),
}
# The files of one Shapefile, in the order they are named.
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def _shapefile_unzipped(path: Path) -> str:
    """A Shapefile given by its .shp (as QGIS writes it): its attributes, projection and
    encoding are in the files beside it, read together from one archive."""
    found = [
        path.with_suffix(suffix).name
        for suffix in _SHAPEFILE_PARTS
        if suffix == ".shp" or path.with_suffix(suffix).exists()
    ]
    return (
        f"{path.name}: a Shapefile is read zipped, with the files beside it that hold its "
        f"attributes, projection and encoding: zip {_listed(found)} into one archive "
        f"({path.name}.zip) and import that"
    )


# --- CSV -------------------------------------------------------------------------------


def _encoding_of(path: Path, encoding: str | None) -> str:
    """The file's text encoding: the one named, else UTF-8 (with or without BOM), else
    detected. The whole file is checked as it streams by, never held in memory."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ImportFileError(f"unknown encoding {encoding!r}") from None
        failure = _first_undecodable_byte(path, encoding)
        if failure is not None:
            raise ImportFileError(
                f"{path.name} is not valid {encoding} (byte {failure}); "
                "try --encoding cp1251 or --encoding utf-8"
            )
        return encoding
    with path.open("rb") as fh:
        head = fh.read(200_000)
    if head.startswith(b"\xef\xbb\xbf"):
        if _first_undecodable_byte(path, "utf-8-sig") is None:
            return "utf-8-sig"
        raise ImportFileError(f"{path.name}: starts as UTF-8 but does not decode as it")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        if _first_undecodable_byte(path, "utf-16") is None:
            return "utf-16"
        raise ImportFileError(f"{path.name}: starts as UTF-16 but does not decode as it")
    bad_byte = _first_undecodable_byte(path, "utf-8")
    if bad_byte is None:
        return "utf-8"
    _refuse_broken_utf8(path, bad_byte)
    try:
        best = likeliest_encoding(head)
    except AmbiguousCodePage as exc:
        raise ImportFileError(f"{path.name}: {ambiguity(exc)}") from None
    if best is None:
        raise ImportFileError(
            f"{path.name}: cannot tell the text encoding; name it with --encoding (e.g. cp1251)"
        )
    if _first_undecodable_byte(path, best) is not None:
        raise ImportFileError(
            f"{path.name}: looks like {best} but does not decode as it; "
            "name the encoding with --encoding"
        )
    return best


def _refuse_broken_utf8(path: Path, bad_byte: int) -> None:
    """A file that is UTF-8 (non-ASCII text decodes) up to one bad byte is UTF-8 with a
    damaged byte, not another encoding: say where, rather than decode it all wrongly."""
    seen_non_ascii, newlines, offset = False, 0, 0
    with path.open("rb") as fh:
        while offset < bad_byte:
            block = fh.read(min(1 << 20, bad_byte - offset))
            if not block:
                break
            seen_non_ascii = seen_non_ascii or not block.isascii()
            newlines += block.count(b"\n")
            offset += len(block)
    if seen_non_ascii:
        raise ImportFileError(
            f"{path.name}: UTF-8 text up to byte {bad_byte} (line {newlines + 1}), where a "
            "byte is not valid UTF-8; correct that line, or name the encoding with --encoding"
        )


def _first_undecodable_byte(path: Path, encoding: str) -> int | None:
    """Decode the file block by block; the offset of the first bad byte, or None. A NUL
    character ends the check with an error of its own: such a file is not text (or not
    in this encoding: UTF-16 read as UTF-8 is half NULs)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = lines = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            try:
                text = decoder.decode(block)
            except UnicodeDecodeError as exc:
                return offset + max(exc.start, 0)
            except UnicodeError as exc:  # "UTF-16 stream does not start with BOM"
                raise ImportFileError(
                    f"{path.name}: cannot be read as {encoding} ({exc}); for UTF-16 without "
                    "a byte order mark name its order: --encoding utf-16-le (or utf-16-be)"
                ) from None
            nul = text.find("\x00")
            if nul >= 0:
                line = lines + text.count("\n", 0, nul) + 1
                raise ImportFileError(
                    f"{path.name}: line {line} holds a NUL byte, which no text holds and "
                    "nothing can store: remove it (a whole file of them is not a text CSV "
                    "file; if it is UTF-16, name it with --encoding utf-16-le)"
                )
            lines += text.count("\n")
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def _sniff_delimiter(sample: str) -> str:
    header = sample.splitlines()[0] if sample else ""
    counts = {d: header.count(d) for d in CSV_DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


EXCEL_SEP_LINE = re.compile(r"\ufeff?sep=(.)\r?\n")


def _read_csv(path: Path, encoding: str | None) -> Table:
    used = _encoding_of(path, encoding)
    with path.open(encoding=used, newline="") as fh:
        sample = fh.read(20_000)
    # Excel writes "sep=;" above the header of a CSV it saves for another locale, and
    # shows the file without that line: it names the delimiter.
    excel_sep = EXCEL_SEP_LINE.match(sample)
    if excel_sep:
        sample = sample[excel_sep.end() :]
    if title := csv_title(
        sample, excel_sep.group(1) if excel_sep else CSV_DELIMITERS, 1 if excel_sep else 0
    ):
        raise title_error(path.name, title)
    delimiter = excel_sep.group(1) if excel_sep else _sniff_delimiter(sample)
    # The rows stream from the file: memory does not grow with its length.
    fh = path.open(encoding=used, newline="")
    if excel_sep:
        fh.readline()
    reader = csv.reader(fh, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        fh.close()
        raise ImportFileError(f"{path.name}: the file is empty") from None
    except csv.Error as exc:
        fh.close()
        raise ImportFileError(f"{path.name}: the header cannot be read ({exc})") from None
    try:
        # A byte order mark the named encoding leaves (utf-16-le on a file that has one)
        # is no part of the first column's name.
        columns, repeated = _check_header([h.strip().lstrip("\ufeff") for h in header], path.name)
    except ImportFileError:
        fh.close()
        raise
    table = Table(columns=columns, rows=iter(()), encoding=used, delimiter=delimiter)
    table.repeated = repeated
    if repeated:
        table.below_header = second_header_line(_second_line(sample, delimiter), "line")
    table.unnamed = _unnamed(header, columns)
    rows = _csv_rows(reader, columns, table, path, used, 1 if excel_sep else 0)
    table.rows = _closing(fh, refuse_header_rows(rows, columns, table, path.name))
    return table


def _second_line(sample: str, delimiter: str) -> list[str]:
    lines = csv.reader(io.StringIO(sample), delimiter=delimiter)
    try:
        return next(itertools.islice(lines, 1, None), [])
    except csv.Error:
        return []


def _closing(fh, rows):
    try:
        yield from rows
    finally:
        fh.close()


def _csv_rows(reader, columns: list[str], table: Table, path: Path, encoding: str,
              lines_before: int = 0):  # fmt: skip
    """``lines_before``: lines of the file above the header the reader began after."""
    row_number = 1
    while True:
        began = reader.line_num + 1  # a quoted cell may run over several lines
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # Past a broken quote the file's cells can no longer be told apart: the rows
            # after it would be lost or misread, so the whole file is refused.
            raise _unreadable_line(
                path, encoding, began + lines_before, reader.line_num + lines_before, exc
            ) from None
        row_number += 1
        if not any(v.strip() for v in values):
            continue  # blank line
        if len(values) != len(columns):
            beyond = values[len(columns) :]
            table.problems.append(
                Problem(
                    row_number,
                    None,
                    f"has {len(values)} fields but the header has {len(columns)} "
                    "(a shifted or truncated row?)"
                    + (f"; beyond the header's columns: {_cells_shown(beyond)}" if beyond else ""),
                )
            )
            # In the rejects file as a spreadsheet shows the line: cell by cell, the cells
            # beyond the header's under columns named by their position.
            table.refused[row_number] = {
                **dict(zip(columns, values, strict=False)),
                **{f"column {n}": v for n, v in enumerate(beyond, len(columns) + 1)},
            }
            continue
        yield row_number, dict(zip(columns, values, strict=True))


def _cells_shown(cells: list[str], most: int = 5, width: int = 40) -> str:
    shown = [repr(c if len(c) <= width else c[:width] + "…") for c in cells[:most]]
    return ", ".join(shown) + (f" and {len(cells) - most} more" if len(cells) > most else "")


def _unreadable_line(
    path: Path, encoding: str, line: int, last: int, exc: csv.Error
) -> ImportFileError:
    """The row that cannot be read, from the line it began on (a quote left open runs on
    to the end of the file)."""
    with path.open(encoding=encoding, newline="") as fh:
        text = next(itertools.islice(fh, line - 1, None), "").rstrip("\r\n")
    shown = text if len(text) <= 200 else text[:200] + "…"
    where = f"line {line}" if last <= line else f"the row beginning on line {line} (to line {last})"
    return ImportFileError(
        f"{path.name}: {where} cannot be read ({exc}): {shown!r}. Nothing was imported. "
        "A cell that holds quotes must be quoted whole, with each quote doubled: "
        '"""Мститель"" отряд"'
    )


def _unnamed(header: list[str], columns: list[str]) -> set[str]:
    """The columns named by their position, the header's cell being empty."""
    return {c for cell, c in zip(header, columns, strict=True) if not cell.strip().lstrip("\ufeff")}


def _check_header(
    columns: list[str], name: str, letters: bool = False
) -> tuple[list[str], list[RepeatedHeader]]:
    """The columns' keys, and the headers written over several columns (``letters``: a
    sheet's, named by their letters)."""
    if not any(columns):
        raise ImportFileError(f"{name}: the first row (the header) is empty")
    # A column with no name (a trailing separator, an empty spreadsheet column) is kept
    # by its position, so any cell under it stays with the row as read.
    columns = [column or f"column {number}" for number, column in enumerate(columns, 1)]
    counts = collections.Counter(columns)
    if len(counts) == len(columns):
        return columns, []
    taken = set(columns)
    keys: list[str] = []
    positions: dict[str, list[int]] = {}
    for number, column in enumerate(columns, 1):
        if counts[column] > 1:
            positions.setdefault(column, []).append(number)
        if len(positions.get(column, ())) <= 1:
            keys.append(column)
            continue
        count = len(positions[column])
        key = f"{column} ({count})"
        while key in taken:  # the file's own "Примечание (2)" keeps its name
            count += 1
            key = f"{column} ({count})"
        taken.add(key)
        keys.append(key)
    repeated = [
        RepeatedHeader(
            header=header,
            keys=[keys[n - 1] for n in numbers],
            where="columns " + _listed([_column_name(n, letters) for n in numbers]),
        )
        for header, numbers in positions.items()
    ]
    return keys, repeated


def _column_name(number: int, letters: bool) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number) if letters else str(number)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --- XLSX ------------------------------------------------------------------------------


def _read_xlsx(path: Path, name: str | None = None) -> Table:
    from openpyxl import load_workbook

    try:
        # data_only=False: formulas come back as formulas, so they are never taken as data.
        book = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(f"{path.name}: not a readable .xlsx workbook ({exc})") from None
    sheet = _sheet_to_read(book, name)
    rows = sheet.iter_rows()
    head = list(itertools.islice(rows, MOST_LINES))  # the header, or a title above it
    if not head:
        others = [s.title for s in _visible_sheets(book) if s is not sheet]
        raise ImportFileError(
            f"{path.name}: the sheet {sheet.title!r} is empty"
            + (
                f"; the workbook's other sheets: {', '.join(map(repr, others))} (read one "
                f"with --sheet NAME)"
                if others
                else ""
            )
        ) from None
    texts = [[_header_text(c.value) for c in cells] for cells in head]
    layout = read_sheet_layout(path, sheet._worksheet_path)  # a read-only sheet reads neither
    if title := title_above_header(enumerate(texts, start=1)):
        on_rows = header_on_rows(layout, title.header_line, texts)
        more = ("; " + header_rows_advice(on_rows)) if on_rows else ""
        raise title_error(path.name, title, "row", more)
    if on_rows := header_on_rows(layout, 1, texts):
        raise header_rows_error(path.name, sheet.title, on_rows)
    header = texts[0]
    rows = itertools.chain(head[1:], rows)
    columns, repeated = _check_header(header, path.name, letters=True)
    refuse_merged_rows(layout, path.name, sheet.title, columns)
    others = [s.title for s in _visible_sheets(book) if s is not sheet]
    table = Table(columns=columns, rows=iter(()), sheet=sheet.title, other_sheets=others)
    table.repeated = repeated
    if repeated:
        table.below_header = second_header_line(texts[1] if len(texts) > 1 else [])
    table.hidden_rows = [row for row in layout.hidden_rows if row >= 2]
    table.unnamed = _unnamed(header, columns)
    table.rows = refuse_header_rows(
        _xlsx_rows(rows, columns, book, table.problems), columns, table, path.name
    )
    return table


def other_headers(
    path: Path, table: Table, encoding: str | None = None
) -> dict[str, tuple[list[str], int]]:
    """The header of each of the other sheets of a workbook (under a title, the row that
    looks like the header), layers of a GeoPackage or Shapefiles of an archive that
    ``table`` did not read, with the row it is in: where the columns asked for are, when
    its own lack them. One that cannot be read is left out."""
    if path.suffix.lower() == ".xlsx":
        return _sheet_headers(path, table.other_sheets)
    import pyogrio

    found = {}
    for name in table.other_sheets:
        if table.sheet_word == "Shapefile":
            target, options = f"zip://{path}!{name}", {}
            if used := shapefile_encoding(path, encoding, name):
                options["encoding"] = used
        else:
            target, options = path, {"layer": name}
        try:
            fields = pyogrio.read_info(target, **options)["fields"]
        except Exception:  # noqa: S112 - as reading it would fail: said when it is read
            continue
        found[name] = (["lat", "lon", *(str(f) for f in fields if f not in ("lat", "lon"))], 1)
    return found


def _sheet_headers(path: Path, names: list[str]) -> dict[str, tuple[list[str], int]]:
    from openpyxl import load_workbook

    found = {}
    book = load_workbook(path, read_only=True, data_only=False)
    try:
        for name in names:
            head = itertools.islice(book[name].iter_rows(), MOST_LINES)
            texts = [[_header_text(c.value) for c in cells] for cells in head]
            if title := title_above_header(enumerate(texts, start=1)):
                found[name] = (title.header, title.header_line)
            elif texts:
                found[name] = ([t for t in texts[0] if t], 1)
    finally:
        book.close()
    return found


def _header_text(value) -> str:
    return "" if value is None else str(value).strip()


def read_as(read) -> str | None:
    """How a file was read, for a report or --inspect (``read``: a Table or an import
    report, which carry the same fields): encoding, delimiter, CRS, the sheet read and the
    visible ones that were not."""
    details = [
        f"encoding {read.encoding}" if read.encoding else None,
        f"delimiter {read.delimiter!r}" if read.delimiter else None,
        f"CRS {read.crs}" if read.crs else None,
    ]
    if read.sheet is not None:
        others = ", ".join(map(repr, read.other_sheets))
        details.append(
            f"{read.sheet_word} {read.sheet!r}"
            + (f" (not read: {others}; choose with --sheet)" if others else "")
        )
    shown = [d for d in details if d]
    return ", ".join(shown) if shown else None


def _sheet_to_read(book, name: str | None = None):
    """The sheet named (--sheet), else the one the workbook opens on, as a person sees it;
    a hidden one never unless named (a workbook saved with a hidden sheet active opens on
    its first visible sheet)."""
    if name is not None:
        if name not in book.sheetnames:
            raise ImportFileError(
                f"--sheet {name!r}: the workbook's sheets are "
                + ", ".join(map(repr, book.sheetnames))
            )
        return book[name]
    visible = _visible_sheets(book)
    if not visible:
        raise ImportFileError("the workbook has no visible sheet")
    active = book.active
    return active if active in visible else visible[0]


def _visible_sheets(book) -> list:
    return [s for s in book.worksheets if getattr(s, "sheet_state", "visible") == "visible"]


# Quoted text, [colour]/[locale] parts and escaped characters in a number format say
# nothing of which parts of a date it shows.
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


# Numbers that may be years a register holds (births from 1850, monuments until 2100):
# typed into a cell formatted to show a year, Excel takes them as day counts (1915 shows
# as 1905, 1967 too). Such a cell cannot be told from a date of early 1905 so formatted.
_YEAR_LIKE_DAY_COUNTS = range(1850, 2101)
EXCEL_EPOCH = SPREADSHEET_DAY_0


def _date_text(value, number_format: str | None, epoch=EXCEL_EPOCH) -> str:
    """A date cell as the sheet shows it: a cell formatted to show a month and year
    ("06.1944") or a year alone holds a whole date only because Excel must store one,
    and its day (and month) were never written; a time alone is not a date at all."""
    shown = _FORMAT_NOISE.sub("", (number_format or "").lower())
    if isinstance(value, datetime.time):
        return value.isoformat()
    has_year, has_day = "y" in shown, "d" in shown
    if has_year and not has_day and "m" not in shown:
        since = datetime.datetime(value.year, value.month, value.day) - epoch
        midnight = not isinstance(value, datetime.datetime) or value.time() == datetime.time()
        if midnight and since.days in _YEAR_LIKE_DAY_COUNTS:
            return RefusedCell(
                value.strftime("%d.%m.%Y"),
                f"the cell shows the year {value.year}, and holds {value:%d.%m.%Y}: either "
                f"that date, or the number {since.days} typed as a year, which Excel counts "
                "as days; type the year or the date again with the column formatted as text "
                "or numbers",
            )
    if not has_year and not has_day and ("h" in shown or "s" in shown):
        return value.strftime("%H:%M:%S")  # a time format on a date-time
    # Only the parts Excel fills in itself (the 1st, January) are left out: a day or
    # month someone wrote is kept even where the format hides it.
    if has_year and not has_day and value.day == 1:
        if "m" in shown:
            return value.strftime("%m.%Y")
        if value.month == 1:
            return value.strftime("%Y")
    return value.strftime("%d.%m.%Y")


# A spreadsheet keeps 15 significant digits: a longer number (a record id typed as a
# number) comes back with other digits at its end.
EXACT_DIGITS = 15
_ZERO_PADDED = re.compile(r"0+")


def _number_text(value: int | float, number_format: str | None) -> str:
    """A number cell as the sheet shows its digits: a whole number formatted "000" shows
    as 004 (an id with its zeros), and one Excel could not keep exactly is refused."""
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    if abs(value) >= 10**EXACT_DIGITS:
        return RefusedCell(
            f"{value:.15g}",
            f"the number {value:.15g} has more digits than a spreadsheet keeps "
            f"({EXACT_DIGITS}): its last digits are lost; format the column as text and "
            "type the number again",
        )
    digits = str(int(value))
    if number_format and _ZERO_PADDED.fullmatch(number_format) and value >= 0:
        return digits.zfill(len(number_format))
    return digits


def _xlsx_cell(cell, epoch=EXCEL_EPOCH) -> str:
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        return Formula(value if isinstance(value, str) else str(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_text(value, getattr(cell, "number_format", None))
    if isinstance(value, datetime.date | datetime.time):
        return _date_text(value, getattr(cell, "number_format", None), epoch)
    return str(value)


def _xlsx_rows(rows, columns: list[str], book, problems: list[Problem]):
    epoch = getattr(book, "epoch", EXCEL_EPOCH)  # a workbook may count from 1904
    try:
        for number, cells in enumerate(rows, start=2):
            values = [_xlsx_cell(c, epoch) for c in cells][: len(columns)]
            values += [""] * (len(columns) - len(values))
            if not any(v.strip() for v in values):
                continue
            row = dict(zip(columns, values, strict=True))
            if _refuse_nul(number, row, problems):
                continue
            yield number, row
    finally:
        book.close()


def _refuse_nul(number: int, row: dict[str, str], problems: list[Problem]) -> bool:
    """A NUL character cannot be stored anywhere (not even in the row's provenance):
    the row is refused, naming the column."""
    for column, value in row.items():
        if "\x00" in value:
            problems.append(
                Problem(number, column, "contains a NUL character, which cannot be stored")
            )
            return True
    return False


# --- GeoJSON, GeoPackage, zipped Shapefile ---------------------------------------------


_JSON_NUL = (b"\\u0000", b"\x00")


def _refuse_json_bytes(path: Path) -> None:
    """One pass over a GeoJSON file's bytes. A NUL character, which GDAL cuts a string at
    (\\u0000) without a word, is refused rather than stored as shortened text; and a file
    not in UTF-8 (saved in a code page, cp1251) is said to be so, with the way out,
    rather than as a decoder's complaint about "position 0"."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    tail, offset = b"", 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            window = tail + block
            if any(marker in window for marker in _JSON_NUL):
                raise ImportFileError(
                    f"{path.name}: contains a NUL character (\\u0000), which cannot be "
                    "stored; remove it from the file"
                )
            tail = window[-8:]
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                _refuse_json_not_utf8(path, offset + max(exc.start, 0))
            offset += len(block)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        _refuse_json_not_utf8(path, offset)


def _refuse_json_not_utf8(path: Path, bad: int) -> None:
    with path.open("rb") as fh:
        head = fh.read(200_000)
    try:
        looks = likeliest_encoding(head)
    except AmbiguousCodePage:
        looks = "cp1251 or kz1048"
    told = f" (it looks like {looks})" if looks and looks != "utf_8" else ""
    raise ImportFileError(
        f"{path.name}: byte {bad} is not UTF-8{told}; a GeoJSON file is always UTF-8: save "
        "it again as UTF-8 (in QGIS: Export, Save Features As, encoding UTF-8)"
    )


def _mac_resource(name: str) -> bool:
    return name.startswith("__MACOSX/") or Path(name).name.startswith("._")


def _chosen_shapefile(path: Path, names: list[str], shapefiles: list[str], named: str | None):
    """The archive's one Shapefile, or of several the one --sheet names (by its path in the
    archive, its file name or its name without .shp)."""
    if len(shapefiles) == 1 and named is None:
        return shapefiles[0]
    if named is not None and shapefiles:
        found = [n for n in shapefiles if named in (n, Path(n).name, Path(n).stem)]
        if len(found) == 1:
            return found[0]
        raise ImportFileError(
            f"--sheet {named!r}: the archive's Shapefiles are " + ", ".join(map(repr, shapefiles))
        )
    raise ImportFileError(_zip_without_one_shapefile(path, names, shapefiles))


def _zip_without_one_shapefile(path: Path, names: list[str], shapefiles: list[str]) -> str:
    if shapefiles:
        return (
            f"{path.name}: the archive holds {len(shapefiles)} Shapefiles ("
            + ", ".join(map(repr, shapefiles))
            + "): choose one with --sheet NAME"
        )
    message = f"{path.name}: a zipped Shapefile must hold a .shp (found none)"
    tables = [n for n in names if Path(n).suffix.lower() in _OTHER_FORMATS]
    if tables:
        # A list zipped to be sent (list.csv.zip): it is read as itself, unzipped.
        shown = ", ".join(tables[:3]) + (f" and {len(tables) - 3} more" if len(tables) > 3 else "")
        message += f"; it holds {shown}: unzip it and import that file"
    return message


_OTHER_FORMATS = (".csv", ".tsv", ".txt", ".xlsx", ".geojson", ".json", ".gpkg")


def _read_geodata(path: Path, encoding: str | None = None, layer: str | None = None) -> Table:
    import geopandas as gpd

    if path.suffix.lower() in (".geojson", ".json"):
        _refuse_json_bytes(path)
    target, options = path, {}
    chosen, others = None, []  # of an archive of several Shapefiles
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if not n.endswith("/")]
        except zipfile.BadZipFile:
            raise ImportFileError(f"{path.name}: not a readable zip archive") from None
        # A Mac's archive carries each file's resource fork as __MACOSX/._NAME: not data.
        names = [n for n in names if not _mac_resource(n)]
        shapefiles = [n for n in names if n.lower().endswith(".shp")]
        chosen = _chosen_shapefile(path, names, shapefiles, layer)
        target = f"zip://{path}!{chosen}"
        if used := shapefile_encoding(path, encoding, chosen):
            options["encoding"] = used
        if len(shapefiles) > 1:  # said as a GeoPackage's layers are
            others = [n for n in shapefiles if n != chosen]
        layer = None
    layers = _layers(path, target, layer)
    if layers:
        options["layer"] = layers[0]
    try:
        with warnings.catch_warnings():
            # GDAL's notes on features it reads as empty (coordinates: []) went to the
            # terminal as Python warnings; such rows are reported, row by row, as having
            # no coordinates.
            warnings.filterwarnings(
                "ignore", ".*Invalid coord dimension", RuntimeWarning, module="pyogrio"
            )
            # And geopandas' on list properties it leaves as text: kept as written anyway.
            warnings.filterwarnings("ignore", "Could not parse column", UserWarning)
            frame = gpd.read_file(target, **options)
    except Exception as exc:  # pyogrio raises several kinds for malformed files
        raise ImportFileError(f"{path.name}: cannot be read as geodata ({exc})") from None
    if len(frame) == 0:
        raise ImportFileError(f"{path.name}: holds no features (nothing to import)")
    crs = frame.crs.to_string() if frame.crs is not None else None
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        try:
            frame = frame.to_crs(4326)
        except Exception as exc:
            raise ImportFileError(f"{path.name}: cannot transform from {crs} ({exc})") from None
    columns = [c for c in frame.columns if c != "geometry"]
    table = Table(
        # The geometry's coordinates come first: a property such as `latitude` is read
        # only where a feature has no geometry (columns.ColumnMap.also_named).
        columns=["lat", "lon", *(c for c in columns if c not in ("lat", "lon"))],
        rows=iter(()),
        crs=crs,
        encoding=options.get("encoding"),
        sheet=layers[0] if len(layers) > 1 or layer else None,
        other_sheets=layers[1:],
        sheet_word="layer",
        feature_points=FeaturePoints(),
    )
    if others:  # one Shapefile of several: each is a list of its own
        table.sheet, table.other_sheets, table.sheet_word = chosen, others, "Shapefile"
    written = _geojson_features(path, len(frame))
    table.rows = _geo_rows(frame, columns, table, written)
    return table


def _layers(path: Path, target, named: str | None) -> list[str]:
    """A GeoPackage's layers, the one to read first (the one named with --sheet, else
    its first); empty for a file of one layer that names none."""
    if path.suffix.lower() != ".gpkg":
        if named:
            raise ImportFileError(f"{path.name}: --sheet is for XLSX sheets and GeoPackage layers")
        return []
    import pyogrio

    try:
        layers = [str(name) for name, _geometry in pyogrio.list_layers(target)]
    except Exception as exc:  # as reading would fail: say so there
        raise ImportFileError(f"{path.name}: cannot be read as geodata ({exc})") from None
    if named is None:
        return layers if len(layers) > 1 else []
    if named not in layers:
        raise ImportFileError(
            f"--sheet {named!r}: the GeoPackage's layers are " + ", ".join(map(repr, layers))
        )
    return [named, *(n for n in layers if n != named)]


GEOJSON_AS_WRITTEN_BYTES = 200 * 1024**2


_GEOMETRY_TYPES = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
    "GeometryCollection",
}  # fmt: skip


def _geojson_features(path: Path, features: int) -> list[dict] | None:
    """A GeoJSON file's features as written. GDAL gives a property one type for the whole
    file, so a `true` among numbers became 1 and "012" among numbers 12: the values are
    read from the JSON itself, in the features' order (GDAL keeps it); and it reads a
    Point without coordinates as no geometry at all."""
    if path.suffix.lower() not in (".geojson", ".json"):
        return None
    if path.stat().st_size > GEOJSON_AS_WRITTEN_BYTES:
        return None  # read twice in memory, a very large file would not fit
    try:
        document = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError:
        return None
    if isinstance(document, dict) and document.get("type") in _GEOMETRY_TYPES:
        raise ImportFileError(
            f"{path.name}: a bare {document['type']}, not features: a place is a Feature, "
            'its point with its properties (name, kind): {"type": "FeatureCollection", '
            '"features": [{"type": "Feature", "geometry": ..., "properties": {"name": ...}}]}'
        )
    found = document.get("features") if isinstance(document, dict) else None
    if not isinstance(found, list):
        return None
    _refuse_nested_collections(path, found)
    if len(found) != features:
        return None
    return [f if isinstance(f, dict) else {} for f in found]


def _refuse_nested_collections(path: Path, features: list) -> None:
    """GDAL skips an item of "features" that is not a Feature (a FeatureCollection inside
    the collection) without a word: its places would be lost unsaid."""
    for number, feature in enumerate(features, start=1):
        kind = feature.get("type") if isinstance(feature, dict) else type(feature).__name__
        if kind != "Feature":
            raise ImportFileError(
                f'{path.name}: item {number} of "features" is a {kind}, not a Feature, and '
                "would not be read (a collection inside the collection?): list its features "
                'in the top-level "features" and import again'
            )


def _geo_rows(frame, columns: list[str], table: Table, written=None):
    for index, (_, record) in enumerate(frame.iterrows(), start=1):
        feature = written[index - 1] if written is not None else {}
        own = feature.get("properties") or {}
        values = {c: _text(own[c]) if c in own else _text(record[c]) for c in columns}
        if _refuse_nul(index, values, table.problems):
            continue
        geom = record.geometry
        if _no_geometry(geom):
            # Properties named lat and lon, where the feature has them, place it.
            values["lat"], values["lon"] = values.get("lat", ""), values.get("lon", "")
            if values["lat"] or values["lon"]:
                table.feature_points.by_properties.add(index)
            else:
                table.feature_points.missing[index] = _no_point_said(geom, feature)
        elif (point := _the_point(geom)) is None:
            table.problems.append(Problem(index, GEOMETRY, _not_a_point(geom)))
            table.refused[index] = values
            continue
        else:
            values["lat"], values["lon"] = repr(point.y), repr(point.x)
        yield index, values


def _the_point(geom):
    """The point a geometry is: a Point, or a MultiPoint of one point."""
    if geom.geom_type == "Point":
        return geom
    if geom.geom_type == "MultiPoint" and len(geom.geoms) == 1:
        return geom.geoms[0]
    return None


def _not_a_point(geom) -> str:
    return (
        f"the feature's geometry is a {geom.geom_type}, not a Point: a place is stored as one "
        "point; give this "
        "feature the point of the grave or memorial (in GIS, e.g. QGIS's \"Point on "
        'Surface"), with the precision that says how exact it is'
    )


def _no_point_said(geom, written: dict) -> str:
    """What a geometry without a point is: null, or an empty one of its type. GDAL reads
    a GeoJSON Point without coordinates as null: the file says which."""
    if hasattr(geom, "is_empty"):
        return f"an empty {geom.geom_type}"
    shape = written.get("geometry")
    if not isinstance(shape, dict) or shape.get("type") not in _GEOMETRY_TYPES:
        return "null"
    if shape.get("coordinates", shape.get("geometries")) in ([], None):
        return f"an empty {shape['type']}"
    return f"a {shape['type']} whose coordinates cannot be read"


def _no_geometry(geom) -> bool:
    """A null geometry reaches us as None or as a float NaN, depending on the reader."""
    return geom is None or not hasattr(geom, "is_empty") or geom.is_empty


def _text(value) -> str:
    if hasattr(value, "tolist"):  # numpy scalars and arrays (a JSON list property)
        value = value.tolist()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # as JSON writes it
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
