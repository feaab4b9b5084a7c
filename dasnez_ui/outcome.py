"""Running one service call from an event handler and showing its outcome: the catalog
text for success, or the domain error's message, in the state's message lines."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

import reflex as rx
from sqlmodel import Session

from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError

T = TypeVar("T")


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """What a service call came to: its result, or the error's text and catalog key."""

    ok: bool
    value: T | None = None
    error: str = ""
    key: str = ""


def attempt_check(call: Callable[[], T], translate: Callable[..., str]) -> Attempt[T]:
    """Run `call`; a DomainError becomes its message in the person's language
    (`translate(key, **params)`)."""
    try:
        value = call()
    except DomainError as exc:
        return Attempt(ok=False, error=translate(exc.key, **exc.params), key=exc.key)
    return Attempt(ok=True, value=value)


def _in_transaction(call: Callable[[Session], T]) -> T:
    with session_scope() as db:
        return call(db)


def attempt(call: Callable[[Session], T], translate: Callable[..., str]) -> Attempt[T]:
    """Run `call` in one transaction (all of it saved, or nothing); a DomainError becomes
    its message in the person's language (`translate(key, **params)`)."""
    return attempt_check(lambda: _in_transaction(call), translate)


# Calls that hash or verify a password (argon2id: 64 MiB and a good part of a second of CPU)
# run on this small pool, off the event loop: a flood of wrong passwords queues here and
# cannot take every thread, while everyone else's events go on being served. One thread:
# argon2 (parallelism 4) already uses every core for one hash; a second thread only made
# the loop wait longer for a core (bench/login_flood_bench.py: visitor p95 132 → 46 ms).
PASSWORD_WORKERS = 1
_password_pool = ThreadPoolExecutor(PASSWORD_WORKERS, thread_name_prefix="dasnez-password")


async def attempt_off_loop(
    call: Callable[[Session], T], translate: Callable[..., str]
) -> Attempt[T]:
    """`attempt`, with the call run on the password pool; translated back on the loop.

    `call` runs in another thread: it must capture plain values, not read the state."""
    loop = asyncio.get_running_loop()
    try:
        value = await loop.run_in_executor(_password_pool, _in_transaction, call)
    except DomainError as exc:
        return Attempt(ok=False, error=translate(exc.key, **exc.params), key=exc.key)
    return Attempt(ok=True, value=value)


class Lines(NamedTuple):
    """Names of the state vars that show a handler's outcome ("" for no success line)."""

    error: str = "error"
    success: str = ""


MESSAGE_LINES = Lines("error", "success")


def _show(
    page: Any, outcome: Attempt[T], done: str | None, lines: Lines, params: dict[str, Any]
) -> Attempt[T]:
    """Write the outcome into the page's message lines (see `Outcome._run`)."""
    setattr(page, lines.error, outcome.error)
    if lines.success:
        setattr(page, lines.success, page._t(done, **params) if outcome.ok and done else "")
    return outcome


class Outcome(rx.State, mixin=True):
    """`_run` for the session states of both apps. The message vars stay on each page's
    state: a var of a shared parent state would carry one page's error onto the next."""

    def _run(
        self,
        call: Callable[[Session], T],
        done: str | None = None,
        *,
        lines: Lines = MESSAGE_LINES,
        **params: Any,
    ) -> Attempt[T]:
        """Run one service call in one transaction and show the outcome in `lines`: the
        error line gets the error's message or "", the success line (if any) the catalog
        text `done` (with `params`) on success and "" otherwise."""
        return _show(self, attempt(call, self._t), done, lines, params)  # type: ignore[attr-defined]

    async def _run_off_loop(
        self,
        call: Callable[[Session], T],
        done: str | None = None,
        *,
        lines: Lines = MESSAGE_LINES,
        **params: Any,
    ) -> Attempt[T]:
        """`_run` for calls that hash or verify a password: awaited on the password pool,
        so the event loop serves others meanwhile (the handler must be `async`, and `call`
        must capture plain values: it runs in another thread)."""
        outcome = await attempt_off_loop(call, self._t)  # type: ignore[attr-defined]
        return _show(self, outcome, done, lines, params)

    def _client(self) -> str:
        """The caller's network address, for the throttle. Behind a reverse proxy Reflex
        takes it from X-Forwarded-For only if `REFLEX_TRUSTED_PROXY_HOPS` says so."""
        return str(self.router.session.client_ip)[:100]

    def _check(self, call: Callable[[], T], *, lines: Lines = MESSAGE_LINES) -> Attempt[T]:
        """Like `_run`, for a check that needs no database (the filters of a form)."""
        return _show(self, attempt_check(call, self._t), None, lines, {})  # type: ignore[attr-defined]
