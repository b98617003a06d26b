"""Photos of graves and plaques: checked by content, re-encoded, stripped of metadata
(the orientation excepted), with a thumbnail."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image

from mapapp.errors import N_, InvalidInput, TooLarge

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_PIXELS = 60_000_000  # a 10 MB JPEG is rarely above 40 megapixels
THUMBNAIL_SIZE = (480, 480)
ORIENTATION = 0x0112
# What turns an image with EXIF orientation N upright.
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class ProcessedPhoto:
    mime: str
    width: int
    height: int
    image: bytes
    thumbnail: bytes


def check_size(size: int, max_bytes: int, field: str) -> None:
    """TooLarge naming ``field`` when a file of ``size`` bytes is over ``max_bytes``."""
    if size > max_bytes:
        raise TooLarge(
            N_("%(field)s is larger than %(max)s MB"),
            field,
            field=field,
            max=max_bytes // (1024 * 1024),
        )


class _NotAnImage(Exception):
    """Raised by _open; process_photo answers with the message its caller gave."""


def process_photo(
    data: bytes,
    max_bytes: int,
    field: str = "photo",
    wrong_kind: str = N_("%(field)s must be a JPEG, PNG or WebP image"),
) -> ProcessedPhoto:
    """The photo re-encoded in its own format with only its orientation tag kept, and a
    JPEG thumbnail turned upright; InvalidInput naming ``field`` for anything but a JPEG,
    PNG or WebP (``wrong_kind``, a marked message, says what the field takes)."""
    check_size(len(data), max_bytes, field)
    try:
        image = _open(data, field)
    except _NotAnImage as exc:
        raise InvalidInput(wrong_kind, field, field=field) from exc.__cause__
    fmt = image.format
    orientation = image.getexif().get(ORIENTATION)
    exif = Image.Exif()
    if orientation in range(1, 9):
        exif[ORIENTATION] = orientation
    if fmt == "JPEG":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    out = io.BytesIO()
    options = {"quality": 90} if fmt in ("JPEG", "WEBP") else {}
    image.save(out, fmt, exif=exif.tobytes(), **options)
    thumb = image.transpose(UPRIGHT[orientation]) if orientation in UPRIGHT else image.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    thumb_out = io.BytesIO()
    thumb.convert("RGB").save(thumb_out, "JPEG", quality=85)
    return ProcessedPhoto(
        mime=FORMATS[fmt],
        width=image.width,
        height=image.height,
        image=out.getvalue(),
        thumbnail=thumb_out.getvalue(),
    )


def _open(data: bytes, field: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data), formats=list(FORMATS))
            if probe.width * probe.height > MAX_PIXELS:
                raise InvalidInput(N_("%(field)s has too many pixels"), field, field=field)
            probe.verify()
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            image.load()
    except InvalidInput:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
        raise _NotAnImage from exc
    except Image.DecompressionBombWarning as exc:
        raise InvalidInput(N_("%(field)s has too many pixels"), field, field=field) from exc
    if image.format not in FORMATS:
        raise _NotAnImage
    return image
