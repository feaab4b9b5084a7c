"""Dashboard (/uebersicht): the Kommune admin's landing page. Numbers first, then charts;
every number and every bar leads to the list behind it. The filters live in the URL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.pages.timebank import timebank_totals_panel
from admin_portal.routes import (
    dashboard_query,
    listings_href,
    parse_dashboard,
    people_href,
    target_href,
)
from admin_portal.state import AdminSession
from dasnez_core.exchanges import DashboardFigure
from dasnez_core.services import kommunen
from dasnez_core.services.dashboard import (
    Dashboard,
    ExchangeFigures,
    Figure,
    dashboard,
    validate_dashboard_filters,
)
from dasnez_core.services.kommunen import Option
from dasnez_core.services.represented import proxy_figures
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import Lines, form_fields

ROUTE = routes.DASHBOARD
_FILTER_FIELDS = ("von", "bis", "ortsteil", "boerse")


@dataclass(frozen=True)
class FigureLink:
    """A figure as the page shows it: label, number, and the address of its list."""

    key: str
    label: str
    count: int
    href: str


@dataclass(frozen=True)
class ExchangeRow:
    """One exchange's row of the table, each number with the address of its list."""

    exchange: str
    label: str
    offers: int
    requests: int
    running: int
    total: int
    offers_href: str
    requests_href: str
    running_href: str
    total_href: str


def figure_links(figures: Sequence[Figure]) -> list[FigureLink]:
    """The domain's figures with the addresses of the lists behind them."""
    return [FigureLink(f.key, f.label, f.count, target_href(f.target)) for f in figures]


def exchange_rows(rows: Sequence[ExchangeFigures]) -> list[ExchangeRow]:
    return [
        ExchangeRow(
            exchange=r.exchange,
            label=r.label,
            offers=r.offers,
            requests=r.requests,
            running=r.running,
            total=r.total,
            offers_href=listings_href(r.offers_target),
            requests_href=listings_href(r.requests_target),
            running_href=listings_href(r.running_target),
            total_href=listings_href(r.total_target),
        )
        for r in rows
    ]


