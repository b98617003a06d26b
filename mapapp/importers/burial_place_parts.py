"""A burial place cell that writes more than a site's name, as registers do:
"Витебская обл., Дубровенский р-н, д. Шуховцы", "Братская могила, д. Ляды",
"г. Дубровно, воинское кладбище", "Братская могила д. Ляды", "Ляды ауылы".

The cell is split into its region, district, settlement and the kind of grave it
names, so that the site can be looked up as a settlement's site in its district,
of that kind. A part that is none of these (a street, "у школы") makes the cell
unreadable this way: it is then not split at all, and the row is refused as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mapapp.importers.site_kind_cells import phrase_kind

_PARTS = re.compile(r"\s*[,;]\s*")
# "Братская могила д. Ляды": a settlement's type after other words begins a part.
_SETTLEMENT_STARTS = re.compile(
    r"\s+(?=(?:дер|д|г|гор|пос|п|с|аг|в|г\.\s*п|х)\.\s*\w)|\s+(?=(?:деревня|город|посёлок|"
    r"поселок|село|вёска|веска|горад|хутор)\s)",
    re.IGNORECASE,
)
_REGION = re.compile(r"(?<!\w)(?:обл|область|области|вобл|вобласць|облысы)(?!\w)", re.IGNORECASE)
_DISTRICT = re.compile(r"(?<!\w)(?:р-н|р-на|район|раён|ауданы)(?!\w)", re.IGNORECASE)
_SETTLEMENT_TYPE = re.compile(
    r"^(?:дер|д|г|гор|пос|п|с|аг|в|г\.\s*п|х)\.\s*\w|^(?:деревня|город|посёлок|поселок|село|"
    r"вёска|веска|горад|хутор)\s",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PlaceParts:
    settlement: str
    district: str | None = None  # with its region after it, when the cell gives one
    kind: str | None = None


def burial_place_parts(cell: str) -> PlaceParts | None:
    """The parts of a cell naming a settlement with its district, region or kind of
    grave; None when the cell is not of that form (one part only, two settlements,
    parts that are none of these)."""
    parts = [p for piece in _PARTS.split(cell.strip()) for p in _SETTLEMENT_STARTS.split(piece)]
    parts = [p.strip() for p in parts if p.strip()]
    if len(parts) < 2:
        return None
    settlements, districts, regions, kinds = [], [], [], []
    for part in parts:
        if _REGION.search(part):
            regions.append(part)
        elif _DISTRICT.search(part):
            districts.append(part)
        elif (kind := phrase_kind(part.lower().replace("ё", "е"))) and not _SETTLEMENT_TYPE.search(
            part
        ):
            kinds.append(kind)
        elif _SETTLEMENT_TYPE.search(part) or len(part.split()) == 1:
            settlements.append(part)
        else:
            return None  # "у школы", a street: not a part this reads
    if len(settlements) != 1 or len(districts) > 1 or len(regions) > 1 or len(kinds) > 1:
        return None
    if "civil_cemetery" in kinds:
        return None  # a village cemetery is not one of the site kinds
    if regions and not districts:
        return None  # "Гомельская обл., д. Ляды": which Ляды is not known by the region alone
    district = ", ".join([*districts, *regions]) if districts else None
    return PlaceParts(settlements[0], district, kinds[0] if kinds else None)
