"""The A4 poster of a Kommune for the Rathaus notice board: name, logo, three steps to
join and a QR code to its page (drawn with the shared printing package)."""

from __future__ import annotations

from pathlib import Path

from dasnez_core.i18n import translate
from dasnez_core.printing import document as doc


def poster_pdf(
    name: str, page_url: str, contact: str, logo: Path | None, lang: str = "de"
) -> bytes:
    """The poster as PDF bytes (A4 portrait)."""
    heading = translate("reach.poster_heading", lang, name=name)
    pdf = doc.new_document(heading, lang)
    pdf.add_page()
    left = 20.0
    width = pdf.w - 2 * left
    top = 20.0
    logo_width = doc.logo(pdf, logo, left, top, 28, width)
    if logo_width:
        top += 34
    pdf.set_y(top)
    doc.font(pdf, 30, bold=True)
    doc.paragraph(pdf, doc.clean(heading), left, width, 13)
    doc.font(pdf, 18)
    doc.paragraph(pdf, doc.clean(translate("reach.poster_lead", lang)), left, width, 9)
    pdf.ln(6)
    doc.font(pdf, 20, bold=True)
    doc.paragraph(pdf, doc.clean(translate("reach.poster_steps", lang)), left, width, 10)
    doc.font(pdf, 16)
    for number in (1, 2, 3):
        pdf.ln(2)
        step = f"{number}. " + translate(f"reach.poster_step{number}", lang)
        doc.paragraph(pdf, doc.clean(step), left, width, 8)
    qr_size = 90.0
    qr_top = max(pdf.get_y() + 10, 150.0)
    doc.qr_code(pdf, page_url, (pdf.w - qr_size) / 2, qr_top, qr_size)
    pdf.set_y(qr_top + qr_size + 4)
    doc.font(pdf, 18, bold=True)
    doc.paragraph(pdf, doc.clean(page_url), left, width, 9, align="C")
    if contact:
        doc.font(pdf, 14)
        contact_line = translate("reach.poster_contact", lang, contact=contact)
        doc.paragraph(pdf, doc.clean(contact_line), left, width, 8, align="C")
    return bytes(pdf.output())
