"""The operations of the /api routes that take a body (POST), keyed by endpoint: their
request bodies (from the checks in mapapp.contributions), answers and security."""

from __future__ import annotations

from mapapp.contributions.decisions import DECISIONS
from mapapp.contributions.fields import FIELDS, NEW_PERSON_FIELDS, Field
from mapapp.contributions.photos import FORMATS as PHOTO_FORMATS
from mapapp.contributions.submission import MAX_ID, TARGETS_BY_KIND
from mapapp.settings import Settings


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


# Digits as text are taken as the number, and an empty optional value as absent.
DIGITS = {"type": "string", "pattern": r"^\s*[0-9]{0,12}\s*$"}
TARGET_ID = {
    "description": "The record's id (digits as text are accepted too)",
    "anyOf": [{"type": "integer", "minimum": 1, "maximum": MAX_ID}, DIGITS],
}


def _value_schema(field: Field) -> dict:
    """What a field's check accepts: its own schema; null (or empty) when optional."""
    schema = dict(field.schema)
    if schema.get("type") == "integer":
        schema = {"anyOf": [schema, DIGITS]}
    if "minLength" not in field.schema:  # optional
        schema["nullable"] = True
    return schema


def _target(types: tuple[str, ...]) -> dict:
    return {
        "type": "object",
        "required": ["type", "id"],
        "properties": {"type": {"type": "string", "enum": list(types)}, "id": TARGET_ID},
    }


def _text(max_length: int, required: bool = False, description: str = "") -> dict:
    schema: dict = {"type": "string", "maxLength": max_length}
    if required:
        schema["minLength"] = 1
    else:
        schema["nullable"] = True
    if description:
        schema["description"] = description
    return schema


COMMENT = _text(5000, required=True, description="What is wrong or new, in a sentence or two")
CONTACT = _text(200, description="How a moderator can reach the sender (kept private)")


def _contribution(
    kind: str, target: str | tuple[str, ...], required: list[str], **properties
) -> dict:
    """One kind of JSON contribution: its kind, target(s), and the fields it needs."""
    return {
        "type": "object",
        "required": ["kind", "target", "comment", *required],
        "properties": {
            "kind": {"type": "string", "enum": [kind]},
            "target": _target(target if isinstance(target, tuple) else (target,)),
            "comment": COMMENT,
            "evidence": _text(2000, required="evidence" in required,
                              description="The source: archive, document, book or link"),
            "contact": CONTACT,
            **properties,
        },
    }  # fmt: skip


VALUE_SEEN = (
    "Optional: the field's value as the sender saw it (what the page or the API showed "
    "when they wrote the correction). If the field holds another value by the time a "
    "moderator approves, approval is a 409, not an overwrite. Without it, the value when "
    "the correction is stored is kept as seen. Only for a correction (400 otherwise)."
)


def _correction(target: str) -> dict:
    fields = FIELDS[target]
    texts = [f.schema["maxLength"] for f in fields.values() if "maxLength" in f.schema]
    numbers = [f.schema for f in fields.values() if f.schema.get("type") == "integer"]
    number = {
        "type": "integer",
        "minimum": min(n["minimum"] for n in numbers),
        "maximum": max(n["maximum"] for n in numbers),
    }
    table = f"{target.capitalize()}Fields"
    values = [{"type": "string", "maxLength": max(texts)}, number, DIGITS]
    return _contribution(
        "correction",
        target,
        ["field", "evidence"],
        field={"type": "string", "enum": list(fields)},
        value={
            "description": f"The corrected value, checked as the field's own schema in {table} "
            "(text, or a whole number for years, months, days and counts); null clears an "
            "optional field",
            "nullable": True,
            "anyOf": values,
        },
        value_seen={
            "description": VALUE_SEEN + f" Checked as the field's own schema in {table}; "
            "null (or empty) is an empty field.",
            "nullable": True,
            "anyOf": list(values),
        },
    )


