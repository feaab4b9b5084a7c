"""Components used by several public pages."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.state import PublicSession
from dasnez_core.exchanges import RULES
from dasnez_ui.lang import t
from dasnez_ui.layout import current_page, link_button, nav_link, page_frame


def account_menu() -> rx.Component:
    return rx.cond(
        PublicSession.logged_in,
        rx.hstack(
            rx.text(PublicSession.user_name, weight="bold"),
            rx.el.nav(
                rx.hstack(
                    messages_link(),
                    nav_link(t("nav.own_listings"), routes.MY_LISTINGS),
                    nav_link(t("nav.account"), routes.ACCOUNT),
                    align="center",
                    spacing="2",
                    wrap="wrap",
                ),
                aria_label=t("a11y.nav.main"),
            ),
            rx.button(t("nav.logout"), on_click=PublicSession.logout, variant="soft"),
            align="center",
            spacing="2",
            wrap="wrap",
        ),
        link_button(t("nav.login"), routes.LOGIN, variant="soft"),
    )


def messages_link() -> rx.Component:
    """The header link to the conversations, with the unread count (also spoken)."""
    count = PublicSession.unread.to_string()
    return rx.cond(
        PublicSession.unread > 0,
        rx.link(
            t("nav.messages_count").replace("{count}", count),
            href=routes.MESSAGES,
            aria_label=t("nav.messages_unread_label").replace("{count}", count),
            aria_current=rx.cond(current_page(routes.MESSAGES), "page", "false"),
            weight="bold",
        ),
        nav_link(t("nav.messages"), routes.MESSAGES),
    )


def public_page(*children: rx.Component) -> rx.Component:
    return page_frame(account_menu(), *children, home=routes.HOME)


def kind_badge(kind: rx.Var[str]) -> rx.Component:
    return rx.cond(
        kind == "offer",
        rx.badge(t("kind.offer"), color_scheme="green", size="2"),
        rx.badge(t("kind.request"), color_scheme="orange", size="2"),
    )


def exchange_label(exchange_type: rx.Var[str]) -> rx.Component:
    """The name of an exchange type, from its rule (the code itself if it has none)."""
    return rx.match(
        exchange_type,
        *[(rule.type.value, t(rule.label_key)) for rule in RULES.values()],
        exchange_type,
    )


def listing_card(card: rx.Var, slug: rx.Var[str]) -> rx.Component:
    """A listing in a list; its title links to the detail page."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                kind_badge(card.kind),
                rx.badge(exchange_label(card.exchange_type), variant="outline", size="2"),
                rx.text(card.category, color_scheme="gray"),
                wrap="wrap",
            ),
            rx.heading(
                rx.link(card.title, href=routes.listing_href(slug, card.id)),
                size="5",
                as_="h3",
            ),
            rx.text(card.body),
            rx.text(
                card.area,
                " · ",
                t("kommune.by"),
                " ",
                card.author,
                " · ",
                card.created_at,
                size="2",
                color_scheme="gray",
            ),
            spacing="2",
        ),
        width="100%",
        data_testid="listing-card",
    )
