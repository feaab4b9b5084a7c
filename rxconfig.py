"""One Reflex config for both apps. The app is chosen by REFLEX_APP_NAME
(dasnez_app by default, admin_portal for the admin app); every other field can be
overridden by REFLEX_<FIELD> as well (see README)."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from dasnez_ui.theme import THEME

config = rx.Config(
    app_name="dasnez_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[rx.plugins.RadixThemesPlugin(theme=THEME)],
    disable_plugins=[SitemapPlugin],
    # Both apps share reflex.lock/: list every npm package either app uses, so that
    # building one app does not drop the other's packages from the lock.
    frontend_packages=["recharts"],
    # Idle client states (page data of a tab) expire after an hour: a Redis TTL, and on
    # disk Reflex deletes state files older than this (at start and while running).
    redis_token_expiration=3600,
)
