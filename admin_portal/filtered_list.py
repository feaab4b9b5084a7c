"""What the admin's filtered lists (people, listings) share: filters, order and page in the
URL, the load and CSV-export handlers, and the filter form, count, export bar and pager."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page, table_scroll_region
from admin_portal.state import AdminSession
from dasnez_core.errors import NotAllowed
from dasnez_core.formatting import format_number
from dasnez_core.i18n import translate
from dasnez_core.services.csv_export import EXPORT_MAX, CsvExport
from dasnez_core.services.kommunen import Option
from dasnez_ui import forms
from dasnez_ui.lang import LangState, t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import MESSAGE_LINES, Lines


class FilteredList(rx.State, mixin=True):
    """Load and export of a filtered admin list (mixed into an AdminSession page state).

    The page supplies `rows`, `_parse(params)` (filters from a URL's or form's fields),
    `_query(filters, **change)` (filters, with `change`, as a query string), `_fetch(db, actor,
    kommune_id, filters)` (one page of the list: rows, total, page, pages and the filters
    it kept), `_show_filters(filters)` (fill the form) and `_export_csv(db, actor,
    kommune_id, filters)`.
    """

    loaded: bool = False
    error: str = ""
    success: str = ""
    field_errors: dict[str, str] = {}
    total: int = 0
    page: int = 1
    pages: int = 1
    prev_query: str = ""
    next_query: str = ""
    f_q: str = ""
    f_status: str = ""
    f_district: str = ""
    form_key: str = ""
    statuses: list[Option] = []
    areas: list[Option] = []
    sorts: list[Option] = []

    def _prepare(self, kommune_id: int, filters: Any) -> None:
        """Before the list is read: fill the form's choices (and what else the page needs)."""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        """The list page of the page's URL (the admin's own Kommune only)."""
        actor = self._actor()  # type: ignore[attr-defined]
        if not self.logged_in:  # type: ignore[attr-defined]
            return rx.redirect(routes.HOME)
        kommune_id = self._staff_kommune(actor)  # type: ignore[attr-defined]
        self.error, self.success, self.loaded = "", "", False
        self.field_errors = {}
        if kommune_id is None:
            self.error = self._t("error.not_allowed")  # type: ignore[attr-defined]
            return None
        self._load_kommune_name(actor)  # type: ignore[attr-defined]
        filters = self._parse(dict(self.router.url.query_parameters))  # type: ignore[attr-defined]
        self._prepare(kommune_id, filters)
        fetched = self._run(  # type: ignore[attr-defined]
            lambda db: self._fetch(db, actor, kommune_id, filters),  # type: ignore[attr-defined]
            lines=Lines("error"),
        )
        if not fetched.ok:
            return None
        result = fetched.value
        kept = result.filters
        self._show_filters(kept)  # type: ignore[attr-defined]
        self.rows, self.total = result.rows, result.total  # type: ignore[has-type]
        self.page, self.pages = result.page, result.pages
        query: Callable[..., str] = self._query  # type: ignore[attr-defined]
        self.prev_query = query(kept, page=result.page - 1) if result.page > 1 else ""
        self.next_query = query(kept, page=result.page + 1) if result.page < result.pages else ""
        self.loaded = True
        return None

    def _redirect(self, route: str, filters: Any) -> rx.event.EventSpec:
        """Go to the list's URL with `filters`; loading it shows the list (bookmarkable)."""
        query = self._query(filters)  # type: ignore[attr-defined]
        return rx.redirect(route + (f"?{query}" if query else ""))

    @rx.event
    def export(self) -> rx.event.EventSpec | None:
        """The list as it is shown (filters of the page's URL), every page, as CSV."""
        actor = self._actor()  # type: ignore[attr-defined]
        kommune_id = self._staff_kommune(actor)  # type: ignore[attr-defined]
        filters = self._parse(dict(self.router.url.query_parameters))  # type: ignore[attr-defined]

        def call(db: Session) -> CsvExport:
            if kommune_id is None:
                raise NotAllowed()
            export: Callable[..., CsvExport] = self._export_csv  # type: ignore[attr-defined]
            return export(db, actor, kommune_id, filters)

        outcome = self._run(call, lines=MESSAGE_LINES)  # type: ignore[attr-defined]
        if not outcome.ok:
            return None
        result: CsvExport = outcome.value
        self.success = self._t(  # type: ignore[attr-defined]
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


def text_filter(label_key: str, value: rx.Var[str]) -> rx.Component:
    """The search field of a list's filters."""
    return forms.field(
        t(label_key), "q", type_="search", required=False, max_length=100, value=value
    )


def choice_filter(label: str, name: str, options: rx.Var, value: rx.Var[str]) -> rx.Component:
    """A filter with its choices and "all"."""
    return forms.select(t(label), name, options, t("adminlist.all"), required=False, value=value)


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


def list_table(
    columns: tuple[tuple[str, str], ...],
    rows: rx.Var,
    detail: tuple[Callable[[Any], Any], str],
) -> rx.Component:
    """A wide list's table, scrolling sideways on a small screen. `columns` are (header
    catalog key, field of a row); the first names the row for screen readers and links to
    the row's detail page, `detail` = (the href builder of routes.py, the row's id field)."""
    (_, first), *rest = columns
    href, id_field = detail

    def row(r: Any) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(rx.link(getattr(r, first), href=href(getattr(r, id_field)))),
            *[rx.table.cell(getattr(r, field)) for _, field in rest],
        )

    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(*[rx.table.column_header_cell(t(key)) for key, _ in columns])
            ),
            rx.table.body(rx.foreach(rows, row)),
            size="2",
            width="100%",
        ),
        **table_scroll_region(),
    )


def list_body(state: Any, route: str, table: rx.Component) -> rx.Component:
    """Count and export, the export's outcome, the table (or "none"), the pager."""
    return rx.vstack(
        export_bar(state.total, state.export),
        forms.success_line(state.success),
        rx.cond(state.rows.length() > 0, table, rx.text(t("adminlist.none"))),
        pager(route, state.prev_query, state.next_query, state.page, state.pages),
        spacing="3",
        width="100%",
    )


def list_page(
    state: Any, route: str, title_key: str, filters: rx.Component, table: rx.Component
) -> rx.Component:
    """A filtered list page: heading with the Kommune, error, filters, then the list."""
    return admin_page(
        rx.vstack(
            rx.heading(t(title_key), " – ", AdminSession.kommune_name, size="7", as_="h1"),
            forms.error_summary(state.error, state.field_errors),
            rx.cond(AdminSession.is_kommune_admin, filters),
            rx.cond(state.loaded, list_body(state, route, table)),
            width="100%",
            spacing="4",
        )
    )
