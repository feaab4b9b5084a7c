"""Database work of an event handler, off the event loop.

A handler that queried the database on the loop stopped every other tab served by its
worker until the database answered (issue 15: 300 live clients already queued for seconds).
Handlers that read or write the database are `async` and await `in_db_thread`: the loop
serves other events meanwhile. The pool is bounded, within the engine's connection pool
(dasnez_core.db.POOL_SIZE), so a burst queues here instead of waiting for a connection
inside a thread. Eight threads, not four: on a busy two-core machine a database visit
waits on the database most of its time, and four threads queued 300 live tabs' filter
changes (bench/load.py: event p50 865 ms with four, 154 ms with eight).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlmodel import Session

from dasnez_core.config import load_settings
from dasnez_core.db import read_scope, session_scope

T = TypeVar("T")

DB_THREADS = load_settings().db_threads
_pool = ThreadPoolExecutor(DB_THREADS, thread_name_prefix="dasnez-db")


def _in_transaction(call: Callable[[Session], T]) -> T:
    with session_scope() as db:
        return call(db)


def _reading(call: Callable[[Session], T]) -> T:
    with read_scope() as db:
        return call(db)


async def in_db_thread(call: Callable[[Session], T], *, reads: bool = False) -> T:
    """Run `call(db)` in one transaction on the database pool and return its result; a
    domain error it raises is raised here.

    `reads`: `call` only reads (it may touch one row, a login's last-seen time), so it runs
    without a transaction (dasnez_core.db.read_scope): a filter change saves two round trips.

    `call` runs in another thread: it must capture plain values, never read or write the
    state (assign its result to state vars after the await)."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_pool, _reading if reads else _in_transaction, call)
