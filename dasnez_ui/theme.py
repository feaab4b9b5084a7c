"""Look and feel shared by both apps: large type, high contrast, big tap targets."""

import reflex as rx

THEME = rx.theme(
    accent_color="teal", gray_color="slate", radius="medium", scaling="110%", appearance="light"
)

STYLE = {
    "font_family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    rx.button: {"cursor": "pointer"},
}