class DashboardState(AdminSession):
    loaded: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    pending_approvals: int = 0
    open_reports: int = 0
    people_total: int = 0
    people_href: str = routes.PEOPLE
    people_by_status: list[FigureLink] = []
    listings_total: int = 0
    listings_href: str = routes.LISTINGS
    listings_by_exchange: list[ExchangeRow] = []
    listings_by_status: list[FigureLink] = []
    listings_by_category: list[FigureLink] = []
    listings_by_district: list[FigureLink] = []
    agreements_done: int = 0
    hours_donated: str = ""
    pocket_money: str = ""
    ratings_count: int = 0
    ratings_average: str = ""
    # Stellvertretung: represented persons, and listings and agreements made through proxies.
    proxy_persons: int = 0
    proxy_listings: int = 0
    proxy_agreements: int = 0
    # The filters, to pre-fill the form (strings as the form sends them).
    f_from: str = ""
    f_to: str = ""
    f_district: str = ""
    f_exchange: str = ""
    form_key: str = ""
    areas: list[Option] = []
    exchanges: list[Option] = []

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        kommune_id = self._staff_kommune(actor)
        self.error, self.loaded, self.field_errors = "", False, {}
        if kommune_id is None:
            self.error = self._t("error.not_allowed")
            return None
        self._load_kommune_name(actor)
        filters = parse_dashboard(dict(self.router.url.query_parameters))
        self.f_from = filters.date_from.isoformat() if filters.date_from else ""
        self.f_to = filters.date_to.isoformat() if filters.date_to else ""
        self.f_district = str(filters.district or "")
        self.f_exchange = filters.exchange
        self.form_key = dashboard_query(filters) or "all"

        def figures(db: Session) -> Dashboard:
            self.areas = kommunen.area_options(db, kommune_id)
            self.exchanges = [
                Option(ex_type, self._t(f"exchange.{ex_type}"))
                for _, ex_type in kommunen.exchange_options(db, kommune_id)
            ]
            through_proxies = proxy_figures(db, actor, kommune_id)
            self.proxy_persons = through_proxies.persons
            self.proxy_listings = through_proxies.listings
            self.proxy_agreements = through_proxies.agreements
            return dashboard(db, actor, kommune_id, filters, self.lang)

        computed = self._run(figures, lines=Lines("error"))
        if not computed.ok or computed.value is None:
            return None
        d = computed.value
        self.pending_approvals, self.open_reports = d.pending_approvals, d.open_reports
        self.people_total, self.people_href = d.people_total, people_href(d.people_target)
        self.people_by_status = figure_links(d.people_by_status)
        self.listings_total = d.listings_total
        self.listings_href = listings_href(d.listings_target)
        self.listings_by_exchange = exchange_rows(d.listings_by_exchange)
        self.listings_by_status = figure_links(d.listings_by_status)
        self.listings_by_category = figure_links(d.listings_by_category)
        self.listings_by_district = figure_links(d.listings_by_district)
        self.agreements_done, self.hours_donated = d.agreements_done, d.hours_donated
        self.pocket_money = d.pocket_money
        self.ratings_count, self.ratings_average = d.ratings_count, d.ratings_average
        self.loaded = True
        return None

    @rx.event
    def apply(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        """Turn the form into a URL (bookmarkable); loading that URL computes the figures."""
        self._actor()
        filters = parse_dashboard({k: str(form.get(k, ""))[:20] for k in _FILTER_FIELDS})
        if not self._check(
            lambda: validate_dashboard_filters(filters),
            lines=Lines("error", form=form_fields("von", "bis")),
        ).ok:
            return self._focus_first_error()
        query = dashboard_query(filters)
        return rx.redirect(ROUTE + (f"?{query}" if query else ""))


# --- building blocks -------------------------------------------------------------------------


def number_card(label: str, value: rx.Var, href: rx.Var[str] | str | None = None) -> rx.Component:
    """A big number with its label; with `href` the whole card is one link."""
    body = rx.vstack(
        rx.text(value, size="8", weight="bold"),
        rx.text(t(label), size="3"),
        spacing="1",
    )
    return rx.card(
        rx.link(body, href=href, underline="hover") if href is not None else body,
        size="2",
        data_testid="figure",
    )


_STATUS_COLOURS = (
    ("pending", "var(--amber-9)"),
    ("approved", "var(--grass-9)"),
    ("published", "var(--grass-9)"),
    ("blocked", "var(--red-9)"),
    ("removed", "var(--red-9)"),
    ("suspended", "var(--orange-9)"),
    ("draft", "var(--gray-8)"),
    ("closed", "var(--blue-9)"),
    ("expired", "var(--gray-10)"),
    ("deleted", "var(--gray-6)"),
)


def figure_table(figures: rx.Var[list[FigureLink]]) -> rx.Component:
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(t("dash.col.what")),
                rx.table.column_header_cell(t("dash.col.count")),
            )
        ),
        rx.table.body(
            rx.foreach(
                figures,
                lambda fig: rx.table.row(
                    rx.table.cell(
                        rx.cond(fig.href != "", rx.link(fig.label, href=fig.href), fig.label)
                    ),
                    rx.table.cell(fig.count),
                ),
            )
        ),
        size="2",
        width="100%",
    )


# Recharts' keyboard layer makes the chart focusable; the table beside it is the way in by
# keyboard, and the chart is one image with a text alternative.
_NO_KEYBOARD_LAYER = {"accessibilityLayer": False}


def chart_alternative() -> dict[str, Any]:
    """Props of a chart's box: one image with a text alternative pointing to the table
    beside it, which holds the same numbers as links (WCAG 1.1.1)."""
    return {"width": "100%", "role": "img", "aria_label": t("a11y.chart")}


