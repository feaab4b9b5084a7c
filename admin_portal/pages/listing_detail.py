"""One listing of the admin's Kommune (/eintraege/<id>): the facts and the text, its author,
every report on it, removing or restoring it with a reason, and its history."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_section, reason_form, reason_of
from admin_portal.detail_page import DetailState, detail_frame, fact, facts, history_section
from admin_portal.pages.listing_photos_admin import listing_photos_section
from dasnez_core.actor import Actor
from dasnez_core.models import ListingStatus
from dasnez_core.services import moderation
from dasnez_core.services.admin_detail import (
    ListingDetail,
    ListingReportLine,
    history,
    listing_detail,
)
from dasnez_ui.lang import t

_EMPTY = ListingDetail(0, "", "", "", "", "", "", "", 0, "", "", "", "", "", False, [])
_STEPS = ("remove", "restore")
_GONE = (ListingStatus.REMOVED.value, ListingStatus.DELETED.value)


class ListingDetailState(DetailState):
    listing: ListingDetail = _EMPTY
    status_label: str = ""
    kind_label: str = ""
    exchange_label: str = ""

    def _fill(self, db: Session, actor: Actor, kommune_id: int, listing_id: int) -> None:
        listing = listing_detail(db, actor, kommune_id, listing_id, self.lang)
        self.listing = listing
        self.status_label = self._t(f"adminlist.listing_status.{listing.status}")
        self.kind_label = self._t(f"kind.{listing.kind}")
        self.exchange_label = self._t(f"exchange.{listing.exchange}")
        self.history = history(db, actor, kommune_id, "listing", listing_id, self.lang)

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _record_id(self) -> int | None:
        return routes.detail_id(routes.LISTING_DETAIL, self.router.url.path)

    @rx.event
    def ask(self, step: str) -> None:
        """Open the confirm step "remove" or "restore"."""
        self._actor()
        self.error = self.success = ""
        self.step = step if step in _STEPS else ""

    @rx.event
    def remove(self, form: dict[str, str]) -> None:
        self._listing_change(form, "reports.removed_done", moderation.remove_listing)

    @rx.event
    def restore(self, form: dict[str, str]) -> None:
        self._listing_change(form, "admindetail.restored_done", moderation.restore_listing)

    def _listing_change(
        self, form: dict[str, str], done: str, service: Callable[..., object]
    ) -> None:
        """Remove or restore the listing the form names (looked up in the admin's Kommune)."""
        actor = self._actor()
        listing_id = self._target(form.get("listing_id"))
        title = self.listing.title if listing_id == self.listing.listing_id else ""
        if self._change_id(
            actor, done, "listing.not_found", service, listing_id, reason_of(form), title=title
        ):
            self._show(actor, listing_id)


# --- the page -------------------------------------------------------------------------------

S = ListingDetailState


def _step_form(step: str) -> rx.Component:
    return reason_form(
        t(f"admindetail.{step}_title").replace("{title}", S.listing.title),
        t(f"admindetail.{step}_reason"),
        t(f"admindetail.{step}_confirm"),
        hint=t(f"admindetail.{step}_hint"),
        error=S.error,
        on_submit=getattr(S, step),
        on_cancel=S.cancel,
        hidden={"listing_id": S.listing.listing_id},
    )


def _actions() -> rx.Component:
    status = S.listing.status
    return rx.cond(
        S.listing.may_moderate,
        rx.vstack(
            rx.cond(
                status == ListingStatus.REMOVED.value,
                rx.button(t("admindetail.restore"), on_click=S.ask("restore"), size="3"),
            ),
            rx.cond(
                (status != _GONE[0]) & (status != _GONE[1]),
                rx.button(
                    t("reports.remove"),
                    on_click=S.ask("remove"),
                    size="3",
                    color_scheme="red",
                    variant="soft",
                ),
            ),
            *(rx.cond(S.step == step, _step_form(step)) for step in _STEPS),
            width="100%",
        ),
    )


def _facts() -> rx.Component:
    d = S.listing
    return admin_section(
        t("admindetail.facts"),
        "facts",
        facts(
            fact("adminlist.col.status", S.status_label),
            fact("adminlist.col.kind", S.kind_label),
            fact("adminlist.col.exchange", S.exchange_label),
            fact("adminlist.col.category", d.category),
            fact("adminlist.col.area", d.area),
            fact(
                "adminlist.col.author",
                rx.fragment(
                    rx.link(d.author_name, href=routes.person_href(d.author_id)),
                    rx.cond(
                        d.institution != "",
                        rx.text(
                            " ",
                            t("institution.posted_for").replace("{name}", d.institution),
                            as_="span",
                        ),
                    ),
                ),
            ),
            fact("adminlist.col.created", d.created_at),
            fact("admindetail.updated", d.updated_at),
            fact("adminlist.col.expires", d.expires_on),
            fact("admindetail.closed", d.closed_at),
        ),
        rx.heading(t("admindetail.text"), size="4", as_="h3"),
        rx.text(d.body, white_space="pre-wrap", style={"overflow_wrap": "anywhere"}),
        _actions(),
    )


def _report(r: rx.Var[ListingReportLine]) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.cond(
                r.open,
                rx.badge(t("admindetail.report_open"), color_scheme="amber", size="2"),
                rx.badge(t("admindetail.report_done"), color_scheme="gray", size="2"),
            ),
            rx.text(r.reported_at, color_scheme="gray"),
            rx.text(
                t("reports.reporter"),
                ": ",
                rx.cond(r.reporter_name != "", r.reporter_name, t("reports.anonymous")),
            ),
            wrap="wrap",
            spacing="3",
        ),
        rx.text(r.reason, white_space="pre-wrap", style={"overflow_wrap": "anywhere"}),
        style={"margin_bottom": "0.75rem"},
    )


def _reports() -> rx.Component:
    return admin_section(
        t("admindetail.reports"),
        "reports",
        rx.cond(
            S.listing.reports.length() > 0,
            rx.el.ul(rx.foreach(S.listing.reports, _report), style={"padding_left": "1.25rem"}),
            rx.text(t("admindetail.no_reports")),
        ),
    )


def listing_detail_page() -> rx.Component:
    return detail_frame(
        S,
        "admindetail.back_listings",
        routes.LISTINGS,
        S.listing.title,
        _facts(),
        listing_photos_section(),
        _reports(),
        history_section(S.history),
    )
