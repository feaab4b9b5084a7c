"""Browsing a Kommune's listings (/k/<slug>/eintraege). The filters live in the URL, so a
school can link "Gesuche in unserem Sozialraum" and the link reopens exactly that view.

On a phone the listings come first: the filters fold behind one button ("Filter (2)"), the
active ones show as chips that remove them, and a changed filter shows its results at once.

A filter change is one event (issue 15): the search runs off the event loop with at most
three statements, the reply carries only the vars that changed (never the option lists of
an unchanged Kommune), and the new URL goes into the address bar by `history.pushState`;
back, forward and reload run the page's `load` with the URL's filters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from dasnez_app import routes
from dasnez_app.components import listing_card, public_page
from dasnez_app.routes import parse_search, search_query, slug_from_path
from dasnez_app.state import PublicSession
from dasnez_core.errors import NotFound
from dasnez_core.i18n import translate
from dasnez_core.services import auth, kommunen, saved_searches
from dasnez_core.services import institutions as institution_services
from dasnez_core.services.kommunen import Option
from dasnez_core.services.masterdata_cache import master, master_by_slug
from dasnez_core.services.search import ListingCard, SearchFilters, SearchPage, search_public
from dasnez_core.services.sessions import resolve_session_hash
from dasnez_ui import forms
from dasnez_ui.db_thread import in_db_thread
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button, not_found_body
from dasnez_ui.outcome import Form, Lines
from dasnez_ui.session import session_ref

# The "Suche speichern" form: its own message lines and field errors.
_SAVE = Lines(
    "save_error",
    "save_success",
    Form({"name": "save_name", "frequency": "save_frequency"}, "save_fields"),
)

# URL parameter → the SearchFilters field it sets and that field's "no filter" value.
FILTER_PARAMS: dict[str, tuple[str, object]] = {
    "boerse": ("exchange", ""),
    "art": ("kind", ""),
    "kategorie": ("category", None),
    "ort": ("area", None),
    "sozialraum": ("space", None),
    "q": ("q", ""),
    "sortierung": ("sort", "newest"),
    "nur_institutionen": ("institutions_only", False),
    "netzwerk": ("institution", ""),
}


@dataclass
class FilterChip:
    """An active filter as shown above the results; `href` is the view without it, `param`
    its URL parameter (a click removes it in one event, the link stays for a new tab)."""

    label: str
    href: str
    param: str = ""


# The URL parameters whose values are one of the Kommune's choices, with their option list.
_OPTION_PARAMS = {
    "boerse": "exchanges",
    "kategorie": "categories",
    "ort": "areas",
    "sozialraum": "spaces",
    "netzwerk": "institutions",
}


@dataclass(frozen=True)
class _Options:
    """The Kommune's choices the filter selects offer."""

    exchanges: list[Option]
    categories: list[Option]
    areas: list[Option]
    spaces: list[Option]
    institutions: list[Option]

    def labels(self) -> dict[str, dict[str, str]]:
        """The label of each choice by its URL parameter and value (for the chips)."""
        return {
            param: {o.value: o.label for o in getattr(self, field)}
            for param, field in _OPTION_PARAMS.items()
        }


def _options(db: Session, kommune_id: int, lang: str) -> _Options:
    """The choices, from the Kommune's cached master data (no statement while fresh)."""

    def exchange_name(ex_type: str) -> str:
        return translate("exchange." + ex_type, lang)

    return _Options(
        exchanges=[
            Option(ex_type, exchange_name(ex_type))
            for _, ex_type in kommunen.exchange_options(db, kommune_id)
        ],
        categories=kommunen.labelled_category_options(db, kommune_id, exchange_name, lang),
        areas=kommunen.area_options(db, kommune_id),
        spaces=kommunen.social_space_options(db, kommune_id),
        institutions=[
            Option(n.handle, n.name) for n in institution_services.networks(db, kommune_id)
        ],
    )


@dataclass(frozen=True)
class _View:
    """What one database visit of the page found (in the pool thread)."""

    kommune_id: int
    kommune_name: str
    options: _Options | None
    result: SearchPage
    save_name: str  # the name proposed for saving this view as a saved search


