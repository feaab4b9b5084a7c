"""Sponsor links (/sponsoren): shown on the Kommune's public page within their period, in order."""

from __future__ import annotations

from datetime import date

import reflex as rx

from admin_portal.components import admin_section, order_buttons, state_badge
from admin_portal.masterdata_page import masterdata_page
from admin_portal.pages.profile import logo_box
from admin_portal.state import KommuneAdminState, PagedMasterData
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.services.masterdata import URL_MAX
from dasnez_core.services.masterdata_public import (
    SPONSOR_NAME_MAX,
    SponsorInput,
    SponsorRow,
    add_sponsor,
    delete_sponsor,
    list_sponsors,
    move_sponsor,
    remove_sponsor_logo,
    set_sponsor_logo,
    update_sponsor,
)
from dasnez_core.uploads import LOGO_MAX_BYTES
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.params import parse_id

LOGO_UPLOAD_ID = "sponsor_logo"


def _values(form: dict[str, str], prefix: str) -> SponsorInput:
    return SponsorInput(
        name=str(form.get(f"{prefix}name", ""))[:500],
        url=str(form.get(f"{prefix}url", ""))[:2000],
        valid_from=str(form.get(f"{prefix}from", ""))[:20],
        valid_until=str(form.get(f"{prefix}until", ""))[:20],
    )


class SponsorsState(PagedMasterData, KommuneAdminState):
    rows: list[SponsorRow] = []
    add_key: int = 0
    sel_id: int = 0
    sel_name: str = ""
    sel_url: str = ""
    sel_from: str = ""
    sel_until: str = ""
    sel_logo: str = ""
    edit_key: int = 0

    def _reload(self, actor: Actor) -> None:
        kommune_id = self._own_kommune(actor)
        with session_scope() as db:
            listing = list_sponsors(db, actor, kommune_id, date.today(), self.page, self.lang)
        self.rows, self.page, self.pages = listing.rows, listing.page, listing.pages

    def _open(self, sponsor_id: int | None) -> bool:
        row = next((r for r in self.rows if r.id == sponsor_id), None)
        self.sel_id = row.id if row else 0
        self.sel_name, self.sel_url = (row.name, row.url) if row else ("", "")
        self.sel_from, self.sel_until = (row.valid_from, row.valid_until) if row else ("", "")
        self.sel_logo = row.logo if row else ""
        self.edit_key += 1
        return row is not None

    @rx.event
    def select(self, sponsor_id: int) -> rx.event.EventSpec | None:
        actor = self._actor()
        if self._admin_kommune(actor) is None or not self._open(parse_id(sponsor_id)):
            self.error, self.success = self._t("masterdata.sponsor_not_found"), ""
            return None
        self.error = self.success = ""
        return rx.set_focus("edit_name")

    @rx.event
    def add(self, form: dict[str, str]) -> None:
        actor = self._actor()
        values = _values(form, "new_")
        if self._change(
            actor,
            lambda db, kommune_id: add_sponsor(db, actor, kommune_id, values),
            "masterdata.sponsors.added",
        ):
            self.add_key += 1
            self._reload(actor)

    @rx.event
    def save(self, form: dict[str, str]) -> None:
        actor = self._actor()
        sponsor_id = parse_id(form.get("sponsor_id")) or 0
        values = _values(form, "edit_")
        if self._change(
            actor,
            lambda db, kommune_id: update_sponsor(db, actor, kommune_id, sponsor_id, values),
            "masterdata.sponsors.saved",
        ):
            self._reload(actor)
            self._open(sponsor_id)

    @rx.event
    async def upload_logo(self, files: list[rx.UploadFile]) -> None:
        actor = self._actor()
        sponsor_id = self.sel_id
        upload = files[0] if files else None
        # One byte more than allowed is enough to tell "too big"; the service checks the rest.
        data = await upload.read(LOGO_MAX_BYTES + 1) if upload is not None else b""
        name = str(upload.name or "")[:200] if upload is not None else ""
        if self._change(
            actor,
            lambda db, kommune_id: set_sponsor_logo(db, actor, kommune_id, sponsor_id, data, name),
            "masterdata.logo.saved",
        ):
            self._reload(actor)
            self._open(sponsor_id)

    @rx.event
    def remove_logo(self, sponsor_id: int) -> None:
        actor = self._actor()
        target = parse_id(sponsor_id) or 0
        if self._change(
            actor,
            lambda db, kommune_id: remove_sponsor_logo(db, actor, kommune_id, target),
            "masterdata.logo.removed",
        ):
            self._reload(actor)
            self._open(target)

    @rx.event
    def move(self, sponsor_id: int, direction: str) -> None:
        actor = self._actor()
        target = parse_id(sponsor_id) or 0
        way = str(direction)[:10]
        if self._change(
            actor,
            lambda db, kommune_id: move_sponsor(db, actor, kommune_id, target, way),
            "masterdata.order_saved",
        ):
            self._reload(actor)

    @rx.event
    def delete(self, sponsor_id: int) -> None:
        actor = self._actor()
        target = parse_id(sponsor_id) or 0
        name = self.sel_name
        if self._change(
            actor,
            lambda db, kommune_id: delete_sponsor(db, actor, kommune_id, target),
            "masterdata.sponsors.deleted",
            name=name,
        ):
            self._open(None)
            self._reload(actor)


