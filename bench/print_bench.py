"""Benchmark of the printed notices (issue 10, part 5; not a test).

Builds the Aushang (short text, and the longest text a listing may have), the weekly
sheet (1, 20 and 60 entries: the most a sheet shows), the consent form (short and very
long privacy notice) and the Ehrenamtsnachweis (3 and 120 rows) from plain values, without a
database, and prints each PDF's size, pages, p50/p95 build time and the CPU time (which
a busy machine does not inflate).

    python bench/print_bench.py [--runs 20]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from dasnez_core.printing.certificate import certificate_pdf
from dasnez_core.printing.document import Letterhead
from dasnez_core.printing.notice import Notice, notice_pdf
from dasnez_core.printing.represented import consent_pdf
from dasnez_core.printing.weekly import Sheet, SheetEntry, weekly_pdf
from dasnez_core.services.represented import ConsentForm
from dasnez_core.services.timebank import Certificate, EntryRow

LOGO = Path(__file__).resolve().parent.parent / "assets" / "icons" / "icon-192.png"
HEAD = Letterhead("Delbrück", LOGO, "Nachbarschaftshilfe – Angebote und Gesuche")
URL = "https://nachbarn.delbrueck.de/k/delbrueck/eintrag/{id}"
SENTENCE = "Ich helfe gern bei der Gartenarbeit: Rasen mähen, Hecke schneiden, Laub rechen. "


def _notice(body: str) -> Notice:
    return Notice(
        head=HEAD,
        listing_id=4711,
        is_offer=True,
        kind="Angebot",
        exchange="Nachbarschaftshilfe",
        title="Rasenmähen und Heckenschneiden in Boke",
        body=body,
        area="Boke",
        category="Garten",
        url=URL.format(id=4711),
        phone="05250 931 77 42",
        phone_owner="Helga Vogt (Stellvertretung)",
        printed_on="04.12.2026",
    )


def _sheet(entries: int) -> Sheet:
    return Sheet(
        head=HEAD,
        place="Boke",
        start="27.11.2026",
        end="04.12.2026",
        phone="05250 931 77 42",
        phone_owner="Helga Vogt (Stellvertretung)",
        entries=[
            SheetEntry(
                kind="Gesuch" if n % 3 else "Angebot",
                is_offer=not n % 3,
                exchange="Nachbarschaftshilfe",
                day="03.12.2026",
                title=f"Einkaufshilfe am Dienstag ({n + 1})",
                text=SENTENCE * (1 + n % 4),
                area="",
                url=URL.format(id=1000 + n),
            )
            for n in range(entries)
        ],
        more=0,
        more_url="https://nachbarn.delbrueck.de/k/delbrueck/eintraege?ort=3",
        printed_on="04.12.2026",
    )


def _consent(paragraphs: int) -> ConsentForm:
    privacy = "\n".join(
        ["## Zweck"]
        + [
            f"Absatz {n}: Wir verarbeiten Ihre Daten nur für die Nachbarschaftshilfe."
            for n in range(paragraphs)
        ]
    )
    return ConsentForm(
        kommune_name=HEAD.name,
        person_name="Đorđe Petrović",
        birth_year=1938,
        area_name="Boke",
        proxy_name="Helga Vogt",
        privacy_version="3",
        privacy_text=privacy,
        kommune_logo=LOGO.name,
    )


def _certificate(rows: int) -> Certificate:
    return Certificate(
        kommune_name=HEAD.name,
        kommune_contact="Bürgerbüro · Lange Straße 5",
        person_name="Zoë Łukasz",
        start="01.01.2026",
        end="31.12.2026",
        issued_on="04.12.2026",
        rows=[EntryRow(n, "03.02.2026", "Vorlesen", "credit", "+1,50", "") for n in range(rows)],
        total="1,50",
        total_hours=Decimal("1.5"),
        year_hours="120,00",
        card_progress=48,
    )


def _measure(name: str, build: Callable[[], bytes], runs: int) -> None:
    times, cpu = [], []
    body = b""
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        body = build()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    pages = len(PdfReader(io.BytesIO(body)).pages)
    p95 = times[max(int(len(times) * 0.95) - 1, 0)]
    print(
        f"{name:<32} {len(body) / 1024:7.1f} KB  {pages:2d} page(s)  "
        f"p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
        f"(CPU p50 {statistics.median(cpu):6.1f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    _measure("Aushang, short text", lambda: notice_pdf(_notice(SENTENCE)), runs)
    _measure("Aushang, 4,000 characters", lambda: notice_pdf(_notice((SENTENCE * 60)[:4000])), runs)
    for entries in (1, 20, 60):
        _measure(f"Weekly sheet, {entries} entries", lambda e=entries: weekly_pdf(_sheet(e)), runs)
    for paragraphs in (10, 300):
        form = _consent(paragraphs)
        _measure(
            f"Consent form, {paragraphs} paragraphs",
            lambda f=form: consent_pdf(f, upload_dir=LOGO.parent),
            runs,
        )
    for rows in (3, 120):
        cert = _certificate(rows)
        _measure(
            f"Ehrenamtsnachweis, {rows} rows",
            lambda c=cert: certificate_pdf(c, upload_dir=LOGO.parent),
            runs,
        )


if __name__ == "__main__":
    main()
