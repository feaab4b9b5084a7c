"""The frame every master-data page shares: heading, the admin's Kommune, an optional
hint, the outcome lines, then the edit panel (or the add form), the table and its pager;
and the pieces of those forms and rows that are the same on every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from admin_portal.components import admin_page, admin_section, order_buttons, pager, state_badge
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
            forms.error_summary(state.error, state.field_errors),
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


def add_section(
    state: Any, title_key: str, anchor: str, submit_key: str, *fields: rx.Component
) -> rx.Component:
    """The add form: its `fields` and the add button, sent to `state.add`; a new
    `add_key` empties it after a success (on an error it keeps what was typed)."""
    return admin_section(
        t(title_key),
        anchor,
        rx.form(
            *fields,
            rx.button(t(submit_key), type="submit", size="3"),
            no_validate=True,
            on_submit=state.add,
            reset_on_submit=False,
            key=state.add_key.to_string(),
            width="100%",
        ),
    )


def edit_form(
    state: Any,
    id_name: str,
    *fields: rx.Component,
    submit: rx.Var[str],
    on_submit: Any,
    key: rx.Var[str] | None = None,
    **props: Any,
) -> rx.Component:
    """One form of the edit panel: the selected row's id (hidden, as `id_name`), `fields`
    and the submit button; it keeps what was typed when the change fails."""
    return rx.form(
        rx.el.input(type="hidden", name=id_name, value=state.sel_id.to_string()),
        *fields,
        rx.button(submit, type="submit", size="3"),
        no_validate=True,
        on_submit=on_submit,
        reset_on_submit=False,
        key=state.edit_key.to_string() if key is None else key,
        width="100%",
        **props,
    )


def panel_actions(state: Any, delete_key: str, *before: rx.Component) -> rx.Component:
    """The row below the edit panel's forms: `before`, delete the row, close the panel."""
    return rx.hstack(
        *before,
        rx.button(
            t(delete_key),
            on_click=state.delete(state.sel_id),
            color_scheme="red",
            variant="soft",
            size="3",
        ),
        rx.button(t("masterdata.close"), on_click=state.close, variant="outline", size="3"),
        spacing="3",
        padding_top="1rem",
        wrap="wrap",
    )


def edit_button(state: Any, row_id: rx.Var[int], name: rx.Var[str]) -> rx.Component:
    """A row's button that opens its edit panel (named with the row for screen readers)."""
    return rx.button(
        t("masterdata.edit"),
        on_click=state.select(row_id),
        aria_label=t("masterdata.edit") + " " + name,
        size="3",
        variant="soft",
    )


def date_fields(state: Any, *fields: tuple[str, str, rx.Var[str] | str]) -> rx.Component:
    """Optional date fields side by side, each given as (label key, name, value); each
    shows its error from `state.field_errors`."""
    return rx.hstack(
        *(
            forms.field(
                t(key),
                name,
                type_="date",
                required=False,
                value=value,
                error=state.field_errors[name],
            )
            for key, name, value in fields
        ),
        spacing="4",
        wrap="wrap",
    )


def published_cells(state: Any, row: Any, name: rx.Var[str]) -> tuple[rx.Component, ...]:
    """The last cells of an entry of the public page (a sponsor, an info item): its
    period, whether it shows today, its place in the order, and the edit button."""
    return (
        rx.table.cell(row.period),
        rx.table.cell(state_badge(row.state)),
        rx.table.cell(order_buttons(row.id, row.first, row.last, name, state.move)),
        rx.table.cell(edit_button(state, row.id, name)),
    )
