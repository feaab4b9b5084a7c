"""Sponsor links (/sponsoren): shown on the Kommune's public page within their period, in order."""

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
from dasnez_ui.db_thread import on_pool
from dasnez_ui.lang import t
from dasnez_ui.outcome import Form, form_fields
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
    sel_name: str = ""
    sel_url: str = ""
    sel_from: str = ""
    sel_until: str = ""
    sel_logo: str = ""

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
        return self._select_row("masterdata.sponsor_not_found", sponsor_id)

    @rx.event
    def add(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        return self._add_row(
            "masterdata.sponsors.added", add_sponsor, _values(form, "new_"), form=_form_of("new_")
        )

    @rx.event
    def save(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        values = _values(form, "edit_")
        return self._save_row(
            "masterdata.sponsors.saved",
            update_sponsor,
            form.get("sponsor_id"),
            values,
            form=_form_of("edit_"),
        )

    @rx.event
    async def upload_logo(self, files: list[rx.UploadFile]) -> None:
        actor = await on_pool(self._actor)
        sponsor_id = self.sel_id
        upload = files[0] if files else None
        # One byte more than allowed is enough to tell "too big"; the service checks the rest.
        data = await upload.read(LOGO_MAX_BYTES + 1) if upload is not None else b""
        name = str(upload.name or "")[:200] if upload is not None else ""

        def save() -> None:
            if self._change(
                actor,
                lambda db, kommune_id: set_sponsor_logo(
                    db, actor, kommune_id, sponsor_id, data, name
                ),
                "masterdata.logo.saved",
            ):
                self._reload(actor)
                self._open(sponsor_id)

        await on_pool(save)

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
        self._move_row(move_sponsor, sponsor_id, direction)

    @rx.event
    def delete(self, sponsor_id: int) -> None:
        name = self.sel_name
        self._remove_row("masterdata.sponsors.deleted", delete_sponsor, sponsor_id, name=name)


def _form_of(prefix: str) -> Form:
    return form_fields(
        "name", "url", prefix=prefix, valid_from=f"{prefix}from", valid_until=f"{prefix}until"
    )


def _fields(
    prefix: str, values: tuple[rx.Var[str] | str, ...] = ("", "", "", "")
) -> tuple[rx.Component, ...]:
    """Name, address and period: the same fields in the add and the edit form (own ids)."""
    name, url, valid_from, valid_until = values
    return (
        forms.field(
            t("masterdata.sponsors.name"),
            f"{prefix}name",
            max_length=SPONSOR_NAME_MAX,
            value=name,
            error=SponsorsState.field_errors[f"{prefix}name"],
        ),
        forms.field(
            t("masterdata.sponsors.url"),
            f"{prefix}url",
            max_length=URL_MAX,
            input_mode="url",
            hint=t("masterdata.url_hint"),
            value=url,
            error=SponsorsState.field_errors[f"{prefix}url"],
        ),
        date_fields(
            SponsorsState,
            ("masterdata.sponsors.valid_from", f"{prefix}from", valid_from),
            ("masterdata.sponsors.valid_until", f"{prefix}until", valid_until),
        ),
    )


def _add_form() -> rx.Component:
    return add_section(
        SponsorsState,
        "masterdata.sponsors.add_title",
        "sponsor-add",
        "masterdata.sponsors.add",
        *_fields("new_"),
    )


def _edit_panel() -> rx.Component:
    return admin_section(
        t("masterdata.sponsors.edit_title").replace("{name}", SponsorsState.sel_name),
        "sponsor-edit",
        edit_form(
            SponsorsState,
            "sponsor_id",
            *_fields(
                "edit_",
                (
                    SponsorsState.sel_name,
                    SponsorsState.sel_url,
                    SponsorsState.sel_from,
                    SponsorsState.sel_until,
                ),
            ),
            submit=t("common.save"),
            on_submit=SponsorsState.save,
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
        panel_actions(SponsorsState, "masterdata.sponsors.delete"),
    )


def _row(row: rx.Var[SponsorRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row.name),
        rx.table.cell(rx.link(row.url, href=row.url, is_external=True)),
        *published_cells(SponsorsState, row, row.name),
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
