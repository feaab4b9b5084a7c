"""Statistics of all Kommunen for platform staff (/statistik): per month and per Kommune,
filtered by Kreis and date range (in the URL: ?kreis=…&von=…&bis=…), each chart with the
table of its numbers beside it and its CSV."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page, table_scroll_region
from admin_portal.pages.dashboard import chart_alternative
from admin_portal.state import AdminSession
from dasnez_core.formatting import format_date
from dasnez_core.services.kommunen import Option
from dasnez_core.services.platform_charts import (
    METRICS,
    TOP_KOMMUNEN,
    ChartFilters,
    KommuneRow,
    MonthRow,
    chart_csv,
    platform_charts,
    validate_chart_filters,
)
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.page_load import PageLoad

ROUTE = routes.PLATFORM_CHARTS
_NO_KEYBOARD_LAYER = {"accessibilityLayer": False}
_COLOURS = {
    "people": "var(--teal-9)",
    "listings": "var(--accent-9)",
    "agreements": "var(--amber-9)",
    "hours": "var(--grass-9)",
    "money": "var(--blue-9)",
}


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip()[:10]) if raw.strip() else None
    except ValueError:
        return None


def parse_chart_filters(params: dict[str, Any]) -> ChartFilters:
    """The filters of the URL; nonsense in one is dropped, the rest kept."""
    kreis = " ".join(str(params.get("kreis", "")).split())[:120]
    return ChartFilters(
        kreis=kreis,
        date_from=_day(str(params.get("von", ""))),
        date_to=_day(str(params.get("bis", ""))),
    )


def chart_query(filters: ChartFilters) -> str:
    values = {
        "kreis": filters.kreis,
        "von": filters.date_from.isoformat() if filters.date_from else "",
        "bis": filters.date_to.isoformat() if filters.date_to else "",
    }
    return urlencode({k: v for k, v in values.items() if v})


class PlatformChartsState(PageLoad, AdminSession):
    loaded: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    months: list[MonthRow] = []
    kommunen: list[KommuneRow] = []
    totals: MonthRow = MonthRow("", "", 0, 0, 0, 0.0, 0.0)
    kreise: list[Option] = []
    span: str = ""
    f_kreis: str = ""
    f_from: str = ""
    f_to: str = ""
    form_key: str = ""

    def _filters(self) -> ChartFilters:
        return parse_chart_filters(dict(self.router.url.query_parameters))

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.loaded, self.error, self.field_errors = False, "", {}
        self.months, self.kommunen = [], []
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        filters = self._filters()
        self.f_kreis = filters.kreis
        self.f_from = filters.date_from.isoformat() if filters.date_from else ""
        self.f_to = filters.date_to.isoformat() if filters.date_to else ""
        self.form_key = chart_query(filters) or "all"
        computed = self._run(
            lambda db: platform_charts(db, actor, filters),
            lines=Lines("error", form=form_fields("von", "bis")),
        )
        charts = computed.value
        if charts is None:
            return None
        self.months = charts.months
        self.kommunen = charts.kommunen[:TOP_KOMMUNEN]
        self.totals = charts.totals
        self.kreise = [Option(k, k) for k in charts.kreise]
        self.span = self._t(
            "charts.span",
            start=format_date(charts.date_from, self.lang),
            end=format_date(charts.date_to, self.lang),
        )
        self.loaded = True
        return None

    @rx.event
    def apply(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        """Turn the form into a bookmarkable URL; loading it computes the charts."""
        self._actor()
        filters = parse_chart_filters(
            {k: str(form.get(k, ""))[:120] for k in ("kreis", "von", "bis")}
        )
        if not self._check(
            lambda: validate_chart_filters(filters),
            lines=Lines("error", form=form_fields("von", "bis")),
        ).ok:
            return self._focus_first_error()
        query = chart_query(filters)
        return rx.redirect(ROUTE + (f"?{query}" if query else ""))

    @rx.event
    def download(self, chart: str) -> rx.event.EventSpec | None:
        """The CSV of one chart, for the filters of the page's URL."""
        actor = self._actor()
        which = str(chart)[:20]
        filters, lang = self._filters(), self.lang
        made = self._run(
            lambda db: chart_csv(platform_charts(db, actor, filters), which, lang),
            lines=Lines("error"),
        ).value
        if made is None:
            return None
        data, filename = made
        return rx.download(data=data, filename=filename, mime_type="text/csv;charset=utf-8")


def _csv_button(chart: str, label: rx.Var[str] | str) -> rx.Component:
    return rx.button(
        rx.icon("download", aria_hidden="true"),
        t("charts.csv_of").replace("{chart}", label),
        on_click=PlatformChartsState.download(chart),
        variant="soft",
        size="2",
    )