def bar_chart(figures: rx.Var[list[FigureLink]], vertical: bool = False) -> rx.Component:
    """Bars of `figures`; a click on a bar opens its list."""
    cells = rx.foreach(
        figures,
        lambda fig: rx.recharts.cell(
            on_click=rx.cond(fig.href != "", rx.redirect(fig.href), rx.noop()),
            style={"cursor": "pointer"},
        ),
    )
    bar = rx.recharts.bar(cells, data_key="count", name=t("dash.col.count"), fill="var(--accent-9)")
    if vertical:
        axes = [
            rx.recharts.x_axis(type_="number", allow_decimals=False),
            rx.recharts.y_axis(data_key="label", type_="category", width=190),
        ]
    else:
        axes = [rx.recharts.x_axis(data_key="label"), rx.recharts.y_axis(allow_decimals=False)]
    return rx.box(
        rx.recharts.bar_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
            *axes,
            rx.recharts.graphing_tooltip(),
            bar,
            data=figures.to(list[dict[str, Any]]),
            layout="vertical" if vertical else "horizontal",
            width="100%",
            custom_attrs=_NO_KEYBOARD_LAYER,
            # Lying bars: one row of 32 px each, so long lists stay readable.
            height=figures.length() * 32 + 60 if vertical else 300,
        ),
        **chart_alternative(),
    )


def _pie_chart(figures: rx.Var[list[FigureLink]]) -> rx.Component:
    return rx.box(
        rx.recharts.pie_chart(
            rx.recharts.pie(
                rx.foreach(
                    figures,
                    lambda fig: rx.recharts.cell(
                        fill=rx.match(fig.key, *_STATUS_COLOURS, "var(--accent-9)"),
                        on_click=rx.cond(fig.href != "", rx.redirect(fig.href), rx.noop()),
                        style={"cursor": "pointer"},
                    ),
                ),
                data=figures.to(list[dict[str, Any]]),
                data_key="count",
                name_key="label",
                label=True,
                outer_radius=90,
            ),
            rx.recharts.graphing_tooltip(),
            rx.recharts.legend(),
            width="100%",
            height=300,
            custom_attrs=_NO_KEYBOARD_LAYER,
        ),
        **chart_alternative(),
    )


def _section(title: str, *children: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.heading(t(title), size="5", as_="h2", margin_bottom="0.5rem"),
        *children,
        style={"width": "100%"},
    )


def _two_columns(left: rx.Component, right: rx.Component) -> rx.Component:
    return rx.grid(
        left, right, columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"
    )


# --- page ------------------------------------------------------------------------------------


def _filters() -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            t("dash.filters"),
            style={"font_weight": "700", "min_height": "48px", "cursor": "pointer"},
        ),
        rx.text(t("dash.filters_hint"), size="2", color_scheme="gray"),
        rx.form(
            rx.grid(
                forms.field(
                    t("dash.from"),
                    "von",
                    type_="date",
                    required=False,
                    value=DashboardState.f_from,
                    error=DashboardState.field_errors["von"],
                ),
                forms.field(
                    t("dash.to"),
                    "bis",
                    type_="date",
                    required=False,
                    value=DashboardState.f_to,
                    error=DashboardState.field_errors["bis"],
                ),
                forms.select(
                    t("dash.district"),
                    "ortsteil",
                    DashboardState.areas,
                    t("dash.all"),
                    required=False,
                    value=DashboardState.f_district,
                ),
                forms.select(
                    t("dash.exchange"),
                    "boerse",
                    DashboardState.exchanges,
                    t("dash.all"),
                    required=False,
                    value=DashboardState.f_exchange,
                ),
                columns=rx.breakpoints(initial="1", sm="2", lg="4"),
                spacing="3",
                width="100%",
            ),
            rx.hstack(
                rx.button(t("dash.apply"), type="submit", size="3"),
                link_button(t("dash.reset"), ROUTE, variant="soft"),
                wrap="wrap",
                spacing="3",
            ),
            on_submit=DashboardState.apply,
            reset_on_submit=False,
            key=DashboardState.form_key,
            width="100%",
        ),
        open=True,
        style={"width": "100%"},
    )


def _exchange_table() -> rx.Component:
    def row(r: rx.Var[ExchangeRow]) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(r.label),
            rx.table.cell(rx.link(r.offers, href=r.offers_href)),
            rx.table.cell(rx.link(r.requests, href=r.requests_href)),
            rx.table.cell(rx.link(r.running, href=r.running_href)),
            rx.table.cell(rx.link(r.total, href=r.total_href)),
        )

    return rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(t("dash.col.exchange")),
                rx.table.column_header_cell(t("dash.col.offers")),
                rx.table.column_header_cell(t("dash.col.requests")),
                rx.table.column_header_cell(t("dash.col.running")),
                rx.table.column_header_cell(t("dash.col.total")),
            )
        ),
        rx.table.body(rx.foreach(DashboardState.listings_by_exchange, row)),
        size="2",
        width="100%",
    )


