"""Load benchmark: many live browser tabs on the browse page, each changing filters.

Starts the public app in prod mode as `scripts/apps.py` does (Redis state manager, two
workers) on its own port against a database, then drives N raw Socket.IO clients over
websockets. Each client hydrates like a browser tab opening /k/<slug>/eintraege (the
hydrate event rides in the CONNECT packet, and the page's on_load runs), then, with a think
time of about `--think` seconds, changes one filter at a time with the values the page
offered it (exchange, kind, category, area, social space, sort, free text). Afterwards the
same clients run against a trivial Reflex app (bench/trivial_app: one var, one event) on
the next port, for the ratio.

Prints, for each app: connected clients, hydrate p50/p95, event p50/p95/max, errors and
timeouts, server CPU (cores busy) and RSS of all its processes.

    # a throw-away database like bench/search_bench.py's (one Kommune "k0" of 20,000 listings)
    python bench/load.py --clients 300
    python bench/load.py --clients 1000 --listings 100000 \
        --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    # against a database filled by bench/scale.py (PostgreSQL), its largest Kommune
    python bench/load.py --db postgresql+psycopg://postgres@127.0.0.1/dasnez_scale \\
        --slug kommune-1 --clients 1000 --seconds 60

The client speaks Engine.IO 4 / Socket.IO 5 over a websocket itself (wsproto on asyncio
streams), so 1,000 clients cost one process and no thread each. Asserts nothing about time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection,
    CloseConnection,
    Message,
    Ping,
    RejectConnection,
    Request,
    TextMessage,
)
from wsproto.utilities import LocalProtocolError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.apps import APPS, STATE_LOCK_DEFAULTS, reflex_env, start, stop, wait_ready  # noqa: E402

NAMESPACE = "/_event"
ROOT_STATE = "reflex___state____state"
HYDRATE = f"{ROOT_STATE}.hydrate_and_load"
TRIVIAL_DIR = ROOT / "bench" / "trivial_app"
WORDS = ["rasen", "garten", "einkauf", "hilfe", "hund", "fahrrad", "laub", "kinder"]


# --- one browser tab over a raw websocket --------------------------------------------------


class Tab:
    """One Reflex client: a websocket speaking Engine.IO 4 / Socket.IO 5 frames."""

    def __init__(self, host: str, port: int, origin: str) -> None:
        self.host, self.port, self.origin = host, port, origin
        self.token = str(uuid.uuid4())
        self.updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.ws = WSConnection(ConnectionType.CLIENT)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.open = False
        self.pump: asyncio.Task[None] | None = None
        # Engine.IO's OPEN frame, which `connect` waits for (None: the socket closed).
        self.opened: asyncio.Queue[str | None] = asyncio.Queue()

    async def connect(self, boot_event: dict[str, Any]) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        target = f"{NAMESPACE}/?EIO=4&transport=websocket&token={self.token}"
        self._send(
            Request(
                host=f"{self.host}:{self.port}",
                target=target,
                extra_headers=[(b"origin", self.origin.encode())],
            )
        )
        self.pump = asyncio.create_task(self._read())
        # Engine.IO OPEN arrives first; then the namespace CONNECT carries the hydrate
        # event, as the Reflex frontend sends it (CONNECT_AUTH_EVENT).
        opened = await self.opened.get()
        if opened is None:
            raise ConnectionError("closed before engine.io open")
        self._text("40" + NAMESPACE + "," + json.dumps({"event": boot_event}))
        self.open = True

    def _send(self, event: Any) -> None:
        assert self.writer is not None
        try:
            self.writer.write(self.ws.send(event))
        except LocalProtocolError as exc:  # the server is closing this socket
            raise ConnectionError(str(exc)) from exc

    def _text(self, data: str) -> None:
        self._send(Message(data=data))

    async def _read(self) -> None:
        assert self.reader is not None
        buffer: list[str] = []
        try:
            while True:
                data = await self.reader.read(65536)
                if not data:
                    break
                self.ws.receive_data(data)
                for event in self.ws.events():
                    if isinstance(event, AcceptConnection):
                        continue
                    if isinstance(event, RejectConnection):
                        raise ConnectionError("websocket refused")
                    if isinstance(event, Ping):
                        self._send(event.response())
                    elif isinstance(event, CloseConnection):
                        return
                    elif isinstance(event, TextMessage):
                        buffer.append(event.data)
                        if event.message_finished:
                            self._frame("".join(buffer))
                            buffer.clear()
        except (ConnectionError, OSError):
            pass
        finally:
            self.open = False
            self.opened.put_nowait(None)
            self.updates.put_nowait({"closed": True})

    def _frame(self, frame: str) -> None:
        if frame == "2":  # Engine.IO ping: answer at once or the server drops us
            self._text("3")
        elif frame.startswith("42" + NAMESPACE + ","):
            name, *args = json.loads(frame[len(NAMESPACE) + 3 :])
            if name == "event" and args:
                self.updates.put_nowait(args[0] if isinstance(args[0], dict) else {})
        elif frame.startswith("0"):
            self.opened.put_nowait(frame)
        elif frame.startswith("44"):  # the namespace refused us
            self.updates.put_nowait({"closed": True})

    def emit(self, event: dict[str, Any]) -> None:
        self._text("42" + NAMESPACE + "," + json.dumps(["event", event]))

    async def close(self) -> None:
        if self.writer is not None:
            try:
                if self.open:
                    self._send(CloseConnection(code=1000))
                    await self.writer.drain()
            except (ConnectionError, OSError, RuntimeError):
                pass
            self.writer.close()
        if self.pump is not None:
            self.pump.cancel()


def router_data(path: str, query: dict[str, str], params: dict[str, str]) -> dict[str, Any]:
    """What the frontend sends as an event's router data (`withRouterData` in state.js)."""
    search = "&".join(f"{k}={v}" for k, v in query.items())
    data: dict[str, Any] = {
        "pathname": path,
        "asPath": path + (f"?{search}" if search else ""),
    }
    if query or params:
        data["query"] = {**query, **params}
    return data


