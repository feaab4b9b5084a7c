"""Stored logo files (Kommune and sponsor logos): checked by their bytes, kept under a
random name in one folder that both apps share (the public app serves it at /_upload/<name>)."""

from __future__ import annotations

import secrets

from dasnez_core.config import load_settings
from dasnez_core.errors import InvalidInput

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_MB = 1


def image_extension(data: bytes) -> str | None:
    """The extension of a PNG, JPEG or WebP image judged by its first bytes, else None.

    Never the file's name or the browser's content type: both are the sender's word. SVG
    is refused on purpose (it can carry script)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def check_logo(data: bytes) -> str:
    """The extension of an acceptable logo, or InvalidInput (empty, too big, wrong type)."""
    if not data:
        raise InvalidInput("logo", "masterdata.logo_empty")
    if len(data) > LOGO_MAX_BYTES:
        raise InvalidInput("logo", "masterdata.logo_too_big", max=LOGO_MAX_MB)
    ext = image_extension(data)
    if ext is None:
        raise InvalidInput("logo", "masterdata.logo_wrong_type")
    return ext


def store_logo(data: bytes, filename: str) -> str:
    """Check and write a logo under a new random name; return that name.

    `filename` is only the sender's name for the file: it decides nothing."""
    del filename  # the bytes decide the type, never the name
    ext = check_logo(data)
    folder = load_settings().upload_dir
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{ext}"
    (folder / name).write_bytes(data)
    return name
