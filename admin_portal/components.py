"""Frame of every admin page."""

from __future__ import annotations

import reflex as rx

from admin_portal.state import AdminSession
from dasnez_app.ui.lang import t
from dasnez_app.ui.layout import page_frame


def _menu() -> rx.Component:
    return rx.cond(
        AdminSession.logged_in,
        rx.hstack(
            rx.cond(
                AdminSession.is_kommune_admin,
                rx.link(t("admin.nav.approvals"), href="/freischaltung"),
            ),
            rx.cond(
                AdminSession.is_platform_admin, rx.link(t("admin.nav.kommunen"), href="/kommunen")
            ),
            rx.text(AdminSession.user_name, weight="bold"),
            rx.button(t("nav.logout"), on_click=AdminSession.logout, variant="soft"),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
    )


def admin_page(*children: rx.Component) -> rx.Component:
    return page_frame(_menu(), *children)
