"""The snippet generator "Auf Ihrer Website einbinden": pick filters, copy an iframe or a
plain link, download a QR code; on the public Kommune page and in the admin portal.

Each app's state inherits `EmbedSnippet` and decides whose Kommune it is (the page's slug
in the public app, the admin's own Kommune in the portal); the choices a browser sends are
kept only when they are one of the Kommune's own options.
"""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from dasnez_core.config import load_settings
from dasnez_core.i18n import translate
from dasnez_core.printing.qr import qr_data_uri
from dasnez_core.services import kommunen
from dasnez_core.services.filters import KINDS
from dasnez_ui.lang import t
from dasnez_ui.reach_links import (
    atom_path,
    browse_path,
    embed_path,
    filter_query,
    ical_path,
    iframe_snippet,
)

FIELDS = ("area", "space", "exchange", "kind")


class EmbedSnippet(rx.State, mixin=True):
    """Choices and results of the snippet generator (no identity in here)."""

    snippet_open: bool = False
    snippet_slug: str = ""
    snippet_name: str = ""
    snippet_areas: list[dict[str, str]] = []
    snippet_spaces: list[dict[str, str]] = []
    snippet_exchanges: list[dict[str, str]] = []
    snippet_kinds: list[dict[str, str]] = []
    snippet_choice: dict[str, str] = {}
    snippet_iframe: str = ""
    snippet_link: str = ""
    snippet_embed_url: str = ""
    snippet_atom_url: str = ""
    snippet_ical_url: str = ""
    snippet_qr: str = ""

    def _fill_snippet(self, db: Session, kommune_id: int, slug: str, name: str, lang: str) -> None:
        """The Kommune's options (ids and types only of its own) and the unfiltered snippet."""
        self.snippet_slug, self.snippet_name = slug, name
        self.snippet_areas = [
            {"value": o.value, "label": o.label} for o in kommunen.area_options(db, kommune_id)
        ]
        self.snippet_spaces = [
            {"value": o.value, "label": o.label}
            for o in kommunen.social_space_options(db, kommune_id)
        ]
        self.snippet_exchanges = [
            {"value": ex_type, "label": translate(f"exchange.{ex_type}", lang)}
            for _, ex_type in kommunen.exchange_options(db, kommune_id)
        ]
        self.snippet_kinds = [{"value": k, "label": translate(f"kind.{k}", lang)} for k in KINDS]
        self.snippet_choice = dict.fromkeys(FIELDS, "")
        self.snippet_open = True
        self._compute_snippet()

    def _choose_snippet(self, field: str, value: str) -> None:
        """One filter chosen; anything that is not one of the options means "all"."""
        options = {
            "area": self.snippet_areas,
            "space": self.snippet_spaces,
            "exchange": self.snippet_exchanges,
            "kind": self.snippet_kinds,
        }.get(field)
        if options is None or not self.snippet_open:
            return
        allowed = {o["value"] for o in options}
        self.snippet_choice = {**self.snippet_choice, field: value if value in allowed else ""}
        self._compute_snippet()

    def _compute_snippet(self) -> None:
        base = load_settings().public_url
        c = self.snippet_choice
        query = filter_query(
            c.get("area", ""), c.get("space", ""), c.get("exchange", ""), c.get("kind", "")
        )
        slug = self.snippet_slug
        self.snippet_embed_url = base + embed_path(slug, query)
        self.snippet_link = base + browse_path(slug, query)
        self.snippet_atom_url = base + atom_path(slug, query)
        self.snippet_ical_url = base + ical_path(slug)
        title = translate("reach.snippet_frame_title", "de", name=self.snippet_name)
        self.snippet_iframe = iframe_snippet(self.snippet_embed_url, title)
        self.snippet_qr = qr_data_uri(self.snippet_link)


def _select(label: str, field: str, options: rx.Var, on_choose: rx.EventHandler) -> rx.Component:
    control = f"snippet_{field}"
    return rx.el.div(
        rx.el.label(t(label), html_for=control, style={"font_weight": "600", "display": "block"}),
        rx.el.select(
            rx.el.option(t("browse.all"), value=""),
            rx.foreach(options, lambda o: rx.el.option(o["label"], value=o["value"])),
            id=control,
            on_change=lambda value: on_choose(field, value),  # type: ignore[operator]
            style={"min_height": "44px", "width": "100%", "font_size": "1rem"},
        ),
        style={"margin_bottom": "0.75rem", "min_width": "12rem", "flex": "1"},
    )


def _copy_field(label: str, control: str, value: rx.Var[str], rows: int) -> rx.Component:
    return rx.el.div(
        rx.el.label(t(label), html_for=control, style={"font_weight": "600", "display": "block"}),
        rx.el.textarea(
            id=control,
            value=value,
            read_only=True,
            rows=rows,
            style={"width": "100%", "font_family": "monospace", "font_size": "0.9rem"},
        ),
        rx.button(
            t("reach.snippet_copy"),
            on_click=rx.set_clipboard(value),
            variant="soft",
            size="3",
            aria_controls=control,
        ),
        style={"margin_bottom": "1rem"},
    )


def snippet_section(
    state: type[EmbedSnippet], on_open: rx.EventHandler, current_slug: rx.Var[str]
) -> rx.Component:
    """The generator: a button that opens it, then filters, code, link, feeds and QR code
    (of the Kommune `current_slug` names: after a move to another Kommune, closed again)."""
    return rx.el.section(
        rx.heading(t("reach.snippet_heading"), size="5", as_="h2", id="einbinden"),
        rx.text(t("reach.snippet_intro")),
        rx.cond(
            state.snippet_open & (state.snippet_slug == current_slug),
            rx.vstack(
                rx.flex(
                    _select("browse.area", "area", state.snippet_areas, state.choose_snippet),
                    _select("browse.space", "space", state.snippet_spaces, state.choose_snippet),
                    _select(
                        "browse.exchange", "exchange", state.snippet_exchanges, state.choose_snippet
                    ),
                    _select("browse.kind", "kind", state.snippet_kinds, state.choose_snippet),
                    wrap="wrap",
                    spacing="3",
                    width="100%",
                ),
                _copy_field("reach.snippet_iframe", "snippet_iframe", state.snippet_iframe, 4),
                _copy_field("reach.snippet_link", "snippet_link", state.snippet_link, 2),
                rx.el.a(t("reach.snippet_preview"), href=state.snippet_embed_url, target="_blank"),
                rx.el.a(t("reach.snippet_feed"), href=state.snippet_atom_url),
                rx.el.a(t("reach.snippet_calendar"), href=state.snippet_ical_url),
                rx.el.a(
                    rx.image(src=state.snippet_qr, alt="", width="160px", height="160px"),
                    t("reach.snippet_qr"),
                    href=state.snippet_qr,
                    download="qr-code.png",
                    style={"display": "inline-flex", "flex_direction": "column", "gap": "4px"},
                ),
                align="start",
                spacing="3",
                width="100%",
            ),
            rx.button(t("reach.snippet_open"), on_click=on_open, size="3", variant="outline"),
        ),
        aria_labelledby="einbinden",
        style={"width": "100%", "padding_top": "1rem"},
    )
