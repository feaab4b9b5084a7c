"""Admin accounts of the Kommune (/verwaltung): who administers it, inviting a further
admin of the same Kommune, and taking the rights back (with a reason)."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page, table_scroll_region
from admin_portal.state import AdminSession
from dasnez_core.db import session_scope
from dasnez_core.errors import NotAllowed
from dasnez_core.services.admin_invites import (
    INVITATION_VALID,
    AdminEntry,
    InviteResult,
    invite_admin,
    list_admins,
    revoke_admin,
)
from dasnez_core.services.filters import positive_int
from dasnez_core.services.kommunen import Option
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.page_load import PageLoad

# Both forms' fields have their own ids: one set of field errors serves the page.
_INVITE = Lines("error", "success", form_fields("email", "display_name"))
_REVOKE = Lines("error", "success", form_fields("user_id", "reason"))


class AdminsState(PageLoad, AdminSession):
    loaded: bool = False
    admins: list[AdminEntry] = []
    others: list[Option] = []
    error: str = ""
    success: str = ""
    field_errors: dict[str, str] = {}
    invite_key: int = 0

    def _reload(self, kommune_id: int) -> None:
        actor = self._actor()
        with session_scope() as db:
            self.admins = list_admins(db, actor, kommune_id, self.lang)
        self.others = [Option(str(a.user_id), a.display_name) for a in self.admins if not a.is_you]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.error, self.success, self.loaded, self.field_errors = "", "", False, {}
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        kommune_id = self._admin_kommune(actor)
        if kommune_id is None:
            self.error = self._t("error.not_allowed")
            return None
        self._load_kommune_name(actor)
        self._reload(kommune_id)
        self.loaded = True
        return None

    @rx.event
    def invite(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        email = str(form.get("email", ""))[:300]
        display_name = str(form.get("display_name", ""))[:200]

        def call(db: Session) -> InviteResult:
            if kommune_id is None:
                raise NotAllowed()
            return invite_admin(db, actor, kommune_id, email=email, display_name=display_name)

        result = self._run(call, lines=_INVITE).value
        if result is None or kommune_id is None:
            return self._focus_first_error()
        if result.created:
            self.success = self._t("admins.invited", email=result.email, days=INVITATION_VALID.days)
        else:
            self.success = self._t(
                "admins.granted", name=result.display_name, kommune=self.kommune_name
            )
        self.invite_key += 1  # empties the form
        self._reload(kommune_id)
        return None

    @rx.event
    def revoke(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        user_id = positive_int(str(form.get("user_id", "")))
        reason = str(form.get("reason", ""))[:2000]

        def call(db: Session) -> str:
            if kommune_id is None:
                raise NotAllowed()
            return revoke_admin(db, actor, kommune_id, user_id, reason)

        name = self._run(call, lines=_REVOKE).value
        if name is None or kommune_id is None:
            return self._focus_first_error()
        self.success = self._t("admins.revoked", name=name)
        self.invite_key += 1
        self._reload(kommune_id)
        return None


def _admin_row(a: rx.Var[AdminEntry]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            a.display_name, rx.cond(a.is_you, rx.text.span(" ", t("admins.you")))
        ),
        rx.table.cell(a.email),
        rx.table.cell(a.since),
    )


def _invite_form() -> rx.Component:
    return rx.form(
        rx.heading(t("admins.invite_title"), size="5", as_="h2"),
        rx.text(
            t("admins.invite_hint").replace("{kommune}", AdminSession.kommune_name),
            size="2",
            color_scheme="gray",
            margin_bottom="0.75rem",
        ),
        forms.field(
            t("admins.email"),
            "email",
            type_="email",
            autocomplete="off",
            error=AdminsState.field_errors["email"],
        ),
        forms.field(
            t("admins.name"),
            "display_name",
            required=False,
            max_length=80,
            error=AdminsState.field_errors["display_name"],
        ),
        rx.button(t("admins.invite"), type="submit", size="3"),
        no_validate=True,
        on_submit=AdminsState.invite,
        key="invite-" + AdminsState.invite_key.to_string(),
        width="100%",
        max_width="560px",
    )


def _revoke_form() -> rx.Component:
    return rx.form(
        rx.heading(t("admins.revoke_title"), size="5", as_="h2"),
        forms.select(
            t("admins.revoke_who"),
            "user_id",
            AdminsState.others,
            t("admins.revoke_choose"),
            error=AdminsState.field_errors["user_id"],
        ),
        forms.field(
            t("admins.revoke_reason"),
            "reason",
            max_length=1000,
            error=AdminsState.field_errors["reason"],
        ),
        rx.button(t("admins.revoke"), type="submit", size="3", color_scheme="red"),
        no_validate=True,
        on_submit=AdminsState.revoke,
        key="revoke-" + AdminsState.invite_key.to_string(),
        width="100%",
        max_width="560px",
    )


def _body() -> rx.Component:
    return rx.vstack(
        rx.text(t("admins.intro").replace("{kommune}", AdminSession.kommune_name)),
        rx.box(
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell(t("adminlist.col.name")),
                        rx.table.column_header_cell(t("adminlist.col.email")),
                        rx.table.column_header_cell(t("admins.since")),
                    )
                ),
                rx.table.body(rx.foreach(AdminsState.admins, _admin_row)),
                size="2",
                width="100%",
            ),
            **table_scroll_region(),
        ),
        rx.divider(),
        _invite_form(),
        rx.cond(AdminsState.others.length() > 0, rx.fragment(rx.divider(), _revoke_form())),
        spacing="4",
        width="100%",
    )


def admins_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("admins.title"), " – ", AdminSession.kommune_name, size="7", as_="h1"),
            forms.error_summary(AdminsState.error, AdminsState.field_errors),
            forms.success_line(AdminsState.success),
            rx.cond(AdminsState.loaded, _body()),
            width="100%",
            spacing="4",
        )
    )
