"""Platform staff: all Kommunen with their figures and state (/kommunen), 25 a page, with
a search by name, slug, postcode or Kreis and a filter by state (both in the URL); switching
one live, deactivating it (with a reason) or back on, and the ZIP of all its data."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page, table_scroll_region
from admin_portal.filtered_list import choice_filter, filter_form, pager, text_filter
from admin_portal.routes import kommunen_query, parse_kommunen
from admin_portal.state import AdminSession
from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.permissions import Action, can
from dasnez_core.services.filters import positive_int
from dasnez_core.services.kommune_export import KommuneExport, export_kommune
from dasnez_core.services.kommunen import Option
from dasnez_core.services.kommunen_list import (
    KOMMUNE_STATES,
    KommunenPage,
    KommuneRow,
    list_managed_kommunen,
)
from dasnez_core.services.onboarding import (
    GoLiveResult,
    deactivate_kommune,
    go_live,
    reactivate_kommune,
)
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.page_load import PageLoad

ROUTE = routes.KOMMUNEN
_FILTER_FIELDS = ("q", "status")
_LINES = Lines("error", "success")
_DEACTIVATE = Lines("error", "success", form_fields("kommune_id", "reason", kommune="kommune_id"))


class KommunenState(PageLoad, AdminSession):
    loaded: bool = False
    rows: list[KommuneRow] = []
    active_options: list[Option] = []
    state_options: list[Option] = []
    total: int = 0
    by_state: str = ""
    page: int = 1
    pages: int = 1
    prev_query: str = ""
    next_query: str = ""
    f_q: str = ""
    f_state: str = ""
    filter_key: str = ""
    error: str = ""
    success: str = ""
    field_errors: dict[str, str] = {}
    form_key: int = 0

    def _reload(self) -> None:
        """The page of the URL's search, state and page number (past the end: the last)."""
        actor = self._actor()
        filters = parse_kommunen(dict(self.router.url.query_parameters))
        self.state_options = [Option(s, self._t(f"onboard.state.{s}")) for s in KOMMUNE_STATES]
        shown: KommunenPage | None = self._run(
            lambda db: list_managed_kommunen(db, actor, filters, self.lang),
            lines=Lines("error"),
        ).value
        if shown is None:
            self.rows, self.active_options, self.loaded = [], [], False
            return
        kept = shown.filters
        self.f_q, self.f_state = kept.q, kept.state
        self.filter_key = kommunen_query(kept) or "all"
        self.total, self.page, self.pages = shown.total, shown.page, shown.pages
        self.by_state = self._t("onboard.list.by_state", **shown.by_state)
        self.prev_query = kommunen_query(kept, page=shown.page - 1) if shown.page > 1 else ""
        self.next_query = (
            kommunen_query(kept, page=shown.page + 1) if shown.page < shown.pages else ""
        )
        self.rows = shown.rows
        self.active_options = [
            Option(str(r.kommune_id), r.name) for r in self.rows if r.state != "inactive"
        ]
        self.loaded = True

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.error = self.success = ""
        self.field_errors, self.rows, self.active_options, self.loaded = {}, [], [], False
        self.total, self.page, self.pages, self.prev_query, self.next_query = 0, 1, 1, "", ""
        self.by_state = self.f_q = self.f_state = ""
        self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        self._reload()
        return None

    @rx.event
    def apply(self, form: dict[str, Any]) -> rx.event.EventSpec | None:
        """Turn the search form into a URL; loading that URL shows the list (bookmarkable)."""
        if not can(self._actor(), Action.MANAGE_KOMMUNEN):
            self.error, self.success = self._t("error.not_allowed"), ""
            return None
        if not isinstance(form, dict):
            form = {}
        filters = parse_kommunen({k: str(form.get(k, ""))[:120] for k in _FILTER_FIELDS})
        query = kommunen_query(filters)
        return rx.redirect(ROUTE + (f"?{query}" if query else ""))

    @rx.event
    def go_live(self, kommune_id: int) -> None:
        actor = self._actor()
        target = positive_int(str(kommune_id))

        def call(db: Session) -> GoLiveResult:
            if target is None:
                raise NotFound("kommune.not_found")
            return go_live(db, actor, target)

        self.field_errors = {}
        result = self._run(call, lines=_LINES).value
        if result is not None:
            self.success = self._t("onboard.live_done", name=result.name, notified=result.notified)
            self._reload()

    @rx.event
    def reactivate(self, kommune_id: int) -> None:
        actor = self._actor()
        target = positive_int(str(kommune_id))

        def call(db: Session) -> str:
            if target is None:
                raise NotFound("kommune.not_found")
            return reactivate_kommune(db, actor, target)

        self.field_errors = {}
        name = self._run(call, lines=_LINES).value
        if name is not None:
            self.success = self._t("onboard.reactivated", name=name)
            self._reload()

    @rx.event
    def deactivate(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        actor = self._actor()
        target = positive_int(str(form.get("kommune_id", "")))
        reason = str(form.get("reason", ""))[:2000]

        def call(db: Session) -> str:
            if target is None:
                raise InvalidInput("kommune_id", "onboard.choose_required")
            return deactivate_kommune(db, actor, target, reason)

        name = self._run(call, lines=_DEACTIVATE).value
        if name is None:
            return self._focus_first_error()
        self.success = self._t("onboard.deactivated", name=name)
        self.form_key += 1
        self._reload()
        return None

    @rx.event
    def export(self, kommune_id: int) -> rx.event.EventSpec | None:
        actor = self._actor()
        target = positive_int(str(kommune_id))

        def call(db: Session) -> KommuneExport:
            if target is None:
                raise NotFound("kommune.not_found")
            return export_kommune(db, actor, target)

        made = self._run(call, lines=_LINES).value
        if made is None:
            return None
        self.success = self._t(
            "onboard.exported",
            name=next((r.name for r in self.rows if r.kommune_id == target), ""),
            rows=made.rows,
            tables=made.tables,
        )
        return rx.download(data=made.data, filename=made.filename, mime_type="application/zip")


def _actions(r: rx.Var[KommuneRow]) -> rx.Component:
    return rx.hstack(
        rx.cond(
            r.state == "setup",
            rx.button(
                t("onboard.go_live"),
                on_click=KommunenState.go_live(r.kommune_id),
                size="2",
                aria_label=t("onboard.go_live_for").replace("{name}", r.name),
            ),
        ),
        rx.cond(
            r.state == "inactive",
            rx.button(
                t("onboard.reactivate"),
                on_click=KommunenState.reactivate(r.kommune_id),
                size="2",
                variant="soft",
                aria_label=t("onboard.reactivate_for").replace("{name}", r.name),
            ),
        ),
        rx.button(
            rx.icon("download", aria_hidden="true"),
            t("onboard.export"),
            on_click=KommunenState.export(r.kommune_id),
            size="2",
            variant="soft",
            aria_label=t("onboard.export_for").replace("{name}", r.name),
        ),
        wrap="wrap",
        spacing="2",
    )


def _row(r: rx.Var[KommuneRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(r.name),
        rx.table.cell(r.kreis),
        rx.table.cell(
            rx.match(
                r.state,
                ("setup", rx.badge(t("onboard.state.setup"), color_scheme="amber")),
                ("inactive", rx.badge(t("onboard.state.inactive"), color_scheme="red")),
                rx.badge(t("onboard.state.live"), color_scheme="green"),
            ),
            data_testid="kommune-state",
        ),
        rx.table.cell(r.admins),
        rx.table.cell(r.approved_users),
        rx.table.cell(r.pending_users),
        rx.table.cell(r.published_listings),
        rx.table.cell(_actions(r)),
        data_testid="kommune-row",
    )


def _deactivate_form() -> rx.Component:
    s = KommunenState
    return rx.form(
        rx.heading(t("onboard.deactivate"), size="5", as_="h2"),
        rx.text(t("onboard.deactivate_hint"), size="2", color_scheme="gray"),
        rx.text(t("onboard.list.choose_hint"), size="2", color_scheme="gray"),
        forms.select(
            t("onboard.choose"),
            "kommune_id",
            s.active_options,
            t("onboard.choose_placeholder"),
            error=s.field_errors["kommune_id"],
        ),
        forms.field(t("onboard.reason"), "reason", max_length=1000, error=s.field_errors["reason"]),
        rx.button(t("onboard.deactivate"), type="submit", size="3", color_scheme="red"),
        no_validate=True,
        on_submit=s.deactivate,
        key="deactivate-" + s.form_key.to_string(),
        width="100%",
        max_width="560px",
    )


def _filters() -> rx.Component:
    s = KommunenState
    return filter_form(
        ROUTE,
        s.apply,
        s.filter_key,
        text_filter("onboard.list.q", s.f_q),
        choice_filter("onboard.col.state", "status", s.state_options, s.f_state),
    )


def _list() -> rx.Component:
    s = KommunenState
    return rx.vstack(
        rx.text(
            t("adminlist.count").replace("{count}", s.total.to_string()),
            weight="bold",
            aria_live="polite",
        ),
        rx.text(s.by_state, size="2", color_scheme="gray"),
        rx.cond(
            s.rows.length() > 0,
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(t("admin.kommune")),
                            rx.table.column_header_cell(t("charts.col.kreis")),
                            rx.table.column_header_cell(t("onboard.col.state")),
                            rx.table.column_header_cell(t("onboard.col.admins")),
                            rx.table.column_header_cell(t("admin.col.approved_users")),
                            rx.table.column_header_cell(t("admin.col.pending_users")),
                            rx.table.column_header_cell(t("admin.col.listings")),
                            rx.table.column_header_cell(t("onboard.col.actions")),
                        )
                    ),
                    rx.table.body(rx.foreach(s.rows, _row)),
                    width="100%",
                ),
                **table_scroll_region(),
            ),
            rx.text(t("adminlist.none")),
        ),
        pager(ROUTE, s.prev_query, s.next_query, s.page, s.pages),
        spacing="3",
        width="100%",
    )


def kommunen_page() -> rx.Component:
    s = KommunenState
    return admin_page(
        rx.vstack(
            rx.heading(t("admin.kommunen_title"), size="7", as_="h1"),
            rx.text(t("admin.platform_hint")),
            forms.error_summary(s.error, s.field_errors),
            forms.success_line(s.success),
            rx.cond(
                AdminSession.is_platform_admin,
                link_button(t("onboard.nav.new"), routes.NEW_KOMMUNE),
            ),
            rx.cond(AdminSession.is_platform_admin, _filters()),
            rx.cond(s.loaded, _list()),
            rx.cond(s.active_options.length() > 0, _deactivate_form()),
            width="100%",
            spacing="4",
        )
    )
