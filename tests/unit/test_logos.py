"""Logos of the Kommune page and of sponsors: only real PNG/JPEG/WebP images, at most 1 MB,
stored under a random name, set by an admin of that very Kommune only, audited."""

from __future__ import annotations

import struct
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import AuditEvent, Kommune, Sponsor
from dasnez_core.services import kommunen
from dasnez_core.services.masterdata import get_profile, remove_kommune_logo, set_kommune_logo
from dasnez_core.services.masterdata_public import (
    delete_sponsor,
    list_sponsors,
    remove_sponsor_logo,
    set_sponsor_logo,
)
from dasnez_core.uploads import LOGO_MAX_BYTES, store_logo
from tests import factories as f


def tiny_png() -> bytes:
    """A valid 1×1 PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 32
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def uploads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "uploads"
    monkeypatch.setenv("DASNEZ_UPLOAD_DIR", str(folder))
    return folder


@pytest.fixture
def w(db: Session) -> dict[str, Any]:
    w = f.masterdata_world(db)
    w["actor"] = f.actor(db, w["admin"])
    return w


def _files(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.exists() else []


def _audit(db: Session, action: str) -> list[AuditEvent]:
    return list(db.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


# --- store_logo ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "ext"),
    [(tiny_png(), "png"), (JPEG, "jpg"), (WEBP, "webp")],
    ids=["png", "jpg", "webp"],
)
def test_png_jpeg_and_webp_are_stored_under_a_random_name(
    uploads: Path, data: bytes, ext: str
) -> None:
    name = store_logo(data, "../../etc/passwd.svg")
    assert name.endswith(f".{ext}")
    assert len(name) == 32 + 1 + len(ext)
    assert (uploads / name).read_bytes() == data
    assert store_logo(data, "logo.png") != name  # every upload its own name


@pytest.mark.parametrize(
    ("data", "filename", "key"),
    [
        (SVG, "logo.svg", "masterdata.logo_wrong_type"),
        (SVG, "logo.png", "masterdata.logo_wrong_type"),
        (b"this is only text, not a picture", "logo.png", "masterdata.logo_wrong_type"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "logo.webp", "masterdata.logo_wrong_type"),
        (b"", "logo.png", "masterdata.logo_empty"),
        (tiny_png() + b"\x00" * LOGO_MAX_BYTES, "logo.png", "masterdata.logo_too_big"),
    ],
    ids=["svg", "svg-named-png", "text-named-png", "riff-not-webp", "empty", "too-big"],
)
def test_other_files_are_refused_and_nothing_is_written(
    uploads: Path, data: bytes, filename: str, key: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        store_logo(data, filename)
    assert err.value.key == key
    assert _files(uploads) == []


def test_exactly_one_megabyte_is_still_accepted(uploads: Path) -> None:
    data = tiny_png()
    data += b"\x00" * (LOGO_MAX_BYTES - len(data))
    assert store_logo(data, "logo.png").endswith(".png")


# --- Kommune logo ----------------------------------------------------------------------------


def test_the_admin_sets_and_removes_the_kommune_logo_with_audit(
    db: Session, w: dict, uploads: Path
) -> None:
    here = w["here"].id
    name = set_kommune_logo(db, w["actor"], here, tiny_png(), "wappen.png")
    assert db.get(Kommune, here).logo_path == name  # type: ignore[union-attr]
    assert get_profile(db, w["actor"], here).logo == name
    assert [p.name for p in _files(uploads)] == [name]
    [event] = _audit(db, "update_profile")
    assert (event.kommune_id, event.target_id, event.reason) == (here, here, "logo")

    remove_kommune_logo(db, w["actor"], here)
    assert db.get(Kommune, here).logo_path == ""  # type: ignore[union-attr]
    assert [e.reason for e in _audit(db, "update_profile")] == ["logo", "logo_removed"]


def test_a_bad_file_changes_nothing(db: Session, w: dict, uploads: Path) -> None:
    here = w["here"].id
    name = set_kommune_logo(db, w["actor"], here, tiny_png(), "wappen.png")
    with pytest.raises(InvalidInput):
        set_kommune_logo(db, w["actor"], here, b"hello", "wappen.png")
    assert db.get(Kommune, here).logo_path == name  # type: ignore[union-attr]
    assert len(_audit(db, "update_profile")) == 1
    assert [p.name for p in _files(uploads)] == [name]


@pytest.mark.parametrize("who", ["maria", "pending", "blocked_admin", "platform", "other_admin"])
def test_only_an_admin_of_this_kommune_sets_its_logo(
    db: Session, w: dict, uploads: Path, who: str
) -> None:
    actor = f.actor(db, w[who])
    here = w["here"].id
    with pytest.raises(NotAllowed):
        set_kommune_logo(db, actor, here, tiny_png(), "logo.png")
    with pytest.raises(NotAllowed):
        remove_kommune_logo(db, actor, here)
    assert db.get(Kommune, here).logo_path == ""  # type: ignore[union-attr]
    assert _files(uploads) == []  # refused before anything is written
    assert _audit(db, "update_profile") == []


def test_anonymous_cannot_set_a_logo(db: Session, w: dict, uploads: Path) -> None:
    with pytest.raises(NotAllowed):
        set_kommune_logo(db, ANONYMOUS, w["here"].id, tiny_png(), "logo.png")
    assert _files(uploads) == []


# --- sponsor logos ---------------------------------------------------------------------------


def test_the_admin_sets_a_sponsor_logo_and_the_public_page_gets_it(
    db: Session, w: dict, uploads: Path
) -> None:
    sponsor = f.sponsor(db, w["here"], "Volksbank")
    name = set_sponsor_logo(db, w["actor"], w["here"].id, sponsor.id, WEBP, "bank.webp")
    assert name.endswith(".webp")
    [link] = kommunen.sponsors(db, w["here"].id, date.today())
    assert (link.name, link.logo) == ("Volksbank", name)
    [row] = list_sponsors(db, w["actor"], w["here"].id, date.today()).rows
    assert row.logo == name
    [event] = _audit(db, "update_sponsor")
    assert (event.target_id, event.kommune_id, event.reason) == (
        sponsor.id,
        w["here"].id,
        "logo",
    )

    remove_sponsor_logo(db, w["actor"], w["here"].id, sponsor.id)
    assert db.get(Sponsor, sponsor.id).logo_path == ""  # type: ignore[union-attr]
    assert [e.reason for e in _audit(db, "update_sponsor")] == ["logo", "logo_removed"]


def test_another_kommunes_sponsor_is_not_found(db: Session, w: dict, uploads: Path) -> None:
    theirs = f.sponsor(db, w["other"], "Sparkasse Paderborn")
    with pytest.raises(NotFound):
        set_sponsor_logo(db, w["actor"], w["here"].id, theirs.id, tiny_png(), "logo.png")
    with pytest.raises(NotFound):
        remove_sponsor_logo(db, w["actor"], w["here"].id, theirs.id)
    assert db.get(Sponsor, theirs.id).logo_path == ""  # type: ignore[union-attr]
    assert _files(uploads) == []
    assert _audit(db, "update_sponsor") == []


def test_a_citizen_cannot_set_a_sponsor_logo(db: Session, w: dict, uploads: Path) -> None:
    sponsor = f.sponsor(db, w["here"], "Volksbank")
    citizen = f.actor(db, w["maria"])
    with pytest.raises(NotAllowed):
        set_sponsor_logo(db, citizen, w["here"].id, sponsor.id, tiny_png(), "logo.png")
    with pytest.raises(NotAllowed):
        remove_sponsor_logo(db, citizen, w["here"].id, sponsor.id)
    assert _files(uploads) == []
    assert _audit(db, "update_sponsor") == []


# --- old files go once the change is committed ------------------------------------------------


def test_replacing_and_removing_the_kommune_logo_deletes_the_old_file(
    db: Session, w: dict, uploads: Path
) -> None:
    here = w["here"].id
    first = set_kommune_logo(db, w["actor"], here, tiny_png(), "wappen.png")
    db.commit()
    second = set_kommune_logo(db, w["actor"], here, JPEG, "wappen-neu.jpg")
    assert (uploads / first).exists()  # still named by the row until the commit
    db.commit()
    assert [p.name for p in _files(uploads)] == [second]
    remove_kommune_logo(db, w["actor"], here)
    db.commit()
    assert _files(uploads) == []


def test_a_rolled_back_replacement_keeps_the_old_file_and_drops_the_new(
    db: Session, w: dict, uploads: Path
) -> None:
    here = w["here"].id
    first = set_kommune_logo(db, w["actor"], here, tiny_png(), "wappen.png")
    db.commit()
    set_kommune_logo(db, w["actor"], here, JPEG, "wappen-neu.jpg")
    db.rollback()
    assert [p.name for p in _files(uploads)] == [first]
    assert db.get(Kommune, here).logo_path == first  # type: ignore[union-attr]
    remove_kommune_logo(db, w["actor"], here)
    db.rollback()
    assert [p.name for p in _files(uploads)] == [first]


def test_sponsor_logo_files_go_on_replace_remove_and_delete(
    db: Session, w: dict, uploads: Path
) -> None:
    here = w["here"].id
    sponsor = f.sponsor(db, w["here"], "Volksbank")
    set_sponsor_logo(db, w["actor"], here, sponsor.id, WEBP, "bank.webp")
    db.commit()
    second = set_sponsor_logo(db, w["actor"], here, sponsor.id, tiny_png(), "bank.png")
    db.commit()
    assert [p.name for p in _files(uploads)] == [second]
    remove_sponsor_logo(db, w["actor"], here, sponsor.id)
    db.commit()
    assert _files(uploads) == []
    set_sponsor_logo(db, w["actor"], here, sponsor.id, JPEG, "bank.jpg")
    db.commit()
    delete_sponsor(db, w["actor"], here, sponsor.id)
    db.commit()
    assert _files(uploads) == []
