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

    def _return_to(self) -> str:
        """Where the person came from (`?weiter=` of this event's route, checked by
        routes.return_path); "" for none."""
        params = self.router.url.query_parameters
        return routes.return_path(str(params.get(routes.RETURN_PARAM, "")))

    @rx.event
    def load(self) -> None:
        self.error, self.field_errors = "", {}
        self._refresh_session()

    @rx.event
    async def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        call = password_login(form, auth.PUBLIC_APP, self._client())
        result = (await self._run_off_loop(call, lines=LOGIN_LINES)).value
        if result is None:
            return self._focus_first_error()
        # The cookie endpoint sets the session cookie and loads the page the person came
        # from (else their Kommune's); this state (the anonymous one) learns nothing of them.
        # Whose consent is outdated reads and accepts the new texts first.
        back = self._return_to() or routes.kommune_href(result.kommune_slug)
        return navigate(
            open_url(result.ticket, routes.CONSENT if result.actor.consent_due else back)
        )


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
