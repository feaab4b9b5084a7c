"""Stellvertretung in the portal (/stellvertretung): the Kommune's proxies, appointing one
and revoking one with a hand-over of the people they represent (each with a reason), and
every represented person of the Kommune: contact, consent, who represents them, their data
as PDF, handing them to a proxy, and deleting them."""

from __future__ import annotations

from datetime import date

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page, table_scroll_region
from admin_portal.state import AdminSession
from dasnez_core.config import load_settings
from dasnez_core.db import session_scope
from dasnez_core.errors import NotAllowed
from dasnez_core.printing.represented import export_pdf
from dasnez_core.services import proxies, represented
from dasnez_core.services.filters import positive_int
from dasnez_core.services.kommunen import Option
from dasnez_core.services.proxies import ProxyRow
from dasnez_core.services.represented import PersonSummary
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines, form_fields
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id

_APPOINT = Lines("error", "success", form_fields("user_id", "reason"))
# The service names the revoked proxy "user_id": the forms' controls have ids of their own.
_REVOKE = Lines(
    "error", "success", form_fields("successor", user_id="proxy_id", reason="revoke_reason")
)
_PERSON = Lines("error", "success")


class ProxiesState(PageLoad, AdminSession):
    loaded: bool = False
    proxy_rows: list[ProxyRow] = []
    proxy_options: list[Option] = []
    successor_options: list[Option] = []
    candidates: list[Option] = []
    persons: list[PersonSummary] = []
    office_count: int = 0
    error: str = ""
    success: str = ""
    field_errors: dict[str, str] = {}
    form_key: int = 0
    confirm_delete: int = 0

    def _reload(self, kommune_id: int) -> None:
        actor = self._actor()
        with session_scope() as db:
            self.proxy_rows = proxies.list_proxies(db, actor, kommune_id)
            self.candidates = proxies.candidates(db, actor, kommune_id)
            self.persons = represented.kommune_persons(db, actor, kommune_id, self.lang)
            self.office_count = proxies.office_count(db, actor, kommune_id)
        self.proxy_options = [Option(str(p.user_id), p.display_name) for p in self.proxy_rows]
        self.successor_options = [
            Option(proxies.OFFICE, self._t("proxy.successor_office")),
            *self.proxy_options,
        ]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.error, self.success, self.loaded, self.field_errors = "", "", False, {}
        self.confirm_delete = 0
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        kommune_id = self._admin_kommune(actor)
        if kommune_id is None:
            self.error = self._t("error.not_allowed")
            return None
        self._load_kommune_name(actor)
        self._reload(kommune_id)
        self.loaded = True
        return None

    @rx.event
    def appoint(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        user_id = positive_int(str(form.get("user_id", "")))
        reason = str(form.get("reason", ""))[:2000]

        def call(db: Session) -> str:
            if kommune_id is None:
                raise NotAllowed()
            return proxies.appoint_proxy(db, actor, kommune_id, user_id, reason)

        name = self._run(call, lines=_APPOINT).value
        if name is None or kommune_id is None:
            return self._focus_first_error()
        self.success = self._t("proxy.appointed_done", name=name)
        self.form_key += 1
        self._reload(kommune_id)
        return None

    @rx.event
    def revoke(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        user_id = positive_int(str(form.get("proxy_id", "")))
        successor = str(form.get("successor", ""))[:20]
        reason = str(form.get("revoke_reason", ""))[:2000]

        def call(db: Session) -> tuple[str, int]:
            if kommune_id is None:
                raise NotAllowed()
            return proxies.revoke_proxy(db, actor, kommune_id, user_id, successor, reason)

        outcome = self._run(call, lines=_REVOKE)
        if outcome.value is None or kommune_id is None:
            return self._focus_first_error()
        name, count = outcome.value
        self.success = self._t("proxy.revoked_done", name=name, count=count)
        self.form_key += 1
        self._reload(kommune_id)
        return None

    @rx.event
    def assign(self, form: dict[str, str]) -> None:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        person_id = parse_id(form.get("person_id"))
        proxy_id = parse_id(form.get("proxy_id"))
        name = next((p.name for p in self.persons if p.user_id == person_id), "")

        def call(db: Session) -> str:
            if kommune_id is None:
                raise NotAllowed()
            return represented.assign_person(db, actor, kommune_id, person_id, proxy_id)

        proxy = self._run(call, lines=_PERSON).value
        if proxy is not None and kommune_id is not None:
            self.success = self._t("proxy.assigned_done", name=name, proxy=proxy)
            self._reload(kommune_id)

    @rx.event
    def export(self, person_id: int) -> rx.event.EventSpec | None:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        pid = parse_id(person_id)
        lang = self.lang

        def call(db: Session) -> represented.PersonData:
            if kommune_id is None:
                raise NotAllowed()
            return represented.person_data(db, actor, kommune_id, pid, lang)

        data = self._run(call, lines=_PERSON).value
        if data is None:
            return None
        safe = "".join(ch if ch.isalnum() else "-" for ch in data.summary.name.lower())
        return rx.download(
            data=export_pdf(data, lang, load_settings().upload_dir),
            filename=f"daten-{safe.strip('-') or 'person'}-{date.today().isoformat()}.pdf",
            mime_type="application/pdf",
        )

    @rx.event
    def ask_delete(self, person_id: int) -> None:
        self._actor()
        self.confirm_delete = parse_id(person_id) or 0

    @rx.event
    def cancel_delete(self) -> None:
        self.confirm_delete = 0

    @rx.event
    def delete(self, person_id: int) -> None:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        pid = parse_id(person_id)

        def call(db: Session) -> str:
            if kommune_id is None:
                raise NotAllowed()
            return represented.delete_person(db, actor, kommune_id, pid)

        name = self._run(call, lines=_PERSON).value
        self.confirm_delete = 0
        if name is not None and kommune_id is not None:
            self.success = self._t("represented.deleted_done", name=name)
            self._reload(kommune_id)


S = ProxiesState


def _proxy_row(p: rx.Var[ProxyRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(p.display_name, href=routes.person_href(p.user_id))),
        rx.table.cell(p.person_count),
    )


def _appoint_form() -> rx.Component:
    return rx.form(
        rx.heading(t("proxy.appoint_title"), size="5", as_="h2"),
        forms.select(
            t("proxy.appoint_who"),
            "user_id",
            S.candidates,
            t("proxy.appoint_choose"),
            error=S.field_errors["user_id"],
        ),
        forms.field(t("proxy.reason"), "reason", max_length=1000, error=S.field_errors["reason"]),
        rx.button(t("proxy.appoint"), type="submit", size="3"),
        no_validate=True,
        on_submit=S.appoint,
        key="appoint-" + S.form_key.to_string(),
        width="100%",
        max_width="560px",
    )


def _revoke_form() -> rx.Component:
    return rx.form(
        rx.heading(t("proxy.revoke_title"), size="5", as_="h2"),
        forms.select(
            t("proxy.revoke_who"),
            "proxy_id",
            S.proxy_options,
            t("proxy.appoint_choose"),
            error=S.field_errors["proxy_id"],
        ),
        forms.select(
            t("proxy.successor"),
            "successor",
            S.successor_options,
            t("proxy.appoint_choose"),
            error=S.field_errors["successor"],
        ),
        forms.field(
            t("proxy.reason"),
            "revoke_reason",
            max_length=1000,
            error=S.field_errors["revoke_reason"],
        ),
        rx.button(t("proxy.revoke"), type="submit", size="3", color_scheme="red"),
        no_validate=True,
        on_submit=S.revoke,
        key="revoke-" + S.form_key.to_string(),
        width="100%",
        max_width="560px",
    )


def _person_row(p: rx.Var[PersonSummary]) -> rx.Component:
    select_id = "assign-" + p.user_id.to_string()
    return rx.fragment(
        rx.table.row(
            rx.table.row_header_cell(rx.link(p.name, href=routes.person_href(p.user_id))),
            rx.table.cell(p.area_name),
            rx.table.cell(p.contact),
            rx.table.cell(
                rx.cond(p.proxy_name != "", p.proxy_name, t("proxy.by_office")),
            ),
            rx.table.cell(rx.cond(p.consent_on != "", p.consent_on, t("represented.consent_open"))),
            rx.table.cell(
                rx.hstack(
                    rx.button(
                        t("represented.export"),
                        on_click=S.export(p.user_id),
                        size="1",
                        variant="soft",
                    ),
                    rx.button(
                        t("represented.delete"),
                        on_click=S.ask_delete(p.user_id),
                        size="1",
                        variant="soft",
                        color_scheme="red",
                    ),
                    rx.cond(
                        S.proxy_options.length() > 0,
                        rx.form(
                            rx.el.input(type="hidden", name="person_id", value=p.user_id),
                            rx.el.label(
                                t("proxy.assign_to").replace("{name}", p.name),
                                html_for=select_id,
                                class_name="sr-only",
                            ),
                            rx.el.select(
                                rx.foreach(
                                    S.proxy_options,
                                    lambda o: rx.el.option(o.label, value=o.value),
                                ),
                                id=select_id,
                                name="proxy_id",
                            ),
                            rx.button(t("proxy.assign"), type="submit", size="1"),
                            on_submit=S.assign,
                            style={"display": "flex", "gap": "0.25rem"},
                        ),
                    ),
                    wrap="wrap",
                )
            ),
        ),
        rx.cond(
            S.confirm_delete == p.user_id,
            rx.table.row(
                rx.table.cell(
                    rx.callout(
                        rx.vstack(
                            rx.text(t("represented.delete_confirm").replace("{name}", p.name)),
                            rx.hstack(
                                rx.button(
                                    t("represented.delete_yes"),
                                    on_click=S.delete(p.user_id),
                                    color_scheme="red",
                                    size="2",
                                ),
                                rx.button(
                                    t("represented.cancel"),
                                    on_click=S.cancel_delete,
                                    variant="soft",
                                    size="2",
                                ),
                            ),
                        ),
                        color_scheme="red",
                        role="alertdialog",
                    ),
                    col_span=6,
                )
            ),
        ),
    )


def _body() -> rx.Component:
    return rx.vstack(
        rx.text(t("proxy.intro")),
        rx.heading(t("proxy.list_title"), size="5", as_="h2"),
        rx.cond(
            S.proxy_rows.length() > 0,
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(t("adminlist.col.name")),
                            rx.table.column_header_cell(t("proxy.col.persons")),
                        )
                    ),
                    rx.table.body(rx.foreach(S.proxy_rows, _proxy_row)),
                    size="2",
                    width="100%",
                ),
                **table_scroll_region(),
            ),
            rx.text(t("proxy.none")),
        ),
        rx.text(t("proxy.office_count").replace("{count}", S.office_count.to_string())),
        rx.divider(),
        _appoint_form(),
        rx.cond(S.proxy_rows.length() > 0, rx.fragment(rx.divider(), _revoke_form())),
        rx.divider(),
        rx.heading(t("proxy.persons_title"), size="5", as_="h2"),
        rx.cond(
            S.persons.length() > 0,
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(t("adminlist.col.name")),
                            rx.table.column_header_cell(t("represented.area")),
                            rx.table.column_header_cell(t("represented.contact")),
                            rx.table.column_header_cell(t("proxy.col.proxy")),
                            rx.table.column_header_cell(t("represented.signed_on")),
                            rx.table.column_header_cell(t("represented.delete_yes")),
                        )
                    ),
                    rx.table.body(rx.foreach(S.persons, _person_row)),
                    size="2",
                    width="100%",
                ),
                **table_scroll_region(),
            ),
            rx.text(t("represented.none_yet")),
        ),
        spacing="4",
        width="100%",
    )


def proxies_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("proxy.title"), " – ", AdminSession.kommune_name, size="7", as_="h1"),
            forms.error_summary(S.error, S.field_errors),
            forms.success_line(S.success),
            rx.cond(S.loaded, _body()),
            width="100%",
            spacing="4",
        )
    )
