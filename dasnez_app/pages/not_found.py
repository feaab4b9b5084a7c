"""The friendly not-found page of the public app."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_ui.layout import not_found_body


def not_found_page() -> rx.Component:
    return public_page(not_found_body(routes.HOME))
