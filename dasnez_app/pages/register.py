"""Registration in a Kommune (/k/<slug>/registrieren)."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.routes import slug_from_path
from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.errors import NotFound
from dasnez_core.passwords import MAX_LENGTH
from dasnez_core.services import auth, kommunen
from dasnez_core.services.kommunen import Option
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button, not_found_body
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id

_LINES = Lines(
    "error",
    form=form_fields(
        "display_name",
        "email",
        "password",
        "birth_date",
        "parent_email",
        "area_id",
        "accept_privacy",
        "accept_terms",
    ),
)


class RegisterState(PageLoad, PublicSession):
    loaded: bool = False
    found: bool = False
    slug: str = ""
    kommune_name: str = ""
    privacy_version: str = ""
    terms_version: str = ""
    areas: list[Option] = []
    error: str = ""
    field_errors: dict[str, str] = {}
    done: bool = False
    sent_to: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> None:
        self.slug = slug_from_path(self.router.url.path)
        self.error, self.field_errors, self.done, self.sent_to = "", {}, False, ""
        self.loaded = self.found = False
        self.privacy_version = self.terms_version = ""
        self._refresh_session()
        with session_scope() as db:
            try:
                k = kommunen.get_kommune_by_slug(db, self.slug)
            except NotFound:
                self.loaded, self.found = True, False
                return
            assert k.id is not None
            self.kommune_name = k.name
            self.privacy_version, self.terms_version = k.privacy_version, k.terms_version
            self.areas = kommunen.area_options(db, k.id)
        self.loaded, self.found = True, True

    @rx.event
    async def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        # The same answer whether or not the address has an account (double opt-in); the
        # password is hashed off the event loop.
        self._ensure_built()
        # The Kommune of the route, and the versions of the texts the form showed (sent
        # with it), never values kept from an earlier event.
        slug, client = slug_from_path(self.router.url.path), self._client()
        shown = forms.read_shown_versions(form)
        started = await self._run_off_loop(
            lambda db: auth.register(
                db,
                kommune_slug=slug,
                email=str(form.get("email", "")),
                password=str(form.get("password", "")),
                display_name=str(form.get("display_name", "")),
                area_id=parse_id(form.get("area_id")),
                accept_privacy=bool(form.get("accept_privacy")),
                accept_terms=bool(form.get("accept_terms")),
                client=client,
                shown_versions=shown,
                birth_date=str(form.get("birth_date", "")),
                parent_email=str(form.get("parent_email", "")),
                out_of_school=bool(form.get("out_of_school")),
            ),
            lines=_LINES,
        )
        if started.ok and started.value is not None:
            self.sent_to, self.done = started.value.email, True
        return self._focus_first_error()


_errors = RegisterState.field_errors


def _form() -> rx.Component:
    return rx.form(
        rx.text(t("register.intro")),
        forms.error_summary(RegisterState.error, RegisterState.field_errors),
        forms.field(
            t("register.display_name"),
            "display_name",
            autocomplete="name",
            max_length=auth.NAME_MAX,
            error=_errors["display_name"],
        ),
        forms.field(
            t("register.email"),
            "email",
            type_="email",
            autocomplete="email",
            max_length=254,
            error=_errors["email"],
        ),
        forms.field(
            t("register.password"),
            "password",
            type_="password",
            autocomplete="new-password",
            hint=t("register.password_hint"),
            max_length=MAX_LENGTH,
            error=_errors["password"],
        ),
        forms.field(
            t("youth.birth_date"),
            "birth_date",
            type_="date",
            autocomplete="bday",
            hint=t("youth.birth_date_hint"),
            error=_errors["birth_date"],
        ),
        forms.field(
            t("youth.parent_email"),
            "parent_email",
            type_="email",
            autocomplete="off",
            max_length=254,
            required=False,
            hint=t("youth.parent_email_hint"),
            error=_errors["parent_email"],
        ),
        forms.checkbox(t("youth.out_of_school"), "out_of_school"),
        forms.select(
            t("register.area"),
            "area_id",
            RegisterState.areas,
            t("common.choose"),
            error=_errors["area_id"],
        ),
        rx.text(t("register.read_versions"), size="2"),
        rx.link(
            t("consent.read_privacy").replace("{version}", RegisterState.privacy_version),
            href=routes.legal_href(RegisterState.slug, "privacy", RegisterState.privacy_version),
            is_external=True,
        ),
        forms.checkbox(
            rx.text(
                t("register.accept_privacy").replace("{version}", RegisterState.privacy_version)
            ),
            "accept_privacy",
            error=_errors["accept_privacy"],
        ),
        rx.link(
            t("consent.read_terms").replace("{version}", RegisterState.terms_version),
            href=routes.legal_href(RegisterState.slug, "terms", RegisterState.terms_version),
            is_external=True,
        ),
        forms.checkbox(
            rx.text(t("register.accept_terms").replace("{version}", RegisterState.terms_version)),
            "accept_terms",
            error=_errors["accept_terms"],
        ),
        forms.shown_versions(RegisterState.privacy_version, RegisterState.terms_version),
        forms.submit(t("register.submit")),
        no_validate=True,
        on_submit=RegisterState.submit,
        width="100%",
    )


def _done() -> rx.Component:
    return rx.vstack(
        rx.callout(
            t("register.done_title"), icon="mail", color_scheme="green", role="status", size="3"
        ),
        rx.text(t("register.done_text").replace("{email}", RegisterState.sent_to)),
        link_button(t("nav.login"), routes.LOGIN, size="4"),
        spacing="4",
    )


def register_page() -> rx.Component:
    return public_page(
        rx.cond(
            RegisterState.loaded,
            rx.cond(
                RegisterState.found,
                rx.vstack(
                    rx.heading(
                        t("register.title").replace("{kommune}", RegisterState.kommune_name),
                        size="7",
                        as_="h1",
                    ),
                    rx.cond(RegisterState.done, _done(), _form()),
                    width="100%",
                    max_width="560px",
                ),
                not_found_body(routes.HOME),
            ),
            rx.text(t("common.loading")),
        )
    )
