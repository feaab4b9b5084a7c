"""Real processes for the fault tests: a throw-away PostgreSQL cluster, a Redis of their own,
and a look at a process tree (which pids are an app's granian workers)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from glob import glob
from pathlib import Path


def postgres_bin_dir() -> Path | None:
    """The newest installed PostgreSQL server's bin dir (with initdb and pg_ctl), or None."""
    found = sorted(
        (Path(p).parent for p in glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0,
    )
    found = [d for d in found if (d / "pg_ctl").exists() and (d / "postgres").exists()]
    return found[-1] if found else None


def _as_postgres(argv: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: as root, run them as the postgres user."""
    if os.geteuid() != 0:
        return argv
    runuser = shutil.which("runuser")
    assert runuser, "running as root needs runuser to start PostgreSQL as user postgres"
    return [runuser, "-u", "postgres", "--", *argv]


@dataclass
class Cluster:
    """A PostgreSQL cluster of the test's own on a spare port (never the shared server)."""

    bin_dir: Path
    data_dir: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/dasnez"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), *args]),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            timeout=120,
        )

    def init(self) -> None:
        self.data_dir.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.data_dir.parent, "postgres")
            shutil.chown(self.data_dir, "postgres")
        subprocess.run(
            _as_postgres(
                [
                    str(self.bin_dir / "initdb"),
                    "-D",
                    str(self.data_dir),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=120,
        )
        conf = self.data_dir / "postgresql.conf"
        with conf.open("a") as f:
            f.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.data_dir}'\nfsync = off\n"
                "max_connections = 200\n"
            )

    def start(self) -> None:
        self._pg_ctl("start", "-w", "-l", str(self.data_dir / "server.log"))

    def stop(self) -> None:
        self._pg_ctl("stop", "-m", "fast", "-w")

    def create_database(self) -> None:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute("CREATE DATABASE dasnez")


@dataclass
class Redis:
    port: int
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, directory: Path) -> None:
        self.proc = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while self.command("PING") != "PONG":
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)
        # The answer must come from this server, not from another one holding the port.
        time.sleep(0.3)
        assert self.proc.poll() is None, f"redis-server could not use port {self.port}"

    def command(self, *args: str) -> str:
        """One command over a plain socket (RESP), its simple-string answer or ""."""
        import socket

        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
                parts = [f"*{len(args)}\r\n"] + [f"${len(a)}\r\n{a}\r\n" for a in args]
                sock.sendall("".join(parts).encode())
                return sock.recv(1024).decode().strip().lstrip("+")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def children(pid: int) -> list[int]:
    """The pids whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid …; comm may hold spaces and parentheses.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def app_main(serve_pid: int, port: int) -> int | None:
    """The granian main process of the app `scripts/apps.py serve` runs on `port`: the child
    of that app's group leader (Reflex's JSON output supervisor)."""
    for leader in children(serve_pid):
        if f"--frontend-port {port} " in cmdline(leader) + " ":
            mains = children(leader)
            return mains[0] if mains else None
    return None


def workers(serve_pid: int, port: int) -> list[int]:
    main = app_main(serve_pid, port)
    return children(main) if main else []


def answers(url: str, timeout: float = 2) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def wait_until(condition, timeout: float, what: str) -> float:  # type: ignore[no-untyped-def]
    """Poll `condition` until true; return the seconds it took (a figure, never asserted)."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what}: not within {timeout:.0f} s")
        time.sleep(0.05)
    return time.monotonic() - start


def kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
