"""The A4 page every printed piece shares: embedded Unicode font, the Kommune's logo and
name as a header, QR codes, text cut to fit, and a footer with "Seite N von M"; and the
flowing document (forms, exports, certificates) whose text breaks across as many pages as
it needs, the letterhead on top of each.

The font is DejaVu Sans (regular and bold), cut down to Latin, Greek and Cyrillic (see
`fonts/LICENSE.txt`); fpdf2 embeds only the glyphs a document uses. Characters the font
lacks (emoji, most other scripts) are left out rather than printed as empty boxes.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from PIL import Image

from dasnez_core.i18n import translate
from dasnez_core.printing.qr import qr_png

log = logging.getLogger(__name__)
# fpdf2 subsets the embedded font with fontTools, which logs a dozen info lines per PDF.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT = "DejaVu"
FONT_DIR = Path(__file__).parent / "fonts"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
MARGIN = 15.0
# Where flowing text stops: above the footer line (at h - MARGIN + 4), with a gap.
BOTTOM_MARGIN = MARGIN + 8
# Colours (RGB): text almost black, secondary text dark grey (contrast > 7:1 on white),
# rules and cut lines light grey, the accent a dark blue that copies well in black and white.
INK = (20, 20, 20)
MUTED = (80, 80, 80)
RULE = (170, 170, 170)
ACCENT = (22, 62, 120)
OFFER = (22, 101, 52)
REQUEST = (154, 52, 18)
ELLIPSIS = "…"


@dataclass(frozen=True)
class Letterhead:
    """Who a printed page comes from: the Kommune's name, its logo file (or none) and a
    line under the name (e.g. "Nachbarschaftshilfe")."""

    name: str
    logo: Path | None
    tagline: str = ""


def kommune_letterhead(
    name: str, logo_path: str, upload_dir: Path | None, lang: str = "de"
) -> Letterhead:
    """The Kommune's letterhead: its name, its uploaded logo (`logo_path` under
    `upload_dir`; none without either) and the line saying what dasnez is."""
    logo = upload_dir / logo_path if upload_dir is not None and logo_path else None
    return Letterhead(name, logo, translate("print.tagline", lang))


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """The code points both embedded fonts can draw."""
    points: set[int] | None = None
    for name in _FONT_FILES.values():
        with TTFont(FONT_DIR / name, lazy=True) as font:
            cmap = set(font.getBestCmap())
        points = cmap if points is None else points & cmap
    return frozenset(points or ())


def clean(text: str) -> str:
    """`text` with only what the font can draw: other characters left out, line breaks
    kept, runs of spaces made one."""
    covered = _covered()
    kept = []
    for char in unicodedata.normalize("NFC", text):
        if char == "\n" or ord(char) in covered:
            kept.append(char)
        elif char == "\t":
            kept.append(" ")
    lines = ("".join(kept)).replace("\r", "").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def new_document(title: str, lang: str = "de", pdf: FPDF | None = None) -> FPDF:
    """An empty A4 portrait document (mm), or `pdf`, with the fonts loaded and its
    metadata set; no automatic page breaks (fixed layouts place everything themselves)."""
    pdf = pdf or FPDF(format="A4", unit="mm")
    for style, name in _FONT_FILES.items():
        pdf.add_font(FONT, style, str(FONT_DIR / name))
    pdf.set_title(clean(title))
    pdf.set_creator("dasnez")
    pdf.set_lang(lang)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=False)
    pdf.set_text_color(*INK)
    return pdf


class _Flowing(FPDF):
    """fpdf2 calls `header()` on every new page, also on one a page break adds."""

    def __init__(self, head: Letterhead) -> None:
        super().__init__(format="A4", unit="mm")
        self.head = head

    def header(self) -> None:
        self.set_y(letterhead(self, self.head, compact=self.page > 1))


def flowing_document(title: str, head: Letterhead, lang: str = "de") -> FPDF:
    """A document whose text breaks across pages by itself, each page headed by the
    Kommune's letterhead (smaller from the second page on); its first page added and the
    cursor below the letterhead. Finish it with `number_pages`."""
    pdf = new_document(title, lang, _Flowing(head))
    pdf.set_author(clean(head.name))
    pdf.set_auto_page_break(auto=True, margin=BOTTOM_MARGIN)
    pdf.add_page()
    return pdf


def number_pages(pdf: FPDF, left: str, lang: str = "de") -> None:
    """The footer on every page: `left` and "Seite N von M" on the right."""
    # The footer lies below the page-break line: drawing it must not start a new page.
    pdf.set_auto_page_break(auto=False)
    pages = pdf.pages_count
    for number in range(1, pages + 1):
        pdf.page = number
        footer(pdf, left, translate("print.page", lang, page=number, pages=pages))


def keep_together(pdf: FPDF, height: float) -> None:
    """A new page unless `height` mm still fit above the page-break line (for a heading
    with its first lines, a signature block, a bar)."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def font(pdf: FPDF, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*color)


