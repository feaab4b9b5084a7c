"""Ratings of the Kommune (/bewertungen): how the stars are distributed, and the newest
ratings with their comments; those "nur für die Verwaltung" are clearly marked and can be
shown alone (?nur=verwaltung)."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.filtered_list import pager
from admin_portal.pages.dashboard import (
    FigureLink,
    bar_chart,
    figure_links,
    figure_table,
    number_card,
)
from admin_portal.routes import parse_ratings, ratings_query
from admin_portal.state import AdminSession
from dasnez_core.services.ratings_overview import RatingRow, ratings_overview
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines

ROUTE = routes.RATINGS


class RatingsState(AdminSession):
    loaded: bool = False
    error: str = ""
    distribution: list[FigureLink] = []
    total: int = 0
    average: str = ""
    admin_only_total: int = 0
    rows: list[RatingRow] = []
    only_admin: bool = False
    page: int = 1
    pages: int = 1
    prev_query: str = ""
    next_query: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        kommune_id = self._admin_kommune(actor)
        self.error, self.loaded = "", False
        if kommune_id is None:
            self.error = self._t("error.not_allowed")
            return None
        self._load_kommune_name(actor)
        page, only_admin = parse_ratings(dict(self.router.url.query_parameters))
        overview = self._run(
            lambda db: ratings_overview(
                db, actor, kommune_id, page=page, only_admin=only_admin, lang=self.lang
            ),
            lines=Lines("error"),
        )
        if not overview.ok or overview.value is None:
            return None
        view = overview.value
        self.distribution = figure_links(view.distribution)
        self.total, self.average = view.total, view.average
        self.admin_only_total, self.rows = view.admin_only_total, view.rows
        self.only_admin, self.page, self.pages = view.only_admin, view.page, view.pages
        self.prev_query = ratings_query(view.page - 1, view.only_admin) if view.page > 1 else ""
        self.next_query = (
            ratings_query(view.page + 1, view.only_admin) if view.page < view.pages else ""
        )
        self.loaded = True
        return None


def _rating(r: rx.Var[RatingRow]) -> rx.Component:
    former = t("adminratings.former_member")
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(
                    r.stars_text,
                    size="5",
                    color="var(--amber-10)",
                    aria_label=t("adminratings.stars_label").replace(
                        "{stars}", r.stars.to_string()
                    ),
                ),
                rx.text(r.date, color_scheme="gray"),
                rx.cond(
                    r.admin_only,
                    rx.badge(
                        rx.icon("lock", size=14),
                        t("adminratings.admin_only"),
                        color_scheme="red",
                        size="3",
                        variant="solid",
                    ),
                ),
                align="center",
                wrap="wrap",
                spacing="3",
            ),
            rx.text(
                t("adminratings.by_for")
                .replace("{rater}", rx.cond(r.rater != "", r.rater, former))
                .replace("{ratee}", rx.cond(r.ratee != "", r.ratee, former)),
                weight="bold",
            ),
            rx.cond(
                r.comment != "",
                rx.text(r.comment, white_space="pre-wrap"),
                rx.text(t("adminratings.no_comment"), color_scheme="gray"),
            ),
            rx.hstack(
                rx.cond(
                    r.hidden,
                    rx.badge(t("admindetail.rating_hidden"), color_scheme="gray", size="2"),
                ),
                rx.cond(
                    r.ratee != "",
                    rx.link(
                        t("admindetail.open_ratee").replace("{name}", r.ratee),
                        href=routes.person_href(r.ratee_id),
                    ),
                ),
                spacing="3",
                align="center",
                wrap="wrap",
            ),
            spacing="1",
        ),
        width="100%",
        data_testid="admin-rating",
        style=rx.cond(r.admin_only, {"border_left": "6px solid var(--red-9)"}, {}),
    )


def _body() -> rx.Component:
    s = RatingsState
    return rx.vstack(
        rx.grid(
            number_card("adminratings.total", s.total),
            number_card("adminratings.average", s.average),
            number_card(
                "adminratings.admin_only_total",
                s.admin_only_total,
                f"{ROUTE}?{ratings_query(None, True)}",
            ),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="3",
            width="100%",
        ),
        rx.heading(t("adminratings.distribution"), size="5", as_="h2"),
        rx.grid(
            figure_table(s.distribution),
            bar_chart(s.distribution),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        rx.heading(t("adminratings.recent"), size="5", as_="h2"),
        rx.hstack(
            rx.link(
                t("adminratings.show_all"),
                href=ROUTE,
                weight=rx.cond(s.only_admin, "regular", "bold"),
            ),
            rx.link(
                t("adminratings.show_admin_only"),
                href=f"{ROUTE}?{ratings_query(None, True)}",
                weight=rx.cond(s.only_admin, "bold", "regular"),
            ),
            spacing="4",
            wrap="wrap",
        ),
        rx.cond(
            s.rows.length() > 0,
            rx.vstack(rx.foreach(s.rows, _rating), width="100%", spacing="2"),
            rx.text(t("adminratings.none")),
        ),
        pager(ROUTE, s.prev_query, s.next_query, s.page, s.pages),
        spacing="4",
        width="100%",
    )


def ratings_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(
                t("adminratings.title"), " – ", AdminSession.kommune_name, size="7", as_="h1"
            ),
            forms.error_line(RatingsState.error),
            rx.cond(RatingsState.loaded, _body()),
            width="100%",
            spacing="4",
        )
    )
