"""Listing photos (re-encoded without EXIF, at most three, admins remove with a reason)
and the swap choice of Tauschbörse listings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import Session, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.config import load_settings
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import AuditEvent, ExchangeType, Listing, ListingPhoto, UserStatus
from dasnez_core.services import listing_photos, search
from dasnez_core.services.listings import (
    ListingDraft,
    create_listing,
    delete_listing,
    update_listing,
)
from tests import factories as f


@pytest.fixture
def uploads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DASNEZ_UPLOAD_DIR", str(tmp_path))
    assert load_settings().upload_dir == tmp_path
    return tmp_path


def jpeg_with_gps(size: tuple[int, int] = (3000, 2000)) -> bytes:
    """A JPEG carrying EXIF with a camera model and a GPS position (Delbrück)."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x0110] = "Testkamera 3000"  # Model
    exif[0x0112] = 1  # Orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 46.0, 0.0)
    gps[3] = "E"
    gps[4] = (8.0, 34.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 255, 128)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def world(db: Session) -> dict:
    here = f.kommune(db)
    other = f.kommune(db, slug="salzkotten", name="Salzkotten")
    area = f.district(db, here, "Boke")
    _, cat = f.exchange_with_category(db, here, ExchangeType.TAUSCH, "Werkzeug")
    maria = f.user(db, here, "maria@example.org", name="Maria")
    jonas = f.user(db, here, "jonas@example.org", name="Jonas")
    admin = f.user(db, here, "admin@example.org", roles=("kommune_admin",))
    other_admin = f.user(db, other, "admin@salzkotten.example", roles=("kommune_admin",))
    pending = f.user(db, here, "pending@example.org", status=UserStatus.PENDING)
    blocked = f.user(db, here, "blocked@example.org", status=UserStatus.BLOCKED)
    listing = f.listing_of(db, maria, cat, title="Bohrmaschine")
    return locals()


def test_a_jpeg_with_gps_comes_out_without_exif_and_smaller(
    db: Session, world: dict, uploads: Path
) -> None:
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # GPS is there
    maria = f.actor(db, world["maria"])
    photo_id = listing_photos.add_photo(db, maria, world["here"].id, world["listing"].id, original)
    row = db.get(ListingPhoto, photo_id)
    assert row is not None
    stored = uploads / row.name
    image = Image.open(stored)
    assert image.format == "JPEG"
    assert max(image.size) == listing_photos.LONG_EDGE
    assert (row.width, row.height) == image.size == (1600, 1067)
    assert len(image.getexif()) == 0
    assert "exif" not in image.info
    raw = stored.read_bytes()
    assert b"Exif" not in raw and b"Testkamera" not in raw
    thumb = Image.open(uploads / row.thumb_name)
    assert max(thumb.size) == listing_photos.THUMB_EDGE and len(thumb.getexif()) == 0


def test_a_transparent_png_becomes_a_jpeg(db: Session, world: dict, uploads: Path) -> None:
    maria = f.actor(db, world["maria"])
    photo_id = listing_photos.add_photo(
        db, maria, world["here"].id, world["listing"].id, png_bytes()
    )
    row = db.get(ListingPhoto, photo_id)
    assert row is not None and row.name.endswith(".jpg")
    assert Image.open(uploads / row.name).size == (40, 30)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "photo.empty"),
        (b"GIF89a" + b"\0" * 100, "photo.wrong_type"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "photo.wrong_type"),
        (b"\xff\xd8\xff" + b"kein bild" * 10, "photo.wrong_type"),
        (b"\xff\xd8\xff" + b"\0" * (listing_photos.PHOTO_MAX_BYTES + 1), "photo.too_big"),
    ],
)
def test_non_images_and_too_big_files_are_refused(
    db: Session, world: dict, uploads: Path, data: bytes, key: str
) -> None:
    maria = f.actor(db, world["maria"])
    with pytest.raises(InvalidInput) as err:
        listing_photos.add_photo(db, maria, world["here"].id, world["listing"].id, data)
    assert (err.value.field, err.value.key) == ("photo", key)
    assert list(uploads.iterdir()) == []


