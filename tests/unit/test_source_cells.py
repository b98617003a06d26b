"""The sources cell: what an export writes of a record's sources reads back the same."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapapp.importers.source_cells import CITED_PARTS, read_sources_cell, sources_cell

# Parts as stored: an import strips every cell it reads, so no stored part is padded.
PART = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=20).filter(
    lambda part: part == part.strip()
)
# A citation says something (a blank one is refused: no import stores one).
SOURCE = st.fixed_dictionaries(
    {"citation": PART.filter(str.strip)}, optional={p: PART for p in CITED_PARTS[1:]}
)


def _parts(sources) -> set:
    return {tuple(s.get(p) for p in CITED_PARTS) for s in sources}


@given(st.lists(SOURCE, max_size=5))
def test_a_cell_reads_back_as_the_sources_it_was_written_of(sources):
    cell = sources_cell(sources)
    if not sources:
        assert cell is None  # an empty cell
        return
    read = read_sources_cell(cell)
    assert _parts(read) == _parts(sources)
    assert len(read) == len(_parts(sources))  # each once
    assert sources_cell(read) == cell  # and written again, the same cell


def test_citations_holding_separators_and_json_syntax_keep_them():
    tricky = [
        {"citation": 'Книга памяти; т. 2, с. 14 | "Дубровно"'},
        {"citation": '"}, {"citation": "x', "fond": "58"},
        {"citation": "[1] ОБД\\n", "url": "https://example.org/?a=1;b=2"},
    ]
    cell = sources_cell(tricky)
    assert cell.startswith("[{") and "\n" not in cell
    assert _parts(read_sources_cell(cell)) == _parts(tricky)


def test_the_cell_names_only_the_parts_a_source_has_in_a_fixed_order():
    """Sources in the order of their parts (citation first), parts in CITED_PARTS order."""
    cell = sources_cell(
        [
            {"delo": "123", "citation": "ЦАМО", "fond": "58", "archive": "ЦАМО", "url": None},
            {"citation": "Акт 1992"},
        ]
    )
    assert cell == (
        '[{"citation": "Акт 1992"}, '
        '{"citation": "ЦАМО", "archive": "ЦАМО", "fond": "58", "delo": "123"}]'
    )


def test_a_cell_of_plain_text_is_one_citation():
    (source,) = read_sources_cell("ЦАМО, ф. 58, оп. 18001, д. 123")
    assert source["citation"] == "ЦАМО, ф. 58, оп. 18001, д. 123"
    assert all(source[p] is None for p in CITED_PARTS[1:])


def test_a_fond_given_as_a_number_is_its_text_and_empty_parts_are_none():
    (source,) = read_sources_cell('[{"citation": "ЦАМО", "fond": 58, "opis": ""}]')
    assert (source["fond"], source["opis"]) == ("58", None)


def test_a_padded_part_is_read_as_a_source_column_s_cell_is():
    (source,) = read_sources_cell('[{"citation": " ЦАМО ", "fond": " 58", "opis": "  "}]')
    assert (source["citation"], source["fond"], source["opis"]) == ("ЦАМО", "58", None)
    assert source == read_sources_cell('[{"citation": "ЦАМО", "fond": "58"}]')[0]


def test_the_same_source_twice_is_cited_once():
    cell = json.dumps([{"citation": "ЦАМО", "fond": "58"}] * 2)
    assert len(read_sources_cell(cell)) == 1


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("[", "begins with [ but is no JSON"),
        ("{}", "begins with { but is not a JSON list of sources"),
        ('[{"citation": "x", "states": "y"}]', "source 1 has 'states', which is no part"),
        ('[{"citation": " "}]', "source 1 has no citation"),
        ('[{"citation": true}]', "its citation is true, not text"),
        ('[{"citation": "x", "record_id": "' + "1" * 101 + '"}]', "longer than 100"),
        ('[{"citation": "\\u001b"}]', "its citation contains control character U+001B"),
    ],
)
def test_a_cell_that_is_no_list_of_sources_says_why(cell, reason):
    with pytest.raises(ValueError) as raised:
        read_sources_cell(cell)
    assert reason in str(raised.value)


def test_a_cited_source_is_keyed_by_its_parts():
    one = read_sources_cell('[{"citation": "ЦАМО", "fond": "58"}]')[0]["ref"]
    same = read_sources_cell('[{"fond": "58", "citation": "ЦАМО"}]')[0]["ref"]
    other = read_sources_cell('[{"citation": "ЦАМО", "opis": "58"}]')[0]["ref"]
    assert one == same != other and one.startswith("src:")