def _exchange_chart() -> rx.Component:
    return rx.box(
        rx.recharts.bar_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
            rx.recharts.x_axis(data_key="label"),
            rx.recharts.y_axis(allow_decimals=False),
            rx.recharts.graphing_tooltip(),
            rx.recharts.legend(),
            rx.recharts.bar(
                data_key="offers", name=t("dash.col.offers"), stack_id="k", fill="var(--teal-9)"
            ),
            rx.recharts.bar(
                data_key="requests",
                name=t("dash.col.requests"),
                stack_id="k",
                fill="var(--amber-9)",
            ),
            data=DashboardState.listings_by_exchange.to(list[dict[str, Any]]),
            width="100%",
            height=300,
            custom_attrs=_NO_KEYBOARD_LAYER,
        ),
        **chart_alternative(),
    )


def _body() -> rx.Component:
    s = DashboardState
    return rx.vstack(
        _section(
            "dash.todo",
            rx.text(t("dash.todo_hint"), size="2", color_scheme="gray"),
            rx.grid(
                number_card("dash.pending_approvals", s.pending_approvals, routes.APPROVALS),
                number_card("dash.open_reports", s.open_reports, routes.REPORTS),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
        ),
        _section(
            "dash.figures",
            rx.grid(
                number_card("dash.people_total", s.people_total, s.people_href),
                number_card("dash.listings_total", s.listings_total, s.listings_href),
                number_card("dash.agreements_done", s.agreements_done),
                number_card(
                    DashboardFigure.HOURS_DONATED.label_key, s.hours_donated, routes.TIMEBANK
                ),
                number_card(DashboardFigure.POCKET_MONEY.label_key, s.pocket_money),
                number_card("dash.ratings_count", s.ratings_count, routes.RATINGS),
                number_card("dash.ratings_average", s.ratings_average, routes.RATINGS),
                columns=rx.breakpoints(initial="1", sm="2", md="3"),
                spacing="3",
                width="100%",
            ),
        ),
        _section(
            "dash.proxy",
            rx.grid(
                number_card("dash.proxy_persons", s.proxy_persons, routes.PROXIES),
                number_card("dash.proxy_listings", s.proxy_listings),
                number_card("dash.proxy_agreements", s.proxy_agreements),
                columns=rx.breakpoints(initial="1", sm="2", md="3"),
                spacing="3",
                width="100%",
            ),
        ),
        _section("dash.by_exchange", _exchange_table(), _exchange_chart()),
        _section(
            "dash.by_status",
            _two_columns(figure_table(s.listings_by_status), _pie_chart(s.listings_by_status)),
        ),
        _section(
            "dash.people_by_status",
            _two_columns(figure_table(s.people_by_status), _pie_chart(s.people_by_status)),
        ),
        _section(
            "dash.by_category",
            rx.cond(
                s.listings_by_category.length() > 0,
                _two_columns(
                    figure_table(s.listings_by_category),
                    rx.vstack(
                        bar_chart(s.listings_by_category, vertical=True),
                        rx.text(t("dash.chart_hint"), size="2", color_scheme="gray"),
                        width="100%",
                    ),
                ),
                rx.text(t("dash.none_yet")),
            ),
        ),
        _section(
            "dash.by_district",
            rx.cond(
                s.listings_by_district.length() > 0,
                _two_columns(
                    figure_table(s.listings_by_district),
                    bar_chart(s.listings_by_district, vertical=True),
                ),
                rx.text(t("dash.none_yet")),
            ),
        ),
        rx.cond(AdminSession.is_kommune_admin, timebank_totals_panel()),
        spacing="6",
        width="100%",
    )


def dashboard_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("dash.title"), " – ", AdminSession.kommune_name, size="7", as_="h1"),
            forms.error_summary(DashboardState.error, DashboardState.field_errors),
            rx.cond(AdminSession.is_kommune_admin, _filters()),
            rx.cond(DashboardState.loaded, _body()),
            width="100%",
            spacing="4",
        )
    )