def browse_view(
    db: Session,
    slug: str,
    kommune_id: int,
    filters: SearchFilters,
    lang: str,
    session_hash: str | None = None,
) -> _View | None:
    """The page's data: with `kommune_id` 0 (a page load, or a state that was lost) the
    Kommune by its slug and its option lists too; else only the search (a filter change).
    The Kommune and its choices come from the cached master data. None when there is no
    such (active) Kommune."""
    options = None
    name = ""
    if kommune_id:
        md = master(db, kommune_id)
    else:
        try:
            md = master_by_slug(db, slug)
        except NotFound:
            return None
        kommune_id, name = md.kommune.id, md.kommune.name
        options = _options(db, kommune_id, lang)
    # The last word may be the start of a longer one ("Donaudampfschiff…"): German compounds
    # are found by their beginning, as before; the other words match their exact stems.
    # A minor sees only the Taschengeld jobs that fit their age: the viewer from the session.
    viewer = resolve_session_hash(db, session_hash, auth.PUBLIC_APP) if session_hash else None
    result = search_public(
        db, kommune_id, filters, lang, master_data=md, prefix_last=True, viewer=viewer
    )
    save_name = saved_searches.suggested_name(db, kommune_id, result.filters, lang)
    return _View(kommune_id, name, options, result, save_name)


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
    # The current filters as URL parameter values (strings as the selects send them).
    f_exchange: str = ""
    f_kind: str = ""
    f_category: str = ""
    f_area: str = ""
    f_space: str = ""
    f_q: str = ""
    f_sort: str = "newest"
    chips: list[FilterChip] = []
    # How many filters the folded panel holds (the free text has its own field).
    active_count: int = 0
    exchanges: list[Option] = []
    categories: list[Option] = []
    areas: list[Option] = []
    spaces: list[Option] = []
    institutions: list[Option] = []
    f_only: str = ""
    f_institution: str = ""
    # Saving the current filters: the proposed name and the form's outcome.
    save_name: str = ""
    save_error: str = ""
    save_success: str = ""
    save_fields: dict[str, str] = {}
    # The Kommune (slug, id, language) whose option lists the vars above hold: a filter
    # change needs neither to look the Kommune up again nor to send its options again.
    _shown_for: tuple[str, int, str] = ("", 0, "")
    # The labels of those options by URL parameter and value: a chip's label is one lookup,
    # not a walk through the option lists (each element of a state var is wrapped in a
    # proxy when read: 3 % of a worker's CPU at 1,000 live tabs).
    _labels: dict[str, dict[str, str]] = {}

    @rx.event
    async def load(self) -> None:
        """A page load (link, reload, back/forward, language switch): the header, the
        Kommune anew (it may have been switched off) and the search in the URL."""
        await self._refresh_session_off_loop()
        slug = slug_from_path(self.router.url.path)
        await self._show(slug, parse_search(dict(self.router.url.query_parameters)), fresh=True)

    async def _show(
        self, slug: str, filters: SearchFilters, *, fresh: bool
    ) -> SearchFilters | None:
        """Search and show `filters`; the filters kept (nonsense dropped, the page within
        range), or None when there is no such Kommune."""
        lang = self.lang
        known = self._shown_for
        kommune_id = 0 if fresh or known[0] != slug or known[2] != lang else known[1]
        ref = session_ref(self, auth.PUBLIC_APP)
        view = await in_db_thread(
            lambda db: browse_view(db, slug, kommune_id, filters, lang, ref), reads=True
        )
        if view is None:
            self._assign(loaded=True, found=False, slug=slug)
            self._shown_for = ("", 0, "")
            return None
        if view.options is not None:
            # Assigned only when the Kommune's choices changed (or another Kommune, or
            # another language): the lists are the bulk of a reply.
            self._assign(kommune_name=view.kommune_name, **vars(view.options))
            self._labels = view.options.labels()
        self._shown_for = (slug, view.kommune_id, lang)
        if fresh:
            self._assign(save_error="", save_success="", save_fields={})
        self._assign(save_name=view.save_name)
        result = view.result
        kept = result.filters
        self._assign(
            slug=slug,
            cards=result.cards,
            total=result.total,
            page=result.page,
            pages=result.pages,
            clamped=result.page_was_clamped,
            capped=result.total_capped,
            prev_query=search_query(kept, page=result.page - 1) if result.page > 1 else "",
            next_query=(
                search_query(kept, page=result.page + 1) if result.page < result.pages else ""
            ),
            f_exchange=kept.exchange,
            f_kind=kept.kind,
            f_q=kept.q,
            f_sort=kept.sort,
            f_category=str(kept.category or ""),
            f_area=str(kept.area or ""),
            f_space=str(kept.space or ""),
            f_only="1" if kept.institutions_only else "",
            f_institution=kept.institution,
        )
        self._assign(
            chips=self._chips(kept),
            active_count=len([param for param, _ in self._active() if param != "q"]),
            loaded=True,
            found=True,
        )
        return kept

    def _params(self) -> dict[str, str]:
        """The current view as URL parameters."""
        return {
            "boerse": self.f_exchange,
            "art": self.f_kind,
            "kategorie": self.f_category,
            "ort": self.f_area,
            "sozialraum": self.f_space,
            "q": self.f_q,
            "sortierung": self.f_sort,
            "nur_institutionen": self.f_only,
            "netzwerk": self.f_institution,
        }

    def _href(self, filters: SearchFilters, **change: object) -> str:
        """This page's URL for `filters` (with `change`), back on the first page."""
        query = search_query(filters, **{"page": 1, **change})
        return str(routes.browse_href(self.slug)) + (f"?{query}" if query else "")

    def _chip_label(self, param: str, value: str) -> str:
        if param in _OPTION_PARAMS:
            # A value no longer among the choices shows as it is (a stale bookmark).
            return str(self._labels.get(param, {}).get(value, value))
        labels = {
            "art": lambda: self._t("kind." + value),
            "q": lambda: self._t("phone.chip_q", value=value),
            "sortierung": lambda: self._t("phone.chip_sort", value=self._t("browse.sort_expiry")),
            "nur_institutionen": lambda: self._t("institution.browse_chip_only"),
        }
        return labels[param]()

    def _active(self) -> list[tuple[str, str]]:
        """The filters in use as (parameter, value); newest-first is no filter."""
        return [
            (param, value)
            for param, value in self._params().items()
            if value and not (param == "sortierung" and value == "newest")
        ]

    def _chips(self, kept: SearchFilters) -> list[FilterChip]:
        """One chip for each filter in use; its link is the view without it."""
        chips = []
        for param, value in self._active():
            field, default = FILTER_PARAMS[param]
            without = self._href(kept, **{field: default})
            chips.append(FilterChip(self._chip_label(param, value), without, param))
        return chips

    def _current_params(self, slug: str) -> dict[str, str]:
        """The filters the tab shows: from the state, or, when nothing is shown yet or the
        state was lost, from the address bar."""
        if self._shown_for[0] == slug:
            return self._params()
        current = dict(self.router.url.query_parameters)
        current.pop("seite", None)
        return current

    async def _go(self, change: dict[str, str]) -> rx.event.EventSpec | None:
        """Show the view with the current filters and `change` in this one event, and put
        its URL in the address bar (a new history entry: back shows the view before, and
        a reload or a shared link opens this one)."""
        path = self.router.url.path
        slug = slug_from_path(path)
        current = self._current_params(slug)
        kept = await self._show(slug, parse_search({**current, **change}), fresh=False)
        if kept is None:
            return None
        href = self._href(kept, page=kept.page)
        query = href.partition("?")[2]
        self._assign(login_link=routes.login_href(path, query))
        return rx.call_script(
            f"window.history.pushState(window.history.state, '', {json.dumps(href)})"
        )

    @rx.event
    async def set_filter(self, param: str, value: str) -> rx.event.EventSpec | None:
        """A select changed: show its results at once (an unknown parameter is ignored,
        nonsense in the value dropped by `parse_search`)."""
        if param not in FILTER_PARAMS or param == "q":
            return None
        return await self._go({param: str(value)[:64]})

    @rx.event
    async def clear_filter(self, param: str) -> rx.event.EventSpec | None:
        """A chip was clicked: the view without that filter."""
        if param not in FILTER_PARAMS:
            return None
        return await self._go({param: ""})

    @rx.event
    async def turn_page(self, page: int) -> rx.event.EventSpec | None:
        """The pager: another page of the same view."""
        return await self._go({"seite": str(page)[:4]})

    @rx.event
    async def apply(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        """The search field was sent: the same view with the new free text."""
        return await self._go({"q": str(form.get("q", ""))[:200]})

    @rx.event
    def save_search(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        """Keep the current filters as a saved search of the caller (the service checks
        who is calling and resolves every filter id through this page's Kommune)."""
        actor = self._actor()
        slug = slug_from_path(self.router.url.path)
        filters = parse_search(self._current_params(slug))
        name = str(form.get("save_name", ""))[:400]
        frequency = str(form.get("save_frequency", ""))[:20]

        def save(db: Session) -> int:
            kommune_id = kommunen.get_kommune_by_slug(db, slug).id or 0
            return saved_searches.save_search(
                db, actor, kommune_id, filters, name=name, frequency=frequency
            )

        if self._run(save, "saved.saved", lines=_SAVE, name=" ".join(name.split())).ok:
            return None
        return self._focus_first_error("save_fields")


def _select(
    label: str, param: str, options: rx.Var, value: rx.Var[str], all_label: str = "browse.all"
) -> rx.Component:
    """A filter select that applies itself when changed."""
    return rx.el.div(
        rx.el.label(t(label), html_for=param, style={"font_weight": "600", "display": "block"}),
        rx.el.select(
            rx.el.option(t(all_label), value=""),
            rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
            id=param,
            name=param,
            value=value,
            on_change=lambda v: BrowseState.set_filter(param, v),
            style=forms.FIELD_STYLE,
        ),
    )


def _search() -> rx.Component:
    return rx.form(
        rx.el.label(t("browse.q"), html_for="q", class_name="sr-only"),
        rx.el.input(
            id="q",
            name="q",
            type="search",
            placeholder=t("browse.q"),
            default_value=BrowseState.f_q,
            max_length=100,
            style={**forms.FIELD_STYLE, "flex": "1", "min_width": "0"},
        ),
        rx.button(
            t("phone.search"), type="submit", size="4", class_name="dz-submit", flex_shrink="0"
        ),
        on_submit=BrowseState.apply,
        reset_on_submit=False,
        key=BrowseState.f_q,
        role="search",
        style={"display": "flex", "gap": "0.5rem", "width": "100%"},
    )


def _filter_panel() -> rx.Component:
    return rx.el.div(
        _select("browse.exchange", "boerse", BrowseState.exchanges, BrowseState.f_exchange),
        rx.el.div(
            rx.el.label(
                t("browse.kind"), html_for="art", style={"font_weight": "600", "display": "block"}
            ),
            rx.el.select(
                rx.el.option(t("browse.all"), value=""),
                rx.el.option(t("kind.offer"), value="offer"),
                rx.el.option(t("kind.request"), value="request"),
                id="art",
                name="art",
                value=BrowseState.f_kind,
                on_change=lambda v: BrowseState.set_filter("art", v),
                style=forms.FIELD_STYLE,
            ),
        ),
        _select("browse.category", "kategorie", BrowseState.categories, BrowseState.f_category),
        _select("browse.area", "ort", BrowseState.areas, BrowseState.f_area),
        _select("browse.space", "sozialraum", BrowseState.spaces, BrowseState.f_space),
        rx.el.div(
            rx.el.label(
                t("institution.browse_only"),
                html_for="nur_institutionen",
                style={"font_weight": "600", "display": "block"},
            ),
            rx.el.select(
                rx.el.option(t("browse.all"), value=""),
                rx.el.option(t("institution.browse_only"), value="1"),
                id="nur_institutionen",
                name="nur_institutionen",
                value=BrowseState.f_only,
                on_change=lambda v: BrowseState.set_filter("nur_institutionen", v),
                style=forms.FIELD_STYLE,
            ),
        ),
        rx.cond(
            BrowseState.institutions.length() > 0,
            _select(
                "institution.browse_by",
                "netzwerk",
                BrowseState.institutions,
                BrowseState.f_institution,
                "institution.browse_all",
            ),
        ),
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
                value=BrowseState.f_sort,
                on_change=lambda v: BrowseState.set_filter("sortierung", v),
                style=forms.FIELD_STYLE,
            ),
        ),
        link_button(
            t("browse.reset"), routes.browse_href(BrowseState.slug), size="3", variant="soft"
        ),
        style={"display": "grid", "gap": "0.75rem", "padding_top": "0.5rem"},
    )


