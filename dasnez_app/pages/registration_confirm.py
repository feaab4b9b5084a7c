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


class RegistrationConfirmState(PublicSession):
    loaded: bool = False
    kommune_name: str = ""
    email: str = ""
    error: str = ""
    success: str = ""
    _confirm_token: str = ""

    @rx.event
    def load(self) -> None:
        self._refresh_session()
        self._confirm_token = str(self.router.url.query_parameters.get("token", ""))[:300]
        self.kommune_name = self.email = self.error = self.success = ""
        waiting = self._run(
            lambda db: registration.registration_to_confirm(db, self._confirm_token),
            lines=Lines("error"),
        )
        if waiting.ok and waiting.value is not None:
            self.kommune_name, self.email = waiting.value.kommune_name, waiting.value.email
        self.loaded = True

    @rx.event
    def confirm(self) -> None:
        confirmed = self._run(
            lambda db: registration.confirm_registration(db, token=self._confirm_token),
            lines=Lines("error"),
        )
        if confirmed.ok and confirmed.value is not None:
            self.success = self._t(
                "confirm_registration.done", kommune=confirmed.value.kommune_name
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
