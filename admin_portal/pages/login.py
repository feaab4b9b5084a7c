"""Admin login (/): only Kommune admins and platform staff get in."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.state import AdminSession
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError
from dasnez_core.services import auth
from dasnez_ui import forms
from dasnez_ui.lang import t


def _home_of(is_kommune_admin: bool) -> str:
    return routes.DASHBOARD if is_kommune_admin else routes.KOMMUNEN


class AdminLoginState(AdminSession):
    error: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        self._actor()
        if self.logged_in:
            return rx.redirect(_home_of(self.is_kommune_admin))
        return None

    @rx.event
    def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        try:
            with session_scope() as db:
                result = auth.login(
                    db,
                    email=str(form.get("email", ""))[:300],
                    password=str(form.get("password", ""))[:300],
                    app=auth.ADMIN_APP,
                )
        except DomainError as exc:
            self.error = self._t(exc.key, **exc.params)
            return None
        self.token = result.token
        self.error = ""
        self._actor()
        return rx.redirect(_home_of(bool(result.actor.admin_of)))


def admin_login_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("admin.login_title"), size="7", as_="h1"),
            forms.login_form(AdminLoginState.error, AdminLoginState.submit),
            width="100%",
            max_width="480px",
        )
    )
