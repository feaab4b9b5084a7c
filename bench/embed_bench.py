"""Benchmark of the embed `/embed/k/<slug>` (issue 14; not a test).

Fills a throw-away database as bench/search_bench.py does (one big Kommune of N listings),
then requests the embed through the public app's ASGI wrapper (`dasnez_app.reach_http`,
the code that answers in production, without Reflex behind it and without a network hop)
and prints the embed's size, p50/p95 cold (cache dropped before each request: a listing
changed every time) and warm (the 30-second cache), and requests per second with several
requests in flight.

    python bench/embed_bench.py                          # SQLite, 100,000 listings
    python bench/embed_bench.py --listings 1000000
    python bench/embed_bench.py --postgres postgresql+psycopg://postgres@127.0.0.1/postgres
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time

import httpx

from bench.search_bench import database, populate
from dasnez_core.cli import migrate
from dasnez_core.db import make_engine


def _percentiles(samples: list[float]) -> tuple[float, float]:
    samples.sort()
    return statistics.median(samples), samples[max(int(len(samples) * 0.95) - 1, 0)]


async def _run(runs: int, concurrency: int, paths: list[str]) -> None:
    from dasnez_app import reach_http

    app = reach_http.ReachRoutes(_nothing)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        first = await client.get(paths[0])
        assert first.status_code == 200, first.text
        print(f"embed size: {len(first.content):,} bytes ({paths[0]})")

        async def timed(path: str, cold: bool) -> float:
            if cold:
                reach_http._cache.clear()
            start = time.perf_counter()
            answer = await client.get(path)
            elapsed = (time.perf_counter() - start) * 1000
            assert answer.status_code == 200
            return elapsed

        print(f"{'case':<34} {'p50 ms':>8} {'p95 ms':>8}")
        for path in paths:
            cold = [await timed(path, True) for _ in range(runs)]
            warm = [await timed(path, False) for _ in range(runs)]
            for label, samples in (("cold", cold), ("warm", warm)):
                p50, p95 = _percentiles(samples)
                print(f"{label + ' ' + path[-28:]:<34} {p50:8.2f} {p95:8.2f}")

        for cold in (False, True):
            total = runs * 4
            queue = [paths[i % len(paths)] for i in range(total)]

            async def worker(cold: bool = cold, queue: list[str] = queue) -> None:
                while queue:
                    await timed(queue.pop(), cold)

            start = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            seconds = time.perf_counter() - start
            label = "cold" if cold else "warm"
            print(f"{label}: {total / seconds:,.0f} requests/s ({concurrency} in flight)")


async def _nothing(scope: object, receive: object, send: object) -> None:
    raise AssertionError("only embed paths are benchmarked")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=8)
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
        engine.dispose()
        os.environ["DASNEZ_DATABASE_URL"] = url
        paths = [
            "/embed/k/k0",
            f"/embed/k/k0?ort={ids['district']}",
            f"/embed/k/k0?sozialraum={ids['space']}&art=offer",
            "/embed/k/k0?boerse=taschengeld&art=request",
        ]
        asyncio.run(_run(args.runs, args.concurrency, paths))


if __name__ == "__main__":
    main()
