"""The person's own listings (/meine-eintraege): status, expiry, edit, close, renew, delete."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError
from dasnez_core.formatting import format_date
from dasnez_core.services import listings
from dasnez_core.services.listings import OwnListing
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import MESSAGE_LINES
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id


class MyListingsState(PageLoad, PublicSession):
    loaded: bool = False
    rows: list[OwnListing] = []
    error: str = ""
    success: str = ""
    confirm_delete: int = 0

    def _reload(self, actor: Actor) -> None:
        with session_scope() as db:
            self.rows = listings.list_own(db, actor, lang=self.lang)

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.error = self.success = ""
        self.confirm_delete = 0
        self.loaded = False
        actor = self._refresh_session()
        if actor.is_anonymous:
            return rx.redirect(routes.LOGIN)
        self._reload(actor)
        self.loaded = True
        return None

    def _act(self, action: str, raw_id: object) -> None:
        self._ensure_built()
        actor = self._actor()
        listing_id = parse_id(raw_id)
        self.error = self.success = ""

        def act(db: Session) -> str:
            """The change, and what it says when done."""
            kommune_id = actor.kommune_id
            if listing_id is None or kommune_id is None:
                raise DomainError("listing.not_found")
            if action == "close":
                listings.close_listing(db, actor, kommune_id, listing_id)
                return self._t("own.closed_done")
            if action == "renew":
                listings.renew_listing(db, actor, kommune_id, listing_id)
                expires = listings.own_listing(db, actor, kommune_id, listing_id)
                return self._t("own.renewed_done", date=format_date(expires.expires_at, self.lang))
            listings.delete_listing(db, actor, kommune_id, listing_id)
            return self._t("own.deleted_done")

        done = self._run(act, lines=MESSAGE_LINES)
        if done.ok and done.value:
            self.success = done.value
        self.confirm_delete = 0
        if not actor.is_anonymous:
            self._reload(actor)

    @rx.event
    def close(self, listing_id: int) -> None:
        self._act("close", listing_id)

    @rx.event
    def renew(self, listing_id: int) -> None:
        self._act("renew", listing_id)

    @rx.event
    def ask_delete(self, listing_id: int) -> None:
        self.confirm_delete = parse_id(listing_id) or 0

    @rx.event
    def cancel_delete(self) -> None:
        self.confirm_delete = 0

    @rx.event
    def delete(self, listing_id: int) -> None:
        self._act("delete", listing_id)


def _status(row: rx.Var[OwnListing]) -> rx.Component:
    return rx.cond(
        row.expired,
        rx.badge(t("own.status.expired"), color_scheme="gray", size="2"),
        rx.match(
            row.status,
            ("draft", rx.badge(t("own.status.draft"), color_scheme="blue", size="2")),
            ("pending", rx.badge(t("own.status.pending"), color_scheme="amber", size="2")),
            ("published", rx.badge(t("own.status.published"), color_scheme="green", size="2")),
            ("removed", rx.badge(t("own.status.removed"), color_scheme="red", size="2")),
            ("closed", rx.badge(t("own.status.closed"), color_scheme="gray", size="2")),
            rx.badge(row.status, size="2"),
        ),
    )


def _row(row: rx.Var[OwnListing]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                _status(row),
                rx.text(t("own.expires"), " ", row.expires_on, size="2"),
                wrap="wrap",
                align="center",
            ),
            rx.heading(
                rx.link(row.title, href=routes.listing_href(row.kommune_slug, row.id)),
                size="4",
                as_="h2",
            ),
            rx.hstack(
                rx.cond(
                    row.status != "removed",
                    link_button(
                        t("own.edit"),
                        routes.listing_edit_href(row.kommune_slug, row.id),
                        variant="soft",
                    ),
                ),
                rx.cond(
                    row.status == "published",
                    rx.fragment(
                        rx.button(
                            t("own.renew"),
                            on_click=MyListingsState.renew(row.id),
                            variant="soft",
                            size="3",
                        ),
                        rx.button(
                            t("own.close"),
                            on_click=MyListingsState.close(row.id),
                            variant="soft",
                            size="3",
                        ),
                    ),
                ),
                rx.button(
                    t("own.delete"),
                    on_click=MyListingsState.ask_delete(row.id),
                    color_scheme="red",
                    variant="soft",
                    size="3",
                ),
                wrap="wrap",
            ),
            rx.cond(
                MyListingsState.confirm_delete == row.id,
                rx.callout(
                    rx.vstack(
                        rx.text(t("own.confirm_delete")),
                        rx.hstack(
                            rx.button(
                                t("own.delete"),
                                on_click=MyListingsState.delete(row.id),
                                color_scheme="red",
                                size="3",
                            ),
                            rx.button(
                                t("common.back"),
                                on_click=MyListingsState.cancel_delete,
                                variant="soft",
                                size="3",
                            ),
                        ),
                    ),
                    color_scheme="red",
                    role="alertdialog",
                ),
            ),
            spacing="3",
        ),
        width="100%",
    )


def my_listings_page() -> rx.Component:
    return public_page(
        rx.vstack(
            rx.heading(t("own.title"), size="7", as_="h1"),
            forms.error_line(MyListingsState.error),
            forms.success_line(MyListingsState.success),
            rx.cond(
                MyListingsState.loaded,
                rx.cond(
                    MyListingsState.rows.length() > 0,
                    rx.vstack(rx.foreach(MyListingsState.rows, _row), width="100%"),
                    rx.text(t("own.none")),
                ),
                rx.text(t("common.loading")),
            ),
            rx.cond(
                PublicSession.user_kommune_slug != "",
                link_button(
                    t("nav.new_listing"),
                    routes.new_listing_href(PublicSession.user_kommune_slug),
                    size="4",
                ),
            ),
            width="100%",
            spacing="4",
        )
    )
