"""Districts and villages (/ortsteile): add, rename, move a village, merge, delete unused."""

from __future__ import annotations

from functools import partial

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
from dasnez_ui.outcome import form_fields
from dasnez_ui.params import parse_id


class AreasState(PagedMasterData, KommuneAdminState):
    rows: list[AreaRow] = []
    districts: list[Option] = []
    all_areas: list[Option] = []
    # What the edit panel shows of the area being edited.
    sel_name: str = ""
    sel_label: str = ""
    sel_is_village: bool = False

    def _reload(self, actor: Actor) -> None:
        kommune_id = self._own_kommune(actor)
        with session_scope() as db:
            listing = list_areas(db, actor, kommune_id, self.page)
            self.districts = district_options(db, actor, kommune_id)
            self.all_areas = kommunen.area_options(db, kommune_id)
        self.rows, self.page, self.pages = listing.rows, listing.page, listing.pages

    def _open(self, area_id: int | None) -> bool:
        """Fill the edit panel from the listed rows (only ever the Kommune's own)."""
        row = next((r for r in self.rows if r.id == area_id), None)
        if row is None:
            self.sel_id, self.sel_name, self.sel_label, self.sel_is_village = 0, "", "", False
            return False
        self.sel_id, self.sel_name, self.sel_label = row.id, row.name, row.label
        self.sel_is_village = row.parent_id != 0
        self.edit_key += 1
        return True

    @rx.event
    def select(self, area_id: int) -> rx.event.EventSpec | None:
        return self._select_row("masterdata.area_not_found", area_id)

    @rx.event
    def add(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        name = str(form.get("new_name", ""))[:500]
        # No parent: a district. Anything else must name one of the Kommune's districts.
        parent_id = (parse_id(form["new_parent"]) or 0) if form.get("new_parent") else None
        return self._add_row(
            "masterdata.areas.added",
            add_area,
            name,
            parent_id,
            form=form_fields("name", prefix="new_", parent_id="new_parent"),
            name=" ".join(name.split()),
        )

    @rx.event
    def rename(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        name = str(form.get("edit_name", ""))[:500]
        return self._save_row(
            "masterdata.areas.renamed",
            rename_area,
            form.get("area_id"),
            name,
            form=form_fields("name", prefix="edit_"),
        )

    @rx.event
    def move(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        district_id = parse_id(form.get("move_district")) or 0
        return self._save_row(
            "masterdata.areas.moved",
            move_village,
            form.get("area_id"),
            district_id,
            form=form_fields(district_id="move_district"),
        )

    @rx.event
    def merge(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        target_id = parse_id(form.get("merge_target")) or 0
        return self._remove_row(
            "masterdata.areas.merged",
            partial(merge_area, confirmed=bool(form.get("merge_confirm"))),
            form.get("area_id"),
            target_id,
            name=self.sel_name,
            form=form_fields(target_id="merge_target", confirm="merge_confirm"),
        )

    @rx.event
    def delete(self, area_id: int) -> None:
        name = self.sel_name
        self._remove_row("masterdata.areas.deleted", delete_area, area_id, name=name)


_errors = AreasState.field_errors


def _add_form() -> rx.Component:
    return add_section(
        AreasState,
        "masterdata.areas.add_title",
        "area-add",
        "masterdata.areas.add",
        forms.field(
            t("masterdata.areas.name"),
            "new_name",
            max_length=AREA_NAME_MAX,
            error=_errors["new_name"],
        ),
        forms.select(
            t("masterdata.areas.parent"),
            "new_parent",
            AreasState.districts,
            t("masterdata.areas.no_parent"),
            required=False,
            error=_errors["new_parent"],
        ),
    )


def _edit_panel() -> rx.Component:
    return admin_section(
        t("masterdata.areas.edit_title").replace("{name}", AreasState.sel_label),
        "area-edit",
        edit_form(
            AreasState,
            "area_id",
            forms.field(
                t("masterdata.areas.new_name"),
                "edit_name",
                max_length=AREA_NAME_MAX,
                value=AreasState.sel_name,
                error=_errors["edit_name"],
            ),
            submit=t("masterdata.areas.rename"),
            on_submit=AreasState.rename,
            key="rename-" + AreasState.edit_key.to_string(),
        ),
        rx.cond(
            AreasState.sel_is_village,
            edit_form(
                AreasState,
                "area_id",
                forms.select(
                    t("masterdata.areas.move_to"),
                    "move_district",
                    AreasState.districts,
                    t("common.choose"),
                    error=_errors["move_district"],
                ),
                submit=t("masterdata.areas.move"),
                on_submit=AreasState.move,
                key="move-" + AreasState.edit_key.to_string(),
                padding_top="1rem",
            ),
        ),
        edit_form(
            AreasState,
            "area_id",
            rx.text(t("masterdata.areas.merge_hint")),
            forms.select(
                t("masterdata.areas.merge_into"),
                "merge_target",
                AreasState.all_areas,
                t("common.choose"),
                error=_errors["merge_target"],
            ),
            forms.checkbox(
                t("masterdata.areas.merge_confirm"),
                "merge_confirm",
                error=_errors["merge_confirm"],
            ),
            submit=t("masterdata.areas.merge"),
            on_submit=AreasState.merge,
            key="merge-" + AreasState.edit_key.to_string(),
            padding_top="1rem",
        ),
        panel_actions(AreasState, "masterdata.areas.delete"),
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
        rx.table.cell(edit_button(AreasState, row.id, row.label)),
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
