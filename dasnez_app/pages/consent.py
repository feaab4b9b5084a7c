"""Renewed consent (/zustimmung): after the Kommune publishes a new privacy notice or new
terms, a person reads and accepts them here before they can act again (the service layer
refuses everything else meanwhile, see permissions.can)."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.models import ConsentDocument
from dasnez_core.services import consent
from dasnez_core.services.kommunen import get_kommune
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.page_load import PageLoad


class ConsentState(PageLoad, PublicSession):
    loaded: bool = False
    slug: str = ""
    # The versions this page shows; accepting records exactly these.
    privacy_version: str = ""
    terms_version: str = ""
    error: str = ""
    success: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.error = self.success = self.slug = ""
        self.privacy_version = self.terms_version = ""
        self.loaded = False
        actor = self._refresh_session()
        if actor.is_anonymous or actor.kommune_id is None:
            return rx.redirect(routes.LOGIN)
        with session_scope() as db:
            kommune = get_kommune(db, actor.kommune_id)
            self.slug = kommune.slug
            self.privacy_version = consent.current_version(kommune, ConsentDocument.PRIVACY)
            self.terms_version = consent.current_version(kommune, ConsentDocument.TERMS)
        self.error = self.success = ""
        self.loaded = True
        return None

    @rx.event
    def accept(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        self._ensure_built()
        actor = self._actor()
        if actor.is_anonymous:
            return rx.redirect(routes.LOGIN)
        # The versions the page showed, sent with the form: the consent records what was read.
        privacy, terms = forms.read_shown_versions(form)
        outcome = self._run(
            lambda db: consent.accept_current(
                db,
                actor,
                privacy_version=privacy,
                terms_version=terms,
                accept_privacy=bool(form.get("accept_privacy")),
                accept_terms=bool(form.get("accept_terms")),
            ),
            "consent.saved",
        )
        if not outcome.ok:
            return None
        self.consent_due = False
        return rx.redirect(routes.kommune_href(self.slug))


def _form() -> rx.Component:
    slug = ConsentState.slug
    return rx.form(
        rx.text(t("register.read_versions"), size="2", margin_bottom="0.5rem"),
        forms.checkbox(
            rx.text(
                t("register.accept_privacy").replace("{version}", ConsentState.privacy_version)
            ),
            "accept_privacy",
        ),
        rx.link(
            t("consent.read_privacy").replace("{version}", ConsentState.privacy_version),
            href=routes.legal_href(slug, "privacy", ConsentState.privacy_version),
            is_external=True,
        ),
        forms.checkbox(
            rx.text(t("register.accept_terms").replace("{version}", ConsentState.terms_version)),
            "accept_terms",
        ),
        rx.link(
            t("consent.read_terms").replace("{version}", ConsentState.terms_version),
            href=routes.legal_href(slug, "terms", ConsentState.terms_version),
            is_external=True,
        ),
        forms.shown_versions(ConsentState.privacy_version, ConsentState.terms_version),
        rx.vstack(
            forms.submit(t("consent.submit")),
            rx.button(
                t("consent.refuse"),
                type="button",
                on_click=PublicSession.logout,
                variant="outline",
                size="3",
            ),
            spacing="3",
            margin_top="1rem",
            width="100%",
        ),
        rx.text(t("consent.refuse_hint"), size="2", color_scheme="gray"),
        on_submit=ConsentState.accept,
        reset_on_submit=False,
        width="100%",
    )


def consent_page() -> rx.Component:
    return public_page(
        rx.cond(
            ConsentState.loaded,
            rx.vstack(
                rx.heading(t("consent.title"), size="7", as_="h1"),
                forms.error_line(ConsentState.error),
                forms.success_line(ConsentState.success),
                rx.cond(
                    PublicSession.consent_due,
                    rx.vstack(rx.text(t("consent.text")), _form(), spacing="3", width="100%"),
                    rx.vstack(
                        rx.text(t("consent.nothing_due")),
                        link_button(t("nav.home"), routes.kommune_href(ConsentState.slug)),
                    ),
                ),
                width="100%",
                max_width="640px",
                spacing="4",
            ),
            rx.text(t("common.loading")),
        )
    )
