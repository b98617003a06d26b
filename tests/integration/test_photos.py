"""Photos: checked by content, re-encoded without metadata but the orientation, a
thumbnail, and public only once approved."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from mapapp.contributions.photos import process_photo
from mapapp.errors import InvalidInput, TooLarge
from tests.helpers import sign_in

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112


def jpeg_with_exif(width=64, height=32, orientation=6) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[MAKE] = "SecretCam"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD)[2] = (54.0, 30.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def upload_photo(
    client, target_type: str, target_id: int, caption: str | None = None, filename="plaque.jpg"
) -> int:
    """A photo with camera metadata (jpeg_with_exif) sent as a contribution to a record,
    with its caption if given: the contribution's id."""
    caption_field = {"value": caption} if caption is not None else {}
    response = client.post(
        "/api/contributions",
        data={
            "kind": "photo",
            "target_type": target_type,
            "target_id": str(target_id),
            **caption_field,
            "comment": "Taken on a visit",
            "photo": (io.BytesIO(jpeg_with_exif()), filename),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


def approve(moderator, token: str, contribution: int) -> None:
    moderator.post(
        f"/api/contributions/{contribution}/decision",
        json={"decision": "approve"},
        headers={"X-CSRFToken": token},
    )


def test_exif_is_stripped_but_the_orientation_and_the_thumbnail_is_upright():
    photo = process_photo(jpeg_with_exif(), 10 * 1024 * 1024)
    assert photo.mime == "image/jpeg" and (photo.width, photo.height) == (64, 32)
    exif = Image.open(io.BytesIO(photo.image)).getexif()
    assert dict(exif) == {ORIENTATION: 6}
    assert b"SecretCam" not in photo.image
    thumb = Image.open(io.BytesIO(photo.thumbnail))
    assert thumb.format == "JPEG" and thumb.size == (32, 64)  # turned upright


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(fmt):
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 0, 255, 128)).save(out, fmt)
    photo = process_photo(out.getvalue(), 10 * 1024 * 1024)
    assert Image.open(io.BytesIO(photo.image)).format == fmt


@pytest.mark.parametrize(
    "data",
    [b"", b"GIF89a" + b"\0" * 100, b"<svg xmlns='http://www.w3.org/2000/svg'/>",
     jpeg_with_exif()[:200], b"%PDF-1.4 not an image"],
)  # fmt: skip
def test_anything_else_is_refused_by_its_content(data):
    with pytest.raises(InvalidInput) as info:
        process_photo(data, 10 * 1024 * 1024)
    assert info.value.parameter == "photo"


def test_a_gif_named_jpeg_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (5, 5)).save(out, "GIF")
    with pytest.raises(InvalidInput):
        process_photo(out.getvalue(), 10 * 1024 * 1024)


def test_over_the_limit_is_too_large():
    with pytest.raises(TooLarge):
        process_photo(b"x" * 101, 100)


def test_a_photo_is_shown_on_the_site_page_once_approved(app, scratch, accounts):
    site = scratch.site("Фото", 31.1, 55.1)
    client = app.test_client()
    contribution = upload_photo(client, "site", site, "The plaque in 2024", "plaque.jpg")
    assert 'data-testid="site-photo"' not in client.get(f"/sites/{site}").get_data(as_text=True)
    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    page = moderator.get("/moderation").get_data(as_text=True)
    photo_id = (
        int(page.split("/photos/")[1].split(".jpg")[0].split('"')[0])
        if "/photos/" in page
        else None
    )
    assert photo_id is not None
    assert client.get(f"/photos/{photo_id}.jpg").status_code == 404  # pending: not public
    assert moderator.get(f"/photos/{photo_id}.jpg").status_code == 200
    approve(moderator, token, contribution)
    page = client.get(f"/sites/{site}").get_data(as_text=True)
    assert 'data-testid="site-photo"' in page and "The plaque in 2024" in page
    full = client.get(f"/photos/{photo_id}")
    assert full.status_code == 200 and full.mimetype == "image/jpeg"
    assert b"SecretCam" not in full.data


def test_a_photo_upload_without_a_file_or_with_a_bad_file_is_a_400(client, shukhovtsy_id):
    base = {"kind": "photo", "target_type": "site", "target_id": str(shukhovtsy_id),
            "comment": "c"}  # fmt: skip
    response = client.post("/api/contributions", data=base, content_type="multipart/form-data")
    assert response.status_code == 400 and response.get_json()["error"]["parameter"] == "photo"
    response = client.post(
        "/api/contributions",
        data={**base, "photo": (io.BytesIO(b"MZ\x90\x00 not an image"), "x.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and response.get_json()["error"]["parameter"] == "photo"


def test_a_photo_of_a_person_is_shown_on_the_person_page_once_approved(app, scratch, accounts):
    site = scratch.site("Фото имени", 31.2, 55.2)
    person = scratch.person(site, "Фотов", given_name="Айдар")
    client = app.test_client()
    contribution = upload_photo(client, "person", person, "His name on the plaque", "name.jpg")
    assert 'data-testid="person-photo"' not in client.get(f"/persons/{person}").get_data(
        as_text=True
    )
    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    approve(moderator, token, contribution)
    page = client.get(f"/persons/{person}").get_data(as_text=True)
    assert 'data-testid="person-photo"' in page and "His name on the plaque" in page
    assert 'data-testid="site-photo"' not in client.get(f"/sites/{site}").get_data(as_text=True)
    photo_id = int(re.search(r"/photos/(\d+)", page).group(1))
    full = client.get(f"/photos/{photo_id}")
    assert full.status_code == 200 and b"SecretCam" not in full.data
