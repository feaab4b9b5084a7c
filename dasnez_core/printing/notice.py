"""The Aushang: one public listing on one A4 page for a notice board (church, shop,
senior meeting), with a QR code to the listing, a phone number to call, and tear-off strips
with the phone and the address.

Fixed places from the bottom up (tear-off strips, contact box), so a long text never
pushes anything off the page: the text is cut to the space left above them.
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from dasnez_core.i18n import translate
from dasnez_core.printing import document as doc
from dasnez_core.printing.document import Letterhead

TITLE_LINES = 3
STRIPS = 7
STRIP_TOP = 232.0
STRIP_BOTTOM = 292.0
CONTACT_TOP = 170.0
CONTACT_HEIGHT = 50.0
BODY_BOTTOM = CONTACT_TOP - 6


@dataclass(frozen=True)
class Notice:
    """What an Aushang shows; every text as it is printed (labels already translated)."""

    head: Letterhead
    listing_id: int
    is_offer: bool
    kind: str  # "Angebot" / "Gesuch"
    exchange: str  # "Nachbarschaftshilfe", …
    title: str
    body: str
    area: str
    category: str
    url: str  # the listing's public address: the QR code
    phone: str  # the number to call ("" if none is known)
    phone_owner: str  # whose number it is
    printed_on: str


def short_address(url: str) -> str:
    """The address as a person types it: without scheme and trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def _badge(pdf: FPDF, text: str, x: float, y: float, color: tuple[int, int, int]) -> float:
    """A filled label with white capitals; returns its width."""
    doc.font(pdf, 13, bold=True, color=(255, 255, 255))
    label = doc.clean(text).upper()
    width = pdf.get_string_width(label) + 8
    pdf.set_fill_color(*color)
    pdf.rect(x, y, width, 9, style="F", round_corners=True, corner_radius=1.5)
    pdf.set_xy(x, y)
    pdf.cell(width, 9, label, align="C")
    return width


def _contact_box(pdf: FPDF, n: Notice, lang: str) -> None:
    width = doc.content_width(pdf)
    pdf.set_draw_color(*doc.ACCENT)
    pdf.set_line_width(0.5)
    pdf.rect(doc.MARGIN, CONTACT_TOP, width, CONTACT_HEIGHT, round_corners=True, corner_radius=3)
    pdf.set_line_width(0.2)
    qr = CONTACT_HEIGHT - 4
    doc.qr_code(pdf, n.url, doc.MARGIN + 2, CONTACT_TOP + 2, qr)
    x = doc.MARGIN + qr + 6
    text_width = doc.MARGIN + width - x - 4
    pdf.set_xy(x, CONTACT_TOP + 5)
    if n.phone:
        doc.font(pdf, 14)
        pdf.cell(text_width, 7, translate("print.call", lang))
        pdf.set_xy(x, CONTACT_TOP + 13)
        doc.font(pdf, 26, bold=True, color=doc.ACCENT)
        pdf.cell(text_width, 12, doc.clean(n.phone))
        pdf.set_xy(x, CONTACT_TOP + 26)
        doc.font(pdf, 12, color=doc.MUTED)
        pdf.cell(text_width, 6, doc.clean(n.phone_owner))
    else:
        doc.font(pdf, 14)
        ask = doc.clean(translate("print.ask_owner", lang, name=n.phone_owner))
        pdf.multi_cell(text_width, 7, ask, align="L")
    pdf.set_xy(x, CONTACT_TOP + 35)
    doc.font(pdf, 10.5)
    pdf.cell(text_width, 5, translate("print.scan", lang))
    pdf.set_xy(x, CONTACT_TOP + 40.5)
    address = short_address(n.url)
    size = 11.0
    doc.font(pdf, size, bold=True)
    while size > 7 and pdf.get_string_width(address) > text_width:
        size -= 0.5
        doc.font(pdf, size, bold=True)
    pdf.cell(text_width, 5, address)


