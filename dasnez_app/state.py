"""The public app's session state: the token cookie and what the header shows of the person."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_core.actor import Actor
from dasnez_core.config import load_settings
from dasnez_core.db import session_scope
from dasnez_core.services import auth, contact
from dasnez_ui.lang import LangState
from dasnez_ui.outcome import Outcome
from dasnez_ui.session import resolve_actor

SESSION_COOKIE_SECONDS = 30 * 24 * 3600


class PublicSession(LangState, Outcome):
    """Who is logged in to the public app. Identity is resolved from the token on the
    server for every handler (`_actor`); the public vars only feed the header."""

    token: str = rx.Cookie(
        "",
        name="dasnez_session",
        same_site="strict",
        max_age=SESSION_COOKIE_SECONDS,
        secure=load_settings().secure_cookies,
    )
    user_name: str = ""
    user_status: str = ""
    user_kommune_slug: str = ""
    unread: int = 0

    def _actor(self) -> Actor:
        actor = resolve_actor(self.token, auth.PUBLIC_APP)
        if actor.is_anonymous and self.token:
            self.token = ""
        self.user_name = actor.display_name
        self.user_status = actor.status
        return actor

    @rx.var
    def logged_in(self) -> bool:
        return self.user_name != ""

    @rx.event
    def refresh_session(self) -> None:
        self._refresh_session()

    def _refresh_session(self) -> Actor:
        """Update the header from the server-side session (and learn the home Kommune);
        returns the caller, so a page load resolves the session once."""
        actor = self._actor()
        if actor.is_anonymous:
            self.user_kommune_slug = ""
        elif not self.user_kommune_slug:
            from dasnez_core.services.kommunen import get_kommune

            with session_scope() as db:
                self.user_kommune_slug = get_kommune(db, actor.kommune_id or 0).slug
        self._refresh_unread(actor)
        return actor

    def _refresh_unread(self, actor: Actor) -> None:
        """The header's count of conversations with unread messages."""
        if actor.is_anonymous or actor.kommune_id is None:
            self.unread = 0
            return
        with session_scope() as db:
            self.unread = contact.unread_count(db, actor, actor.kommune_id)

    @rx.event
    def logout(self) -> rx.event.EventSpec:
        with session_scope() as db:
            auth.logout(db, self.token)
        slug = self.user_kommune_slug
        self.token = ""
        self.user_name = self.user_status = self.user_kommune_slug = ""
        self.unread = 0
        return rx.redirect(routes.kommune_href(slug) if slug else routes.HOME)
