"""A handler's service call: one transaction, and its outcome shown in the message lines."""

from __future__ import annotations

import ast
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlmodel import Session, select

from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.i18n import translate
from dasnez_core.messages import MESSAGES
from dasnez_core.models import Kommune
from dasnez_ui.outcome import Lines, Outcome, attempt
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
GERMAN = partial(translate, lang="de")


def _slugs(db: Session) -> set[str]:
    return set(db.exec(select(Kommune.slug)).all())


def test_a_successful_call_is_saved_and_returns_its_result(db: Session) -> None:
    def create(session: Session) -> str:
        return factories.kommune(session, slug="salzkotten", name="Salzkotten").name

    outcome = attempt(create, GERMAN)

    assert outcome.ok and outcome.value == "Salzkotten" and outcome.error == ""
    assert _slugs(db) == {"salzkotten"}


def test_a_domain_error_saves_nothing_and_becomes_its_message(db: Session) -> None:
    def create_then_refuse(session: Session) -> None:
        factories.kommune(session, slug="salzkotten")
        raise InvalidInput("password", "password.too_short", min=10)

    outcome = attempt(create_then_refuse, GERMAN)

    assert not outcome.ok and outcome.value is None
    assert outcome.key == "password.too_short"
    assert outcome.error.startswith("Das Passwort muss mindestens 10")
    assert _slugs(db) == set()


def _page(**lines: str) -> Any:
    """Stands in for a page state: the message vars and the language."""
    return SimpleNamespace(_t=partial(translate, lang="en"), **lines)


def _fail(session: Session) -> None:
    raise NotFound()


def test_run_shows_done_and_clears_the_error() -> None:
    page = _page(error="old error", success="")

    outcome = Outcome._run(page, lambda s: 7, "password.too_short", min=12)

    assert outcome.value == 7
    assert page.error == "" and page.success.startswith("The password must be at least 12")


def test_run_shows_the_error_and_clears_success() -> None:
    page = _page(error="", success="saved before")

    outcome = Outcome._run(page, _fail, "password.too_short", min=12)

    assert not outcome.ok
    assert page.error == translate("error.not_found", "en") and page.success == ""


def test_run_writes_only_the_lines_it_is_given() -> None:
    page = _page(error="kept", success="kept", export_error="")

    Outcome._run(page, _fail, lines=Lines("export_error"))

    assert page.export_error == translate("error.not_found", "en")
    assert page.error == "kept" and page.success == "kept"


def _done_keys(tree: ast.AST) -> set[str]:
    """Catalog keys written as the `done` argument of `_run(call, done)`,
    `_change(actor, change, done)` and the master-data helpers (`_add_row(done, …)` …),
    which the catalog test's pattern does not see."""
    keys: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            position = {
                "_run": 1,
                "_change": 2,
                "_change_id": 1,
                "_person_change": 1,
                "_select_row": 0,
                "_own_change": 0,
                "_add_row": 0,
                "_save_row": 0,
                "_remove_row": 0,
            }.get(node.func.attr)
            if position is not None and len(node.args) > position:
                arg = node.args[position]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    keys.add(arg.value)
    return keys


def test_every_done_key_exists() -> None:
    used: set[str] = set()
    for folder in ("dasnez_app", "admin_portal", "dasnez_ui"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= _done_keys(ast.parse(path.read_text("utf-8")))
    assert len(used) > 10, "the scan found too few keys; the walk is broken"
    assert used - MESSAGES.keys() == set()


def test_password_work_runs_off_the_event_loop(db: Session) -> None:
    """While a slow call (a password hash) runs, the loop goes on serving other events."""
    import asyncio
    import threading
    import time

    from dasnez_ui.outcome import attempt_off_loop
    from tests.utils.loop import loop_ticks

    seen: list[str] = []

    def slow(session: Session) -> str:
        seen.append(threading.current_thread().name)
        time.sleep(0.5)
        raise InvalidInput("email", "login.failed")

    async def scene() -> tuple[int, str]:
        async with loop_ticks() as ticks:
            outcome = await attempt_off_loop(slow, GERMAN)
        return ticks[0], outcome.error

    ticks, error = asyncio.run(scene())
    assert error == "E-Mail-Adresse oder Passwort stimmen nicht."
    assert seen and seen[0].startswith("dasnez-password")
    assert ticks >= 10  # the loop was free for others during the half second
