"""The photos of one listing on its admin detail page (/eintraege/<id>): each can be removed
with a reason (audited; the files are deleted). Removed ones stay listed with the reason."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_section
from admin_portal.state import AdminSession
from dasnez_core.services import listing_photos
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines
from dasnez_ui.params import parse_id

_LINES = Lines("photo_error", "photo_success")


@dataclass
class AdminPhoto:
    id: int
    thumb: str
    number: int
    removed_reason: str


class ListingPhotosAdminState(AdminSession):
    photos: list[AdminPhoto] = []
    photo_error: str = ""
    photo_success: str = ""

    @rx.event
    def load(self) -> None:
        self.photo_error = self.photo_success = ""
        self._reload()

    def _reload(self) -> None:
        actor = self._actor()
        self.photos = []
        kommune_id = self._admin_kommune(actor)
        listing_id = routes.detail_id(routes.LISTING_DETAIL, self.router.url.path)
        if kommune_id is None or listing_id is None:
            return
        found = self._run(
            lambda db: listing_photos.admin_photos(db, actor, kommune_id, listing_id),
            lines=Lines("photo_error"),
        )
        if found.ok and found.value is not None:
            self.photos = [
                AdminPhoto(p.id, p.thumb, n, p.removed_reason)
                for n, p in enumerate(found.value, start=1)
            ]

    @rx.event
    def remove(self, form: dict[str, str]) -> None:
        """Remove the photo the form names (looked up in the admin's Kommune)."""
        actor = self._actor()
        kommune_id = self._admin_kommune(actor) or 0
        photo_id = parse_id(str(form.get("photo_id", ""))[:20]) or 0
        reason = str(form.get("photo_reason", ""))[:2000]
        self.photo_error = self.photo_success = ""
        ok = self._run(
            lambda db: listing_photos.remove_photo(db, actor, kommune_id, photo_id, reason),
            "photo.removed",
            lines=_LINES,
        ).ok
        error, success = self.photo_error, self.photo_success
        self._reload()
        # The list is read again; the outcome of the removal stays on screen.
        self.photo_error = error or self.photo_error
        if ok:
            self.photo_success = success


def _photo(p: rx.Var[AdminPhoto]) -> rx.Component:
    label = t("photo.alt_own").replace("{number}", p.number.to_string())
    field_id = "photo-reason-" + p.id.to_string()
    return rx.el.li(
        rx.text(label, weight="bold"),
        rx.cond(
            p.removed_reason != "",
            rx.text(t("photo.removed_by_kommune").replace("{reason}", p.removed_reason)),
            rx.vstack(
                rx.image(src=rx.get_upload_url(p.thumb), alt=label, width="160px"),
                rx.form(
                    rx.el.input(type="hidden", name="photo_id", value=p.id),
                    rx.el.label(
                        t("photo.remove_reason"),
                        html_for=field_id,
                        style={"font_weight": "600", "display": "block"},
                    ),
                    rx.el.textarea(
                        id=field_id,
                        name="photo_reason",
                        rows=2,
                        max_length=500,
                        style=forms.FIELD_STYLE,
                    ),
                    rx.button(
                        t("photo.remove"),
                        type="submit",
                        size="3",
                        color_scheme="red",
                        variant="soft",
                    ),
                    on_submit=ListingPhotosAdminState.remove,
                    reset_on_submit=True,
                    style={"display": "grid", "gap": "0.5rem"},
                ),
                width="100%",
            ),
        ),
        style={"margin_bottom": "1rem"},
    )


def listing_photos_section() -> rx.Component:
    s = ListingPhotosAdminState
    return rx.box(
        admin_section(
            t("photo.heading"),
            "photos",
            forms.error_line(s.photo_error),
            forms.success_line(s.photo_success),
            rx.cond(
                s.photos.length() > 0,
                rx.el.ul(
                    rx.foreach(s.photos, _photo), style={"list_style": "none", "padding": "0"}
                ),
                rx.text("—"),
            ),
        ),
        on_mount=s.load,
        width="100%",
    )
