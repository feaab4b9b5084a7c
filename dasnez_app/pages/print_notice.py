"""The "Aushang drucken" part of a listing's detail page: a download link for those who
may print the listing (any approved person, for a public listing)."""

from __future__ import annotations

import reflex as rx

from dasnez_app.print_http import notice_href
from dasnez_core import permissions
from dasnez_core.actor import Actor
from dasnez_core.permissions import Action
from dasnez_core.services.search import ListingDetail
from dasnez_ui.lang import t


def notice_link(actor: Actor, slug: str, listing: ListingDetail) -> str:
    """The Aushang's address for `actor`, or "" if they may not print this listing (the
    download checks again)."""
    if not listing.is_public or not permissions.can(actor, Action.PRINT_NOTICE):
        return ""
    return notice_href(slug.strip().lower(), listing.id)


def print_notice_button(href: rx.Var[str]) -> rx.Component:
    """The download button with a line saying what it gives; nothing when `href` is ""."""
    return rx.cond(
        href != "",
        rx.vstack(
            rx.button(
                # A plain link: the PDF comes from an HTTP address, not a page.
                rx.el.a(
                    rx.icon("printer", size=20, aria_hidden="true"),
                    t("print.notice_button"),
                    href=href,
                    download="",
                    # A document request, not React Router's client-side navigation.
                    reload_document=True,
                    aria_describedby="print-notice-hint",
                ),
                as_child=True,
                size="3",
                variant="outline",
            ),
            rx.text(t("print.notice_hint"), id="print-notice-hint", size="2"),
            spacing="1",
        ),
    )
