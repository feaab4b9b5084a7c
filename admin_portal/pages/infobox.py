"""Info-Box (/info-box): notes, events and links on the Kommune's public page, shown within
their publish period, in order."""

from __future__ import annotations

from datetime import date

import reflex as rx

from admin_portal.components import admin_section
from admin_portal.masterdata_page import (
    add_section,
    date_fields,
    edit_form,
    masterdata_page,
    panel_actions,
    published_cells,
)
from admin_portal.state import KommuneAdminState, PagedMasterData
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.services.masterdata import URL_MAX
from dasnez_core.services.masterdata_public import (
    INFO_BODY_MAX,
    INFO_TITLE_MAX,
    InfoItemInput,
    InfoItemRow,
    add_info_item,
    delete_info_item,
    list_info_items,
    move_info_item,
    update_info_item,
)
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Form, form_fields

_FIELDS = ("title", "body", "link", "event", "from", "until")


def _values(form: dict[str, str], prefix: str) -> InfoItemInput:
    title, body, link, event, start, end = (
        str(form.get(f"{prefix}{name}", ""))[:5000] for name in _FIELDS
    )
    return InfoItemInput(
        title=title[:500],
        body=body,
        link_url=link[:2000],
        event_date=event[:20],
        publish_from=start[:20],
        publish_until=end[:20],
    )


def _form_of(prefix: str) -> Form:
    return form_fields(
        "title",
        "body",
        prefix=prefix,
        link_url=f"{prefix}link",
        event_date=f"{prefix}event",
        publish_from=f"{prefix}from",
        publish_until=f"{prefix}until",
    )


class InfoBoxState(PagedMasterData, KommuneAdminState):
    rows: list[InfoItemRow] = []
    # title, body, link, event date, publish from, publish until of the item being edited
    sel_values: list[str] = ["", "", "", "", "", ""]

    def _reload(self, actor: Actor) -> None:
        kommune_id = self._own_kommune(actor)
        with session_scope() as db:
            listing = list_info_items(db, actor, kommune_id, date.today(), self.page, self.lang)
        self.rows, self.page, self.pages = listing.rows, listing.page, listing.pages

    def _open(self, item_id: int | None) -> bool:
        row = next((r for r in self.rows if r.id == item_id), None)
        self.sel_id = row.id if row else 0
        self.sel_values = (
            [
                row.title,
                row.body,
                row.link_url,
                row.event_date,
                row.publish_from,
                row.publish_until,
            ]
            if row
            else [""] * len(_FIELDS)
        )
        self.edit_key += 1
        return row is not None

    @rx.event
    def select(self, item_id: int) -> rx.event.EventSpec | None:
        return self._select_row("masterdata.info_not_found", item_id, focus="edit_title")

    @rx.event
    def add(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        return self._add_row(
            "masterdata.info.added", add_info_item, _values(form, "new_"), form=_form_of("new_")
        )

    @rx.event
    def save(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        values = _values(form, "edit_")
        return self._save_row(
            "masterdata.info.saved",
            update_info_item,
            form.get("item_id"),
            values,
            form=_form_of("edit_"),
        )

    @rx.event
    def move(self, item_id: int, direction: str) -> None:
        self._move_row(move_info_item, item_id, direction)

    @rx.event
    def delete(self, item_id: int) -> None:
        title = self.sel_values[0]
        self._remove_row("masterdata.info.deleted", delete_info_item, item_id, name=title)


def _optional_textarea(label: rx.Var[str], name: str, value: rx.Var[str] | str) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=name, style={"font_weight": "600", "display": "block"}),
        rx.el.textarea(
            id=name,
            name=name,
            rows=4,
            max_length=INFO_BODY_MAX,
            default_value=value,
            style=forms.FIELD_STYLE,
            **forms.invalid_props(name, InfoBoxState.field_errors[name]),
        ),
        forms.field_error(name, InfoBoxState.field_errors[name]),
        style={"margin_bottom": "1rem"},
    )


def _fields(prefix: str, values: list[rx.Var[str]] | None = None) -> tuple[rx.Component, ...]:
    """The same fields in the add and the edit form (each with its own ids)."""
    title, body, link, event, start, end = values or [""] * len(_FIELDS)
    return (
        forms.field(
            t("masterdata.info.title_field"),
            f"{prefix}title",
            max_length=INFO_TITLE_MAX,
            value=title,
            error=InfoBoxState.field_errors[f"{prefix}title"],
        ),
        _optional_textarea(t("masterdata.info.body"), f"{prefix}body", body),
        forms.field(
            t("masterdata.info.link"),
            f"{prefix}link",
            max_length=URL_MAX,
            input_mode="url",
            required=False,
            hint=t("masterdata.url_hint_optional"),
            value=link,
            error=InfoBoxState.field_errors[f"{prefix}link"],
        ),
        date_fields(
            InfoBoxState,
            ("masterdata.info.event_date", f"{prefix}event", event),
            ("masterdata.info.publish_from", f"{prefix}from", start),
            ("masterdata.info.publish_until", f"{prefix}until", end),
        ),
    )


def _add_form() -> rx.Component:
    return add_section(
        InfoBoxState,
        "masterdata.info.add_title",
        "info-add",
        "masterdata.info.add",
        *_fields("new_"),
    )


def _edit_panel() -> rx.Component:
    return admin_section(
        t("masterdata.info.edit_title").replace("{name}", InfoBoxState.sel_values[0]),
        "info-edit",
        edit_form(
            InfoBoxState,
            "item_id",
            *_fields("edit_", [InfoBoxState.sel_values[i] for i in range(len(_FIELDS))]),
            submit=t("common.save"),
            on_submit=InfoBoxState.save,
        ),
        panel_actions(InfoBoxState, "masterdata.info.delete"),
    )


def _row(row: rx.Var[InfoItemRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row.title),
        rx.table.cell(row.event_label),
        *published_cells(InfoBoxState, row, row.title),
    )


def infobox_page() -> rx.Component:
    return masterdata_page(
        InfoBoxState,
        "masterdata.info.title",
        hint_key="masterdata.info.hint",
        edit_panel=_edit_panel(),
        add_form=_add_form(),
        columns=(
            "masterdata.info.title_field",
            "masterdata.info.col_event",
            "masterdata.col_period",
            "masterdata.col_state",
            "masterdata.col_order",
            "admin.col.action",
        ),
        row=_row,
    )
