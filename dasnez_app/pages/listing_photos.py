"""The photos of an own listing, as a part of its edit page (/k/<slug>/eintrag/<id>/bearbeiten):
add up to three, delete one. Which listing is the route's of each event, never a kept id."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from dasnez_app import routes
from dasnez_app.state import PublicSession
from dasnez_core.errors import NotFound
from dasnez_core.services import kommunen, listing_photos
from dasnez_core.services.listing_photos import PHOTO_MAX_BYTES, PHOTO_MAX_MB, PHOTOS_MAX
from dasnez_ui import forms
from dasnez_ui.db_thread import on_pool
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines
from dasnez_ui.params import parse_id

_LINES = Lines("photo_error", "photo_success")
UPLOAD_ID = "listing-photo"


@dataclass
class OwnPhoto:
    id: int
    thumb: str
    alt: str


class ListingPhotosState(PublicSession):
    photos: list[OwnPhoto] = []
    photo_error: str = ""
    photo_success: str = ""
    can_add: bool = False

    def _target(self) -> tuple[str, int]:
        target = routes.listing_form_from_path(self.router.url.path)
        if target is None or target[1] is None:
            raise NotFound("photo.save_first")
        return target[0], target[1]

    def _kommune_id(self, db: Session, slug: str) -> int:
        k = kommunen.get_kommune_by_slug(db, slug)
        if k.id is None:
            raise NotFound()
        return k.id

    @rx.event
    def load(self) -> None:
        self.photo_error = self.photo_success = ""
        self._reload()

    def _reload(self) -> None:
        actor = self._actor()
        self.photos, self.can_add = [], False
        target = routes.listing_form_from_path(self.router.url.path)
        if target is None or target[1] is None or actor.is_anonymous:
            return
        slug, listing_id = target

        def read(db: Session) -> list[listing_photos.PhotoView]:
            return listing_photos.own_photos(db, actor, self._kommune_id(db, slug), listing_id)

        found = self._run(read, lines=Lines("photo_error"))
        if not found.ok or found.value is None:
            return
        self.photos = [
            OwnPhoto(p.id, p.thumb, self._t("photo.alt_own", number=n))
            for n, p in enumerate(found.value, start=1)
        ]
        self.can_add = len(self.photos) < PHOTOS_MAX

    @rx.event
    async def upload(self, files: list[rx.UploadFile]) -> None:
        actor = await on_pool(self._actor)
        upload = files[0] if files else None
        # One byte more than allowed is enough to tell "too big"; the service checks the rest.
        data = await upload.read(PHOTO_MAX_BYTES + 1) if upload is not None else b""
        self.photo_error = self.photo_success = ""

        def add(db: Session) -> int:
            slug, listing_id = self._target()
            return listing_photos.add_photo(db, actor, self._kommune_id(db, slug), listing_id, data)

        await on_pool(self._run, add, "photo.added", lines=_LINES)
        await on_pool(self._reload_keep_lines)

    @rx.event
    def delete(self, photo_id: str | int) -> None:
        actor = self._actor()
        wanted = parse_id(str(photo_id)[:20]) or 0
        self.photo_error = self.photo_success = ""

        def remove(db: Session) -> None:
            slug, _ = self._target()
            listing_photos.delete_own_photo(db, actor, self._kommune_id(db, slug), wanted)

        self._run(remove, "photo.deleted", lines=_LINES)
        self._reload_keep_lines()

    def _reload_keep_lines(self) -> None:
        error, success = self.photo_error, self.photo_success
        self._reload()
        self.photo_error = error or self.photo_error
        self.photo_success = success


def _photo(p: rx.Var[OwnPhoto]) -> rx.Component:
    return rx.el.li(
        rx.image(src=rx.get_upload_url(p.thumb), alt=p.alt, width="120px", border_radius="8px"),
        rx.button(
            rx.icon("trash-2", size=18, aria_hidden="true"),
            t("photo.delete"),
            on_click=ListingPhotosState.delete(p.id),
            variant="soft",
            color_scheme="red",
            size="3",
        ),
        style={"display": "flex", "gap": "0.75rem", "align_items": "center"},
    )


def listing_photos_box() -> rx.Component:
    """Photos of the listing being edited, with upload and delete."""
    s = ListingPhotosState
    return rx.el.section(
        rx.heading(t("photo.heading"), size="5", as_="h2"),
        rx.text(
            t("photo.hint").replace("{max}", str(PHOTOS_MAX)).replace("{mb}", str(PHOTO_MAX_MB)),
            size="2",
        ),
        rx.el.ul(
            rx.foreach(s.photos, _photo),
            style={
                "list_style": "none",
                "padding": "0",
                "margin": "0",
                "display": "grid",
                "gap": "0.5rem",
            },
        ),
        rx.cond(
            s.can_add,
            forms.labelled_upload(
                t("photo.upload"),
                rx.vstack(
                    rx.icon("image-plus", size=28, aria_hidden="true"),
                    rx.text(t("photo.upload"), weight="bold"),
                    align="center",
                    spacing="1",
                ),
                id=UPLOAD_ID,
                multiple=False,
                max_files=1,
                accept={
                    "image/png": [".png"],
                    "image/jpeg": [".jpg", ".jpeg"],
                    "image/webp": [".webp"],
                },
                on_drop=ListingPhotosState.upload(rx.upload_files(upload_id=UPLOAD_ID)),
                border="2px dashed var(--gray-8)",
                border_radius="12px",
                padding="1.25rem",
                width="100%",
                cursor="pointer",
            ),
        ),
        forms.error_line(s.photo_error),
        forms.success_line(s.photo_success),
        on_mount=ListingPhotosState.load,
        style={"display": "flex", "flex_direction": "column", "gap": "0.75rem", "width": "100%"},
    )
