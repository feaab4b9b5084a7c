"""The admin portal's session state. Its cookie and sessions are separate from the
public app's: a public login never opens the portal."""

from __future__ import annotations

import reflex as rx

from dasnez_app.ui.lang import LangState
from dasnez_app.ui.session import resolve_actor
from dasnez_core.actor import Actor
from dasnez_core.config import load_settings
from dasnez_core.db import session_scope
from dasnez_core.permissions import Action, can
from dasnez_core.services import auth
from dasnez_core.services.kommunen import get_kommune


class AdminSession(LangState):
    token: str = rx.Cookie(
        "",
        name="dasnez_admin_session",
        same_site="strict",
        max_age=12 * 3600,
        secure=load_settings().secure_cookies,
    )
    user_name: str = ""
    kommune_name: str = ""
    is_kommune_admin: bool = False
    is_platform_admin: bool = False

    def _actor(self) -> Actor:
        """The caller, re-resolved from the server-side session on every handler."""
        actor = resolve_actor(self.token, auth.ADMIN_APP)
        if not can(actor, Action.ENTER_ADMIN_PORTAL):
            if self.token:
                self.token = ""
            self.user_name = self.kommune_name = ""
            self.is_kommune_admin = self.is_platform_admin = False
            return actor
        self.user_name = actor.display_name
        self.is_kommune_admin = bool(actor.admin_of)
        self.is_platform_admin = actor.is_platform_admin
        return actor

    @staticmethod
    def _admin_kommune(actor: Actor) -> int | None:
        """The Kommune this admin administers (the portal works on one at a time)."""
        return min(actor.admin_of) if actor.admin_of else None

    @rx.var
    def logged_in(self) -> bool:
        return self.user_name != ""

    def _load_kommune_name(self, actor: Actor) -> None:
        kommune_id = self._admin_kommune(actor)
        if kommune_id is not None:
            with session_scope() as db:
                self.kommune_name = get_kommune(db, kommune_id).name

    @rx.event
    def refresh(self) -> None:
        self._load_kommune_name(self._actor())

    @rx.event
    def logout(self) -> rx.event.EventSpec:
        with session_scope() as db:
            auth.logout(db, self.token)
        self.token = ""
        self.user_name = self.kommune_name = ""
        self.is_kommune_admin = self.is_platform_admin = False
        return rx.redirect("/")
