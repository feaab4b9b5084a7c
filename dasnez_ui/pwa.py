"""What makes the apps installable and recognisable: icons, theme colour, the web app
manifest and the service worker registration (the files themselves are in assets/,
written by scripts/make_pwa_assets.py from the values here and the message catalog)."""

from __future__ import annotations

import reflex as rx

from dasnez_core.i18n import text

# Radix teal 11, the theme's accent for text (AA on white), and the page background.
THEME_COLOR = "#008573"
BACKGROUND_COLOR = "#ffffff"
MANIFEST_PATH = "/manifest.webmanifest"
SERVICE_WORKER_REGISTRATION = "/sw-register.js"
# Icons as the manifest and the pages name them: path, size in px, purpose.
ICONS: tuple[tuple[str, int, str], ...] = (
    ("/icons/icon-192.png", 192, "any"),
    ("/icons/icon-512.png", 512, "any"),
    ("/icons/icon-maskable-192.png", 192, "maskable"),
    ("/icons/icon-maskable-512.png", 512, "maskable"),
)
APPLE_TOUCH_ICON = ("/apple-touch-icon.png", 180)
FAVICON_ICO = "/favicon.ico"
FAVICON_SVG = "/favicon.svg"
# The image Reflex names as og:image of every page (its default is "favicon.ico").
SHARE_IMAGE = "/icons/icon-512.png"


def icon_tags() -> list[rx.Component]:
    """Favicon, touch icon and theme colour: both apps."""
    return [
        rx.el.link(rel="icon", href=FAVICON_ICO, sizes="32x32"),
        rx.el.link(rel="icon", href=FAVICON_SVG, type="image/svg+xml"),
        rx.el.link(rel="apple-touch-icon", href=APPLE_TOUCH_ICON[0]),
        rx.el.meta(name="theme-color", content=THEME_COLOR),
    ]


def private_app_tags() -> list[rx.Component]:
    """Icons and theme colour, and no search engine indexes the pages (the admin portal)."""
    return [*icon_tags(), rx.el.meta(name="robots", content="noindex, nofollow")]


def installable_tags() -> list[rx.Component]:
    """Icons plus the manifest, the home-screen title on iOS and the service worker.

    The worker is registered from a script file, not inline: the Content-Security-Policy
    admits inline scripts only by the hash of the build's own ones.
    """
    return [
        *icon_tags(),
        rx.el.link(rel="manifest", href=MANIFEST_PATH),
        rx.el.meta(name="mobile-web-app-capable", content="yes"),
        rx.el.meta(name="apple-mobile-web-app-title", content=text("app.name", "de")),
        rx.el.script(src=SERVICE_WORKER_REGISTRATION, defer=True),
    ]
