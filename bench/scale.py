"""Platform-scale benchmark: N listings over K Kommunen, search and dashboard against raw SQL.

`fill` builds a database the size of a Land (PostgreSQL through COPY, SQLite through batched
executemany): Kommunen of skewed sizes (the largest about 8 % of all listings), districts and
villages, social spaces, people, German listings linked to 0–2 social spaces, agreements and
ratings. `run` then times every search shape and dashboard filter through the services (as a
page calls them: one session per call, commit at the end; the browse page's searches in a
read scope without a transaction, as the page runs them) and replays the very statements each
call issued through a raw driver cursor (autocommit, no ORM) — the floor of the same SQL — and
prints p50/p95 in milliseconds, the ratio of the p95s and the statements per call.

    # PostgreSQL, 1,000,000 listings over 400 Kommunen (fill takes a few minutes):
    nice python bench/scale.py fill --url postgresql+psycopg://postgres@127.0.0.1/dasnez_scale \\
        --create --listings 1000000 --kommunen 400
    nice python bench/scale.py run --url postgresql+psycopg://postgres@127.0.0.1/dasnez_scale
    # SQLite:
    nice python bench/scale.py fill --url sqlite:////tmp/dasnez_scale.db --listings 1000000
    nice python bench/scale.py run --url sqlite:////tmp/dasnez_scale.db

`fill` migrates the database to the head of the code it runs with; to compare two versions of
the code, fill with the older one, `run` it, upgrade (`alembic upgrade head` with
DASNEZ_DATABASE_URL set) and `run` the newer one. Not a test: nothing here gates CI.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import sqlite3
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

# `bench.load` (the load's views) imports from here without PYTHONPATH set.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZE_SKEW = 0.8  # Kommune i (from 1) holds a share proportional to i ** -SIZE_SKEW
TASKS = (
    ("Rasen mähen", "Garten"),
    ("Hecke schneiden", "Garten"),
    ("Laub rechen im Herbst", "Garten"),
    ("Blumen gießen während des Urlaubs", "Garten"),
    ("Wocheneinkauf erledigen", "Einkaufen"),
    ("Einkaufen auf dem Markt", "Einkaufen"),
    ("Hund ausführen", "Haustiere"),
    ("Katze füttern", "Haustiere"),
    ("Hilfe am Computer", "Computerhilfe"),
    ("Handy einrichten", "Computerhilfe"),
    ("Besuch bei Seniorin", "Besuche und Gespräche"),
    ("Gespräche und Spaziergang", "Besuche und Gespräche"),
    ("Begleitung zum Arzt", "Begleitung"),
    ("Begleitung zur Behörde", "Begleitung"),
    ("Vorlesen für Kinder", "Vorlesen"),
    ("Vorlesen im Seniorenheim", "Vorlesen"),
    ("Bohrmaschine zu verleihen", "Werkzeug"),
    ("Leiter gesucht", "Werkzeug"),
    ("Kinderkleidung Größe 116", "Kinderkleidung"),
    ("Winterjacke für Kinder", "Kinderkleidung"),
    ("Krimis und Romane", "Bücher"),
    ("Schulbücher Mathe", "Bücher"),
    ("Fahrt zum Krankenhaus", "Fahrdienste"),
    ("Mitfahrt zum Einkaufen", "Fahrdienste"),
    ("Regal aufbauen", "Handwerk"),
    ("Fahrrad reparieren", "Handwerk"),
    ("Hilfe beim Umzug, Kisten tragen", "Alltagshilfe"),
    ("Schnee räumen", "Alltagshilfe"),
    ("Fenster putzen", "Alltagshilfe"),
    ("Nachhilfe in Mathe und Deutsch", "Alltagshilfe"),
)
SENTENCES = (
    "Ich helfe gern, am liebsten am Wochenende.",
    "Bitte melden Sie sich über die Nachricht.",
    "Wir wohnen direkt am Dorfplatz.",
    "Der Rasen ist etwa 200 Quadratmeter groß.",
    "Meine Mutter braucht Unterstützung im Alltag.",
    "Werkzeug bringe ich selbst mit.",
    "Gern auch regelmäßig, jede Woche.",
    "Ich bin Schülerin und suche ein Taschengeld.",
    "Nach Feierabend habe ich Zeit.",
    "Kaffee und Kuchen gibt es als Dankeschön.",
    "Der Garten ist leider etwas verwildert.",
    "Ein Auto ist vorhanden.",
    "Ich spreche auch Englisch und Türkisch.",
    "Unser Hund ist freundlich und gut erzogen.",
    "Die Kinder freuen sich auf Geschichten.",
)
PLACE_PARTS = (
    ("Bad ", "Neu", "Alt", "Ober", "Nieder", "Groß", "Klein", "Hohen", "Rhein", "Wester"),
    ("berg", "hausen", "dorf", "heim", "feld", "brück", "kirchen", "stadt", "hagen", "lohe"),
)
SPACE_KINDS = (
    ("parish", "Pfarrei St. {}"),
    ("kindergarten", "Kita {}"),
    ("school", "Grundschule {}"),
    ("club", "Sportverein {}"),
    ("care_home", "Seniorenheim {}"),
    ("other", "Familienzentrum {}"),
)
SAINTS = ("Johannes", "Marien", "Josef", "Nikolaus", "Anna", "Laurentius", "Martin", "Peter")
LISTING_STATUSES = (
    ("published", 76),
    ("closed", 9),
    ("expired", 5),
    ("draft", 3),
    ("pending", 2),
    ("removed", 2),
    ("suspended", 1),
    ("deleted", 2),
)


# --- fill --------------------------------------------------------------------------------------


@dataclass
class Rows:
    """Generated rows per table, as dicts of column values."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.tables.setdefault(table, []).append(row)


