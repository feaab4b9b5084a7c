"""Freischaltung (/freischaltung): the admin's own Kommune's pending people (approve one or
several, or decline with a reason) and, with pre-moderation, the listings waiting for a check
(publish, or reject with a reason)."""

from __future__ import annotations

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
from dasnez_core.services import approval, institutions, moderation
from dasnez_core.services.approval import PendingPerson
from dasnez_core.services.institutions import PendingInstitution
from dasnez_core.services.moderation import ListingToCheck, pages_for
from dasnez_ui.lang import t
from dasnez_ui.params import parse_id


class ApprovalState(ReviewPage, KommuneAdminState):
    def _working_kommune(self, actor: Actor) -> int | None:
        """Coordinators too work here, within their scope (permissions.scope_of)."""
        return self._staff_kommune(actor)

    pending: list[PendingPerson] = []
    pending_total: int = 0
    selected: list[int] = []
    declining: int = 0
    premoderation: bool = False
    to_check: list[ListingToCheck] = []
    check_total: int = 0
    check_page: int = 1
    check_pages: int = 1
    rejecting: int = 0
    # Institutions waiting for the Kommune's admission (marked "Institution").
    pending_institutions: list[PendingInstitution] = []
    declining_institution: int = 0

    def _reload(self, actor: Actor) -> None:
        kommune_id = self._own_kommune(actor)
        with session_scope() as db:
            self.pending_total = approval.count_pending(db, actor, kommune_id)
            self.pages = pages_for(self.pending_total)
            self.page = min(self.page, self.pages)
            self.pending = approval.list_pending(db, actor, kommune_id, self.page, self.lang)
            self.pending_institutions = institutions.list_pending_institutions(
                db, actor, kommune_id, self.lang
            )
            self.premoderation = moderation.premoderation_on(db, actor, kommune_id)
            self.check_total = moderation.count_listings_to_check(db, actor, kommune_id)
            self.check_pages = pages_for(self.check_total)
            self.check_page = min(self.check_page, self.check_pages)
            self.to_check = moderation.list_listings_to_check(
                db, actor, kommune_id, self.check_page, self.lang
            )
        shown = {p.user_id for p in self.pending}
        self.selected = [i for i in self.selected if i in shown]

    def _name(self, user_id: int | None) -> str:
        return next((p.display_name for p in self.pending if p.user_id == user_id), "")

    def _title(self, listing_id: int | None) -> str:
        return next((c.title for c in self.to_check if c.listing_id == listing_id), "")

    def _close_steps(self) -> None:
        self.declining = self.rejecting = self.declining_institution = 0

    def _institution_name(self, institution_id: int | None) -> str:
        return next(
            (i.name for i in self.pending_institutions if i.institution_id == institution_id), ""
        )

    def _reset(self) -> None:
        self.check_page = 1
        self.selected = []
        self._close_steps()
        self.pending, self.to_check = [], []
        self.pending_institutions = []

    @rx.event
    def go_check_page(self, page: int) -> None:
        actor = self._actor()
        self.check_page = max(1, parse_id(page) or 1)
        self._after(actor)

    @rx.event
    def approve(self, user_id: int) -> None:
        actor = self._actor()
        person = parse_id(user_id)
        self._change_id(
            actor,
            "admin.approved_done",
            "user.not_found",
            approval.approve_user,
            person,
            name=self._name(person),
        )
        self._after(actor)

    @rx.event
    def toggle(self, user_id: int) -> None:
        self._actor()
        person = parse_id(user_id)
        if person is None:
            return
        if person in self.selected:
            self.selected = [i for i in self.selected if i != person]
        elif person in {p.user_id for p in self.pending}:
            self.selected = [*self.selected, person]

    @rx.event
    def toggle_all(self) -> None:
        self._actor()
        everyone = [p.user_id for p in self.pending]
        self.selected = [] if set(self.selected) >= set(everyone) else everyone

    @rx.event
    def approve_selected(self) -> None:
        actor = self._actor()
        chosen = list(self.selected)
        names = [self._name(i) for i in chosen]
        self._change(
            actor,
            lambda db, kommune_id: approval.approve_users(db, actor, kommune_id, chosen),
            "approvals.bulk_done",
            count=len(chosen),
            names=", ".join(names),
        )
        self.selected = []
        self._after(actor)

    @rx.event
    def ask_decline(self, user_id: int) -> None:
        self._actor()
        self.error = self.success = ""
        self.rejecting = 0
        self.declining = parse_id(user_id) or 0

    @rx.event
    def decline(self, form: dict[str, str]) -> None:
        actor = self._actor()
        person = parse_id(form.get("user_id"))
        if self._change_id(
            actor,
            "approvals.declined_done",
            "user.not_found",
            approval.decline_user,
            person,
            reason_of(form),
            name=self._name(person),
        ):
            self.selected = [i for i in self.selected if i != person]
            self._after(actor)

    @rx.event
    def approve_institution(self, institution_id: int) -> None:
        actor = self._actor()
        wanted = parse_id(institution_id)
        self._change_id(
            actor,
            "institution.approved",
            "institution.not_found",
            institutions.approve_institution,
            wanted,
            name=self._institution_name(wanted),
        )
        self._after(actor)

    @rx.event
    def ask_decline_institution(self, institution_id: int) -> None:
        self._actor()
        self.error = self.success = ""
        self.declining = self.rejecting = 0
        self.declining_institution = parse_id(institution_id) or 0

    @rx.event
    def decline_institution(self, form: dict[str, str]) -> None:
        actor = self._actor()
        wanted = parse_id(form.get("institution_id"))
        if self._change_id(
            actor,
            "institution.declined",
            "institution.not_found",
            institutions.decline_institution,
            wanted,
            reason_of(form),
            name=self._institution_name(wanted),
        ):
            self._after(actor)

    @rx.event
    def publish(self, listing_id: int) -> None:
        actor = self._actor()
        listing = parse_id(listing_id)
        self._change_id(
            actor,
            "check.published_done",
            "listing.not_found",
            moderation.publish_pending_listing,
            listing,
            title=self._title(listing),
        )
        self._after(actor)

    @rx.event
    def ask_reject(self, listing_id: int) -> None:
        self._actor()
        self.error = self.success = ""
        self.declining = 0
        self.rejecting = parse_id(listing_id) or 0

    @rx.event
    def reject(self, form: dict[str, str]) -> None:
        actor = self._actor()
        listing = parse_id(form.get("listing_id"))
        if self._change_id(
            actor,
            "check.rejected_done",
            "listing.not_found",
            moderation.reject_pending_listing,
            listing,
            reason_of(form),
            title=self._title(listing),
        ):
            self._after(actor)


