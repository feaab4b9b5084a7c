"""Demand from towns not on dasnez yet, for platform staff (/nachfrage): confirmed
sign-ups of the interest form that still wait, per Kreis and per postcode."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page, table_scroll_region
from admin_portal.state import AdminSession
from dasnez_core.services.interest import DemandRow, interest_demand
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines
from dasnez_ui.page_load import PageLoad


class DemandState(PageLoad, AdminSession):
    loaded: bool = False
    error: str = ""
    by_kreis: list[DemandRow] = []
    by_postcode: list[DemandRow] = []
    figures: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.loaded, self.error, self.by_kreis, self.by_postcode = False, "", [], []
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        demand = self._run(lambda db: interest_demand(db, actor), lines=Lines("error")).value
        if demand is None:
            return None
        unknown = self._t("demand.unknown_kreis")
        self.by_kreis = [
            DemandRow(
                r.key or unknown,
                r.kreis or unknown,
                r.total,
                r.citizens,
                r.administration,
                r.institutions,
            )
            for r in demand.by_kreis
        ]
        self.by_postcode = [
            DemandRow(
                r.key, r.kreis or unknown, r.total, r.citizens, r.administration, r.institutions
            )
            for r in demand.by_postcode
        ]
        self.figures = self._t(
            "demand.figures",
            waiting=demand.waiting,
            unconfirmed=demand.unconfirmed,
            notified=demand.notified,
        )
        self.loaded = True
        return None


def _table(rows: rx.Var[list[DemandRow]], first: str, with_kreis: bool) -> rx.Component:
    def row(r: rx.Var[DemandRow]) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(r.key),
            *([rx.table.cell(r.kreis)] if with_kreis else []),
            rx.table.cell(r.total),
            rx.table.cell(r.citizens),
            rx.table.cell(r.administration),
            rx.table.cell(r.institutions),
        )

    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(t(first)),
                    *([rx.table.column_header_cell(t("demand.col.kreis"))] if with_kreis else []),
                    rx.table.column_header_cell(t("demand.col.total")),
                    rx.table.column_header_cell(t("demand.col.citizens")),
                    rx.table.column_header_cell(t("demand.col.administration")),
                    rx.table.column_header_cell(t("demand.col.institutions")),
                )
            ),
            rx.table.body(rx.foreach(rows, row)),
            size="2",
            width="100%",
        ),
        **table_scroll_region(),
    )


def demand_page() -> rx.Component:
    s = DemandState
    return admin_page(
        rx.vstack(
            rx.heading(t("demand.title"), size="7", as_="h1"),
            rx.text(t("demand.intro")),
            forms.error_line(s.error),
            rx.cond(
                s.loaded,
                rx.vstack(
                    rx.text(s.figures, weight="bold", data_testid="demand-figures"),
                    rx.cond(
                        s.by_postcode.length() > 0,
                        rx.vstack(
                            rx.heading(t("demand.by_kreis"), size="5", as_="h2"),
                            _table(s.by_kreis, "demand.col.kreis", False),
                            rx.heading(t("demand.by_postcode"), size="5", as_="h2"),
                            _table(s.by_postcode, "demand.col.postcode", True),
                            width="100%",
                            spacing="3",
                        ),
                        rx.text(t("demand.none")),
                    ),
                    width="100%",
                    spacing="4",
                ),
            ),
            width="100%",
            spacing="4",
        )
    )
