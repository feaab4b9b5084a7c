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
_MESSAGES = ("success_rx_state_", "error_rx_state_")


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

    def _event(
        self, name: str, payload: dict[str, Any], timeout: float = 15, until_message: bool = False
    ) -> dict[str, Any]:
        """Emit one event; the delta of this state in the update(s) it caused.

        Updates carry no event id, and after a state loss the server sends an extra full state,
        so a submit waits for the update that sets its success or error line (until_message;
        without one by the timeout, the delta so far); other events take the first update."""
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
            while not (self._message(self._merged()) if until_message else self.updates):
                if not self.client.connected:
                    raise ConnectionError("socket closed")
                left = deadline - time.monotonic()
                if left <= 0:
                    if until_message:
                        break
                    raise TimeoutError(name)
                self.got.wait(min(left, 0.2))
            return self._merged()

    def _merged(self) -> dict[str, Any]:
        """This state's deltas of the updates so far; a message line keeps its last
        non-empty value (a stray full state of a fresh state carries empty ones)."""
        delta: dict[str, Any] = {}
        for update in self.updates:
            part = update.get("delta", {}).get(self.state, {})
            for key, value in part.items():
                if key in _MESSAGES and not value and delta.get(key):
                    continue
                delta[key] = value
        return delta

    @staticmethod
    def _message(delta: dict[str, Any]) -> bool:
        return any(delta.get(key) for key in _MESSAGES)

    def submit(self, title: str, body: str) -> str:
        """Submit the form with this title and body; the answer the page showed."""
        form = {**self.form, "title": title, "body": body}
        return answer_of(self._event("submit", {"form": form}, until_message=True))

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
            item.answer = self.submit(item.title, item.body)
        except Exception as exc:
            item.answer = f"no answer ({type(exc).__name__})"
            raise
        item.confirmed = item.answer == PUBLISHED
        item.at = time.monotonic()
        self.stop_event.wait(0.1)


def answer_of(delta: dict[str, Any]) -> str:
    """The success or error line a submit's update set, or which vars it changed instead."""
    text = next((delta[key] for key in _MESSAGES if delta.get(key)), "")
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
