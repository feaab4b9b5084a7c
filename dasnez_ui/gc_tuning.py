"""The garbage collector's thresholds for the app processes.

Every event leaves reference cycles behind (Reflex's state tree links parents and
substates both ways; ORM sessions and asyncio futures hold cycles too). With Python's
default thresholds (700, 10, 10) the youngest collection ran while an event's objects were
still alive, so they were promoted and freed only by full collections, which walk the whole
heap and stop the event loop: at 1,000 live tabs (bench/load.py, 1M listings) a worker
paused 300-600 ms about every four seconds. With a young generation of 50,000 objects the
cycles of finished events die young, and no full collection ran in the measured minute
(event p50 515 -> 276 ms in that run; the loop's longest stall 0.7 s -> 0.3 s).
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 10)


def tune_gc() -> None:
    """Set the thresholds (once per process, at the app's import)."""
    gc.set_threshold(*THRESHOLDS)
