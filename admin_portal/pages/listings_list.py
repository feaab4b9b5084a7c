"""Listings of the admin's Kommune (/eintraege): title search, filters (status, district,
exchange, kind, category, period) and order in the URL, 50 a page, CSV export."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from admin_portal.pages.users_list import export_bar, filter_form, pager, sort_select
from admin_portal.routes import listings_query, parse_listings
from admin_portal.state import AdminSession
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError, NotAllowed
from dasnez_core.models import ListingKind, ListingStatus
from dasnez_core.services import kommunen
from dasnez_core.services.csv_export import export_listings
from dasnez_core.services.filters import check_range
from dasnez_core.services.kommunen import Option
from dasnez_core.services.listings_list import (
    LISTING_SORTS,
    ListingFilters,
    ListingRow,
    list_listings,
)
from dasnez_ui import forms
from dasnez_ui.lang import t

ROUTE = routes.LISTINGS
_FILTER_FIELDS = ("q", "status", "ortsteil", "boerse", "art", "kategorie", "von", "bis")


class ListingsListState(AdminSession):
    loaded: bool = False
    error: str = ""
    success: str = ""
    rows: list[ListingRow] = []
    total: int = 0
    page: int = 1
    pages: int = 1
    prev_query: str = ""
    next_query: str = ""
    f_q: str = ""
    f_status: str = ""
    f_district: str = ""
    f_exchange: str = ""
    f_kind: str = ""
    f_category: str = ""
    f_from: str = ""
    f_to: str = ""
    f_sort: str = "newest"
    form_key: str = ""
    statuses: list[Option] = []
    areas: list[Option] = []
    exchanges: list[Option] = []
    kinds: list[Option] = []
    categories: list[Option] = []
    sorts: list[Option] = []

    def _fill_options(self, kommune_id: int) -> None:
        self.statuses = [
            Option(s.value, self._t(f"adminlist.listing_status.{s.value}")) for s in ListingStatus
        ]
        self.kinds = [Option(k.value, self._t(f"kind.{k.value}")) for k in ListingKind]
        self.sorts = [Option(s, self._t(f"adminlist.sort.{s}")) for s in LISTING_SORTS]
        with session_scope() as db:
            self.areas = kommunen.area_options(db, kommune_id)
            exchange_types = dict(kommunen.exchange_options(db, kommune_id))
            self.exchanges = [
                Option(ex_type, self._t(f"exchange.{ex_type}"))
                for ex_type in exchange_types.values()
            ]
            self.categories = [
                Option(str(cid), f"{self._t('exchange.' + exchange_types[ex_id])} – {name}")
                for cid, ex_id, name in kommunen.category_options(db, kommune_id)
            ]

    def _fill_form(self, f: ListingFilters) -> None:
        self.f_q, self.f_status, self.f_sort = f.q, f.status, f.sort
        self.f_exchange, self.f_kind = f.exchange, f.kind
        self.f_district = str(f.district or "")
        self.f_category = str(f.category or "")
        self.f_from = f.date_from.isoformat() if f.date_from else ""
        self.f_to = f.date_to.isoformat() if f.date_to else ""
        self.form_key = listings_query(f) or "all"

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        kommune_id = self._admin_kommune(actor)
        self.error, self.success, self.loaded = "", "", False
        if kommune_id is None:
            self.error = self._t("error.not_allowed")
            return None
        self._load_kommune_name(actor)
        self._fill_options(kommune_id)
        filters = parse_listings(dict(self.router.url.query_parameters))
        # The form shows what the URL asked for, also when the period is reversed.
        self._fill_form(filters)
        try:
            with session_scope() as db:
                result = list_listings(db, actor, kommune_id, filters, self.lang)
        except DomainError as exc:
            self.error = self._t(exc.key, **exc.params)
            return None
        kept = result.filters
        self._fill_form(kept)
        self.rows, self.total = result.rows, result.total
        self.page, self.pages = result.page, result.pages
        self.prev_query = listings_query(kept, page=result.page - 1) if result.page > 1 else ""
        self.next_query = (
            listings_query(kept, page=result.page + 1) if result.page < result.pages else ""
        )
        self.loaded = True
        return None

    @rx.event
    def apply(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        """Turn the form into a URL; loading that URL shows the list (bookmarkable)."""
        self._actor()
        filters = parse_listings(
            {
                **{k: str(form.get(k, ""))[:120] for k in _FILTER_FIELDS},
                "sortierung": str(form.get("sortierung", ""))[:20],
            }
        )
        try:
            check_range(filters.date_from, filters.date_to)
        except DomainError as exc:
            self.error = self._t(exc.key, **exc.params)
            return None
        query = listings_query(filters)
        return rx.redirect(ROUTE + (f"?{query}" if query else ""))

    @rx.event
    def export(self) -> rx.event.EventSpec | None:
        """The list as it is shown (filters of the page's URL), every page, as CSV."""
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        filters = parse_listings(dict(self.router.url.query_parameters))
        try:
            if kommune_id is None:
                raise NotAllowed()
            with session_scope() as db:
                result = export_listings(
                    db, actor, kommune_id, filters, self.lang, describe=listings_query
                )
        except DomainError as exc:
            self.error, self.success = self._t(exc.key, **exc.params), ""
            return None
        self.error = ""
        self.success = self._t(
            "adminlist.exported_truncated" if result.truncated else "adminlist.exported",
            count=result.rows,
        )
        return rx.download(
            data=result.data, filename=result.filename, mime_type="text/csv;charset=utf-8"
        )


def _select(label: str, name: str, options: rx.Var, value: rx.Var[str]) -> rx.Component:
    return forms.select(t(label), name, options, t("adminlist.all"), required=False, value=value)


def _filters() -> rx.Component:
    s = ListingsListState
    return filter_form(
        ROUTE,
        ListingsListState.apply,
        s.form_key,
        forms.field(
            t("adminlist.q_listings"),
            "q",
            type_="search",
            required=False,
            max_length=100,
            value=s.f_q,
        ),
        _select("adminlist.status", "status", s.statuses, s.f_status),
        _select("adminlist.district", "ortsteil", s.areas, s.f_district),
        _select("adminlist.exchange", "boerse", s.exchanges, s.f_exchange),
        _select("adminlist.kind", "art", s.kinds, s.f_kind),
        _select("adminlist.category", "kategorie", s.categories, s.f_category),
        forms.field(t("adminlist.from"), "von", type_="date", required=False, value=s.f_from),
        forms.field(t("adminlist.to"), "bis", type_="date", required=False, value=s.f_to),
        sort_select(s.sorts, s.f_sort),
    )


def _row(r: rx.Var[ListingRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(r.title),
        rx.table.cell(r.exchange),
        rx.table.cell(r.kind),
        rx.table.cell(r.category),
        rx.table.cell(r.status_label),
        rx.table.cell(r.area),
        rx.table.cell(r.author),
        rx.table.cell(r.created_on),
        rx.table.cell(r.expires_on),
    )


def _table() -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    *[
                        rx.table.column_header_cell(t(f"adminlist.col.{c}"))
                        for c in (
                            "title",
                            "exchange",
                            "kind",
                            "category",
                            "status",
                            "area",
                            "author",
                            "created",
                            "expires",
                        )
                    ]
                )
            ),
            rx.table.body(rx.foreach(ListingsListState.rows, _row)),
            size="2",
            width="100%",
        ),
        width="100%",
        overflow_x="auto",
    )


def _body() -> rx.Component:
    s = ListingsListState
    return rx.vstack(
        export_bar(s.total, s.export),
        forms.success_line(s.success),
        rx.cond(s.rows.length() > 0, _table(), rx.text(t("adminlist.none"))),
        pager(ROUTE, s.prev_query, s.next_query, s.page, s.pages),
        spacing="3",
        width="100%",
    )


def listings_list_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(
                t("adminlist.listings_title"), " – ", AdminSession.kommune_name, size="7", as_="h1"
            ),
            forms.error_line(ListingsListState.error),
            rx.cond(AdminSession.is_kommune_admin, _filters()),
            rx.cond(ListingsListState.loaded, _body()),
            width="100%",
            spacing="4",
        )
    )
