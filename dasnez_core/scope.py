"""The part of one Kommune an admin-portal caller works on: the whole Kommune (its admins),
one area subtree or one social space (a coordinator). A smaller tenant.

`Scope` is resolved once per handler from the caller's session (`services.sessions`) and
handed out by `permissions.scope_of`; every list, count, queue and detail query of people,
listings and reports takes its WHERE clause from `persons()` / `listings()` here, exactly
as the tenant condition is added. A record outside the scope is therefore "not found",
like a record of another Kommune.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, false
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from dasnez_core.models import Listing, ListingReport, ListingSocialSpace, User, UserSocialSpace


@dataclass(frozen=True)
class Scope:
    """Kommune plus, for a coordinator, an area subtree or a social space.

    `area_ids` holds the area and (for a district) its villages, as they are when the
    session is resolved; `district_id` is set when the area is a district, so listings are
    matched by their denormalised, indexed `district_id`; for a village `village_of` names
    its district, so its listings are found through the same index. An area scope whose
    area is gone has an empty `area_ids` and matches nothing.
    """

    kommune_id: int
    area_id: int | None = None
    area_ids: frozenset[int] = field(default_factory=frozenset)
    district_id: int | None = None
    social_space_id: int | None = None
    village_of: int | None = None

    @property
    def whole_kommune(self) -> bool:
        return self.area_id is None and self.social_space_id is None

    def persons(self) -> ColumnElement[bool]:
        """People in scope: of the Kommune, living in the area subtree (home area) or
        linked to the social space."""
        kommune = col(User.kommune_id) == self.kommune_id
        if self.social_space_id is not None:
            linked = sa_select(col(UserSocialSpace.user_id)).where(
                col(UserSocialSpace.social_space_id) == self.social_space_id
            )
            return and_(kommune, col(User.id).in_(linked))
        if self.area_id is not None:
            if not self.area_ids:
                return false()
            return and_(kommune, col(User.area_id).in_(sorted(self.area_ids)))
        return kommune

    def listings(self, listing: Any = Listing) -> ColumnElement[bool]:
        """Listings in scope: of the Kommune, placed in the area subtree (a district by the
        indexed `district_id`) or linked to the social space (link table keyed by space).
        `listing` may be an alias of the table (reports() uses one)."""
        kommune = listing.kommune_id == self.kommune_id
        if self.social_space_id is not None:
            linked = sa_select(col(ListingSocialSpace.listing_id)).where(
                col(ListingSocialSpace.social_space_id) == self.social_space_id
            )
            return and_(kommune, listing.id.in_(linked))
        if self.district_id is not None:
            return and_(kommune, listing.district_id == self.district_id)
        if self.area_id is not None:
            if not self.area_ids:
                return false()
            village = listing.area_id == self.area_id
            if self.village_of is not None:
                # Implied by the village (Listing.district_id repeats its district), and it
                # lets the planner use the (kommune_id, district_id, created_at) index.
                return and_(kommune, listing.district_id == self.village_of, village)
            return and_(kommune, village)
        result: ColumnElement[bool] = kommune
        return result

    def reports(self) -> ColumnElement[bool]:
        """Reports in scope: of the Kommune, on a listing in scope. A correlated EXISTS: the
        open reports are few, so one primary-key probe each beats collecting the ids of
        every listing in scope (bench/coordinator_bench.py)."""
        kommune = col(ListingReport.kommune_id) == self.kommune_id
        if self.whole_kommune:
            return kommune
        reported = aliased(Listing)
        in_scope = (
            sa_select(col(reported.id))
            .where(col(reported.id) == col(ListingReport.listing_id), self.listings(reported))
            .correlate(ListingReport)
            .exists()
        )
        return and_(kommune, in_scope)
