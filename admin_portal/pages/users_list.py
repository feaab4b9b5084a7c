"""People of the admin's Kommune (/personen): search, filters and order in the URL, 50 a
page, and the whole filtered list as a CSV file for Excel."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.routes import parse_people, people_query
from admin_portal.state import AdminSession
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError, NotAllowed
from dasnez_core.formatting import format_number
from dasnez_core.i18n import translate
from dasnez_core.models import UserStatus
from dasnez_core.services import kommunen
from dasnez_core.services.csv_export import EXPORT_MAX, export_people
from dasnez_core.services.kommunen import Option
from dasnez_core.services.people_list import PEOPLE_SORTS, PersonRow, list_people
from dasnez_ui import forms
from dasnez_ui.lang import LangState, t
from dasnez_ui.layout import link_button

ROUTE = routes.PEOPLE
_FILTER_FIELDS = ("q", "status", "ortsteil", "sortierung")


class PeopleListState(AdminSession):
    loaded: bool = False
    error: str = ""
    success: str = ""
    rows: list[PersonRow] = []
    total: int = 0
    page: int = 1
    pages: int = 1
    prev_query: str = ""
    next_query: str = ""
    f_q: str = ""
    f_status: str = ""
    f_district: str = ""
    f_sort: str = "name"
    form_key: str = ""
    statuses: list[Option] = []
    areas: list[Option] = []
    sorts: list[Option] = []

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        kommune_id = self._admin_kommune(actor)
        self.error, self.success, self.loaded = "", "", False
        if kommune_id is None:
            self.error = self._t("error.not_allowed")
            return None
        self._load_kommune_name(actor)
        filters = parse_people(dict(self.router.url.query_parameters))
        self.statuses = [
            Option(s.value, self._t(f"adminlist.user_status.{s.value}")) for s in UserStatus
        ]
        self.sorts = [Option(s, self._t(f"adminlist.sort.{s}")) for s in PEOPLE_SORTS]
        try:
            with session_scope() as db:
                self.areas = kommunen.area_options(db, kommune_id)
                result = list_people(db, actor, kommune_id, filters, self.lang)
        except DomainError as exc:
            self.error = self._t(exc.key, **exc.params)
            return None
        kept = result.filters
        self.rows, self.total = result.rows, result.total
        self.page, self.pages = result.page, result.pages
        self.prev_query = people_query(kept, page=result.page - 1) if result.page > 1 else ""
        self.next_query = (
            people_query(kept, page=result.page + 1) if result.page < result.pages else ""
        )
        self.f_q, self.f_status, self.f_sort = kept.q, kept.status, kept.sort
        self.f_district = str(kept.district or "")
        self.form_key = people_query(kept) or "all"
        self.loaded = True
        return None

    @rx.event
    def apply(self, form: dict[str, str]) -> rx.event.EventSpec:
        """Turn the form into a URL; loading that URL shows the list (bookmarkable)."""
        self._actor()
        filters = parse_people({k: str(form.get(k, ""))[:120] for k in _FILTER_FIELDS})
        query = people_query(filters)
        return rx.redirect(ROUTE + (f"?{query}" if query else ""))

    @rx.event
    def export(self) -> rx.event.EventSpec | None:
        """The list as it is shown (filters of the page's URL), every page, as CSV."""
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        filters = parse_people(dict(self.router.url.query_parameters))
        try:
            if kommune_id is None:
                raise NotAllowed()
            with session_scope() as db:
                result = export_people(
                    db, actor, kommune_id, filters, self.lang, describe=people_query
                )
        except DomainError as exc:
            self.error, self.success = self._t(exc.key, **exc.params), ""
            return None
        self.error = ""
        self.success = self._t(
            "adminlist.exported_truncated" if result.truncated else "adminlist.exported",
            count=result.rows,
        )
        return rx.download(
            data=result.data, filename=result.filename, mime_type="text/csv;charset=utf-8"
        )


def _export_hint(lang: str) -> str:
    return translate("adminlist.export_hint", lang, max=format_number(EXPORT_MAX, lang))


def sort_select(options: rx.Var, value: rx.Var[str]) -> rx.Component:
    """The order of a list (no "all" choice: a list always has an order)."""
    return rx.el.div(
        rx.el.label(
            t("adminlist.sort"),
            html_for="sortierung",
            style={"font_weight": "600", "display": "block"},
        ),
        rx.el.select(
            rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
            id="sortierung",
            name="sortierung",
            default_value=value,
            style=forms.FIELD_STYLE,
        ),
        style={"margin_bottom": "1rem"},
    )


def filter_form(
    route: str, on_submit: rx.EventHandler, key: rx.Var[str], *fields: rx.Component
) -> rx.Component:
    """The filters of a list in an open <details>, up to four to a row on a desktop."""
    return rx.el.details(
        rx.el.summary(
            t("adminlist.filters"),
            style={"font_weight": "700", "min_height": "48px", "cursor": "pointer"},
        ),
        rx.form(
            rx.grid(
                *fields,
                columns=rx.breakpoints(initial="1", sm="2", lg="4"),
                spacing="3",
                width="100%",
            ),
            rx.hstack(
                rx.button(t("adminlist.apply"), type="submit", size="3"),
                link_button(t("adminlist.reset"), route, variant="soft"),
                wrap="wrap",
                spacing="3",
            ),
            on_submit=on_submit,
            reset_on_submit=False,
            key=key,
            width="100%",
        ),
        open=True,
        style={"width": "100%"},
    )


def pager(
    route: str,
    prev_query: rx.Var[str],
    next_query: rx.Var[str],
    page: rx.Var[int],
    pages: rx.Var[int],
) -> rx.Component:
    """Previous / "Seite x von y" / next, as links (the page number lives in the URL)."""
    return rx.hstack(
        rx.cond(
            prev_query != "",
            link_button(t("adminlist.previous"), route + "?" + prev_query, variant="soft"),
        ),
        rx.text(
            t("adminlist.page_of")
            .replace("{page}", page.to_string())
            .replace("{pages}", pages.to_string())
        ),
        rx.cond(
            next_query != "",
            link_button(t("adminlist.next"), route + "?" + next_query, variant="soft"),
        ),
        align="center",
        wrap="wrap",
        spacing="3",
    )


def export_bar(total: rx.Var[int], on_click: rx.EventHandler) -> rx.Component:
    """The number of results and the CSV download button."""
    return rx.vstack(
        rx.hstack(
            rx.text(
                t("adminlist.count").replace("{count}", total.to_string()),
                weight="bold",
                aria_live="polite",
            ),
            rx.spacer(),
            rx.button(rx.icon("download"), t("adminlist.export"), on_click=on_click, size="3"),
            align="center",
            wrap="wrap",
            width="100%",
        ),
        rx.text(
            rx.cond(LangState.lang == "en", _export_hint("en"), _export_hint("de")),
            size="2",
            color_scheme="gray",
        ),
        spacing="1",
        width="100%",
    )


def _filters() -> rx.Component:
    s = PeopleListState
    return filter_form(
        ROUTE,
        PeopleListState.apply,
        s.form_key,
        forms.field(
            t("adminlist.q_people"),
            "q",
            type_="search",
            required=False,
            max_length=100,
            value=s.f_q,
        ),
        forms.select(
            t("adminlist.status"),
            "status",
            s.statuses,
            t("adminlist.all"),
            required=False,
            value=s.f_status,
        ),
        forms.select(
            t("adminlist.district"),
            "ortsteil",
            s.areas,
            t("adminlist.all"),
            required=False,
            value=s.f_district,
        ),
        sort_select(s.sorts, s.f_sort),
    )


def _row(p: rx.Var[PersonRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(p.display_name),
        rx.table.cell(p.email),
        rx.table.cell(p.status_label),
        rx.table.cell(p.area),
        rx.table.cell(p.registered_on),
        rx.table.cell(p.approved_on),
    )


def _table() -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(t("adminlist.col.name")),
                    rx.table.column_header_cell(t("adminlist.col.email")),
                    rx.table.column_header_cell(t("adminlist.col.status")),
                    rx.table.column_header_cell(t("adminlist.col.area")),
                    rx.table.column_header_cell(t("adminlist.col.registered")),
                    rx.table.column_header_cell(t("adminlist.col.approved")),
                )
            ),
            rx.table.body(rx.foreach(PeopleListState.rows, _row)),
            size="2",
            width="100%",
        ),
        width="100%",
        overflow_x="auto",
    )


def _body() -> rx.Component:
    s = PeopleListState
    return rx.vstack(
        export_bar(s.total, s.export),
        forms.success_line(s.success),
        rx.cond(s.rows.length() > 0, _table(), rx.text(t("adminlist.none"))),
        pager(ROUTE, s.prev_query, s.next_query, s.page, s.pages),
        spacing="3",
        width="100%",
    )


def users_list_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(
                t("adminlist.people_title"), " – ", AdminSession.kommune_name, size="7", as_="h1"
            ),
            forms.error_line(PeopleListState.error),
            rx.cond(AdminSession.is_kommune_admin, _filters()),
            rx.cond(PeopleListState.loaded, _body()),
            width="100%",
            spacing="4",
        )
    )