# --- people ---------------------------------------------------------------------------------


def _checkbox(person: rx.Var[PendingPerson]) -> rx.Component:
    return rx.el.input(
        type="checkbox",
        checked=ApprovalState.selected.contains(person.user_id),
        on_change=ApprovalState.toggle(person.user_id),
        aria_label=t("approvals.select_person").replace("{name}", person.display_name),
        style={"width": "28px", "height": "28px"},
    )


def _person_row(person: rx.Var[PendingPerson]) -> rx.Component:
    return rx.fragment(
        rx.table.row(
            rx.table.cell(_checkbox(person)),
            rx.table.cell(
                rx.link(
                    person.display_name,
                    href=routes.person_href(person.user_id),
                )
            ),
            rx.table.cell(
                rx.cond(
                    person.represented,
                    rx.hstack(
                        rx.badge(t("represented.marker"), color_scheme="violet", size="2"),
                        rx.text.span(
                            rx.cond(
                                person.represented_by != "",
                                t("represented.by").replace("{name}", person.represented_by),
                                t("represented.by_office"),
                            ),
                            size="2",
                        ),
                        wrap="wrap",
                    ),
                    person.email,
                )
            ),
            rx.table.cell(person.area_name),
            rx.table.cell(person.registered_at),
            rx.table.cell(
                rx.hstack(
                    rx.button(
                        t("admin.approve"),
                        on_click=ApprovalState.approve(person.user_id),
                        aria_label=t("admin.approve") + " " + person.display_name,
                        size="3",
                    ),
                    rx.button(
                        t("approvals.decline"),
                        on_click=ApprovalState.ask_decline(person.user_id),
                        aria_label=t("approvals.decline_person").replace(
                            "{name}", person.display_name
                        ),
                        size="3",
                        variant="soft",
                        color_scheme="red",
                    ),
                    wrap="wrap",
                )
            ),
        ),
        reason_row(
            ApprovalState.declining == person.user_id,
            6,
            reason_form(
                t("approvals.decline_title").replace("{name}", person.display_name),
                t("approvals.decline_reason"),
                t("approvals.decline_confirm"),
                hint=t("approvals.decline_hint"),
                error=ApprovalState.error,
                on_submit=ApprovalState.decline,
                on_cancel=ApprovalState.cancel,
                hidden={"user_id": person.user_id},
            ),
        ),
    )


def _people() -> rx.Component:
    return admin_section(
        t("approvals.people_title"),
        "people-waiting",
        rx.text(t("moderation.count").replace("{count}", ApprovalState.pending_total.to_string())),
        rx.cond(
            ApprovalState.pending.length() > 0,
            rx.vstack(
                rx.hstack(
                    rx.button(
                        t("approvals.select_all"),
                        on_click=ApprovalState.toggle_all,
                        size="3",
                        variant="soft",
                    ),
                    rx.button(
                        t("approvals.approve_selected"),
                        on_click=ApprovalState.approve_selected,
                        disabled=ApprovalState.selected.length() == 0,
                        size="3",
                    ),
                    rx.text(
                        t("approvals.selected_count").replace(
                            "{count}", ApprovalState.selected.length().to_string()
                        ),
                        aria_live="polite",
                    ),
                    align="center",
                    wrap="wrap",
                    spacing="3",
                ),
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(t("approvals.col.select")),
                            rx.table.column_header_cell(t("admin.col.name")),
                            rx.table.column_header_cell(t("admin.col.email")),
                            rx.table.column_header_cell(t("admin.col.area")),
                            rx.table.column_header_cell(t("admin.col.registered")),
                            rx.table.column_header_cell(t("admin.col.action")),
                        )
                    ),
                    rx.table.body(rx.foreach(ApprovalState.pending, _person_row)),
                    width="100%",
                ),
                pager(ApprovalState.page, ApprovalState.pages, ApprovalState.go_page),
                width="100%",
                spacing="3",
            ),
            rx.text(t("admin.approvals_empty")),
        ),
    )