def _fields(fields: dict[str, Field], **extra) -> dict:
    """An object of the fields, each with what its check accepts."""
    return {
        "type": "object",
        "properties": {name: _value_schema(field) for name, field in fields.items()},
        **extra,
    }


NEW_PERSON = _fields(NEW_PERSON_FIELDS, required=["surname"], additionalProperties=False)

CONTRIBUTION = {
    "description": "A correction of a person or a site, a person missing from a site's "
    "list, a report on a site's condition, or a withdrawal of a record found wrong as a "
    "whole (it is marked withdrawn, never deleted). Nothing public changes until a "
    "moderator approves it. Photos and evidence files are sent as multipart/form-data.",
    "oneOf": [
        _ref("schemas", "PersonCorrection"),
        _ref("schemas", "SiteCorrection"),
        _ref("schemas", "NewPerson"),
        _ref("schemas", "ConditionReport"),
        _ref("schemas", "Withdrawal"),
    ],
}

SCHEMAS = {
    "PersonCorrection": _correction("person"),
    "SiteCorrection": _correction("site"),
    "NewPerson": _contribution(
        "add_person", "site", ["value", "evidence"], value=_ref("schemas", "NewPersonFields")
    ),
    "NewPersonFields": NEW_PERSON,
    "PersonFields": _fields(FIELDS["person"], description="What a person's fields accept"),
    "SiteFields": _fields(FIELDS["site"], description="What a burial site's fields accept"),
    "ConditionReport": _contribution(
        "condition", "site", ["value"], value=_text(5000, True, "The site's condition")
    ),
    "Withdrawal": _contribution(
        "withdrawal",
        TARGETS_BY_KIND["withdrawal"],
        ["evidence"],
        comment=_text(5000, True, "Why the record is wrong as a whole; shown with the mark"),
    ),
    "Contribution": CONTRIBUTION,
    "Decision": {
        "oneOf": [
            {
                "type": "object",
                "required": ["decision"],
                "properties": {
                    "decision": {"type": "string", "enum": ["approve"]},
                    "reason": _text(2000),
                },
            },
            {
                "type": "object",
                "required": ["decision", "reason"],
                "properties": {
                    "decision": {"type": "string", "enum": ["reject"]},
                    "reason": _text(2000, required=True, description="Why, for the sender"),
                },
            },
        ]
    },
    "Pending": {
        "type": "object",
        "required": ["id", "status"],
        "properties": {
            "id": {"type": "integer", "minimum": 1},
            "status": {"type": "string", "enum": ["pending"]},
        },
    },
    "Decided": {
        "type": "object",
        "required": ["id", "status"],
        "properties": {
            "id": {"type": "integer", "minimum": 1},
            "status": {"type": "string", "enum": ["approved", "rejected"]},
        },
    },
    "Restored": {
        "type": "object",
        "required": ["table", "id", "restored_version"],
        "properties": {
            "table": {"type": "string"},
            "id": {"type": "integer"},
            "restored_version": {"type": "integer"},
        },
    },
}
assert set(DECISIONS) == {"approve", "reject"}  # the two Decision shapes above


