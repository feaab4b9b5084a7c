"""Confirming a registration from the link in the mail (/registrierung-bestaetigen).

Only the button press confirms, so a mail program that opens links by itself to check them
creates no account.
"""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.services import registration
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import Lines
from dasnez_ui.page_load import PageLoad


class RegistrationConfirmState(PageLoad, PublicSession):
    """The link's token is read from the route of each event, never kept (see
    EmailConfirmState)."""

    loaded: bool = False
    kommune_name: str = ""
    email: str = ""
    error: str = ""
    success: str = ""

    def _token(self) -> str:
        return str(self.router.url.query_parameters.get("token", ""))[:300]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> None:
        self.kommune_name = self.email = self.error = self.success = ""
        self.loaded = False
        self._refresh_session()
        token = self._token()
        waiting = self._run(
            lambda db: registration.registration_to_confirm(db, token),
            lines=Lines("error"),
        )
        if waiting.ok and waiting.value is not None:
            self.kommune_name, self.email = waiting.value.kommune_name, waiting.value.email
        self.loaded = True

    @rx.event
    def confirm(self) -> None:
        self._ensure_built()
        token = self._token()
        confirmed = self._run(
            lambda db: registration.confirm_registration(db, token=token),
            lines=Lines("error"),
        )
        if confirmed.ok and confirmed.value is not None:
            self.success = self._t(
                "youth.confirmed_awaiting_parent"
                if confirmed.value.awaiting_parent
                else "confirm_registration.done",
                kommune=confirmed.value.kommune_name,
            )


def _waiting() -> rx.Component:
    return rx.vstack(
        rx.text(
            t("confirm_registration.text").replace(
                "{kommune}", RegistrationConfirmState.kommune_name
            )
        ),
        rx.text(RegistrationConfirmState.email, weight="bold", size="5"),
        rx.button(
            t("confirm_registration.submit"),
            on_click=RegistrationConfirmState.confirm,
            size="4",
            style={"width": "100%"},
        ),
        rx.text(t("confirm_registration.not_you"), size="2"),
        spacing="3",
        width="100%",
    )


def registration_confirm_page() -> rx.Component:
    return public_page(
        rx.vstack(
            rx.heading(t("confirm_registration.title"), size="7", as_="h1"),
            rx.cond(
                RegistrationConfirmState.loaded,
                rx.cond(
                    RegistrationConfirmState.success != "",
                    rx.vstack(
                        forms.success_line(RegistrationConfirmState.success),
                        link_button(t("nav.login"), routes.LOGIN, size="4"),
                    ),
                    rx.cond(
                        RegistrationConfirmState.error != "",
                        rx.vstack(
                            forms.error_line(RegistrationConfirmState.error),
                            link_button(t("nav.login"), routes.LOGIN, size="4"),
                        ),
                        _waiting(),
                    ),
                ),
                rx.text(t("common.loading")),
            ),
            spacing="4",
            width="100%",
            max_width="480px",
        )
    )
