"""A Kommune's Taschengeldbörse information for adults and parents
(/k/<slug>/taschengeld-info): the Kommune's text (from the shipped template), the suggested
rate, the minimum age and what the youth-labour law allows."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.routes import slug_from_path
from dasnez_app.state import PublicSession
from dasnez_core.services import youth_settings
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button, not_found_body
from dasnez_ui.outcome import Lines
from dasnez_ui.page_load import PageLoad


class YouthInfoState(PageLoad, PublicSession):
    loaded: bool = False
    found: bool = False
    slug: str = ""
    kommune_name: str = ""
    paragraphs: list[str] = []
    rate_line: str = ""
    age_line: str = ""
    error: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> None:
        self.loaded = self.found = False
        self._refresh_session()
        self.slug = slug_from_path(self.router.url.path)
        slug, lang = self.slug, self.lang
        found = self._run(
            lambda db: youth_settings.public_info(db, slug, lang), lines=Lines("error")
        )
        if found.ok and found.value is not None:
            info = found.value
            self.kommune_name = info.kommune_name
            self.paragraphs = [p.strip() for p in info.text.split("\n\n") if p.strip()]
            self.rate_line = self._t("youth.info_rate", rate=info.rate)
            self.age_line = self._t("youth.info_min_age", age=info.min_age)
            self.found = True
        self.loaded = True


S = YouthInfoState


def _rules() -> rx.Component:
    return rx.vstack(
        rx.heading(t("youth.info_rules_title"), size="5", as_="h2"),
        rx.unordered_list(
            rx.list_item(t("youth.band.13_14"), ": ", t("youth.note.child")),
            rx.list_item(t("youth.band.15_17"), ": ", t("youth.note.pupil")),
            rx.list_item(t("youth.band.15_17"), ": ", t("youth.note.youth")),
        ),
        spacing="2",
        width="100%",
    )


def youth_info_page() -> rx.Component:
    return public_page(
        rx.cond(
            S.loaded,
            rx.cond(
                S.found,
                rx.vstack(
                    rx.heading(t("youth.info_title"), size="7", as_="h1"),
                    rx.text(S.kommune_name, weight="bold"),
                    rx.foreach(S.paragraphs, lambda p: rx.text(p, white_space="pre-wrap")),
                    rx.text(S.rate_line),
                    rx.text(S.age_line),
                    _rules(),
                    link_button(t("register.submit"), routes.register_href(S.slug), size="3"),
                    spacing="4",
                    width="100%",
                    max_width="720px",
                ),
                not_found_body(routes.HOME),
            ),
            rx.text(t("common.loading")),
        )
    )
