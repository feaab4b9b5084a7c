"""Reading printed PDFs back as a person would: their text (pypdf) and the QR codes on a
rendered page (poppler's pdftoppm draws the page, zbar's zbarimg reads the codes).

`scripts/test.sh` installs both Debian packages, as it installs Chromium."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader


def pdf_pages(body: bytes) -> list[str]:
    """The text of each page."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages]


def pdf_text(body: bytes) -> str:
    """All text, its runs of white space made one blank (line breaks fall anywhere)."""
    return " ".join(" ".join(pdf_pages(body)).split())


def render_page(body: bytes, page: int = 1, dpi: int = 150) -> Path:
    """Page `page` (from 1) as a PNG file in a fresh temporary folder."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed; scripts/test.sh installs it")
    folder = Path(tempfile.mkdtemp(prefix="dasnez-pdf-"))
    source = folder / "doc.pdf"
    source.write_bytes(body)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-png",
            "-singlefile",
            str(source),
            str(folder / "page"),
        ],
        check=True,
        timeout=60,
    )
    return folder / "page.png"


def qr_codes(body: bytes, page: int = 1) -> list[str]:
    """What the QR codes on a rendered page say, top to bottom as zbarimg finds them."""
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg (zbar-tools) is not installed; scripts/test.sh installs it")
    image = render_page(body, page)
    found = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    shutil.rmtree(image.parent, ignore_errors=True)
    return [line for line in found.stdout.splitlines() if line.strip()]