def content_width(pdf: FPDF) -> float:
    return float(pdf.w - 2 * MARGIN)


def logo(pdf: FPDF, path: Path | None, x: float, y: float, h: float, max_w: float) -> float:
    """Draw the logo left-aligned, `h` high (lower if it would be wider than `max_w`);
    its width, 0 if there is none or it cannot be read (a broken logo must not cost the
    page)."""
    if path is None or not path.is_file():
        return 0.0
    try:
        with Image.open(path) as picture:
            ratio = picture.width / picture.height
        width = min(max_w, h * ratio)
        height = width / ratio
        pdf.image(str(path), x=x, y=y + (h - height) / 2, w=width, h=height)
    except Exception:
        log.warning("printing: logo %s not usable", path.name)
        return 0.0
    return width


def letterhead(pdf: FPDF, head: Letterhead, compact: bool = False) -> float:
    """The header at the top of the current page: logo left, the Kommune's name beside
    it, a rule under both. Returns the y below it."""
    top = MARGIN - 5
    height = 12.0 if compact else 18.0
    width = logo(pdf, head.logo, MARGIN, top, height, 45.0)
    x = MARGIN + (width + 5 if width else 0)
    pdf.set_xy(x, top + (0.5 if compact else 1.5))
    font(pdf, 13 if compact else 17, bold=True)
    pdf.cell(pdf.w - MARGIN - x, 7 if compact else 8, clean(head.name))
    if head.tagline:
        pdf.set_xy(x, pdf.get_y() + (6 if compact else 8.5))
        font(pdf, 9.5 if compact else 11.5, color=MUTED)
        pdf.cell(pdf.w - MARGIN - x, 5, clean(head.tagline))
    bottom = top + height + 3
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN, bottom, pdf.w - MARGIN, bottom)
    pdf.set_line_width(0.2)
    pdf.set_text_color(*INK)
    return bottom + 5


def footer(pdf: FPDF, left: str, right: str = "") -> None:
    """Small grey lines at the bottom of the current page."""
    font(pdf, 8.5, color=MUTED)
    y = pdf.h - MARGIN + 4
    pdf.set_xy(MARGIN, y)
    shown, _cut = fit_lines(pdf, clean(left), content_width(pdf) * 0.75, 1)
    pdf.cell(content_width(pdf) * 0.75, 4, shown)
    if right:
        pdf.set_xy(MARGIN, y)
        pdf.cell(content_width(pdf), 4, clean(right), align="R")
    pdf.set_text_color(*INK)


def qr_code(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    """A QR code of `url`, `size` mm square (quiet zone included)."""
    # More pixels per module for larger codes, so that the scaled image keeps sharp edges
    # on paper; a few KB each.
    scale = max(4, min(12, round(size / 4)))
    pdf.image(io.BytesIO(qr_png(url, scale=scale)), x=x, y=y, w=size, h=size)


def wrapped(pdf: FPDF, text: str, width: float) -> list[str]:
    """The lines `text` takes at `width` in the current font."""
    if not text:
        return []
    lines = pdf.multi_cell(width, 5, text, dry_run=True, output=MethodReturnValue.LINES, align="L")
    assert isinstance(lines, list)
    return [str(line) for line in lines]


def fit_lines(pdf: FPDF, text: str, width: float, max_lines: int) -> tuple[str, bool]:
    """`text` cut to at most `max_lines` lines at `width` in the current font, ending in
    "…" when something was cut; and whether it was."""
    # Wrap no more than can be shown (no line on these pages holds 150 characters).
    limit = (max_lines + 1) * 150
    lines = wrapped(pdf, text[:limit], width)
    if len(lines) <= max_lines and len(text) <= limit:
        return text, False
    if max_lines <= 0:
        return "", True
    kept = lines[:max_lines]
    last = kept[-1].rstrip()
    # Make room for the ellipsis on the last line, cutting at a word where possible.
    room = width - 2 * pdf.c_margin  # what multi_cell leaves for text in a cell
    while last and pdf.get_string_width(last + " " + ELLIPSIS) > room:
        cut = last.rsplit(" ", 1)
        last = cut[0] if len(cut) == 2 and cut[0] else last[:-1]
    kept[-1] = last.rstrip(" ,;:-–") + " " + ELLIPSIS if last else ELLIPSIS
    return "\n".join(line.rstrip() for line in kept), True


def paragraph(
    pdf: FPDF, text: str, x: float, width: float, line_height: float, align: str = "L"
) -> None:
    """`text` from (x, current y) at `width`, the cursor left below it."""
    pdf.set_x(x)
    pdf.multi_cell(width, line_height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
