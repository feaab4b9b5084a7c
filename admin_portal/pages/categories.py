"""Categories per exchange (/kategorien): add, rename, deactivate or reactivate, delete unused."""

from __future__ import annotations

import reflex as rx

from admin_portal.components import admin_section
from admin_portal.masterdata_page import masterdata_page
from admin_portal.state import KommuneAdminState, PagedMasterData
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.models import ExchangeType
from dasnez_core.services.kommunen import Option
from dasnez_core.services.masterdata import exchange_choices
from dasnez_core.services.masterdata_catalog import (
    CATEGORY_NAME_MAX,
    CategoryRow,
    add_category,
    delete_category,
    list_categories,
    rename_category,
    set_category_active,
)
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.params import parse_id


class CategoriesState(PagedMasterData, KommuneAdminState):
    rows: list[CategoryRow] = []
    exchanges: list[Option] = []
    add_key: int = 0
    sel_id: int = 0
    sel_name: str = ""
    sel_active: bool = True
    edit_key: int = 0

    def _reload(self, actor: Actor) -> None:
        kommune_id = self._own_kommune(actor)
        with session_scope() as db:
            listing = list_categories(db, actor, kommune_id, self.page)
            self.exchanges = [
                Option(str(ex_id), self._t(f"exchange.{ex_type}"))
                for ex_id, ex_type, _enabled in exchange_choices(db, actor, kommune_id)
            ]
        self.rows, self.page, self.pages = listing.rows, listing.page, listing.pages
        if self.sel_id:
            self._open(self.sel_id)

    def _open(self, category_id: int | None) -> bool:
        row = next((r for r in self.rows if r.id == category_id), None)
        if row is None:
            self.sel_id, self.sel_name, self.sel_active = 0, "", True
            return False
        if row.id != self.sel_id or row.name != self.sel_name:
            self.edit_key += 1
        self.sel_id, self.sel_name, self.sel_active = row.id, row.name, row.active
        return True

    @rx.event
    def select(self, category_id: int) -> rx.event.EventSpec | None:
        actor = self._actor()
        if self._admin_kommune(actor) is None or not self._open(parse_id(category_id)):
            self.error, self.success = self._t("masterdata.category_not_found"), ""
            return None
        self.error = self.success = ""
        return rx.set_focus("edit_name")

    @rx.event
    def add(self, form: dict[str, str]) -> None:
        actor = self._actor()
        exchange_id = parse_id(form.get("new_exchange")) or 0
        name = str(form.get("new_name", ""))[:500]
        if self._change(
            actor,
            lambda db, kommune_id: add_category(db, actor, kommune_id, exchange_id, name),
            "masterdata.categories.added",
        ):
            self.add_key += 1
            self._reload(actor)

    @rx.event
    def rename(self, form: dict[str, str]) -> None:
        actor = self._actor()
        category_id = parse_id(form.get("category_id")) or 0
        name = str(form.get("edit_name", ""))[:500]
        if self._change(
            actor,
            lambda db, kommune_id: rename_category(db, actor, kommune_id, category_id, name),
            "masterdata.categories.renamed",
        ):
            self._reload(actor)

    @rx.event
    def deactivate(self, category_id: int) -> None:
        actor = self._actor()
        self._set_active(actor, parse_id(category_id) or 0, active=False)

    @rx.event
    def reactivate(self, category_id: int) -> None:
        actor = self._actor()
        self._set_active(actor, parse_id(category_id) or 0, active=True)

    def _set_active(self, actor: Actor, category_id: int, *, active: bool) -> None:
        name = next((r.name for r in self.rows if r.id == category_id), "")
        if self._change(
            actor,
            lambda db, kommune_id: set_category_active(db, actor, kommune_id, category_id, active),
            "masterdata.categories.reactivated" if active else "masterdata.categories.deactivated",
            name=name,
        ):
            self._reload(actor)

    @rx.event
    def delete(self, category_id: int) -> None:
        actor = self._actor()
        target = parse_id(category_id) or 0
        if self._change(
            actor,
            lambda db, kommune_id: delete_category(db, actor, kommune_id, target),
            "masterdata.categories.deleted",
            name=self.sel_name,
        ):
            self._open(None)
            self._reload(actor)


