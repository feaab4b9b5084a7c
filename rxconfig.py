"""One Reflex config for both apps. The app is chosen by REFLEX_APP_NAME
(dasnez_app by default, admin_portal for the admin app); every other field can be
overridden by REFLEX_<FIELD> as well (see README)."""

import reflex as rx

config = rx.Config(
    app_name="dasnez_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    state_auto_setters=False,
    disable_plugins=["reflex.plugins.sitemap.SitemapPlugin"],
)
