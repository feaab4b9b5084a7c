"""Look and feel shared by both apps: large type, high contrast, big tap targets."""

import reflex as rx

THEME = rx.theme(
    accent_color="teal", gray_color="slate", radius="medium", scaling="110%", appearance="light"
)

STYLE = {
    "font_family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    rx.button: {"cursor": "pointer"},
}


def accent_style(colour: rx.Var[str]) -> dict[str, rx.Var[str]]:
    """Solid buttons in the Kommune's accent colour ("" keeps the palette's). The service
    accepts only colours that carry white text at 4.5:1, so the text stays readable."""
    return {
        "--accent-9": rx.cond(colour != "", colour, "var(--teal-9)").to(str),
        "--accent-10": rx.cond(colour != "", colour, "var(--teal-10)").to(str),
    }
