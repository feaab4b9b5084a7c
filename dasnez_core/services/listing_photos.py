"""Photos of listings: up to three per listing, in every exchange.

An upload is judged by its bytes (dasnez_core.uploads), decoded by Pillow within a pixel
limit, turned upright, and re-encoded as a new JPEG of at most 1600 px with a thumbnail:
nothing of the original file is kept, so EXIF data (camera, GPS position, time) never
reaches the upload folder. The author adds and deletes photos of their own listing; an
admin removes one with a reason (audited, the files are deleted, the row keeps the reason).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import delete
from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import AuditAction, ListingPhoto, ListingStatus, id_of, utcnow
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit
from dasnez_core.services.auth import clean_text
from dasnez_core.services.listings import own_listing
from dasnez_core.services.transitions import locked_one
from dasnez_core.uploads import discard_after_commit, image_extension, store_bytes_in

PHOTOS_MAX = 3
PHOTO_MAX_MB = 10
PHOTO_MAX_BYTES = PHOTO_MAX_MB * 1024 * 1024
# Decoding is refused above this many pixels (a small file can unpack to gigabytes).
MAX_MEGAPIXELS = 40
LONG_EDGE = 1600
THUMB_EDGE = 480
QUALITY, THUMB_QUALITY = 82, 75
REASON_MIN, REASON_MAX = 5, 500


@dataclass(frozen=True)
class Encoded:
    photo: bytes
    thumb: bytes
    width: int
    height: int


def reencode(data: bytes) -> Encoded:
    """A new upright JPEG (long edge ≤ LONG_EDGE) and thumbnail from an uploaded image,
    without any of its metadata; InvalidInput("photo", …) for anything else."""
    if not data:
        raise InvalidInput("photo", "photo.empty")
    if len(data) > PHOTO_MAX_BYTES:
        raise InvalidInput("photo", "photo.too_big", mb=PHOTO_MAX_MB)
    if image_extension(data) is None:
        raise InvalidInput("photo", "photo.wrong_type")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            source = Image.open(io.BytesIO(data))
            if source.width * source.height > MAX_MEGAPIXELS * 1_000_000:
                raise InvalidInput("photo", "photo.too_many_pixels", mp=MAX_MEGAPIXELS)
            source.load()
    except InvalidInput:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise InvalidInput("photo", "photo.wrong_type") from exc
    upright = ImageOps.exif_transpose(source) or source
    if upright.mode in ("RGBA", "LA", "P"):
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        upright = flat
    # A fresh image of the pixels only: no info dict (EXIF, XMP, ICC, comments) comes along.
    pixels = Image.new("RGB", upright.size)
    pixels.paste(upright.convert("RGB"))
    pixels.thumbnail((LONG_EDGE, LONG_EDGE), Image.Resampling.LANCZOS)
    photo = io.BytesIO()
    pixels.save(photo, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    small = pixels.copy()
    small.thumbnail((THUMB_EDGE, THUMB_EDGE), Image.Resampling.LANCZOS)
    thumb = io.BytesIO()
    small.save(thumb, "JPEG", quality=THUMB_QUALITY, optimize=True)
    return Encoded(photo.getvalue(), thumb.getvalue(), pixels.width, pixels.height)


def _count(db: Session, listing_id: int) -> int:
    return int(
        db.exec(
            select(func.count())
            .select_from(ListingPhoto)
            .where(ListingPhoto.listing_id == listing_id, col(ListingPhoto.removed_at).is_(None))
        ).one()
    )


def add_photo(db: Session, actor: Actor, kommune_id: int, listing_id: int, data: bytes) -> int:
    """Add a photo to the actor's own listing; return its id."""
    listing = own_listing(db, actor, kommune_id, listing_id, lock=True)
    if listing.status == ListingStatus.REMOVED:
        raise NotAllowed("photo.listing_closed")
    if _count(db, listing_id) >= PHOTOS_MAX:
        raise InvalidInput("photo", "photo.too_many", max=PHOTOS_MAX)
    encoded = reencode(data)
    row = ListingPhoto(
        kommune_id=kommune_id,
        listing_id=listing_id,
        name=store_bytes_in(db, encoded.photo, "jpg"),
        thumb_name=store_bytes_in(db, encoded.thumb, "jpg"),
        width=encoded.width,
        height=encoded.height,
    )
    db.add(row)
    db.flush()
    return id_of(row)


def _photo(db: Session, kommune_id: int, photo_id: int) -> ListingPhoto:
    photo = locked_one(
        db,
        ListingPhoto,
        col(ListingPhoto.id) == photo_id,
        col(ListingPhoto.kommune_id) == kommune_id,
        col(ListingPhoto.removed_at).is_(None),
    )
    if photo is None:
        raise NotFound("photo.not_found")
    return photo


