"""Check a chunk of person rows column by column.

The cells of a register repeat (names, dates, ranks, places, graves): each distinct
value of a column is checked once, with the very parsers the row-by-row check uses
(``records.check_person``), and the outcome shared by every row that holds it. The
rows come out as tuples ready for the stage, without a record dict per row.

A row with any cell that the common checks do not pass (a problem, or text that needs
more than trimming: control characters, a formula, a leading quote) is handed back
whole, to go through ``check_person``: its problems are reported exactly as they always
were, and a row that turns out good is staged from there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

import orjson

from mapapp.importers import values
from mapapp.importers.awards import check_award_fields, unit_key
from mapapp.importers.field_limits import FIELD_LIMITS
from mapapp.importers.links import SiteResolver
from mapapp.importers.name_cells import (
    check_given_name,
    check_patronymic,
    check_surname,
    split_full_name,
)
from mapapp.importers.readers import MAX_CELL_CHARS
from mapapp.importers.reburials import differing_places, reburial_places
from mapapp.importers.records import (
    DATE_PARSERS,
    PERSON_SOURCE_PARTS,
    PERSON_TEXT_FIELDS,
    RowContext,
    _site_id,
    _source,
    _source_key,
    check_record_id,
    record_refs,
    row_refs,
)
from mapapp.importers.search_index import PERSON_KEY_SOURCES, _cached_area_key, _cached_search_key
from mapapp.importers.source_cells import read_sources_cell
from mapapp.importers.writers import person_unit_ref

# A cell the common checks could not pass: its row goes to check_person.
BAD = object()

_HONOUR_FIELDS = ("awards", "award_date", "feat", "brigade", "detachment")
_LINK_FIELDS = ("site_id", "site_ref", "register_number", "burial_place", "burial_district")


@dataclass
class CheckedChunk:
    stage_rows: list[tuple] = field(default_factory=list)  # in writers.PERSON_STAGE order
    awards: list[tuple] = field(default_factory=list)  # in HONOUR_STAGES["stage_awards"]
    units: list[tuple] = field(default_factory=list)  # in HONOUR_STAGES["stage_units"]
    # Rows for the row-by-row check: (row number, the row as read).
    by_row: list[tuple[int, dict]] = field(default_factory=list)


def _clean_cell(value) -> object:
    """The common cell (printable text of a sane length, no leading quote), trimmed;
    None when empty; BAD for anything else, which ``values.clean`` must judge."""
    if value.__class__ is not str:
        return None if value is None else BAD  # refused cells (formulas ...) are a str subclass
    if len(value) > MAX_CELL_CHARS or not value.isprintable():
        return BAD
    value = value.strip()
    if value[:1] == "'":
        return BAD
    return value or None


def _given_beside_surname(pair: tuple) -> str | None:
    """A given name checked beside its row's surname (check_given_name)."""
    given, surname = pair
    if given is None or given is BAD:
        return given
    return check_given_name(given, surname if surname.__class__ is str else None)


def _each(column: Sequence, parse: Callable) -> list:
    """``parse`` of each distinct value once (None stays None); BAD where it raises
    ValueError or the value is BAD already."""
    outcome: dict = {None: None}
    for value in set(column):
        if value is None or value is BAD:
            continue
        try:
            outcome[value] = parse(value)
        except ValueError:
            outcome[value] = BAD
    outcome[BAD] = BAD
    return list(map(outcome.__getitem__, column))


def _cells(raws: list[dict], columns: list[str]) -> list[list]:
    """The cells of each of ``columns``, a list per column (None where a row lacks it)."""
    if len(columns) > 1:
        try:  # rows of a table all hold every column: taken apart in C
            return [list(cells) for cells in zip(*map(itemgetter(*columns), raws), strict=True)]
        except KeyError:  # rows of geodata may lack properties
            pass
    return [[raw.get(column) for raw in raws] for column in columns]


def _cleaned(column: list) -> list:
    if set(map(type, column)) <= _TEXT_OR_NONE:
        # Every cell plain text or empty: each distinct value is judged once, and the
        # column mapped in C.
        outcome = {v: _clean_cell(v) for v in set(column)}
        return list(map(outcome.__getitem__, column))
    # Keyed by value, a formula and plain text with the same characters would collide:
    # only plain str cells share outcomes, others are judged one by one.
    plain = {v for v in column if v.__class__ is str}
    outcome = {v: _clean_cell(v) for v in plain}
    return [outcome[v] if v.__class__ is str else _clean_cell(v) for v in column]


_TEXT_OR_NONE = {str, type(None)}


def _within(column: list, limit: int) -> list:
    """BAD for each text longer than the field holds (records.RowContext.fields)."""
    return [BAD if v.__class__ is str and len(v) > limit else v for v in column]


_NO_DATE = (None, None, None)


def _dates(column: list, parse) -> list:
    """(year, month, day) of each cell, as the row-by-row check parses it."""
    return [_NO_DATE if d is None else d for d in _each(column, parse)]


