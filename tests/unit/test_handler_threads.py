"""The apps' synchronous event handlers run off the event loop (dasnez_ui.db_thread).

Reflex calls a synchronous handler on the loop: while one admin's handler waited for the
database, no other tab of the worker was served. The handler is driven here through
Reflex's own event processor, as the running app drives it."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
from reflex_base.event.context import EventContext
from reflex_base.event.processor import base_state_processor as processor

import admin_portal.state
from admin_portal.state import AdminSession
from dasnez_core.actor import ANONYMOUS
from dasnez_ui.db_thread import run_handlers_off_loop
from tests.utils.loop import loop_ticks
from tests.utils.tabs import tab

SLOW = 0.3


async def _nothing(*_: Any) -> None:
    return None


def _drive(page: AdminSession, name: str) -> int:
    """Process the event `name` of `page` as the app does; the loop's ticks meanwhile."""

    async def main() -> int:
        async with loop_ticks() as ticks:
            with EventContext(token="tab", state_manager=None, enqueue_impl=_nothing):  # type: ignore[arg-type]
                await processor.process_event(
                    handler=AdminSession.event_handlers[name],
                    payload={},
                    state=page,
                    root_state=None,
                )
        return ticks[0]

    return asyncio.run(main())


def test_a_handler_waiting_for_the_database_leaves_the_loop_to_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run_handlers_off_loop()
    run_handlers_off_loop()  # once per process: the second call changes nothing
    assert getattr(processor.process_event, "_dasnez_off_loop", False)
    assert not getattr(processor.process_event.__wrapped__, "_dasnez_off_loop", False)

    seen: dict[str, Any] = {}

    def slow_session(ref: str, app: str) -> Any:
        seen["thread"] = threading.get_ident()
        seen["event"] = EventContext.get().token  # the loop's context came along
        time.sleep(SLOW)  # a slow database
        return ANONYMOUS

    monkeypatch.setattr(admin_portal.state, "resolve_actor", slow_session)
    page = tab(AdminSession, "", "/uebersicht")
    page.user_name = "stale"

    ticks = _drive(page, "refresh")

    assert seen["thread"] != threading.get_ident()
    assert seen["event"] == "tab"
    # The loop went on ticking while the handler waited (it stood still before: 0 ticks).
    assert ticks >= 10
    # The handler's changes are on the tab's state, as when it ran on the loop.
    assert page.user_name == "" and page.nav_current != ""


def test_reflexs_own_handlers_and_async_ones_stay_on_the_loop() -> None:
    from reflex.state import State

    from dasnez_ui.db_thread import APP_PACKAGES, _stays_on_loop

    assert _stays_on_loop(State.event_handlers["hydrate"], APP_PACKAGES)
    assert _stays_on_loop(AdminSession.event_handlers["logout"], APP_PACKAGES)  # async
    assert not _stays_on_loop(AdminSession.event_handlers["refresh"], APP_PACKAGES)


@pytest.mark.parametrize("module", ["dasnez_app/dasnez_app.py", "admin_portal/admin_portal.py"])
def test_both_apps_move_their_handlers_off_the_loop(module: str) -> None:
    # Importing an app module builds the whole app; its source says it at import instead.
    from pathlib import Path

    source = (Path(__file__).parents[2] / module).read_text()
    assert "\nrun_handlers_off_loop()\n" in source


def test_a_cancelled_handler_keeps_the_tab_until_its_thread_is_done() -> None:
    # Reflex cancels a running page load on reconnect or navigation; the thread cannot
    # be stopped, so the await must not give up the state lock before the thread ends.
    from dasnez_ui.db_thread import on_pool

    finished = threading.Event()

    def slow() -> str:
        time.sleep(SLOW)
        finished.set()
        return "done"

    async def main() -> bool:
        lock = asyncio.Lock()

        async def handler() -> None:
            async with lock:
                await on_pool(slow)

        running = asyncio.create_task(handler())
        await asyncio.sleep(0.05)
        running.cancel()
        async with lock:  # the next event of the tab
            written_meanwhile = finished.is_set()
        with pytest.raises(asyncio.CancelledError):
            await running
        return written_meanwhile

    assert asyncio.run(main())  # the next event ran only after the thread had finished


def test_a_cancelled_handler_whose_thread_fails_ends_cancelled() -> None:
    # The page load was superseded: its thread's error belongs to no one any more.
    from dasnez_ui.db_thread import on_pool

    def failing() -> None:
        time.sleep(SLOW)
        raise RuntimeError("the database went away")

    async def main() -> None:
        running = asyncio.create_task(on_pool(failing))
        await asyncio.sleep(0.05)
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running

    asyncio.run(main())
