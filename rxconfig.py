"""One Reflex config for both apps. The app is chosen by REFLEX_APP_NAME
(dasnez_app by default, admin_portal for the admin app); every other field can be
overridden by REFLEX_<FIELD> as well (see README)."""

import os

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from dasnez_core.config import load_settings
from dasnez_ui.theme import THEME

_APP_NAME = os.environ.get("REFLEX_APP_NAME", "dasnez_app")

config = rx.Config(
    app_name=_APP_NAME,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[rx.plugins.RadixThemesPlugin(theme=THEME)],
    disable_plugins=[SitemapPlugin],
    # Both apps share reflex.lock/: list every npm package either app uses, so that
    # building one app does not drop the other's packages from the lock.
    frontend_packages=["recharts"],
    # Only the app's own configured address (DASNEZ_PUBLIC_URL / DASNEZ_ADMIN_URL) may open
    # its websocket (/_event) or read its answers cross-origin (CORS, with credentials).
    # Reflex's default "*" echoed any origin.
    cors_allowed_origins=load_settings().allowed_origins(
        "admin" if _APP_NAME == "admin_portal" else "public"
    ),
    # Idle client states (page data of a tab) expire after an hour: a Redis TTL, and on
    # disk Reflex deletes state files older than this (at start and while running).
    redis_token_expiration=3600,
)