def _filters() -> rx.Component:
    """The filters, folded behind one button that counts the active ones."""
    return rx.el.details(
        rx.el.summary(
            rx.cond(
                BrowseState.active_count > 0,
                t("phone.filters_count").replace("{count}", BrowseState.active_count.to_string()),
                t("phone.filters"),
            ),
            style={
                "display": "inline-flex",
                "align_items": "center",
                "min_height": "44px",
                "padding": "0 1rem",
                "font_weight": "700",
                "cursor": "pointer",
                "border": "1px solid var(--accent-8)",
                "border_radius": "8px",
                "background": "var(--accent-3)",
            },
        ),
        _filter_panel(),
    )


def _chip(chip: rx.Var[FilterChip]) -> rx.Component:
    return rx.el.li(
        rx.link(
            chip.label,
            rx.icon("x", size=16, aria_hidden="true"),
            href=chip.href,
            on_click=BrowseState.clear_filter(chip.param).prevent_default,
            class_name="dz-chip",
            aria_label=t("phone.remove_filter").replace("{label}", chip.label),
            data_testid="filter-chip",
        ),
    )


def _chips() -> rx.Component:
    return rx.cond(
        BrowseState.chips.length() > 0,
        rx.el.ul(
            rx.foreach(BrowseState.chips, _chip),
            aria_label=t("phone.active_filters"),
            style={
                "display": "flex",
                "flex_wrap": "wrap",
                "gap": "0.5rem",
                "list_style": "none",
                "margin": "0",
                "padding": "0",
            },
        ),
    )