def delete_own_photo(db: Session, actor: Actor, kommune_id: int, photo_id: int) -> None:
    """The author deletes a photo of their own listing (row and files)."""
    photo = _photo(db, kommune_id, photo_id)
    try:
        own_listing(db, actor, kommune_id, photo.listing_id)
    except NotFound as exc:
        raise NotFound("photo.not_found") from exc
    discard_after_commit(db, photo.name)
    discard_after_commit(db, photo.thumb_name)
    db.delete(photo)
    db.flush()


def remove_photo(db: Session, actor: Actor, kommune_id: int, photo_id: int, reason: str) -> None:
    """An admin removes a photo with a reason: the files go, the row keeps the reason."""
    require(actor, Action.MODERATE_LISTINGS, kommune_id)
    text = " ".join(clean_text(reason).split())
    if len(text) < REASON_MIN:
        raise InvalidInput("reason", "photo.reason_required", min=REASON_MIN)
    if len(text) > REASON_MAX:
        raise InvalidInput("reason", "timebank.reason_too_long", max=REASON_MAX)
    photo = _photo(db, kommune_id, photo_id)
    discard_after_commit(db, photo.name)
    discard_after_commit(db, photo.thumb_name)
    photo.removed_at = utcnow()
    photo.removed_reason = text
    db.add(photo)
    audit.record(
        db,
        actor,
        action=AuditAction.REMOVE_PHOTO,
        target_type="listing",
        target_id=photo.listing_id,
        kommune_id=kommune_id,
        reason=text,
    )
    db.flush()


@dataclass(frozen=True)
class PhotoView:
    id: int
    name: str
    thumb: str
    width: int
    height: int
    removed_reason: str = ""


def photos_of(
    db: Session, kommune_id: int, listing_id: int, *, with_removed: bool = False
) -> list[PhotoView]:
    """The photos of a listing of this Kommune, oldest first (the caller has checked that
    the viewer may see the listing). `with_removed` adds removed ones (for admins)."""
    stmt = select(ListingPhoto).where(
        ListingPhoto.kommune_id == kommune_id, ListingPhoto.listing_id == listing_id
    )
    if not with_removed:
        stmt = stmt.where(col(ListingPhoto.removed_at).is_(None))
    rows = db.exec(stmt.order_by(col(ListingPhoto.id))).all()
    return [
        PhotoView(
            id_of(p),
            "" if p.removed_at else p.name,
            "" if p.removed_at else p.thumb_name,
            p.width,
            p.height,
            p.removed_reason,
        )
        for p in rows
    ]


def admin_photos(db: Session, actor: Actor, kommune_id: int, listing_id: int) -> list[PhotoView]:
    """Every photo of a listing, removed ones with their reason, for the Kommune's admins."""
    require(actor, Action.MODERATE_LISTINGS, kommune_id)
    return photos_of(db, kommune_id, listing_id, with_removed=True)


def first_thumbs(db: Session, kommune_id: int, listing_ids: Iterable[int]) -> dict[int, str]:
    """listing id → its first photo's thumbnail, for the cards of one page (one query)."""
    ids = list(listing_ids)
    if not ids:
        return {}
    first = (
        select(ListingPhoto.listing_id, func.min(ListingPhoto.id).label("first_id"))
        .where(
            ListingPhoto.kommune_id == kommune_id,
            col(ListingPhoto.listing_id).in_(ids),
            col(ListingPhoto.removed_at).is_(None),
        )
        .group_by(col(ListingPhoto.listing_id))
        .subquery()
    )
    rows = db.exec(
        select(ListingPhoto.listing_id, ListingPhoto.thumb_name).join(
            first, col(ListingPhoto.id) == first.c.first_id
        )
    ).all()
    return dict(rows)


def forget_listings(db: Session, listing_ids: list[int]) -> None:
    """Listings that go with a deleted account take their photos (rows and files)."""
    if not listing_ids:
        return
    for name, thumb in db.exec(
        select(ListingPhoto.name, ListingPhoto.thumb_name).where(
            col(ListingPhoto.listing_id).in_(listing_ids), col(ListingPhoto.removed_at).is_(None)
        )
    ).all():
        discard_after_commit(db, name)
        discard_after_commit(db, thumb)
    db.execute(delete(ListingPhoto).where(col(ListingPhoto.listing_id).in_(listing_ids)))


def own_photos(db: Session, actor: Actor, kommune_id: int, listing_id: int) -> list[PhotoView]:
    """The photos of the actor's own listing (for its edit page)."""
    own_listing(db, actor, kommune_id, listing_id)
    return photos_of(db, kommune_id, listing_id)
