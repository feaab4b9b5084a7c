"""Platform staff: all Kommunen with their figures (/kommunen)."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.state import AdminSession
from dasnez_core.services.platform import KommuneStats, kommunen_stats
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines


class KommunenState(AdminSession):
    rows: list[KommuneStats] = []
    error: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        stats = self._run(lambda db: kommunen_stats(db, actor), lines=Lines("error"))
        self.rows = stats.value if stats.ok else []
        return None


def kommunen_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("admin.kommunen_title"), size="7", as_="h1"),
            rx.text(t("admin.platform_hint")),
            forms.error_line(KommunenState.error),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell(t("admin.kommune")),
                        rx.table.column_header_cell(t("admin.col.approved_users")),
                        rx.table.column_header_cell(t("admin.col.pending_users")),
                        rx.table.column_header_cell(t("admin.col.listings")),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        KommunenState.rows,
                        lambda r: rx.table.row(
                            rx.table.cell(r.name),
                            rx.table.cell(r.approved_users),
                            rx.table.cell(r.pending_users),
                            rx.table.cell(r.published_listings),
                        ),
                    )
                ),
                width="100%",
            ),
            width="100%",
            spacing="4",
        )
    )