def _name_words_key(text: str) -> str:
    """The search key of a ';'-separated list of name variants (as person_name_key)."""
    parts = [v for v in text.split(";") if v.strip()]
    return " ".join(k for k in (_cached_search_key(p) for p in parts if p) if k)


def check_person_chunk(
    ctx: RowContext, chunk: list[tuple[int, dict]], resolver: SiteResolver
) -> CheckedChunk:
    """Check the rows of one chunk; see the module's docstring."""
    n = len(chunk)
    out = CheckedChunk()
    if n == 0:
        return out
    raws = [raw for _, raw in chunk]
    bad = bytearray(n)

    def mark(column: list) -> None:
        if BAD in column:
            for i, v in enumerate(column):
                if v is BAD:
                    bad[i] = 1

    # Field -> cleaned values; a field's further columns fill its empty cells, in order,
    # as RowContext.fields does.
    f: dict[str, list] = {}
    cells = _cells(raws, list(ctx.field_of))
    for (_column, name), values_read in zip(ctx.field_of.items(), cells, strict=True):
        f[name] = _cleaned(values_read)
        mark(f[name])
    first_read: dict[str, list] = {}  # a field's first column alone (for older keys)
    for column, name in ctx.fallback_of.items():
        if name in f and None in f[name]:
            first_read.setdefault(name, f[name])
            further = _cleaned(_cells(raws, [column])[0])
            f[name] = [b if a is None else a for a, b in zip(f[name], further, strict=True)]
            mark(f[name])
    for name, value in ctx.given.items():
        if name != "kind":
            f[name] = [value] * n
    for name, limit in FIELD_LIMITS["persons"].items():
        if name in f:
            f[name] = _within(f[name], limit)
            mark(f[name])
    nothing = [None] * n

    def col(name: str) -> list:
        return f.get(name, nothing)

    surname, given = list(col("surname")), list(col("given_name"))
    patronymic = list(col("patronymic"))
    if "full_name" in f:
        # Each distinct full name split once (BAD where it is refused: the row-by-row
        # check says why).
        split = _each(f["full_name"], split_full_name)
        for i, parts in enumerate(split):
            if not surname[i] and parts is not None:
                if parts is BAD:
                    bad[i] = 1
                    continue
                s, g, p = parts
                surname[i], given[i], patronymic[i] = s, given[i] or g, patronymic[i] or p
    for i, s in enumerate(surname):
        if not s:
            bad[i] = 1
    mark(_each(surname, check_surname))
    mark(_each(list(zip(given, surname, strict=True)), _given_beside_surname))
    mark(_each(patronymic, check_patronymic))
    births, deaths = (_dates(col(n), DATE_PARSERS[n]) for n in ("birth_date", "death_date"))
    fates = _each(col("fate"), values.parse_fate)
    flags = {
        name: _each(col(name), values.parse_flag)
        for name in ("is_hero", "is_partisan", "is_fictional", "on_plaque")
    }
    site_ids = _each(col("site_id"), _site_id)
    record_ids = col("record_id")
    mark(_each(record_ids, check_record_id))
    # A row's own record source (an export's); one without a record id is refused.
    own_sources = col("record_source")
    for i, (own, record_id) in enumerate(zip(own_sources, record_ids, strict=True)):
        if own is not None and record_id is None:
            bad[i] = 1
    cited = _each(col("sources"), read_sources_cell)
    mark(cited)
    reburial_dates = _each(col("reburial_date"), values.text_with_real_dates)
    for column in (births, deaths, fates, *flags.values(), site_ids, reburial_dates):
        mark(column)
    honours = _honours(f, n, bad)
    links = _links(f, site_ids, resolver, n, bad)
    sources = _sources(f, n)

    key = _each(surname, _cached_search_key)
    name_parts = list(
        zip(
            key,
            _each(given, _cached_search_key),
            _each(patronymic, _cached_search_key),
            _each(col("name_variants"), _name_words_key),
            strict=True,
        )
    )
    area_keys = [
        [k or None for k in _each(col(source), _cached_area_key)]
        for source in PERSON_KEY_SOURCES.values()
    ]
    texts = [col(name) for name in PERSON_TEXT_FIELDS]
    variants, birthplace, country, region, district, callup, rank, nationality, bio = texts
    units = col("unit")
    unit_refs = _each(units, person_unit_ref)
    refs = col("ref")
    source_key = _source_key(ctx.record_source)
    ordered = list(f)  # the fields as the row-by-row check orders them (for no-id refs)
    firsts, moved = col("original_burial_place"), col("reburied_from")
    reburied = list(map(_reburial_places, firsts, moved))
    for i, pair in enumerate(zip(firsts, moved, strict=True)):
        if BAD not in pair and differing_places(*pair):
            bad[i] = 1  # two places that differ: the row-by-row check warns of it
    for i, (row, raw) in enumerate(chunk):
        if bad[i]:
            out.by_row.append((row, raw))
            continue
        record_id = record_ids[i]
        record_source = own_sources[i] or ctx.record_source
        older_ref = None
        if refs[i]:
            ref = refs[i]
        elif record_id is not None:
            whose = source_key if own_sources[i] is None else _source_key(record_source)
            ref, older_ref = record_refs(whose, record_id)
        else:
            ref, older_ref = row_refs(
                ((name, f[name][i]) for name in ordered),
                [(name, first_read.get(name, f[name])[i]) for name in ordered],
            )
        honour = honours[i]
        src = sources[i] or {}
        is_hero = bool(flags["is_hero"][i]) or (honour is not None and honour.is_hero)
        is_partisan = bool(flags["is_partisan"][i]) or (honour is not None and honour.is_partisan)
        (by, bm, bd), (dy, dm, dd) = births[i], deaths[i]
        name_key = " ".join(k for k in name_parts[i] if k)
        out.stage_rows.append(
            (
                ref, surname[i], given[i], patronymic[i], variants[i], by, bm, bd,
                birthplace[i], country[i], region[i], district[i], callup[i], rank[i],
                dy, dm, dd, fates[i], nationality[i], is_hero, is_partisan, bio[i],
                bool(flags["is_fictional"][i]), name_key, " ".join(sorted(set(name_key.split()))),
                key[i] or "", area_keys[0][i], area_keys[1][i], area_keys[2][i],
                area_keys[3][i], row, orjson.dumps(raw).decode(), units[i], unit_refs[i],
                links[i], col("plot")[i], col("row")[i], col("grave")[i],
                flags["on_plaque"][i], reburied[i][0], col("reburial_date")[i], reburied[i][1],
                src.get("ref"), src.get("citation"), src.get("url"), src.get("archive"),
                src.get("fond"), src.get("opis"), src.get("delo"), src.get("record_id"),
                record_source if record_id is not None else None, record_id, older_ref,
                orjson.dumps(cited[i]).decode() if cited[i] else None,
            )
        )  # fmt: skip
        if honour is not None:
            _stage_honour(out, ref, row, honour)
    return out