# --- what a person does on a page -----------------------------------------------------------


@dataclass
class Scenario:
    """The page a tab opens and the events it sends."""

    path: str
    params: dict[str, str]
    # Whether an update finishes the hydrate (the page's on_load has answered).
    hydrated: Callable[[dict[str, Any]], bool]
    # The next event to send, given what the tab has learnt (the options it was offered).
    next_event: Callable[[dict[str, Any], random.Random], tuple[str, dict[str, Any]]]
    learn: Callable[[dict[str, Any], dict[str, Any]], None] = lambda _u, _k: None


def browse_scenario(slug: str) -> Scenario:
    from dasnez_app.pages.browse import BrowseState

    state = BrowseState.get_full_name()
    set_filter, apply = f"{state}.set_filter", f"{state}.apply"

    def hydrated(update: dict[str, Any]) -> bool:
        return bool(update.get("delta", {}).get(state, {}).get("found_rx_state_"))

    def learn(update: dict[str, Any], known: dict[str, Any]) -> None:
        delta = update.get("delta", {}).get(state, {})
        for var, param in (
            ("exchanges", "boerse"),
            ("categories", "kategorie"),
            ("areas", "ort"),
            ("spaces", "sozialraum"),
        ):
            options = delta.get(f"{var}_rx_state_")
            if options is not None:
                known[param] = [o["value"] for o in options]

    def next_event(known: dict[str, Any], rnd: random.Random) -> tuple[str, dict[str, Any]]:
        choice = rnd.random()
        if choice < 0.1:
            return apply, {"form": {"q": rnd.choice(WORDS)}}
        if choice < 0.2:
            return set_filter, {"param": "art", "value": rnd.choice(["", "offer", "request"])}
        if choice < 0.25:
            return set_filter, {"param": "sortierung", "value": rnd.choice(["newest", "expiry"])}
        param = rnd.choice(["boerse", "kategorie", "ort", "sozialraum"])
        values = known.get(param) or [""]
        # Now and then back to "all" for that filter, as people do.
        value = "" if rnd.random() < 0.3 else rnd.choice(values)
        return set_filter, {"param": param, "value": value}

    return Scenario(f"/k/{slug}/eintraege", {"slug": slug}, hydrated, next_event, learn)


def trivial_scenario() -> Scenario:
    state = f"{ROOT_STATE}.trivial_app___trivial_app____trivial_state"

    def hydrated(update: dict[str, Any]) -> bool:
        return ROOT_STATE in update.get("delta", {}) or state in update.get("delta", {})

    def next_event(_known: dict[str, Any], rnd: random.Random) -> tuple[str, dict[str, Any]]:
        return f"{state}.pick", {"value": rnd.choice(WORDS)}

    return Scenario("/", {}, hydrated, next_event)


