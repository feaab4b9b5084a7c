"""Social spaces (/sozialraeume): parishes, kindergartens, schools, clubs, care homes …"""

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
from dasnez_core.models import SocialSpaceKind
from dasnez_core.services import kommunen
from dasnez_core.services.kommunen import Option
from dasnez_core.services.masterdata_areas import (
    SPACE_NAME_MAX,
    SocialSpaceInput,
    SocialSpaceRow,
    add_social_space,
    delete_social_space,
    list_social_spaces,
    update_social_space,
)
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Form, form_fields
from dasnez_ui.params import parse_id


def _values(form: dict[str, str], prefix: str) -> SocialSpaceInput:
    area = form.get(f"{prefix}area")
    return SocialSpaceInput(
        kind=str(form.get(f"{prefix}kind", ""))[:40],
        name=str(form.get(f"{prefix}name", ""))[:500],
        area_id=(parse_id(area) or 0) if area else None,
    )


def _form_of(prefix: str) -> Form:
    return form_fields("kind", "name", prefix=prefix, area_id=f"{prefix}area")


class SocialSpacesState(PagedMasterData, KommuneAdminState):
    rows: list[SocialSpaceRow] = []
    areas: list[Option] = []
    sel_name: str = ""
    sel_kind: str = ""
    sel_area: str = ""

    def _reload(self, actor: Actor) -> None:
        kommune_id = self._own_kommune(actor)
        with session_scope() as db:
            listing = list_social_spaces(db, actor, kommune_id, self.page)
            self.areas = kommunen.area_options(db, kommune_id)
        self.rows, self.page, self.pages = listing.rows, listing.page, listing.pages

    def _open(self, space_id: int | None) -> bool:
        row = next((r for r in self.rows if r.id == space_id), None)
        if row is None:
            self.sel_id, self.sel_name, self.sel_kind, self.sel_area = 0, "", "", ""
            return False
        self.sel_id, self.sel_name, self.sel_kind, self.sel_area = (
            row.id,
            row.name,
            row.kind,
            row.area_id,
        )
        self.edit_key += 1
        return True

    @rx.event
    def select(self, space_id: int) -> rx.event.EventSpec | None:
        return self._select_row("masterdata.space_not_found", space_id)

    @rx.event
    def add(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        return self._add_row(
            "masterdata.spaces.added",
            add_social_space,
            _values(form, "new_"),
            form=_form_of("new_"),
        )

    @rx.event
    def save(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        values = _values(form, "edit_")
        return self._save_row(
            "masterdata.spaces.saved",
            update_social_space,
            form.get("space_id"),
            values,
            form=_form_of("edit_"),
        )

    @rx.event
    def delete(self, space_id: int) -> None:
        name = self.sel_name
        self._remove_row("masterdata.spaces.deleted", delete_social_space, space_id, name=name)


_errors = SocialSpacesState.field_errors


def _kind_select(name: str, value: rx.Var[str] | str = "") -> rx.Component:
    return rx.el.div(
        rx.el.label(
            t("masterdata.spaces.kind"),
            html_for=name,
            style={"font_weight": "600", "display": "block"},
        ),
        rx.el.select(
            rx.el.option(t("common.choose"), value=""),
            *[
                rx.el.option(t(f"masterdata.space_kind.{k.value}"), value=k.value)
                for k in SocialSpaceKind
            ],
            id=name,
            name=name,
            required=True,
            default_value=value,
            style=forms.FIELD_STYLE,
            **forms.invalid_props(name, _errors[name]),
        ),
        forms.field_error(name, _errors[name]),
        style={"margin_bottom": "1rem"},
    )


def _fields(
    prefix: str, kind: rx.Var[str] | str, name: rx.Var[str] | str, area: rx.Var[str] | str
) -> tuple[rx.Component, ...]:
    """Kind, name and area: the same fields in the add and the edit form (own ids each)."""
    return (
        _kind_select(f"{prefix}kind", kind),
        forms.field(
            t("masterdata.spaces.name"),
            f"{prefix}name",
            max_length=SPACE_NAME_MAX,
            value=name,
            error=_errors[f"{prefix}name"],
        ),
        forms.select(
            t("masterdata.spaces.area"),
            f"{prefix}area",
            SocialSpacesState.areas,
            t("masterdata.spaces.no_area"),
            required=False,
            value=area,
            error=_errors[f"{prefix}area"],
        ),
    )


def _add_form() -> rx.Component:
    return add_section(
        SocialSpacesState,
        "masterdata.spaces.add_title",
        "space-add",
        "masterdata.spaces.add",
        *_fields("new_", "", "", ""),
    )


def _edit_panel() -> rx.Component:
    return admin_section(
        t("masterdata.spaces.edit_title").replace("{name}", SocialSpacesState.sel_name),
        "space-edit",
        edit_form(
            SocialSpacesState,
            "space_id",
            *_fields(
                "edit_",
                SocialSpacesState.sel_kind,
                SocialSpacesState.sel_name,
                SocialSpacesState.sel_area,
            ),
            submit=t("common.save"),
            on_submit=SocialSpacesState.save,
        ),
        panel_actions(SocialSpacesState, "masterdata.spaces.delete"),
    )


def kind_label(kind: rx.Var[str]) -> rx.Component:
    return rx.match(
        kind,
        *[(k.value, t(f"masterdata.space_kind.{k.value}")) for k in SocialSpaceKind],
        kind,
    )


def _row(row: rx.Var[SocialSpaceRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row.name),
        rx.table.cell(kind_label(row.kind)),
        rx.table.cell(row.area_label),
        rx.table.cell(row.listings),
        rx.table.cell(row.people),
        rx.table.cell(edit_button(SocialSpacesState, row.id, row.name)),
    )


def social_spaces_page() -> rx.Component:
    return masterdata_page(
        SocialSpacesState,
        "masterdata.spaces.title",
        edit_panel=_edit_panel(),
        add_form=_add_form(),
        columns=(
            "masterdata.spaces.name",
            "masterdata.spaces.kind",
            "masterdata.spaces.area",
            "masterdata.col_listings",
            "masterdata.col_people",
            "admin.col.action",
        ),
        row=_row,
    )
