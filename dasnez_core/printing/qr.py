"""QR codes of addresses, for screens (data URI) and for paper (PNG in a PDF)."""

from __future__ import annotations

import io

import segno


def qr_png(url: str, scale: int = 8) -> bytes:
    """A QR code of `url` as PNG (error correction M, quiet zone kept)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_data_uri(url: str, scale: int = 6) -> str:
    """The same QR code as a PNG data: URI (the snippet generator's download link)."""
    return segno.make(url, error="m", micro=False).png_data_uri(scale=scale, border=4)
