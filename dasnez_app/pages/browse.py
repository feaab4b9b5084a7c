"""Browsing a Kommune's listings (/k/<slug>/eintraege). The filters live in the URL, so a
school can link "Gesuche in unserem Sozialraum" and the link reopens exactly that view."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import listing_card, public_page
from dasnez_app.routes import parse_search, search_query, slug_from_path
from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.errors import NotFound
from dasnez_core.services import kommunen
from dasnez_core.services.kommunen import Option
from dasnez_core.services.search import ListingCard, search_public
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button, not_found_body


class BrowseState(PublicSession):
    loaded: bool = False
    found: bool = False
    slug: str = ""
    kommune_name: str = ""
    cards: list[ListingCard] = []
    total: int = 0
    page: int = 1
    pages: int = 1
    clamped: bool = False
    capped: bool = False
    prev_query: str = ""
    next_query: str = ""
    # The current filters, to pre-fill the form (strings as the form sends them).
    f_exchange: str = ""
    f_kind: str = ""
    f_category: str = ""
    f_area: str = ""
    f_space: str = ""
    f_q: str = ""
    f_sort: str = "newest"
    form_key: str = ""
    exchanges: list[Option] = []
    categories: list[Option] = []
    areas: list[Option] = []
    spaces: list[Option] = []

    @rx.event
    def load(self) -> None:
        self._refresh_session()
        self.slug = slug_from_path(self.router.url.path)
        filters = parse_search(dict(self.router.url.query_parameters))
        with session_scope() as db:
            try:
                k = kommunen.get_kommune_by_slug(db, self.slug)
            except NotFound:
                self.loaded, self.found = True, False
                return
            assert k.id is not None
            self.kommune_name = k.name
            exchange_types = dict(kommunen.exchange_options(db, k.id))
            self.exchanges = [
                Option(ex_type, self._t("exchange." + ex_type))
                for ex_type in exchange_types.values()
            ]
            self.categories = kommunen.labelled_category_options(
                db, k.id, lambda ex_type: self._t("exchange." + ex_type), self.lang
            )
            self.areas = kommunen.area_options(db, k.id)
            self.spaces = kommunen.social_space_options(db, k.id)
            result = search_public(db, k.id, filters, self.lang)
        kept = result.filters
        self.cards, self.total = result.cards, result.total
        self.page, self.pages, self.clamped = result.page, result.pages, result.page_was_clamped
        self.capped = result.total_capped
        self.prev_query = search_query(kept, page=result.page - 1) if result.page > 1 else ""
        self.next_query = (
            search_query(kept, page=result.page + 1) if result.page < result.pages else ""
        )
        self.f_exchange, self.f_kind, self.f_q, self.f_sort = (
            kept.exchange,
            kept.kind,
            kept.q,
            kept.sort,
        )
        self.f_category = str(kept.category or "")
        self.f_area = str(kept.area or "")
        self.f_space = str(kept.space or "")
        self.form_key = search_query(kept) or "all"
        self.loaded, self.found = True, True

    @rx.event
    def apply(self, form: dict[str, str]) -> rx.event.EventSpec:
        """Turn the form into a URL; loading that URL runs the search (bookmarkable)."""
        filters = parse_search(
            {
                "boerse": str(form.get("boerse", "")),
                "art": str(form.get("art", "")),
                "kategorie": str(form.get("kategorie", "")),
                "ort": str(form.get("ort", "")),
                "sozialraum": str(form.get("sozialraum", "")),
                "q": str(form.get("q", "")),
                "sortierung": str(form.get("sortierung", "")),
            }
        )
        query = search_query(filters)
        return rx.redirect(routes.browse_href(self.slug) + (f"?{query}" if query else ""))


def _select(label: str, name: str, options: rx.Var, value: rx.Var[str]) -> rx.Component:
    return rx.el.div(
        rx.el.label(t(label), html_for=name, style={"font_weight": "600", "display": "block"}),
        rx.el.select(
            rx.el.option(t("browse.all"), value=""),
            rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
            id=name,
            name=name,
            default_value=value,
            style=forms.FIELD_STYLE,
        ),
    )


def _filters() -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            t("browse.filters"),
            style={
                "font_weight": "700",
                "min_height": "48px",
                "cursor": "pointer",
                "padding": "0.5rem 0",
            },
        ),
        rx.form(
            rx.el.div(
                rx.el.label(
                    t("browse.q"), html_for="q", style={"font_weight": "600", "display": "block"}
                ),
                rx.el.input(
                    id="q",
                    name="q",
                    type="search",
                    default_value=BrowseState.f_q,
                    max_length=100,
                    style=forms.FIELD_STYLE,
                ),
            ),
            _select("browse.exchange", "boerse", BrowseState.exchanges, BrowseState.f_exchange),
            rx.el.div(
                rx.el.label(
                    t("browse.kind"),
                    html_for="art",
                    style={"font_weight": "600", "display": "block"},
                ),
                rx.el.select(
                    rx.el.option(t("browse.all"), value=""),
                    rx.el.option(t("kind.offer"), value="offer"),
                    rx.el.option(t("kind.request"), value="request"),
                    id="art",
                    name="art",
                    default_value=BrowseState.f_kind,
                    style=forms.FIELD_STYLE,
                ),
            ),
            _select("browse.category", "kategorie", BrowseState.categories, BrowseState.f_category),
            _select("browse.area", "ort", BrowseState.areas, BrowseState.f_area),
            _select("browse.space", "sozialraum", BrowseState.spaces, BrowseState.f_space),
            rx.el.div(
                rx.el.label(
                    t("browse.sort"),
                    html_for="sortierung",
                    style={"font_weight": "600", "display": "block"},
                ),
                rx.el.select(
                    rx.el.option(t("browse.sort_newest"), value="newest"),
                    rx.el.option(t("browse.sort_expiry"), value="expiry"),
                    id="sortierung",
                    name="sortierung",
                    default_value=BrowseState.f_sort,
                    style=forms.FIELD_STYLE,
                ),
            ),
            rx.hstack(
                forms.submit(t("browse.apply")),
                link_button(
                    t("browse.reset"),
                    routes.browse_href(BrowseState.slug),
                    size="4",
                    variant="soft",
                ),
                width="100%",
                wrap="wrap",
            ),
            on_submit=BrowseState.apply,
            reset_on_submit=False,
            key=BrowseState.form_key,
            style={"display": "grid", "gap": "0.75rem"},
        ),
        open=True,
        style={"width": "100%"},
    )


def _pager() -> rx.Component:
    base = routes.browse_href(BrowseState.slug) + "?"
    return rx.hstack(
        rx.cond(
            BrowseState.prev_query != "",
            link_button(t("browse.previous"), base + BrowseState.prev_query, variant="soft"),
        ),
        rx.text(
            t("browse.page_of")
            .replace("{page}", BrowseState.page.to_string())
            .replace("{pages}", BrowseState.pages.to_string())
        ),
        rx.cond(
            BrowseState.next_query != "",
            link_button(t("browse.next"), base + BrowseState.next_query, variant="soft"),
        ),
        align="center",
        wrap="wrap",
        spacing="3",
    )


def _body() -> rx.Component:
    return rx.vstack(
        rx.heading(t("browse.title"), size="7", as_="h1"),
        rx.link(BrowseState.kommune_name, href=routes.kommune_href(BrowseState.slug)),
        _filters(),
        rx.cond(
            BrowseState.clamped, rx.callout(t("browse.page_clamped"), icon="info", role="status")
        ),
        rx.text(
            rx.cond(
                BrowseState.capped,
                t("browse.count_capped").replace("{count}", BrowseState.total.to_string()),
                rx.cond(
                    BrowseState.total == 1,
                    t("browse.count_one"),
                    t("browse.count").replace("{count}", BrowseState.total.to_string()),
                ),
            ),
            weight="bold",
            role="status",
            aria_live="polite",
        ),
        rx.cond(
            BrowseState.cards.length() > 0,
            rx.vstack(
                rx.foreach(BrowseState.cards, lambda c: listing_card(c, BrowseState.slug)),
                width="100%",
            ),
            rx.text(t("browse.none")),
        ),
        _pager(),
        spacing="4",
        width="100%",
    )


def browse_page() -> rx.Component:
    return public_page(
        rx.cond(
            BrowseState.loaded,
            rx.cond(BrowseState.found, _body(), not_found_body(routes.HOME)),
            rx.text(t("common.loading")),
        )
    )
