"""The Kommune's profile (/stammdaten): name, contact, run time of listings, reminder,
exchanges and pre-moderation. The public app reads it per request: changes show at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.pages.profile_embed import profile_embed_section
from admin_portal.reach_http import poster_href
from admin_portal.state import KommuneAdminState
from dasnez_core.actor import Actor
from dasnez_core.config import load_settings
from dasnez_core.db import session_scope
from dasnez_core.models import ExchangeType
from dasnez_core.services.masterdata import (
    ProfileInput,
    get_profile,
    remove_kommune_logo,
    set_kommune_logo,
    update_profile,
)
from dasnez_core.uploads import LOGO_MAX_BYTES
from dasnez_ui import forms
from dasnez_ui.db_thread import on_pool
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.page_load import PageLoad

LOGO_UPLOAD_ID = "kommune_logo"


# "At least one exchange" shows at the first exchange's box.
_FIRST_EXCHANGE = f"exchange_{next(iter(ExchangeType)).value}"
_FORM = form_fields(
    "name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_address",
    "accent_color",
    "listing_days",
    "reminder_days",
    exchanges=_FIRST_EXCHANGE,
)


class ProfileState(PageLoad, KommuneAdminState):
    ready: bool = False
    form_key: int = 0
    public_url: str = ""
    poster_url: str = ""
    v_name: str = ""
    v_contact_name: str = ""
    v_contact_email: str = ""
    v_contact_phone: str = ""
    v_contact_address: str = ""
    v_listing_days: str = ""
    v_reminder_days: str = ""
    v_premoderation: bool = False
    v_accent_color: str = ""
    enabled_types: list[str] = []
    v_logo: str = ""
    logo_error: str = ""
    logo_success: str = ""

    def _reload(self, actor: Actor, kommune_id: int) -> None:
        with session_scope() as db:
            profile = get_profile(db, actor, kommune_id)
        self.v_name = profile.name
        self.v_contact_name = profile.contact_name
        self.v_contact_email = profile.contact_email
        self.v_contact_phone = profile.contact_phone
        self.v_contact_address = profile.contact_address
        self.v_listing_days = str(profile.listing_days)
        self.v_reminder_days = str(profile.reminder_days)
        self.v_premoderation = profile.premoderation
        self.v_accent_color = profile.accent_color
        self.enabled_types = [e.type for e in profile.exchanges if e.enabled]
        self.v_logo = profile.logo
        self.public_url = routes.public_kommune_url(load_settings().public_url, profile.slug)
        self.poster_url = poster_href(profile.slug)
        self.form_key += 1

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.logo_error = self.logo_success = ""
        self.ready = False
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        kommune_id = self._enter(actor)
        self.ready = kommune_id is not None
        if kommune_id is not None:
            self._reload(actor, kommune_id)
        return None

    @rx.event
    def save(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        actor = self._actor()
        values = ProfileInput(
            name=str(form.get("name", ""))[:500],
            contact_name=str(form.get("contact_name", ""))[:1000],
            contact_email=str(form.get("contact_email", ""))[:1000],
            contact_phone=str(form.get("contact_phone", ""))[:1000],
            contact_address=str(form.get("contact_address", ""))[:1000],
            listing_days=str(form.get("listing_days", ""))[:10],
            reminder_days=str(form.get("reminder_days", ""))[:10],
            enabled_exchanges=frozenset(
                ex.value for ex in ExchangeType if form.get(f"exchange_{ex.value}")
            ),
            premoderation=bool(form.get("premoderation")),
            accent_color=str(form.get("accent_color", ""))[:100],
        )
        if self._change(
            actor,
            lambda db, kommune_id: update_profile(db, actor, kommune_id, values),
            "masterdata.profile_saved",
            form=_FORM,
        ):
            kommune_id = self._own_kommune(actor)
            self._reload(actor, kommune_id)
            self._load_kommune_name(actor)
            return None
        return self._focus_first_error()

    def _logo_change(
        self, actor: Actor, change: Callable[[Session, int], object], done: str
    ) -> None:
        """Like _change, with the outcome shown next to the logo (not at the form's end)."""
        saved = self._run(
            lambda db: change(db, self._own_kommune(actor)),
            done,
            lines=Lines("logo_error", "logo_success"),
        ).ok
        self.error = self.success = ""
        self.field_errors = {}
        if saved:
            self._reload(actor, self._own_kommune(actor))

    @rx.event
    async def upload_logo(self, files: list[rx.UploadFile]) -> None:
        actor = await on_pool(self._actor)
        upload = files[0] if files else None
        # One byte more than allowed is enough to tell "too big"; the service checks the rest.
        data = await upload.read(LOGO_MAX_BYTES + 1) if upload is not None else b""
        name = str(upload.name or "")[:200] if upload is not None else ""
        await on_pool(
            self._logo_change,
            actor,
            lambda db, kommune_id: set_kommune_logo(db, actor, kommune_id, data, name),
            "masterdata.logo.saved",
        )

    @rx.event
    def remove_logo(self) -> None:
        actor = self._actor()
        self._logo_change(
            actor,
            lambda db, kommune_id: remove_kommune_logo(db, actor, kommune_id),
            "masterdata.logo.removed",
        )


def logo_box(
    current: rx.Var[str],
    upload_id: str,
    on_upload: Any,
    on_remove: Any,
    error: rx.Var[str] | None = None,
    success: rx.Var[str] | None = None,
) -> rx.Component:
    """Upload, preview and remove of a logo (Kommune or sponsor); the server checks the file.
    Without `error`/`success` the page shows the outcome where it shows all others."""
    return rx.vstack(
        rx.text(t("masterdata.logo.current"), weight="bold"),
        rx.cond(
            current != "",
            rx.image(
                src=rx.get_upload_url(current),
                alt=t("masterdata.logo.current"),
                max_height="96px",
                max_width="240px",
                object_fit="contain",
            ),
            rx.text(t("masterdata.logo.none"), color_scheme="gray"),
        ),
        forms.logo_upload(
            t("masterdata.logo.upload"),
            rx.vstack(
                rx.icon("upload", size=28, aria_hidden="true"),
                rx.text(t("masterdata.logo.upload"), weight="bold"),
                rx.text(t("masterdata.logo.upload_hint"), size="2"),
                align="center",
                spacing="1",
            ),
            upload_id,
            on_upload(rx.upload_files(upload_id=upload_id)),
            padding="1.25rem",
        ),
        *(
            [forms.error_line(error), forms.success_line(success)]
            if error is not None and success is not None
            else []
        ),
        rx.cond(
            current != "",
            rx.button(
                t("masterdata.logo.remove"),
                on_click=on_remove,
                color_scheme="red",
                variant="soft",
                size="3",
            ),
        ),
        width="100%",
        spacing="3",
    )


def _group(legend: str, *children: rx.Component) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(t(legend), style={"font_weight": "700", "font_size": "1.15rem"}),
        *children,
        style={
            "border": "1px solid var(--gray-6)",
            "border_radius": "12px",
            "padding": "1rem",
            "margin_bottom": "1rem",
        },
    )


