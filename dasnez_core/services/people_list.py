"""The Kommune admin's list of people: search, status and district filters, order, paging.

The filters are typed values (the admin app reads them from the URL of the page); the
same filters on the dashboard lead here, so a figure and the list behind it agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func

from dasnez_core.actor import Actor
from dasnez_core.formatting import format_date
from dasnez_core.i18n import translate
from dasnez_core.models import Area, User, UserStatus
from dasnez_core.models.represented import shown_email
from dasnez_core.permissions import Action, require_scope
from dasnez_core.scope import Scope
from dasnez_core.services import filters as vocabulary

PAGE_SIZE = 50
PEOPLE_SORTS = ("name", "newest", "oldest")
USER_STATUSES = tuple(s.value for s in UserStatus)


@dataclass(frozen=True)
class PeopleFilters:
    """Filters of the people list."""

    q: str = ""
    status: str = ""
    district: int | None = None
    sort: str = "name"
    page: int = 1


@dataclass(frozen=True)
class PersonRow:
    """A person as the admin list shows them (the email is the admin's to see)."""

    user_id: int
    display_name: str
    email: str
    status: str
    status_label: str
    area: str
    registered_on: str
    approved_on: str


@dataclass(frozen=True)
class PeoplePage:
    rows: list[PersonRow]
    total: int
    page: int
    pages: int
    filters: PeopleFilters


def people_select(
    db: Session, scope: Scope, filters: PeopleFilters
) -> tuple[Select[Any], PeopleFilters]:
    """The ordered query of the people in `scope` matching `filters`, and the filters it
    applied (a district of another Kommune dropped)."""
    kommune_id = scope.kommune_id
    district = aliased(Area)
    columns: list[Any] = [
        col(User.id),
        col(User.display_name),
        col(User.email),
        col(User.status),
        col(Area.name),
        col(district.name),
        col(User.created_at),
        col(User.approved_at),
    ]
    stmt = (
        sa_select(*columns)
        .join(Area, col(Area.id) == User.area_id, isouter=True)
        .join(district, col(Area.parent_id) == district.id, isouter=True)
        .where(scope.persons())
    )
    kept = filters
    if filters.status:
        stmt = stmt.where(col(User.status) == filters.status)
    area = vocabulary.resolve_area(db, kommune_id, filters.district)
    if area is None:
        kept = replace(kept, district=None)
    else:
        stmt = stmt.where(vocabulary.user_area_condition(area))
    if filters.q:
        stmt = stmt.where(
            vocabulary.contains_text(filters.q, col(User.display_name), col(User.email))
        )
    order = {
        "name": (func.lower(col(User.display_name)), col(User.id)),
        "newest": (col(User.created_at).desc(), col(User.id).desc()),
        "oldest": (col(User.created_at).asc(), col(User.id).asc()),
    }[filters.sort]
    return stmt.order_by(*order), kept


def person_row(row: Any, lang: str, date_lang: str | None = None) -> PersonRow:
    """A result row as shown; `date_lang` formats the days (the CSV keeps German ones)."""
    uid, name, email, status, area, district, created, approved = row
    days = date_lang or lang
    return PersonRow(
        user_id=uid,
        display_name=name,
        email=shown_email(email),
        status=status,
        status_label=translate(f"adminlist.user_status.{status}", lang),
        area=vocabulary.area_label(area, district),
        registered_on=format_date(created, days),
        approved_on=format_date(approved, days),
    )


def list_people(
    db: Session, actor: Actor, kommune_id: int, filters: PeopleFilters, lang: str = "de"
) -> PeoplePage:
    """One page (PAGE_SIZE rows) of the Kommune's people matching `filters`; a page past the
    end shows the last one."""
    scope = require_scope(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    stmt, kept = people_select(db, scope, filters)
    total = int(
        db.execute(sa_select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
    )
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(filters.page, pages)
    rows = db.execute(stmt.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return PeoplePage(
        rows=[person_row(r, lang) for r in rows],
        total=total,
        page=page,
        pages=pages,
        filters=replace(kept, page=page),
    )