# --- institutions -----------------------------------------------------------------------------


def _institution_card(item: rx.Var[PendingInstitution]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(t("institution.badge"), size="2", color_scheme="purple"),
                rx.heading(item.name, size="4", as_="h3"),
                align="center",
                wrap="wrap",
            ),
            rx.text(item.description, white_space="pre-wrap"),
            rx.cond(item.website != "", rx.text(item.website, size="2")),
            rx.text(
                t("institution.queue_responsible").replace("{name}", item.responsible_name),
                " (",
                item.responsible_email,
                ") ",
                rx.cond(item.responsible_pending, t("institution.queue_person_pending"), ""),
                " · ",
                item.registered_at,
                size="2",
            ),
            rx.hstack(
                rx.button(
                    t("institution.approve").replace("{name}", item.name),
                    on_click=ApprovalState.approve_institution(item.institution_id),
                    size="3",
                ),
                rx.button(
                    t("institution.decline").replace("{name}", item.name),
                    on_click=ApprovalState.ask_decline_institution(item.institution_id),
                    size="3",
                    variant="soft",
                    color_scheme="red",
                ),
                wrap="wrap",
            ),
            rx.cond(
                ApprovalState.declining_institution == item.institution_id,
                reason_form(
                    t("institution.decline").replace("{name}", item.name),
                    t("approvals.decline_reason"),
                    t("approvals.decline_confirm"),
                    error=ApprovalState.error,
                    on_submit=ApprovalState.decline_institution,
                    on_cancel=ApprovalState.cancel,
                    hidden={"institution_id": item.institution_id},
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _institutions() -> rx.Component:
    return rx.cond(
        ApprovalState.pending_institutions.length() > 0,
        admin_section(
            t("institution.queue_title"),
            "institutions-waiting",
            rx.foreach(ApprovalState.pending_institutions, _institution_card),
        ),
    )


# --- listings (pre-moderation) --------------------------------------------------------------


def _listing_card(item: rx.Var[ListingToCheck]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.cond(
                    item.kind == "offer",
                    rx.badge(t("kind.offer"), size="2"),
                    rx.badge(t("kind.request"), size="2", color_scheme="orange"),
                ),
                rx.text(item.category, " · ", item.area, size="2"),
                wrap="wrap",
                align="center",
            ),
            rx.heading(
                rx.link(item.title, href=routes.listing_detail_href(item.listing_id)),
                size="4",
                as_="h3",
            ),
            rx.text(item.body, white_space="pre-wrap"),
            rx.text(
                t("check.by"),
                " ",
                rx.link(
                    rx.text.strong(item.author_name),
                    href=routes.person_href(item.author_id),
                ),
                " · ",
                t("check.submitted"),
                " ",
                item.submitted_at,
                size="2",
            ),
            rx.hstack(
                rx.button(
                    t("check.publish"),
                    on_click=ApprovalState.publish(item.listing_id),
                    aria_label=t("check.publish_listing").replace("{title}", item.title),
                    size="3",
                ),
                rx.button(
                    t("check.reject"),
                    on_click=ApprovalState.ask_reject(item.listing_id),
                    aria_label=t("check.reject_listing").replace("{title}", item.title),
                    size="3",
                    variant="soft",
                    color_scheme="red",
                ),
                wrap="wrap",
            ),
            rx.cond(
                ApprovalState.rejecting == item.listing_id,
                reason_form(
                    t("check.reject_listing").replace("{title}", item.title),
                    t("check.reject_reason"),
                    t("check.reject_confirm"),
                    error=ApprovalState.error,
                    on_submit=ApprovalState.reject,
                    on_cancel=ApprovalState.cancel,
                    hidden={"listing_id": item.listing_id},
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _listings() -> rx.Component:
    return admin_section(
        t("check.title"),
        "listings-waiting",
        rx.text(rx.cond(ApprovalState.premoderation, t("check.on"), t("check.off"))),
        rx.text(t("moderation.count").replace("{count}", ApprovalState.check_total.to_string())),
        rx.cond(
            ApprovalState.to_check.length() > 0,
            rx.vstack(
                rx.foreach(ApprovalState.to_check, _listing_card),
                pager(
                    ApprovalState.check_page, ApprovalState.check_pages, ApprovalState.go_check_page
                ),
                width="100%",
                spacing="3",
            ),
            rx.text(t("check.empty")),
        ),
    )


def approvals_page() -> rx.Component:
    no_step_open = (
        (ApprovalState.declining == 0)
        & (ApprovalState.rejecting == 0)
        & (ApprovalState.declining_institution == 0)
    )
    return review_page(
        ApprovalState, "admin.nav.approvals", no_step_open, _people(), _institutions(), _listings()
    )
