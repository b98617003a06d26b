"""The app's icons for the web app manifest, drawn with Pillow (no image files to ship).

A dark square with a light obelisk over a red star: the memorial the map is about, legible
at 48 px. The drawing stays inside the middle 80 %, so the same image serves as a
"maskable" icon that phones may cut to a circle.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from PIL import Image, ImageDraw

SIZES = (192, 512)
BACKGROUND = (43, 43, 43)
STONE = (236, 233, 224)
RED = (178, 34, 34)


def _star(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    inner = outer * 0.382
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


@lru_cache(maxsize=len(SIZES))
def icon_png(size: int) -> bytes:
    """The icon as PNG bytes, ``size`` pixels square."""
    if size not in SIZES:
        raise ValueError(f"no icon of size {size}")
    image = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(image)
    u = size / 100  # draw on a 100 x 100 grid
    # Obelisk: a tall tapering shaft with a pointed top, on a two-step base.
    draw.polygon([(44 * u, 30 * u), (50 * u, 18 * u), (56 * u, 30 * u), (58 * u, 76 * u),
                  (42 * u, 76 * u)], fill=STONE)  # fmt: skip
    draw.rectangle([34 * u, 76 * u, 66 * u, 81 * u], fill=STONE)
    draw.rectangle([28 * u, 81 * u, 72 * u, 86 * u], fill=STONE)
    draw.polygon(_star(50 * u, 44 * u, 6 * u), fill=RED)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
