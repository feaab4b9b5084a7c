"""A page state that rebuilds itself from its route and the session cookie.

A page fills its state in its on_load handler. When the state store loses a tab's state
(Redis flushed, a worker restarted with the disk store gone), the tab's next event finds an
empty state: Reflex re-runs the page's on_load, but only after that event. So a handler
that needs what the page loaded first calls `_ensure_built()`, which builds the page from
the route of the event and the caller's cookie if this state was not built for that route.
Both apps' session states call it when a handler resolves its caller (`_actor()`), so every
handler of a page state does so first. The on_load that follows then keeps what the handler
showed, instead of resetting it.

Nothing a write depends on may come from an earlier event: a handler reads the record's id
from the route (or the event's own arguments, looked up through the caller's Kommune), and
`_build` resets every var before anything that can fail.
"""

from __future__ import annotations

import reflex as rx


class PageLoad(rx.State, mixin=True):
    """Mixed into a page state, which supplies `_build()`: reset everything, then fill the
    page for the route of the current event (the body of its on_load; it may return a
    redirect). The page's on_load handler returns `self._load_page()`."""

    # The route (path and query) this state was last built for; "" = not built.
    _built_for: str = ""
    # Built by a handler that found the state lost (see the module docstring).
    _rebuilt_for: str = ""
    # `_build` is running (it resolves the caller too, which must not build again).
    _building: bool = False

    def _route_key(self) -> str:
        url = self.router.url
        return f"{url.path}?{url.query}" if url.query else str(url.path)

    def _build(self) -> rx.event.EventSpec | None:
        raise NotImplementedError

    def _load_page(self) -> rx.event.EventSpec | None:
        """The page's on_load: build the page for its route."""
        key = self._begin_load()
        if key is None:
            return None
        shown = self._build_once()
        self._built_for = key
        return shown

    def _begin_load(self) -> str | None:
        """The route key to build, or None when a handler of this tab already rebuilt this
        very page after a lost state: this is the on_load Reflex runs after it, and it would
        wipe that handler's outcome."""
        key = self._route_key()
        if self._rebuilt_for == key:
            self._rebuilt_for = ""
            return None
        self._built_for = self._rebuilt_for = ""
        return key

    def _ensure_built(self) -> None:
        """Build the page for the event's route unless this state already holds it."""
        key = self._route_key()
        if self._building or self._built_for == key:
            return
        self._rebuilt_for = ""
        self._build_once()
        self._built_for = key
        # Reflex has queued the page's on_load (it does after a lost state: the tab is not
        # hydrated until that has run): that one keeps what this handler shows. Without a
        # pending page load (only this page's state was lost), the next visit resets.
        pending_load = not getattr(self._get_root_state(), "is_hydrated", True)
        self._rebuilt_for = key if pending_load else ""

    async def _abuild(self) -> rx.event.EventSpec | None:
        """`_build` for an async on_load that does its database work off the event loop
        (dasnez_ui.db_thread); by default `_build` itself."""
        return self._build()

    async def _load_page_async(self) -> rx.event.EventSpec | None:
        """`_load_page` of a page whose on_load is async (it awaits `_abuild`)."""
        key = self._begin_load()
        if key is None:
            return None
        self._building = True
        try:
            shown = await self._abuild()
        finally:
            self._building = False
        self._built_for = key
        return shown

    def _build_once(self) -> rx.event.EventSpec | None:
        self._building = True
        try:
            return self._build()
        finally:
            self._building = False


def ensure_built(state: rx.State) -> None:
    """`_ensure_built()` of a page state; nothing for any other state (the session states
    call it when they resolve the caller). A page state is a leaf of the state tree: a
    state shared by several pages below it (their common base) is built by each page."""
    if isinstance(state, PageLoad) and not type(state).get_substates():
        state._ensure_built()
