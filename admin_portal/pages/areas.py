"""Districts and villages (/ortsteile): add, rename, move a village, merge, delete unused."""

from __future__ import annotations

import reflex as rx

from admin_portal.components import admin_section
from admin_portal.masterdata_page import masterdata_page
from admin_portal.state import KommuneAdminState, PagedMasterData
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.services import kommunen
from dasnez_core.services.kommunen import Option
from dasnez_core.services.masterdata_areas import (
    AREA_NAME_MAX,
    AreaRow,
    add_area,
    delete_area,
    district_options,
    list_areas,
    merge_area,
    move_village,
    rename_area,
)
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.params import parse_id


class AreasState(PagedMasterData, KommuneAdminState):
    rows: list[AreaRow] = []
    districts: list[Option] = []
    all_areas: list[Option] = []
    add_key: int = 0
    # The area being edited (0: none) and what the edit panel shows of it.
    sel_id: int = 0
    sel_name: str = ""
    sel_label: str = ""
    sel_is_village: bool = False
    edit_key: int = 0

    def _reload(self, actor: Actor) -> None:
        kommune_id = self._own_kommune(actor)
        with session_scope() as db:
            listing = list_areas(db, actor, kommune_id, self.page)
            self.districts = district_options(db, actor, kommune_id)
            self.all_areas = kommunen.area_options(db, kommune_id)
        self.rows, self.page, self.pages = listing.rows, listing.page, listing.pages

    def _unselect(self) -> None:
        self.sel_id, self.sel_name, self.sel_label, self.sel_is_village = 0, "", "", False

    def _open(self, area_id: int | None) -> bool:
        """Fill the edit panel from the listed rows (only ever the Kommune's own)."""
        row = next((r for r in self.rows if r.id == area_id), None)
        if row is None:
            self._unselect()
            return False
        self.sel_id, self.sel_name, self.sel_label = row.id, row.name, row.label
        self.sel_is_village = row.parent_id != 0
        self.edit_key += 1
        return True

    @rx.event
    def select(self, area_id: int) -> rx.event.EventSpec | None:
        actor = self._actor()
        if self._admin_kommune(actor) is None or not self._open(parse_id(area_id)):
            self.error, self.success = self._t("masterdata.area_not_found"), ""
            return None
        self.error = self.success = ""
        return rx.set_focus("edit_name")

    @rx.event
    def add(self, form: dict[str, str]) -> None:
        actor = self._actor()
        name = str(form.get("new_name", ""))[:500]
        # No parent: a district. Anything else must name one of the Kommune's districts.
        parent_id = (parse_id(form["new_parent"]) or 0) if form.get("new_parent") else None
        if self._change(
            actor,
            lambda db, kommune_id: add_area(db, actor, kommune_id, name, parent_id),
            "masterdata.areas.added",
            name=" ".join(name.split()),
        ):
            self.add_key += 1
            self._reload(actor)

    @rx.event
    def rename(self, form: dict[str, str]) -> None:
        actor = self._actor()
        area_id = parse_id(form.get("area_id")) or 0
        name = str(form.get("edit_name", ""))[:500]
        if self._change(
            actor,
            lambda db, kommune_id: rename_area(db, actor, kommune_id, area_id, name),
            "masterdata.areas.renamed",
        ):
            self._reload(actor)
            self._open(area_id)

    @rx.event
    def move(self, form: dict[str, str]) -> None:
        actor = self._actor()
        area_id = parse_id(form.get("area_id")) or 0
        district_id = parse_id(form.get("move_district")) or 0
        if self._change(
            actor,
            lambda db, kommune_id: move_village(db, actor, kommune_id, area_id, district_id),
            "masterdata.areas.moved",
        ):
            self._reload(actor)
            self._open(area_id)

    @rx.event
    def merge(self, form: dict[str, str]) -> None:
        actor = self._actor()
        source_id = parse_id(form.get("area_id")) or 0
        target_id = parse_id(form.get("merge_target")) or 0
        if self._change(
            actor,
            lambda db, kommune_id: merge_area(
                db,
                actor,
                kommune_id,
                source_id,
                target_id,
                confirmed=bool(form.get("merge_confirm")),
            ),
            "masterdata.areas.merged",
            name=self.sel_name,
        ):
            self._unselect()
            self._reload(actor)

    @rx.event
    def delete(self, area_id: int) -> None:
        actor = self._actor()
        target = parse_id(area_id) or 0
        if self._change(
            actor,
            lambda db, kommune_id: delete_area(db, actor, kommune_id, target),
            "masterdata.areas.deleted",
            name=self.sel_name,
        ):
            self._unselect()
            self._reload(actor)


