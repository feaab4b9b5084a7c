"""The installable app's files in assets/: generated from the catalog and the theme values,
committed as generated, and each icon the size its name promises."""

from __future__ import annotations

import json
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dasnez_ui.pwa import APPLE_TOUCH_ICON, FAVICON_ICO, ICONS, MANIFEST_PATH, THEME_COLOR
from scripts.make_pwa_assets import png_size, render_icon, text_assets

ASSETS = Path(__file__).resolve().parents[2] / "assets"


def _asset(path: str) -> Path:
    return ASSETS / path.lstrip("/")


def _pixels(png: bytes) -> list[list[tuple[int, ...]]]:
    """RGBA pixels of a PNG written with filter 0 on every row (as ours are)."""
    width, height = png_size(png)
    raw = zlib.decompress(png[41:-12])  # IDAT data after signature, IHDR and its header
    stride = 1 + 4 * width
    rows = []
    for y in range(height):
        line = raw[y * stride : (y + 1) * stride]
        assert line[0] == 0
        rows.append([tuple(line[1 + 4 * x : 5 + 4 * x]) for x in range(width)])
    return rows


@pytest.mark.parametrize("path", sorted(text_assets()))
def test_the_committed_text_files_are_what_the_script_writes(path: str) -> None:
    assert _asset(path).read_text(encoding="utf-8") == text_assets()[path], (
        f"assets{path} is out of date: run python scripts/make_pwa_assets.py"
    )


def test_the_manifest_makes_a_german_standalone_app_with_a_maskable_icon() -> None:
    manifest = json.loads(_asset(MANIFEST_PATH).read_text(encoding="utf-8"))
    assert manifest["name"] == "dasnez"
    assert manifest["lang"] == "de"
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == THEME_COLOR
    assert "Nachbarschaftshilfe" in manifest["description"]
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


@pytest.mark.parametrize(("path", "size"), [(p, s) for p, s, _ in ICONS] + [APPLE_TOUCH_ICON])
def test_each_icon_has_the_size_it_is_announced_with(path: str, size: int) -> None:
    assert png_size(_asset(path).read_bytes()) == (size, size)


def test_the_favicon_holds_a_16_and_a_32_pixel_image() -> None:
    ico = _asset(FAVICON_ICO).read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 2)
    sizes = []
    for index in range(count):
        width, height, *_, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * index : 22 + 16 * index]
        )
        assert png_size(ico[offset : offset + length]) == (width, height)
        sizes.append(width)
    assert sizes == [16, 32]


def test_the_icon_is_a_white_house_on_the_theme_colour() -> None:
    teal = (0x00, 0x85, 0x73, 255)
    rounded = _pixels(render_icon(100, maskable=False))
    assert rounded[0][0][3] == 0  # the rounded corner is transparent
    assert rounded[50][10] == teal  # background beside the house
    assert rounded[55][35] == (255, 255, 255, 255)  # the house's wall
    assert rounded[75][50] == teal  # its door
    maskable = _pixels(render_icon(100, maskable=True))
    assert maskable[0][0] == teal  # full bleed: the platform cuts the shape


class _OfflinePage(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.links: list[str | None] = []
        self.open: list[str] = []
        self.texts: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag == "a":
            self.links.append(dict(attrs).get("href"))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and data.strip():
            self.texts[self.open[-1]] = self.texts.get(self.open[-1], "") + data.strip()


def test_the_offline_page_is_german_with_a_title_a_heading_and_a_retry_link() -> None:
    page = _OfflinePage()
    page.feed(_asset("/offline.html").read_text(encoding="utf-8"))
    assert page.lang == "de"
    assert page.texts["title"] == "Keine Verbindung – dasnez"
    assert page.texts["h1"] == "Keine Verbindung"
    assert "Erneut versuchen" in page.texts["a"]
    assert "" in page.links  # the empty address reloads the page that failed
    assert "<script" not in _asset("/offline.html").read_text(encoding="utf-8")