def _save_search() -> rx.Component:
    """ "Suche speichern" for approved members; a hint for everybody else."""
    form = rx.form(
        rx.text(t("saved.save_intro")),
        forms.error_summary(BrowseState.save_error, BrowseState.save_fields),
        forms.success_line(BrowseState.save_success),
        forms.field(
            t("saved.name"),
            "save_name",
            value=BrowseState.save_name,
            max_length=saved_searches.NAME_MAX,
            error=BrowseState.save_fields["save_name"],
        ),
        rx.el.div(
            rx.el.label(
                t("saved.frequency"),
                html_for="save_frequency",
                style={"font_weight": "600", "display": "block"},
            ),
            rx.el.select(
                rx.el.option(t("saved.daily"), value="daily"),
                rx.el.option(t("saved.weekly"), value="weekly"),
                id="save_frequency",
                name="save_frequency",
                default_value="daily",
                style=forms.FIELD_STYLE,
            ),
            style={"margin_bottom": "1rem"},
        ),
        forms.submit(t("saved.submit")),
        no_validate=True,
        reset_on_submit=False,
        on_submit=BrowseState.save_search,
        key=BrowseState.save_name,
        style={"display": "grid", "gap": "0.5rem", "padding_top": "0.5rem"},
    )
    return rx.cond(
        BrowseState.user_status == "approved",
        rx.el.details(
            rx.el.summary(
                t("saved.save"),
                style={"min_height": "44px", "font_weight": "700", "cursor": "pointer"},
            ),
            form,
            style={"width": "100%"},
        ),
        rx.cond(
            BrowseState.logged_in,
            rx.text(t("saved.pending_hint"), color_scheme="gray"),
            rx.link(t("saved.login_hint"), href=BrowseState.login_link),
        ),
    )