def _sizes(total: int, count: int) -> list[int]:
    weights = [(i + 1) ** -SIZE_SKEW for i in range(count)]
    scale = total / sum(weights)
    sizes = [max(1, round(w * scale)) for w in weights]
    sizes[0] += total - sum(sizes)
    return sizes


def _place(rnd: random.Random, used: set[str]) -> str:
    while True:
        name = rnd.choice(PLACE_PARTS[0]) + rnd.choice(PLACE_PARTS[1])
        if name not in used or len(used) > 80:
            used.add(name)
            return name


def generate(listings: int, kommunen: int, people: int, seed: int) -> Rows:
    """Every row of the benchmark database, deterministic for a seed."""
    from dasnez_core.folding import fold, search_words
    from dasnez_core.seed import CATEGORIES, CATEGORY_NAMES_EN

    rnd = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    rows = Rows()
    ids = dict.fromkeys(
        ("area", "space", "exchange", "category", "user", "listing", "agreement", "rating"), 0
    )

    def next_id(table: str) -> int:
        ids[table] += 1
        return ids[table]

    words_of: dict[tuple[int, int], str] = {}
    bodies = [" ".join(rnd.sample(SENTENCES, 3)) for _ in range(200)]
    listing_sizes = _sizes(listings, kommunen)
    people_sizes = [max(20, n * people // listings) for n in listing_sizes]
    for k in range(kommunen):
        kid = k + 1
        n_listings, n_people = listing_sizes[k], people_sizes[k]
        name = f"{_place(rnd, set())} {kid}"
        created = now - timedelta(days=800)
        rows.add(
            "kommune",
            {
                "id": kid,
                "slug": f"kommune-{kid}",
                "name": name,
                "name_folded": fold(name),
                "contact_email": f"kontakt@kommune-{kid}.example",
                "created_at": created,
                "live_since": created,
                # About ten Kommunen a Kreis, as in NRW (31 Kreise, 396 Kommunen).
                "kreis": f"Kreis {1 + (kid - 1) // 10}",
            },
        )
        # Exchanges and categories (the demo's, in German and English).
        categories: list[tuple[int, int, str]] = []
        exchange_of: dict[str, int] = {}
        for ex_type, names in CATEGORIES.items():
            ex_id = next_id("exchange")
            exchange_of[ex_type.value] = ex_id
            rows.add(
                "exchange", {"id": ex_id, "kommune_id": kid, "type": ex_type.value, "enabled": True}
            )
            for cat_name in names:
                cid = next_id("category")
                categories.append((cid, ex_id, cat_name))
                rows.add(
                    "category",
                    {
                        "id": cid,
                        "kommune_id": kid,
                        "exchange_id": ex_id,
                        "name": cat_name,
                        "name_en": CATEGORY_NAMES_EN.get(cat_name, ""),
                        "active": True,
                    },
                )
        category_by_name = {name: (cid, ex_id) for cid, ex_id, name in categories}
        # Districts with villages: a bigger Kommune has more of both.
        n_districts = min(20, 3 + n_listings // 5000)
        places: list[tuple[int, int]] = []  # (area, district)
        used: set[str] = set()
        district_ids: list[int] = []
        for _ in range(n_districts):
            did = next_id("area")
            district_ids.append(did)
            rows.add(
                "area",
                {
                    "id": did,
                    "kommune_id": kid,
                    "parent_id": None,
                    "kind": "district",
                    "name": _place(rnd, used),
                },
            )
            places.append((did, did))
            for v in range(rnd.randint(0, 2 + min(3, n_listings // 20000))):
                vid = next_id("area")
                rows.add(
                    "area",
                    {
                        "id": vid,
                        "kommune_id": kid,
                        "parent_id": did,
                        "kind": "village",
                        "name": f"{_place(rnd, used)} {v + 1}",
                    },
                )
                places.append((vid, did))
        area_weights = [rnd.paretovariate(1.5) for _ in places]
        n_spaces = min(40, 2 + n_listings // 2500)
        space_ids = []
        for s in range(n_spaces):
            sid = next_id("space")
            space_ids.append(sid)
            kind, pattern = SPACE_KINDS[s % len(SPACE_KINDS)]
            rows.add(
                "socialspace",
                {
                    "id": sid,
                    "kommune_id": kid,
                    "kind": kind,
                    "name": pattern.format(f"{rnd.choice(SAINTS)} {s + 1}"),
                    "area_id": rnd.choice(district_ids),
                },
            )
        space_weights = [rnd.paretovariate(1.2) for _ in space_ids]
        # People: most approved, some waiting, a few blocked.
        approved: list[int] = []
        for _ in range(n_people):
            uid = next_id("user")
            status = rnd.choices(("approved", "pending", "blocked"), (90, 7, 3))[0]
            if status == "approved":
                approved.append(uid)
            joined = now - timedelta(days=rnd.uniform(0, 730))
            rows.add(
                "user",
                {
                    "id": uid,
                    "email": f"u{uid}@scale.example",
                    "password_hash": "x",
                    "display_name": f"Person {uid}",
                    "kommune_id": kid,
                    "area_id": rnd.choices(places, area_weights)[0][0],
                    "status": status,
                    "handle": f"h{uid:x}",
                    "created_at": joined,
                    "approved_at": joined if status != "pending" else None,
                },
            )
        # Listings: newer ones more often, skewed over areas and categories.
        statuses = [s for s, _ in LISTING_STATUSES]
        status_weights = [w for _, w in LISTING_STATUSES]
        for _ in range(n_listings):
            lid = next_id("listing")
            task = rnd.randrange(len(TASKS))
            title, cat_name = TASKS[task]
            cid, ex_id = category_by_name[cat_name]
            body = rnd.randrange(len(bodies))
            if (task, body) not in words_of:
                words_of[task, body] = search_words(title, bodies[body])
            area, district = rnd.choices(places, area_weights)[0]
            if rnd.random() < 0.03:
                area = district = None  # type: ignore[assignment]
            created = now - timedelta(days=min(730.0, rnd.expovariate(1 / 120)))
            status = rnd.choices(statuses, status_weights)[0]
            # Running listings end within 60 days; some published ones ran out already.
            expires = now + timedelta(days=rnd.uniform(-5 if rnd.random() < 0.05 else 0.1, 60))
            if status != "published":
                expires = created + timedelta(days=60)
            rows.add(
                "listing",
                {
                    "id": lid,
                    "kommune_id": kid,
                    "kind": "offer" if rnd.random() < 0.55 else "request",
                    "exchange_id": ex_id,
                    "category_id": cid,
                    "title": title,
                    "body": bodies[body],
                    "area_id": area,
                    "district_id": district,
                    "author_id": rnd.choice(approved),
                    "status": status,
                    "created_at": created,
                    "updated_at": created,
                    "expires_at": expires,
                    "search_text": words_of[task, body],
                },
            )
            for sid in set(rnd.choices(space_ids, space_weights, k=rnd.choice((0, 0, 1, 1, 2)))):
                rows.add(
                    "listing_social_space",
                    {
                        "social_space_id": sid,
                        "listing_id": lid,
                        "kommune_id": kid,
                        "listing_created_at": created,
                    },
                )
            if status in ("published", "closed", "expired") and rnd.random() < 0.08:
                aid = next_id("agreement")
                done = rnd.random() < 0.8
                agreed = created + timedelta(days=rnd.uniform(0, 10))
                helper = rnd.choice(approved)
                rows.add(
                    "agreement",
                    {
                        "id": aid,
                        "kommune_id": kid,
                        "listing_id": lid,
                        "helper_id": helper,
                        "seeker_id": rows.tables["listing"][-1]["author_id"],
                        "hours": round(rnd.uniform(0.5, 4), 1),
                        "amount_cents": rnd.choice((None, 500, 1000, 1500)),
                        "helper_done_at": agreed if done else None,
                        "seeker_done_at": agreed if done else None,
                        "created_at": agreed,
                    },
                )
                if done and rnd.random() < 0.6:
                    rows.add(
                        "rating",
                        {
                            "id": next_id("rating"),
                            "kommune_id": kid,
                            "agreement_id": aid,
                            "rater_id": rows.tables["listing"][-1]["author_id"],
                            "ratee_id": helper,
                            "stars": rnd.choices((5, 4, 3, 2, 1), (60, 25, 9, 4, 2))[0],
                            "comment": "Sehr zuverlässig, gern wieder!",
                            "created_at": agreed + timedelta(days=1),
                        },
                    )
    return rows


def _full_rows(table: str, given: list[dict[str, Any]]) -> tuple[list[str], Iterator[tuple]]:
    """Column names and value tuples; columns not given take the model's scalar default."""
    columns = SQLModel.metadata.tables[table].columns
    names = [c.name for c in columns]
    defaults: dict[str, Any] = {}
    for column in columns:
        default = column.default
        arg = getattr(default, "arg", None)
        defaults[column.name] = None if default is None or callable(arg) else arg
    return names, (tuple(row.get(n, defaults[n]) for n in names) for row in given)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return (
            value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        )
    return value


ORDER = (
    "kommune",
    "exchange",
    "category",
    "area",
    "socialspace",
    "user",
    "listing",
    "listing_social_space",
    "agreement",
    "rating",
)


def fill(url: str, rows: Rows) -> None:
    """Write the rows: COPY on PostgreSQL, executemany batches on SQLite."""
    if url.startswith("postgresql"):
        import psycopg

        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(dsn) as conn:
            with conn.cursor() as cur:
                for table in ORDER:
                    names, values = _full_rows(table, rows.tables.get(table, []))
                    quoted = ", ".join(f'"{n}"' for n in names)
                    with cur.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                        for value in values:
                            copy.write_row(value)
                    if "id" in names:
                        cur.execute(
                            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'),"
                            f' (SELECT max(id) FROM "{table}"))'
                        )
            conn.commit()
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE")
        return
    conn = sqlite3.connect(make_url(url).database or "")
    conn.execute("PRAGMA synchronous=OFF")
    with conn:
        for table in ORDER:
            names, values = _full_rows(table, rows.tables.get(table, []))
            marks = ", ".join("?" for _ in names)
            quoted = ", ".join(f'"{n}"' for n in names)
            batch: list[tuple] = []
            for value in values:
                batch.append(tuple(_sqlite_value(v) for v in value))
                if len(batch) == 20_000:
                    conn.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', batch)
                    batch.clear()
            if batch:
                conn.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', batch)
    conn.execute("ANALYZE")
    conn.close()


def _create_database(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        path = parsed.database or ""
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        return
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def cmd_fill(args: argparse.Namespace) -> None:
    import dasnez_core.models  # noqa: F401  (the tables on SQLModel.metadata)
    from dasnez_core.cli import migrate

    if args.create:
        _create_database(args.url)
    migrate(args.url)
    start = time.perf_counter()
    rows = generate(args.listings, args.kommunen, args.people, args.seed)
    generated = time.perf_counter() - start
    fill(args.url, rows)
    counts = ", ".join(f"{t} {len(r):,}" for t, r in rows.tables.items())
    written = time.perf_counter() - start - generated
    print(f"generated in {generated:.0f} s, written in {written:.0f} s")
    print(counts)


# --- run ---------------------------------------------------------------------------------------


@dataclass
class Case:
    group: str
    name: str
    # Called with a session; returns what the page would get.
    call: Callable[[Any], object]
    # Run as its page runs it: in a read scope (no transaction), else in a transaction.
    reads: bool = False


@dataclass
class Result:
    service: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    # CPU time of this process per service call (on SQLite the database's work is in it).
    cpu: list[float] = field(default_factory=list)
    statements: int = 0


def _p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


class Raw:
    """The same statements through the bare driver: autocommit, no ORM, no pool."""

    def __init__(self, url: str) -> None:
        if url.startswith("postgresql"):
            import psycopg

            from dasnez_core.db import PG_OPTIONS

            dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
            self.conn: Any = psycopg.connect(
                dsn,
                autocommit=True,
                prepare_threshold=None,
                options=PG_OPTIONS,  # the app's session settings
            )
        else:
            self.conn = sqlite3.connect(make_url(url).database or "", isolation_level=None)

    def replay(self, statements: list[tuple[str, Any]]) -> None:
        cur = self.conn.cursor()
        for statement, parameters in statements:
            if statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
                continue  # the service's nested transactions: nothing to replay in autocommit
            if (
                isinstance(parameters, list)
                and parameters
                and isinstance(parameters[0], tuple | dict)
            ):
                cur.executemany(statement, parameters)  # a bulk insert (closed months kept)
                continue
            cur.execute(statement, parameters)
            if cur.description is not None:
                cur.fetchall()
        cur.close()


def _load_views(db: Any, kommune_id: int, rnd: random.Random, tabs: int = 300) -> list[Any]:
    """The filters that bench/load.py's tabs show, a few of their filter changes on (its
    own choice of events): its mix of shapes, one search after another, without the noise
    of 1,000 tabs on two cores."""
    from bench.load import browse_scenario
    from dasnez_app.routes import parse_search
    from dasnez_core.services.masterdata_cache import master

    data = master(db, kommune_id)
    known: dict[str, Any] = {
        "boerse": list(data.exchange_id_by_type),
        "kategorie": [str(i) for i in data.category_by_id],
        "ort": [str(i) for i in data.area_by_id],
        "sozialraum": [str(i) for i in data.space_by_id],
    }
    scenario = browse_scenario(data.kommune.slug)
    views = []
    for tab in range(tabs):
        tab_rnd, params = random.Random(tab), {}
        for change in range(10):
            _handler, payload = scenario.next_event(known, tab_rnd)
            if "form" in payload:
                params["q"] = payload["form"]["q"]
            else:
                params[payload["param"]] = payload["value"]
            if change >= 3:
                views.append(parse_search(dict(params)))
    rnd.shuffle(views)
    return views


def _cases(db: Any, kommunen: int, rnd: random.Random) -> list[Case]:
    """Search shapes and dashboard filters on the largest Kommunen (random values, fixed seed)."""
    from sqlalchemy import func, select

    from dasnez_core.actor import Actor
    from dasnez_core.models import Area, Category, Kommune, Listing, SocialSpace
    from dasnez_core.services.dashboard import DashboardFilters, dashboard
    from dasnez_core.services.kommunen_list import KommunenFilters, list_managed_kommunen
    from dasnez_core.services.platform_charts import ChartFilters, platform_charts
    from dasnez_core.services.search import SearchFilters, search_public

    biggest = db.execute(
        select(Listing.kommune_id, func.count())
        .group_by(Listing.kommune_id)
        .order_by(func.count().desc())
        .limit(1)
    ).first()[0]

    def ids(model: Any, *where: Any) -> list[int]:
        return list(
            db.execute(select(model.id).where(model.kommune_id == biggest, *where)).scalars()
        )

    districts = ids(Area, Area.parent_id.is_(None))
    villages = ids(Area, Area.parent_id.is_not(None))
    categories = ids(Category)
    # "all filters" asks for a category of the exchange it filters by: a category of another
    # exchange finds nothing without a statement (search_public).
    from dasnez_core.models import Exchange

    taschengeld_categories = list(
        db.execute(
            select(Category.id)
            .join(Exchange, Exchange.id == Category.exchange_id)
            .where(Category.kommune_id == biggest, Exchange.type == "taschengeld")
        ).scalars()
    )
    spaces = ids(SocialSpace)

    def search(make: Callable[[], Any]) -> Callable[[Any], object]:
        return lambda s: search_public(s, biggest, make())

    shapes: dict[str, Callable[[], Any]] = {
        "Kommune newest": SearchFilters,
        "category": lambda: SearchFilters(category=rnd.choice(categories)),
        "district": lambda: SearchFilters(area=rnd.choice(districts)),
        "village": lambda: SearchFilters(area=rnd.choice(villages)),
        "social space": lambda: SearchFilters(space=rnd.choice(spaces)),
        "space and category": lambda: SearchFilters(
            space=rnd.choice(spaces), category=rnd.choice(categories)
        ),
        "space and village": lambda: SearchFilters(
            space=rnd.choice(spaces), area=rnd.choice(villages)
        ),
        'text "rasen"': lambda: SearchFilters(q="rasen"),
        'text "hund" and exchange': lambda: SearchFilters(q="hund", exchange="nachbarschaft"),
        "all filters": lambda: SearchFilters(
            exchange="taschengeld",
            kind="offer",
            category=rnd.choice(taschengeld_categories),
            area=rnd.choice(districts),
            q="garten",
        ),
        "page 50": lambda: SearchFilters(page=50),
    }
    cases = [Case("search", name, search(make), reads=True) for name, make in shapes.items()]
    views = _load_views(db, biggest, rnd)
    cases.append(
        Case(
            "search",
            "load.py's views",
            lambda s: search_public(s, biggest, rnd.choice(views), prefix_last=True),
            reads=True,
        )
    )
    admin = Actor(
        user_id=1,
        kommune_id=biggest,
        status="approved",
        roles=frozenset({"kommune_admin"}),
        admin_of=frozenset({biggest}),
    )
    today = date.today()
    filters = {
        "no filter": lambda: DashboardFilters(),
        "district": lambda: DashboardFilters(district=rnd.choice(districts)),
        "exchange": lambda: DashboardFilters(exchange="zeitspende"),
        "last 90 days": lambda: DashboardFilters(date_from=today - timedelta(days=90)),
    }
    for name, make in filters.items():
        cases.append(Case("dashboard", name, lambda s, m=make: dashboard(s, admin, biggest, m())))
    staff = Actor(user_id=1, status="approved", roles=frozenset({"platform_admin"}))
    # The Kommunen list (/kommunen): 25 a page with their figures, the largest Kommune's page,
    # a search by name and the last page.
    biggest_name = db.execute(select(Kommune.name).where(Kommune.id == biggest)).scalar() or ""
    lists = {
        f"{kommunen} Kommunen, page 1": lambda: KommunenFilters(),
        "Kommunen, search largest": lambda: KommunenFilters(q=biggest_name[:6]),
        "Kommunen, last page": lambda: KommunenFilters(page=max(1, (kommunen + 24) // 25)),
    }
    for name, make in lists.items():
        cases.append(Case("platform", name, lambda s, m=make: list_managed_kommunen(s, staff, m())))
    # Statistics across Kommunen (/statistik): six grouped aggregates per view.
    kreis = db.execute(select(Kommune.kreis).where(Kommune.kreis != "").limit(1)).scalar() or ""
    charts = {
        "charts 12 months": lambda: ChartFilters(),
        "charts one Kreis": lambda: ChartFilters(kreis=kreis),
        "charts 90 days": lambda: ChartFilters(date_from=today - timedelta(days=90)),
        "charts 5 years": lambda: ChartFilters(date_from=today - timedelta(days=4 * 365)),
    }
    for name, make in charts.items():
        cases.append(Case("platform", name, lambda s, m=make: platform_charts(s, staff, m())))
    return cases


def _record_statements(
    engine: Any, into: list[tuple[str, Any]]
) -> Callable[[], AbstractContextManager[None]]:
    """A switch that records the statements the engine sends while it is on.

    PostgreSQL: a cursor class on the driver's connections, at the cost of one list append.
    An engine listener (`before_cursor_execute`) would put every statement on SQLAlchemy's
    event path, about 0.15-0.3 ms a search, and charge that to the service's time.
    SQLite has no cursor class to set: there the listener records, while switched on.
    """
    if engine.dialect.name == "postgresql":
        import psycopg

        # The recording thread's id (0: off); the worker's background check of the master
        # data runs in another thread and is not the service call's.
        on = [0]

        class Recording(psycopg.Cursor):  # type: ignore[type-arg]
            def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
                if on[0] == threading.get_ident():
                    into.append((query, params))
                return super().execute(query, params, **kwargs)

            def executemany(self, query: Any, params_seq: Any, **kwargs: Any) -> Any:
                if on[0] == threading.get_ident():
                    params_seq = list(params_seq)
                    into.append((query, params_seq))
                return super().executemany(query, params_seq, **kwargs)

        @event.listens_for(engine, "connect")
        def _recording_cursor(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.cursor_factory = Recording

        engine.dispose()  # the connections opened so far lack the cursor class

        @contextmanager
        def switch() -> Iterator[None]:
            on[0] = threading.get_ident()
            try:
                yield
            finally:
                on[0] = 0

        return switch

    recording = threading.get_ident()

    def capture(_c: Any, _cur: Any, statement: str, parameters: Any, *_: Any) -> None:
        if threading.get_ident() == recording:
            into.append((statement, parameters))

    @contextmanager
    def listening() -> Iterator[None]:
        event.listen(engine, "before_cursor_execute", capture)
        try:
            yield
        finally:
            event.remove(engine, "before_cursor_execute", capture)

    return listening


def _check_master_data_in_background() -> None:
    """Run the app workers' background check of the cached master data
    (dasnez_ui.masterdata_refresh) in a thread with its own event loop: the timed calls
    find their Kommune's copy checked, as a worker's requests do."""
    from dasnez_ui.masterdata_refresh import check_master_data

    threading.Thread(
        target=asyncio.run, args=(check_master_data(),), name="master-data-check", daemon=True
    ).start()


def cmd_run(args: argparse.Namespace) -> None:
    os.environ["DASNEZ_DATABASE_URL"] = args.url
    from dasnez_core.db import get_engine, read_scope, session_scope
    from dasnez_ui.interpreter import tune_interpreter

    tune_interpreter()  # the collector and switch interval of the app processes
    _check_master_data_in_background()  # as each app worker does (a lifespan task)

    engine = get_engine()
    rnd = random.Random(11)  # the cases' random filter values
    with session_scope() as db:
        from sqlalchemy import func, select

        from dasnez_core.models import Kommune

        kommunen = db.execute(select(func.count()).select_from(Kommune)).scalar_one()
        cases = [
            c
            for c in _cases(db, kommunen, rnd)
            if args.only.lower() in f"{c.group}, {c.name}".lower()
        ]
    raw = Raw(args.url)
    captured: list[tuple[str, Any]] = []
    recording = _record_statements(engine, captured)

    results = {(c.group, c.name): Result() for c in cases}
    for round_ in range(args.warmup + args.rounds):
        for case in cases:
            # The service call, timed, records its statements; the same statements are then
            # replayed raw (a first call that keeps closed months inserts them once: the
            # warm-up rounds take that, so the timed rounds replay the steady state).
            if args.warm:
                # The same values once untimed first: the timed call then finds the pages
                # in PostgreSQL's buffers as warm as the raw replay after it does.
                state = rnd.getstate()
                with (read_scope if case.reads else session_scope)() as db:
                    case.call(db)
                rnd.setstate(state)
            captured.clear()
            with recording():
                start, cpu_start = time.perf_counter(), time.process_time()
                with (read_scope if case.reads else session_scope)() as db:
                    case.call(db)
                service, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            # The service's switch to a generic plan rides in the statement's round trip.
            statements = [s for s in captured if "'plan_cache_mode'" not in s[0]]
            result = results[case.group, case.name]
            result.statements = len(statements)
            start = time.perf_counter()
            try:
                raw.replay(statements)
            except Exception as exc:  # a write the service made just before: not a steady state
                if round_ >= args.warmup:
                    raise
                print(f"warm-up {case.name}: raw replay skipped ({type(exc).__name__})")
            raw_ms = time.perf_counter() - start
            if round_ >= args.warmup:
                result.service.append(service * 1000)
                result.raw.append(raw_ms * 1000)
                result.cpu.append(cpu * 1000)
    warm = ", each call warmed by an untimed one with the same values" if args.warm else ""
    print(f"{engine.dialect.name}, {kommunen} Kommunen, {args.rounds} rounds{warm}")
    print(
        f"| {'measure':<28} | {'service p50/p95 ms':>18} | {'raw p50/p95 ms':>15} "
        f"| {'p95 ratio':>9} | stmts | app CPU p50 ms |"
    )
    print(f"|{'-' * 30}|{'-' * 20}|{'-' * 17}|{'-' * 11}|-------|----------------|")
    for (group, name), r in results.items():
        s50, s95 = statistics.median(r.service), _p(r.service, 0.95)
        r50, r95 = statistics.median(r.raw), _p(r.raw, 0.95)
        print(
            f"| {group + ', ' + name:<28} | {s50:>8.1f}/{s95:<9.1f} | {r50:>6.1f}/{r95:<8.1f} "
            f"| {s95 / r95:>9.2f} | {r.statements:>5} | {statistics.median(r.cpu):>14.2f} |"
        )


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    fill_p = sub.add_parser("fill", help="create and fill the benchmark database")
    fill_p.add_argument("--url", required=True)
    fill_p.add_argument("--create", action="store_true", help="drop and create it first")
    fill_p.add_argument("--listings", type=int, default=200_000)
    fill_p.add_argument("--kommunen", type=int, default=400)
    fill_p.add_argument("--people", type=int, default=0, help="default: listings / 5")
    fill_p.add_argument("--seed", type=int, default=7)
    run_p = sub.add_parser("run", help="time the services against the raw SQL")
    run_p.add_argument("--url", required=True)
    run_p.add_argument("--rounds", type=int, default=100)
    run_p.add_argument("--warmup", type=int, default=5)
    run_p.add_argument(
        "--only", default="", help='only the measures whose name has this, e.g. "charts"'
    )
    run_p.add_argument(
        "--warm",
        action="store_true",
        help="call each case once untimed with the same values first: by default the service"
        " reads a page first and its raw replay finds it in PostgreSQL's buffers",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.command == "fill":
        args.people = args.people or args.listings // 5
        cmd_fill(args)
    else:
        cmd_run(args)


if __name__ == "__main__":
    main()
