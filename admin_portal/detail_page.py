"""What the detail pages of a person and a listing share: the record's id from the URL, the
facts as a description list, the history from the audit log, and the frame."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import StringVar

from admin_portal import routes
from admin_portal.components import admin_page, admin_section
from admin_portal.pages.audit import audit_table
from admin_portal.state import KommuneAdminState
from dasnez_core.actor import Actor
from dasnez_core.services.audit_log import AuditRow
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import Lines
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id


class DetailState(PageLoad, KommuneAdminState):
    """Base of a detail page's state: loaded / found, the open confirm step, the history.

    A page supplies `_fill(db, actor, kommune_id, record_id)`, which reads the record
    through the admin's Kommune (raising NotFound for any other) and its history, and
    `_record_id()`, the record's id from the route, and its own on_load handler `load`
    returning `self._load_page()` (a handler of this shared state would run on it, not on
    the page's state). A change acts on the record of the
    route of its event only (`_target`), never on one an earlier event left in the state."""

    loaded: bool = False
    found: bool = False

    def _working_kommune(self, actor: Actor) -> int | None:
        """Coordinators too see a person or listing, within their scope."""
        return self._staff_kommune(actor)

    history: list[AuditRow] = []
    # The one open confirm step (a kind, and the rating it concerns where there is one).
    step: str = ""
    step_id: int = 0

    def _show(self, actor: Actor, record_id: int | None) -> None:
        """Read the record shown (the admin's own Kommune only); not found for anyone else's."""
        self.step, self.step_id = "", 0
        kommune_id = self._working_kommune(actor)
        if kommune_id is None:
            self.loaded, self.found = True, False
            return
        outcome = self._run(
            lambda db: self._fill(db, actor, kommune_id, record_id or 0),  # type: ignore[attr-defined]
            lines=Lines("error"),
        )
        self.loaded, self.found = True, outcome.ok

    def _record_id(self) -> int | None:
        raise NotImplementedError

    def _target(self, sent: object) -> int | None:
        """The record a change acts on: the one of the route, if the form (which names the
        record it showed) agrees; None (not found) otherwise."""
        record_id = self._record_id()
        return record_id if record_id is not None and parse_id(sent) == record_id else None

    def _build(self) -> rx.event.EventSpec | None:
        """On load: refuse non-admins, then show the record of the URL."""
        # Reset first: nothing of an earlier record survives a load that fails below.
        self.loaded = self.found = False
        self.step, self.step_id = "", 0
        self.error = self.success = ""
        self.history = []
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        if self._enter(actor) is None:
            self.loaded = True
            return None
        self._show(actor, self._record_id())
        return None

    @rx.event
    def cancel(self) -> None:
        self._actor()
        self.error = ""
        self.step, self.step_id = "", 0


def fact(label: str, value: rx.Var[Any] | rx.Component) -> rx.Component:
    """One fact of the record: its name and its value ("–" for an empty one)."""
    shown = rx.cond(value != "", value, "–") if isinstance(value, StringVar) else value
    return rx.fragment(
        rx.el.dt(t(label), style={"font_weight": "600", "color": "var(--gray-11)"}),
        rx.el.dd(shown, style={"margin": "0 0 0.5rem 0", "overflow_wrap": "anywhere"}),
    )


def facts(*items: rx.Component) -> rx.Component:
    """The facts as a description list, two columns on a wide screen."""
    return rx.el.dl(
        *items,
        style={
            "display": "grid",
            "grid_template_columns": "minmax(10rem, max-content) 1fr",
            "column_gap": "1.5rem",
            "width": "100%",
        },
    )


def history_section(rows: rx.Var[list[AuditRow]]) -> rx.Component:
    return admin_section(t("admindetail.history"), "history", audit_table(rows))


def detail_frame(
    state: Any, back_label: str, back_href: str, title: rx.Var[str], *sections: rx.Component
) -> rx.Component:
    """Back link, heading, outcome lines (the error shows in the confirm step while one is
    open), then the sections once loaded; "not found" for a record that is not there."""
    return admin_page(
        rx.vstack(
            link_button(t(back_label), back_href, size="2", variant="soft"),
            rx.cond(
                state.loaded & state.found,
                rx.vstack(
                    rx.heading(title, size="7", as_="h1", style={"overflow_wrap": "anywhere"}),
                    rx.cond(state.step == "", forms.error_line(state.error)),
                    forms.success_line(state.success),
                    *sections,
                    width="100%",
                    spacing="4",
                ),
                rx.cond(
                    state.loaded,
                    rx.vstack(
                        rx.heading(t("admindetail.not_found"), size="7", as_="h1"),
                        forms.error_line(state.error),
                        width="100%",
                    ),
                ),
            ),
            width="100%",
            spacing="4",
        )
    )