def exchange_name(exchange_type: rx.Var[str]) -> rx.Component:
    return rx.match(
        exchange_type,
        *[(ex.value, t(f"exchange.{ex.value}")) for ex in ExchangeType],
        exchange_type,
    )


def _toggle(row_id: rx.Var[int], active: rx.Var[bool], name: rx.Var[str]) -> rx.Component:
    """Deactivate an active category, reactivate an inactive one."""
    return rx.cond(
        active,
        rx.button(
            t("masterdata.categories.deactivate"),
            on_click=CategoriesState.deactivate(row_id),
            aria_label=t("masterdata.categories.deactivate") + " " + name,
            size="3",
            variant="outline",
        ),
        rx.button(
            t("masterdata.categories.reactivate"),
            on_click=CategoriesState.reactivate(row_id),
            aria_label=t("masterdata.categories.reactivate") + " " + name,
            size="3",
            variant="outline",
        ),
    )


def _add_form() -> rx.Component:
    return admin_section(
        t("masterdata.categories.add_title"),
        "category-add",
        rx.form(
            forms.select(
                t("masterdata.categories.exchange"),
                "new_exchange",
                CategoriesState.exchanges,
                t("common.choose"),
            ),
            forms.field(t("masterdata.categories.name"), "new_name", max_length=CATEGORY_NAME_MAX),
            rx.button(t("masterdata.categories.add"), type="submit", size="3"),
            on_submit=CategoriesState.add,
            reset_on_submit=False,
            key=CategoriesState.add_key.to_string(),
            width="100%",
        ),
    )


def _edit_panel() -> rx.Component:
    return admin_section(
        t("masterdata.categories.edit_title").replace("{name}", CategoriesState.sel_name),
        "category-edit",
        rx.form(
            rx.el.input(
                type="hidden", name="category_id", value=CategoriesState.sel_id.to_string()
            ),
            forms.field(
                t("masterdata.categories.new_name"),
                "edit_name",
                max_length=CATEGORY_NAME_MAX,
                value=CategoriesState.sel_name,
            ),
            rx.button(t("masterdata.categories.rename"), type="submit", size="3"),
            on_submit=CategoriesState.rename,
            reset_on_submit=False,
            key=CategoriesState.edit_key.to_string(),
            width="100%",
        ),
        rx.hstack(
            _toggle(CategoriesState.sel_id, CategoriesState.sel_active, CategoriesState.sel_name),
            rx.button(
                t("masterdata.categories.delete"),
                on_click=CategoriesState.delete(CategoriesState.sel_id),
                color_scheme="red",
                variant="soft",
                size="3",
            ),
            rx.button(
                t("masterdata.close"), on_click=CategoriesState.close, variant="outline", size="3"
            ),
            spacing="3",
            padding_top="1rem",
            wrap="wrap",
        ),
    )


def _row(row: rx.Var[CategoryRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            exchange_name(row.exchange_type),
            rx.cond(
                row.exchange_enabled,
                rx.fragment(),
                rx.text(t("masterdata.categories.exchange_off"), size="2", color_scheme="gray"),
            ),
        ),
        rx.table.row_header_cell(row.name),
        rx.table.cell(
            rx.cond(
                row.active,
                rx.badge(t("masterdata.categories.active"), color_scheme="green", size="2"),
                rx.badge(t("masterdata.categories.inactive"), color_scheme="gray", size="2"),
            )
        ),
        rx.table.cell(row.listings),
        rx.table.cell(
            rx.hstack(
                rx.button(
                    t("masterdata.edit"),
                    on_click=CategoriesState.select(row.id),
                    aria_label=t("masterdata.edit") + " " + row.name,
                    size="3",
                    variant="soft",
                ),
                _toggle(row.id, row.active, row.name),
                spacing="2",
                wrap="wrap",
            )
        ),
    )


def categories_page() -> rx.Component:
    return masterdata_page(
        CategoriesState,
        "masterdata.categories.title",
        hint_key="masterdata.categories.hint",
        edit_panel=_edit_panel(),
        add_form=_add_form(),
        columns=(
            "masterdata.categories.exchange",
            "masterdata.categories.name",
            "masterdata.categories.status",
            "masterdata.col_listings",
            "admin.col.action",
        ),
        row=_row,
    )
