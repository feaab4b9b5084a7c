"""The printable Ehrenamtsnachweis (A4 PDF): a person's donated Zeitspende hours over a
period, issued in the Kommune's name, with the progress towards the 250 hours a year the
Ehrenamtskarte NRW asks for.

A flowing document of the printing package: the Kommune's letterhead on every page, the
hours table breaking across pages with its heading row repeated, "Seite N von M" below.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from dasnez_core.i18n import translate
from dasnez_core.printing import document as doc
from dasnez_core.services.timebank import EHRENAMTSKARTE_HOURS, Certificate

BAR_HEIGHT = 6.0
PROGRESS = (40, 110, 60)


def _text(pdf: FPDF, text: str, size: float, height: float, bold: bool = False) -> None:
    doc.font(pdf, size, bold=bold)
    doc.paragraph(pdf, doc.clean(text), doc.MARGIN, doc.content_width(pdf), height)


def _hours_table(pdf: FPDF, cert: Certificate, lang: str) -> None:
    doc.font(pdf, 11)
    pdf.set_draw_color(*doc.RULE)
    with pdf.table(
        col_widths=(28, 112, 30),
        text_align=("LEFT", "LEFT", "RIGHT"),
        line_height=7,
        first_row_as_headings=True,
    ) as table:
        header = table.row()
        for key in ("timebank.pdf.col_date", "timebank.pdf.col_activity", "timebank.pdf.col_hours"):
            header.cell(translate(key, lang))
        for entry in cert.rows:
            row = table.row()
            row.cell(doc.clean(entry.booked_on))
            title = entry.title or "–"
            if entry.kind == "correction":
                title = translate("timebank.pdf.correction", lang, title=entry.title)
            row.cell(doc.clean(title))
            row.cell(doc.clean(entry.hours.lstrip("+")))
        total = table.row()
        total.cell("")
        total.cell(translate("timebank.pdf.total", lang))
        total.cell(doc.clean(cert.total))


def _progress(pdf: FPDF, cert: Certificate, lang: str) -> None:
    """The Ehrenamtskarte paragraph and the progress towards 250 hours as a bar."""
    doc.keep_together(pdf, 50)
    _text(pdf, translate("timebank.pdf.card_heading", lang), 12, 6, bold=True)
    text = translate(
        "timebank.pdf.card_text",
        lang,
        required=EHRENAMTSKARTE_HOURS,
        hours=cert.year_hours,
        percent=cert.card_progress,
    )
    _text(pdf, text, 11, 6)
    top = pdf.get_y() + 2
    width = doc.content_width(pdf)
    pdf.set_draw_color(60, 60, 60)
    pdf.rect(doc.MARGIN, top, width, BAR_HEIGHT)
    if cert.card_progress:
        pdf.set_fill_color(*PROGRESS)
        filled = width * min(cert.card_progress, 100) / 100
        pdf.rect(doc.MARGIN, top, filled, BAR_HEIGHT, style="F")
    pdf.set_y(top + BAR_HEIGHT + 8)


def certificate_pdf(cert: Certificate, lang: str = "de", upload_dir: Path | None = None) -> bytes:
    """The certificate as PDF bytes.

    Args:
        upload_dir: where the Kommune's logo lies; without it the letterhead has none.
    """
    title = translate("timebank.pdf.title", lang)
    head = doc.kommune_letterhead(cert.kommune_name, cert.kommune_logo, upload_dir, lang)
    pdf = doc.flowing_document(title, head, lang)
    pdf.set_subject(doc.clean(cert.person_name))
    pdf.ln(2)
    _text(pdf, title, 24, 11, bold=True)
    doc.font(pdf, 13, color=doc.MUTED)
    doc.paragraph(
        pdf, translate("timebank.pdf.subtitle", lang), doc.MARGIN, doc.content_width(pdf), 7
    )
    pdf.ln(6)
    statement = translate(
        "timebank.pdf.statement",
        lang,
        kommune=cert.kommune_name,
        name=cert.person_name,
        start=cert.start,
        end=cert.end,
        total=cert.total,
    )
    _text(pdf, statement, 12, 6)
    pdf.ln(4)
    if cert.rows:
        _hours_table(pdf, cert, lang)
    else:
        _text(pdf, translate("timebank.pdf.none", lang), 12, 6)
    pdf.ln(8)
    _progress(pdf, cert, lang)
    # Issued by, contact, and the line to sign and stamp stay together on one page.
    doc.keep_together(pdf, 45)
    issued = translate("timebank.pdf.issued", lang, kommune=cert.kommune_name, date=cert.issued_on)
    _text(pdf, issued, 12, 6)
    if cert.kommune_contact:
        _text(pdf, cert.kommune_contact, 10, 5)
    pdf.ln(16)
    pdf.set_draw_color(*doc.INK)
    pdf.line(doc.MARGIN, pdf.get_y(), doc.MARGIN + 80, pdf.get_y())
    pdf.ln(2)
    doc.font(pdf, 10, color=doc.MUTED)
    doc.paragraph(
        pdf,
        doc.clean(translate("timebank.pdf.signature", lang, kommune=cert.kommune_name)),
        doc.MARGIN,
        doc.content_width(pdf),
        5,
    )
    footer = f"{title} · {cert.person_name} · {cert.start} – {cert.end}"
    doc.number_pages(pdf, footer, lang)
    return bytes(pdf.output())
