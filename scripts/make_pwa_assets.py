"""Write the installable app's files into assets/: the web app manifest, the German offline
page, the favicons and the PNG icons (the generated files are committed).

    python scripts/make_pwa_assets.py

Texts come from the message catalog, colours and icon paths from `dasnez_ui.pwa`. The icon
(a white house on the theme colour) is drawn here, without an image library:
each shape is cut into horizontal sample lines, its exact horizontal coverage of every
pixel summed over the lines, and the PNG written with zlib. Same input, same bytes.
"""

from __future__ import annotations

import html
import json
import math
import struct
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dasnez_core.i18n import text  # noqa: E402
from dasnez_ui.pwa import (  # noqa: E402
    APPLE_TOUCH_ICON,
    BACKGROUND_COLOR,
    FAVICON_ICO,
    FAVICON_SVG,
    ICONS,
    MANIFEST_PATH,
    THEME_COLOR,
)

ASSETS = ROOT / "assets"
SUBROWS = 8  # sample lines per pixel row
WHITE = "#ffffff"
# The drawing on a 100×100 canvas: a house, its door cut out of it.
HOUSE = (
    (50.0, 20.0),
    (82.0, 48.0),
    (74.0, 48.0),
    (74.0, 80.0),
    (57.0, 80.0),
    (57.0, 60.0),
    (43.0, 60.0),
    (43.0, 80.0),
    (26.0, 80.0),
    (26.0, 48.0),
    (18.0, 48.0),
)
CORNER_RADIUS = 20.0  # of the icon's background where it is not masked
MASKABLE_SCALE = 0.8  # keeps the house inside the maskable icon's safe circle

Span = tuple[float, float]


@dataclass(frozen=True)
class Polygon:
    points: Sequence[tuple[float, float]]

    def spans(self, y: float) -> list[Span]:
        """The parts of the line at height y inside the polygon (even-odd rule)."""
        crossings = []
        points = self.points
        for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True):
            if (y0 <= y < y1) or (y1 <= y < y0):
                crossings.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
        crossings.sort()
        return list(zip(crossings[::2], crossings[1::2], strict=True))


@dataclass(frozen=True)
class RoundedRect:
    x0: float
    y0: float
    x1: float
    y1: float
    radius: float = 0.0

    def spans(self, y: float) -> list[Span]:
        if not self.y0 <= y < self.y1:
            return []
        r = self.radius
        into_corner = max(self.y0 + r - y, y - (self.y1 - r), 0.0)
        inset = r - math.sqrt(max(r * r - into_corner * into_corner, 0.0)) if r else 0.0
        return [(self.x0 + inset, self.x1 - inset)]


Shape = Polygon | RoundedRect


def _scaled(shape: Shape, factor: float) -> Shape:
    """The shape scaled about the canvas centre (50, 50)."""

    def s(v: float) -> float:
        return 50.0 + (v - 50.0) * factor

    if isinstance(shape, Polygon):
        return Polygon([(s(x), s(y)) for x, y in shape.points])
    return RoundedRect(s(shape.x0), s(shape.y0), s(shape.x1), s(shape.y1), shape.radius * factor)


def icon_layers(*, maskable: bool) -> list[tuple[Shape, str]]:
    """The icon as shapes on the 100×100 canvas, bottom first, each with its colour."""
    background = RoundedRect(0, 0, 100, 100, 0.0 if maskable else CORNER_RADIUS)
    factor = MASKABLE_SCALE if maskable else 1.0
    return [(background, THEME_COLOR), (_scaled(Polygon(HOUSE), factor), WHITE)]


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _coverage_row(shape: Shape, size: int, row: int) -> list[float]:
    """How much of each pixel in this row the shape covers (0 to 1)."""
    scale = 100.0 / size
    cover = [0.0] * size
    for sub in range(SUBROWS):
        y = (row + (sub + 0.5) / SUBROWS) * scale
        for left, right in shape.spans(y):
            a, b = max(left / scale, 0.0), min(right / scale, float(size))
            first, last = int(a), min(math.ceil(b), size)
            for px in range(first, last):
                cover[px] += (min(b, px + 1) - max(a, px)) / SUBROWS
    return cover


