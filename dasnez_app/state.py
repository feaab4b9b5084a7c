"""The public app's session state: who is calling (from the connection's session cookie) and
what the header shows of the person."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from dasnez_app import routes
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.models import Role
from dasnez_core.services import auth, contact, kommunen
from dasnez_core.services.sessions import resolve_session_hash
from dasnez_ui.db_thread import in_db_thread, on_pool
from dasnez_ui.lang import LangState
from dasnez_ui.outcome import Outcome
from dasnez_ui.page_load import ensure_built
from dasnez_ui.session import (
    end_session,
    forget_client,
    forget_loaded,
    navigate,
    resolve_actor,
    session_ref,
)
from dasnez_ui.session_http import close_url


class PublicSession(LangState, Outcome):
    """Who is logged in to the public app. Identity is resolved from the connection's
    session cookie on the server for every handler (`_actor`); no state var holds a
    secret, and the public vars only feed the header."""

    user_name: str = ""
    user_status: str = ""
    user_kommune_slug: str = ""
    unread: int = 0
    # The person is an appointed proxy: the menu links their represented persons.
    user_is_proxy: bool = False
    # The person must accept their Kommune's new privacy notice or terms before acting.
    consent_due: bool = False
    # The person is an approved proxy (Stellvertretung): the menu offers the weekly sheet.
    is_proxy: bool = False
    # The Kommune of the page's path ("" outside a Kommune): whose legal texts the footer links.
    here_slug: str = ""
    # The header's login link, which brings the person back to this page afterwards.
    login_link: str = routes.LOGIN
    # This client state was filled under a live session (its token's hash, no secret).
    _session_seen: str = ""

    def _actor(self) -> Actor:
        # A page state the state store lost is rebuilt from the route and the cookie first.
        ensure_built(self)
        ref = session_ref(self, auth.PUBLIC_APP)
        return self._seen(ref, resolve_actor(ref, auth.PUBLIC_APP))

    def _seen(self, ref: str, actor: Actor) -> Actor:
        """Show the caller `actor` (resolved from the session hash `ref`) in the header."""
        if actor.is_anonymous and self._session_seen:
            # The session ended while this tab was open (logout elsewhere, blocking,
            # password change, expiry): forget everything the state holds of the person.
            forget_loaded(self)
        elif not actor.is_anonymous:
            self._session_seen = ref
        self.user_name = actor.display_name
        self.user_status = actor.status
        self.user_is_proxy = Role.PROXY.value in actor.roles and actor.is_approved
        self.consent_due = actor.consent_due
        self.is_proxy = actor.is_approved and Role.PROXY in actor.roles
        self.here_slug = routes.slug_from_path(self.router.url.path)
        return actor

    def _assign(self, **values: Any) -> None:
        """Set the vars whose value changed: Reflex sends every var that was set, equal or
        not, so a page load that finds what the tab already shows sends nothing of it."""
        for name, value in values.items():
            if getattr(self, name) != value:
                setattr(self, name, value)

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
        self.login_link = routes.login_href(self.router.url.path, self.router.url.query)
        if actor.is_anonymous:
            self.user_kommune_slug = ""
        elif not self.user_kommune_slug:
            from dasnez_core.services.kommunen import get_kommune

            with session_scope() as db:
                self.user_kommune_slug = get_kommune(db, actor.kommune_id or 0).slug
        self._refresh_unread(actor)
        return actor

    async def _refresh_session_off_loop(self) -> Actor:
        """`_refresh_session` with its database work in one transaction off the event loop
        (for `async` page loads)."""
        ref = session_ref(self, auth.PUBLIC_APP)
        known_slug = self.user_kommune_slug

        def work(db: Session) -> tuple[Actor, str, int]:
            actor = resolve_session_hash(db, ref, auth.PUBLIC_APP)
            if actor.is_anonymous or actor.kommune_id is None:
                return actor, "", 0
            slug = known_slug or kommunen.get_kommune(db, actor.kommune_id).slug
            return actor, slug, contact.unread_count(db, actor, actor.kommune_id)

        actor, slug, unread = await in_db_thread(work)
        actor = self._seen(ref, actor)
        self.login_link = routes.login_href(self.router.url.path, self.router.url.query)
        self.user_kommune_slug, self.unread = slug, unread
        return actor

    def _refresh_unread(self, actor: Actor) -> None:
        """The header's count of conversations with unread messages."""
        if actor.is_anonymous or actor.kommune_id is None:
            self.unread = 0
            return
        with session_scope() as db:
            self.unread = contact.unread_count(db, actor, actor.kommune_id)

    @rx.event
    async def logout(self) -> rx.event.EventSpec:
        """End the session and forget every page's data of this tab; the cookie endpoint
        then clears the cookie, and the page reloads without it."""
        slug = self.user_kommune_slug
        await on_pool(end_session, session_ref(self, auth.PUBLIC_APP))
        await forget_client(self)
        return navigate(close_url(routes.kommune_href(slug) if slug else routes.HOME))