def test_too_many_pixels_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing_photos, "MAX_MEGAPIXELS", 1)
    with pytest.raises(InvalidInput) as err:
        listing_photos.reencode(jpeg_with_gps((1200, 1000)))
    assert err.value.key == "photo.too_many_pixels"


def test_at_most_three_photos(db: Session, world: dict, uploads: Path) -> None:
    maria = f.actor(db, world["maria"])
    here, listing = world["here"].id, world["listing"].id
    ids = [listing_photos.add_photo(db, maria, here, listing, png_bytes()) for _ in range(3)]
    with pytest.raises(InvalidInput) as err:
        listing_photos.add_photo(db, maria, here, listing, png_bytes())
    assert (err.value.key, err.value.params) == ("photo.too_many", {"max": 3})
    listing_photos.delete_own_photo(db, maria, here, ids[0])
    listing_photos.add_photo(db, maria, here, listing, png_bytes())
    assert len(listing_photos.photos_of(db, here, listing)) == 3


@pytest.mark.parametrize(
    "who", ["anonymous", "jonas", "pending", "blocked", "admin", "other_admin"]
)
def test_only_the_author_adds_or_deletes(db: Session, world: dict, uploads: Path, who: str) -> None:
    here, listing = world["here"].id, world["listing"].id
    photo_id = listing_photos.add_photo(db, f.actor(db, world["maria"]), here, listing, png_bytes())
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, world[who])
    with pytest.raises((NotAllowed, NotFound)):
        listing_photos.add_photo(db, actor, here, listing, png_bytes())
    with pytest.raises((NotAllowed, NotFound)):
        listing_photos.delete_own_photo(db, actor, here, photo_id)
    assert len(listing_photos.photos_of(db, here, listing)) == 1


def test_admin_removes_a_photo_with_a_reason(db: Session, world: dict, uploads: Path) -> None:
    here, listing = world["here"].id, world["listing"].id
    photo_id = listing_photos.add_photo(db, f.actor(db, world["maria"]), here, listing, png_bytes())
    row = db.get(ListingPhoto, photo_id)
    assert row is not None
    files = {row.name, row.thumb_name}
    admin = f.actor(db, world["admin"])
    with pytest.raises(InvalidInput):
        listing_photos.remove_photo(db, admin, here, photo_id, "x")
    listing_photos.remove_photo(db, admin, here, photo_id, "Zeigt ein Autokennzeichen")
    db.commit()
    assert {p.name for p in uploads.iterdir()}.isdisjoint(files)
    assert listing_photos.photos_of(db, here, listing) == []
    shown = listing_photos.admin_photos(db, admin, here, listing)
    assert [(p.name, p.removed_reason) for p in shown] == [("", "Zeigt ein Autokennzeichen")]
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "remove_photo")).one()
    assert (event.actor_id, event.target_id) == (world["admin"].id, listing)
    with pytest.raises(NotFound):  # removed once only
        listing_photos.remove_photo(db, admin, here, photo_id, "Noch einmal entfernen")


@pytest.mark.parametrize("who", ["anonymous", "maria", "pending", "blocked", "other_admin"])
def test_wrong_people_may_not_remove_photos(
    db: Session, world: dict, uploads: Path, who: str
) -> None:
    here, listing = world["here"].id, world["listing"].id
    photo_id = listing_photos.add_photo(db, f.actor(db, world["maria"]), here, listing, png_bytes())
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, world[who])
    with pytest.raises(NotAllowed):
        listing_photos.remove_photo(db, actor, here, photo_id, "Weil ich es will")
    # The other Kommune's admin naming their own Kommune: not found there.
    other_admin = f.actor(db, world["other_admin"])
    with pytest.raises(NotFound):
        listing_photos.remove_photo(db, other_admin, world["other"].id, photo_id, "Fremdes Foto")
    assert len(listing_photos.photos_of(db, here, listing)) == 1


