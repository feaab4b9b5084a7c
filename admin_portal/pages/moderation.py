"""Meldungen (/meldungen): open reports of the admin's own Kommune (remove the listing,
dismiss the report, block the author) and a people search to block or unblock someone.
Every step asks for a reason."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page, admin_section, pager, reason_form
from admin_portal.state import KommuneAdminState
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError, NotFound
from dasnez_core.services import moderation
from dasnez_core.services.moderation import OpenReport, PersonRow, pages_for
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines
from dasnez_ui.params import parse_id

# The confirm steps a report card or a person row can open.
_REPORT_STEPS = ("remove", "dismiss", "block_author")
_PERSON_STEPS = ("block", "unblock")


def _reason(form: dict[str, str]) -> str:
    return str(form.get("reason", ""))[:5000]


class ModerationState(KommuneAdminState):
    ready: bool = False
    reports: list[OpenReport] = []
    report_total: int = 0
    page: int = 1
    pages: int = 1
    people: list[PersonRow] = []
    searched: bool = False
    q: str = ""
    blocked_only: bool = False
    search_error: str = ""
    # The one open confirm step: its kind, and the report card or person row it belongs to.
    step: str = ""
    step_report: int = 0
    step_user: int = 0

    def _reload(self, actor: Actor) -> None:
        kommune_id = self._own_kommune(actor)
        with session_scope() as db:
            self.report_total = moderation.count_open_reports(db, actor, kommune_id)
            self.pages = pages_for(self.report_total)
            self.page = min(self.page, self.pages)
            self.reports = moderation.list_open_reports(db, actor, kommune_id, self.page, self.lang)
            if self.searched:
                try:
                    self.people = moderation.search_people(
                        db,
                        actor,
                        kommune_id,
                        self.q,
                        blocked_only=self.blocked_only,
                        lang=self.lang,
                    )
                except DomainError:
                    self.people = []

    def _after(self, actor: Actor) -> None:
        self.step, self.step_report, self.step_user = "", 0, 0
        if self._admin_kommune(actor) is not None:
            self._reload(actor)

    def _name(self, user_id: int | None) -> str:
        for person in self.people:
            if person.user_id == user_id:
                return person.display_name
        return next((r.author_name for r in self.reports if r.author_id == user_id), "")

    def _title(self, listing_id: int | None) -> str:
        return next((r.listing_title for r in self.reports if r.listing_id == listing_id), "")

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        self.page = 1
        self.people, self.searched, self.q, self.blocked_only = [], False, "", False
        self.search_error = ""
        self.step, self.step_report, self.step_user = "", 0, 0
        kommune_id = self._enter(actor)
        self.ready = kommune_id is not None
        if kommune_id is None:
            self.reports = []
            return None
        self._reload(actor)
        return None

    @rx.event
    def go_page(self, page: int) -> None:
        actor = self._actor()
        self.page = max(1, parse_id(page) or 1)
        self._after(actor)

    @rx.event
    def ask(self, step: str, report_id: int) -> None:
        """Open a report card's confirm step ("remove", "dismiss" or "block_author")."""
        self._actor()
        self.error = self.success = ""
        self.step = step if step in _REPORT_STEPS else ""
        self.step_report, self.step_user = parse_id(report_id) or 0, 0

    @rx.event
    def ask_person(self, step: str, user_id: int) -> None:
        """Open a person row's confirm step ("block" or "unblock")."""
        self._actor()
        self.error = self.success = ""
        self.step = step if step in _PERSON_STEPS else ""
        self.step_report, self.step_user = 0, parse_id(user_id) or 0

    @rx.event
    def cancel(self) -> None:
        self._actor()
        self.error = ""
        self.step, self.step_report, self.step_user = "", 0, 0

    @rx.event
    def remove_listing(self, form: dict[str, str]) -> None:
        actor = self._actor()
        listing_id = parse_id(form.get("listing_id"))
        title = self._title(listing_id)

        def change(db: Session, kommune_id: int) -> None:
            if listing_id is None:
                raise NotFound("listing.not_found")
            moderation.remove_listing(db, actor, kommune_id, listing_id, _reason(form))

        if self._change(actor, change, "reports.removed_done", title=title):
            self._after(actor)

    @rx.event
    def dismiss_report(self, form: dict[str, str]) -> None:
        actor = self._actor()
        report_id = parse_id(form.get("report_id"))

        def change(db: Session, kommune_id: int) -> None:
            if report_id is None:
                raise NotFound("moderation.report_not_found")
            moderation.dismiss_report(db, actor, kommune_id, report_id, _reason(form))

        if self._change(actor, change, "reports.dismissed_done"):
            self._after(actor)

    @rx.event
    def block(self, form: dict[str, str]) -> None:
        actor = self._actor()
        user_id = parse_id(form.get("user_id"))
        name = self._name(user_id)

        def change(db: Session, kommune_id: int) -> None:
            if user_id is None:
                raise NotFound("user.not_found")
            moderation.block_user(db, actor, kommune_id, user_id, _reason(form))

        if self._change(actor, change, "people.blocked_done", name=name):
            self._after(actor)

    @rx.event
    def unblock(self, form: dict[str, str]) -> None:
        actor = self._actor()
        user_id = parse_id(form.get("user_id"))
        name = self._name(user_id)

        def change(db: Session, kommune_id: int) -> None:
            if user_id is None:
                raise NotFound("user.not_found")
            moderation.unblock_user(db, actor, kommune_id, user_id, _reason(form))

        if self._change(actor, change, "people.unblocked_done", name=name):
            self._after(actor)

    @rx.event
    def search(self, form: dict[str, str]) -> None:
        actor = self._actor()
        query = str(form.get("q", ""))[:500]
        checked = str(form.get("blocked_only", "")).strip().lower()
        blocked_only = checked not in ("", "false", "off", "none")
        self.step, self.step_report, self.step_user = "", 0, 0
        self.error = self.success = ""
        found = self._run(
            lambda db: moderation.search_people(
                db,
                actor,
                self._own_kommune(actor),
                query,
                blocked_only=blocked_only,
                lang=self.lang,
            ),
            lines=Lines("search_error"),
        )
        if not found.ok:
            self.people, self.searched = [], False
            return
        self.people = found.value
        self.q, self.blocked_only, self.searched = query, blocked_only, True


