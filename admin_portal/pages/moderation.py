"""Meldungen (/meldungen): open reports of the admin's own Kommune, one card per listing
with the number of reports and their reasons (remove the listing, dismiss its reports,
block the author), and a people search to block or unblock someone. Every step asks for a
reason; a decision on a card settles every open report on its listing."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from admin_portal import routes
from admin_portal.components import (
    admin_section,
    pager,
    reason_form,
    reason_of,
    reason_row,
)
from admin_portal.review_page import ReviewPage, review_page
from admin_portal.state import KommuneAdminState
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError
from dasnez_core.services import moderation
from dasnez_core.services.moderation import PersonRow, ReportGroup, ReportReason, pages_for
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines
from dasnez_ui.params import parse_id

# The confirm steps a report card or a person row can open.
_REPORT_STEPS = ("remove", "dismiss", "block_author")
_PERSON_STEPS = ("block", "unblock")


class ModerationState(ReviewPage, KommuneAdminState):
    def _working_kommune(self, actor: Actor) -> int | None:
        """Coordinators too work here, within their scope (permissions.scope_of)."""
        return self._staff_kommune(actor)

    reports: list[ReportGroup] = []
    report_total: int = 0
    people: list[PersonRow] = []
    searched: bool = False
    q: str = ""
    blocked_only: bool = False
    search_error: str = ""
    # The one open confirm step: its kind, and the listing's card or person row it belongs to.
    step: str = ""
    step_report: int = 0  # the listing of the card
    step_user: int = 0

    def _reload(self, actor: Actor) -> None:
        kommune_id = self._own_kommune(actor)
        with session_scope() as db:
            self.report_total = moderation.count_reported_listings(db, actor, kommune_id)
            self.pages = pages_for(self.report_total)
            self.page = min(self.page, self.pages)
            self.reports = moderation.list_report_groups(
                db, actor, kommune_id, self.page, self.lang
            )
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

    def _close_steps(self) -> None:
        self.step, self.step_report, self.step_user = "", 0, 0

    def _reset(self) -> None:
        self.people, self.searched, self.q, self.blocked_only = [], False, "", False
        self.search_error = ""
        self._close_steps()
        self.reports = []

    def _name(self, user_id: int | None) -> str:
        for person in self.people:
            if person.user_id == user_id:
                return person.display_name
        return next((r.author_name for r in self.reports if r.author_id == user_id), "")

    def _title(self, listing_id: int | None) -> str:
        return next((r.listing_title for r in self.reports if r.listing_id == listing_id), "")

    @rx.event
    def ask(self, step: str, listing_id: int) -> None:
        """Open a listing card's confirm step ("remove", "dismiss" or "block_author")."""
        self._actor()
        self.error = self.success = ""
        self.step = step if step in _REPORT_STEPS else ""
        self.step_report, self.step_user = parse_id(listing_id) or 0, 0

    @rx.event
    def ask_person(self, step: str, user_id: int) -> None:
        """Open a person row's confirm step ("block" or "unblock")."""
        self._actor()
        self.error = self.success = ""
        self.step = step if step in _PERSON_STEPS else ""
        self.step_report, self.step_user = 0, parse_id(user_id) or 0

    @rx.event
    def remove_listing(self, form: dict[str, str]) -> None:
        actor = self._actor()
        listing_id = parse_id(form.get("listing_id"))
        if self._change_id(
            actor,
            "reports.removed_done",
            "listing.not_found",
            moderation.remove_listing,
            listing_id,
            reason_of(form),
            title=self._title(listing_id),
        ):
            self._after(actor)

    @rx.event
    def dismiss_reports(self, form: dict[str, str]) -> None:
        """Dismiss every open report on the listing the form names; the listing stays."""
        actor = self._actor()
        listing_id = parse_id(form.get("listing_id"))
        if self._change_id(
            actor,
            "reports.group_dismissed_done",
            "listing.not_found",
            moderation.dismiss_listing_reports,
            listing_id,
            reason_of(form),
            title=self._title(listing_id),
        ):
            self._after(actor)

    @rx.event
    def block(self, form: dict[str, str]) -> None:
        actor = self._actor()
        user_id = parse_id(form.get("user_id"))
        if self._block_person(actor, user_id, reason_of(form), self._name(user_id)):
            self._after(actor)

    @rx.event
    def unblock(self, form: dict[str, str]) -> None:
        self._person_change(form, "people.unblocked_done", moderation.unblock_user)

    def _person_change(
        self, form: dict[str, str], done: str, service: Callable[..., object]
    ) -> None:
        """Block or unblock the person the form names, with its reason."""
        actor = self._actor()
        user_id = parse_id(form.get("user_id"))
        if self._change_id(
            actor,
            done,
            "user.not_found",
            service,
            user_id,
            reason_of(form),
            name=self._name(user_id),
        ):
            self._after(actor)

    @rx.event
    def search(self, form: dict[str, str]) -> None:
        actor = self._actor()
        query = str(form.get("q", ""))[:500]
        checked = str(form.get("blocked_only", "")).strip().lower()
        blocked_only = checked not in ("", "false", "off", "none")
        self._close_steps()
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


