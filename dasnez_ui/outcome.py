"""Running one service call from an event handler and showing its outcome: the catalog
text for success, or the domain error's message, in the state's message lines."""

from __future__ import annotations

from collections.abc import Callable
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


def attempt(call: Callable[[Session], T], translate: Callable[..., str]) -> Attempt[T]:
    """Run `call` in one transaction (all of it saved, or nothing); a DomainError becomes
    its message in the person's language (`translate(key, **params)`)."""

    def in_transaction() -> T:
        with session_scope() as db:
            return call(db)

    return attempt_check(in_transaction, translate)


class Lines(NamedTuple):
    """Names of the state vars that show a handler's outcome ("" for no success line)."""

    error: str = "error"
    success: str = ""


MESSAGE_LINES = Lines("error", "success")


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

    def _check(self, call: Callable[[], T], *, lines: Lines = MESSAGE_LINES) -> Attempt[T]:
        """Like `_run`, for a check that needs no database (the filters of a form)."""
        return _show(self, attempt_check(call, self._t), None, lines, {})  # type: ignore[attr-defined]


def _show(
    page: Any, outcome: Attempt[T], done: str | None, lines: Lines, params: dict[str, Any]
) -> Attempt[T]:
    """Write `outcome` into the page state's `lines` (see `Outcome._run`)."""
    setattr(page, lines.error, outcome.error)
    if lines.success:
        setattr(page, lines.success, page._t(done, **params) if outcome.ok and done else "")
    return outcome
