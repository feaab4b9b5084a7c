"""Benchmark of the public read API /api/v1 in process (not a test).

Loads the same throw-away database as `search_bench.py` (one big Kommune of N listings),
then asks the API's ASGI app (without the Reflex app around it) for listing pages with
typical filters, one listing and the Kommune, and prints p50/p95 in milliseconds and the
answer's size. The throttle is emptied before each case (it would refuse after 120 calls
a minute from one address).

    python bench/api_bench.py                      # SQLite in a temp dir
    python bench/api_bench.py --postgres postgresql+psycopg://postgres@127.0.0.1/postgres
"""

from __future__ import annotations

import argparse
import os
import time

from search_bench import database, populate, timed
from starlette.responses import PlainTextResponse
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from dasnez_core.cli import migrate
from dasnez_core.db import make_engine
from dasnez_core.throttle import throttle


async def _no_app(scope: Scope, receive: Receive, send: Send) -> None:
    await PlainTextResponse("not the API", status_code=404)(scope, receive, send)


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
        engine.dispose()
        print(
            f"{engine.dialect.name}: {args.listings:,} listings loaded in "
            f"{time.perf_counter() - start:.1f} s"
        )
        os.environ["DASNEZ_DATABASE_URL"] = url
        from dasnez_app.api_v1 import PublicApi

        client = TestClient(PublicApi(_no_app))
        listings = "/api/v1/kommunen/k0/listings"
        first = client.get(listings).json()["items"][0]["id"]
        cases = {
            "kommune": "/api/v1/kommunen/k0",
            "listings, no filter": listings,
            "listings, district": f"{listings}?ort={ids['district']}",
            "listings, text": f"{listings}?q=rasen",
            "listings, all filters": (
                f"{listings}?boerse=zeitspende&art=offer&ort={ids['district']}"
                f"&sozialraum={ids['space']}&q=besuch"
            ),
            "listings, page 50": f"{listings}?seite=50",
            "one listing": f"{listings}/{first}",
            "bad input (400)": f"{listings}?seite=abc",
        }
        print(f"{'request':<24} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>8} {'status':>6}")
        for name, path in cases.items():
            throttle().clear_all()
            answer = client.get(path)
            p50, p95 = timed(lambda p=path: client.get(p), min(args.runs, 100))
            print(
                f"{name:<24} {p50:>8.2f} {p95:>8.2f} {len(answer.content):>8} "
                f"{answer.status_code:>6}"
            )


if __name__ == "__main__":
    main()
