"""Generated persons, imported, exported and imported again (CSV and XLSX), export the
same: no cell is lost or changed on the way, whatever its text (formula-like starts,
quotes, separators, apostrophes, Kazakh and Belarusian letters, long text), the sources
cited for each record and a person's record source and id included."""

import io
import itertools
import json

from hypothesis import assume, given
from hypothesis import strategies as st
from sqlalchemy import text

from mapapp.exports import (
    BATTLE_COLUMNS,
    PERSON_COLUMNS,
    SITE_COLUMNS,
    rows,
    write_csv,
    write_geo,
    write_xlsx,
)
from mapapp.importers.batches import undo_batch
from tests.helpers import fuzz

FUZZ = fuzz(40)

LETTERS = "АаБбЁёЙйЎўІіӘәҒғҚқҢңӨөҰұҮүҺһAaZz0159"
BODY = st.one_of(
    st.text(alphabet=LETTERS + " -'\".,;:()«»№", min_size=1, max_size=25),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=25),
    st.sampled_from(["1+1", "SUM(A1)", "цитата", "0012", "1e5"]),
    st.integers(300, 5_000).map(lambda n: "Ж" * n),
)
# Starts a spreadsheet would run, or that an export protects with an apostrophe.
PREFIX = st.sampled_from(["", "", "", "=", "+", "-", "@", "'", "'-", "''"])
# Trimmed, as the importer keeps every cell (its own tests cover the trimming).
TEXT = st.builds(lambda prefix, body: (prefix + body).strip(), PREFIX, BODY).filter(bool)
FORMATS = st.sampled_from(["csv", "xlsx", "geojson", "gpkg"])
DATE = st.sampled_from(["", "1902", "__.__.1902", "03.1912", "22.06.1944", "29.02.1944"])
_refs = (f"test:round:{n}" for n in itertools.count())
PERSON_TEXT = [
    "surname", "given_name", "patronymic", "birthplace", "rank", "biography", "home_region",
    "callup_place",
]  # fmt: skip


# A source's parts, as a sources cell names them.
CITED_PARTS = ("citation", "url", "archive", "fond", "opis", "delo", "record_id")
# The most characters of each part of a source drawn: what fond, opis and delo hold, and
# short enough that three sources in JSON's \u escapes fit in a cell (10,000 characters).
PART_CHARS = {"fond": 50, "opis": 50, "delo": 50}
# Citations holding what a list of several could be split at, or a JSON cell's syntax.
CITATION = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "ЦАМО; ф. 58, оп. 18001, д. 123",
            'Книга памяти "Дубровенский район" | т. 1 / с. 5',
            '"}, {"citation": "x',
            "[1] ОБД «Мемориал», донесение № 17",
            '=HYPERLINK("x")\nвторая строка',
        ]
    ),
)


@st.composite
def _source(draw) -> dict:
    source = {"citation": draw(CITATION)[:60]}
    for part in draw(st.sets(st.sampled_from(CITED_PARTS[1:]), max_size=4)):
        source[part] = draw(TEXT)[: PART_CHARS.get(part, 60)]
    return source


def _sources_cell(draw) -> tuple[str, set]:
    """A sources cell as a person may write one (any order, JSON's escapes or none), and
    the sources it cites, as compared (_cited)."""
    sources = draw(st.lists(_source(), max_size=3))
    cell = json.dumps(sources, ensure_ascii=draw(st.booleans())) if sources else ""
    return cell, _cited(sources)


def _cited(sources) -> set:
    return {tuple(s.get(p) for p in CITED_PARTS) for s in sources or ()}


