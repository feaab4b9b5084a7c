"""Whether the event loop stayed free while a handler waited."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


@asynccontextmanager
async def loop_ticks() -> AsyncIterator[list[int]]:
    """Counts (in the list's one item) how often a 10 ms sleeper on the loop woke up inside
    the block: about 100 a second while the loop is free, 0 while something blocks it."""
    ticks = [0]

    async def tick() -> None:
        while True:
            await asyncio.sleep(0.01)
            ticks[0] += 1

    ticker = asyncio.create_task(tick())
    try:
        yield ticks
    finally:
        ticker.cancel()
