"""Benchmark of the public listing search on SQLite and PostgreSQL (not a test).

Creates a throw-away database with one big Kommune of N listings (default 100,000) and a
few small ones, then times `search_public` for typical filter combinations and prints
p50/p95 in milliseconds, plus the number of SQL statements per search.

    python bench/search_bench.py                      # SQLite in a temp dir
    python bench/search_bench.py --postgres postgresql+psycopg://postgres@127.0.0.1/postgres
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, insert, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, select

from dasnez_core.cli import migrate
from dasnez_core.db import make_engine
from dasnez_core.folding import search_words
from dasnez_core.models import (
    Area,
    AreaKind,
    Category,
    Exchange,
    ExchangeType,
    Kommune,
    Listing,
    ListingSocialSpace,
    SocialSpace,
    User,
    utcnow,
)
from dasnez_core.services.search import SearchFilters, search_public

WORDS = [
    "Rasen",
    "mähen",
    "Garten",
    "Hecke",
    "Einkaufen",
    "Hund",
    "ausführen",
    "Senioren",
    "Besuch",
    "Vorlesen",
    "Fahrrad",
    "Reparatur",
    "Computer",
    "Handy",
    "Umzug",
    "Kisten",
    "tragen",
    "Kinder",
    "Betreuung",
    "Nachhilfe",
    "Mathe",
    "Kuchen",
    "backen",
    "Blumen",
    "gießen",
    "Fenster",
    "putzen",
    "Schnee",
    "räumen",
    "Laub",
    "rechen",
    "Möbel",
    "aufbauen",
]


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
    else:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.db'}"


def populate(engine: Engine, n: int, seed: int = 7) -> dict[str, Any]:
    rnd = random.Random(seed)
    with Session(engine) as db:
        kommunen = [Kommune(slug=f"k{i}", name=f"Kommune {i}") for i in range(5)]
        db.add_all(kommunen)
        db.flush()
        big = kommunen[0]
        districts = [
            Area(kommune_id=big.id, kind=AreaKind.DISTRICT, name=f"Bezirk {i}") for i in range(12)
        ]
        db.add_all(districts)
        db.flush()
        villages = [
            Area(
                kommune_id=big.id, kind=AreaKind.VILLAGE, parent_id=d.id, name=f"Dorf {d.name}-{j}"
            )
            for d in districts
            for j in range(3)
        ]
        db.add_all(villages)
        spaces = [
            SocialSpace(kommune_id=big.id, kind="school", name=f"Schule {i}") for i in range(20)
        ]
        db.add_all(spaces)
        db.flush()
        cats: list[tuple[int, int]] = []
        for ex_type in ExchangeType:
            ex = Exchange(kommune_id=big.id, type=ex_type)
            db.add(ex)
            db.flush()
            for c in range(5):
                cat = Category(kommune_id=big.id, exchange_id=ex.id, name=f"{ex_type} {c}")
                db.add(cat)
                db.flush()
                cats.append((ex.id, cat.id))  # type: ignore[arg-type]
        users = [
            User(
                email=f"u{i}@bench.example",
                password_hash="x",
                display_name=f"U {i}",
                kommune_id=big.id,
                status="approved",
            )
            for i in range(2000)
        ]
        db.add_all(users)
        db.commit()
        user_ids = [u.id for u in users]
        areas = [(d.id, d.id) for d in districts] + [(v.id, v.parent_id) for v in villages]
        space_ids = [s.id for s in spaces]
        big_id = big.id
    now = utcnow()
    batch: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    with engine.begin() as conn:
        for i in range(n):
            ex_id, cat_id = rnd.choice(cats)
            area_id, district_id = rnd.choice(areas)
            created = now - timedelta(minutes=rnd.randint(0, 60 * 24 * 60))
            words = " ".join(rnd.choices(WORDS, k=12))
            title = " ".join(rnd.choices(WORDS, k=3)).capitalize()
            batch.append(
                {
                    "id": i + 1,
                    "kommune_id": big_id,
                    "kind": rnd.choice(["offer", "request"]),
                    "exchange_id": ex_id,
                    "category_id": cat_id,
                    "title": title,
                    "body": words,
                    # Bulk inserts bypass the ORM's flush hook that writes the words.
                    "search_text": search_words(title, words),
                    "area_id": area_id,
                    "district_id": district_id,
                    "author_id": rnd.choice(user_ids),
                    "status": "published" if rnd.random() < 0.9 else "closed",
                    "created_at": created,
                    "updated_at": created,
                    "expires_at": created + timedelta(days=60),
                    "swap_for": "",
                }
            )
            for space in rnd.sample(space_ids, rnd.randint(0, 2)):
                links.append({"social_space_id": space, "listing_id": i + 1})
            if len(batch) == 5000:
                conn.execute(insert(Listing), batch)
                batch.clear()
        if batch:
            conn.execute(insert(Listing), batch)
        if links:
            conn.execute(insert(ListingSocialSpace), links)
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT setval('listing_id_seq', (SELECT max(id) FROM listing))"))
            conn.execute(text("ANALYZE"))
        else:
            conn.execute(text("ANALYZE"))
    return {
        "kommune_id": big_id,
        "district": districts[3].id,
        "village": villages[5].id,
        "space": space_ids[4],
        "category": cats[6][1],
    }


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--postgres", default="")
    args = parser.parse_args()
    with database(args.postgres or None) as url:
        migrate(url)
        engine = make_engine(url)
        start = time.perf_counter()
        ids = populate(engine, args.listings)
        print(
            f"{engine.dialect.name}: {args.listings:,} listings loaded in "
            f"{time.perf_counter() - start:.1f} s"
        )
        statements = 0

        def count(*_: Any) -> None:
            nonlocal statements
            statements += 1

        event.listen(engine, "before_cursor_execute", count)
        cases = {
            "newest, no filter": SearchFilters(),
            "exchange + kind": SearchFilters(exchange="taschengeld", kind="request"),
            "category": SearchFilters(category=ids["category"]),
            "district (+villages)": SearchFilters(area=ids["district"]),
            "village": SearchFilters(area=ids["village"]),
            "social space": SearchFilters(space=ids["space"]),
            "text 'rasen'": SearchFilters(q="rasen"),
            "text + district": SearchFilters(q="hund", area=ids["district"]),
            "all filters": SearchFilters(
                exchange="zeitspende",
                kind="offer",
                area=ids["district"],
                space=ids["space"],
                q="besuch",
            ),
            "sorted by expiry": SearchFilters(sort="expiry"),
            "page 50": SearchFilters(page=50),
        }
        print(f"{'search':<22} {'p50 ms':>8} {'p95 ms':>8} {'rows':>8} {'stmts':>6}")
        with Session(engine) as db:
            for name, filters in cases.items():
                statements = 0
                result = search_public(db, ids["kommune_id"], filters)
                per_call = statements
                p50, p95 = timed(
                    lambda f=filters: search_public(db, ids["kommune_id"], f), args.runs
                )
                print(f"{name:<22} {p50:>8.2f} {p95:>8.2f} {result.total:>8} {per_call:>6}")
            assert db.exec(select(Kommune)).first() is not None
        engine.dispose()


if __name__ == "__main__":
    main()
