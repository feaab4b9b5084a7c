"""One-line JSON logs, and the bounded handler for error reports a browser sends.

Every record becomes exactly one line of JSON: the message and every extra field are
JSON-escaped (newlines included, everything outside ASCII as \\u escapes), so text a
person typed can never start a log line of its own and forge an entry.

Browsers report their exceptions through Reflex's `handle_frontend_exception` event, which
any client may call with any text. `log_frontend_exception` (the apps'
`frontend_exception_handler`) keeps at most `REPORT_MAX_CHARS` of each report and at most
`REPORTS_PER_WINDOW` reports per `REPORT_WINDOW_SECONDS` in each process; it logs how
many it dropped when the window ends.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

REPORT_MAX_CHARS = 2000
REPORTS_PER_WINDOW = 10
REPORT_WINDOW_SECONDS = 60.0

frontend_log = logging.getLogger("dasnez.frontend")

# The attributes every LogRecord has; anything else on a record came in through `extra`.
_STANDARD = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys() | {"message", "asctime"}
)


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON object on one line (the shape Reflex's JSON mode uses:
    timestamp, level, logger, message, plus the record's extra fields)."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                payload[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            payload["exception"] = self.formatException(record.exc_info)
        # ensure_ascii: no raw newline, no U+2028 line separator, nothing a viewer splits on.
        return json.dumps(payload, ensure_ascii=True, default=str)


class _JsonHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler `configure_logging` installs (a class of its own so it is found again)."""


def configure_logging(level: int = logging.INFO) -> None:
    """Send every record that reaches the root logger to stderr as one JSON line.

    Idempotent: a second call (each app module calls it on import) adds no second handler.
    Reflex's and Granian's own loggers do not propagate here; `REFLEX_LOG_JSON=true` (set by
    `scripts/apps.py`) makes them JSON too.
    """
    root = logging.getLogger()
    if not any(isinstance(h, _JsonHandler) for h in root.handlers):
        handler = _JsonHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    root.setLevel(level)


class ReportBudget:
    """How many browser error reports this process still logs in the current window."""

    def __init__(
        self,
        limit: int = REPORTS_PER_WINDOW,
        window: float = REPORT_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._lock = threading.Lock()
        self._start = clock()
        self._used = 0
        self._dropped = 0

    def take(self) -> tuple[bool, int]:
        """Whether this report may be logged, and how many were dropped in the window
        that just ended (told once, then forgotten)."""
        with self._lock:
            now = self.clock()
            ended_dropped = 0
            if now - self._start >= self.window:
                ended_dropped, self._dropped = self._dropped, 0
                self._start, self._used = now, 0
            if self._used >= self.limit:
                self._dropped += 1
                return False, ended_dropped
            self._used += 1
            return True, ended_dropped


_budget = ReportBudget()


def log_frontend_exception(exception: Exception) -> None:
    """Reflex `frontend_exception_handler`: log a browser's report, bounded in size and rate.

    Over the rate, reports are dropped; the first report of the next window brings one line
    saying how many were.
    """
    allowed, dropped = _budget.take()
    if dropped:
        frontend_log.warning(
            "frontend exception reports dropped over the rate limit",
            extra={"dropped": dropped, "window_seconds": _budget.window},
        )
    if not allowed:
        return
    text = str(exception)
    frontend_log.error(
        "frontend exception",
        extra={
            "report": text[:REPORT_MAX_CHARS],
            "report_chars": len(text),
            "truncated": len(text) > REPORT_MAX_CHARS,
        },
    )
