"""Shapes shared by the query modules: pages, person summaries, provenance."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.importers.sources import SOURCE_LINKS
from mapapp.text.dates import format_partial_date
from mapapp.text.districts import LISTED

BBox = tuple[float, float, float, float]


def bbox_condition(alias: str) -> str:
    """SQL true for rows of ``alias`` inside the bbox, or for every row when none is given;
    its parameters come from ``bbox_params``."""
    return (
        f"(CAST(:has_bbox AS boolean) IS FALSE OR {alias}.geom && "
        "ST_MakeEnvelope(:minlon, :minlat, :maxlon, :maxlat, 4326))"
    )


def bbox_params(bbox: BBox | None) -> dict:
    minlon, minlat, maxlon, maxlat = bbox or (0.0, 0.0, 0.0, 0.0)
    return {
        "has_bbox": bbox is not None,
        "minlon": minlon,
        "minlat": minlat,
        "maxlon": maxlon,
        "maxlat": maxlat,
    }


def district_matches(column: str, parameter: str) -> str:
    """SQL: a district key matches when either is a prefix of the other, so that
    "Дубровенский район" and "Дубровно" name the same district, unless both are listed
    districts (text.districts.same_district: their keys end in LISTED)."""
    p, c = f":{parameter}", column
    return (
        f"(({c} LIKE rtrim({p}, '{LISTED}') || '%' OR {p} LIKE rtrim({c}, '{LISTED}') || '%') "
        f"AND ({c} = {p} OR NOT ({c} LIKE '%{LISTED}' AND {p} LIKE '%{LISTED}')))"
    )


def page_count(total: int, per_page: int) -> int:
    """How many pages ``total`` items fill, ``per_page`` a page (one when there are none)."""
    return max(1, -(-total // per_page))


@dataclass(frozen=True)
class Page:
    total: int
    items: list[dict]
    page: int
    per_page: int
    # Keyset cursors (person ids) for the next and previous pages, where the sort has them.
    next_after: int | None = None
    prev_before: int | None = None

    @property
    def pages(self) -> int:
        return page_count(self.total, self.per_page)

    def as_dict(self) -> dict:
        answer = {
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "pages": self.pages,
            "items": self.items,
        }
        if self.next_after is not None:
            answer["next_after"] = self.next_after
        if self.prev_before is not None:
            answer["prev_before"] = self.prev_before
        return answer


def sources_for(session: Session, link_table: str, key: str, entity_id: int) -> list[dict]:
    if SOURCE_LINKS.get(link_table) != key:
        raise ValueError(f"unknown source link {link_table}.{key}")
    rows = session.execute(
        text(
            f"""
            SELECT src.citation, src.url, src.archive, src.fond, src.opis, src.delo,
                   src.record_id
            FROM {link_table} l JOIN sources src ON src.id = l.source_id
            WHERE l.{key} = :id ORDER BY src.id
            """
        ),
        {"id": entity_id},
    )
    return [dict(r) for r in rows.mappings()]


# A site's withdrawal in JSON built by SQL (alias ``s``): the shape of ``withdrawn_mark``.
SITE_WITHDRAWN_JSON = """CASE WHEN s.withdrawn_at IS NOT NULL THEN json_build_object(
    'at', s.withdrawn_at, 'reason', s.withdrawn_reason, 'contribution', s.withdrawn_by) END"""


def withdrawn_mark(row) -> dict | None:
    """``{"at", "reason", "contribution"}`` of a withdrawn record (its columns of
    migration 0009), None for one that stands."""
    if row["withdrawn_at"] is None:
        return None
    return {
        "at": row["withdrawn_at"].isoformat(),
        "reason": row["withdrawn_reason"],
        "contribution": row["withdrawn_by"],
    }


# A person's stored date (death_year, death_month, death_day) is what the register's date
# column gives: OBD's "Дата выбытия", the date the person left the unit. For a death it is
# the date of death; the fates that state no death date it otherwise: the missing since
# then, the wounded and the taken prisoner lost to the unit then.
DATE_MEANINGS = {"missing": "missing_since", "wounded": "loss", "captured": "loss"}


def death_date_means(fate: str | None) -> str:
    """What a person's stored date is, by their fate: ``death`` (also where the fate is
    not recorded), ``missing_since`` or ``loss``."""
    return DATE_MEANINGS.get(fate or "", "death")


def person_summary(row) -> dict:
    """The shape of a person in lists: names as recorded, partial dates as text, and what
    the stored date is (``death_date_means``, None without a date)."""
    item = dict(row)
    item["birth_date"] = format_partial_date(
        item.pop("birth_year"), item.pop("birth_month"), item.pop("birth_day")
    )
    item["death_date"] = format_partial_date(
        item.pop("death_year"), item.pop("death_month"), item.pop("death_day")
    )
    item["death_date_means"] = death_date_means(item["fate"]) if item["death_date"] else None
    item["full_name"] = full_name(item)
    return item


def full_name(row) -> str:
    """Surname, given name and patronymic, those that are known, as the lists write them."""
    return " ".join(
        part for part in (row["surname"], row.get("given_name"), row.get("patronymic")) if part
    )
