"""Info-Box (/info-box): notes, events and links on the Kommune's public page, shown within
their publish period, in order."""

from __future__ import annotations

from datetime import date

import reflex as rx

from admin_portal.components import admin_section, order_buttons, state_badge
from admin_portal.masterdata_page import masterdata_page
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
from dasnez_ui.params import parse_id

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


class InfoBoxState(PagedMasterData, KommuneAdminState):
    rows: list[InfoItemRow] = []
    add_key: int = 0
    sel_id: int = 0
    # title, body, link, event date, publish from, publish until of the item being edited
    sel_values: list[str] = ["", "", "", "", "", ""]
    edit_key: int = 0

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
        actor = self._actor()
        if self._admin_kommune(actor) is None or not self._open(parse_id(item_id)):
            self.error, self.success = self._t("masterdata.info_not_found"), ""
            return None
        self.error = self.success = ""
        return rx.set_focus("edit_title")

    @rx.event
    def add(self, form: dict[str, str]) -> None:
        actor = self._actor()
        values = _values(form, "new_")
        if self._change(
            actor,
            lambda db, kommune_id: add_info_item(db, actor, kommune_id, values),
            "masterdata.info.added",
        ):
            self.add_key += 1
            self._reload(actor)

    @rx.event
    def save(self, form: dict[str, str]) -> None:
        actor = self._actor()
        item_id = parse_id(form.get("item_id")) or 0
        values = _values(form, "edit_")
        if self._change(
            actor,
            lambda db, kommune_id: update_info_item(db, actor, kommune_id, item_id, values),
            "masterdata.info.saved",
        ):
            self._reload(actor)
            self._open(item_id)

    @rx.event
    def move(self, item_id: int, direction: str) -> None:
        actor = self._actor()
        target = parse_id(item_id) or 0
        way = str(direction)[:10]
        if self._change(
            actor,
            lambda db, kommune_id: move_info_item(db, actor, kommune_id, target, way),
            "masterdata.order_saved",
        ):
            self._reload(actor)

    @rx.event
    def delete(self, item_id: int) -> None:
        actor = self._actor()
        target = parse_id(item_id) or 0
        title = self.sel_values[0]
        if self._change(
            actor,
            lambda db, kommune_id: delete_info_item(db, actor, kommune_id, target),
            "masterdata.info.deleted",
            name=title,
        ):
            self._open(None)
            self._reload(actor)


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
        ),
        style={"margin_bottom": "1rem"},
    )


def _fields(prefix: str, values: list[rx.Var[str]] | None = None) -> tuple[rx.Component, ...]:
    """The same fields in the add and the edit form (each with its own ids)."""
    title, body, link, event, start, end = values or [""] * len(_FIELDS)

    def day(key: str, name: str, value: rx.Var[str] | str) -> rx.Component:
        return forms.field(t(key), f"{prefix}{name}", type_="date", required=False, value=value)

    return (
        forms.field(
            t("masterdata.info.title_field"),
            f"{prefix}title",
            max_length=INFO_TITLE_MAX,
            value=title,
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
        ),
        rx.hstack(
            day("masterdata.info.event_date", "event", event),
            day("masterdata.info.publish_from", "from", start),
            day("masterdata.info.publish_until", "until", end),
            spacing="4",
            wrap="wrap",
        ),
    )


def _add_form() -> rx.Component:
    return admin_section(
        t("masterdata.info.add_title"),
        "info-add",
        rx.form(
            *_fields("new_"),
            rx.button(t("masterdata.info.add"), type="submit", size="3"),
            on_submit=InfoBoxState.add,
            reset_on_submit=False,
            key=InfoBoxState.add_key.to_string(),
            width="100%",
        ),
    )


def _edit_panel() -> rx.Component:
    return admin_section(
        t("masterdata.info.edit_title").replace("{name}", InfoBoxState.sel_values[0]),
        "info-edit",
        rx.form(
            rx.el.input(type="hidden", name="item_id", value=InfoBoxState.sel_id.to_string()),
            *_fields("edit_", [InfoBoxState.sel_values[i] for i in range(len(_FIELDS))]),
            rx.button(t("common.save"), type="submit", size="3"),
            on_submit=InfoBoxState.save,
            reset_on_submit=False,
            key=InfoBoxState.edit_key.to_string(),
            width="100%",
        ),
        rx.hstack(
            rx.button(
                t("masterdata.info.delete"),
                on_click=InfoBoxState.delete(InfoBoxState.sel_id),
                color_scheme="red",
                variant="soft",
                size="3",
            ),
            rx.button(
                t("masterdata.close"), on_click=InfoBoxState.close, variant="outline", size="3"
            ),
            spacing="3",
            padding_top="1rem",
            wrap="wrap",
        ),
    )


def _row(row: rx.Var[InfoItemRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row.title),
        rx.table.cell(row.event_label),
        rx.table.cell(row.period),
        rx.table.cell(state_badge(row.state)),
        rx.table.cell(order_buttons(row.id, row.first, row.last, row.title, InfoBoxState.move)),
        rx.table.cell(
            rx.button(
                t("masterdata.edit"),
                on_click=InfoBoxState.select(row.id),
                aria_label=t("masterdata.edit") + " " + row.title,
                size="3",
                variant="soft",
            )
        ),
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
