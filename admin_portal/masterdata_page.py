"""The frame every master-data page shares: heading, the admin's Kommune, an optional
hint, the outcome lines, then the edit panel (or the add form), the table and its pager."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from admin_portal.components import admin_page, pager
from dasnez_ui import forms
from dasnez_ui.lang import t


def masterdata_page(
    state: Any,
    title_key: str,
    *,
    hint_key: str | None = None,
    edit_panel: rx.Component,
    add_form: rx.Component,
    columns: tuple[str, ...],
    row: Callable[[Any], rx.Component],
) -> rx.Component:
    """A master-data page of `state` (a PagedMasterData + KommuneAdminState page state
    with `rows` and `sel_id`): `columns` are the catalog keys of the table's headers,
    `row` renders one of `state.rows`. The edit panel shows while a row is selected."""
    return admin_page(
        rx.vstack(
            rx.heading(t(title_key), size="7", as_="h1"),
            rx.text(t("admin.kommune"), ": ", state.kommune_name, color_scheme="gray"),
            *([rx.text(t(hint_key))] if hint_key else []),
            forms.error_line(state.error),
            forms.success_line(state.success),
            rx.cond(
                state.ready,
                rx.vstack(
                    rx.cond(state.sel_id != 0, edit_panel, add_form),
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(*[rx.table.column_header_cell(t(key)) for key in columns])
                        ),
                        rx.table.body(rx.foreach(state.rows, row)),
                        width="100%",
                    ),
                    pager(state.page, state.pages, state.show_page),
                    width="100%",
                    spacing="4",
                ),
            ),
            width="100%",
            spacing="4",
        )
    )
