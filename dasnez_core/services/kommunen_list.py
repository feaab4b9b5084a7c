"""Platform staff's list of all Kommunen (/kommunen): a search by name, slug, postcode or
Kreis, a filter by state, 25 a page, each row with its figures.

A page costs a fixed number of statements whatever the number of Kommunen: the totals per
state, the page's Kommunen, and one grouped statement for the figures of those Kommunen
only (with a search, one more to find the Kreise it names).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, case, literal_column, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, or_

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput
from dasnez_core.folding import fold
from dasnez_core.formatting import format_date
from dasnez_core.models import Kommune, Listing, ListingStatus, Role, RoleGrant, User, UserStatus
from dasnez_core.permissions import Action, require
from dasnez_core.services.onboarding import KommuneState

PAGE_SIZE = 25
KOMMUNE_STATES = (KommuneState.SETUP, KommuneState.LIVE, KommuneState.INACTIVE)
# Figures of a row, as labelled in the grouped figures statement.
_ADMINS, _APPROVED, _PENDING, _LISTINGS = "admins", "approved", "pending", "listings"


@dataclass(frozen=True)
class KommunenFilters:
    """Filters of the Kommunen list: free text, a state of `KOMMUNE_STATES` ("" = all)."""

    q: str = ""
    state: str = ""
    page: int = 1


@dataclass(frozen=True)
class KommuneRow:
    """A Kommune as the list shows it, with its figures."""

    kommune_id: int
    slug: str
    name: str
    kreis: str
    postcodes: str
    state: str
    live_since: str
    admins: int
    approved_users: int
    pending_users: int
    published_listings: int


@dataclass(frozen=True)
class KommunenPage:
    rows: list[KommuneRow]
    total: int  # matching the search and the state
    by_state: dict[str, int]  # matching the search, per state
    page: int
    pages: int
    filters: KommunenFilters


def _state_expr() -> Any:
    """A Kommune's state in SQL (as `onboarding.state_of` in Python)."""
    return case(
        (col(Kommune.active).is_(False), _label(KommuneState.INACTIVE)),
        (col(Kommune.live_since).is_(None), _label(KommuneState.SETUP)),
        else_=_label(KommuneState.LIVE),
    )


def _label(text: str) -> Any:
    """A fixed text as a column (written into the SQL: no parameter to type)."""
    return literal_column(f"'{text}'")


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _search(db: Session, q: str) -> ColumnElement[bool]:
    """Kommunen whose name, slug, postcodes or Kreis contain `q`. Names and Kreise compare
    folded ("Hoexter" finds "Höxter"); the Kreise are few, so they are folded here."""
    folded = fold(q)
    kreise = [
        kreis
        for kreis in db.execute(sa_select(col(Kommune.kreis)).distinct()).scalars()
        if kreis and folded in fold(kreis)
    ]
    conditions: list[ColumnElement[bool]] = [
        col(Kommune.name_folded).like(_like(folded), escape="\\"),
        col(Kommune.slug).like(_like(q.lower()), escape="\\"),
        col(Kommune.slug).like(_like(folded.replace(" ", "-")), escape="\\"),
        col(Kommune.postcodes).like(_like(q), escape="\\"),
    ]
    if kreise:
        conditions.append(col(Kommune.kreis).in_(kreise))
    return or_(*conditions)


def _figures(db: Session, ids: list[int]) -> dict[tuple[int, str], int]:
    """The figures of the Kommunen `ids` in one grouped statement: their admins, approved
    and waiting people, and published listings."""
    # Each part's columns as a plain list: union_all wants the parts of one (untyped) shape.
    admin_columns: list[Any] = [col(RoleGrant.kommune_id), _label(_ADMINS), func.count()]
    people_columns: list[Any] = [col(User.kommune_id), col(User.status), func.count()]
    listing_columns: list[Any] = [col(Listing.kommune_id), _label(_LISTINGS), func.count()]
    admins = (
        sa_select(*admin_columns)
        .where(col(RoleGrant.role) == Role.KOMMUNE_ADMIN, col(RoleGrant.kommune_id).in_(ids))
        .group_by(col(RoleGrant.kommune_id))
    )
    people = (
        sa_select(*people_columns)
        .where(
            col(User.kommune_id).in_(ids),
            col(User.status).in_((UserStatus.APPROVED.value, UserStatus.PENDING.value)),
        )
        .group_by(col(User.kommune_id), col(User.status))
    )
    listings = (
        sa_select(*listing_columns)
        .where(col(Listing.kommune_id).in_(ids), col(Listing.status) == ListingStatus.PUBLISHED)
        .group_by(col(Listing.kommune_id))
    )
    status_key = {UserStatus.APPROVED.value: _APPROVED, UserStatus.PENDING.value: _PENDING}
    return {
        (int(kid), status_key.get(str(what), str(what))): int(n)
        for kid, what, n in db.execute(union_all(admins, people, listings))
        if kid is not None
    }


def list_managed_kommunen(
    db: Session, actor: Actor, filters: KommunenFilters, lang: str = "de"
) -> KommunenPage:
    """One page (`PAGE_SIZE` rows, by name) of the Kommunen matching `filters`, with the
    totals per state under the search. A page past the end shows the last one; an unknown
    state or a page below 1 is refused."""
    require(actor, Action.MANAGE_KOMMUNEN)
    require(actor, Action.LIST_KOMMUNEN_STATS)
    if filters.state and filters.state not in KOMMUNE_STATES:
        raise InvalidInput("status", "onboard.list.bad_state")
    if isinstance(filters.page, bool) or not isinstance(filters.page, int) or filters.page < 1:
        raise InvalidInput("seite", "onboard.list.bad_page")
    state = _state_expr()
    where: list[ColumnElement[bool]] = []
    if filters.q:
        where.append(_search(db, filters.q))
    by_state = {s: 0 for s in KOMMUNE_STATES}
    for s, n in db.execute(
        sa_select(state, func.count()).select_from(Kommune).where(*where).group_by(state)
    ):
        by_state[str(s)] = int(n)
    total = by_state[filters.state] if filters.state else sum(by_state.values())
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(filters.page, pages)
    if filters.state:
        where.append(state == filters.state)
    kommunen = (
        db.execute(
            sa_select(
                col(Kommune.id),
                col(Kommune.slug),
                col(Kommune.name),
                col(Kommune.kreis),
                col(Kommune.postcodes),
                col(Kommune.live_since),
                state,
            )
            .where(*where)
            .order_by(col(Kommune.name), col(Kommune.id))
            .limit(PAGE_SIZE)
            .offset((page - 1) * PAGE_SIZE)
        ).all()
        if total
        else []
    )
    figures = _figures(db, [int(k[0]) for k in kommunen]) if kommunen else {}
    rows = [
        KommuneRow(
            kommune_id=int(kid),
            slug=slug,
            name=name,
            kreis=kreis,
            postcodes=postcodes,
            state=str(kstate),
            live_since=format_date(live_since, lang) if live_since else "",
            admins=figures.get((kid, _ADMINS), 0),
            approved_users=figures.get((kid, _APPROVED), 0),
            pending_users=figures.get((kid, _PENDING), 0),
            published_listings=figures.get((kid, _LISTINGS), 0),
        )
        for kid, slug, name, kreis, postcodes, live_since, kstate in kommunen
    ]
    return KommunenPage(
        rows=rows,
        total=total,
        by_state=by_state,
        page=page,
        pages=pages,
        filters=replace(filters, page=page),
    )
