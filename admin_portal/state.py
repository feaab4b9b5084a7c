"""The admin portal's session state. Its cookie and sessions are separate from the
public app's: a public login never opens the portal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import NotAllowed, NotFound
from dasnez_core.permissions import Action, can
from dasnez_core.services import auth, coordinators, moderation
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.sessions import choose_context
from dasnez_ui.db_thread import on_pool
from dasnez_ui.lang import LangState
from dasnez_ui.outcome import NO_FORM, Form, Lines, Outcome
from dasnez_ui.page_load import PageLoad, ensure_built
from dasnez_ui.params import parse_id
from dasnez_ui.session import (
    end_session,
    forget_client,
    forget_loaded,
    navigate,
    resolve_actor,
    session_ref,
)
from dasnez_ui.session_http import close_url


class AdminSession(LangState, Outcome):
    """Who is logged in to the portal, resolved from the connection's session cookie on
    every handler (`_actor`); no state var holds a secret."""

    user_name: str = ""
    kommune_name: str = ""
    is_kommune_admin: bool = False
    is_platform_admin: bool = False
    # A coordinator working in one area subtree or social space (the menu shows only the
    # pages open to them); `scope_label` says which, `contexts` feed the switcher.
    is_coordinator: bool = False
    scope_label: str = ""
    contexts: list[dict[str, str]] = []
    context_id: str = ""
    context_error: str = ""
    # The menu entry of the page shown (marked in the menu).
    nav_current: str = ""
    # This client state was filled under a live admin session (its token's hash).
    _session_seen: str = ""

    def _actor(self) -> Actor:
        """The caller, re-resolved from the server-side session on every handler."""
        # A page state the state store lost is rebuilt from the route and the cookie first.
        ensure_built(self)
        ref = session_ref(self, auth.ADMIN_APP)
        actor = resolve_actor(ref, auth.ADMIN_APP)
        self.nav_current = routes.menu_route(self.router.url.path)
        if not can(actor, Action.ENTER_ADMIN_PORTAL):
            if self._session_seen:
                # The session ended or the admin rights were revoked while the tab was
                # open: forget every list and form this state holds.
                forget_loaded(self)
            self.user_name = self.kommune_name = ""
            self.is_kommune_admin = self.is_platform_admin = self.is_coordinator = False
            return actor
        self._session_seen = ref
        self.user_name = actor.display_name
        self.is_kommune_admin = bool(actor.admin_of)
        self.is_platform_admin = actor.is_platform_admin
        self.is_coordinator = not actor.admin_of and self._staff_kommune(actor) is not None
        return actor

    @staticmethod
    def _admin_kommune(actor: Actor) -> int | None:
        """The Kommune this admin administers: the one of the working context chosen in the
        switcher (services.sessions narrows `admin_of` to it in the portal)."""
        return min(actor.admin_of) if actor.admin_of else None

    @staticmethod
    def _staff_kommune(actor: Actor) -> int | None:
        """The Kommune of the working context of an admin or a coordinator: the pages open
        to coordinators (approval, reports, lists, details, overview) work on it, and the
        services restrict a coordinator to their scope of it (permissions.scope_of)."""
        if actor.scope is None or not can(
            actor, Action.LIST_KOMMUNE_RECORDS, actor.scope.kommune_id
        ):
            return None
        return actor.scope.kommune_id

    @rx.var
    def logged_in(self) -> bool:
        return self.user_name != ""

    def _load_kommune_name(self, actor: Actor) -> None:
        kommune_id = self._staff_kommune(actor)
        if kommune_id is not None:
            with session_scope() as db:
                self.kommune_name = get_kommune(db, kommune_id).name
                self._load_contexts(db, actor)

    def _load_contexts(self, db: Session, actor: Actor) -> None:
        """The switcher's entries (only for a person with more than one context) and the
        words for a coordinator's scope."""
        options = coordinators.context_options(db, actor, self.lang)
        current = next((o for o in options if o.grant_id == actor.context_id), None)
        self.context_id = str(actor.context_id or "")
        self.contexts = (
            [{"value": str(o.grant_id), "label": o.label} for o in options]
            if len(options) > 1
            else []
        )
        self.scope_label = current.label if current is not None and self.is_coordinator else ""

    @rx.event
    async def switch_context(self, form: dict[str, Any]) -> rx.event.EventSpec | None:
        """Work in another of the caller's contexts (a Kommune, or a coordinator scope):
        kept on the server-side session row, re-checked with every later handler. Every
        page's data of this tab is forgotten and the overview loads anew."""
        actor = await on_pool(self._actor)
        ref = session_ref(self, auth.ADMIN_APP)
        grant_id = parse_id(form.get("context", "")) if isinstance(form, dict) else None
        outcome = await on_pool(
            self._run,
            lambda db: choose_context(db, actor, ref, grant_id or 0),
            lines=Lines("context_error"),
        )
        if not outcome.ok:
            return None
        await forget_client(self)
        return navigate(routes.DASHBOARD)

    @rx.event
    def refresh(self) -> None:
        self._load_kommune_name(self._actor())

    @rx.event
    async def logout(self) -> rx.event.EventSpec:
        """End the session and forget every page's data of this tab; the cookie endpoint
        then clears the cookie, and the page reloads without it."""
        await on_pool(end_session, session_ref(self, auth.ADMIN_APP))
        await forget_client(self)
        return navigate(close_url(routes.HOME))


