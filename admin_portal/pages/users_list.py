"""People of the admin's Kommune (/personen): search, filters and order in the URL, 50 a
page, and the whole filtered list as a CSV file for Excel."""

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
from admin_portal.routes import parse_people, people_query
from admin_portal.state import AdminSession
from dasnez_core.actor import Actor
from dasnez_core.models import UserStatus
from dasnez_core.services import kommunen
from dasnez_core.services.csv_export import CsvExport, export_people
from dasnez_core.services.kommunen import Option
from dasnez_core.services.people_list import (
    PEOPLE_SORTS,
    PeopleFilters,
    PeoplePage,
    PersonRow,
    list_people,
)

ROUTE = routes.PEOPLE
_FILTER_FIELDS = ("q", "status", "ortsteil", "sortierung")


class PeopleListState(FilteredList, AdminSession):
    rows: list[PersonRow] = []
    f_sort: str = "name"

    @staticmethod
    def _parse(params: dict[str, Any]) -> PeopleFilters:
        return parse_people(params)

    @staticmethod
    def _query(filters: PeopleFilters, **change: Any) -> str:
        return people_query(filters, **change)

    def _prepare(self, kommune_id: int, filters: PeopleFilters) -> None:
        self.statuses = [
            Option(s.value, self._t(f"adminlist.user_status.{s.value}")) for s in UserStatus
        ]
        self.sorts = [Option(s, self._t(f"adminlist.sort.{s}")) for s in PEOPLE_SORTS]

    def _fetch(
        self, db: Session, actor: Actor, kommune_id: int, filters: PeopleFilters
    ) -> PeoplePage:
        self.areas = kommunen.area_options(db, kommune_id)
        return list_people(db, actor, kommune_id, filters, self.lang)

    def _show_filters(self, kept: PeopleFilters) -> None:
        self.f_q, self.f_status, self.f_sort = kept.q, kept.status, kept.sort
        self.f_district = str(kept.district or "")
        self.form_key = people_query(kept) or "all"

    def _export_csv(
        self, db: Session, actor: Actor, kommune_id: int, filters: PeopleFilters
    ) -> CsvExport:
        return export_people(db, actor, kommune_id, filters, self.lang, describe=people_query)

    @rx.event
    def apply(self, form: dict[str, str]) -> rx.event.EventSpec:
        """Turn the form into a URL; loading that URL shows the list (bookmarkable)."""
        self._actor()
        filters = parse_people({k: str(form.get(k, ""))[:120] for k in _FILTER_FIELDS})
        return self._redirect(ROUTE, filters)


def _filters() -> rx.Component:
    s = PeopleListState
    return filter_form(
        ROUTE,
        PeopleListState.apply,
        s.form_key,
        text_filter("adminlist.q_people", s.f_q),
        choice_filter("adminlist.status", "status", s.statuses, s.f_status),
        choice_filter("adminlist.district", "ortsteil", s.areas, s.f_district),
        sort_select(s.sorts, s.f_sort),
    )


_COLUMNS = (
    ("adminlist.col.name", "display_name"),
    ("adminlist.col.email", "email"),
    ("adminlist.col.status", "status_label"),
    ("adminlist.col.area", "area"),
    ("adminlist.col.registered", "registered_on"),
    ("adminlist.col.approved", "approved_on"),
)


def users_list_page() -> rx.Component:
    return list_page(
        PeopleListState,
        ROUTE,
        "adminlist.people_title",
        _filters(),
        list_table(_COLUMNS, PeopleListState.rows, (routes.person_href, "user_id")),
    )
