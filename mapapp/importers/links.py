"""Link imported persons to burial sites: by id, ref, register number, or name + district.

A link that cannot be resolved to exactly one site is a problem for that row; it is
never guessed.
"""

from __future__ import annotations

import json
import re

from sqlalchemy import Connection, text

from mapapp.importers.burial_place_parts import burial_place_parts
from mapapp.importers.number_keys import (
    compared_district,
    place_region,
    region_match,
    register_candidates,
    register_key,
    register_place,
    site_register_place,
)
from mapapp.importers.search_index import settlement_name
from mapapp.text.districts import district_key, listed_districts_matching, same_district
from mapapp.text.normalize import search_key
from mapapp.text.regions import other_region, split_region

# The fields a row's burial site is looked up by, the first given deciding.
LOOKUP_ORDER = ("site_id", "site_ref", "register_number", "burial_place")


def _other_region_said(district: str | None, where: str | None = None) -> str | None:
    """Why a row is refused whose district is written with another oblast than its own
    ("Дубровенский р-н, Гомельская обл."): the row is wrong in one of them."""
    if (own := other_region(district)) is None:
        return None
    return (
        f"{where or repr(district)} names a district of the {own} region with another "
        "region: which is right is for a person to say; correct the file"
    )


def _region_unknown(district: str, place: str | None, sites: int) -> str:
    """Why a row's burial ``district`` (its register_place ``place``) and ``sites``
    stored sites of that district's name are not known to be one, where the name tells
    its district only with its region, and what to do."""
    if place_region(place):
        # The row cannot say more: the stored site's region is for a person to say.
        stored = "the stored site says" if sites == 1 else f"the {sites} stored sites say"
        return (
            f"{district!r} says its region, and {stored} no region: which one it is is for "
            "a person to say; give the site id"
        )
    return (
        f"{district!r} is a district's name only with its region, and the row says no "
        "region: write it in its burial district cell ('Октябрьский район, Гомельская "
        "обл.' or 'Октябрьский район, г. Минск'; --set burial_district=... for a list "
        "without that column), or give the site id"
    )


