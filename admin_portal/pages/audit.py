"""Protokoll (/protokoll): the audit log of the admin's own Kommune, newest first, with
filters that live in the URL (so a view can be bookmarked or sent to a colleague)."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.routes import audit_query, parse_audit
from admin_portal.state import KommuneAdminState
from dasnez_core.services.audit_log import (
    ACTIONS,
    TARGET_TYPES,
    AuditFilters,
    AuditPage,
    AuditRow,
    list_events,
)
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import Form, Lines


class AuditState(KommuneAdminState):
    ready: bool = False
    rows: list[AuditRow] = []
    total: int = 0
    page: int = 1
    pages: int = 1
    prev_query: str = ""
    next_query: str = ""
    # The filters as the form shows them (strings as the form sends them).
    f_action: str = ""
    f_from: str = ""
    f_to: str = ""
    f_q: str = ""
    form_key: str = ""

    def _show_filters(self, filters: AuditFilters) -> None:
        self.f_action = filters.action
        self.f_from = filters.date_from.isoformat() if filters.date_from else ""
        self.f_to = filters.date_to.isoformat() if filters.date_to else ""
        self.f_q = filters.text
        self.form_key = audit_query(filters, page=1) or "all"

    def _no_rows(self, message: str) -> None:
        self.rows, self.total, self.page, self.pages = [], 0, 1, 1
        self.prev_query = self.next_query = ""
        self.error = message

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        params = self.router.url.query_parameters
        kommune_id = self._enter(actor)
        self.ready = kommune_id is not None
        if kommune_id is None:
            self._no_rows(self.error)
            return None

        def events(db: Session) -> tuple[AuditFilters, AuditPage]:
            filters = parse_audit(
                action=str(params.get("aktion", "")),
                date_from=str(params.get("von", "")),
                date_to=str(params.get("bis", "")),
                text=str(params.get("q", "")),
                page=str(params.get("seite", "")),
            )
            return filters, list_events(db, actor, kommune_id, filters, self.lang)

        listed = self._run(events, lines=Lines("error"))
        if not listed.ok or listed.value is None:
            self.f_from, self.f_to = str(params.get("von", "")), str(params.get("bis", ""))
            self.form_key = f"invalid:{self.f_from}:{self.f_to}"
            self._no_rows(self.error)
            return None
        filters, result = listed.value
        self._show_filters(filters)
        self.rows, self.total = result.rows, result.total
        self.page, self.pages = result.page, result.pages
        self.prev_query = audit_query(filters, page=result.page - 1) if result.page > 1 else ""
        self.next_query = (
            audit_query(filters, page=result.page + 1) if result.page < result.pages else ""
        )
        return None

    @rx.event
    def apply(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        """Turn the form into a URL (loading it shows the entries); bad dates are refused."""
        self._actor()
        parsed = self._check(
            lambda: parse_audit(
                action=str(form.get("aktion", ""))[:100],
                date_from=str(form.get("von", ""))[:20],
                date_to=str(form.get("bis", ""))[:20],
                text=str(form.get("q", ""))[:500],
            ),
            lines=Lines("error", form=Form({"date_from": "von", "date_to": "bis"})),
        )
        if not parsed.ok or parsed.value is None:
            self._no_rows(self.error)
            return self._focus_first_error()
        query = audit_query(parsed.value)
        return rx.redirect(routes.AUDIT + (f"?{query}" if query else ""))


def _action_label(action: rx.Var[str]) -> rx.Component:
    return rx.match(action, *((a, t(f"audit.action.{a}")) for a in ACTIONS), action)


def _target(row: rx.Var[AuditRow]) -> rx.Component:
    kind = rx.match(
        row.target_type, *((k, t(f"audit.target.{k}")) for k in TARGET_TYPES), row.target_type
    )
    return rx.text(
        kind,
        ": ",
        rx.cond(row.target_name != "", row.target_name, rx.text.em(t("audit.target_gone"))),
    )


def _row(row: rx.Var[AuditRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.at, white_space="nowrap"),
        rx.table.cell(rx.cond(row.actor_name != "", row.actor_name, t("audit.actor_gone"))),
        rx.table.cell(_action_label(row.action)),
        rx.table.cell(_target(row)),
        rx.table.cell(row.reason, white_space="pre-wrap"),
    )


def audit_table(rows: rx.Var[list[AuditRow]]) -> rx.Component:
    """Audit entries as a table, or "none found" (the log page and the detail pages'
    histories)."""
    return rx.cond(
        rows.length() > 0,
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(t("audit.col.when")),
                    rx.table.column_header_cell(t("audit.col.who")),
                    rx.table.column_header_cell(t("audit.col.what")),
                    rx.table.column_header_cell(t("audit.col.target")),
                    rx.table.column_header_cell(t("audit.col.reason")),
                )
            ),
            rx.table.body(rx.foreach(rows, _row)),
            width="100%",
        ),
        rx.text(t("audit.empty")),
    )


def _date_field(label: str, name: str, value: rx.Var[str]) -> rx.Component:
    error = AuditState.field_errors[name]
    return rx.el.div(
        rx.el.label(t(label), html_for=name, style={"font_weight": "600", "display": "block"}),
        rx.el.input(
            id=name,
            name=name,
            type="date",
            default_value=value,
            style=forms.FIELD_STYLE,
            **forms.invalid_props(name, error),
        ),
        forms.field_error(name, error),
    )


def _filters() -> rx.Component:
    return rx.form(
        rx.grid(
            rx.el.div(
                rx.el.label(
                    t("audit.filter_action"),
                    html_for="aktion",
                    style={"font_weight": "600", "display": "block"},
                ),
                rx.el.select(
                    rx.el.option(t("audit.all_actions"), value=""),
                    *(rx.el.option(t(f"audit.action.{a}"), value=a) for a in ACTIONS),
                    id="aktion",
                    name="aktion",
                    default_value=AuditState.f_action,
                    style=forms.FIELD_STYLE,
                ),
            ),
            _date_field("audit.filter_from", "von", AuditState.f_from),
            _date_field("audit.filter_to", "bis", AuditState.f_to),
            rx.el.div(
                rx.el.label(
                    t("audit.filter_text"),
                    html_for="q",
                    style={"font_weight": "600", "display": "block"},
                ),
                rx.el.input(
                    id="q",
                    name="q",
                    type="search",
                    max_length=100,
                    default_value=AuditState.f_q,
                    style=forms.FIELD_STYLE,
                ),
            ),
            columns=rx.breakpoints(initial="1", sm="2", md="4"),
            spacing="3",
            width="100%",
        ),
        rx.hstack(
            rx.button(t("audit.apply"), type="submit", size="3"),
            link_button(t("audit.reset"), routes.AUDIT, variant="soft"),
            spacing="3",
            margin_top="0.75rem",
            wrap="wrap",
        ),
        key=AuditState.form_key,
        on_submit=AuditState.apply,
        width="100%",
    )


def _pager() -> rx.Component:
    return rx.hstack(
        rx.cond(
            AuditState.prev_query != "",
            link_button(
                t("browse.previous"), routes.AUDIT + "?" + AuditState.prev_query, variant="soft"
            ),
        ),
        rx.text(
            t("browse.page_of")
            .replace("{page}", AuditState.page.to_string())
            .replace("{pages}", AuditState.pages.to_string())
        ),
        rx.cond(
            AuditState.next_query != "",
            link_button(
                t("browse.next"), routes.AUDIT + "?" + AuditState.next_query, variant="soft"
            ),
        ),
        align="center",
        wrap="wrap",
        spacing="3",
    )


def _log() -> rx.Component:
    return rx.vstack(
        _filters(),
        rx.text(
            t("audit.count").replace("{count}", AuditState.total.to_string()),
            weight="bold",
            role="status",
            aria_live="polite",
        ),
        audit_table(AuditState.rows),
        _pager(),
        width="100%",
        spacing="4",
    )


def audit_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("audit.title"), size="7", as_="h1"),
            rx.text(t("admin.kommune"), ": ", AuditState.kommune_name, color_scheme="gray"),
            rx.text(t("audit.intro")),
            forms.error_summary(AuditState.error, AuditState.field_errors),
            rx.cond(AuditState.ready, _log()),
            width="100%",
            spacing="4",
        )
    )