def _fields(
    prefix: str, values: tuple[rx.Var[str] | str, ...] = ("", "", "", "")
) -> tuple[rx.Component, ...]:
    """Name, address and period: the same fields in the add and the edit form (own ids)."""
    name, url, valid_from, valid_until = values
    return (
        forms.field(
            t("masterdata.sponsors.name"), f"{prefix}name", max_length=SPONSOR_NAME_MAX, value=name
        ),
        forms.field(
            t("masterdata.sponsors.url"),
            f"{prefix}url",
            max_length=URL_MAX,
            input_mode="url",
            hint=t("masterdata.url_hint"),
            value=url,
        ),
        rx.hstack(
            forms.field(
                t("masterdata.sponsors.valid_from"),
                f"{prefix}from",
                type_="date",
                required=False,
                value=valid_from,
            ),
            forms.field(
                t("masterdata.sponsors.valid_until"),
                f"{prefix}until",
                type_="date",
                required=False,
                value=valid_until,
            ),
            spacing="4",
            wrap="wrap",
        ),
    )


def _add_form() -> rx.Component:
    return admin_section(
        t("masterdata.sponsors.add_title"),
        "sponsor-add",
        rx.form(
            *_fields("new_"),
            rx.button(t("masterdata.sponsors.add"), type="submit", size="3"),
            on_submit=SponsorsState.add,
            reset_on_submit=False,
            key=SponsorsState.add_key.to_string(),
            width="100%",
        ),
    )


def _edit_panel() -> rx.Component:
    return admin_section(
        t("masterdata.sponsors.edit_title").replace("{name}", SponsorsState.sel_name),
        "sponsor-edit",
        rx.form(
            rx.el.input(type="hidden", name="sponsor_id", value=SponsorsState.sel_id.to_string()),
            *_fields(
                "edit_",
                (
                    SponsorsState.sel_name,
                    SponsorsState.sel_url,
                    SponsorsState.sel_from,
                    SponsorsState.sel_until,
                ),
            ),
            rx.button(t("common.save"), type="submit", size="3"),
            on_submit=SponsorsState.save,
            reset_on_submit=False,
            key=SponsorsState.edit_key.to_string(),
            width="100%",
        ),
        rx.box(
            rx.heading(t("masterdata.logo.title"), size="4", as_="h3"),
            logo_box(
                SponsorsState.sel_logo,
                LOGO_UPLOAD_ID,
                SponsorsState.upload_logo,
                SponsorsState.remove_logo(SponsorsState.sel_id),
            ),
            padding_top="1rem",
            width="100%",
        ),
        rx.hstack(
            rx.button(
                t("masterdata.sponsors.delete"),
                on_click=SponsorsState.delete(SponsorsState.sel_id),
                color_scheme="red",
                variant="soft",
                size="3",
            ),
            rx.button(
                t("masterdata.close"), on_click=SponsorsState.close, variant="outline", size="3"
            ),
            spacing="3",
            padding_top="1rem",
            wrap="wrap",
        ),
    )


def _row(row: rx.Var[SponsorRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row.name),
        rx.table.cell(rx.link(row.url, href=row.url, is_external=True)),
        rx.table.cell(row.period),
        rx.table.cell(state_badge(row.state)),
        rx.table.cell(order_buttons(row.id, row.first, row.last, row.name, SponsorsState.move)),
        rx.table.cell(
            rx.button(
                t("masterdata.edit"),
                on_click=SponsorsState.select(row.id),
                aria_label=t("masterdata.edit") + " " + row.name,
                size="3",
                variant="soft",
            )
        ),
    )


def sponsors_page() -> rx.Component:
    return masterdata_page(
        SponsorsState,
        "masterdata.sponsors.title",
        hint_key="masterdata.sponsors.hint",
        edit_panel=_edit_panel(),
        add_form=_add_form(),
        columns=(
            "masterdata.sponsors.name",
            "masterdata.sponsors.url",
            "masterdata.col_period",
            "masterdata.col_state",
            "masterdata.col_order",
            "admin.col.action",
        ),
        row=_row,
    )
