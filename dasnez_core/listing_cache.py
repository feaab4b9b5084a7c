"""A short in-process cache for what other websites read (embeds, feeds), dropped when a
listing of the Kommune changes.

Every committed change of a `Listing` row through a session of this process bumps that
Kommune's version (ORM flushes), and a bulk UPDATE or DELETE on the listing table (blocking
a person suspends their listings in one statement) bumps every Kommune. An entry is served
only while its version is current and it is younger than `ttl` seconds, so a change made by
another process (the admin portal, another worker) shows after at most `ttl` seconds.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from dasnez_core.models import Listing

_T = TypeVar("_T")

_lock = threading.Lock()
_versions: dict[int, int] = {}
_generation = 0


def version_of(kommune_id: int) -> tuple[int, int]:
    """The current version of a Kommune's listings (with the global bulk-change generation)."""
    with _lock:
        return _generation, _versions.get(kommune_id, 0)


def bump(kommune_id: int | None) -> None:
    """A listing of `kommune_id` changed (None: of some Kommune, unknown which)."""
    global _generation
    with _lock:
        if kommune_id is None:
            _generation += 1
        else:
            _versions[kommune_id] = _versions.get(kommune_id, 0) + 1


_PENDING = "dasnez_changed_kommunen"


@event.listens_for(Session, "after_flush")
def _remember_changes(session: Session, _context: object) -> None:
    changed: set[int | None] = session.info.setdefault(_PENDING, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Listing):
            changed.add(obj.kommune_id)


@event.listens_for(Session, "after_commit")
def _bump_committed(session: Session) -> None:
    for kommune_id in session.info.pop(_PENDING, set()):
        bump(kommune_id)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)


@event.listens_for(Session, "do_orm_execute")
def _bulk_changes(state: ORMExecuteState) -> None:
    mapper = state.bind_mapper
    if (state.is_update or state.is_delete) and mapper is not None and mapper.class_ is Listing:
        state.session.info.setdefault(_PENDING, set()).add(None)


class VersionedCache(Generic[_T]):
    """At most `size` values, each valid for `ttl` seconds and while its Kommune's listings
    are unchanged; least recently used dropped first."""

    def __init__(self, ttl: float = 30.0, size: int = 2000) -> None:
        self.ttl = ttl
        self.size = size
        self._entries: OrderedDict[Hashable, tuple[Any, float, _T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, kommune_id: int, key: Hashable, make: Callable[[], _T]) -> _T:
        """The cached value of (`kommune_id`, `key`), or `make()`'s, then cached."""
        full_key = (kommune_id, key)
        version = version_of(kommune_id)
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(full_key)
            if entry is not None and entry[0] == version and entry[1] > now:
                self._entries.move_to_end(full_key)
                return entry[2]
        value = make()
        with self._lock:
            self._entries[full_key] = (version, now + self.ttl, value)
            self._entries.move_to_end(full_key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def peek(self, kommune_id: int, key: Hashable) -> _T | None:
        """The cached value if it is current, else None (never computes)."""
        version = version_of(kommune_id)
        with self._lock:
            entry = self._entries.get((kommune_id, key))
            if entry is not None and entry[0] == version and entry[1] > time.monotonic():
                return entry[2]
        return None

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
