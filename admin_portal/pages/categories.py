"""Categories per exchange (/kategorien): add, rename, deactivate or reactivate, delete unused."""

from __future__ import annotations

import reflex as rx

from admin_portal.components import admin_section
from admin_portal.masterdata_page import (
    add_section,
    edit_button,
    edit_form,
    masterdata_page,
    panel_actions,
)
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
from dasnez_ui.outcome import form_fields
from dasnez_ui.params import parse_id


class CategoriesState(PagedMasterData, KommuneAdminState):
    rows: list[CategoryRow] = []
    exchanges: list[Option] = []
    sel_name: str = ""
    sel_name_en: str = ""
    sel_active: bool = True

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
            self.sel_id, self.sel_name, self.sel_name_en, self.sel_active = 0, "", "", True
            return False
        if row.id != self.sel_id or (row.name, row.name_en) != (self.sel_name, self.sel_name_en):
            self.edit_key += 1
        self.sel_id, self.sel_name, self.sel_active = row.id, row.name, row.active
        self.sel_name_en = row.name_en
        return True

    @rx.event
    def select(self, category_id: int) -> rx.event.EventSpec | None:
        return self._select_row("masterdata.category_not_found", category_id)

    @rx.event
    def add(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        exchange_id = parse_id(form.get("new_exchange")) or 0
        name = str(form.get("new_name", ""))[:500]
        name_en = str(form.get("new_name_en", ""))[:500]
        return self._add_row(
            "masterdata.categories.added",
            add_category,
            exchange_id,
            name,
            name_en,
            form=form_fields("name", "name_en", prefix="new_", exchange_id="new_exchange"),
        )

    @rx.event
    def rename(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        category_id = parse_id(form.get("category_id")) or 0
        name = str(form.get("edit_name", ""))[:500]
        name_en = str(form.get("edit_name_en", ""))[:500]
        # The reload refills the open edit panel with the new names.
        if self._own_change(
            "masterdata.categories.renamed",
            rename_category,
            category_id,
            name,
            name_en,
            form=form_fields("name", "name_en", prefix="edit_"),
        ):
            return None
        return self._focus_first_error()

    @rx.event
    def deactivate(self, category_id: int) -> None:
        self._set_active(parse_id(category_id) or 0, active=False)

    @rx.event
    def reactivate(self, category_id: int) -> None:
        self._set_active(parse_id(category_id) or 0, active=True)

    def _set_active(self, category_id: int, *, active: bool) -> None:
        name = next((r.name for r in self.rows if r.id == category_id), "")
        self._own_change(
            "masterdata.categories.reactivated" if active else "masterdata.categories.deactivated",
            set_category_active,
            category_id,
            active,
            name=name,
        )

    @rx.event
    def delete(self, category_id: int) -> None:
        name = self.sel_name
        self._remove_row("masterdata.categories.deleted", delete_category, category_id, name=name)


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


_errors = CategoriesState.field_errors


def _add_form() -> rx.Component:
    return add_section(
        CategoriesState,
        "masterdata.categories.add_title",
        "category-add",
        "masterdata.categories.add",
        forms.select(
            t("masterdata.categories.exchange"),
            "new_exchange",
            CategoriesState.exchanges,
            t("common.choose"),
            error=_errors["new_exchange"],
        ),
        forms.field(
            t("masterdata.categories.name"),
            "new_name",
            max_length=CATEGORY_NAME_MAX,
            error=_errors["new_name"],
        ),
        _english_field("new_name_en", ""),
    )


def _english_field(name: str, value: rx.Var[str] | str) -> rx.Component:
    return forms.field(
        t("masterdata.categories.name_en"),
        name,
        hint=t("masterdata.categories.name_en_hint"),
        max_length=CATEGORY_NAME_MAX,
        required=False,
        value=value,
        error=_errors[name],
    )


def _edit_panel() -> rx.Component:
    return admin_section(
        t("masterdata.categories.edit_title").replace("{name}", CategoriesState.sel_name),
        "category-edit",
        edit_form(
            CategoriesState,
            "category_id",
            forms.field(
                t("masterdata.categories.new_name"),
                "edit_name",
                max_length=CATEGORY_NAME_MAX,
                value=CategoriesState.sel_name,
                error=_errors["edit_name"],
            ),
            _english_field("edit_name_en", CategoriesState.sel_name_en),
            submit=t("masterdata.categories.rename"),
            on_submit=CategoriesState.rename,
        ),
        panel_actions(
            CategoriesState,
            "masterdata.categories.delete",
            _toggle(CategoriesState.sel_id, CategoriesState.sel_active, CategoriesState.sel_name),
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
        rx.table.cell(row.name_en, lang="en"),
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
                edit_button(CategoriesState, row.id, row.name),
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
            "masterdata.categories.col_name_en",
            "masterdata.categories.status",
            "masterdata.col_listings",
            "admin.col.action",
        ),
        row=_row,
    )
