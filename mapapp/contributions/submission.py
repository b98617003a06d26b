"""A contribution as sent by anyone: checked field by field, stored as pending.

Nothing public changes here; ``decisions`` applies a contribution once a moderator
approves it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mapapp.contributions.evidence_files import EvidenceUpload
from mapapp.contributions.fields import FIELDS, NEW_PERSON_FIELDS
from mapapp.contributions.photos import ProcessedPhoto
from mapapp.contributions.seen import record_seen
from mapapp.contributions.seen_given import Seen, parse_value_seen
from mapapp.contributions.text import clean_int, clean_text
from mapapp.errors import N_, InvalidInput, NotFound, not_one_of
from mapapp.models import Contribution, EvidenceFile, Photo

TARGETS_BY_KIND = {
    "correction": ("person", "site"),
    "add_person": ("site",),
    "condition": ("site",),
    "photo": ("site", "person"),
    # A record found wrong as a whole (a duplicate, a person not buried here): marked
    # withdrawn once approved, never deleted.
    "withdrawal": ("person", "site"),
}
# Kinds that change a record: a link, an archive reference or a file must back them.
EVIDENCE_REQUIRED = ("correction", "add_person", "withdrawal")
TARGET_TABLES = {"person": "persons", "site": "burial_sites"}
MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class Submission:
    kind: str
    target_type: str
    target_id: int
    field: str | None
    value: object
    comment: str
    evidence: str
    contact: str | None
    # A correction's value seen as the sender gave it; None when not given.
    value_seen: Seen | None = None


def _choice(value, name: str, choices) -> str:
    if not isinstance(value, str) or value not in choices:
        raise not_one_of(name, choices)
    return value


def parse_submission(data: Mapping, evidence_file_given: bool = False) -> Submission:
    """Every check that needs no database, in the order a form shows the fields. An
    evidence file, when given, stands in for the evidence text."""
    kind = _choice(data.get("kind"), "kind", tuple(TARGETS_BY_KIND))
    target = data.get("target")
    if not isinstance(target, Mapping):
        raise InvalidInput(
            N_("%(name)s must be %(form)s"),
            "target",
            name="target",
            form='{"type": "person"|"site", "id": N}',
        )
    target_type = _choice(target.get("type"), "target.type", TARGETS_BY_KIND[kind])
    target_id = clean_int(target.get("id"), "target.id", 1, MAX_ID, required=True)
    field, value = _field_and_value(kind, target_type, data)
    value_seen = parse_value_seen(kind, target_type, field, data)
    return Submission(
        kind=kind,
        target_type=target_type,
        target_id=target_id,
        field=field,
        value=value,
        comment=clean_text(data.get("comment"), "comment", 5000, required=True),
        evidence=clean_text(
            data.get("evidence"),
            "evidence",
            2000,
            required=kind in EVIDENCE_REQUIRED and not evidence_file_given,
        )
        or "",
        contact=clean_text(data.get("contact"), "contact", 200),
        value_seen=value_seen,
    )


def _field_and_value(kind: str, target_type: str, data: Mapping) -> tuple[str | None, object]:
    raw = data.get("value")
    if kind == "correction":
        fields = FIELDS[target_type]
        field = _choice(data.get("field"), "field", tuple(fields))
        return field, fields[field].parse(raw, "value")
    if kind == "add_person":
        return None, _new_person(raw)
    if kind == "condition":
        return None, clean_text(raw, "value", 5000, required=True)
    if kind == "withdrawal":
        return None, None  # the comment says why
    return None, clean_text(raw, "value", 500)  # a photo's caption


def _new_person(raw) -> dict:
    if not isinstance(raw, Mapping):
        raise InvalidInput(N_("value must be an object with the new person's fields"), "value")
    unknown = sorted(str(k) for k in raw if k not in NEW_PERSON_FIELDS)
    if unknown:
        raise InvalidInput(
            N_("%(field)s is not a field of a person"), "value", field=f"value.{unknown[0][:50]}"
        )
    person = {}
    for name, spec in NEW_PERSON_FIELDS.items():
        parsed = spec.parse(raw.get(name), f"value.{name}")
        if parsed is not None:
            person[name] = parsed
    if "surname" not in person:
        raise InvalidInput(
            N_("%(name)s is required"), parameter="value.surname", name="value.surname"
        )
    if "death_day" in person and "death_month" not in person:
        raise InvalidInput(
            N_("%(name)s needs %(other)s"),
            "value.death_day",
            name="value.death_day",
            other="value.death_month",
        )
    return person


def target_exists(session: Session, target_type: str, target_id: int) -> bool:
    table = TARGET_TABLES[target_type]
    return session.execute(
        text(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE id = :id)"), {"id": target_id}
    ).scalar_one()


def lock_target(session: Session, target_type: str, target_id: int) -> bool:
    """Whether the record exists, keeping it from being deleted until the transaction
    ends: an undo deleting it meanwhile waits, then the database refuses to delete a
    record a contribution targets (migration 0019)."""
    table = TARGET_TABLES[target_type]
    return (
        session.execute(
            text(f"SELECT 1 FROM {table} WHERE id = :id FOR KEY SHARE"), {"id": target_id}
        ).first()
        is not None
    )


def store(
    session: Session,
    submission: Submission,
    photo: ProcessedPhoto | None = None,
    evidence_file: EvidenceUpload | None = None,
) -> int:
    """Store a checked submission as pending; NotFound for an unknown target. The caller
    commits (the contribution, its photo and its evidence file together)."""
    if not lock_target(session, submission.target_type, submission.target_id):
        if submission.target_type == "person":
            raise NotFound(N_("no person with id %(id)s"), "target.id", id=submission.target_id)
        raise NotFound(N_("no site with id %(id)s"), "target.id", id=submission.target_id)
    if (submission.kind == "photo") != (photo is not None):
        raise InvalidInput(N_("a photo contribution needs exactly one photo file"), "photo")
    contribution = Contribution(
        kind=submission.kind,
        target_type=submission.target_type,
        target_id=submission.target_id,
        field=submission.field,
        value=submission.value,
        comment=submission.comment,
        evidence=submission.evidence,
        contact=submission.contact,
        status="pending",
    )
    session.add(contribution)
    session.flush()
    record_seen(session, contribution, submission.value_seen)
    if photo is not None:
        session.add(
            Photo(
                contribution_id=contribution.id,
                site_id=submission.target_id if submission.target_type == "site" else None,
                person_id=submission.target_id if submission.target_type == "person" else None,
                mime=photo.mime,
                width=photo.width,
                height=photo.height,
                image=photo.image,
                thumbnail=photo.thumbnail,
                approved=False,
            )
        )
        session.flush()
    if evidence_file is not None:
        session.add(
            EvidenceFile(
                contribution_id=contribution.id,
                mime=evidence_file.mime,
                content=evidence_file.content,
            )
        )
        session.flush()
    return contribution.id
