"""Logs are one JSON line a record; browser error reports are bounded in size and rate."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator

import pytest

from dasnez_core import logs
from dasnez_core.logs import (
    REPORT_MAX_CHARS,
    JsonFormatter,
    ReportBudget,
    configure_logging,
    log_frontend_exception,
)

FORGED = (
    'boom\n{"level": "info", "logger": "dasnez.auth", "message": "admin logged in"}\r\nx\u2028y'
)


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    logs.frontend_log.addHandler(handler)
    try:
        yield out
    finally:
        logs.frontend_log.removeHandler(handler)


def _lines(out: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_multi_line_report_is_one_json_line(
    stream: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "_budget", ReportBudget())
    log_frontend_exception(Exception(FORGED))
    text = stream.getvalue()
    assert text.count("\n") == 1 and "\r" not in text and "\u2028" not in text
    (line,) = _lines(stream)
    assert line["level"] == "error"
    assert line["message"] == "frontend exception"
    assert line["report"] == FORGED


def test_a_long_report_is_cut(stream: io.StringIO, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "_budget", ReportBudget())
    log_frontend_exception(Exception("x" * 100_000))
    (line,) = _lines(stream)
    assert line["report"] == "x" * REPORT_MAX_CHARS
    assert (line["report_chars"], line["truncated"]) == (100_000, True)
    assert len(stream.getvalue()) < REPORT_MAX_CHARS + 500


def test_reports_over_the_rate_are_dropped_and_counted(
    stream: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [0.0]
    monkeypatch.setattr(logs, "_budget", ReportBudget(clock=lambda: now[0]))
    for n in range(25):
        log_frontend_exception(Exception(f"report {n}"))
    assert [line["report"] for line in _lines(stream)] == [f"report {n}" for n in range(10)]
    now[0] = 61.0
    log_frontend_exception(Exception("next minute"))
    dropped, after = _lines(stream)[10:]
    assert (dropped["level"], dropped["dropped"]) == ("warning", 15)
    assert after["report"] == "next minute"


def test_configure_logging_adds_one_json_handler_to_the_root() -> None:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    try:
        configure_logging()
        configure_logging()
        added = [h for h in root.handlers if h not in before]
        assert len(added) == 1
        assert isinstance(added[0].formatter, JsonFormatter)
    finally:
        root.handlers[:] = before
        root.setLevel(level)


def test_extras_and_exceptions_stay_on_the_line() -> None:
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "mail to %s failed", ("a\nb",), sys.exc_info()
        )
    record.__dict__["recipient"] = "evil\n{}"
    line = JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["message"] == "mail to a\nb failed"
    assert data["recipient"] == "evil\n{}"
    assert "ValueError: bad\nvalue" in data["exception"]
