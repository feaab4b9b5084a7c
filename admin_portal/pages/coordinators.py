"""Ortsteil- und Sozialraum-Verwaltung (/koordination): the Kommune's coordinators with
their scopes, appointing an approved member for a district, village or social space, and
revoking a coordination; both with a reason in the audit log. Kommune admins only."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page, table_scroll_region
from admin_portal.state import AdminSession
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import NotAllowed, NotFound
from dasnez_core.services.coordinators import (
    CoordinatorRow,
    grant_coordinator,
    list_coordinators,
    parse_scope,
    revoke_coordinator,
    scope_options,
)
from dasnez_core.services.filters import positive_int
from dasnez_core.services.kommunen import Option
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.page_load import PageLoad

# Both forms' fields have their own ids: one set of field errors serves the page.
_GRANT = Lines("error", "success", form_fields("email", "scope", "reason"))
_REVOKE = Lines("error", "success", form_fields("grant_id", "revoke_reason"))


class CoordinatorsState(PageLoad, AdminSession):
    loaded: bool = False
    rows: list[CoordinatorRow] = []
    scopes: list[Option] = []
    grants: list[Option] = []
    error: str = ""
    success: str = ""
    field_errors: dict[str, str] = {}
    form_key: int = 0

    def _reload(self, actor: Actor, kommune_id: int) -> None:
        with session_scope() as db:
            self.rows = list_coordinators(db, actor, kommune_id, self.lang)
            self.scopes = [
                Option(o.value, o.label) for o in scope_options(db, actor, kommune_id, self.lang)
            ]
        self.grants = [
            Option(str(r.grant_id), f"{r.display_name} – {r.scope_label}") for r in self.rows
        ]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.error, self.success, self.loaded, self.field_errors = "", "", False, {}
        self.rows, self.scopes, self.grants = [], [], []
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        kommune_id = self._admin_kommune(actor)
        if kommune_id is None:
            self.error = self._t("error.not_allowed")
            return None
        self._load_kommune_name(actor)
        if self._run(lambda db: self._reload(actor, kommune_id), lines=Lines("error")).ok:
            self.loaded = True
        return None

    @rx.event
    def grant(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        """Appoint the person named by email for the chosen area or social space."""
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        email = str(form.get("email", ""))[:300]
        area_id, space_id = parse_scope(str(form.get("scope", "")))
        reason = str(form.get("reason", ""))[:2000]

        def call(db: Session) -> str:
            if kommune_id is None:
                raise NotAllowed()
            return grant_coordinator(db, actor, kommune_id, email, area_id, space_id, reason)

        name = self._run(call, lines=_GRANT).value
        if name is None or kommune_id is None:
            return self._focus_first_error()
        self.success = self._t("coordinator.granted", name=name)
        self.form_key += 1  # empties the forms
        self._reload(actor, kommune_id)
        return None

    @rx.event
    def revoke(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        """Take one coordination back (the person's portal login ends)."""
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        grant_id = positive_int(str(form.get("grant_id", "")))
        reason = str(form.get("revoke_reason", ""))[:2000]

        def call(db: Session) -> str:
            if kommune_id is None:
                raise NotAllowed()
            if grant_id is None:
                raise NotFound("coordinator.not_found")
            return revoke_coordinator(db, actor, kommune_id, grant_id, reason)

        name = self._run(call, lines=_REVOKE).value
        if name is None or kommune_id is None:
            return self._focus_first_error()
        self.success = self._t("coordinator.revoked", name=name)
        self.form_key += 1
        self._reload(actor, kommune_id)
        return None


def _row(r: rx.Var[CoordinatorRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(r.display_name),
        rx.table.cell(r.email),
        rx.table.cell(r.scope_label),
        rx.table.cell(r.since),
    )


def _grant_form() -> rx.Component:
    return rx.form(
        rx.heading(t("coordinator.grant_heading"), size="5", as_="h2"),
        forms.field(
            t("coordinator.email_label"),
            "email",
            type_="email",
            autocomplete="off",
            error=CoordinatorsState.field_errors["email"],
        ),
        forms.select(
            t("coordinator.scope_label"),
            "scope",
            CoordinatorsState.scopes,
            t("coordinator.scope_choose"),
            error=CoordinatorsState.field_errors["scope"],
        ),
        forms.field(
            t("coordinator.reason_label"),
            "reason",
            max_length=1000,
            error=CoordinatorsState.field_errors["reason"],
        ),
        rx.button(t("coordinator.grant_button"), type="submit", size="3"),
        no_validate=True,
        on_submit=CoordinatorsState.grant,
        key="grant-" + CoordinatorsState.form_key.to_string(),
        width="100%",
        max_width="560px",
    )


def _revoke_form() -> rx.Component:
    return rx.form(
        rx.heading(t("coordinator.revoke_confirm"), size="5", as_="h2"),
        forms.select(
            t("coordinator.col_scope"),
            "grant_id",
            CoordinatorsState.grants,
            t("coordinator.scope_choose"),
            error=CoordinatorsState.field_errors["grant_id"],
        ),
        forms.field(
            t("coordinator.reason_label"),
            "revoke_reason",
            max_length=1000,
            error=CoordinatorsState.field_errors["revoke_reason"],
        ),
        rx.button(t("coordinator.revoke_button"), type="submit", size="3", color_scheme="red"),
        no_validate=True,
        on_submit=CoordinatorsState.revoke,
        key="revoke-" + CoordinatorsState.form_key.to_string(),
        width="100%",
        max_width="560px",
    )


def _body() -> rx.Component:
    return rx.vstack(
        rx.text(t("coordinator.intro")),
        rx.heading(t("coordinator.list_heading"), size="5", as_="h2"),
        rx.cond(
            CoordinatorsState.rows.length() > 0,
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(t("coordinator.col_name")),
                            rx.table.column_header_cell(t("coordinator.col_email")),
                            rx.table.column_header_cell(t("coordinator.col_scope")),
                            rx.table.column_header_cell(t("coordinator.col_since")),
                        )
                    ),
                    rx.table.body(rx.foreach(CoordinatorsState.rows, _row)),
                    size="2",
                    width="100%",
                ),
                **table_scroll_region(),
            ),
            rx.text(t("coordinator.none")),
        ),
        rx.divider(),
        _grant_form(),
        rx.cond(
            CoordinatorsState.grants.length() > 0,
            rx.fragment(rx.divider(), _revoke_form()),
        ),
        spacing="4",
        width="100%",
    )


def coordinators_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(
                t("coordinator.page_title"), " – ", AdminSession.kommune_name, size="7", as_="h1"
            ),
            forms.error_summary(CoordinatorsState.error, CoordinatorsState.field_errors),
            forms.success_line(CoordinatorsState.success),
            rx.cond(CoordinatorsState.loaded, _body()),
            width="100%",
            spacing="4",
        )
    )
