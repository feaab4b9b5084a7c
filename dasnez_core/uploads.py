"""Stored logo files (Kommune and sponsor logos): checked by their bytes, kept under a
random name in one folder that both apps share (the public app serves it at /_upload/<name>).

A file lives exactly as long as a row names it. Replacing or removing a logo deletes the
old file once the transaction commits (a rolled-back change still names it, so it stays);
a new file whose transaction rolls back is deleted again.
"""

from __future__ import annotations

import logging
import re
import secrets
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from dasnez_core.config import load_settings
from dasnez_core.errors import InvalidInput

log = logging.getLogger(__name__)

_STORED_NAME = re.compile(r"[0-9a-f]{32}\.(png|jpg|webp)")
_ON_COMMIT = "dasnez_uploads_on_commit"  # names to delete once the transaction commits
_ON_ROLLBACK = "dasnez_uploads_on_rollback"  # names to delete if it rolls back
_LISTENING = "dasnez_uploads_listening"

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


def _listen(db: Session) -> None:
    if not db.info.get(_LISTENING):
        # Listeners stay for the session's life, as in mail.queue.
        event.listen(db, "after_commit", _after_commit)
        event.listen(db, "after_soft_rollback", _after_rollback)
        db.info[_LISTENING] = True


def store_logo_in(db: Session, data: bytes, filename: str) -> str:
    """`store_logo`, and the file is deleted again if `db`'s transaction rolls back."""
    name = store_logo(data, filename)
    _listen(db)
    db.info.setdefault(_ON_ROLLBACK, []).append(name)
    return name


def store_bytes_in(db: Session, data: bytes, ext: str) -> str:
    """Write bytes this app produced itself (a re-encoded photo) under a new random name
    ending in `ext` (png, jpg or webp); deleted again if `db`'s transaction rolls back."""
    if ext not in ("png", "jpg", "webp"):
        raise ValueError(f"unexpected upload extension {ext!r}")
    folder = load_settings().upload_dir
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{ext}"
    (folder / name).write_bytes(data)
    _listen(db)
    db.info.setdefault(_ON_ROLLBACK, []).append(name)
    return name


def discard_after_commit(db: Session, name: str) -> None:
    """Delete the stored file `name` once `db`'s transaction commits (kept on rollback).
    An empty name (no logo) does nothing."""
    if name:
        _listen(db)
        db.info.setdefault(_ON_COMMIT, []).append(name)


def _delete(name: str) -> None:
    # Only names this module gave out: a row never points the deletion anywhere else.
    if not _STORED_NAME.fullmatch(name):
        log.warning("not deleting an unexpected upload name", extra={"upload": name})
        return
    try:
        (load_settings().upload_dir / name).unlink(missing_ok=True)
    except OSError:
        # The change itself has succeeded; a leftover file must not undo it.
        log.exception("could not delete an old upload", extra={"upload": name})


def _after_commit(db: Session) -> None:
    db.info.pop(_ON_ROLLBACK, None)
    for name in db.info.pop(_ON_COMMIT, []):
        _delete(name)


def _after_rollback(db: Session, _previous_transaction: Any = None) -> None:
    db.info.pop(_ON_COMMIT, None)
    for name in db.info.pop(_ON_ROLLBACK, []):
        _delete(name)