# --- reports --------------------------------------------------------------------------------


def _listing_status(report: rx.Var[OpenReport]) -> rx.Component:
    return rx.match(
        report.listing_status,
        ("published", rx.fragment()),
        ("pending", rx.badge(t("own.status.pending"), color_scheme="amber", size="2")),
        ("draft", rx.badge(t("own.status.draft"), color_scheme="blue", size="2")),
        ("removed", rx.badge(t("own.status.removed"), color_scheme="red", size="2")),
        ("closed", rx.badge(t("own.status.closed"), color_scheme="gray", size="2")),
        ("expired", rx.badge(t("own.status.expired"), color_scheme="gray", size="2")),
        ("suspended", rx.badge(t("reports.status.suspended"), color_scheme="gray", size="2")),
        ("deleted", rx.badge(t("reports.status.deleted"), color_scheme="gray", size="2")),
        rx.badge(report.listing_status, size="2"),
    )


def _step_open(step: str, report: rx.Var[OpenReport]) -> rx.Var[bool]:
    return (ModerationState.step == step) & (ModerationState.step_report == report.report_id)


def _report_card(report: rx.Var[OpenReport]) -> rx.Component:
    title = report.listing_title
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(title, size="4", as_="h3"),
                _listing_status(report),
                align="center",
                wrap="wrap",
            ),
            rx.text(report.listing_body, white_space="pre-wrap", color_scheme="gray"),
            rx.text(
                t("reports.author"),
                ": ",
                rx.text.strong(report.author_name),
                rx.cond(
                    report.author_status == "blocked",
                    rx.badge(t("reports.author_blocked"), color_scheme="red", margin_left="0.5rem"),
                ),
            ),
            rx.box(
                rx.text(t("reports.reason"), ":", weight="bold"),
                rx.text(report.reason, white_space="pre-wrap"),
                style={
                    "border_left": "4px solid var(--amber-8)",
                    "padding_left": "0.75rem",
                    "width": "100%",
                },
            ),
            rx.text(
                t("reports.reporter"),
                ": ",
                rx.cond(report.reporter_name != "", report.reporter_name, t("reports.anonymous")),
                " · ",
                t("reports.reported_at"),
                " ",
                report.reported_at,
                size="2",
            ),
            rx.hstack(
                rx.button(
                    t("reports.remove"),
                    on_click=ModerationState.ask("remove", report.report_id),
                    size="3",
                    color_scheme="red",
                ),
                rx.button(
                    t("reports.dismiss"),
                    on_click=ModerationState.ask("dismiss", report.report_id),
                    size="3",
                    variant="soft",
                ),
                rx.cond(
                    report.author_status != "blocked",
                    rx.button(
                        t("reports.block_author"),
                        on_click=ModerationState.ask("block_author", report.report_id),
                        size="3",
                        variant="soft",
                        color_scheme="red",
                    ),
                ),
                wrap="wrap",
                spacing="3",
            ),
            rx.cond(
                _step_open("remove", report),
                reason_form(
                    t("reports.remove_title").replace("{title}", title),
                    t("reports.remove_reason"),
                    t("reports.remove_confirm"),
                    error=ModerationState.error,
                    on_submit=ModerationState.remove_listing,
                    on_cancel=ModerationState.cancel,
                    hidden={"listing_id": report.listing_id},
                ),
            ),
            rx.cond(
                _step_open("dismiss", report),
                reason_form(
                    t("reports.dismiss_title").replace("{title}", title),
                    t("reports.dismiss_reason"),
                    t("reports.dismiss_confirm"),
                    error=ModerationState.error,
                    on_submit=ModerationState.dismiss_report,
                    on_cancel=ModerationState.cancel,
                    hidden={"report_id": report.report_id},
                ),
            ),
            rx.cond(
                _step_open("block_author", report),
                reason_form(
                    t("people.block_person").replace("{name}", report.author_name),
                    t("people.block_reason"),
                    t("people.block_confirm"),
                    hint=t("people.block_hint"),
                    error=ModerationState.error,
                    on_submit=ModerationState.block,
                    on_cancel=ModerationState.cancel,
                    hidden={"user_id": report.author_id},
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _reports() -> rx.Component:
    return admin_section(
        t("reports.open_title"),
        "open-reports",
        rx.text(t("reports.intro")),
        rx.text(
            t("moderation.count").replace("{count}", ModerationState.report_total.to_string()),
            weight="bold",
        ),
        rx.cond(
            ModerationState.reports.length() > 0,
            rx.vstack(
                rx.foreach(ModerationState.reports, _report_card),
                pager(ModerationState.page, ModerationState.pages, ModerationState.go_page),
                width="100%",
                spacing="3",
            ),
            rx.text(t("reports.empty")),
        ),
    )


# --- people ---------------------------------------------------------------------------------


def _person_status(person: rx.Var[PersonRow]) -> rx.Component:
    return rx.match(
        person.status,
        ("pending", rx.badge(t("people.status.pending"), color_scheme="amber", size="2")),
        ("approved", rx.badge(t("people.status.approved"), color_scheme="green", size="2")),
        ("blocked", rx.badge(t("people.status.blocked"), color_scheme="red", size="2")),
        rx.badge(person.status, size="2"),
    )


def _person_step(step: str, person: rx.Var[PersonRow]) -> rx.Var[bool]:
    return (ModerationState.step == step) & (ModerationState.step_user == person.user_id)


def _person_row(person: rx.Var[PersonRow]) -> rx.Component:
    return rx.fragment(
        rx.table.row(
            rx.table.cell(person.display_name),
            rx.table.cell(person.email),
            rx.table.cell(person.area_name),
            rx.table.cell(_person_status(person)),
            rx.table.cell(
                rx.cond(
                    person.is_you,
                    rx.fragment(),
                    rx.cond(
                        person.status == "blocked",
                        rx.button(
                            t("people.unblock"),
                            on_click=ModerationState.ask_person("unblock", person.user_id),
                            aria_label=t("people.unblock_person").replace(
                                "{name}", person.display_name
                            ),
                            size="3",
                            variant="soft",
                        ),
                        rx.button(
                            t("people.block"),
                            on_click=ModerationState.ask_person("block", person.user_id),
                            aria_label=t("people.block_person").replace(
                                "{name}", person.display_name
                            ),
                            size="3",
                            variant="soft",
                            color_scheme="red",
                        ),
                    ),
                )
            ),
        ),
        rx.cond(
            _person_step("block", person),
            rx.table.row(
                rx.table.cell(
                    reason_form(
                        t("people.block_person").replace("{name}", person.display_name),
                        t("people.block_reason"),
                        t("people.block_confirm"),
                        hint=t("people.block_hint"),
                        error=ModerationState.error,
                        on_submit=ModerationState.block,
                        on_cancel=ModerationState.cancel,
                        hidden={"user_id": person.user_id},
                    ),
                    col_span=5,
                )
            ),
        ),
        rx.cond(
            _person_step("unblock", person),
            rx.table.row(
                rx.table.cell(
                    reason_form(
                        t("people.unblock_person").replace("{name}", person.display_name),
                        t("people.unblock_reason"),
                        t("people.unblock_confirm"),
                        hint=t("people.unblock_hint"),
                        error=ModerationState.error,
                        on_submit=ModerationState.unblock,
                        on_cancel=ModerationState.cancel,
                        hidden={"user_id": person.user_id},
                    ),
                    col_span=5,
                )
            ),
        ),
    )


def _people() -> rx.Component:
    return admin_section(
        t("people.title"),
        "people",
        rx.text(t("people.intro")),
        rx.form(
            forms.error_line(ModerationState.search_error),
            forms.field(
                t("people.search_label"),
                "q",
                required=False,
                max_length=100,
                value=ModerationState.q,
            ),
            forms.checkbox(t("people.blocked_only"), "blocked_only"),
            rx.button(t("people.search"), type="submit", size="3"),
            on_submit=ModerationState.search,
            width="100%",
            max_width="520px",
        ),
        rx.cond(
            ModerationState.searched,
            rx.cond(
                ModerationState.people.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(t("admin.col.name")),
                            rx.table.column_header_cell(t("admin.col.email")),
                            rx.table.column_header_cell(t("admin.col.area")),
                            rx.table.column_header_cell(t("people.col.status")),
                            rx.table.column_header_cell(t("admin.col.action")),
                        )
                    ),
                    rx.table.body(rx.foreach(ModerationState.people, _person_row)),
                    width="100%",
                ),
                rx.text(t("people.none"), role="status"),
            ),
        ),
    )


def moderation_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("reports.title"), size="7", as_="h1"),
            rx.text(t("admin.kommune"), ": ", ModerationState.kommune_name, color_scheme="gray"),
            rx.cond(ModerationState.step == "", forms.error_line(ModerationState.error)),
            forms.success_line(ModerationState.success),
            rx.cond(ModerationState.ready, rx.fragment(_reports(), _people())),
            width="100%",
            spacing="4",
        )
    )