def _pager() -> rx.Component:
    base = routes.browse_href(BrowseState.slug) + "?"
    return rx.hstack(
        rx.cond(
            BrowseState.prev_query != "",
            link_button(
                t("browse.previous"),
                base + BrowseState.prev_query,
                variant="soft",
                on_click=BrowseState.turn_page(BrowseState.page - 1).prevent_default,
            ),
        ),
        rx.text(
            t("browse.page_of")
            .replace("{page}", BrowseState.page.to_string())
            .replace("{pages}", BrowseState.pages.to_string())
        ),
        rx.cond(
            BrowseState.next_query != "",
            link_button(
                t("browse.next"),
                base + BrowseState.next_query,
                variant="soft",
                on_click=BrowseState.turn_page(BrowseState.page + 1).prevent_default,
            ),
        ),
        align="center",
        wrap="wrap",
        spacing="3",
    )


def _body() -> rx.Component:
    return rx.vstack(
        rx.heading(t("browse.title"), size="6", as_="h1"),
        rx.link(BrowseState.kommune_name, href=routes.kommune_href(BrowseState.slug)),
        _search(),
        # The button and the chips share a row; the opened panel takes a row of its own.
        rx.el.div(_filters(), _chips(), class_name="dz-filter-row"),
        _save_search(),
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
        spacing="3",
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
