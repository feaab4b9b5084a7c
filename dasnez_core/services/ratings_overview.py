"""The ratings of a Kommune as its administration sees them (/bewertungen): how the stars
are distributed, and the newest ratings with their comments, those "nur für die Verwaltung"
included and marked."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func

from dasnez_core.actor import Actor
from dasnez_core.formatting import format_date, format_number
from dasnez_core.i18n import translate
from dasnez_core.models import Rating, User
from dasnez_core.permissions import Action, require
from dasnez_core.services.dashboard import Figure

RATINGS_PAGE_SIZE = 50


@dataclass(frozen=True)
class RatingRow:
    """One rating as the administration sees it; `rater`/`ratee` are "" for former members."""

    id: int
    stars: int
    stars_text: str
    comment: str
    date: str
    rater: str
    ratee: str
    ratee_id: int  # for the link to the rated person's admin page
    admin_only: bool
    hidden: bool  # hidden from the public by the Kommune


@dataclass(frozen=True)
class RatingsOverview:
    distribution: list[Figure]
    total: int
    average: str
    admin_only_total: int
    rows: list[RatingRow]
    page: int
    pages: int
    only_admin: bool


def ratings_overview(
    db: Session,
    actor: Actor,
    kommune_id: int,
    *,
    page: int = 1,
    only_admin: bool = False,
    lang: str = "de",
) -> RatingsOverview:
    """Stars 1–5 with their counts, and the newest ratings (RATINGS_PAGE_SIZE a page),
    those "nur für die Verwaltung" included and marked; `only_admin` shows only those."""
    require(actor, Action.VIEW_ADMIN_RATINGS, kommune_id)
    counts: dict[int, int] = {}
    admin_only_total = 0
    for stars, admin_only, n in db.execute(
        sa_select(col(Rating.stars), col(Rating.admin_only), func.count())
        .where(col(Rating.kommune_id) == kommune_id)
        .group_by(col(Rating.stars), col(Rating.admin_only))
    ).all():
        counts[int(stars)] = counts.get(int(stars), 0) + int(n)
        if admin_only:
            admin_only_total += int(n)
    total = sum(counts.values())
    average = sum(s * n for s, n in counts.items()) / total if total else 0.0
    distribution = [
        Figure(
            key=str(stars),
            label=translate(
                "adminratings.stars_one" if stars == 1 else "adminratings.stars", lang, stars=stars
            ),
            count=counts.get(stars, 0),
        )
        for stars in range(1, 6)
    ]
    shown_total = admin_only_total if only_admin else total
    pages = max(1, math.ceil(shown_total / RATINGS_PAGE_SIZE))
    page = min(max(page, 1), pages)
    rater = aliased(User)
    ratee = aliased(User)
    stmt = (
        sa_select(
            col(Rating.id),
            col(Rating.stars),
            col(Rating.comment),
            col(Rating.created_at),
            col(rater.display_name),
            col(ratee.display_name),
            col(Rating.ratee_id),
            col(Rating.admin_only),
            col(Rating.hidden_at),
        )
        .join(rater, col(Rating.rater_id) == rater.id, isouter=True)
        .join(ratee, col(Rating.ratee_id) == ratee.id, isouter=True)
        .where(col(Rating.kommune_id) == kommune_id)
        .order_by(col(Rating.created_at).desc(), col(Rating.id).desc())
        .limit(RATINGS_PAGE_SIZE)
        .offset((page - 1) * RATINGS_PAGE_SIZE)
    )
    if only_admin:
        stmt = stmt.where(col(Rating.admin_only).is_(True))
    rows = [
        RatingRow(
            id=rid,
            stars=int(stars),
            stars_text="★" * int(stars) + "☆" * (5 - int(stars)),
            comment=comment,
            date=format_date(created, lang),
            rater=rater_name or "",
            ratee=ratee_name or "",
            ratee_id=ratee_id,
            admin_only=bool(admin_only),
            hidden=hidden_at is not None,
        )
        for (
            rid,
            stars,
            comment,
            created,
            rater_name,
            ratee_name,
            ratee_id,
            admin_only,
            hidden_at,
        ) in db.execute(stmt).all()
    ]
    return RatingsOverview(
        distribution=distribution,
        total=total,
        average=format_number(average, lang, decimals=1) if total else "–",
        admin_only_total=admin_only_total,
        rows=rows,
        page=page,
        pages=pages,
        only_admin=only_admin,
    )