def _hidden_id() -> rx.Component:
    return rx.el.input(type="hidden", name="area_id", value=AreasState.sel_id.to_string())


def _add_form() -> rx.Component:
    return admin_section(
        t("masterdata.areas.add_title"),
        "area-add",
        rx.form(
            forms.field(t("masterdata.areas.name"), "new_name", max_length=AREA_NAME_MAX),
            forms.select(
                t("masterdata.areas.parent"),
                "new_parent",
                AreasState.districts,
                t("masterdata.areas.no_parent"),
                required=False,
            ),
            rx.button(t("masterdata.areas.add"), type="submit", size="3"),
            on_submit=AreasState.add,
            key=AreasState.add_key.to_string(),
            width="100%",
        ),
    )


def _edit_panel() -> rx.Component:
    return admin_section(
        t("masterdata.areas.edit_title").replace("{name}", AreasState.sel_label),
        "area-edit",
        rx.form(
            _hidden_id(),
            forms.field(
                t("masterdata.areas.new_name"),
                "edit_name",
                max_length=AREA_NAME_MAX,
                value=AreasState.sel_name,
            ),
            rx.button(t("masterdata.areas.rename"), type="submit", size="3"),
            on_submit=AreasState.rename,
            reset_on_submit=False,
            key="rename-" + AreasState.edit_key.to_string(),
            width="100%",
        ),
        rx.cond(
            AreasState.sel_is_village,
            rx.form(
                _hidden_id(),
                forms.select(
                    t("masterdata.areas.move_to"),
                    "move_district",
                    AreasState.districts,
                    t("common.choose"),
                ),
                rx.button(t("masterdata.areas.move"), type="submit", size="3"),
                on_submit=AreasState.move,
                key="move-" + AreasState.edit_key.to_string(),
                width="100%",
                padding_top="1rem",
            ),
        ),
        rx.form(
            _hidden_id(),
            rx.text(t("masterdata.areas.merge_hint")),
            forms.select(
                t("masterdata.areas.merge_into"),
                "merge_target",
                AreasState.all_areas,
                t("common.choose"),
            ),
            forms.checkbox(t("masterdata.areas.merge_confirm"), "merge_confirm"),
            rx.button(t("masterdata.areas.merge"), type="submit", size="3"),
            on_submit=AreasState.merge,
            reset_on_submit=False,
            key="merge-" + AreasState.edit_key.to_string(),
            width="100%",
            padding_top="1rem",
        ),
        rx.hstack(
            rx.button(
                t("masterdata.areas.delete"),
                on_click=AreasState.delete(AreasState.sel_id),
                color_scheme="red",
                variant="soft",
                size="3",
            ),
            rx.button(
                t("masterdata.close"), on_click=AreasState.close, variant="outline", size="3"
            ),
            spacing="3",
            padding_top="1rem",
            wrap="wrap",
        ),
    )


def _row(row: rx.Var[AreaRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            row.label, padding_left=rx.cond(row.parent_id != 0, "2rem", "0.75rem")
        ),
        rx.table.cell(
            rx.cond(
                row.parent_id == 0,
                t("masterdata.areas.kind_district"),
                t("masterdata.areas.kind_village"),
            )
        ),
        rx.table.cell(row.listings),
        rx.table.cell(row.people),
        rx.table.cell(row.spaces),
        rx.table.cell(row.villages),
        rx.table.cell(
            rx.button(
                t("masterdata.edit"),
                on_click=AreasState.select(row.id),
                aria_label=t("masterdata.edit") + " " + row.label,
                size="3",
                variant="soft",
            )
        ),
    )


def areas_page() -> rx.Component:
    return masterdata_page(
        AreasState,
        "masterdata.areas.title",
        edit_panel=_edit_panel(),
        add_form=_add_form(),
        columns=(
            "masterdata.areas.col_name",
            "masterdata.areas.col_kind",
            "masterdata.col_listings",
            "masterdata.col_people",
            "masterdata.areas.col_spaces",
            "masterdata.areas.col_villages",
            "admin.col.action",
        ),
        row=_row,
    )
