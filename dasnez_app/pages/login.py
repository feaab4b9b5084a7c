"""Login to the public app (/anmelden)."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.services import auth
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import LOGIN_LINES
from dasnez_ui.session import navigate, password_login
from dasnez_ui.session_http import open_url


class LoginState(PublicSession):
    error: str = ""
    field_errors: dict[str, str] = {}

    @rx.event
    def load(self) -> None:
        self._refresh_session()
        self.error, self.field_errors = "", {}

    @rx.event
    async def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        call = password_login(form, auth.PUBLIC_APP, self._client())
        result = (await self._run_off_loop(call, lines=LOGIN_LINES)).value
        if result is None:
            return self._focus_first_error()
        # The cookie endpoint sets the session cookie and reloads the page; this state
        # (the anonymous one) learns nothing of the person. Whose consent is outdated
        # reads and accepts the new texts first.
        target = (
            routes.CONSENT if result.actor.consent_due else routes.kommune_href(result.kommune_slug)
        )
        return navigate(open_url(result.ticket, target))


def login_page() -> rx.Component:
    return public_page(
        rx.vstack(
            rx.heading(t("login.title"), size="7", as_="h1"),
            forms.login_form(LoginState.error, LoginState.field_errors, LoginState.submit),
            rx.link(t("login.forgot_password"), href=routes.FORGOT_PASSWORD),
            rx.text(t("login.no_account")),
            rx.link(t("nav.home"), href=routes.HOME),
            width="100%",
            max_width="480px",
        )
    )