class KommuneAdminState(AdminSession):
    """Base of the pages on which an admin keeps their own Kommune's data. The Kommune is
    always the admin's own (`_own_kommune`), never one the browser names."""

    error: str = ""
    success: str = ""
    # The errors of the page's form, by the id of their field (see dasnez_ui.outcome.Form).
    field_errors: dict[str, str] = {}

    def _working_kommune(self, actor: Actor) -> int | None:
        """The Kommune this page works on: its admins' (a page open to coordinators too
        returns `_staff_kommune` instead)."""
        return self._admin_kommune(actor)

    def _own_kommune(self, actor: Actor) -> int:
        kommune_id = self._working_kommune(actor)
        if kommune_id is None:
            raise NotAllowed()
        return kommune_id

    def _enter(self, actor: Actor) -> int | None:
        """On load: the admin's Kommune, or None (with the refusal shown) for anyone else."""
        self.error = self.success = ""
        self.field_errors = {}
        kommune_id = self._working_kommune(actor)
        if kommune_id is None:
            self.error = self._t("error.not_allowed")
            return None
        self._load_kommune_name(actor)
        return kommune_id

    def _change(
        self,
        actor: Actor,
        change: Callable[[Session, int], object],
        done: str,
        *,
        form: Form = NO_FORM,
        **params: Any,
    ) -> bool:
        """Run one service change for the admin's own Kommune in one transaction and show
        the outcome: the catalog text `done`, or the service's error (nothing saved), each
        invalid field of `form` under that field (earlier field errors are cleared)."""
        lines = Lines("error", "success", form)
        return self._run(
            lambda db: change(db, self._own_kommune(actor)), done, lines=lines, **params
        ).ok

    def _change_id(
        self,
        actor: Actor,
        done: str,
        not_found: str,
        service: Callable[..., object],
        target: int | None,
        *args: Any,
        **params: Any,
    ) -> bool:
        """`_change` with `service(db, actor, kommune_id, target, *args)` for a record the
        browser named by id; a missing or malformed id (None) is `not_found`."""

        def change(db: Session, kommune_id: int) -> None:
            if target is None:
                raise NotFound(not_found)
            service(db, actor, kommune_id, target, *args)

        return self._change(actor, change, done, **params)

    def _block_person(self, actor: Actor, user_id: int | None, reason: str, name: str) -> bool:
        """Block the person the browser named (looked up in the admin's Kommune); the
        success line also says how many represented persons passed to the office."""
        handed = 0

        def block(db: Session, kommune_id: int) -> None:
            nonlocal handed
            if user_id is None:
                raise NotFound("user.not_found")
            handed = moderation.block_user(db, actor, kommune_id, user_id, reason)

        done = self._change(actor, block, "people.blocked_done", name=name)
        if done and handed:
            self.success = self._t("people.blocked_done_office", name=name, count=handed)
        return done


