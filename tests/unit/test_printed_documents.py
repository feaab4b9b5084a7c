"""The flowing PDFs of the printing package (consent form, data export, Ehrenamtsnachweis)
read back as a person would: names outside Latin-1 come back exactly, long texts break
across pages without losing a sentence, and every page says "Seite N von M"."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from dasnez_core.printing.certificate import certificate_pdf
from dasnez_core.printing.represented import consent_pdf, export_pdf
from dasnez_core.services.represented import (
    ConsentForm,
    PersonAgreement,
    PersonConversation,
    PersonData,
    PersonListing,
    PersonSummary,
)
from dasnez_core.services.timebank import Certificate, EntryRow
from tests.utils.pdfs import pdf_pages, pdf_text

PERSON = "Đorđe Petrović"
PROXY = "Zoë Łukasz-Ağaoğlu"
KOMMUNE = "Gemeinde „Groß–Ağaoğlu“"
ICONS = Path(__file__).resolve().parents[2] / "assets" / "icons"


def _consent(privacy_text: str, logo: str = "") -> ConsentForm:
    return ConsentForm(
        kommune_name=KOMMUNE,
        person_name=PERSON,
        birth_year=1938,
        area_name="Boke",
        proxy_name=PROXY,
        privacy_version="3",
        privacy_text=privacy_text,
        kommune_logo=logo,
    )


def _certificate(rows: int) -> Certificate:
    return Certificate(
        kommune_name=KOMMUNE,
        kommune_contact="Bürgerbüro · Lange Straße 5 · buergerbuero@example.org",
        person_name=PERSON,
        start="01.01.2026",
        end="31.12.2026",
        issued_on="04.12.2026",
        rows=[
            EntryRow(n, "03.02.2026", f"Vorlesen für Zoë, Nr. {n}", "credit", "+1,50", "")
            for n in range(1, rows + 1)
        ],
        total=f"{rows * 1.5:.2f}".replace(".", ","),
        total_hours=Decimal(rows) * Decimal("1.5"),
        year_hours="120,00",
        card_progress=48,
    )


def _footers(pages: list[str]) -> list[tuple[int, int]]:
    """The "Seite N von M" of each page, in page order."""
    found = []
    for text in pages:
        match = re.search(r"Seite (\d+) von (\d+)", text)
        assert match, text[-200:]
        found.append((int(match[1]), int(match[2])))
    return found


def _numbered(count: int) -> list[tuple[int, int]]:
    return [(n, count) for n in range(1, count + 1)]


def test_consent_form_prints_names_outside_latin1_exactly() -> None:
    body = consent_pdf(_consent("## Verantwortliche Stelle\nDie Gemeinde – mit „Anführung“."))
    text = pdf_text(body)
    for expected in (PERSON, PROXY, KOMMUNE, f"Unterschrift {PERSON}", "mit „Anführung“."):
        assert expected in text, expected
    assert "?" not in text
    assert _footers(pdf_pages(body)) == [(1, 1)]


def test_a_long_privacy_notice_breaks_across_pages_and_loses_nothing() -> None:
    paragraphs = [
        f"Absatz {n}: Wir verarbeiten Ihre Daten nur für die Nachbarschaftshilfe und löschen "
        f"sie, sobald sie nicht mehr gebraucht werden; Rückfragen richten Sie an das Bürgerbüro."
        for n in range(1, 121)
    ]
    points = "\n".join(f"- Recht Nummer {n} der betroffenen Person" for n in range(1, 21))
    last = f"Dies ist der letzte Satz der Datenschutzerklärung, gelesen von {PERSON}."
    privacy = "\n".join(["## Zweck", *paragraphs, "## Ihre Rechte", points, last])
    body = consent_pdf(_consent(privacy))
    pages = pdf_pages(body)
    assert len(pages) >= 4
    assert _footers(pages) == _numbered(len(pages))
    text = pdf_text(body)
    assert all(f"Absatz {n}:" in text for n in range(1, 121))
    assert all(f"Recht Nummer {n} der" in text for n in range(1, 21))
    assert last in text and last in " ".join(pages[-1].split())
    # Every page carries the Kommune's letterhead, not just the first.
    assert all(KOMMUNE in " ".join(page.split()) for page in pages)


def test_the_letterhead_carries_the_kommunes_logo() -> None:
    form = _consent("Kurz.", logo="icon-192.png")
    first = PdfReader(io.BytesIO(consent_pdf(form, upload_dir=ICONS))).pages[0]
    assert len(first.images) == 1
    # Without the upload folder (or a logo file that is gone) the page prints without one.
    assert len(PdfReader(io.BytesIO(consent_pdf(form))).pages[0].images) == 0
    gone = _consent("Kurz.", logo="missing.png")
    assert len(PdfReader(io.BytesIO(consent_pdf(gone, upload_dir=ICONS))).pages[0].images) == 0


def test_data_export_prints_names_exactly_on_numbered_pages() -> None:
    summary = PersonSummary(
        user_id=7,
        name=PERSON,
        area_name="Boke",
        birth_year=1938,
        contact="05250 1234, Lange Straße 5",
        status="approved",
        consent_on="01.02.2026",
        consent_version="3",
        proxy_name=PROXY,
        listings=[PersonListing(n, f"Einkauf „Nr. {n}“ – dienstags", "active") for n in range(60)],
        conversations=[PersonConversation(1, "Einkauf", "Łukasz Nowak", "02.02.2026", False)],
        agreements=[PersonAgreement(1, "Einkauf", "Łukasz Nowak", True, 1)],
    )
    data = PersonData(KOMMUNE, summary, ["Seniorentreff Ağaoğlu"], "01.01.2026", PROXY, 2, 1)
    body = export_pdf(data)
    pages = pdf_pages(body)
    assert len(pages) >= 2
    assert _footers(pages) == _numbered(len(pages))
    text = pdf_text(body)
    assert f"Gespeicherte Daten von {PERSON} – dasnez {KOMMUNE}" in text
    for expected in (PROXY, "Łukasz Nowak", "Seniorentreff Ağaoğlu", "Einkauf „Nr. 59“"):
        assert expected in text, expected


def test_certificate_prints_names_exactly_and_the_table_spans_pages() -> None:
    body = certificate_pdf(_certificate(rows=70))
    pages = pdf_pages(body)
    assert len(pages) >= 2
    assert _footers(pages) == _numbered(len(pages))
    text = pdf_text(body)
    assert KOMMUNE in text and PERSON in text
    assert all(f"Vorlesen für Zoë, Nr. {n} " in text + " " for n in range(1, 71))
    assert "Summe 105,00" in text
    # The heading row repeats on each page the table reaches; the 250 h bar follows it.
    assert all("Tätigkeit" in page for page in pages[:-1])
    assert "Ehrenamtskarte NRW" in text and "120,00 Stunden gebucht (48 % von 250)" in text
    assert f"Für die Kommune {KOMMUNE}: Unterschrift, Stempel" in text


def test_a_short_certificate_is_one_numbered_page() -> None:
    body = certificate_pdf(_certificate(rows=2))
    assert _footers(pdf_pages(body)) == [(1, 1)]
    assert "Ehrenamtsnachweis" in pdf_text(body)