def _month_chart(metric: str) -> rx.Component:
    label = t(f"charts.metric.{metric}")
    return rx.el.section(
        rx.heading(t("charts.per_month").replace("{metric}", label), size="4", as_="h2"),
        rx.box(
            rx.recharts.bar_chart(
                rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
                rx.recharts.x_axis(data_key="label"),
                rx.recharts.y_axis(allow_decimals=metric in ("hours", "money")),
                rx.recharts.graphing_tooltip(),
                rx.recharts.bar(data_key=metric, name=label, fill=_COLOURS[metric]),
                data=PlatformChartsState.months.to(list[dict[str, Any]]),
                width="100%",
                height=220,
                custom_attrs=_NO_KEYBOARD_LAYER,
            ),
            **chart_alternative(),
        ),
        _csv_button(metric, label),
        style={"width": "100%"},
        data_testid=f"chart-{metric}",
    )


def _month_table() -> rx.Component:
    def row(m: rx.Var[MonthRow]) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(m.label),
            *[rx.table.cell(getattr(m, metric)) for metric in METRICS],
        )

    s = PlatformChartsState
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(t("charts.col.month")),
                    *[rx.table.column_header_cell(t(f"charts.metric.{m}")) for m in METRICS],
                )
            ),
            rx.table.body(
                rx.foreach(s.months, row),
                rx.table.row(
                    rx.table.row_header_cell(t("charts.total")),
                    *[rx.table.cell(getattr(s.totals, m)) for m in METRICS],
                    style={"font_weight": "700"},
                ),
            ),
            size="1",
            width="100%",
        ),
        **table_scroll_region(),
    )


def _kommune_section() -> rx.Component:
    def row(k: rx.Var[KommuneRow]) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(k.name),
            rx.table.cell(k.kreis),
            *[rx.table.cell(getattr(k, metric)) for metric in METRICS],
        )

    return rx.el.section(
        rx.heading(
            t("charts.per_kommune").replace("{count}", str(TOP_KOMMUNEN)), size="4", as_="h2"
        ),
        rx.box(
            rx.recharts.bar_chart(
                rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
                rx.recharts.x_axis(type_="number", allow_decimals=False),
                rx.recharts.y_axis(data_key="name", type_="category", width=170),
                rx.recharts.graphing_tooltip(),
                rx.recharts.legend(),
                rx.recharts.bar(
                    data_key="people", name=t("charts.metric.people"), fill=_COLOURS["people"]
                ),
                rx.recharts.bar(
                    data_key="listings", name=t("charts.metric.listings"), fill=_COLOURS["listings"]
                ),
                rx.recharts.bar(
                    data_key="agreements",
                    name=t("charts.metric.agreements"),
                    fill=_COLOURS["agreements"],
                ),
                data=PlatformChartsState.kommunen.to(list[dict[str, Any]]),
                layout="vertical",
                width="100%",
                height=PlatformChartsState.kommunen.length() * 40 + 80,
                custom_attrs=_NO_KEYBOARD_LAYER,
            ),
            **chart_alternative(),
        ),
        rx.box(
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell(t("charts.col.kommune")),
                        rx.table.column_header_cell(t("charts.col.kreis")),
                        *[rx.table.column_header_cell(t(f"charts.metric.{m}")) for m in METRICS],
                    )
                ),
                rx.table.body(rx.foreach(PlatformChartsState.kommunen, row)),
                size="1",
                width="100%",
            ),
            **table_scroll_region(),
        ),
        _csv_button("kommunen", t("charts.col.kommune")),
        style={"width": "100%"},
        data_testid="chart-kommunen",
    )


def _filters() -> rx.Component:
    s = PlatformChartsState
    return rx.form(
        rx.grid(
            forms.select(
                t("charts.kreis"),
                "kreis",
                s.kreise,
                t("charts.all_kreise"),
                required=False,
                value=s.f_kreis,
            ),
            forms.field(
                t("charts.from"),
                "von",
                type_="date",
                required=False,
                value=s.f_from,
                error=s.field_errors["von"],
            ),
            forms.field(
                t("charts.to"),
                "bis",
                type_="date",
                required=False,
                value=s.f_to,
                error=s.field_errors["bis"],
            ),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="3",
            width="100%",
        ),
        rx.hstack(
            rx.button(t("charts.apply"), type="submit", size="3"),
            link_button(t("charts.reset"), ROUTE, variant="soft"),
            spacing="3",
        ),
        on_submit=PlatformChartsState.apply,
        reset_on_submit=False,
        key=s.form_key,
        width="100%",
    )


def platform_charts_page() -> rx.Component:
    s = PlatformChartsState
    return admin_page(
        rx.vstack(
            rx.heading(t("charts.title"), size="7", as_="h1"),
            rx.text(t("charts.intro")),
            forms.error_summary(s.error, s.field_errors),
            rx.cond(AdminSession.is_platform_admin, _filters()),
            rx.cond(
                s.loaded,
                rx.vstack(
                    rx.text(s.span, weight="bold"),
                    _month_table(),
                    rx.grid(
                        *[_month_chart(metric) for metric in METRICS],
                        columns=rx.breakpoints(initial="1", md="2"),
                        spacing="5",
                        width="100%",
                    ),
                    _kommune_section(),
                    spacing="5",
                    width="100%",
                ),
            ),
            width="100%",
            spacing="4",
        )
    )