# --- the run --------------------------------------------------------------------------------


@dataclass
class Tally:
    connected: int = 0
    hydrate_ms: list[float] = field(default_factory=list)
    event_ms: list[float] = field(default_factory=list)
    # Each measured event's send time in seconds from the start of the measured time.
    event_at: list[float] = field(default_factory=list)
    errors: int = 0
    timeouts: int = 0
    events_answered: int = 0
    # The counts when the steady state began (every tab hydrated; CPU counted from there).
    events_at_begin: int = 0
    hydrates_at_begin: int = 0
    failures: dict[str, int] = field(default_factory=dict)

    def fail(self, kind: str) -> None:
        self.errors += 1
        self.failures[kind] = self.failures.get(kind, 0) + 1


async def _tab(
    n: int,
    host: str,
    port: int,
    scenario: Scenario,
    tally: Tally,
    measure_from: float,
    stop_at: float,
    think: float,
    timeout: float,
) -> None:
    rnd = random.Random(n)
    tab = Tab(host, port, f"http://{host}:{port}")
    known: dict[str, Any] = {}
    query: dict[str, str] = {}
    try:
        boot = {
            "name": HYDRATE,
            "payload": {},
            "router_data": router_data(scenario.path, query, scenario.params),
        }
        started = time.perf_counter()
        try:
            await asyncio.wait_for(tab.connect(boot), timeout)
            while True:
                update = await asyncio.wait_for(tab.updates.get(), timeout)
                if update.get("closed"):
                    raise ConnectionError("closed while hydrating")
                scenario.learn(update, known)
                if scenario.hydrated(update):
                    break
        except TimeoutError:
            tally.timeouts += 1
            tally.fail("hydrate timeout")
            return
        except (ConnectionError, OSError) as exc:
            tally.fail(f"connect: {type(exc).__name__}")
            return
        tally.connected += 1
        tally.hydrate_ms.append((time.perf_counter() - started) * 1000)
        # Spread the clients' first events over one think time.
        await asyncio.sleep(rnd.uniform(0, think))
        while time.monotonic() < stop_at:
            name, payload = scenario.next_event(known, rnd)
            while not tab.updates.empty():  # late pieces of an earlier answer
                scenario.learn(tab.updates.get_nowait(), known)
            sent_at = time.monotonic()
            started = time.perf_counter()
            try:
                tab.emit(
                    {
                        "name": name,
                        "payload": payload,
                        "router_data": router_data(scenario.path, query, scenario.params),
                    }
                )
            except ConnectionError:
                tally.fail("closed")
                return
            try:
                update = await asyncio.wait_for(tab.updates.get(), timeout)
            except TimeoutError:
                tally.timeouts += 1
                tally.fail("event timeout")
                continue
            if update.get("closed"):
                tally.fail("closed")
                return
            elapsed = (time.perf_counter() - started) * 1000
            tally.events_answered += 1
            if sent_at >= measure_from:
                tally.event_ms.append(elapsed)
                tally.event_at.append(sent_at - measure_from)
            scenario.learn(update, known)
            await asyncio.sleep(rnd.uniform(0.5 * think, 1.5 * think))
    finally:
        await tab.close()


async def _steady(usage: ServerUsage, tally: Tally, measure_from: float) -> None:
    """From `measure_from` on, count the server's CPU against the filter events alone."""
    await asyncio.sleep(max(0.0, measure_from - time.monotonic()))
    usage.begin()
    tally.events_at_begin = tally.events_answered
    tally.hydrates_at_begin = tally.connected


async def _drive(
    host: str,
    port: int,
    scenario: Scenario,
    clients: int,
    ramp: float,
    seconds: float,
    think: float,
    timeout: float,
    usage: ServerUsage,
) -> Tally:
    tally = Tally()
    measure_from = time.monotonic() + ramp + think  # after every tab has hydrated and thought
    stop_at = measure_from + seconds
    tasks = [asyncio.create_task(_steady(usage, tally, measure_from))]
    for n in range(clients):
        tasks.append(
            asyncio.create_task(
                _tab(n, host, port, scenario, tally, measure_from, stop_at, think, timeout)
            )
        )
        await asyncio.sleep(ramp / max(clients, 1))
    await asyncio.gather(*tasks)
    return tally


def _cpu_of(procs: list[psutil.Process]) -> float:
    total = 0.0
    for proc in procs:
        with suppress(psutil.NoSuchProcess):
            times = proc.cpu_times()
            total += times.user + times.system
    return total


