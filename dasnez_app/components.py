"""Components used by several public pages."""

from __future__ import annotations

import reflex as rx

from dasnez_app.state import PublicSession
from dasnez_app.ui.lang import t
from dasnez_app.ui.layout import link_button, page_frame


def account_menu() -> rx.Component:
    return rx.cond(
        PublicSession.logged_in,
        rx.hstack(
            rx.text(PublicSession.user_name, weight="bold"),
            rx.button(t("nav.logout"), on_click=PublicSession.logout, variant="soft"),
            align="center",
            spacing="2",
        ),
        link_button(t("nav.login"), "/anmelden", variant="soft"),
    )


def public_page(*children: rx.Component) -> rx.Component:
    return page_frame(account_menu(), *children)


def kind_badge(kind: rx.Var[str]) -> rx.Component:
    return rx.cond(
        kind == "offer",
        rx.badge(t("kind.offer"), color_scheme="green", size="2"),
        rx.badge(t("kind.request"), color_scheme="orange", size="2"),
    )


def exchange_label(exchange_type: rx.Var[str]) -> rx.Component:
    return rx.match(
        exchange_type,
        ("taschengeld", t("exchange.taschengeld")),
        ("zeitspende", t("exchange.zeitspende")),
        ("tausch", t("exchange.tausch")),
        ("nachbarschaft", t("exchange.nachbarschaft")),
        exchange_type,
    )
