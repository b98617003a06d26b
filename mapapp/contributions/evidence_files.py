"""Evidence given as a file: a document scan as a PDF, or a photo of a document or a
plaque. Checked by content, never by name: a photo goes through the same re-encoding as
the photos of graves (metadata stripped); a PDF must parse, unencrypted, with pages."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from pypdf import PdfReader

from mapapp.contributions.photos import check_size, process_photo
from mapapp.errors import N_, InvalidInput

FIELD = "evidence_file"
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class EvidenceUpload:
    mime: str
    content: bytes


def process_evidence_file(data: bytes, max_bytes: int) -> EvidenceUpload:
    """The file as it is stored; InvalidInput naming ``evidence_file`` and why for
    anything else, TooLarge over ``max_bytes``."""
    check_size(len(data), max_bytes, FIELD)
    if data.startswith(PDF_MAGIC):
        _check_pdf(data)
        return EvidenceUpload("application/pdf", data)
    photo = process_photo(
        data,
        max_bytes,
        FIELD,
        N_("%(field)s must be a PDF document or a JPEG, PNG or WebP image"),
    )
    return EvidenceUpload(photo.mime, photo.image)


def _check_pdf(data: bytes) -> None:
    # pypdf reports what it repairs through logging: a contributor's file is not our error.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InvalidInput(
                N_("%(field)s is an encrypted PDF: send it without a password"),
                FIELD,
                field=FIELD,
            )
        pages = len(reader.pages)
    except InvalidInput:
        raise
    except Exception as exc:  # a broken file fails in pypdf in many ways; any of them is ours
        raise InvalidInput(
            N_("%(field)s is not a readable PDF document"), FIELD, field=FIELD
        ) from exc
    if pages == 0:
        raise InvalidInput(N_("%(field)s is a PDF without pages"), FIELD, field=FIELD)