@st.composite
def _person(draw):
    cell = {c: "" for c in PERSON_COLUMNS}
    cell.update(ref=next(_refs), surname=draw(TEXT), site_ref="site:shukhovtsy")
    cell["is_fictional"] = "да"
    cell["lat"] = cell["lon"] = None  # a person's point is their site's, as exports write
    for column in draw(
        st.sets(
            st.sampled_from(
                ["given_name", "patronymic", "birthplace", "rank", "unit", "biography",
                 "home_region", "callup_place", "grave", "brigade"]
            ),
            max_size=5,
        )
    ):  # fmt: skip
        value = draw(TEXT)
        cell[column] = value[:30] if column == "grave" else value[:300]
    cell["birth_date"], cell["death_date"] = draw(DATE), draw(DATE)
    if draw(st.booleans()):  # a record id, and whose (or the file's) it is
        cell["record_id"] = draw(TEXT)[:100]
        cell["record_source"] = draw(st.one_of(st.just(""), TEXT))
    cell["sources"], cell["_cited"] = _sources_cell(draw)
    return cell


def _exported(engine, refs) -> dict[str, dict]:
    with engine.connect() as conn:
        return {r["ref"]: r for r in rows(conn, "persons") if r["ref"] in refs}


def _stored(engine, refs) -> dict[str, dict]:
    """What is stored of each person, as stored (an export writes some text with an
    apostrophe in front, so comparing exports alone could miss a change)."""
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT p.ref, to_jsonb(p) - 'id' - 'import_batch_id' - 'import_row' "
                "- 'import_source' AS person, to_jsonb(b) - 'id' - 'person_id' "
                "- 'import_batch_id' AS burial, "
                "(SELECT array_agg(f.name ORDER BY f.name) FROM partisan_memberships m "
                " JOIN partisan_units f ON f.id = m.unit_id WHERE m.person_id = p.id) "
                "AS formations, "
                f"({_SOURCES.format(link='person_sources', key='person_id', owner='p')}) "
                "AS sources "
                "FROM persons p LEFT JOIN burials b ON b.person_id = p.id WHERE p.ref = ANY(:refs)"
            ),
            {"refs": list(refs)},
        ).all()
    return {
        ref: (person, burial, units, _cited(cited)) for ref, person, burial, units, cited in found
    }


# The sources a record cites, each as its parts.
_SOURCES = (
    "SELECT jsonb_agg(to_jsonb(src) - 'id' - 'ref' - 'imported_file' - 'imported_row') "
    "FROM {link} x JOIN sources src ON src.id = x.source_id WHERE x.{key} = {owner}.id"
)


def _file(records, fmt, path, columns=PERSON_COLUMNS):
    if fmt == "csv":
        out = io.StringIO()
        write_csv(records, columns, out)
        path.write_text(out.getvalue(), encoding="utf-8")
    elif fmt == "xlsx":
        write_xlsx(records, columns, path)
    else:
        write_geo(records, columns, path, {"geojson": "GeoJSON", "gpkg": "GPKG"}[fmt])
    return path


_names = (f"r{n}" for n in itertools.count())


@FUZZ
@given(
    persons=st.lists(_person(), min_size=1, max_size=4),
    fmt=FORMATS,
)
def test_import_export_import_keeps_every_cell(run, engine, tmp_path, persons, fmt):
    first_file = _file(persons, fmt, tmp_path / f"{next(_names)}.{fmt}")
    first = run("persons", first_file)
    refs = {p["ref"] for p in persons}
    # A refused file is the import's own tests' matter; hypothesis fails the test
    # (filter_too_much) if most files were refused, so it cannot pass by refusing.
    assume(first.committed)
    exported, stored = _exported(engine, refs), _stored(engine, refs)
    assert len(exported) == len(stored) == first.added
    for person in persons:  # stored exactly as generated, whatever its first characters
        kept, _, _, cited = stored[person["ref"]]
        for column in PERSON_TEXT:
            assert kept[column] == (person[column] or None), column
        assert cited == person["_cited"]
        assert kept["record_id"] == (person["record_id"] or None)
        # A row's record source where it gives one, else the file's name.
        own = person["record_source"] or (first_file.name if person["record_id"] else None)
        assert kept["record_source"] == own
    undo_batch(engine, first.batch_id)
    path = _file(exported.values(), fmt, tmp_path / f"{next(_names)}.{fmt}")
    second = run("persons", path)
    assert second.committed and second.added == len(exported), second.problems[:2]
    assert _exported(engine, refs) == exported
    assert _stored(engine, refs) == stored
    undo_batch(engine, second.batch_id)
    units = [p["unit"] for p in persons if p["unit"]]
    with engine.begin() as conn:  # undo keeps units; these are the test's own
        conn.execute(
            text(
                "DELETE FROM units u WHERE u.name = ANY(:names) "
                "AND NOT EXISTS (SELECT 1 FROM persons p WHERE p.unit_id = u.id)"
            ),
            {"names": [u.strip() for u in units]},
        )