def test_a_rolled_back_upload_leaves_no_file(db: Session, world: dict, uploads: Path) -> None:
    listing_photos.add_photo(
        db, f.actor(db, world["maria"]), world["here"].id, world["listing"].id, png_bytes()
    )
    assert len(list(uploads.iterdir())) == 2
    db.rollback()
    assert list(uploads.iterdir()) == []


def test_deleting_the_listing_deletes_its_photos(db: Session, world: dict, uploads: Path) -> None:
    maria = f.actor(db, world["maria"])
    here, listing = world["here"].id, world["listing"].id
    listing_photos.add_photo(db, maria, here, listing, png_bytes())
    delete_listing(db, maria, here, listing)
    db.commit()
    assert list(uploads.iterdir()) == []
    assert db.exec(select(ListingPhoto)).all() == []


def test_cards_carry_the_first_thumbnail(db: Session, world: dict, uploads: Path) -> None:
    maria = f.actor(db, world["maria"])
    here, listing = world["here"].id, world["listing"].id
    first = listing_photos.add_photo(db, maria, here, listing, png_bytes())
    listing_photos.add_photo(db, maria, here, listing, png_bytes())
    row = db.get(ListingPhoto, first)
    assert row is not None
    cards = search.newest_public(db, here)
    assert [c.thumb for c in cards] == [row.thumb_name]
    assert listing_photos.first_thumbs(db, here, [listing]) == {listing: row.thumb_name}


# --- swaps -----------------------------------------------------------------------------------


def _draft(world: dict, **values: str) -> ListingDraft:
    return ListingDraft(
        kind="offer",
        exchange_id=None,
        category_id=world["cat"].id,
        title="Bohrmaschine",
        body="Gute Schlagbohrmaschine, kaum benutzt.",
        area_id=world["area"].id,
        **values,
    )


def test_a_swap_listing_says_gift_or_swap_for_something(db: Session, world: dict) -> None:
    maria = f.actor(db, world["maria"])
    here = world["here"].id
    with pytest.raises(InvalidInput) as err:
        create_listing(db, maria, here, _draft(world))
    assert (err.value.field, err.value.key) == ("swap_mode", "swap.mode_required")
    with pytest.raises(InvalidInput) as err:
        create_listing(db, maria, here, _draft(world, swap_mode="swap"))
    assert (err.value.field, err.value.key) == ("swap_for", "swap.for_required")
    with pytest.raises(InvalidInput):
        create_listing(db, maria, here, _draft(world, swap_mode="verkaufen"))
    gift = create_listing(db, maria, here, _draft(world, swap_mode="gift", swap_for="Kuchen"))
    swap = create_listing(db, maria, here, _draft(world, swap_mode="swap", swap_for="Kuchen"))
    stored = {
        lid: (row.swap_mode, row.swap_for)
        for lid in (gift, swap)
        if (row := db.get(Listing, lid)) is not None
    }
    assert stored == {gift: ("gift", ""), swap: ("swap", "Kuchen")}
    cards = {c.id: (c.swap_mode, c.swap_for) for c in search.newest_public(db, here)}
    assert cards[gift] == ("gift", "") and cards[swap] == ("swap", "Kuchen")
    detail = search.get_listing_detail(db, maria, here, swap)
    assert (detail.swap_mode, detail.swap_for) == ("swap", "Kuchen")
    update_listing(db, maria, here, swap, _draft(world, swap_mode="gift"), publish=True)
    row = db.get(Listing, swap)
    assert row is not None and (row.swap_mode, row.swap_for) == ("gift", "")


def test_other_exchanges_keep_no_swap_mode(db: Session, world: dict) -> None:
    _, plain = f.exchange_with_category(db, world["here"], ExchangeType.NACHBARSCHAFT, "Alltag")
    maria = f.actor(db, world["maria"])
    draft = ListingDraft(
        kind="offer",
        exchange_id=None,
        category_id=plain.id,
        title="Regal aufhängen",
        body="Ich helfe beim Aufhängen.",
        area_id=world["area"].id,
        swap_mode="gift",
    )
    row = db.get(Listing, create_listing(db, maria, world["here"].id, draft))
    assert row is not None and row.swap_mode == ""
