"""Benchmark: a wrong-password flood against the public app, and what a visitor notices.

Starts the public app in prod mode (as the tests do) on a throw-away SQLite database, then
  1. a "visitor" sends a cheap event (switching the language) over its own websocket and
     times each round trip to the final update: the quiet baseline;
  2. six hostile websocket clients send wrong-password login events as fast as the app
     answers, while the visitor goes on timing its event.
Prints p50/p95 of the visitor's round trip, quiet and under flood, and what the flood got
(answers per second; how many were a wrong-password answer, how many the wait message).

The throttle would cut a flood from one address short after 20 failures (then no password
is hashed any more). To measure what the hashing itself costs everybody else, the default
`--addresses distinct` floods as a botnet would: every login uses a new email, and each
client reconnects with a new X-Forwarded-For address every 10 attempts (the app is told to
trust one proxy hop, REFLEX_TRUSTED_PROXY_HOPS=1), so the throttle never refuses and every
attempt verifies an argon2 hash. `--addresses single` shows the plain one-attacker flood.

    python bench/login_flood_bench.py                      # this checkout, port 3810
    python bench/login_flood_bench.py --addresses single
    python bench/login_flood_bench.py --seconds 30 --flooders 6

Prints figures, asserts nothing about time (never gates CI).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import socketio

from dasnez_app.pages.login import LoginState
from dasnez_core.cli import migrate
from dasnez_ui.lang import LangState
from scripts.apps import APPS, start, stop, wait_ready

LOGIN = f"{LoginState.get_full_name()}.submit"
SET_LANGUAGE = f"{LangState.get_full_name()}.set_language"
LANG_VAR = (LangState.get_full_name(), "lang")
LOGIN_ERROR = (LoginState.get_full_name(), "error")
ATTEMPTS_PER_ADDRESS = 10
_tally_lock = threading.Lock()


class Client:
    """One websocket client that sends an event and waits for the update it causes."""

    def __init__(self, base_url: str, headers: dict[str, str] | None = None) -> None:
        self.done = threading.Event()
        self.last: list[Any] = []
        self.wanted = ("", "")  # (state full name, var key) whose change answers the event
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("event", self._on_update, namespace="/_event")
        self.sio.connect(
            f"{base_url}?token={uuid.uuid4()}",
            socketio_path="/_event",
            namespaces=["/_event"],
            transports=["websocket"],
            headers=headers or {},
            wait_timeout=30,
        )

    def _on_update(self, data: Any) -> None:
        # Reflex 0.10 marks no update "final": the answer is the update changing the var.
        self.last.append(data)
        state, key = self.wanted
        delta = data.get("delta", {}) if isinstance(data, dict) else {}
        if key in delta.get(state, {}):
            self.done.set()

    def call(
        self,
        name: str,
        payload: dict[str, Any],
        path: str,
        watch: tuple[str, str],
        timeout: float = 120,
    ) -> str:
        self.done.clear()
        self.last = []
        self.wanted = (watch[0], f"{watch[1]}_rx_state_")
        self.sio.emit(
            "event",
            {
                "name": name,
                "payload": payload,
                "router_data": {"pathname": path, "query": {}, "asPath": path},
            },
            namespace="/_event",
        )
        if not self.done.wait(timeout):
            raise TimeoutError(name)
        return str(self.last)

    def close(self) -> None:
        self.sio.disconnect()


def _visitor_round_trips(base_url: str, stop_at: float, pause: float = 0.05) -> list[float]:
    visitor = Client(base_url)
    times: list[float] = []
    try:
        n = 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            visitor.call(SET_LANGUAGE, {"lang": "en" if n % 2 else "de"}, "/", LANG_VAR)
            times.append((time.perf_counter() - started) * 1000)
            n += 1
            time.sleep(pause)
    finally:
        visitor.close()
    return times


def _flooder(
    base_url: str, number: int, distinct: bool, stop: threading.Event, tally: dict[str, int]
) -> None:
    client: Client | None = None
    attempt = 0
    try:
        while not stop.is_set():
            if client is None or (distinct and attempt % ATTEMPTS_PER_ADDRESS == 0):
                if client is not None:
                    client.close()
                address = f"10.{number}.{attempt // 250 % 250}.{attempt % 250 + 1}"
                client = Client(base_url, {"X-Forwarded-For": address} if distinct else None)
            email = f"flut-{number}-{attempt}@example.org" if distinct else "opfer@example.org"
            form = {"email": email, "password": f"geraten-{attempt}"}
            answer = client.call(LOGIN, {"form": form}, "/anmelden", LOGIN_ERROR)
            key = "wait" if "Zu viele Versuche" in answer else "failed"
            with _tally_lock:
                tally[key] = tally.get(key, 0) + 1
            attempt += 1
    finally:
        if client is not None:
            client.close()


def _summary(label: str, times: list[float]) -> str:
    if len(times) < 2:
        return f"{label}: too few samples ({len(times)})"
    cuts = statistics.quantiles(times, n=20)
    return (
        f"{label}: n={len(times)}  p50={statistics.median(times):.1f} ms  "
        f"p95={cuts[18]:.1f} ms  max={max(times):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=3810)
    parser.add_argument("--flooders", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--quiet-seconds", type=float, default=10)
    parser.add_argument("--addresses", choices=("distinct", "single"), default="distinct")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="login-flood-"))
    url = f"sqlite:///{tmp / 'flood.db'}"
    migrate(url)
    extra = {
        "DASNEZ_DATABASE_URL": url,
        "DASNEZ_SMTP_HOST": "",
        "DASNEZ_OUTBOX_DIR": str(tmp / "outbox"),
        "DASNEZ_UPLOAD_DIR": str(tmp / "uploads"),
        "DASNEZ_THROTTLE_STORAGE": "memory://",
        "REFLEX_TRUSTED_PROXY_HOPS": "1",
    }
    os.environ.pop("REFLEX_REDIS_URL", None)  # one worker, like the embedded default
    log = tmp / "public.log"
    proc = start(APPS["public"], args.port, log, extra)
    base_url = f"http://127.0.0.1:{args.port}"
    try:
        wait_ready(proc, args.port, log)
        _visitor_round_trips(base_url, time.monotonic() + 3)  # warm up
        quiet = _visitor_round_trips(base_url, time.monotonic() + args.quiet_seconds)

        stop_flood = threading.Event()
        tally: dict[str, int] = {}
        flooders = [
            threading.Thread(
                target=_flooder,
                args=(base_url, n, args.addresses == "distinct", stop_flood, tally),
                daemon=True,
            )
            for n in range(args.flooders)
        ]
        for thread in flooders:
            thread.start()
        time.sleep(2)  # let the flood build up
        flood_started = time.monotonic()
        flooded = _visitor_round_trips(base_url, flood_started + args.seconds)
        flood_seconds = time.monotonic() - flood_started + 2
        stop_flood.set()
        for thread in flooders:
            thread.join(timeout=120)
    finally:
        stop([proc])

    print(f"login flood: {args.flooders} clients, addresses {args.addresses}, {args.seconds}s")
    print(_summary("visitor event, quiet   ", quiet))
    print(_summary("visitor event, flooded ", flooded))
    answers = sum(tally.values())
    print(
        f"flood answers: {answers} in {flood_seconds:.0f}s ({answers / flood_seconds:.1f}/s); "
        f"wrong-password answers {tally.get('failed', 0)}, wait messages {tally.get('wait', 0)}"
    )


if __name__ == "__main__":
    main()
