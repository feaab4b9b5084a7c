"""Confirming a new email address from the link in the mail (/email-bestaetigen).

The change waits for a button press, so a mail program that opens links by itself to check
them does not confirm anything.
"""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.services import account
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import Lines
from dasnez_ui.page_load import PageLoad


class EmailConfirmState(PageLoad, PublicSession):
    """The link's token is read from the route of each event, never kept: a load that
    failed cannot leave an earlier link's token for the confirm button."""

    loaded: bool = False
    new_email: str = ""
    error: str = ""
    success: str = ""

    def _token(self) -> str:
        return str(self.router.url.query_parameters.get("token", ""))[:300]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> None:
        self.new_email = self.error = self.success = ""
        self.loaded = False
        self._refresh_session()
        token = self._token()
        pending = self._run(lambda db: account.pending_email(db, token), lines=Lines("error"))
        if pending.ok:
            self.new_email = pending.value
        self.loaded = True

    @rx.event
    def confirm(self) -> None:
        self._ensure_built()
        self._actor()
        token = self._token()
        confirmed = self._run(
            lambda db: account.confirm_email_change(db, token=token),
            lines=Lines("error"),
        )
        if confirmed.ok:
            self.success = self._t("confirm_email.done", email=confirmed.value)


def _pending() -> rx.Component:
    return rx.vstack(
        rx.text(t("confirm_email.text")),
        rx.text(EmailConfirmState.new_email, weight="bold", size="5"),
        rx.button(
            t("confirm_email.submit"),
            on_click=EmailConfirmState.confirm,
            size="4",
            style={"width": "100%"},
        ),
        spacing="3",
        width="100%",
    )


def email_confirm_page() -> rx.Component:
    return public_page(
        rx.vstack(
            rx.heading(t("confirm_email.title"), size="7", as_="h1"),
            rx.cond(
                EmailConfirmState.loaded,
                rx.cond(
                    EmailConfirmState.success != "",
                    rx.vstack(
                        forms.success_line(EmailConfirmState.success),
                        rx.cond(
                            PublicSession.logged_in,
                            link_button(t("nav.account"), routes.ACCOUNT, size="4"),
                            link_button(t("nav.login"), routes.LOGIN, size="4"),
                        ),
                    ),
                    rx.cond(
                        EmailConfirmState.error != "",
                        rx.vstack(
                            forms.error_line(EmailConfirmState.error),
                            link_button(t("nav.account"), routes.ACCOUNT, size="4"),
                        ),
                        _pending(),
                    ),
                ),
                rx.text(t("common.loading")),
            ),
            spacing="4",
            width="100%",
            max_width="480px",
        )
    )
