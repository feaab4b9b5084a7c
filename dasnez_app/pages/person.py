"""A person's public profile (/k/<slug>/person/<handle>): name, introduction, district,
member since, and the ratings others gave (never the administration-only ones).

Who sees it is the person's choice (account page): members of the Kommune (the default),
everybody, or nobody. A members-only profile asks anyone else to log in; "nobody", an
unknown handle and the old numeric address are all "not found"."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.routes import person_from_path
from dasnez_app.state import PublicSession
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.errors import NotAllowed, NotFound
from dasnez_core.formatting import format_number
from dasnez_core.services import kommunen, ratings
from dasnez_core.services.ratings import RatingView
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button, not_found_body
from dasnez_ui.page_load import PageLoad


class PersonState(PageLoad, PublicSession):
    loaded: bool = False
    found: bool = False
    members_only: bool = False  # a members-only profile, and the viewer is none
    slug: str = ""
    # Which person is shown stays on the server: the browser knows only the handle.
    _kommune_id: int = 0
    _person_id: int = 0
    _handle: str = ""
    display_name: str = ""
    introduction: str = ""
    district: str = ""
    member_since: str = ""
    rating_count: int = 0
    rating_average: str = ""
    rating_views: list[RatingView] = []
    page: int = 1
    has_more: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> None:
        # Reset first: paging must never show the person of an earlier, failed load.
        self.loaded = self.found = self.members_only = False
        self._kommune_id = self._person_id = 0
        self._handle = ""
        self.rating_views, self.page, self.has_more = [], 1, False
        actor = self._refresh_session()
        slug, handle = person_from_path(self.router.url.path)
        try:
            with session_scope() as db:
                kommune = kommunen.get_kommune_by_slug(db, slug)
                if not handle or kommune.id is None:
                    raise NotFound("user.not_found")
                profile = ratings.public_profile(db, actor, kommune.id, handle, self.lang)
                views, more = ratings.public_ratings(
                    db, kommune.id, profile.user_id, lang=self.lang
                )
        except NotAllowed:
            self.loaded, self.found, self.members_only = True, False, True
            return
        except NotFound:
            self.loaded, self.found = True, False
            return
        self.slug, self._kommune_id, self._person_id = slug, kommune.id, profile.user_id
        self._handle = handle
        self.display_name, self.introduction = profile.display_name, profile.introduction
        self.district, self.member_since = profile.district, profile.member_since
        self.rating_count = profile.summary.count
        self.rating_average = format_number(profile.summary.average, self.lang, 1)
        self.rating_views, self.page, self.has_more = views, 1, more
        self.loaded, self.found = True, True

    @rx.event
    def older(self) -> None:
        self._ensure_built()
        self._show_page(self._actor(), self.page + 1)

    @rx.event
    def newer(self) -> None:
        self._ensure_built()
        self._show_page(self._actor(), max(1, self.page - 1))

    def _show_page(self, actor: Actor, page: int) -> None:
        # Which person is shown was settled by load(); it is server-side state. Whether the
        # caller may still see them (logged out since, or the person hid the profile) is not.
        if not self.found:
            return
        with session_scope() as db:
            try:
                ratings.public_profile(db, actor, self._kommune_id, self._handle, self.lang)
            except (NotFound, NotAllowed):
                self.found = False
                return
            self.rating_views, self.has_more = ratings.public_ratings(
                db, self._kommune_id, self._person_id, page, self.lang
            )
        self.page = page


def stars(count: rx.Var[int]) -> rx.Component:
    """Stars as a picture, read out as "4 von 5 Sternen"."""
    return rx.text(
        rx.match(
            count,
            (1, "★☆☆☆☆"),
            (2, "★★☆☆☆"),
            (3, "★★★☆☆"),
            (4, "★★★★☆"),
            (5, "★★★★★"),
            "",
        ),
        role="img",
        aria_label=t("rating.stars_of_5").replace("{stars}", count.to_string()),
        style={"color": "var(--amber-10)", "font_size": "1.3rem", "letter_spacing": "0.1em"},
    )


def _rating(view: rx.Var[RatingView]) -> rx.Component:
    return rx.el.li(
        rx.card(
            rx.vstack(
                stars(view.stars),
                rx.cond(
                    view.comment != "",
                    rx.text(view.comment, style={"white_space": "pre-wrap"}),
                ),
                rx.text(
                    view.date,
                    " · ",
                    t("profile.rated_by"),
                    " ",
                    rx.cond(view.rater_name != "", view.rater_name, t("profile.former_member")),
                    size="2",
                    color_scheme="gray",
                ),
                spacing="1",
            ),
            width="100%",
        ),
        style={"list_style": "none", "margin_bottom": "0.5rem"},
        data_testid="rating",
    )


def _summary() -> rx.Component:
    return rx.cond(
        PersonState.rating_count == 0,
        rx.text(t("profile.no_ratings")),
        rx.text(
            rx.cond(
                PersonState.rating_count == 1,
                t("profile.rating_one").replace("{average}", PersonState.rating_average),
                t("profile.rating_many")
                .replace("{count}", PersonState.rating_count.to_string())
                .replace("{average}", PersonState.rating_average),
            ),
            weight="bold",
            data_testid="rating-summary",
        ),
    )


def _body() -> rx.Component:
    return rx.vstack(
        rx.heading(PersonState.display_name, size="8", as_="h1"),
        rx.text(t("profile.member_since").replace("{date}", PersonState.member_since)),
        rx.cond(
            PersonState.district != "",
            rx.text(t("profile.district"), " ", PersonState.district),
        ),
        rx.cond(
            PersonState.introduction != "",
            rx.box(
                rx.heading(t("profile.introduction"), size="5", as_="h2"),
                rx.text(PersonState.introduction, style={"white_space": "pre-wrap"}),
            ),
        ),
        rx.heading(t("profile.ratings"), size="5", as_="h2"),
        _summary(),
        rx.cond(
            PersonState.rating_views.length() > 0,
            rx.el.ul(
                rx.foreach(PersonState.rating_views, _rating),
                aria_label=t("profile.ratings"),
                style={"padding": "0", "margin": "0", "width": "100%"},
            ),
        ),
        rx.hstack(
            rx.cond(
                PersonState.page > 1,
                rx.button(
                    t("profile.newer_ratings"), on_click=PersonState.newer, size="3", variant="soft"
                ),
            ),
            rx.cond(
                PersonState.has_more,
                rx.button(
                    t("profile.more_ratings"), on_click=PersonState.older, size="3", variant="soft"
                ),
            ),
            wrap="wrap",
        ),
        spacing="3",
        width="100%",
        max_width="720px",
    )


def _members_only() -> rx.Component:
    return rx.vstack(
        rx.heading(t("profile.members_only_title"), size="7", as_="h1"),
        rx.text(t("profile.members_only")),
        link_button(t("nav.login"), routes.LOGIN),
        spacing="4",
        padding_y="2rem",
    )


def person_page() -> rx.Component:
    return public_page(
        rx.cond(
            PersonState.loaded,
            rx.cond(
                PersonState.found,
                _body(),
                rx.cond(PersonState.members_only, _members_only(), not_found_body(routes.HOME)),
            ),
            rx.text(t("common.loading")),
        )
    )
