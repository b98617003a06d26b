"""Evidence as a file: a PDF (parsed, unencrypted) or a photo (re-encoded, EXIF stripped),
on the API and the page forms; moderators alone read it, the public history only says a
document was given; bad files are a 400 naming the field, too big a 413."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter
from sqlalchemy import text

from mapapp.contributions.evidence_files import process_evidence_file
from mapapp.errors import InvalidInput, TooLarge
from tests.helpers import csrf_token, sign_in
from tests.integration.test_photos import jpeg_with_exif

LIMIT = 10 * 1024 * 1024


def pdf(encrypted: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypted:
        writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _form(target_id: int, data: bytes, name: str = "card.pdf", **fields) -> dict:
    return {
        "kind": "withdrawal",
        "target_type": "person",
        "target_id": str(target_id),
        "comment": "Entered twice",
        "evidence_file": (io.BytesIO(data), name),
        **fields,
    }


@pytest.fixture()
def person(scratch):
    site = scratch.site("Захоронение с документом", 30.7, 54.7)
    return scratch.person(site, "Документов", given_name="Семён")


def _contributions(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM contributions")).scalar_one()


def test_a_pdf_is_kept_as_given_and_an_image_is_re_encoded_without_exif():
    document = pdf()
    assert process_evidence_file(document, LIMIT).content == document
    image = process_evidence_file(jpeg_with_exif(), LIMIT)
    assert image.mime == "image/jpeg" and b"SecretCam" not in image.content


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (pdf(encrypted=True), "encrypted"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "not a readable PDF"),
        (b"%PDF-" + b"\x00" * 50, "not a readable PDF"),
        (b"GIF89a" + b"\0" * 100, "must be a PDF document or a JPEG, PNG or WebP image"),
        (b"MZ\x90\x00 an executable", "must be a PDF document or a JPEG, PNG or WebP image"),
        (b"", "must be a PDF document"),
    ],
)
def test_bad_files_are_refused_naming_the_field_and_why(data, why):
    with pytest.raises(InvalidInput) as info:
        process_evidence_file(data, LIMIT)
    assert info.value.parameter == "evidence_file" and why in info.value.message


def test_over_the_limit_is_too_large():
    with pytest.raises(TooLarge):
        process_evidence_file(b"%PDF-" + b"x" * 200, 100)


def test_a_document_reaches_moderators_only_and_the_history_says_it_was_given(
    app, engine, person, accounts
):
    client = app.test_client()
    document = pdf()
    response = client.post(
        "/api/contributions", data=_form(person, document), content_type="multipart/form-data"
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    contribution = response.get_json()["id"]
    with engine.connect() as conn:
        file_id, mime = conn.execute(
            text("SELECT id, mime FROM evidence_files WHERE contribution_id = :c"),
            {"c": contribution},
        ).one()
    assert mime == "application/pdf"

    assert client.get(f"/moderation/evidence/{file_id}").status_code == 401
    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    page = moderator.get("/moderation").get_data(as_text=True)
    assert f"/moderation/evidence/{file_id}" in page
    download = moderator.get(f"/moderation/evidence/{file_id}")
    assert download.status_code == 200 and download.data == document
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert "no-store" in download.headers["Cache-Control"]

    moderator.post(
        f"/api/contributions/{contribution}/decision",
        json={"decision": "approve"},
        headers={"X-CSRFToken": token},
    )
    entry = client.get(f"/api/persons/{person}/history").get_json()["items"][0]
    assert entry["contribution"]["evidence_file"] is True
    assert entry["contribution"]["evidence"] == ""
    public = client.get(f"/persons/{person}").get_data(as_text=True)
    assert 'data-testid="history-evidence-file"' in public
    assert "/moderation/evidence/" not in public
    assert client.get(f"/moderation/evidence/{file_id}").status_code == 401


def test_a_photo_as_evidence_on_the_page_form_is_stored_without_exif(app, engine, person):
    client = app.test_client()
    token = csrf_token(client.get(f"/persons/{person}").get_data(as_text=True))
    response = client.post(
        "/contribute",
        data=_form(person, jpeg_with_exif(), "card.jpg", csrf_token=token),
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    with engine.connect() as conn:
        mime, content = conn.execute(
            text("SELECT mime, content FROM evidence_files ORDER BY id DESC LIMIT 1")
        ).one()
    assert mime == "image/jpeg" and b"SecretCam" not in bytes(content)


def test_bad_or_too_big_files_store_nothing(app, engine, person):
    client = app.test_client()
    before = _contributions(engine)
    bad = client.post(
        "/api/contributions",
        data=_form(person, pdf(encrypted=True)),
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400
    assert bad.get_json()["error"]["parameter"] == "evidence_file"
    assert "encrypted" in bad.get_json()["error"]["message"]
    big = client.post(
        "/api/contributions",
        data=_form(person, b"%PDF-1.4\n" + b"0" * LIMIT),
        content_type="multipart/form-data",
    )
    assert big.status_code == 413 and big.is_json
    assert big.get_json()["error"]["parameter"] == "evidence_file"
    no_evidence = client.post(
        "/api/contributions",
        data={k: v for k, v in _form(person, b"").items() if k != "evidence_file"},
        content_type="multipart/form-data",
    )
    assert no_evidence.status_code == 400
    assert no_evidence.get_json()["error"]["parameter"] == "evidence"
    assert _contributions(engine) == before
