"""The weekly sheet a proxy takes to people without internet: "Neue Angebote und Gesuche in
<Ortsteil>", the listings of the last 7 days in large type, each with a QR code and its
address, and the phone number to call. As many A4 pages as the entries need."""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from dasnez_core.i18n import translate
from dasnez_core.printing import document as doc
from dasnez_core.printing.document import Letterhead
from dasnez_core.printing.notice import short_address

QR_SIZE = 30.0
TEXT_LINES = 4
PAGE_BOTTOM = 297.0 - doc.MARGIN - 4


@dataclass(frozen=True)
class SheetEntry:
    """One listing on the sheet, its texts as printed."""

    kind: str
    is_offer: bool
    exchange: str
    day: str
    title: str
    text: str
    area: str
    url: str


@dataclass(frozen=True)
class Sheet:
    head: Letterhead
    place: str  # the Ortsteil's name, or the Kommune's for all of it
    start: str
    end: str
    phone: str
    phone_owner: str
    entries: list[SheetEntry]
    more: int  # public listings of the week left off the sheet
    more_url: str  # where they all are
    printed_on: str


def _entry_height(pdf: FPDF, e: SheetEntry, text_width: float) -> tuple[float, str, str]:
    """The height an entry takes, with its title and text as cut to fit."""
    doc.font(pdf, 17, bold=True)
    title, _ = doc.fit_lines(pdf, doc.clean(e.title), text_width, 2)
    title_lines = len(doc.wrapped(pdf, title, text_width))
    doc.font(pdf, 14)
    text, _ = doc.fit_lines(pdf, doc.clean(e.text), text_width, TEXT_LINES)
    text_lines = len(doc.wrapped(pdf, text, text_width))
    height = 7 + title_lines * 8 + text_lines * 6.6 + 7 + 6
    return max(height, QR_SIZE + 6), title, text


def _entry(pdf: FPDF, e: SheetEntry, y: float, title: str, text: str, lang: str) -> None:
    width = doc.content_width(pdf)
    text_x = doc.MARGIN + QR_SIZE + 4
    text_width = width - QR_SIZE - 4
    doc.qr_code(pdf, e.url, doc.MARGIN - 2, y, QR_SIZE)
    pdf.set_xy(text_x, y + 1)
    doc.font(pdf, 12, bold=True, color=doc.OFFER if e.is_offer else doc.REQUEST)
    meta = translate(
        "print.weekly_entry_meta", lang, kind=e.kind.upper(), exchange=e.exchange, day=e.day
    )
    if e.area:
        meta += " · " + e.area
    pdf.cell(text_width, 6, doc.clean(meta))
    pdf.set_y(y + 7.5)
    doc.font(pdf, 17, bold=True)
    doc.paragraph(pdf, title, text_x, text_width, 8)
    doc.font(pdf, 14)
    doc.paragraph(pdf, text, text_x, text_width, 6.6)
    doc.font(pdf, 11, color=doc.MUTED)
    doc.paragraph(pdf, short_address(e.url), text_x, text_width, 6)


def _first_page_head(pdf: FPDF, s: Sheet, lang: str) -> float:
    width = doc.content_width(pdf)
    y = doc.letterhead(pdf, s.head)
    pdf.set_y(y)
    doc.font(pdf, 24, bold=True)
    heading = translate("print.weekly_title", lang, place=s.place)
    doc.paragraph(pdf, doc.clean(heading), doc.MARGIN, width, 11)
    doc.font(pdf, 14, color=doc.MUTED)
    doc.paragraph(
        pdf, translate("print.weekly_period", lang, start=s.start, end=s.end), doc.MARGIN, width, 8
    )
    pdf.set_y(pdf.get_y() + 3)
    top = pdf.get_y()
    if s.phone:
        line = translate("print.weekly_call", lang, phone=s.phone, name=s.phone_owner)
    else:
        line = translate("print.weekly_ask", lang, name=s.phone_owner)
    doc.font(pdf, 15, bold=True, color=doc.ACCENT)
    lines = doc.wrapped(pdf, doc.clean(line), width - 8)
    height = len(lines) * 7.5 + 6
    pdf.set_fill_color(232, 239, 248)
    pdf.rect(doc.MARGIN, top, width, height, style="F", round_corners=True, corner_radius=2)
    pdf.set_y(top + 3)
    doc.paragraph(pdf, doc.clean(line), doc.MARGIN + 4, width - 8, 7.5)
    return top + height + 6


def weekly_pdf(s: Sheet, lang: str = "de") -> bytes:
    """The weekly sheet as PDF bytes (A4 portrait, one page or more)."""
    title = translate("print.weekly_title", lang, place=s.place)
    pdf = doc.new_document(title, lang)
    pdf.add_page()
    y = _first_page_head(pdf, s, lang)
    width = doc.content_width(pdf)
    text_width = width - QR_SIZE - 4
    if not s.entries:
        doc.font(pdf, 15)
        pdf.set_y(y)
        doc.paragraph(pdf, translate("print.weekly_empty", lang), doc.MARGIN, width, 7.5)
    for e in s.entries:
        height, entry_title, text = _entry_height(pdf, e, text_width)
        if y + height > PAGE_BOTTOM:
            pdf.add_page()
            y = doc.letterhead(pdf, s.head, compact=True)
        _entry(pdf, e, y, entry_title, text, lang)
        y += height
        pdf.set_draw_color(*doc.RULE)
        pdf.line(doc.MARGIN, y - 3.5, doc.MARGIN + width, y - 3.5)
    if s.more:
        if y + 16 > PAGE_BOTTOM:
            pdf.add_page()
            y = doc.letterhead(pdf, s.head, compact=True)
        doc.font(pdf, 14, bold=True)
        pdf.set_y(y)
        doc.paragraph(
            pdf,
            doc.clean(
                translate(
                    "print.weekly_more", lang, count=s.more, address=short_address(s.more_url)
                )
            ),
            doc.MARGIN,
            width,
            7,
        )
    doc.number_pages(
        pdf, translate("print.printed_on", lang, day=s.printed_on) + " · " + s.head.name, lang
    )
    return bytes(pdf.output())