class SiteResolver:
    """Reads the keys of every burial site once (ids, refs, register numbers, names with
    their district), then resolves links without the database: a register's sites are
    few beside its persons, and a person import keeps its connection busy with one COPY
    while it reads the file."""

    def __init__(self, conn: Connection):
        self.known_ids: set[int] = set()
        self.by_ref: dict[str, int] = {}
        # Register key -> (site, its register_place); site -> its register_place.
        self.by_number: dict[str, list[tuple[int, str | None]]] = {}
        self.place_of: dict[int, str | None] = {}
        # Site -> how a refusal names it when it is one of several a row may mean.
        self.named_as: dict[int, str] = {}
        for site in conn.execute(
            text(
                "SELECT id, ref, name, register_number, oblast, district, settlement "
                "FROM burial_sites"
            )
        ).mappings():
            site_id = site["id"]
            self.known_ids.add(site_id)
            self.by_ref[site["ref"]] = site_id
            self.named_as[site_id] = site_as_named(site)
            self.place_of[site_id] = place = site_register_place(site)
            if site["register_number"]:
                key = register_key(site["register_number"])
                self.by_number.setdefault(key, []).append((site_id, place))
        # Search key -> (site, its district's key, the numbers its name carries).
        self.by_name: dict[str, list[tuple[int, str | None, tuple[int, ...]]]] = {}
        self.kind_of: dict[int, str] = {}
        for key, site_id, site_district, name, kind in conn.execute(
            text(
                "SELECT n.key, s.id, s.district_key, n.name, s.kind FROM place_names n "
                "JOIN burial_sites s ON s.id = n.place_id WHERE n.place_type = 'site'"
            )
        ):
            self.by_name.setdefault(key, []).append((site_id, site_district, numbers_in(name)))
            self.kind_of[site_id] = kind

    def resolve_all(self, links: list[dict]) -> list[int | str | None]:
        """For each link: a site id, None when the row names no site, or a reason text."""
        return [self._one(x) for x in links]

    def _named(self, place: str) -> list | None:
        named = self.by_name.get(search_key(place))
        if not named and (bare := settlement_name(place)):
            # "д. Ляды": the settlement's name is kept without its type.
            named = self.by_name.get(search_key(bare))
        return named

    @staticmethod
    def field_used(link: dict) -> str | None:
        """The field a link is looked up by: the first given, in _one's order."""
        return next((name for name in LOOKUP_ORDER if link.get(name)), None)

    def _one(self, link: dict) -> int | str | None:
        # In LOOKUP_ORDER: the first field given decides.
        if link.get("site_id"):
            return (
                link["site_id"]
                if link["site_id"] in self.known_ids
                else (f"no burial site with id {link['site_id']}")
            )
        if link.get("site_ref"):
            found_id = self.by_ref.get(link["site_ref"])
            return found_id or f"no burial site with ref {link['site_ref']!r}"
        if link.get("register_number"):
            if said_wrong := _other_region_said(link.get("burial_district")):
                return said_wrong
            key = register_key(link["register_number"])
            district = register_place(link.get("burial_district"))
            # A district book's plain number names a site within its district only.
            found, unknown = register_candidates(key, district, self.by_number.get(key, []))
            where = f" in {link['burial_district']!r}" if district else ""
            if len(found) == 1:
                return found[0]
            if not found and unknown and district and all(map(self.place_of.get, unknown)):
                # Of one district's name, the row or the stored sites say no region.
                return (
                    f"register number {link['register_number']!r} is a district book's number: "
                    + _region_unknown(link["burial_district"], district, len(unknown))
                )
            if not found and unknown:
                return f"register number {link['register_number']!r} is a district book's " + (
                    f"number, and the row says {link['burial_district']!r} while the stored "
                    f"{'site says' if len(unknown) == 1 else 'sites say'} no district: which "
                    "one it is is for a person to say; give the site id"
                    if district
                    else "number, and the row says no district: give the burial district "
                    "(--set burial_district=NAME for a whole district's list without that "
                    "column) or the site id"
                )
            if not found:
                return f"no burial site with register number {link['register_number']!r}{where}"
            candidates = sites_named([self.named_as[i] for i in sorted(set(found))])
            return f"register number {link['register_number']!r}{where} matches " + (
                f"{len(found)} sites: {candidates}; give the site id or the site's ref"
                if district
                else f"{len(found)} sites: {candidates}; add the district, or give the site "
                "id or the site's ref"
            )
        if link.get("burial_place"):
            # The search key reads spellings alike and leaves digits out: the numbers
            # must agree too ("Братская могила №1" is not "№2").
            numbers = numbers_in(link["burial_place"])
            named = self._named(link["burial_place"])
            parts = None if named else burial_place_parts(link["burial_place"])
            if parts and numbers_in(parts.settlement) == numbers:
                # "Витебская обл., Дубровенский р-н, д. Шуховцы", "Братская могила, д.
                # Ляды": the settlement's sites, of the kind and in the district it says.
                # Its numbers are the settlement's ("д. Заречье-2"), never the grave's
                # ("Братская могила №2, д. Ляды" names no site).
                named = [
                    entry
                    for entry in self._named(parts.settlement) or []
                    if parts.kind in (None, self.kind_of.get(entry[0]))
                ]
                where = f"the burial place {link['burial_place']!r}"
                if said_wrong := _other_region_said(parts.district, where):
                    return said_wrong
                if parts.district and link.get("burial_district"):
                    if not _districts_agree(parts.district, link["burial_district"]):
                        return (
                            f"the burial place {link['burial_place']!r} names the district "
                            f"{parts.district!r}, and the district column "
                            f"{link['burial_district']!r}: which is right is for a person to say"
                        )
                elif parts.district:
                    link = {**link, "burial_district": parts.district}
            if said_wrong := _other_region_said(link.get("burial_district")):
                return said_wrong
            found = [(i, d) for i, d, n in named or [] if n == numbers]
            # "д. Заречье" where "д. Заречье-1" and "-2" are stored: the sites it may mean.
            numbered = [(i, d) for i, d, n in named or [] if n and not numbers]
            # "Октябрьский район, г. Минск": the district, and the region it needs.
            district = district_key(split_region(link.get("burial_district"))[0])
            if district and len(listed := listed_districts_matching(district)) > 1:
                # A town's name ("Берёза") can begin the names of two districts.
                return (
                    f"the district {link['burial_district']!r} may be "
                    + " or ".join(sorted(listed.values()))
                    + ": write the district's name"
                )
            if district:
                found, unknown = self._in_district(found, link["burial_district"])
                numbered, _ = self._in_district(numbered, link["burial_district"])
                if not found and unknown:
                    return f"{link['burial_place']!r}: " + _region_unknown(
                        link["burial_district"], register_place(link["burial_district"]), unknown
                    )
            ids = sorted({i for i, _ in found})
            if len(ids) == 1:
                return ids[0]
            where = f"{link['burial_place']!r}" + (
                f" in {link['burial_district']!r}" if link.get("burial_district") else ""
            )
            if not ids and numbered:
                return self._number_not_said(where, sorted({i for i, _ in numbered}))
            if not ids:
                return f"no burial site named {where}"
            candidates = sites_named([self.named_as[i] for i in ids])
            return f"{where} matches {len(ids)} sites: {candidates}; " + (
                "give the register number or the site id (or the site's ref)"
                if link.get("burial_district")
                else "add the district or the register number (or give the site's ref)"
            )
        return None

    def _in_district(self, found: list, burial_district: str) -> tuple[list, int]:
        """The (site, district key) of ``found`` in the row's burial district, and how many
        more are of that district's name where the row or the site says no region."""
        # Minsk's districts by their Russian names: Кастрычніцкі is Октябрьский.
        district = compared_district(district_key(split_region(burial_district)[0]))
        found = [(i, d) for i, d in found if d and same_district(compared_district(d), district)]
        # Of one district's name, the site in the region the row says (Октябрьский район:
        # Gomel oblast's, or the city of Minsk's); where one says no region, it is not
        # known which.
        place = register_place(burial_district)
        regions = {i: region_match(place, self.place_of.get(i)) for i, _ in found}
        unknown = sum(match == "unknown" for match in regions.values())
        return [(i, d) for i, d in found if regions[i] == "same"], unknown

    def _number_not_said(self, where: str, ids: list[int]) -> str:
        """Why a row is refused whose burial place names without its number the numbered
        sites stored of that name ("д. Заречье": Заречье-1 and Заречье-2): which one is
        the archive's to say; the refusal names them, and how to give one."""
        remedy = "give its ref in the site ref column"
        if len(ids) == 1:
            return (
                f"{where} names no number, and the one site of that name carries one: "
                f"{self.named_as[ids[0]]}; whether it is that one is for the archive to say; "
                + remedy
            )
        return (
            f"{where} matches {len(ids)} sites: {sites_named([self.named_as[i] for i in ids])}; "
            f"which one is for the archive to say; {remedy}"
        )


