"""The sources cited for a record, in one cell: the form exports write and imports read.

The cell is a JSON list with one object per source, its parts by name and only those it
has, e.g. ``[{"citation": "ЦАМО", "archive": "ЦАМО", "fond": "58", "opis": "18001",
"delo": "123"}]``. JSON quotes each text, so a citation holding commas, semicolons,
brackets or quotes reads back as it was written, and no separator needs escaping by
hand. An exported cell lists a record's sources in the order of their parts (citation
first), each once, so that import -> export gives the same cell. A cell that begins with
neither ``[`` nor ``{`` is one source, the cell's text its citation (a source typed by
hand); an empty cell cites none.

A source is the same as a stored one when every part is the same (``sources.link_cited``
finds it by them): the file carries no key of its own for a source.
"""

from __future__ import annotations

import hashlib
import json

from mapapp.importers.values import _refuse_control_characters
from mapapp.models import Source

# A source's parts, in the order a cell writes them.
CITED_PARTS = ("citation", "url", "archive", "fond", "opis", "delo", "record_id")
# The most characters a part holds (fond, opis, delo, record_id), read from the model.
_LIMITS = {
    part: Source.__table__.c[part].type.length
    for part in CITED_PARTS
    if getattr(Source.__table__.c[part].type, "length", None)
}
FORM = (
    'a JSON list of sources, as exports write it: [{"citation": "...", "archive": "...", '
    '"fond": "...", "opis": "...", "delo": "..."}] (parts: ' + ", ".join(CITED_PARTS) + ")"
)


def sources_cell(sources) -> str | None:
    """The cell of a record's ``sources`` (dicts of their parts; None for none)."""
    distinct: dict[tuple, dict] = {}
    for source in sources or ():
        parts = {p: source[p] for p in CITED_PARTS if source.get(p) is not None}
        distinct.setdefault(tuple(parts.get(p) or "" for p in CITED_PARTS), parts)
    if not distinct:
        return None
    return json.dumps([distinct[k] for k in sorted(distinct)], ensure_ascii=False)


def read_sources_cell(text: str) -> list[dict]:
    """The sources a cleaned, non-empty cell cites, each with the parts of
    ``CITED_PARTS`` (None where it has none) and its ``ref``; ValueError says what is
    wrong with a cell that is not such a list."""
    first = text[:1]
    if first not in ("[", "{"):
        return [_cited({"citation": text})]
    try:
        items = json.loads(text)
    except ValueError as exc:
        raise ValueError(
            f"begins with {first} but is no JSON ({exc.msg} at character {exc.pos + 1}): "
            f"the cell is read as {FORM}"
        ) from None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ValueError(f"begins with {first} but is not {FORM}")
    cited: dict[str, dict] = {}
    for number, item in enumerate(items, start=1):
        source = _cited(item, number)
        cited.setdefault(source["ref"], source)
    return list(cited.values())


def _cited(item: dict, number: int = 1) -> dict:
    unknown = [key for key in item if key not in CITED_PARTS]
    if unknown:
        raise ValueError(
            f"source {number} has {', '.join(map(repr, unknown))}, which is no part of a "
            f"source (its parts: {', '.join(CITED_PARTS)})"
        )
    parts = {part: _part(item.get(part), part, number) for part in CITED_PARTS}
    if parts["citation"] is None or not parts["citation"].strip():
        raise ValueError(f"source {number} has no citation (each source needs one)")
    return {"ref": cited_ref(parts), **parts}


def _part(value, part: str, number: int) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # a fond typed as a number
    if isinstance(value, str):
        value = value.strip()  # " ЦАМО" is ЦАМО, as a source column's cell is read
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"source {number}: its {part} is {json.dumps(value)}, not text")
    if not value.isprintable():
        try:
            _refuse_control_characters(value)
        except ValueError as exc:
            raise ValueError(f"source {number}: its {part} {exc}") from None
    limit = _LIMITS.get(part)
    if limit is not None and len(value) > limit:
        raise ValueError(
            f"source {number}: its {part} is longer than {limit} characters, the most it holds"
        )
    return value


def cited_ref(parts: dict) -> str:
    """The ref a cited source is stored under where no stored source has its parts."""
    text = json.dumps(["cited", *(parts.get(p) for p in CITED_PARTS)], ensure_ascii=False)
    return "src:" + hashlib.sha256(text.encode()).hexdigest()[:24]
