"""A proxy's weekly sheet (/stellvertretung/wochenblatt): choose an Ortsteil, download the
PDF of the last 7 days' listings. The PDF itself comes from an HTTP address
(`dasnez_app.print_http`), which checks the caller again."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.print_http import weekly_href
from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.errors import NotAllowed
from dasnez_core.services import notices
from dasnez_ui.forms import FIELD_STYLE
from dasnez_ui.lang import t
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id


@dataclass
class AreaOption:
    value: str
    label: str


class WeeklySheetState(PageLoad, PublicSession):
    loaded: bool = False
    allowed: bool = False
    areas: list[AreaOption] = []
    area: str = ""  # the chosen Ortsteil's id ("" = all of the Kommune)
    download_href: str = weekly_href()

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self._assign(loaded=False, allowed=False, areas=[], area="", download_href=weekly_href())
        actor = self._refresh_session()
        if actor.is_anonymous:
            return rx.redirect(routes.login_href(routes.WEEKLY_SHEET))
        try:
            with session_scope() as db:
                rows = notices.sheet_areas(db, actor)
        except NotAllowed:
            self._assign(loaded=True)
            return None
        self._assign(areas=[AreaOption(str(i), label) for i, label in rows], allowed=True)
        self._assign(loaded=True)
        return None

    @rx.event
    def choose_area(self, value: str) -> None:
        """Point the download at the chosen Ortsteil (only one the caller may print)."""
        actor = self._actor()
        area_id = parse_id(str(value)[:20])
        try:
            with session_scope() as db:
                known = {i for i, _label in notices.sheet_areas(db, actor)}
        except NotAllowed:
            self._assign(allowed=False, areas=[], area="", download_href=weekly_href())
            return
        chosen = area_id if area_id in known else None
        self._assign(area=str(chosen or ""), download_href=weekly_href(chosen))


def _form() -> rx.Component:
    return rx.vstack(
        rx.el.div(
            rx.el.label(
                t("print.weekly_area"),
                html_for="weekly-area",
                style={"font_weight": "600", "display": "block"},
            ),
            rx.el.select(
                rx.el.option(t("print.weekly_all_areas"), value=""),
                rx.foreach(WeeklySheetState.areas, lambda o: rx.el.option(o.label, value=o.value)),
                id="weekly-area",
                value=WeeklySheetState.area,
                on_change=WeeklySheetState.choose_area,
                style=FIELD_STYLE,
            ),
            width="100%",
        ),
        rx.button(
            # A plain link: the PDF comes from an HTTP address, not a page.
            rx.el.a(
                t("print.weekly_download"),
                href=WeeklySheetState.download_href,
                download="",
                # A document request, not React Router's client-side navigation.
                reload_document=True,
            ),
            as_child=True,
            size="4",
        ),
        spacing="4",
        width="100%",
        max_width="36rem",
    )


def weekly_sheet_page() -> rx.Component:
    return public_page(
        rx.heading(t("print.weekly_page_title"), size="7", as_="h1"),
        rx.cond(
            WeeklySheetState.loaded,
            rx.cond(
                WeeklySheetState.allowed,
                rx.vstack(rx.text(t("print.weekly_intro")), _form(), spacing="4", width="100%"),
                rx.callout(t("print.weekly_only_proxies"), icon="info", role="status"),
            ),
            rx.text(t("common.loading")),
        ),
    )
