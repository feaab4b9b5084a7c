"""The printable Ehrenamtsnachweis (A4 PDF, fpdf2): a person's donated Zeitspende hours
over a period, issued in the Kommune's name, with the progress towards the 250 hours a
year the Ehrenamtskarte NRW asks for."""

from __future__ import annotations

from fpdf import FPDF

from dasnez_core.i18n import translate
from dasnez_core.services.timebank import EHRENAMTSKARTE_HOURS, Certificate

# fpdf2's built-in Helvetica covers Latin-1 (ä, ö, ü, ß); a few typographic characters
# outside it are written in their Latin-1 look-alikes.
_LATIN1 = str.maketrans(
    {"–": "-", "—": "-", "−": "-", "…": "...", "„": '"', "“": '"', "‚": "'", "‘": "'", "›": ">"}
)


def _latin1(text: str) -> str:
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def certificate_pdf(cert: Certificate, lang: str = "de") -> bytes:
    """The certificate as PDF bytes."""

    def tr(key: str, **params: object) -> str:
        return _latin1(translate(key, lang, **params))

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(tr("timebank.pdf.title"))
    pdf.set_author(_latin1(cert.kommune_name))
    pdf.set_lang(lang)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = pdf.w - 40
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(width, 6, _latin1(cert.kommune_name), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 24)
    pdf.multi_cell(width, 11, tr("timebank.pdf.title"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 13)
    pdf.multi_cell(width, 7, tr("timebank.pdf.subtitle"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(
        width,
        6,
        tr(
            "timebank.pdf.statement",
            kommune=cert.kommune_name,
            name=cert.person_name,
            start=cert.start,
            end=cert.end,
            total=cert.total,
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    if cert.rows:
        with pdf.table(
            col_widths=(28, 112, 30),
            text_align=("LEFT", "LEFT", "RIGHT"),
            line_height=7,
            first_row_as_headings=True,
        ) as table:
            header = table.row()
            for key in (
                "timebank.pdf.col_date",
                "timebank.pdf.col_activity",
                "timebank.pdf.col_hours",
            ):
                header.cell(tr(key))
            for entry in cert.rows:
                row = table.row()
                row.cell(_latin1(entry.booked_on))
                title = entry.title or "-"
                if entry.kind == "correction":
                    title = tr("timebank.pdf.correction", title=entry.title)
                row.cell(_latin1(title))
                row.cell(_latin1(entry.hours.lstrip("+")))
            total = table.row()
            total.cell("")
            total.cell(tr("timebank.pdf.total"))
            total.cell(_latin1(cert.total))
    else:
        pdf.multi_cell(width, 6, tr("timebank.pdf.none"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(width, 6, tr("timebank.pdf.card_heading"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(
        width,
        6,
        tr(
            "timebank.pdf.card_text",
            required=EHRENAMTSKARTE_HOURS,
            hours=cert.year_hours,
            percent=cert.card_progress,
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    # The progress towards 250 hours as a bar (outline and filled part).
    top = pdf.get_y() + 2
    pdf.set_draw_color(60, 60, 60)
    pdf.rect(20, top, width, 6)
    if cert.card_progress:
        pdf.set_fill_color(40, 110, 60)
        pdf.rect(20, top, width * cert.card_progress / 100, 6, style="F")
    pdf.set_y(top + 14)
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(
        width,
        6,
        tr("timebank.pdf.issued", kommune=cert.kommune_name, date=cert.issued_on),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if cert.kommune_contact:
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(width, 5, _latin1(cert.kommune_contact), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(16)
    pdf.line(20, pdf.get_y(), 100, pdf.get_y())
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        width,
        5,
        tr("timebank.pdf.signature", kommune=cert.kommune_name),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
