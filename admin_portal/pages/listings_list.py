"""Listings of the admin's Kommune (/eintraege): title search, filters (status, district,
exchange, kind, category, period) and order in the URL, 50 a page, CSV export."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.filtered_list import (
    FilteredList,
    choice_filter,
    filter_form,
    list_page,
    list_table,
    sort_select,
    text_filter,
)
from admin_portal.routes import listings_query, parse_listings
from admin_portal.state import AdminSession
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.models import ListingKind, ListingStatus
from dasnez_core.services import kommunen
from dasnez_core.services.csv_export import CsvExport, export_listings
from dasnez_core.services.filters import check_range
from dasnez_core.services.kommunen import Option
from dasnez_core.services.listings_list import (
    LISTING_SORTS,
    ListingFilters,
    ListingRow,
    ListingsPage,
    list_listings,
)
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines, form_fields

ROUTE = routes.LISTINGS
_FILTER_FIELDS = ("q", "status", "ortsteil", "boerse", "art", "kategorie", "von", "bis")


class ListingsListState(FilteredList, AdminSession):
    rows: list[ListingRow] = []
    f_exchange: str = ""
    f_kind: str = ""
    f_category: str = ""
    f_from: str = ""
    f_to: str = ""
    f_sort: str = "newest"
    exchanges: list[Option] = []
    kinds: list[Option] = []
    categories: list[Option] = []

    @staticmethod
    def _parse(params: dict[str, Any]) -> ListingFilters:
        return parse_listings(params)

    @staticmethod
    def _query(filters: ListingFilters, **change: Any) -> str:
        return listings_query(filters, **change)

    def _prepare(self, kommune_id: int, filters: ListingFilters) -> None:
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
        # The form shows what the URL asked for, also when the period is reversed.
        self._show_filters(filters)

    def _fetch(
        self, db: Session, actor: Actor, kommune_id: int, filters: ListingFilters
    ) -> ListingsPage:
        return list_listings(db, actor, kommune_id, filters, self.lang)

    def _show_filters(self, f: ListingFilters) -> None:
        self.f_q, self.f_status, self.f_sort = f.q, f.status, f.sort
        self.f_exchange, self.f_kind = f.exchange, f.kind
        self.f_district = str(f.district or "")
        self.f_category = str(f.category or "")
        self.f_from = f.date_from.isoformat() if f.date_from else ""
        self.f_to = f.date_to.isoformat() if f.date_to else ""
        self.form_key = listings_query(f) or "all"

    def _export_csv(
        self, db: Session, actor: Actor, kommune_id: int, filters: ListingFilters
    ) -> CsvExport:
        return export_listings(db, actor, kommune_id, filters, self.lang, describe=listings_query)

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
        if not self._check(
            lambda: check_range(filters.date_from, filters.date_to),
            lines=Lines("error", form=form_fields("von", "bis")),
        ).ok:
            return self._focus_first_error()
        return self._redirect(ROUTE, filters)


def _filters() -> rx.Component:
    s = ListingsListState
    return filter_form(
        ROUTE,
        ListingsListState.apply,
        s.form_key,
        text_filter("adminlist.q_listings", s.f_q),
        choice_filter("adminlist.status", "status", s.statuses, s.f_status),
        choice_filter("adminlist.district", "ortsteil", s.areas, s.f_district),
        choice_filter("adminlist.exchange", "boerse", s.exchanges, s.f_exchange),
        choice_filter("adminlist.kind", "art", s.kinds, s.f_kind),
        choice_filter("adminlist.category", "kategorie", s.categories, s.f_category),
        forms.field(
            t("adminlist.from"),
            "von",
            type_="date",
            required=False,
            value=s.f_from,
            error=s.field_errors["von"],
        ),
        forms.field(
            t("adminlist.to"),
            "bis",
            type_="date",
            required=False,
            value=s.f_to,
            error=s.field_errors["bis"],
        ),
        sort_select(s.sorts, s.f_sort),
    )


_COLUMNS = (
    ("adminlist.col.title", "title"),
    ("adminlist.col.exchange", "exchange"),
    ("adminlist.col.kind", "kind"),
    ("adminlist.col.category", "category"),
    ("adminlist.col.status", "status_label"),
    ("adminlist.col.area", "area"),
    ("adminlist.col.author", "author"),
    ("adminlist.col.created", "created_on"),
    ("adminlist.col.expires", "expires_on"),
)


def listings_list_page() -> rx.Component:
    return list_page(
        ListingsListState,
        ROUTE,
        "adminlist.listings_title",
        _filters(),
        list_table(_COLUMNS, ListingsListState.rows, (routes.listing_detail_href, "id")),
    )
