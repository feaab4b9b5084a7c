"""Approval queue (/freischaltung): pending people of the admin's own Kommune."""

from __future__ import annotations

import reflex as rx

from admin_portal.components import admin_page
from admin_portal.state import AdminSession
from dasnez_app.ui import forms
from dasnez_app.ui.lang import t
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError, NotAllowed
from dasnez_core.services.approval import PendingPerson, approve_user, list_pending


class ApprovalState(AdminSession):
    pending: list[PendingPerson] = []
    error: str = ""
    success: str = ""

    def _reload(self, kommune_id: int) -> None:
        actor = self._actor()
        with session_scope() as db:
            self.pending = list_pending(db, actor, kommune_id)

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        if actor.is_anonymous or not self.logged_in:
            return rx.redirect("/")
        self.error = self.success = ""
        if kommune_id is None:
            self.pending = []
            self.error = self._t("error.not_allowed")
            return None
        self._load_kommune_name(actor)
        self._reload(kommune_id)
        return None

    @rx.event
    def approve(self, user_id: int) -> None:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        try:
            if kommune_id is None:
                raise NotAllowed()
            with session_scope() as db:
                approve_user(db, actor, kommune_id, int(user_id))
        except (DomainError, TypeError, ValueError) as exc:
            key = exc.key if isinstance(exc, DomainError) else "error.not_found"
            params = exc.params if isinstance(exc, DomainError) else {}
            self.error, self.success = self._t(key, **params), ""
            return
        approved = next((p.display_name for p in self.pending if p.user_id == int(user_id)), "")
        self.error = ""
        self.success = self._t("admin.approved_done", name=approved)
        self._reload(kommune_id)


def _row(person: rx.Var[PendingPerson]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(person.display_name),
        rx.table.cell(person.email),
        rx.table.cell(person.area_name),
        rx.table.cell(person.registered_at),
        rx.table.cell(
            rx.button(
                t("admin.approve"),
                on_click=ApprovalState.approve(person.user_id),
                aria_label=t("admin.approve") + " " + person.display_name,
                size="3",
            )
        ),
    )


def approvals_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("admin.approvals_title"), size="7", as_="h1"),
            rx.text(t("admin.kommune"), ": ", AdminSession.kommune_name, color_scheme="gray"),
            forms.error_line(ApprovalState.error),
            forms.success_line(ApprovalState.success),
            rx.cond(
                ApprovalState.pending.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(t("admin.col.name")),
                            rx.table.column_header_cell(t("admin.col.email")),
                            rx.table.column_header_cell(t("admin.col.area")),
                            rx.table.column_header_cell(t("admin.col.registered")),
                            rx.table.column_header_cell(t("admin.col.action")),
                        )
                    ),
                    rx.table.body(rx.foreach(ApprovalState.pending, _row)),
                    width="100%",
                ),
                rx.text(t("admin.approvals_empty")),
            ),
            width="100%",
            spacing="4",
        )
    )
