"""Landing page: find your Kommune by name or postcode."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import easy_language_links, public_page
from dasnez_app.pages.interest_form import interest_form
from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.services.kommunen import KommuneSummary, list_kommunen
from dasnez_ui.lang import t


class LandingState(PublicSession):
    kommunen: list[KommuneSummary] = []
    query: str = ""

    @rx.event
    def load(self) -> None:
        self._refresh_session()
        with session_scope() as db:
            self.kommunen = list_kommunen(db, self.query)

    @rx.event
    def search(self, form: dict[str, str]) -> None:
        self.query = str(form.get("q", ""))[:60]
        with session_scope() as db:
            self.kommunen = list_kommunen(db, self.query)


def _kommune_row(k: rx.Var[KommuneSummary]) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.heading(k.name, size="5", as_="h2"),
                rx.spacer(),
                rx.text(k.postcodes, color_scheme="gray"),
                wrap="wrap",
            ),
            size="3",
        ),
        href=routes.kommune_href(k.slug),
        underline="none",
    )


def landing() -> rx.Component:
    return public_page(
        rx.vstack(
            rx.heading(t("landing.title"), size="7", as_="h1"),
            easy_language_links(routes.platform_legal_href("easy")),
            rx.text(t("app.tagline"), size="4"),
            rx.form(
                rx.hstack(
                    rx.el.label(t("landing.search_label"), html_for="q", class_name="sr-only"),
                    rx.el.input(
                        id="q",
                        name="q",
                        type="search",
                        placeholder=t("landing.search_label"),
                        style={
                            "flex": "1",
                            # An input's intrinsic width would push "Suchen" off a 320 px screen.
                            "min_width": "0",
                            "min_height": "48px",
                            "font_size": "1.1rem",
                            "padding": "0.5rem",
                            "border": "1px solid var(--gray-8)",
                            "border_radius": "8px",
                        },
                    ),
                    rx.button(
                        t("landing.search_button"),
                        type="submit",
                        size="4",
                        class_name="dz-submit",
                        flex_shrink="0",
                    ),
                    width="100%",
                ),
                on_submit=LandingState.search,
                width="100%",
            ),
            rx.cond(
                LandingState.kommunen.length() > 0,
                rx.vstack(rx.foreach(LandingState.kommunen, _kommune_row), width="100%"),
                rx.vstack(rx.text(t("landing.none")), interest_form(), width="100%"),
            ),
            spacing="4",
            width="100%",
        )
    )
