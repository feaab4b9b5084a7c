"""A parent's or guardian's consent for a minor (/eltern-zustimmung?token=…), from the link
in their mail: agree with their own name and relationship, or withdraw (decline) it.

Only a button press changes anything, so a mail program that opens links by itself to
check them neither consents nor withdraws. The token is read from the route of each
event, never kept in the state.
"""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.services import parental_consent
from dasnez_core.services.kommunen import Option
from dasnez_core.services.parental_consent import ConsentView
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.page_load import PageLoad

_LINES = Lines(
    "error", form=form_fields("parent_name", "relation", "accept_privacy", "accept_terms")
)


class ParentConsentState(PageLoad, PublicSession):
    loaded: bool = False
    valid: bool = False
    child_name: str = ""
    kommune_name: str = ""
    kommune_slug: str = ""
    privacy_version: str = ""
    terms_version: str = ""
    account_consent: bool = False
    confirmed: bool = False
    withdrawn: bool = False
    relations: list[Option] = []
    error: str = ""
    field_errors: dict[str, str] = {}
    success: str = ""

    def _token(self) -> str:
        return str(self.router.url.query_parameters.get("token", ""))[:300]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> None:
        self.error, self.field_errors, self.success = "", {}, ""
        self.loaded = self.valid = False
        self.relations = [
            Option(r, self._t(f"youth.relation.{r}")) for r in parental_consent.RELATIONS
        ]
        self._refresh_session()
        token = self._token()
        found = self._run(lambda db: parental_consent.consent_view(db, token), lines=Lines("error"))
        if found.ok and found.value is not None:
            self._show_view(found.value)
        self.loaded = True

    def _show_view(self, view: ConsentView) -> None:
        self.valid = True
        self.child_name, self.kommune_name = view.child_name, view.kommune_name
        self.kommune_slug = view.kommune_slug
        self.privacy_version, self.terms_version = view.privacy_version, view.terms_version
        self.account_consent = view.account_consent
        self.confirmed, self.withdrawn = view.confirmed, view.withdrawn

    @rx.event
    def agree(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._ensure_built()
        token, shown = self._token(), forms.read_shown_versions(form)
        done = self._run(
            lambda db: parental_consent.confirm_consent(
                db,
                token=token,
                parent_name=str(form.get("parent_name", "")),
                relation=str(form.get("relation", "")),
                accept_privacy=bool(form.get("accept_privacy")),
                accept_terms=bool(form.get("accept_terms")),
                shown_versions=shown,
            ),
            lines=_LINES,
        )
        if done.ok and done.value is not None:
            self._show_view(done.value)
            self.success = self._t("youth.parent_given")
        return self._focus_first_error()

    @rx.event
    def withdraw(self) -> None:
        self._ensure_built()
        token = self._token()
        done = self._run(
            lambda db: parental_consent.withdraw_consent(db, token=token), lines=Lines("error")
        )
        if done.ok and done.value is not None:
            self._show_view(done.value)
            self.success = self._t("youth.parent_withdrawn")


S = ParentConsentState


def _agree_form() -> rx.Component:
    return rx.form(
        forms.error_summary(S.error, S.field_errors),
        forms.field(
            t("youth.parent_name"),
            "parent_name",
            autocomplete="name",
            max_length=80,
            error=S.field_errors["parent_name"],
        ),
        forms.select(
            t("youth.relation"),
            "relation",
            S.relations,
            t("common.choose"),
            error=S.field_errors["relation"],
        ),
        rx.link(
            t("consent.read_privacy").replace("{version}", S.privacy_version),
            href=routes.legal_href(S.kommune_slug, "privacy", S.privacy_version),
            is_external=True,
        ),
        forms.checkbox(
            rx.text(t("youth.parent_accept_privacy").replace("{version}", S.privacy_version)),
            "accept_privacy",
            error=S.field_errors["accept_privacy"],
        ),
        rx.link(
            t("consent.read_terms").replace("{version}", S.terms_version),
            href=routes.legal_href(S.kommune_slug, "terms", S.terms_version),
            is_external=True,
        ),
        forms.checkbox(
            rx.text(t("youth.parent_accept_terms").replace("{version}", S.terms_version)),
            "accept_terms",
            error=S.field_errors["accept_terms"],
        ),
        forms.shown_versions(S.privacy_version, S.terms_version),
        forms.submit(t("youth.parent_submit")),
        no_validate=True,
        on_submit=S.agree,
        width="100%",
    )


def _withdraw(text_key: str, button_key: str) -> rx.Component:
    return rx.vstack(
        rx.text(t(text_key).replace("{child}", S.child_name)),
        rx.button(t(button_key), on_click=S.withdraw, color_scheme="red", size="3"),
        spacing="3",
        width="100%",
    )


def _body() -> rx.Component:
    return rx.vstack(
        rx.text(
            t("youth.parent_intro")
            .replace("{child}", S.child_name)
            .replace("{kommune}", S.kommune_name)
        ),
        rx.cond(
            S.account_consent,
            rx.text(t("youth.parent_account_text").replace("{child}", S.child_name)),
        ),
        rx.text(t("youth.parent_jobs_text").replace("{child}", S.child_name)),
        rx.link(
            t("youth.info_link"),
            href=routes.youth_info_href(S.kommune_slug),
            is_external=True,
        ),
        forms.success_line(S.success),
        rx.cond(S.confirmed | S.withdrawn, forms.error_line(S.error)),
        rx.cond(
            S.withdrawn,
            rx.fragment(),
            rx.cond(
                S.confirmed,
                _withdraw("youth.parent_withdraw_text", "youth.parent_withdraw"),
                rx.vstack(
                    _agree_form(),
                    _withdraw("youth.parent_withdraw_unknown", "youth.parent_decline"),
                    spacing="5",
                    width="100%",
                ),
            ),
        ),
        spacing="4",
        width="100%",
    )


def parent_consent_page() -> rx.Component:
    return public_page(
        rx.vstack(
            rx.heading(t("youth.parent_title"), size="7", as_="h1"),
            rx.cond(
                S.loaded,
                rx.cond(S.valid, _body(), forms.error_line(S.error)),
                rx.text(t("common.loading")),
            ),
            spacing="4",
            width="100%",
            max_width="560px",
        )
    )