_errors = ProfileState.field_errors


def _form() -> rx.Component:
    return rx.form(
        forms.error_summary(ProfileState.error, ProfileState.field_errors),
        _group(
            "masterdata.profile.group_contact",
            forms.field(
                t("masterdata.profile.name"),
                "name",
                max_length=120,
                value=ProfileState.v_name,
                error=_errors["name"],
            ),
            forms.field(
                t("masterdata.profile.contact_name"),
                "contact_name",
                max_length=200,
                required=False,
                value=ProfileState.v_contact_name,
                error=_errors["contact_name"],
            ),
            forms.field(
                t("masterdata.profile.contact_email"),
                "contact_email",
                type_="email",
                max_length=200,
                value=ProfileState.v_contact_email,
                error=_errors["contact_email"],
            ),
            forms.field(
                t("masterdata.profile.contact_phone"),
                "contact_phone",
                type_="tel",
                max_length=60,
                required=False,
                value=ProfileState.v_contact_phone,
                error=_errors["contact_phone"],
            ),
            forms.field(
                t("masterdata.profile.contact_address"),
                "contact_address",
                max_length=300,
                required=False,
                value=ProfileState.v_contact_address,
                error=_errors["contact_address"],
            ),
            forms.field(
                t("accent.label"),
                "accent_color",
                max_length=7,
                required=False,
                hint=t("accent.hint"),
                value=ProfileState.v_accent_color,
                error=_errors["accent_color"],
            ),
        ),
        _group(
            "masterdata.profile.group_listings",
            forms.field(
                t("masterdata.profile.listing_days"),
                "listing_days",
                max_length=3,
                input_mode="numeric",
                hint=t("masterdata.profile.listing_days_hint"),
                value=ProfileState.v_listing_days,
                error=_errors["listing_days"],
            ),
            forms.field(
                t("masterdata.profile.reminder_days"),
                "reminder_days",
                max_length=2,
                input_mode="numeric",
                hint=t("masterdata.profile.reminder_days_hint"),
                value=ProfileState.v_reminder_days,
                error=_errors["reminder_days"],
            ),
            forms.checkbox(
                t("masterdata.profile.premoderation"),
                "premoderation",
                checked=ProfileState.v_premoderation,
            ),
            rx.text(t("masterdata.profile.premoderation_hint"), size="2", color_scheme="gray"),
        ),
        _group(
            "masterdata.profile.group_exchanges",
            rx.text(t("masterdata.profile.exchanges_hint"), size="2", color_scheme="gray"),
            *[
                forms.checkbox(
                    t(f"exchange.{ex.value}"),
                    f"exchange_{ex.value}",
                    checked=ProfileState.enabled_types.contains(ex.value),
                    error=_errors[_FIRST_EXCHANGE]
                    if f"exchange_{ex.value}" == _FIRST_EXCHANGE
                    else None,
                )
                for ex in ExchangeType
            ],
        ),
        # Success right above the button, where the eye is after saving.
        forms.success_line(ProfileState.success),
        forms.submit(t("masterdata.profile.save")),
        no_validate=True,
        on_submit=ProfileState.save,
        reset_on_submit=False,
        key=ProfileState.form_key.to_string(),
        width="100%",
    )


def profile_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("masterdata.profile.title"), size="7", as_="h1"),
            rx.text(t("admin.kommune"), ": ", ProfileState.kommune_name, color_scheme="gray"),
            rx.cond(
                ProfileState.ready,
                rx.vstack(
                    rx.link(
                        t("masterdata.profile.public_link"),
                        href=ProfileState.public_url,
                        is_external=True,
                    ),
                    _group(
                        "masterdata.logo.title",
                        logo_box(
                            ProfileState.v_logo,
                            LOGO_UPLOAD_ID,
                            ProfileState.upload_logo,
                            ProfileState.remove_logo,
                            ProfileState.logo_error,
                            ProfileState.logo_success,
                        ),
                    ),
                    _form(),
                    # A plain link: the PDF comes from an HTTP route, not a page.
                    rx.el.a(
                        t("reach.poster_download"),
                        href=ProfileState.poster_url,
                        download="",
                        # A document request: React Router would navigate client-side
                        # to a page that does not exist.
                        reload_document=True,
                        style={"font_weight": "600"},
                    ),
                    profile_embed_section(),
                    width="100%",
                    max_width="720px",
                ),
                forms.error_line(ProfileState.error),
            ),
            width="100%",
            spacing="4",
        )
    )
