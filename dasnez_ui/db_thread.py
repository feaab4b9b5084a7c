"""Database work of an event handler, off the event loop.

A handler that queried the database on the loop stopped every other tab served by its
worker until the database answered (issue 15: 300 live clients already queued for seconds).
Handlers that read or write the database are `async` and await `in_db_thread`: the loop
serves other events meanwhile. Every other (synchronous) handler of the apps runs on the
same pool as a whole (`run_handlers_off_loop`): resolving the caller's session, an admin's
dashboard or a form's save no longer stop the tabs of everyone else on the worker.

The pool is bounded, within the engine's connection pool (dasnez_core.db.POOL_SIZE), so a
burst queues here instead of waiting for a connection inside a thread. Eight threads, not
four: on a busy two-core machine a database visit waits on the database most of its time,
and four threads queued 300 live tabs' filter changes (bench/load.py: event p50 865 ms
with four, 154 ms with eight).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import dataclasses
import functools
import inspect
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import FunctionType
from typing import Any, TypeVar

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


async def on_pool(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a synchronous part of an `async` handler on the pool (resolving the caller, a
    service call, checking an image): like a synchronous handler (`run_handlers_off_loop`)
    it runs under the tab's state lock, in a copy of the loop's context, and may read and
    write the handler's state."""
    bound = functools.partial(contextvars.copy_context().run, call, *args, **kwargs)
    running = asyncio.get_running_loop().run_in_executor(_pool, bound)
    try:
        return await asyncio.shield(running)
    except asyncio.CancelledError:
        # Reflex cancels a page load still running when the tab reconnects or navigates.
        # A thread cannot be stopped: leaving now would give up the tab's state lock while
        # the thread goes on writing the state under the next event (a failed login's
        # message was wiped this way). Wait for it, as a synchronous handler on the loop
        # would have been waited for, then stop (cancelled, whatever the thread ended in).
        while not running.done():
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait((running,))
        if not running.cancelled():
            running.exception()  # seen: not logged as "never retrieved"
        raise


# The packages whose synchronous event handlers run off the loop (Reflex's own handlers,
# such as hydration and the generated setters, do no database work and stay on it).
APP_PACKAGES = ("dasnez_app", "admin_portal", "dasnez_ui")


def _off_loop(handler: Any) -> Any:
    """`handler` with its function awaited on the pool, in a copy of the loop's context."""
    fn = handler.fn

    @functools.wraps(fn)
    async def in_thread(state: Any, **payload: Any) -> Any:
        return await on_pool(fn, state, **payload)

    return dataclasses.replace(handler, fn=in_thread)


def _stays_on_loop(handler: Any, packages: tuple[str, ...]) -> bool:
    fn = handler.fn
    return (
        not isinstance(fn, FunctionType)
        or not fn.__module__.startswith(packages)
        or handler.is_background
        or inspect.iscoroutinefunction(fn)
        or inspect.isasyncgenfunction(fn)
        # A generator's body would run where it is iterated (Reflex: on the loop).
        or inspect.isgeneratorfunction(fn)
    )


def run_handlers_off_loop(packages: tuple[str, ...] = APP_PACKAGES) -> None:
    """Run the apps' synchronous event handlers on the database pool (once per process, at
    the app's import; calling it again changes nothing).

    Reflex calls a synchronous handler on the event loop, so its database work stopped
    every other tab of the worker (an admin's dashboard at 1M listings: 30-40 ms). The
    handler still runs under its tab's state lock (no other event of that tab runs
    meanwhile), so it may read and write its state as before; its return value goes back
    to Reflex on the loop. Handlers stay synchronous functions: tests call them directly.

    Reflex has no setting for this: its event processor's `process_event` is wrapped
    (tests/unit/test_handler_threads.py fails if a Reflex upgrade moves it).
    """
    from reflex_base.event.processor import base_state_processor as processor

    if getattr(processor.process_event, "_dasnez_off_loop", False):
        return
    original = processor.process_event
    moved: dict[Any, Any] = {}

    @functools.wraps(original)
    async def process_event(handler: Any, payload: dict, state: Any, root_state: Any) -> None:
        if not _stays_on_loop(handler, packages):
            handler = moved.get(handler) or moved.setdefault(handler, _off_loop(handler))
        await original(handler, payload, state, root_state)

    process_event._dasnez_off_loop = True  # type: ignore[attr-defined]
    processor.process_event = process_event