def site_as_named(site) -> str:
    """A stored site as a refusal names it among others: its ref, its name and where it
    lies ("ref 'site:…' (Братская могила, д. Заречье-1)")."""
    place = site["settlement"] or site["district"]
    said = site["name"] if not place or place in site["name"] else f"{site['name']}, {place}"
    return f"ref {site['ref']!r} ({said})"


def sites_named(named: list[str], limit: int = 5) -> str:
    """The first ``limit`` of the sites named (site_as_named), and how many more."""
    more = f", and {len(named) - limit} more" if len(named) > limit else ""
    return ", ".join(named[:limit]) + more


class Gazetteer:
    """Places a row without coordinates at a settlement, or at a district's centre, that
    the settlements table knows with a point; never at a guess."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def locate_all(self, places: list[tuple[str | None, str | None]]) -> list[dict | str]:
        """For each (settlement, district): the point and precision, or a reason."""
        rows = self.conn.execute(
            text(
                "SELECT s.name, s.district, s.kind, ST_Y(s.geom) AS lat, ST_X(s.geom) AS lon, "
                "array_remove(array_agg(n.name), NULL) AS aliases FROM settlements s "
                "LEFT JOIN place_names n ON n.place_type = 'settlement' AND n.place_id = s.id "
                "WHERE s.geom IS NOT NULL GROUP BY s.id"
            )
        ).mappings()
        known = [_with_district(with_spellings(dict(r))) for r in rows]
        return [self._locate(settlement, district, known) for settlement, district in places]

    @staticmethod
    def _locate(settlement, district, known) -> dict | str:
        key = district_key(district) if district else ""
        nearby = [p for p in known if _in_district(p, key)]
        if settlement:
            found = _settlements_named(settlement, nearby)
            if len(found) == 1:
                return _placed(found[0], "settlement_centre", f"the centre of {found[0]['name']}")
            if len(found) > 1:
                return (
                    f"no coordinates; {settlement!r} names {len(found)} settlements"
                    + (f" in {district!r}: give the coordinates" if key else
                       ": add the district")
                )  # fmt: skip
            if key and (elsewhere := _settlements_named(settlement, known)):
                if all(p["district_known"] for p in elsewhere):
                    # Known, but elsewhere: the row contradicts the gazetteer; no guess.
                    return (
                        f"no coordinates, and the gazetteer knows {settlement!r} only "
                        f"outside {district!r}: give the coordinates, or correct the district"
                    )
                return (
                    f"no coordinates, and the gazetteer knows {settlement!r} without its "
                    f"district, so not whether it is the one in {district!r}: give the "
                    "coordinates"
                )
        if key:
            towns = [p for p in nearby if p["kind"] in ("town", "city")]
            if len(towns) == 1:
                return _placed(
                    towns[0], "district", f"the centre of {district} ({towns[0]['name']})"
                )
        return _not_in_gazetteer(settlement, district)


def save_placements(conn: Connection, good: list, batch_id: int) -> None:
    """The gazetteer places of the sites this batch added (a stored site keeps its own)."""
    placed = [
        {"ref": c.record["ref"], "place": c.record["gazetteer_place"]}
        for c in good
        if c.record.get("gazetteer_place")
    ]
    if not placed:
        return
    conn.execute(
        text(
            "INSERT INTO site_placements (site_id, gazetteer_place) "
            "SELECT s.id, p.place FROM jsonb_to_recordset(CAST(:placed AS jsonb)) "
            "AS p(ref text, place text) "
            "JOIN burial_sites s ON s.ref = p.ref AND s.import_batch_id = :batch"
        ),
        {"placed": json.dumps(placed, ensure_ascii=False), "batch": batch_id},
    )


def _with_district(place: dict) -> dict:
    """A gazetteer place with the key of the district it lies in (``district_of``), worked
    out once: its stored district's; else, for a town the gazetteer gives no district,
    the one listed district its name begins (Орша: Оршанский район), or its own name's
    key when it begins none; None when it begins two (Берёза: Березинский and
    Берёзовский), so it lies in no district asked for. ``district_known``: whether the
    gazetteer tells the district, stored or by the name."""
    if place["district"]:
        place["district_of"], place["district_known"] = district_key(place["district"]), True
        return place
    town = district_key(place["name"])
    named_after = list(listed_districts_matching(town))
    place["district_of"] = (named_after or [town])[0] if len(named_after) < 2 else None
    place["district_known"] = len(named_after) == 1
    return place


def _in_district(place: dict, wanted: str) -> bool:
    """True when no district is asked for, or the place lies in it (by district key)."""
    if not wanted:
        return True
    return place["district_of"] is not None and same_district(place["district_of"], wanted)


def with_spellings(place: dict) -> dict:
    """A gazetteer place with the (search key, numbers) of its name and of each alias: a
    row's name is compared with the one spelling it matches, numbers included, so that
    "Ляды 2" finds the place listed as "Ляды-Вторые" with the alias "Ляды 2"."""
    names = [place["name"], *(place.get("aliases") or [])]
    place["spellings"] = {(search_key(n), numbers_in(n)) for n in names}
    return place


def _settlements_named(settlement: str, places: list[dict]) -> list[dict]:
    name = settlement_name(settlement) or settlement
    wanted = (search_key(name), numbers_in(name))
    return [p for p in places if wanted in p["spellings"]]


def _districts_agree(written: str, column: str) -> bool:
    """Whether a burial place cell's district and the row's district column name one."""
    a = district_key(split_region(written)[0])
    b = district_key(split_region(column)[0])
    return bool(a and b) and same_district(compared_district(a), compared_district(b))


def numbers_in(name: str | None) -> tuple[int, ...]:
    """The numbers a place name carries ("Ляды 1-е", "Братская могила № 2"), which its
    search key leaves out."""
    return tuple(int(n) for n in re.findall(r"\d+", name or ""))


def _not_in_gazetteer(settlement: str | None, district: str | None) -> str:
    named = [
        f"settlement {settlement!r}" if settlement else "",
        f"district {district!r}" if district else "",
    ]
    where = " ".join(n for n in named if n) or "this row"
    return f"no coordinates, and the gazetteer has no point for {where}"


def _placed(place: dict, precision: str, where: str) -> dict:
    """The point, its precision and the gazetteer place's name (all stored); ``at``
    describes it for the import's report."""
    return {
        "lat": round(place["lat"], 7),
        "lon": round(place["lon"], 7),
        "location_precision": precision,
        "gazetteer_place": place["name"],
        "at": where,
    }
