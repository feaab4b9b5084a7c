"""The A4 poster of a Kommune for the Rathaus notice board: name, logo, three steps to
join and a QR code to its page (fpdf2, the QR code by segno)."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from fpdf import FPDF

from dasnez_core.i18n import translate
from dasnez_core.pdf_text import latin1
from dasnez_ui.reach_links import qr_png

log = logging.getLogger(__name__)

# fpdf2's built-in Helvetica covers Latin-1 only: every text goes through `_latin1`.
_latin1 = latin1


def poster_pdf(
    name: str, page_url: str, contact: str, logo: Path | None, lang: str = "de"
) -> bytes:
    """The poster as PDF bytes (A4 portrait)."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(_latin1(translate("reach.poster_heading", lang, name=name)))
    pdf.set_lang(lang)
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    width = pdf.w - 40
    top = 20.0
    if logo is not None and logo.is_file():
        try:
            pdf.image(str(logo), x=20, y=top, h=28, keep_aspect_ratio=True)
            top += 34
        except Exception:  # a logo fpdf2 cannot read must not cost the poster
            log.warning("poster: logo %s not usable", logo.name)
    pdf.set_xy(20, top)
    pdf.set_font("Helvetica", "B", 30)
    pdf.multi_cell(width, 13, _latin1(translate("reach.poster_heading", lang, name=name)))
    pdf.set_x(20)
    pdf.set_font("Helvetica", "", 18)
    pdf.multi_cell(width, 9, _latin1(translate("reach.poster_lead", lang)), align="L")
    pdf.ln(6)
    pdf.set_x(20)
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(width, 10, _latin1(translate("reach.poster_steps", lang)))
    pdf.set_font("Helvetica", "", 16)
    for number in (1, 2, 3):
        pdf.ln(2)
        pdf.set_x(20)
        pdf.multi_cell(
            width,
            8,
            _latin1(f"{number}. " + translate(f"reach.poster_step{number}", lang)),
            align="L",
        )
    qr_size = 90.0
    qr_top = max(pdf.get_y() + 10, 150.0)
    pdf.image(io.BytesIO(qr_png(page_url, scale=10)), x=(pdf.w - qr_size) / 2, y=qr_top, w=qr_size)
    pdf.set_xy(20, qr_top + qr_size + 4)
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(width, 9, _latin1(page_url), align="C")
    if contact:
        pdf.set_x(20)
        pdf.set_font("Helvetica", "", 14)
        pdf.multi_cell(
            width, 8, _latin1(translate("reach.poster_contact", lang, contact=contact)), align="C"
        )
    return bytes(pdf.output())