COORDINATE = st.tuples(
    st.floats(23.2, 32.7, allow_nan=False).map(lambda x: round(x, 7)),
    st.floats(51.3, 56.1, allow_nan=False).map(lambda y: round(y, 7)),
)
# Kind -> (table, export columns, text columns: the first one required, the others drawn).
PLACES = {
    "sites": (
        "burial_sites",
        SITE_COLUMNS,
        ["name", "name_ru", "name_be", "district", "settlement", "description", "condition"],
    ),
    "battles": (
        "battle_locations",
        BATTLE_COLUMNS,
        ["name", "name_en", "operation", "period", "description", "units"],
    ),
}


@st.composite
def _place(draw, kind: str):
    _, columns, texts = PLACES[kind]
    cell = {c: "" for c in columns}
    lon, lat = draw(COORDINATE)
    cell.update(ref=next(_refs), name=draw(TEXT), lon=lon, lat=lat)
    for column in draw(st.sets(st.sampled_from(texts[1:]), max_size=4)):
        cell[column] = draw(TEXT)[:300]
    cell["sources"], cell["_cited"] = _sources_cell(draw)
    if kind == "sites":
        cell["kind"] = "mass_grave"
        cell["buried_total"] = draw(st.sampled_from(["", "35", "0", "10 тыс.", "около 300"]))
    else:
        cell["year_from"], cell["year_to"] = draw(st.sampled_from([("", ""), ("1944", "1944")]))
    return cell


def _stored_places(engine, table: str, refs) -> dict[str, tuple]:
    link, key = {"burial_sites": ("site_sources", "site_id")}.get(
        table, ("battle_sources", "battle_id")
    )
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT ref, to_jsonb(s) - 'id' - 'import_batch_id' - 'import_row' "
                "- 'import_source' - 'geom' AS place, ST_X(geom) AS lon, ST_Y(geom) AS lat, "
                f"({_SOURCES.format(link=link, key=key, owner='s')}) AS sources "
                f"FROM {table} s WHERE ref = ANY(:refs)"
            ),
            {"refs": list(refs)},
        ).all()
    return {ref: (place, (lon, lat), _cited(cited)) for ref, place, lon, lat, cited in found}


@fuzz(60)
@given(data=st.data(), kind=st.sampled_from(list(PLACES)), fmt=FORMATS)
def test_places_import_export_import_keep_every_cell(run, engine, tmp_path, data, kind, fmt):
    table, columns, texts = PLACES[kind]
    places = data.draw(st.lists(_place(kind), min_size=1, max_size=3), label="places")
    first = run(kind, _file(places, fmt, tmp_path / f"{next(_names)}.{fmt}", columns))
    assume(first.committed)
    refs = {p["ref"] for p in places}
    stored = _stored_places(engine, table, refs)
    assert len(stored) == first.added == len(places)
    for place in places:
        kept, point, cited = stored[place["ref"]]
        for column in texts:
            assert kept[column] == (place[column] or None), column
        assert point == (place["lon"], place["lat"])
        assert cited == place["_cited"]
    with engine.connect() as conn:
        exported = [r for r in rows(conn, kind) if r["ref"] in refs]
    undo_batch(engine, first.batch_id)
    second = run(kind, _file(exported, fmt, tmp_path / f"{next(_names)}.{fmt}", columns))
    assert second.committed and second.added == len(places), second.problems[:2]
    assert _stored_places(engine, table, refs) == stored
    undo_batch(engine, second.batch_id)