def render_icon(size: int, *, maskable: bool) -> bytes:
    """The icon as a size×size RGBA PNG."""
    layers = [(shape, _rgb(colour)) for shape, colour in icon_layers(maskable=maskable)]
    rows = []
    for row in range(size):
        # Premultiplied RGBA per pixel, painted layer over layer.
        pixels = [[0.0, 0.0, 0.0, 0.0] for _ in range(size)]
        for shape, (r, g, b) in layers:
            for px, alpha in enumerate(_coverage_row(shape, size, row)):
                if alpha > 0:
                    p = pixels[px]
                    keep = 1.0 - alpha
                    p[0] = r * alpha + p[0] * keep
                    p[1] = g * alpha + p[1] * keep
                    p[2] = b * alpha + p[2] * keep
                    p[3] = alpha + p[3] * keep
        line = bytearray()
        for red, green, blue, alpha in pixels:
            if alpha <= 0:
                line += b"\x00\x00\x00\x00"
            else:
                line += bytes(
                    (
                        round(red / alpha),
                        round(green / alpha),
                        round(blue / alpha),
                        round(alpha * 255),
                    )
                )
        rows.append(bytes(line))
    return png_bytes(size, size, rows)


def png_bytes(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    """An 8-bit RGBA PNG from rows of RGBA bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every row
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def ico_bytes(pngs: Sequence[bytes]) -> bytes:
    """An ICO file holding these PNG images (the PNG form every current browser reads)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for data in pngs:
        width, height = png_size(data)
        entries += struct.pack(
            "<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(data), offset
        )
        images += data
        offset += len(data)
    return header + entries + images


def render_favicon_svg() -> str:
    house = " ".join(f"{x:g},{y:g}" for x, y in HOUSE)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" rx="{CORNER_RADIUS:g}" fill="{THEME_COLOR}"/>'
        f'<polygon points="{house}" fill="{WHITE}"/>'
        "</svg>\n"
    )


def render_manifest() -> str:
    """The web app manifest, in German (the language of every Kommune's citizens)."""
    manifest = {
        "id": "/",
        "name": text("app.name", "de"),
        "short_name": text("pwa.short_name", "de"),
        "description": text("pwa.description", "de"),
        "lang": "de",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
            for path, size, purpose in ICONS
        ],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


def render_offline_page() -> str:
    """The page the service worker shows when a page cannot load offline (no script:
    the retry link's empty address is the page that failed)."""

    def t(key: str) -> str:
        return html.escape(text(key, "de"))

    return f"""<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="{THEME_COLOR}">
<meta name="robots" content="noindex">
<title>{t("pwa.offline_title")}</title>
<link rel="icon" href="{FAVICON_SVG}" type="image/svg+xml">
<style>
body {{ margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 1.1rem; line-height: 1.5; color: #1c2024; background: {BACKGROUND_COLOR}; }}
main {{ max-width: 40rem; margin: 0 auto; padding: 2rem 1rem; }}
a {{ display: inline-block; padding: 0.75rem 0; color: {THEME_COLOR}; font-weight: bold; }}
a:focus-visible {{ outline: 3px solid #0b7285; outline-offset: 2px; }}
</style>
</head>
<body>
<main>
<h1>{t("pwa.offline_heading")}</h1>
<p>{t("pwa.offline_text")}</p>
<p><a href="">{t("pwa.offline_retry")}</a></p>
<p><a href="/">{t("pwa.offline_home")}</a></p>
</main>
</body>
</html>
"""


def text_assets() -> dict[str, str]:
    """Every generated text file by its path under assets/."""
    return {
        MANIFEST_PATH: render_manifest(),
        "/offline.html": render_offline_page(),
        FAVICON_SVG: render_favicon_svg(),
    }


def image_assets() -> dict[str, bytes]:
    """Every generated image by its path under assets/."""
    images = {
        path: render_icon(size, maskable=purpose == "maskable") for path, size, purpose in ICONS
    }
    # iOS fills transparent corners with black and rounds the corners itself: full square.
    images[APPLE_TOUCH_ICON[0]] = render_icon(APPLE_TOUCH_ICON[1], maskable=True)
    images[FAVICON_ICO] = ico_bytes(
        [render_icon(16, maskable=False), render_icon(32, maskable=False)]
    )
    return images


def main() -> int:
    for path, content in text_assets().items():
        target = ASSETS / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        print(f"wrote assets{path}")
    for path, data in image_assets().items():
        target = ASSETS / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"wrote assets{path} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
