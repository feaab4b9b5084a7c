"""Running one service call from an event handler and showing its outcome: the catalog
text for success, or the domain error's message, in the state's message lines; for a form,
each invalid value's message under its field (`Form`), and focus on the first of them.

A database that cannot be reached (down, restarting, connection lost, pool exhausted) is
one more failed outcome: "Der Dienst ist gerade nicht erreichbar …" in the error line,
never a success. A handler that meets it outside a service call (resolving the caller, a
page load) ends in `backend_exception_handler`, which shows the same text."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, TypeVar

import reflex as rx
from reflex.app import default_backend_exception_handler
from reflex.event import EventSpec
from sqlmodel import Session

from dasnez_core.db import is_outage, session_scope
from dasnez_core.errors import DomainError, InvalidInput
from dasnez_core.i18n import translate as catalog_text

T = TypeVar("T")

OUTAGE_KEY = "service.unavailable"
log = logging.getLogger("dasnez.outage")


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """What a service call came to: its result, or the error's text and catalog key."""

    ok: bool
    value: T | None = None
    error: str = ""
    key: str = ""
    # (field, message) of every invalid value the service reported, in its order.
    problems: tuple[tuple[str, str], ...] = ()


def failed(exc: DomainError, translate: Callable[..., str]) -> Attempt[Any]:
    """The Attempt of a call that raised `exc`, its texts in the person's language."""
    problems = (
        tuple((p.field, translate(p.key, **p.params)) for p in exc.problems)
        if isinstance(exc, InvalidInput)
        else ()
    )
    return Attempt(ok=False, error=translate(exc.key, **exc.params), key=exc.key, problems=problems)


def unavailable(exc: BaseException, translate: Callable[..., str]) -> Attempt[Any]:
    """The Attempt of a call the database could not answer (`is_outage`): nothing was saved,
    and the person is asked to try again in a moment."""
    log.warning("database unavailable: %s: %s", type(exc).__name__, str(exc)[:300])
    return Attempt(ok=False, error=translate(OUTAGE_KEY), key=OUTAGE_KEY)


def attempt_check(call: Callable[[], T], translate: Callable[..., str]) -> Attempt[T]:
    """Run `call`; a DomainError becomes its message in the person's language
    (`translate(key, **params)`), a database outage the message to try again."""
    try:
        value = call()
    except DomainError as exc:
        return failed(exc, translate)
    except Exception as exc:
        if not is_outage(exc):
            raise
        return unavailable(exc, translate)
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
        return failed(exc, translate)
    except Exception as exc:
        if not is_outage(exc):
            raise
        return unavailable(exc, translate)
    return Attempt(ok=True, value=value)


def backend_exception_handler(exception: Exception) -> EventSpec:
    """Both apps' `backend_exception_handler`: a handler that met a database outage outside
    a service call (resolving the caller, loading a page) tells the person, in German (the
    handler does not know the tab's language), to try again; it saved nothing. Anything
    else keeps Reflex's own handling (logged, a general error notice)."""
    if not is_outage(exception):
        return default_backend_exception_handler(exception)
    unavailable(exception, lambda key: "")
    return rx.toast.error(
        catalog_text(OUTAGE_KEY, "de"),
        id="service_unavailable",
        position="top-center",
        fallback_to_alert=True,
    )


@dataclass(frozen=True)
class Form:
    """The fields of one form: the service's field name → the id of its control on the
    page. A problem with one of them shows under that control; any other in the error line."""

    ids: Mapping[str, str]
    # The state var (dict[str, str]) that holds the control id → message.
    errors: str = "field_errors"


def form_fields(*names: str, prefix: str = "", **renamed: str) -> Form:
    """A Form whose controls are named `prefix + name` (and `renamed`: name → control id)."""
    return Form({**{name: prefix + name for name in names}, **renamed})


# A form with no fields of its own: every problem shows above it, and field errors clear.
NO_FORM = Form({})


@dataclass(frozen=True)
class FieldMessages:
    """What a form shows of an outcome: messages under fields, and the rest above."""

    by_control: dict[str, str] = field(default_factory=dict)
    general: str = ""


def field_messages(outcome: Attempt[Any], form: Form) -> FieldMessages:
    """Split a failed outcome into one message per control of `form` (the first problem of
    a field; in the form's order) and the text of what belongs to no field of it; a success
    is all empty."""
    if outcome.ok:
        return FieldMessages()
    by_control: dict[str, str] = {}
    general: list[str] = []
    for name, message in outcome.problems:
        control = form.ids.get(name)
        if control is None:
            general.append(message)
        else:
            by_control.setdefault(control, message)
    if not outcome.problems:
        general.append(outcome.error)
    # In the order of the form's controls: the summary reads, and focus goes, top down.
    in_order = {c: by_control[c] for c in dict.fromkeys(form.ids.values()) if c in by_control}
    return FieldMessages(in_order, " ".join(general))


class Lines(NamedTuple):
    """Names of the state vars that show a handler's outcome ("" for no success line)."""

    error: str = "error"
    success: str = ""
    form: Form | None = None


MESSAGE_LINES = Lines("error", "success")
# Both apps' login form (`forms.login_form`): wrong credentials name no field.
LOGIN_LINES = Lines("error", form=form_fields("email", "password"))


def _show(
    page: Any, outcome: Attempt[T], done: str | None, lines: Lines, params: dict[str, Any]
) -> Attempt[T]:
    """Write the outcome into the page's message lines (see `Outcome._run`)."""
    if lines.form is None:
        setattr(page, lines.error, outcome.error)
    else:
        shown = field_messages(outcome, lines.form)
        setattr(page, lines.error, shown.general)
        setattr(page, lines.form.errors, shown.by_control)
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
        text `done` (with `params`) on success and "" otherwise. With `lines.form`, each
        invalid field's message goes under it instead (all cleared on success)."""
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

    def _focus_first_error(self, errors: str = "field_errors") -> rx.event.EventSpec | None:
        """Focus the first field with an error (after a failed submit), if there is one."""
        controls = list(getattr(self, errors))
        return rx.set_focus(controls[0]) if controls else None

    def _client(self) -> str:
        """The caller's network address, for the throttle. Behind a reverse proxy Reflex
        takes it from X-Forwarded-For only if `REFLEX_TRUSTED_PROXY_HOPS` says so."""
        return str(self.router.session.client_ip)[:100]

    def _check(self, call: Callable[[], T], *, lines: Lines = MESSAGE_LINES) -> Attempt[T]:
        """Like `_run`, for a check that needs no database (the filters of a form)."""
        return _show(self, attempt_check(call, self._t), None, lines, {})  # type: ignore[attr-defined]