def _listing_status(report: rx.Var[ReportGroup]) -> rx.Component:
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


def _step_open(step: str, report: rx.Var[ReportGroup]) -> rx.Var[bool]:
    return (ModerationState.step == step) & (ModerationState.step_report == report.listing_id)


def _reason(item: rx.Var[ReportReason]) -> rx.Component:
    return rx.el.li(
        rx.text(item.reason, white_space="pre-wrap", style={"overflow_wrap": "anywhere"}),
        rx.text(
            t("reports.reporter"),
            ": ",
            rx.cond(item.reporter_name != "", item.reporter_name, t("reports.anonymous")),
            " · ",
            t("reports.reported_at"),
            " ",
            item.reported_at,
            size="2",
            color_scheme="gray",
        ),
        style={"margin_bottom": "0.5rem"},
    )


def _report_card(report: rx.Var[ReportGroup]) -> rx.Component:
    title = report.listing_title
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(
                    rx.link(title, href=routes.listing_detail_href(report.listing_id)),
                    size="4",
                    as_="h3",
                ),
                _listing_status(report),
                rx.badge(
                    t("reports.group_count").replace("{count}", report.count.to_string()),
                    color_scheme="amber",
                    size="2",
                ),
                align="center",
                wrap="wrap",
            ),
            rx.text(report.listing_body, white_space="pre-wrap", color_scheme="gray"),
            rx.text(
                t("reports.author"),
                ": ",
                rx.link(
                    rx.text.strong(report.author_name),
                    href=routes.person_href(report.author_id),
                ),
                rx.cond(
                    report.author_status == "blocked",
                    rx.badge(t("reports.author_blocked"), color_scheme="red", margin_left="0.5rem"),
                ),
            ),
            rx.box(
                rx.text(t("reports.reasons"), ":", weight="bold"),
                rx.el.ul(rx.foreach(report.reports, _reason), style={"padding_left": "1.25rem"}),
                style={
                    "border_left": "4px solid var(--amber-8)",
                    "padding_left": "0.75rem",
                    "width": "100%",
                },
            ),
            rx.hstack(
                rx.button(
                    t("reports.remove"),
                    on_click=ModerationState.ask("remove", report.listing_id),
                    size="3",
                    color_scheme="red",
                ),
                rx.button(
                    t("reports.dismiss"),
                    on_click=ModerationState.ask("dismiss", report.listing_id),
                    size="3",
                    variant="soft",
                ),
                rx.cond(
                    report.author_status != "blocked",
                    rx.button(
                        t("reports.block_author"),
                        on_click=ModerationState.ask("block_author", report.listing_id),
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
                    on_submit=ModerationState.dismiss_reports,
                    on_cancel=ModerationState.cancel,
                    hidden={"listing_id": report.listing_id},
                ),
            ),
            rx.cond(
                _step_open("block_author", report),
                _person_form("block", report.author_name, report.author_id),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        data_testid="report-group",
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


def _person_form(step: str, name: rx.Var[str], user_id: rx.Var[int]) -> rx.Component:
    """The confirm step of blocking ("block") or unblocking ("unblock") a person."""
    return reason_form(
        t(f"people.{step}_person").replace("{name}", name),
        t(f"people.{step}_reason"),
        t(f"people.{step}_confirm"),
        hint=t(f"people.{step}_hint"),
        error=ModerationState.error,
        on_submit=getattr(ModerationState, step),
        on_cancel=ModerationState.cancel,
        hidden={"user_id": user_id},
    )


def _person_row(person: rx.Var[PersonRow]) -> rx.Component:
    return rx.fragment(
        rx.table.row(
            rx.table.cell(rx.link(person.display_name, href=routes.person_href(person.user_id))),
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
        *(
            reason_row(
                _person_step(step, person),
                5,
                _person_form(step, person.display_name, person.user_id),
            )
            for step in _PERSON_STEPS
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
    return review_page(
        ModerationState, "reports.title", ModerationState.step == "", _reports(), _people()
    )