def _local_postgres() -> list[psutil.Process]:
    """The processes of a PostgreSQL server on this machine (none for SQLite or a remote
    server): its backends serve the app's pools for the whole run."""
    found = []
    for proc in psutil.process_iter(["name"]):
        if proc.info["name"] == "postgres":
            found.append(proc)
    return found


class ServerUsage:
    """CPU time and RSS of a server's process tree, sampled while the load runs; beside it
    the CPU of a local PostgreSQL server and of this load generator (they share the
    machine's cores)."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.rss_peak = 0
        self.cpu_start = 0.0
        self.started = 0.0
        self.database_start = 0.0
        self.client_start = 0.0

    def _tree(self) -> list[psutil.Process]:
        try:
            return [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def _cpu(self) -> float:
        return _cpu_of(self._tree())

    def sample_rss(self) -> None:
        rss = 0
        for proc in self._tree():
            with suppress(psutil.NoSuchProcess):
                rss += proc.memory_info().rss
        self.rss_peak = max(self.rss_peak, rss)

    def begin(self) -> None:
        self.cpu_start, self.started = self._cpu(), time.monotonic()
        self.database_start = _cpu_of(_local_postgres())
        self.client_start = _cpu_of([psutil.Process()])

    def cores_busy(self) -> float:
        return self.cpu_seconds() / self.elapsed()

    def elapsed(self) -> float:
        return max(time.monotonic() - self.started, 1e-9)

    def cpu_seconds(self) -> float:
        return self._cpu() - self.cpu_start

    def database_seconds(self) -> float:
        return _cpu_of(_local_postgres()) - self.database_start

    def client_seconds(self) -> float:
        return _cpu_of([psutil.Process()]) - self.client_start


async def _sample(usage: ServerUsage, until: asyncio.Event) -> None:
    while not until.is_set():
        usage.sample_rss()
        await asyncio.sleep(1)


async def _measured(
    usage: ServerUsage, args: argparse.Namespace, port: int, scenario: Scenario
) -> Tally:
    done = asyncio.Event()
    sampler = asyncio.create_task(_sample(usage, done))
    try:
        return await _drive(
            "127.0.0.1",
            port,
            scenario,
            args.clients,
            args.ramp,
            args.seconds,
            args.think,
            args.timeout,
            usage,
        )
    finally:
        done.set()
        await sampler


def _pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


_SLICE = 10.0  # seconds


def _by_slice(tally: Tally) -> str:
    """Event p95 in each slice of the measured time: a tail left by the ramp's hydrates
    shows in the first slices, a steady one in all."""
    slices: dict[int, list[float]] = {}
    for at, ms in zip(tally.event_at, tally.event_ms, strict=True):
        slices.setdefault(int(at // _SLICE), []).append(ms)
    return " ".join(f"{_pct(slices[k], 95):.0f}" for k in sorted(slices))


def _report(label: str, tally: Tally, usage: ServerUsage, clients: int) -> str:
    # The events the server answered in the steady state: filter events, and hydrates of
    # late tabs if any.
    answered = (tally.events_answered - tally.events_at_begin) + (
        tally.connected - tally.hydrates_at_begin
    )
    per_event = usage.cpu_seconds() * 1000 / max(answered, 1)
    # Read before the lines: the elapsed time of every figure ends here.
    elapsed = usage.elapsed()
    database, client = usage.database_seconds(), usage.client_seconds()
    lines = [
        f"{label}:",
        f"  connected {tally.connected} of {clients}; errors {tally.errors} "
        f"(timeouts {tally.timeouts}) {tally.failures or ''}",
        f"  hydrate p50 {_pct(tally.hydrate_ms, 50):.1f} ms  "
        f"p95 {_pct(tally.hydrate_ms, 95):.1f} ms",
        f"  event   n={len(tally.event_ms)}  p50 {_pct(tally.event_ms, 50):.1f} ms  "
        f"p95 {_pct(tally.event_ms, 95):.1f} ms  max {max(tally.event_ms, default=0):.1f} ms",
        f"  event p95 by {_SLICE:.0f} s of the measured time: {_by_slice(tally)}",
        f"  server  CPU {usage.cores_busy():.2f} cores busy (steady state), "
        f"{per_event:.1f} ms per answered event  RSS peak {usage.rss_peak / 2**20:.0f} MiB",
        f"  local PostgreSQL CPU {database / elapsed:.2f} cores busy, "
        f"{database * 1000 / max(answered, 1):.1f} ms per answered event",
        f"  load generator CPU {client / elapsed:.2f} cores busy",
    ]
    return "\n".join(lines)


def _server_env(args: argparse.Namespace, port: int) -> dict[str, str]:
    return {
        "REFLEX_REDIS_URL": args.redis,
        "GRANIAN_WORKERS": str(args.workers),
        "DASNEZ_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "DASNEZ_THROTTLE_STORAGE": "memory://",
        "DASNEZ_SMTP_HOST": "",
    }


def _flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def _start_trivial(args: argparse.Namespace, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = reflex_env()
    # The state manager as the run command sets it for the apps (oplock with Redis).
    for key, value in STATE_LOCK_DEFAULTS.items():
        env.setdefault(key, value)
    env.update(
        _server_env(args, port),
        REFLEX_WEB_WORKDIR=str(TRIVIAL_DIR / ".web"),
        REFLEX_STATES_WORKDIR=str(TRIVIAL_DIR / ".states"),
        REFLEX_APP_NAME="trivial_app",
        PYTHONPATH=str(TRIVIAL_DIR),
    )
    log.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reflex",
            "run",
            "--env",
            "prod",
            "--frontend-port",
            str(port),
            "--loglevel",
            "warning",
        ],
        cwd=TRIVIAL_DIR,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _run_app(
    label: str,
    proc: subprocess.Popen[bytes],
    port: int,
    log: Path,
    scenario: Scenario,
    args: argparse.Namespace,
) -> str:
    try:
        wait_ready(proc, port, log)
        usage = ServerUsage(proc.pid)
        tally = asyncio.run(_measured(usage, args, port, scenario))
        return _report(label, tally, usage, args.clients)
    finally:
        stop([proc])
        text = log.read_text(errors="replace")
        warnings = text.count("held too long")
        print(f"{label}: 'Lock … held too long' warnings in the server log: {warnings}")


def _default_database(stack: ExitStack, listings: int, postgres: str) -> str:
    """A throw-away database filled like bench/search_bench.py's: on PostgreSQL (a new
    database next to `postgres`, dropped afterwards) or else SQLite."""
    from sqlalchemy import create_engine

    from bench.search_bench import database, populate
    from dasnez_core.cli import migrate

    url = stack.enter_context(database(postgres or None))
    migrate(url)
    populate(create_engine(url), listings)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--db", default="", help="database URL (default: a temp SQLite)")
    parser.add_argument(
        "--postgres", default="", help="admin URL: the temp database on PostgreSQL instead"
    )
    parser.add_argument("--slug", default="k0", help="the Kommune whose browse page to load")
    parser.add_argument("--listings", type=int, default=20_000, help="for the temp database")
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=60, help="measured time")
    parser.add_argument("--think", type=float, default=5.0)
    parser.add_argument("--ramp", type=float, default=20.0, help="seconds to connect all")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--port", type=int, default=3465)
    parser.add_argument("--trivial-port", type=int, default=3466)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--skip-trivial", action="store_true")
    args = parser.parse_args()

    with ExitStack() as stack:
        url = args.db or _default_database(stack, args.listings, args.postgres)
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="load-")))
        results = []
        _flush_redis(args.redis)
        extra = {
            **_server_env(args, args.port),
            "DASNEZ_DATABASE_URL": url,
            "DASNEZ_OUTBOX_DIR": str(tmp / "outbox"),
            "DASNEZ_UPLOAD_DIR": str(tmp / "uploads"),
            "DASNEZ_BUILD_SUFFIX": "-load",
        }
        log = tmp / "public.log"
        proc = start(APPS["public"], args.port, log, extra)
        results.append(
            _run_app("browse page", proc, args.port, log, browse_scenario(args.slug), args)
        )
        if not args.skip_trivial:
            _flush_redis(args.redis)
            log = tmp / "trivial.log"
            proc = _start_trivial(args, args.trivial_port, log)
            results.append(
                _run_app("trivial app", proc, args.trivial_port, log, trivial_scenario(), args)
            )
        _flush_redis(args.redis)
    print(
        f"\n{args.clients} clients, think {args.think}s, {args.seconds:.0f}s measured, "
        f"{args.workers} workers, Redis {args.redis}"
    )
    for result in results:
        print(result)


if __name__ == "__main__":
    main()
