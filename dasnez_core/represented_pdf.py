"""The PDFs of the Stellvertretung: the consent form a represented person signs (with the
Kommune's current privacy notice) and the export of everything stored about them.

fpdf2 with its built-in Helvetica (Latin-1, see `dasnez_core.pdf_text`), A4 portrait.
"""

from __future__ import annotations

from fpdf import FPDF

from dasnez_core.formatting import format_date
from dasnez_core.i18n import translate
from dasnez_core.messages import MESSAGES
from dasnez_core.models import utcnow
from dasnez_core.pdf_text import latin1
from dasnez_core.services.legal import blocks
from dasnez_core.services.represented import ConsentForm, PersonData

MARGIN = 20.0


def _document(title: str, lang: str) -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(latin1(title))
    pdf.set_lang(lang)
    pdf.set_creator("dasnez")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    pdf.add_page()
    return pdf


def _text(pdf: FPDF, text: str, size: float = 11, style: str = "", height: float = 5.5) -> None:
    pdf.set_x(MARGIN)
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(pdf.w - 2 * MARGIN, height, latin1(text), align="L")


def _heading(pdf: FPDF, text: str, size: float = 13) -> None:
    pdf.ln(3)
    _text(pdf, text, size=size, style="B", height=7)
    pdf.ln(1)


def consent_pdf(form: ConsentForm, lang: str = "de") -> bytes:
    """The consent form: who agrees to whom, the privacy notice, and lines to sign."""
    title = translate("represented.pdf.consent_title", lang, kommune=form.kommune_name)
    pdf = _document(title, lang)
    _text(pdf, title, size=17, style="B", height=8)
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
    pdf.ln(10)
    width = (pdf.w - 2 * MARGIN - 10) / 2
    y = pdf.get_y() + 12
    pdf.line(MARGIN, y, MARGIN + width, y)
    pdf.line(MARGIN + width + 10, y, pdf.w - MARGIN, y)
    pdf.set_xy(MARGIN, y + 1)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(width, 5, latin1(translate("represented.pdf.place_date", lang)))
    pdf.set_x(MARGIN + width + 10)
    pdf.cell(width, 5, latin1(translate("represented.pdf.signature", lang, name=form.person_name)))
    pdf.ln(12)
    _heading(pdf, translate("represented.pdf.privacy_heading", lang, version=form.privacy_version))
    for block in blocks(form.privacy_text):
        if block.kind in ("h2", "h3"):
            _heading(pdf, block.text, size=12 if block.kind == "h2" else 11)
        elif block.kind == "ul":
            for point in block.points:
                _text(pdf, f"- {point}", size=10, height=5)
        else:
            _text(pdf, block.text, size=10, height=5)
            pdf.ln(1)
    return bytes(pdf.output())


def export_pdf(data: PersonData, lang: str = "de") -> bytes:
    """Everything stored about a represented person, on as many pages as it takes."""
    s = data.summary
    title = translate("represented.pdf.export_title", lang, name=s.name, kommune=data.kommune_name)
    pdf = _document(title, lang)
    _text(pdf, title, size=16, style="B", height=8)
    _text(pdf, translate("represented.pdf.as_of", lang, date=format_date(utcnow(), lang)), 10)
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
        _text(pdf, f"- {listing.title} ({status_label})")
    if not s.listings:
        _text(pdf, none)
    _heading(pdf, translate("represented.pdf.section_conversations", lang))
    for c in s.conversations:
        _text(pdf, f"- {c.listing_title}: {c.other_name}, {c.last_message_at}")
    if not s.conversations:
        _text(pdf, none)
    _heading(pdf, translate("represented.pdf.section_agreements", lang))
    for a in s.agreements:
        done = translate(
            "represented.agreement_done" if a.confirmed else "represented.agreement_open", lang
        )
        _text(pdf, f"- {a.listing_title}: {a.other_name} ({done})")
    if not s.agreements:
        _text(pdf, none)
    _text(
        pdf,
        translate(
            "represented.pdf.ratings",
            lang,
            given=data.ratings_given,
            received=data.ratings_received,
        ),
    )
    return bytes(pdf.output())
