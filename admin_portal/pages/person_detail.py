"""One person of the admin's Kommune (/personen/<id>): the facts, their listings, the
ratings they received (each can be hidden from the public, with a reason), blocking and
unblocking, and the history from the audit log."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_section, reason_form, reason_of
from admin_portal.detail_page import DetailState, detail_frame, fact, facts, history_section
from dasnez_core.actor import Actor
from dasnez_core.formatting import format_number
from dasnez_core.models import ListingStatus, UserStatus
from dasnez_core.services import moderation, ratings
from dasnez_core.services.admin_detail import (
    OwnListing,
    PersonDetail,
    ReceivedRating,
    history,
    person_detail,
)
from dasnez_ui.lang import t
from dasnez_ui.params import parse_id

_EMPTY = PersonDetail(0, "", "", "", "", "", "", "", 0, 0, 0, 0.0, False, [], [])
_PERSON_STEPS = ("block", "unblock")
_RATING_STEPS = ("hide", "show")


class PersonDetailState(DetailState):
    person: PersonDetail = _EMPTY
    status_label: str = ""
    role_label: str = ""
    average: str = ""

    def _fill(self, db: Session, actor: Actor, kommune_id: int, user_id: int) -> None:
        person = person_detail(db, actor, kommune_id, user_id, self.lang)
        self.person = person
        self.status_label = self._t(f"adminlist.user_status.{person.status}")
        self.role_label = self._t(f"admindetail.role.{person.role}")
        self.average = (
            format_number(person.public_average, self.lang, decimals=1)
            if person.public_rating_count
            else "–"
        )
        self.history = history(db, actor, kommune_id, "user", user_id, self.lang)

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _record_id(self) -> int | None:
        return routes.detail_id(routes.PERSON_DETAIL, self.router.url.path)

    @rx.event
    def ask(self, step: str, rating_id: int) -> None:
        """Open a confirm step: "block" / "unblock" the person, "hide" / "show" a rating."""
        self._actor()
        self.error = self.success = ""
        self.step = step if step in (*_PERSON_STEPS, *_RATING_STEPS) else ""
        self.step_id = parse_id(rating_id) or 0

    @rx.event
    def block(self, form: dict[str, str]) -> None:
        actor = self._actor()
        user_id = self._target(form.get("user_id"))
        name = self.person.display_name if user_id == self.person.user_id else ""
        if self._block_person(actor, user_id, reason_of(form), name):
            self._show(actor, user_id)

    @rx.event
    def unblock(self, form: dict[str, str]) -> None:
        self._person_change(form, "people.unblocked_done", moderation.unblock_user)

    @rx.event
    def hide_rating(self, form: dict[str, str]) -> None:
        self._rating_change(form, "admindetail.rating_hidden_done", ratings.hide_rating)

    @rx.event
    def show_rating(self, form: dict[str, str]) -> None:
        self._rating_change(form, "admindetail.rating_shown_done", ratings.show_rating)

    def _person_change(
        self, form: dict[str, str], done: str, service: Callable[..., object]
    ) -> None:
        """Block or unblock the person the form names (looked up in the admin's Kommune)."""
        actor = self._actor()
        user_id = self._target(form.get("user_id"))
        name = self.person.display_name if user_id == self.person.user_id else ""
        if self._change_id(
            actor, done, "user.not_found", service, user_id, reason_of(form), name=name
        ):
            self._show(actor, user_id)

    def _rating_change(
        self, form: dict[str, str], done: str, service: Callable[..., object]
    ) -> None:
        """Hide or show the rating the form names (looked up in the admin's Kommune)."""
        actor = self._actor()
        rating_id = parse_id(form.get("rating_id"))
        if self._change_id(actor, done, "rating.not_found", service, rating_id, reason_of(form)):
            self._show(actor, self._record_id())


# --- the page -------------------------------------------------------------------------------

S = PersonDetailState


def _person_step_form(step: str) -> rx.Component:
    return reason_form(
        t(f"people.{step}_person").replace("{name}", S.person.display_name),
        t(f"people.{step}_reason"),
        t(f"people.{step}_confirm"),
        hint=t(f"people.{step}_hint"),
        error=S.error,
        on_submit=getattr(S, step),
        on_cancel=S.cancel,
        hidden={"user_id": S.person.user_id},
    )


def _actions() -> rx.Component:
    blocked = S.person.status == UserStatus.BLOCKED.value
    return rx.cond(
        S.person.may_block,
        rx.vstack(
            rx.cond(
                blocked,
                rx.button(
                    t("people.unblock"), on_click=S.ask("unblock", 0), size="3", variant="soft"
                ),
                rx.button(
                    t("people.block"),
                    on_click=S.ask("block", 0),
                    size="3",
                    color_scheme="red",
                    variant="soft",
                ),
            ),
            *(rx.cond(S.step == step, _person_step_form(step)) for step in _PERSON_STEPS),
            width="100%",
        ),
        rx.text(t("admindetail.no_block_rights"), color_scheme="gray"),
    )


def _facts() -> rx.Component:
    p = S.person
    return admin_section(
        t("admindetail.facts"),
        "facts",
        facts(
            fact("adminlist.col.email", p.email),
            fact("admindetail.role", S.role_label),
            fact("adminlist.col.status", S.status_label),
            fact("adminlist.col.area", p.district),
            fact("adminlist.col.registered", p.registered_on),
            fact("adminlist.col.approved", p.approved_on),
            fact("admindetail.listing_count", p.listing_count),
            fact(
                "admindetail.rating_count",
                t("admindetail.rating_count_value")
                .replace("{count}", p.rating_count.to_string())
                .replace("{public}", p.public_rating_count.to_string())
                .replace("{average}", S.average),
            ),
        ),
        _actions(),
    )


def _listing_status(status: rx.Var[str]) -> rx.Component:
    return rx.match(
        status,
        *((s.value, t(f"adminlist.listing_status.{s.value}")) for s in ListingStatus),
        status,
    )


def _own_listing(row: rx.Var[OwnListing]) -> rx.Component:
    return rx.el.li(
        rx.link(row.title, href=routes.listing_detail_href(row.listing_id), underline="always"),
        " · ",
        _listing_status(row.status),
        " · ",
        row.created_on,
    )


def _listings() -> rx.Component:
    return admin_section(
        t("admindetail.person_listings"),
        "listings",
        rx.cond(
            S.person.listings.length() > 0,
            rx.el.ul(
                rx.foreach(S.person.listings, _own_listing), style={"padding_left": "1.25rem"}
            ),
            rx.text(t("admindetail.no_listings")),
        ),
    )


def _rating_form(step: str, r: rx.Var[ReceivedRating]) -> rx.Component:
    return rx.cond(
        (S.step == step) & (S.step_id == r.rating_id),
        reason_form(
            t(f"admindetail.rating_{step}_title"),
            t(f"admindetail.rating_{step}_reason"),
            t(f"admindetail.rating_{step}_confirm"),
            hint=t(f"admindetail.rating_{step}_hint"),
            error=S.error,
            on_submit=S.hide_rating if step == "hide" else S.show_rating,
            on_cancel=S.cancel,
            hidden={"rating_id": r.rating_id},
        ),
    )


def _rating(r: rx.Var[ReceivedRating]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(
                    t("admindetail.stars").replace("{stars}", r.stars.to_string()),
                    weight="bold",
                ),
                rx.text(r.date, color_scheme="gray"),
                rx.text(rx.cond(r.rater_name != "", r.rater_name, t("adminratings.former_member"))),
                rx.cond(
                    r.admin_only,
                    rx.badge(t("adminratings.admin_only"), color_scheme="red", size="2"),
                ),
                rx.cond(
                    r.hidden,
                    rx.badge(t("admindetail.rating_hidden"), color_scheme="gray", size="2"),
                ),
                wrap="wrap",
                align="center",
                spacing="3",
            ),
            rx.cond(
                r.comment != "",
                rx.text(r.comment, white_space="pre-wrap", style={"overflow_wrap": "anywhere"}),
                rx.text(t("adminratings.no_comment"), color_scheme="gray"),
            ),
            rx.cond(
                r.hidden,
                rx.fragment(
                    rx.text(t("admindetail.rating_hidden_reason"), ": ", r.hidden_reason, size="2"),
                    rx.button(
                        t("admindetail.rating_show"), on_click=S.ask("show", r.rating_id), size="2"
                    ),
                ),
                rx.button(
                    t("admindetail.rating_hide"),
                    on_click=S.ask("hide", r.rating_id),
                    size="2",
                    color_scheme="red",
                    variant="soft",
                ),
            ),
            *(_rating_form(step, r) for step in _RATING_STEPS),
            width="100%",
            spacing="2",
        ),
        width="100%",
        data_testid="received-rating",
    )


def _ratings() -> rx.Component:
    return admin_section(
        t("admindetail.person_ratings"),
        "ratings",
        rx.cond(
            S.person.ratings.length() > 0,
            rx.vstack(rx.foreach(S.person.ratings, _rating), width="100%", spacing="2"),
            rx.text(t("adminratings.none")),
        ),
    )


def person_detail_page() -> rx.Component:
    return detail_frame(
        S,
        "admindetail.back_people",
        routes.PEOPLE,
        S.person.display_name,
        _facts(),
        _listings(),
        _ratings(),
        history_section(S.history),
    )
