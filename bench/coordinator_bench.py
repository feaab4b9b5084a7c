"""What a coordinator's scope costs: the portal's staff queries with and without scope.

Runs on a database filled by `bench/scale.py fill` (PostgreSQL or SQLite). For the Kommune
with the most listings it times, through the services exactly as the portal pages call them
(one session per call), the approval queue (count + first page), the people list, the
listings list, the moderation queue (count + first page of report groups) and the dashboard
without filter — for the Kommune's admin (no scope), a coordinator of its largest district
(with its villages), of one village and of its largest social space. Prints p50/p95 in ms.

`scale.py fill` writes no reports and no person–social-space links; the first run adds some
(1 % of the listings reported, 10 % of the people linked to a social space) so that those
queries have rows to find. Not a test: nothing here gates CI.

    nice python bench/scale.py fill --create --listings 100000 --kommunen 1 \\
        --url postgresql+psycopg://postgres@127.0.0.1/dasnez_coord_bench
    nice python bench/coordinator_bench.py \\
        --url postgresql+psycopg://postgres@127.0.0.1/dasnez_coord_bench
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import time
from collections.abc import Callable, Iterable
from typing import Any


def _p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def _prepare(db: Any, kommune_id: int) -> None:
    """Reports on 1 % of the listings, and 10 % of the people in a social space (once)."""
    from sqlalchemy import func, select

    from dasnez_core.models import (
        Listing,
        ListingReport,
        SocialSpace,
        User,
        UserSocialSpace,
        utcnow,
    )

    rnd = random.Random(5)
    if db.execute(select(func.count()).select_from(ListingReport)).scalar_one() == 0:
        listing_ids = list(
            db.execute(select(Listing.id).where(Listing.kommune_id == kommune_id)).scalars()
        )
        now = utcnow()
        db.add_all(
            ListingReport(
                kommune_id=kommune_id, listing_id=lid, reason="Bitte prüfen.", created_at=now
            )
            for lid in rnd.sample(listing_ids, max(1, len(listing_ids) // 100))
        )
    if db.execute(select(func.count()).select_from(UserSocialSpace)).scalar_one() == 0:
        spaces = list(
            db.execute(select(SocialSpace.id).where(SocialSpace.kommune_id == kommune_id)).scalars()
        )
        people = list(db.execute(select(User.id).where(User.kommune_id == kommune_id)).scalars())
        db.add_all(
            UserSocialSpace(user_id=uid, social_space_id=rnd.choice(spaces))
            for uid in rnd.sample(people, len(people) // 10)
        )
    db.commit()


def _actors(db: Any, kommune_id: int) -> dict[str, Any]:
    """The admin (whole Kommune) and three coordinators, as the session would build them."""
    from sqlalchemy import func, select

    from dasnez_core.actor import Actor
    from dasnez_core.models import Area, Listing, ListingSocialSpace, SocialSpace
    from dasnez_core.scope import Scope

    def biggest(column: Any, *where: Any) -> int:
        return int(
            db.execute(
                select(column, func.count())
                .where(*where)
                .group_by(column)
                .order_by(func.count().desc())
                .limit(1)
            ).first()[0]
        )

    in_kommune = Listing.kommune_id == kommune_id
    district = biggest(Listing.district_id, in_kommune, Listing.district_id.is_not(None))
    villages = set(db.execute(select(Area.id).where(Area.parent_id == district)).scalars())
    village = biggest(Listing.area_id, in_kommune, Listing.area_id.in_(villages or {-1}))
    space = biggest(
        ListingSocialSpace.social_space_id,
        ListingSocialSpace.social_space_id.in_(
            select(SocialSpace.id).where(SocialSpace.kommune_id == kommune_id)
        ),
    )
    base = {"user_id": 1, "kommune_id": kommune_id, "status": "approved"}
    coordinator = frozenset({"citizen", "coordinator"})
    return {
        "admin (no scope)": Actor(
            **base,
            roles=frozenset({"citizen", "kommune_admin"}),
            admin_of=frozenset({kommune_id}),
            scope=Scope(kommune_id),
        ),
        "district + villages": Actor(
            **base,
            roles=coordinator,
            scope=Scope(
                kommune_id,
                area_id=district,
                area_ids=frozenset({district, *villages}),
                district_id=district,
            ),
        ),
        "one village": Actor(
            **base,
            roles=coordinator,
            scope=Scope(
                kommune_id, area_id=village, area_ids=frozenset({village}), village_of=district
            ),
        ),
        "social space": Actor(
            **base, roles=coordinator, scope=Scope(kommune_id, social_space_id=space)
        ),
    }


def _cases(kommune_id: int) -> dict[str, Callable[[Any, Any], object]]:
    from dasnez_core.services import approval, moderation
    from dasnez_core.services.dashboard import DashboardFilters, dashboard
    from dasnez_core.services.listings_list import ListingFilters, list_listings
    from dasnez_core.services.people_list import PeopleFilters, list_people

    k = kommune_id
    return {
        "approval queue": lambda s, a: (
            approval.count_pending(s, a, k),
            approval.list_pending(s, a, k),
        ),
        "people list": lambda s, a: list_people(s, a, k, PeopleFilters()),
        "listings list": lambda s, a: list_listings(s, a, k, ListingFilters()),
        "reports queue": lambda s, a: (
            moderation.count_reported_listings(s, a, k),
            moderation.list_report_groups(s, a, k),
        ),
        "dashboard": lambda s, a: dashboard(s, a, k, DashboardFilters()),
    }


def _explained(url: str, engine: Any, call: Callable[[], object], repeats: int) -> float:
    """Planning + execution time the server reports (EXPLAIN ANALYZE) for every statement
    one call issues, summed; median over `repeats`. Less disturbed by a busy machine than
    the wall clock of the whole call (PostgreSQL only)."""
    from sqlalchemy import event
    from sqlalchemy.engine import make_url

    captured: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, statement: str, parameters: Any, *_: Any) -> None:
        captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    import psycopg

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    totals = []
    with psycopg.connect(
        dsn, autocommit=True, options="-c plan_cache_mode=force_custom_plan"
    ) as conn:
        for _ in range(repeats):
            total = 0.0
            for statement, parameters in captured:
                if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                plan = conn.execute(
                    "EXPLAIN (ANALYZE, FORMAT JSON) " + statement, parameters
                ).fetchone()[0][0]
                total += plan["Planning Time"] + plan["Execution Time"]
            totals.append(total)
    return statistics.median(totals)


def run(url: str, rounds: int, warmup: int, explain: bool = False) -> None:
    os.environ["DASNEZ_DATABASE_URL"] = url
    from sqlalchemy import func, select

    from dasnez_core.db import get_engine, session_scope
    from dasnez_core.models import Listing

    with session_scope() as db:
        kommune_id, listings = db.execute(
            select(Listing.kommune_id, func.count())
            .group_by(Listing.kommune_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        _prepare(db, kommune_id)
        actors = _actors(db, kommune_id)
        sizes = {}
        from dasnez_core.services.listings_list import ListingFilters, list_listings
        from dasnez_core.services.people_list import PeopleFilters, list_people

        for who, actor in actors.items():
            sizes[who] = (
                list_people(db, actor, kommune_id, PeopleFilters()).total,
                list_listings(db, actor, kommune_id, ListingFilters()).total,
            )
    cases = _cases(kommune_id)
    samples: dict[tuple[str, str], list[float]] = {(c, w): [] for c in cases for w in actors}
    for round_ in range(warmup + rounds):
        for case, call in cases.items():
            for who, actor in actors.items():
                start = time.perf_counter()
                with session_scope() as db:
                    call(db, actor)
                if round_ >= warmup:
                    samples[case, who].append((time.perf_counter() - start) * 1000)
    dialect = get_engine().dialect.name
    print(f"{dialect}, Kommune {kommune_id} with {listings:,} listings, {rounds} rounds")
    print("scope sizes (people, listings in the lists):")
    for who, (people, rows) in sizes.items():
        print(f"  {who:<20} {people:>7,} people  {rows:>8,} listings")
    header = " | ".join(f"{w:>19}" for w in actors)
    print(f"| {'p50/p95 ms':<15} | {header} |")
    print(f"|{'-' * 17}|" + "|".join("-" * 21 for _ in actors) + "|")
    for case in cases:
        cells = " | ".join(
            f"{statistics.median(samples[case, w]):>8.1f}/{_p(samples[case, w], 0.95):<10.1f}"
            for w in actors
        )
        print(f"| {case:<15} | {cells} |")
    if not explain or dialect != "postgresql":
        return
    print("server time (EXPLAIN ANALYZE: planning + execution, summed over the statements):")
    print(f"| {'median ms':<15} | {header} |")
    print(f"|{'-' * 17}|" + "|".join("-" * 21 for _ in actors) + "|")
    for case, call in cases.items():
        times = []
        for actor in actors.values():

            def once(a: Any = actor, c: Callable[[Any, Any], object] = call) -> None:
                with session_scope() as db:
                    c(db, a)

            times.append(_explained(url, get_engine(), once, 5))
        print(f"| {case:<15} | " + " | ".join(f"{t:>19.1f}" for t in times) + " |")


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--explain", action="store_true", help="also the server's own times (PostgreSQL)"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    run(args.url, args.rounds, args.warmup, args.explain)


if __name__ == "__main__":
    main()