def _reburial_places(first, moved_from) -> tuple:
    if first is BAD or moved_from is BAD:
        return BAD, BAD  # the row is handed over already
    return reburial_places(first, moved_from)


def _honours(f: dict, n: int, bad: bytearray) -> list:
    """Awards and formations, row by row where a row has any (they seldom do)."""
    present = [name for name in _HONOUR_FIELDS if name in f]
    out: list = [None] * n
    if not present:
        return out
    for i in range(n):
        cells = {name: f[name][i] for name in present}
        if bad[i] or not any(v is not None for v in cells.values()):
            continue
        if "is_hero" in f:  # a Hero title among the awards against a hero column saying no
            cells["is_hero"] = f["is_hero"][i]
        checked = check_award_fields(cells)
        if checked.problems or checked.warnings:
            bad[i] = 1  # the row-by-row check reports them
        else:
            out[i] = checked
    return out


def _links(f: dict, site_ids: list, resolver: SiteResolver, n: int, bad: bytearray) -> list:
    """The site each row lies at, resolved once per distinct link; a link that does not
    resolve sends its row to the row-by-row check, which says why."""
    columns = [site_ids, *(f.get(name, [None] * n) for name in _LINK_FIELDS[1:])]
    links = list(zip(*columns, strict=True))
    distinct = [link for link in dict.fromkeys(links) if BAD not in link]
    found = resolver.resolve_all([dict(zip(_LINK_FIELDS, link, strict=True)) for link in distinct])
    site_of = dict(zip(distinct, found, strict=True))
    out = []
    for i, link in enumerate(links):
        site = site_of.get(link, BAD)
        if site is BAD or isinstance(site, str):
            bad[i] = 1
            site = None
        out.append(site)
    return out


def _sources(f: dict, n: int) -> list:
    """The source of each row, worked out once per distinct set of source cells."""
    if not any(name in f for name in PERSON_SOURCE_PARTS):
        return [None] * n
    columns = [f.get(name, [None] * n) for name in PERSON_SOURCE_PARTS]
    outcome: dict = {}
    out = []
    for parts in zip(*columns, strict=True):
        if parts not in outcome:
            cells = dict(zip(PERSON_SOURCE_PARTS, parts, strict=True))
            outcome[parts] = _source(cells, PERSON_SOURCE_PARTS)
        out.append(outcome[parts])
    return out


def _stage_honour(out: CheckedChunk, ref: str, row: int, honour) -> None:
    for a in honour.awards:
        out.awards.append(
            (ref, a["position"], a["title"], a["is_hero_title"], a["date_year"],
             a["date_month"], a["date_day"], a["feat"])
        )  # fmt: skip
    if honour.brigade or honour.detachment:
        out.units.append(
            (ref, row, honour.brigade, unit_key(honour.brigade), honour.detachment,
             unit_key(honour.detachment))
        )  # fmt: skip
