"""Request bodies turned into the plain mappings the contribution core checks: JSON, or a
form (with an optional photo file) shaped like the JSON."""

from __future__ import annotations

from flask import Request

from mapapp.contributions.evidence_files import EvidenceUpload, process_evidence_file
from mapapp.contributions.fields import NEW_PERSON_FIELDS
from mapapp.contributions.photos import ProcessedPhoto, check_size, process_photo
from mapapp.contributions.submission import Submission, parse_submission
from mapapp.errors import N_, InvalidInput, TooLarge

FORM_FIELDS = ("kind", "field", "value", "comment", "evidence", "contact")


def json_object(request: Request, max_bytes: int) -> dict:
    """The body as a JSON object; 413 over ``max_bytes``, 400 for anything else."""
    if request.content_length is not None and request.content_length > max_bytes:
        raise TooLarge(N_("the body is larger than %(max)s bytes"), "body", max=max_bytes)
    data = request.get_data(cache=True)
    if len(data) > max_bytes:
        raise TooLarge(N_("the body is larger than %(max)s bytes"), "body", max=max_bytes)
    try:
        body = request.get_json(silent=True, force=True)
    except RecursionError as exc:  # nesting deeper than any contribution has
        raise InvalidInput(N_("the body is nested too deeply"), "body") from exc
    if not isinstance(body, dict):
        raise InvalidInput(N_("the body must be a JSON object"), "body")
    return body


def form_submission(request: Request) -> dict:
    """A contribution from an HTML form or a multipart upload: ``target_type`` and
    ``target_id`` make the target; ``value.<field>`` fields make a new person. A page's
    correction form sends, as ``value_seen.<field>``, every field's value it displayed:
    the corrected field's is its value seen (a client may send ``value_seen`` itself)."""
    form = request.form
    data = {name: form.get(name) for name in FORM_FIELDS if name in form}
    data["target"] = {"type": form.get("target_type"), "id": form.get("target_id")}
    shown = f"value_seen.{form.get('field')}"
    if "value_seen" in form:
        data["value_seen"] = form.get("value_seen")
    elif form.get("kind") == "correction" and shown in form:
        data["value_seen"] = form.get(shown)
    if form.get("kind") == "add_person":
        data["value"] = {
            name: form.get(f"value.{name}")
            for name in NEW_PERSON_FIELDS
            if (form.get(f"value.{name}") or "").strip()
        }
    return data


def form_contribution(
    request: Request, max_file_bytes: int
) -> tuple[Submission, ProcessedPhoto | None, EvidenceUpload | None]:
    """A contribution from a form, with its photo and its evidence file when given, each
    checked by content (a file stands in for the evidence text)."""
    raw_evidence = evidence_upload(request, max_file_bytes)
    submission = parse_submission(form_submission(request), raw_evidence is not None)
    raw_photo = photo_upload(request, max_file_bytes)
    photo = process_photo(raw_photo, max_file_bytes) if raw_photo else None
    evidence = process_evidence_file(raw_evidence, max_file_bytes) if raw_evidence else None
    return submission, photo, evidence


def photo_upload(request: Request, max_bytes: int) -> bytes | None:
    return file_upload(request, "photo", max_bytes)


def evidence_upload(request: Request, max_bytes: int) -> bytes | None:
    return file_upload(request, "evidence_file", max_bytes)


def file_upload(request: Request, name: str, max_bytes: int) -> bytes | None:
    """The bytes of the uploaded file ``name``; None when no file (or an empty one) came."""
    upload = request.files.get(name)
    if upload is None:
        return None
    data = upload.stream.read(max_bytes + 1)
    check_size(len(data), max_bytes, name)
    return data or None
