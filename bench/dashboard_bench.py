"""Benchmark of the Kommune dashboard and the admin lists (not a test).

Creates a throw-away database with one big Kommune (default 100,000 listings, 20,000 people,
5,000 agreements, 4,000 ratings) and a smaller second one, then times the dashboard service
with and without filters and the admin lists, and prints p50/p95 in milliseconds plus the
number of SQL statements per call. With --indexes it then creates the candidate indexes
below by hand (no migration), runs ANALYZE and times everything again, so that the lead can
decide which index a migration should add.

    python bench/dashboard_bench.py                       # local PostgreSQL (the default)
    python bench/dashboard_bench.py --indexes             # … and again with candidate indexes
    python bench/dashboard_bench.py --postgres postgresql+psycopg://postgres@127.0.0.1/postgres
    python bench/dashboard_bench.py --sqlite              # SQLite in a temp dir
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, insert, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session

from dasnez_core.actor import Actor
from dasnez_core.cli import migrate
from dasnez_core.db import make_engine
from dasnez_core.models import (
    Agreement,
    Area,
    AreaKind,
    Category,
    Conversation,
    Exchange,
    ExchangeType,
    Kommune,
    Listing,
    ListingReport,
    Rating,
    Role,
    RoleGrant,
    User,
    utcnow,
)
from dasnez_core.services.csv_export import export_listings
from dasnez_core.services.dashboard import DashboardFilters, dashboard
from dasnez_core.services.listings_list import ListingFilters, list_listings
from dasnez_core.services.people_list import PeopleFilters, list_people
from dasnez_core.services.ratings_overview import ratings_overview
from dasnez_core.services.sessions import actor_for

# Candidate indexes, created by hand only in the bench database (PostgreSQL syntax).
CANDIDATE_INDEXES = {
    "ix_listing_kommune_created (covering)": (
        "CREATE INDEX ix_listing_kommune_created ON listing (kommune_id, created_at) "
        "INCLUDE (exchange_id, kind, status, expires_at, category_id, district_id, area_id)"
    ),
    "ix_listing_kommune_district": (
        "CREATE INDEX ix_listing_kommune_district ON listing (kommune_id, district_id, created_at)"
    ),
    "ix_user_kommune_status": 'CREATE INDEX ix_user_kommune_status ON "user" (kommune_id, status)',
    "ix_agreement_kommune_created": (
        "CREATE INDEX ix_agreement_kommune_created ON agreement (kommune_id, created_at)"
    ),
    "ix_listing_report_open": (
        "CREATE INDEX ix_listing_report_open ON listing_report (kommune_id) "
        "WHERE resolved_at IS NULL"
    ),
}
LISTING_STATUSES = (
    ("published", 0.60),
    ("closed", 0.15),
    ("expired", 0.05),
    ("draft", 0.05),
    ("deleted", 0.05),
    ("removed", 0.03),
    ("suspended", 0.02),
    ("pending", 0.05),
)
USER_STATUSES = (("approved", 0.9), ("pending", 0.08), ("blocked", 0.02))


@contextmanager
def database(postgres_admin_url: str | None) -> Iterator[str]:
    if postgres_admin_url:
        name = f"dasnez_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(postgres_admin_url).set(database=name).render_as_string(False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.db'}"


def _pick(rnd: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rnd.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _kommune(db: Session, slug: str) -> tuple[Kommune, list[Area], list[tuple[int, int]]]:
    kommune = Kommune(slug=slug, name=slug.title())
    db.add(kommune)
    db.flush()
    districts = [
        Area(kommune_id=kommune.id, kind=AreaKind.DISTRICT, name=f"Bezirk {i}") for i in range(12)
    ]
    db.add_all(districts)
    db.flush()
    villages = [
        Area(kommune_id=kommune.id, kind=AreaKind.VILLAGE, parent_id=d.id, name=f"Dorf {d.id}-{j}")
        for d in districts
        for j in range(3)
    ]
    db.add_all(villages)
    db.flush()
    categories: list[tuple[int, int]] = []
    for ex_type in ExchangeType:
        exchange = Exchange(kommune_id=kommune.id, type=ex_type)
        db.add(exchange)
        db.flush()
        for c in range(5):
            category = Category(
                kommune_id=kommune.id, exchange_id=exchange.id, name=f"{ex_type} {c}"
            )
            db.add(category)
            db.flush()
            categories.append((exchange.id, category.id))  # type: ignore[arg-type]
    return kommune, districts + villages, categories


def populate(
    engine: Engine, listings: int, users: int, agreements: int, ratings: int, seed: int = 11
) -> dict[str, Any]:
    """Bulk-insert the big Kommune and a second one a tenth its size; return ids to filter by."""
    rnd = random.Random(seed)
    now = utcnow()
    ids: dict[str, Any] = {}
    with Session(engine) as db:
        kommunen = [_kommune(db, "gross"), _kommune(db, "klein")]
        admin = User(
            email="admin@gross.example",
            password_hash="x",
            display_name="Verwaltung",
            kommune_id=kommunen[0][0].id,  # type: ignore[arg-type]
            status="approved",
        )
        db.add(admin)
        db.flush()
        db.add(RoleGrant(user_id=admin.id, role=Role.KOMMUNE_ADMIN, kommune_id=kommunen[0][0].id))  # type: ignore[arg-type]
        db.commit()
        ids["actor"] = actor_for(db, admin)
        ids["kommune_id"] = kommunen[0][0].id
        ids["district"] = kommunen[0][1][3].id
        shape = [
            (k.id, [(a.id, a.parent_id or a.id) for a in areas], cats)
            for k, areas, cats in kommunen
        ]
    next_user = 10
    next_listing = 1
    with engine.begin() as conn:
        for index, (kommune_id, areas, cats) in enumerate(shape):
            share = 1 if index == 0 else 10
            user_ids = list(range(next_user, next_user + users // share))
            next_user += len(user_ids)
            conn.execute(
                insert(User),
                [
                    {
                        "id": uid,
                        "email": f"u{uid}@bench.example",
                        "password_hash": "x",
                        "display_name": f"Person {uid}",
                        "kommune_id": kommune_id,
                        "area_id": rnd.choice(areas)[0],
                        "status": _pick(rnd, USER_STATUSES),
                        "language": "de",
                        "introduction": "",
                        "phone": "",
                        "share_email": False,
                        "created_at": now - timedelta(days=rnd.randint(0, 700)),
                    }
                    for uid in user_ids
                ],
            )
            batch: list[dict[str, Any]] = []
            listing_ids = list(range(next_listing, next_listing + listings // share))
            next_listing += len(listing_ids)
            for lid in listing_ids:
                ex_id, cat_id = rnd.choice(cats)
                area_id, district_id = rnd.choice(areas)
                created = now - timedelta(minutes=rnd.randint(0, 365 * 24 * 60))
                status = _pick(rnd, LISTING_STATUSES)
                expires = created + timedelta(days=60)
                batch.append(
                    {
                        "id": lid,
                        "kommune_id": kommune_id,
                        "kind": rnd.choice(["offer", "request"]),
                        "exchange_id": ex_id,
                        "category_id": cat_id,
                        "title": f"Eintrag {lid} Rasen mähen",
                        "body": "Hilfe in der Nachbarschaft.",
                        "area_id": area_id,
                        "district_id": district_id,
                        "author_id": rnd.choice(user_ids),
                        "status": status,
                        "created_at": created,
                        "updated_at": created,
                        "expires_at": expires,
                        "swap_for": "",
                    }
                )
                if len(batch) == 5000:
                    conn.execute(insert(Listing), batch)
                    batch.clear()
            if batch:
                conn.execute(insert(Listing), batch)
            if index == 0:
                ids["listing_ids"] = listing_ids
                ids["user_ids"] = user_ids
        # Agreements and ratings in the big Kommune (each on its own conversation).
        big = shape[0][0]
        chosen = rnd.sample(ids["listing_ids"], agreements)
        conn.execute(
            insert(Conversation),
            [
                {
                    "id": i + 1,
                    "kommune_id": big,
                    "listing_id": lid,
                    "author_id": ids["user_ids"][0],
                    "starter_id": ids["user_ids"][1 + i % (len(ids["user_ids"]) - 1)],
                    "created_at": now,
                    "last_message_at": now,
                }
                for i, lid in enumerate(chosen)
            ],
        )
        done_at = now - timedelta(days=1)
        conn.execute(
            insert(Agreement),
            [
                {
                    "id": i + 1,
                    "kommune_id": big,
                    "conversation_id": i + 1,
                    "listing_id": lid,
                    "helper_id": ids["user_ids"][1 + i % (len(ids["user_ids"]) - 1)],
                    "seeker_id": ids["user_ids"][0],
                    "hours": rnd.choice([0.5, 1.0, 1.5, 2.0, 3.0]),
                    "amount_cents": rnd.choice([None, 500, 1000, 1500]),
                    "helper_done_at": done_at,
                    "seeker_done_at": done_at if rnd.random() < 0.8 else None,
                    "created_at": now - timedelta(days=rnd.randint(0, 365)),
                }
                for i, lid in enumerate(chosen)
            ],
        )
        conn.execute(
            insert(Rating),
            [
                {
                    "kommune_id": big,
                    "agreement_id": i + 1,
                    "rater_id": ids["user_ids"][0],
                    "ratee_id": ids["user_ids"][1 + i % (len(ids["user_ids"]) - 1)],
                    "stars": rnd.randint(1, 5),
                    "comment": "Danke!" if rnd.random() < 0.5 else "",
                    "admin_only": rnd.random() < 0.1,
                    "created_at": now - timedelta(days=rnd.randint(0, 365)),
                }
                for i in range(min(ratings, agreements))
            ],
        )
        conn.execute(
            insert(ListingReport),
            [
                {
                    "kommune_id": big,
                    "listing_id": lid,
                    "reason": "Bitte prüfen.",
                    "created_at": now,
                    "resolved_at": now if rnd.random() < 0.9 else None,
                }
                for lid in rnd.sample(ids["listing_ids"], 2000)
            ],
        )
        if engine.dialect.name == "postgresql":
            for table, column in (
                ("user", "id"),
                ("listing", "id"),
                ("conversation", "id"),
                ("agreement", "id"),
            ):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
                        f'(SELECT max({column}) FROM "{table}"))'
                    )
                )
        conn.execute(text("ANALYZE"))
    return ids


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def cases(ids: dict[str, Any]) -> dict[str, Callable[[Session], object]]:
    actor: Actor = ids["actor"]
    k = ids["kommune_id"]
    today = date.today()
    month = DashboardFilters(date_from=today - timedelta(days=30), date_to=today)
    return {
        "dashboard, no filter": lambda db: dashboard(db, actor, k, DashboardFilters()),
        "dashboard, last 30 days": lambda db: dashboard(db, actor, k, month),
        "dashboard, district": lambda db: dashboard(
            db, actor, k, DashboardFilters(district=ids["district"])
        ),
        "dashboard, exchange": lambda db: dashboard(
            db, actor, k, DashboardFilters(exchange="zeitspende")
        ),
        "dashboard, all filters": lambda db: dashboard(
            db,
            actor,
            k,
            DashboardFilters(
                date_from=month.date_from,
                date_to=month.date_to,
                district=ids["district"],
                exchange="taschengeld",
            ),
        ),
        "ratings overview": lambda db: ratings_overview(db, actor, k),
        "listings, page 1": lambda db: list_listings(db, actor, k, ListingFilters()),
        "listings, page 200": lambda db: list_listings(db, actor, k, ListingFilters(page=200)),
        "listings, status+exch": lambda db: list_listings(
            db, actor, k, ListingFilters(status="published", exchange="tausch")
        ),
        "listings, title search": lambda db: list_listings(
            db, actor, k, ListingFilters(q="Eintrag 777")
        ),
        "people, page 1": lambda db: list_people(db, actor, k, PeopleFilters()),
        "people, name search": lambda db: list_people(db, actor, k, PeopleFilters(q="Person 19")),
        "people, pending": lambda db: list_people(db, actor, k, PeopleFilters(status="pending")),
    }


def run_cases(engine: Engine, ids: dict[str, Any], runs: int) -> dict[str, tuple[float, float]]:
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    event.listen(engine, "before_cursor_execute", count)
    results: dict[str, tuple[float, float]] = {}
    print(f"{'call':<26} {'p50 ms':>8} {'p95 ms':>8} {'stmts':>6}")
    with Session(engine) as db:
        for name, fn in cases(ids).items():
            statements = 0
            fn(db)
            per_call = statements
            results[name] = timed(lambda fn=fn: fn(db), runs)
            p50, p95 = results[name]
            print(f"{name:<26} {p50:>8.2f} {p95:>8.2f} {per_call:>6}")
            db.rollback()
        # The export writes an audit row: roll it back each time; fewer runs (10,000 rows).
        statements = 0
        start = time.perf_counter()
        result = export_listings(db, ids["actor"], ids["kommune_id"], ListingFilters())
        took = (time.perf_counter() - start) * 1000
        db.rollback()
        print(
            f"{'export 10,000 listings':<26} {took:>8.1f} {'(once)':>8} {statements:>6}"
            f"   {len(result.data) / 1e6:.1f} MB CSV"
        )
    event.remove(engine, "before_cursor_execute", count)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--agreements", type=int, default=5_000)
    parser.add_argument("--ratings", type=int, default=4_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "DASNEZ_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    parser.add_argument(
        "--indexes", action="store_true", help="then time again with the candidate indexes"
    )
    args = parser.parse_args()
    with database(None if args.sqlite else args.postgres) as url:
        migrate(url)
        engine = make_engine(url)
        start = time.perf_counter()
        ids = populate(engine, args.listings, args.users, args.agreements, args.ratings)
        print(
            f"{engine.dialect.name}: {args.listings:,} listings, {args.users:,} people, "
            f"{args.agreements:,} agreements, {args.ratings:,} ratings (+ a Kommune a tenth "
            f"that size) loaded in {time.perf_counter() - start:.1f} s\n"
        )
        before = run_cases(engine, ids, args.runs)
        if args.indexes:
            if engine.dialect.name != "postgresql":
                print("\ncandidate indexes are written for PostgreSQL; skipped on SQLite")
            else:
                print("\nwith the candidate indexes:")
                with engine.begin() as conn:
                    for name, ddl in CANDIDATE_INDEXES.items():
                        conn.execute(text(ddl))
                        print(f"  {name}")
                    conn.execute(text("ANALYZE"))
                after = run_cases(engine, ids, args.runs)
                print(f"\n{'call':<26} {'p50 before':>11} {'p50 after':>10}")
                for name, (p50, _) in before.items():
                    print(f"{name:<26} {p50:>11.2f} {after[name][0]:>10.2f}")
        engine.dispose()


if __name__ == "__main__":
    main()