def _multipart_upload(settings: Settings) -> dict:
    """The form the pages send: any kind, with a photo (kind ``photo``) and optionally a
    document as evidence."""
    megabytes = settings.max_photo_bytes // (1024 * 1024)
    return {
        "schema": {
            "type": "object",
            "required": ["kind", "target_type", "target_id", "comment"],
            "properties": {
                "kind": {"type": "string", "enum": list(TARGETS_BY_KIND)},
                "target_type": {"type": "string", "enum": ["person", "site"]},
                "target_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                "field": {"type": "string", "description": "For a correction: the field"},
                "value": _text(
                    5000,
                    description="A correction's value, a condition "
                    "report, or a photo's caption (at most 500 characters)",
                ),
                "value_seen": _text(
                    20000,
                    description=VALUE_SEEN + " The pages' correction form sends every "
                    "field's value it displayed as value_seen.<field>; the corrected "
                    "field's is taken, and value_seen itself when sent.",
                ),
                "comment": COMMENT,
                "evidence": _text(
                    2000,
                    description="Required for corrections, new persons "
                    "and withdrawals unless evidence_file is sent",
                ),
                "contact": CONTACT,
                "photo": {
                    "type": "string",
                    "format": "binary",
                    "description": f"Required for, and only for, kind photo: a JPEG, PNG or "
                    f"WebP of the grave, plaque or person, at most {megabytes} MB; it is "
                    "re-encoded and stripped of metadata",
                },
                "evidence_file": {
                    "type": "string",
                    "format": "binary",
                    "description": f"A scan or photo of a document, at most {megabytes} MB: a "
                    "PDF (unencrypted, with pages) or a JPEG, PNG or WebP (re-encoded, "
                    "metadata stripped). Only moderators can open it.",
                },
            },
        },
        "encoding": {
            "photo": {"contentType": ", ".join(PHOTO_FORMATS.values())},
            "evidence_file": {
                "contentType": ", ".join(["application/pdf", *PHOTO_FORMATS.values()])
            },
        },
    }


def _json(schema_name: str) -> dict:
    return {"application/json": {"schema": _ref("schemas", schema_name)}}


def _responses(ok_status: str, ok_description: str, ok_schema: str, errors: str) -> dict:
    """The success answer, and the shared error answers named in ``errors``."""
    responses = {ok_status: {"description": ok_description, "content": _json(ok_schema)}}
    names = errors.split()
    for status, name in (
        ("400", "BadRequest"), ("401", "Unauthorized"), ("403", "Forbidden"),
        ("404", "NotFound"), ("409", "Conflict"), ("413", "TooLarge"),
        ("429", "TooManyRequests"),
    ):  # fmt: skip
        if name in names:
            responses[status] = _ref("responses", name)
    return responses


SIGNED_IN = [{"session": [], "csrfToken": []}]


def operations(settings: Settings) -> dict[str, dict]:
    json_limit = f"at most {settings.max_json_bytes // 1024} KB of JSON"
    return {
        "api.submit_contribution": {
            "post": {
                "tags": ["Contributions"],
                "summary": "Send a correction, a missing person, a condition report, a photo "
                "or a withdrawal",
                "description": "Anyone may send one; it waits as pending for a moderator. "
                f"The body is {json_limit}, or multipart/form-data with a photo or an "
                "evidence file. Each "
                "address may send a limited number per minute (429 beyond, with "
                "Retry-After).",
                "security": [],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": _ref("schemas", "Contribution")},
                        "multipart/form-data": _multipart_upload(settings),
                    },
                },
                "responses": _responses(
                    "201",
                    "Stored as pending",
                    "Pending",
                    "BadRequest NotFound TooLarge TooManyRequests",
                ),
            }
        },
        "api.decide_contribution": {
            "post": {
                "tags": ["Moderation"],
                "summary": "Approve or reject a pending contribution (moderators)",
                "description": "Approval applies the change in the same transaction; a "
                "rejection needs a reason. Needs a moderator's session and its CSRF token. "
                "A 409 leaves the contribution pending: decided already, a change that no "
                "longer fits the record, or a correction whose field changed since it was "
                "sent (the message names the value seen, the value now and that change).",
                "security": SIGNED_IN,
                "requestBody": {"required": True, "content": _json("Decision")},
                "responses": _responses(
                    "200",
                    "Decided",
                    "Decided",
                    "BadRequest Unauthorized Forbidden NotFound Conflict TooLarge",
                ),
            }
        },
        "api.restore": {
            "post": {
                "tags": ["Moderation"],
                "summary": "Restore a record to a version from its history (administrators)",
                "description": "The restore is itself recorded in the history. Needs an "
                "administrator's session and its CSRF token.",
                "security": SIGNED_IN,
                "responses": _responses(
                    "200",
                    "Restored",
                    "Restored",
                    "BadRequest Unauthorized Forbidden NotFound Conflict",
                ),
            }
        },
    }
