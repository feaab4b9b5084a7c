"""Phone-first pieces both apps install with `use_phone_first(app)`: the stylesheet that keeps
pages within 320 px, the script that marks a submit button busy while the server works, and
what the apps show about their websocket — a German "Verbindung wird aufgebaut …" in the
first HTML, and "Keine Verbindung – wird erneut versucht" when the connection fails.

The banner replaces Reflex's default overlay (an English toast and a hidden English
"Connection Error" title in every page).
"""

from __future__ import annotations

import reflex as rx
from reflex_components_core.core.banner import has_connection_errors

from dasnez_core.i18n import text
from dasnez_ui.lang import t

# The app wrap Reflex puts its connection toaster and pulser in (reflex.app.App.app_wraps).
_OVERLAY_WRAP = (5, "Overlay")

_BAR_STYLE = {
    "position": "fixed",
    "left": "0",
    "right": "0",
    "bottom": "0",
    "z_index": "1000",
    "padding": "0.75rem 1rem",
    "text_align": "center",
    "font_weight": "600",
}


def connection_status() -> rx.Component:
    """Before the first answer of the server: "connecting" (it is in the prerendered HTML);
    after a failed attempt: the offline banner until the connection is back."""
    return rx.fragment(
        rx.cond(
            has_connection_errors,
            rx.el.div(
                t("phone.offline"),
                role="alert",
                data_testid="connection-banner",
                style={**_BAR_STYLE, "background": "#7a1c1c", "color": "#fff"},
            ),
            rx.cond(
                rx.State.is_hydrated,
                rx.fragment(),
                rx.el.div(
                    t("phone.connecting"),
                    # Announced politely, but not a "status" of the page: the pages' own
                    # status lines (saved, found …) stay the only ones.
                    aria_live="polite",
                    data_testid="connection-connecting",
                    style={**_BAR_STYLE, "background": "#1c2024", "color": "#fff"},
                ),
            ),
        ),
        # Without JavaScript nothing would ever load: say so (German, the site's language).
        rx.el.noscript(text("phone.noscript", "de"), lang="de"),
    )


def use_phone_first(app: rx.App) -> None:
    """Add the phone stylesheet and busy-button script; show `connection_status` instead of
    Reflex's English connection toast."""
    app.stylesheets.append("/phone.css")
    app.head_components.append(rx.el.script(src="/phone.js", defer=True))
    app.app_wraps[_OVERLAY_WRAP] = lambda stateful: connection_status() if stateful else None