class PagedMasterData(PageLoad, mixin=True):
    """Load, paging, selecting, changing and closing, the same on every master-data page.

    The page supplies `_reload(actor)` (fill the rows of `self.page`), `_open(id)` (fill
    or, with None, empty the edit panel) and `_enter(actor)` and `_change` (from
    KommuneAdminState). A service the helpers call takes `(db, actor, kommune_id, *args)`;
    the Kommune is always the admin's own.
    """

    ready: bool = False
    page: int = 1
    pages: int = 1
    # A new key empties the add form after an add, and refills the edit form on a select.
    add_key: int = 0
    edit_key: int = 0
    # The row being edited (0: none).
    sel_id: int = 0

    def _select_row(
        self, not_found: str, row_id: object, focus: str = "edit_name"
    ) -> rx.event.EventSpec | None:
        """Open the edit panel of one listed row (only ever the Kommune's own) and focus
        its first field; a row that is not listed gets `not_found`."""
        actor = self._actor()  # type: ignore[attr-defined]
        if self._admin_kommune(actor) is None or not self._open(parse_id(row_id)):  # type: ignore[attr-defined]
            self.error, self.success = self._t(not_found), ""  # type: ignore[attr-defined]
            return None
        self.error = self.success = ""  # type: ignore[attr-defined]
        self.field_errors = {}  # type: ignore[attr-defined]
        return rx.set_focus(focus)

    def _own_change(
        self,
        done: str,
        service: Callable[..., object],
        *args: Any,
        form: Form = NO_FORM,
        **params: Any,
    ) -> bool:
        """Call `service(db, actor, kommune_id, *args)` in one transaction and show the
        outcome (`done` with `params`, or the error, under the fields of `form`); on
        success reload the rows."""
        actor = self._actor()  # type: ignore[attr-defined]
        ok: bool = self._change(  # type: ignore[attr-defined]
            actor,
            lambda db, kommune_id: service(db, actor, kommune_id, *args),
            done,
            form=form,
            **params,
        )
        if ok:
            self._reload(actor)  # type: ignore[attr-defined]
        return ok

    def _add_row(
        self,
        done: str,
        service: Callable[..., object],
        *args: Any,
        form: Form = NO_FORM,
        **params: Any,
    ) -> rx.event.EventSpec | None:
        """Add a row; after a success the add form starts empty again, after a failure
        the first invalid field of `form` has the focus."""
        if self._own_change(done, service, *args, form=form, **params):
            self.add_key += 1
            return None
        return self._focus_first_error()  # type: ignore[attr-defined, no-any-return]

    def _save_row(
        self,
        done: str,
        service: Callable[..., object],
        row_id: object,
        *args: Any,
        form: Form = NO_FORM,
    ) -> rx.event.EventSpec | None:
        """Change the selected row; its edit panel stays open with the saved values (or,
        after a failure, with the focus on the first invalid field of `form`)."""
        target = parse_id(row_id) or 0
        if self._own_change(done, service, target, *args, form=form):
            self._open(target)  # type: ignore[attr-defined]
            return None
        return self._focus_first_error()  # type: ignore[attr-defined, no-any-return]

    def _remove_row(
        self,
        done: str,
        service: Callable[..., object],
        row_id: object,
        *args: Any,
        name: str,
        form: Form = NO_FORM,
    ) -> rx.event.EventSpec | None:
        """Delete (or merge away) the row `name`; its edit panel closes (or, after a
        failure, the first invalid field of `form` has the focus)."""
        if self._own_change(done, service, parse_id(row_id) or 0, *args, name=name, form=form):
            self._open(None)  # type: ignore[attr-defined]
            return None
        return self._focus_first_error()  # type: ignore[attr-defined, no-any-return]

    def _move_row(self, service: Callable[..., object], row_id: object, direction: object) -> None:
        """Move a row one place up or down in the public order."""
        target, way = parse_id(row_id) or 0, str(direction)[:10]
        self._own_change("masterdata.order_saved", service, target, way)

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        # Reset first: no selected row survives a load that fails below.
        self._open(None)  # type: ignore[attr-defined]
        self.page, self.ready = 1, False
        actor = self._actor()  # type: ignore[attr-defined]
        if not self.logged_in:  # type: ignore[attr-defined]
            return rx.redirect(routes.HOME)
        self.ready = self._enter(actor) is not None  # type: ignore[attr-defined]
        if self.ready:
            self._reload(actor)  # type: ignore[attr-defined]
        return None

    @rx.event
    def show_page(self, page: int) -> None:
        actor = self._actor()  # type: ignore[attr-defined]
        self.page = parse_id(page) or 1
        if self.ready:
            self._reload(actor)  # type: ignore[attr-defined]

    @rx.event
    def close(self) -> None:
        self._actor()  # type: ignore[attr-defined]
        self._open(None)  # type: ignore[attr-defined]
