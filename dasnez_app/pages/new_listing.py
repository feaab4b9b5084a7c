"""Posting a new offer or request (/k/<slug>/neu)."""

from __future__ import annotations

import reflex as rx

from dasnez_app.components import public_page
from dasnez_app.pages.kommune import slug_from_path
from dasnez_app.pages.register import parse_int
from dasnez_app.state import PublicSession
from dasnez_app.ui import forms
from dasnez_app.ui.lang import t
from dasnez_app.ui.layout import link_button
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError, NotFound
from dasnez_core.models import UserStatus
from dasnez_core.services import kommunen
from dasnez_core.services.kommunen import Option
from dasnez_core.services.listings import BODY_MAX, TITLE_MAX, ListingDraft, create_listing


class NewListingState(PublicSession):
    loaded: bool = False
    slug: str = ""
    kommune_name: str = ""
    can_post: bool = False
    notice: str = ""
    categories: list[Option] = []
    areas: list[Option] = []
    spaces: list[Option] = []
    error: str = ""
    success: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        actor = self._actor()
        self.slug = slug_from_path(self.router.url.path)
        if actor.is_anonymous:
            return rx.redirect("/anmelden")
        self.error = self.success = self.notice = ""
        with session_scope() as db:
            try:
                k = kommunen.get_kommune_by_slug(db, self.slug)
            except NotFound:
                self.loaded, self.can_post = True, False
                self.notice = self._t("kommune.not_found")
                return None
            assert k.id is not None
            self.kommune_name = k.name
            if k.id != actor.kommune_id:
                self.notice = self._t("listing.other_kommune")
            elif actor.status == UserStatus.PENDING:
                self.notice = self._t("listing.account_pending")
            exchange_types = dict(kommunen.exchange_options(db, k.id))
            self.categories = [
                Option(str(cid), f"{self._t('exchange.' + exchange_types[ex_id])} – {name}")
                for cid, ex_id, name in kommunen.category_options(db, k.id)
            ]
            self.areas = kommunen.area_options(db, k.id)
            self.spaces = kommunen.social_space_options(db, k.id)
        self.can_post = self.notice == ""
        self.loaded = True
        return None

    @rx.event
    def submit(self, form: dict[str, str]) -> None:
        actor = self._actor()
        space_ids = tuple(
            i
            for key in form
            if key.startswith("space_")
            if (i := parse_int(key.removeprefix("space_"))) is not None
        )
        draft = ListingDraft(
            kind=str(form.get("kind", "")),
            exchange_id=None,
            category_id=parse_int(form.get("category_id")),
            title=str(form.get("title", ""))[:1000],
            body=str(form.get("body", ""))[:10000],
            area_id=parse_int(form.get("area_id")),
            social_space_ids=space_ids[:50],
        )
        try:
            with session_scope() as db:
                k = kommunen.get_kommune_by_slug(db, self.slug)
                assert k.id is not None
                create_listing(db, actor, k.id, draft)
                premoderated = k.premoderation
        except DomainError as exc:
            self.error, self.success = self._t(exc.key, **exc.params), ""
            return
        self.error = ""
        self.success = self._t(
            "listing.awaiting_moderation" if premoderated else "listing.published"
        )


def _kind_choice() -> rx.Component:
    def option(value: str, key: str) -> rx.Component:
        return rx.el.label(
            rx.el.input(
                type="radio",
                name="kind",
                value=value,
                required=True,
                style={"width": "24px", "height": "24px"},
            ),
            rx.text(t(key)),
            style={
                "display": "flex",
                "gap": "0.75rem",
                "align_items": "center",
                "padding": "0.75rem",
                "border": "1px solid var(--gray-7)",
                "border_radius": "8px",
                "min_height": "48px",
            },
        )

    return rx.el.fieldset(
        rx.el.legend(t("listing.kind"), style={"font_weight": "600"}),
        option("offer", "listing.kind_offer"),
        option("request", "listing.kind_request"),
        style={
            "display": "grid",
            "gap": "0.5rem",
            "border": "none",
            "padding": "0",
            "margin_bottom": "1rem",
        },
    )


def _form() -> rx.Component:
    return rx.form(
        forms.error_line(NewListingState.error),
        _kind_choice(),
        forms.select(
            t("listing.category"), "category_id", NewListingState.categories, t("common.choose")
        ),
        forms.field(t("listing.title"), "title", max_length=TITLE_MAX),
        forms.textarea(t("listing.body"), "body", max_length=BODY_MAX),
        forms.select(t("listing.area"), "area_id", NewListingState.areas, t("common.choose")),
        rx.el.fieldset(
            rx.el.legend(t("listing.social_spaces"), style={"font_weight": "600"}),
            rx.foreach(
                NewListingState.spaces,
                lambda s: forms.checkbox(rx.text(s.label), "space_" + s.value),
            ),
            style={"border": "none", "padding": "0"},
        ),
        forms.submit(t("listing.submit")),
        on_submit=NewListingState.submit,
        reset_on_submit=False,
        width="100%",
    )


def new_listing_page() -> rx.Component:
    return public_page(
        rx.cond(
            NewListingState.loaded,
            rx.vstack(
                rx.heading(t("listing.new_title"), size="7", as_="h1"),
                rx.text(NewListingState.kommune_name, color_scheme="gray"),
                rx.cond(
                    NewListingState.success != "",
                    rx.vstack(
                        forms.success_line(NewListingState.success),
                        link_button(t("nav.home"), "/k/" + NewListingState.slug, size="4"),
                    ),
                    rx.cond(
                        NewListingState.can_post,
                        _form(),
                        rx.callout(NewListingState.notice, icon="info", role="status"),
                    ),
                ),
                width="100%",
                max_width="640px",
            ),
            rx.text(t("common.loading")),
        )
    )
