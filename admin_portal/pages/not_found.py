"""The admin portal's friendly not-found page."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from dasnez_ui.layout import not_found_body


def admin_not_found_page() -> rx.Component:
    return admin_page(not_found_body(routes.HOME))