def _strips(pdf: FPDF, n: Notice, lang: str) -> None:
    """Tear-off strips along the bottom edge: title, phone and address, written upwards."""
    left, right = doc.MARGIN, pdf.w - doc.MARGIN
    pdf.set_draw_color(*doc.RULE)
    with pdf.local_context():
        pdf.set_dash_pattern(dash=2, gap=1.5)
        pdf.line(left - 10, STRIP_TOP, right + 10, STRIP_TOP)
    doc.font(pdf, 9, color=doc.MUTED)
    pdf.set_xy(left, STRIP_TOP - 5.5)
    pdf.cell(right - left, 4, "✂  " + translate("print.tear_off", lang))
    width = (right - left) / STRIPS
    length = STRIP_BOTTOM - STRIP_TOP - 4
    address = short_address(n.url)
    lines: list[tuple[str, float, bool]] = [
        (doc.clean(n.title), 8.5, False),
        (doc.clean(n.phone) if n.phone else doc.clean(n.phone_owner), 10.5, True),
        (address, 7.5, False),
    ]
    for i in range(STRIPS):
        x0 = left + i * width
        if i:
            with pdf.local_context():
                pdf.set_dash_pattern(dash=1, gap=1.5)
                pdf.line(x0, STRIP_TOP, x0, STRIP_BOTTOM)
        baseline = x0 + 8.0  # the three lines centred in the strip
        for text, size, bold in lines:
            # Smaller type first (an address cut short is of no use), cut only below 6 pt.
            doc.font(pdf, size, bold=bold, color=doc.INK)
            while pdf.get_string_width(text) > length - 2 * pdf.c_margin and size > 6:
                size -= 0.5
                doc.font(pdf, size, bold=bold, color=doc.INK)
            shown, _cut = doc.fit_lines(pdf, text, length, 1)
            with pdf.rotation(90, baseline, STRIP_BOTTOM - 2):
                pdf.text(baseline, STRIP_BOTTOM - 2, shown)
            baseline += size * 0.3528 + 2.2


def notice_pdf(n: Notice, lang: str = "de") -> bytes:
    """The Aushang as PDF bytes (one A4 page, portrait)."""
    pdf = doc.new_document(translate("print.notice_title", lang, title=n.title), lang)
    pdf.set_subject(doc.clean(n.title))
    pdf.add_page()
    width = doc.content_width(pdf)
    y = doc.letterhead(pdf, n.head)
    badge = _badge(pdf, n.kind, doc.MARGIN, y, doc.OFFER if n.is_offer else doc.REQUEST)
    doc.font(pdf, 13, color=doc.MUTED)
    pdf.set_xy(doc.MARGIN + badge + 4, y)
    pdf.cell(width - badge - 4, 9, doc.clean(n.exchange))
    pdf.set_xy(doc.MARGIN, y + 13)
    doc.font(pdf, 28, bold=True)
    title, _ = doc.fit_lines(pdf, doc.clean(n.title), width, TITLE_LINES)
    doc.paragraph(pdf, title, doc.MARGIN, width, 12)
    facts = [
        translate("print.area", lang, area=n.area) if n.area else "",
        translate("print.category", lang, category=n.category) if n.category else "",
    ]
    doc.font(pdf, 14, color=doc.MUTED)
    pdf.set_y(pdf.get_y() + 1.5)
    doc.paragraph(pdf, doc.clean("   ·   ".join(f for f in facts if f)), doc.MARGIN, width, 7)
    y = pdf.get_y() + 2
    pdf.set_draw_color(*doc.RULE)
    pdf.line(doc.MARGIN, y, doc.MARGIN + width, y)
    pdf.set_y(y + 4)
    line_height = 7.2
    doc.font(pdf, 15)
    room = int((BODY_BOTTOM - pdf.get_y()) // line_height)
    body, cut = doc.fit_lines(pdf, doc.clean(n.body), width, room - 1)
    doc.paragraph(pdf, body, doc.MARGIN, width, line_height)
    if cut:
        doc.font(pdf, 12, color=doc.MUTED)
        doc.paragraph(pdf, translate("print.read_on", lang), doc.MARGIN, width, 7)
    _contact_box(pdf, n, lang)
    doc.font(pdf, 8.5, color=doc.MUTED)
    pdf.set_xy(doc.MARGIN, CONTACT_TOP + CONTACT_HEIGHT + 1.5)
    pdf.cell(
        width,
        4,
        doc.clean(
            translate("print.printed_on", lang, day=n.printed_on)
            + "  ·  "
            + translate("print.listing_no", lang, id=n.listing_id)
        ),
        align="R",
    )
    _strips(pdf, n, lang)
    return bytes(pdf.output())
