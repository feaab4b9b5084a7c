"""Citizens publishing listings in a loop over the raw websocket, as their open tabs would,
and a ledger of what the server confirmed (to hold against the database afterwards)."""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import socketio

from tests.fault.processes import answers

PUBLISHED = "Ihr Eintrag ist veröffentlicht."


@dataclass
class Sent:
    citizen: int
    title: str
    body: str
    confirmed: bool = False
    answer: str = ""  # the success or error text, or why there was none
    at: float = 0.0  # when the answer came (monotonic)


@dataclass
class Ledger:
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: list[Sent] = field(default_factory=list)

    def add(self, item: Sent) -> None:
        with self.lock:
            self.sent.append(item)

    def confirmed(self) -> list[Sent]:
        with self.lock:
            return [s for s in self.sent if s.confirmed]

    def first_confirmed_after(self, moment: float) -> float | None:
        with self.lock:
            times = [s.at for s in self.sent if s.confirmed and s.at >= moment]
        return min(times) if times else None


class Citizen(threading.Thread):
    """One open "new listing" tab: load the form, submit it, again and again, on one socket
    (reconnecting as a browser would when the socket drops)."""

    def __init__(
        self,
        index: int,
        base_url: str,
        cookie: str,
        state: str,
        slug: str,
        form: dict[str, str],
        ledger: Ledger,
        run_id: str,
        stop: threading.Event,
    ) -> None:
        super().__init__(daemon=True, name=f"citizen-{index}")
        self.index, self.base_url, self.cookie, self.state = index, base_url, cookie, state
        self.path = f"/k/{slug}/neu"
        self.form, self.ledger, self.run_id, self.stop_event = form, ledger, run_id, stop
        self.tab = str(uuid.uuid4())
        self.client: socketio.Client | None = None
        self.updates: list[dict[str, Any]] = []
        self.got = threading.Condition()
        self.count = 0
        self.errors: list[str] = []

    def _connect(self) -> socketio.Client:
        client = socketio.Client(reconnection=False)

        @client.on("event", namespace="/_event")
        def _on_update(data: Any) -> None:
            with self.got:
                self.updates.append(data if isinstance(data, dict) else {})
                self.got.notify_all()

        client.connect(
            f"{self.base_url}?token={self.tab}",
            headers={"Cookie": self.cookie},
            socketio_path="/_event",
            namespaces=["/_event"],
            transports=["websocket"],
            wait_timeout=5,
        )
        return client

    def _event(self, name: str, payload: dict[str, Any], timeout: float = 15) -> dict[str, Any]:
        """Emit one event; the delta of this state in the update it caused."""
        assert self.client is not None
        with self.got:
            self.updates.clear()
        self.client.emit(
            "event",
            {
                "name": f"{self.state}.{name}",
                "payload": payload,
                "router_data": {"pathname": self.path, "query": {}, "asPath": self.path},
            },
            namespace="/_event",
        )
        deadline = time.monotonic() + timeout
        with self.got:
            while not self.updates:
                if not self.client.connected:
                    raise ConnectionError("socket closed")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(name)
                self.got.wait(min(left, 0.2))
            delta: dict[str, Any] = {}
            for update in self.updates:
                delta.update(update.get("delta", {}).get(self.state, {}))
            return delta

    def _disconnect(self) -> None:
        if self.client is not None:
            # A dead socket may fail to close; it is dropped either way.
            with contextlib.suppress(Exception):
                self.client.disconnect()
            self.client = None

    def run(self) -> None:
        while not self.stop_event.is_set():
            try:
                if self.client is None or not self.client.connected:
                    self._disconnect()
                    self.client = self._connect()
                self._publish_once()
            except Exception as exc:  # the socket or the server went away: reconnect
                self.errors.append(f"{type(exc).__name__}: {exc}")
                self._disconnect()
                self.stop_event.wait(0.3)
        self._disconnect()

    def _publish_once(self) -> None:
        self._event("load", {})
        self.count += 1
        title = f"Fahrdienst {self.run_id} {self.index}-{self.count}"
        item = Sent(self.index, title, f"Inhalt von {title}: ich fahre zum Arzt und zurück.")
        self.ledger.add(item)
        try:
            delta = self._event(
                "submit", {"form": {**self.form, "title": item.title, "body": item.body}}
            )
        except Exception as exc:
            item.answer = f"no answer ({type(exc).__name__})"
            raise
        item.answer = answer_of(delta)
        item.confirmed = item.answer == PUBLISHED
        item.at = time.monotonic()
        self.stop_event.wait(0.1)


def answer_of(delta: dict[str, Any]) -> str:
    """The success or error line a submit's update set, or which vars it changed instead."""
    text = delta.get("success_rx_state_") or delta.get("error_rx_state_")
    return str(text) if text else f"(no message; changed: {', '.join(sorted(delta)) or '-'})"


class Prober(threading.Thread):
    """Asks an app's `/ping` and start page every fraction of a second; counts failures."""

    def __init__(self, base_url: str, stop: threading.Event) -> None:
        super().__init__(daemon=True, name=f"prober-{base_url}")
        self.base_url, self.stop_event = base_url, stop
        self.asked = self.failed = 0

    def run(self) -> None:
        while not self.stop_event.is_set():
            ok = answers(f"{self.base_url}/ping", timeout=5) and answers(
                f"{self.base_url}/", timeout=5
            )
            self.asked += 1
            self.failed += 0 if ok else 1
            self.stop_event.wait(0.25)
