"""The PDFs of the Stellvertretung: the consent form a represented person signs (with the
Kommune's current privacy notice) and the export of everything stored about them.

Flowing A4 documents of the printing package: the Kommune's letterhead on every page, text
breaking across as many pages as it needs, "Seite N von M" in the footer.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from dasnez_core.formatting import format_date
from dasnez_core.i18n import translate
from dasnez_core.messages import MESSAGES
from dasnez_core.models import utcnow
from dasnez_core.printing import document as doc
from dasnez_core.services.legal import blocks
from dasnez_core.services.represented import ConsentForm, PersonData

BULLET_INDENT = 5.0


def _text(pdf: FPDF, text: str, size: float = 11, bold: bool = False, height: float = 5.5) -> None:
    doc.font(pdf, size, bold=bold)
    doc.paragraph(pdf, doc.clean(text), doc.MARGIN, doc.content_width(pdf), height)


def _point(pdf: FPDF, text: str, size: float = 11, height: float = 5.5) -> None:
    """A list item: a bullet, the text indented beside it."""
    doc.keep_together(pdf, height)
    doc.font(pdf, size)
    pdf.set_x(doc.MARGIN)
    pdf.cell(BULLET_INDENT, height, "•")
    indent = doc.MARGIN + BULLET_INDENT
    doc.paragraph(pdf, doc.clean(text), indent, doc.content_width(pdf) - BULLET_INDENT, height)


def _heading(pdf: FPDF, text: str, size: float = 13) -> None:
    # A heading never stands alone at the foot of a page: room for it and two lines more.
    doc.keep_together(pdf, 3 + 7 + 1 + 2 * 5.5)
    pdf.ln(3)
    _text(pdf, text, size=size, bold=True, height=7)
    pdf.ln(1)


def _signature_lines(pdf: FPDF, left: str, right: str) -> None:
    """Two lines to sign on, side by side, labelled below."""
    doc.keep_together(pdf, 20)
    width = (doc.content_width(pdf) - 10) / 2
    y = pdf.get_y() + 12
    pdf.set_draw_color(*doc.INK)
    pdf.line(doc.MARGIN, y, doc.MARGIN + width, y)
    pdf.line(doc.MARGIN + width + 10, y, doc.MARGIN + 2 * width + 10, y)
    doc.font(pdf, 10, color=doc.MUTED)
    pdf.set_xy(doc.MARGIN, y + 1)
    pdf.multi_cell(width, 5, doc.clean(left), align="L")
    below = pdf.get_y()
    pdf.set_xy(doc.MARGIN + width + 10, y + 1)
    pdf.multi_cell(width, 5, doc.clean(right), align="L")
    pdf.set_xy(doc.MARGIN, max(below, pdf.get_y()))
    doc.font(pdf, 11)


def consent_pdf(form: ConsentForm, lang: str = "de", upload_dir: Path | None = None) -> bytes:
    """The consent form: who agrees to whom, lines to sign, and the privacy notice.

    Args:
        upload_dir: where the Kommune's logo lies; without it the letterhead has none.
    """
    title = translate("represented.pdf.consent_title", lang, kommune=form.kommune_name)
    head = doc.kommune_letterhead(form.kommune_name, form.kommune_logo, upload_dir, lang)
    pdf = doc.flowing_document(title, head, lang)
    _text(pdf, title, size=17, bold=True, height=8)
    pdf.ln(4)
    _text(
        pdf,
        translate(
            "represented.pdf.consent_lead",
            lang,
            name=form.person_name,
            year=form.birth_year,
            area=form.area_name,
            proxy=form.proxy_name,
            kommune=form.kommune_name,
        ),
        size=12,
        height=6,
    )
    pdf.ln(2)
    _signature_lines(
        pdf,
        translate("represented.pdf.place_date", lang),
        translate("represented.pdf.signature", lang, name=form.person_name),
    )
    pdf.ln(6)
    _heading(pdf, translate("represented.pdf.privacy_heading", lang, version=form.privacy_version))
    for block in blocks(form.privacy_text):
        if block.kind in ("h2", "h3"):
            _heading(pdf, block.text, size=12 if block.kind == "h2" else 11)
        elif block.kind == "ul":
            for point in block.points:
                _point(pdf, point, size=10, height=5)
        else:
            _text(pdf, block.text, size=10, height=5)
            pdf.ln(1)
    printed = translate("print.printed_on", lang, day=format_date(utcnow(), lang))
    doc.number_pages(pdf, f"{form.person_name} · {printed}", lang)
    return bytes(pdf.output())


def export_pdf(data: PersonData, lang: str = "de", upload_dir: Path | None = None) -> bytes:
    """Everything stored about a represented person, on as many pages as it takes.

    Args:
        upload_dir: where the Kommune's logo lies; without it the letterhead has none.
    """
    s = data.summary
    title = translate("represented.pdf.export_title", lang, name=s.name, kommune=data.kommune_name)
    head = doc.kommune_letterhead(data.kommune_name, data.kommune_logo, upload_dir, lang)
    pdf = doc.flowing_document(title, head, lang)
    _text(pdf, title, size=16, bold=True, height=8)
    as_of = translate("represented.pdf.as_of", lang, date=format_date(utcnow(), lang))
    _text(pdf, as_of, size=10)
    none = translate("represented.pdf.none", lang)
    _heading(pdf, translate("represented.pdf.section_person", lang))
    status = translate(f"represented.status.{s.status}", lang)
    proxy = s.proxy_name or translate("proxy.successor_office", lang)
    for key, value in (
        ("name", s.name),
        ("area", s.area_name or none),
        ("birth_year", str(s.birth_year)),
        ("contact", s.contact or none),
        ("spaces", ", ".join(data.social_spaces) or none),
        ("proxy", proxy),
        ("registered", data.registered_on),
        ("status", status),
    ):
        _text(pdf, translate(f"represented.pdf.{key}", lang, value=value))
    _heading(pdf, translate("represented.pdf.section_consent", lang))
    if s.consent_on:
        _text(
            pdf,
            translate(
                "represented.pdf.consent",
                lang,
                date=s.consent_on,
                version=s.consent_version,
                by=data.consent_recorded_by or none,
            ),
        )
    else:
        _text(pdf, translate("represented.pdf.no_consent", lang))
    _heading(pdf, translate("represented.pdf.section_listings", lang))
    for listing in s.listings or ():
        key = f"own.status.{listing.status}"
        status_label = translate(key, lang) if key in MESSAGES else listing.status
        _point(pdf, f"{listing.title} ({status_label})")
    if not s.listings:
        _text(pdf, none)
    _heading(pdf, translate("represented.pdf.section_conversations", lang))
    for c in s.conversations:
        _point(pdf, f"{c.listing_title}: {c.other_name}, {c.last_message_at}")
    if not s.conversations:
        _text(pdf, none)
    _heading(pdf, translate("represented.pdf.section_agreements", lang))
    for a in s.agreements:
        done = translate(
            "represented.agreement_done" if a.confirmed else "represented.agreement_open", lang
        )
        _point(pdf, f"{a.listing_title}: {a.other_name} ({done})")
    if not s.agreements:
        _text(pdf, none)
    pdf.ln(2)
    _text(
        pdf,
        translate(
            "represented.pdf.ratings",
            lang,
            given=data.ratings_given,
            received=data.ratings_received,
        ),
    )
    doc.number_pages(pdf, f"{s.name} · {as_of}", lang)
    return bytes(pdf.output())
