"""The interpreter's settings for the app processes: the garbage collector's thresholds and
how often the GIL changes hands.

Every event leaves reference cycles behind (Reflex's state tree links parents and
substates both ways; ORM sessions and asyncio futures hold cycles too). With Python's
default thresholds (700, 10, 10) the youngest collection ran while an event's objects were
still alive, so they were promoted and freed only by full collections, which walk the whole
heap and stop the event loop: at 1,000 live tabs (bench/load.py, 1M listings) a worker
paused 300-600 ms about every four seconds. With a young generation of 50,000 objects the
cycles of finished events die young, and no full collection ran in the measured minute
(event p50 515 -> 276 ms in that run; the loop's longest stall 0.7 s -> 0.3 s).

A worker's event loop and its database threads (dasnez_ui.db_thread) share one GIL. Each
thread gives it up anyway while it waits for the database, Redis or a socket; the switch
interval only decides how soon a thread that is still computing is made to hand it over.
With Python's 5 ms, under 1,000 live tabs the loop and eight threads were forced to trade
it back and forth in the middle of their work, and every trade costs a wake-up on two busy
cores: in four runs alternating 5 ms and 50 ms (bench/load.py, 1M listings, PostgreSQL,
2 workers) event p95 was 202 / 535 ms with 5 ms against 88 / 173 ms with 50 ms, and the
worker's and PostgreSQL's CPU per event fell by about a tenth. No handler computes for
long: a thread that does (a PDF, a large export) keeps the loop waiting at most 50 ms.
"""

from __future__ import annotations

import gc
import sys

THRESHOLDS = (50_000, 20, 10)
SWITCH_INTERVAL = 0.05  # seconds; Python's default is 0.005


def tune_interpreter() -> None:
    """Set the collector's thresholds and the switch interval (once per process, at the
    app's import)."""
    gc.set_threshold(*THRESHOLDS)
    sys.setswitchinterval(SWITCH_INTERVAL)
