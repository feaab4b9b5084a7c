"""Admin login (/): only Kommune admins, coordinators and platform staff get in."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.state import AdminSession
from dasnez_core.services import auth
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import LOGIN_LINES
from dasnez_ui.session import navigate, password_login
from dasnez_ui.session_http import open_url


def _home_of(works_in_a_kommune: bool) -> str:
    return routes.DASHBOARD if works_in_a_kommune else routes.KOMMUNEN


class AdminLoginState(AdminSession):
    error: str = ""
    field_errors: dict[str, str] = {}

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        self._actor()
        self.error, self.field_errors = "", {}
        if self.logged_in:
            return rx.redirect(_home_of(self.is_kommune_admin or self.is_coordinator))
        return None

    @rx.event
    async def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        call = password_login(form, auth.ADMIN_APP, self._client())
        result = (await self._run_off_loop(call, lines=LOGIN_LINES)).value
        if result is None:
            return self._focus_first_error()
        # The cookie endpoint sets the session cookie and reloads the page.
        staff = bool(result.actor.admin_of) or self._staff_kommune(result.actor) is not None
        return navigate(open_url(result.ticket, _home_of(staff)))


def admin_login_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("admin.login_title"), size="7", as_="h1"),
            forms.login_form(
                AdminLoginState.error, AdminLoginState.field_errors, AdminLoginState.submit
            ),
            width="100%",
            max_width="480px",
        )
    )
