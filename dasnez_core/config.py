"""Settings read from the environment, with embedded defaults for a single machine.

One `Settings` object holds every `DASNEZ_…` variable the platform reads (the README's
configuration table). `load_settings()` follows the environment: tests change it between
runs. Building the object costs about 2 ms (pydantic-settings), and an event handler used to
pay that on every event (its session cookie's name), so the object is kept for as long as
the `DASNEZ_…` variables stay the same.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import AliasGenerator, Field, field_validator
from pydantic_core import PydanticUseDefault
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

ENV_PREFIX = "DASNEZ_"

AppKind = Literal["public", "admin"]

# A page served from one of these names is served from this machine: for an app configured
# as `http://localhost:3000`, `http://127.0.0.1:3000` is the same app (the local run).
_LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _env_name(field_name: str) -> str:
    return f"{ENV_PREFIX}{field_name.upper()}"


def _default_database_url() -> str:
    return f"sqlite:///{PROJECT_ROOT / 'var' / 'dasnez.db'}"


class Settings(BaseSettings):
    """Runtime settings; each field is read from `DASNEZ_<FIELD NAME IN CAPITALS>`."""

    # The alias repeats the prefix so that pydantic's error for a bad value names the
    # environment variable (DASNEZ_SMTP_PORT), not the Python field (smtp_port).
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        alias_generator=AliasGenerator(validation_alias=_env_name),
        frozen=True,
    )

    database_url: str = Field(default_factory=_default_database_url)
    public_port: int = 3000
    admin_port: int = 3001
    session_idle_minutes: int = 120
    session_absolute_hours: int = 720
    secure_cookies: bool = False
    public_url: str = "http://localhost:3000"
    admin_url: str = "http://localhost:3001"
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    mail_from: str = "dasnez <noreply@dasnez.example>"
    outbox_dir: Path = PROJECT_ROOT / "var" / "outbox"
    upload_dir: Path = PROJECT_ROOT / "var" / "uploads"
    # Where the throttle counts (dasnez_core.throttle): "" = REFLEX_REDIS_URL if set, else
    # memory. Any `limits` storage URI, e.g. redis://host:6379/2.
    throttle_storage: str = ""
    # Who runs the platform: named in its own Impressum, privacy notice and accessibility
    # statement (the pages outside a Kommune); empty fields show as a visible placeholder.
    operator_name: str = ""
    operator_address: str = ""
    operator_email: str = ""
    operator_phone: str = ""
    # Seconds an app worker trusts its cached copy of a Kommune's master data before it
    # compares the version in the database (dasnez_core.services.masterdata_cache).
    masterdata_ttl: float = 1.0
    # Threads per app process that run event handlers' database work (dasnez_ui.db_thread);
    # at most the PostgreSQL pool (dasnez_core.db.POOL_SIZE).
    db_threads: int = Field(default=8, ge=1, le=10)
    # `cli backup`: where the backup files go and how many of them stay (dasnez_core.backup).
    backup_dir: Path = PROJECT_ROOT / "var" / "backups"
    backup_keep: int = Field(default=14, ge=1)
    # `scripts/apps.py serve` runs the scheduled jobs beside both apps unless this is off
    # (production runs `cli worker` instead; dasnez_core.jobs).
    run_jobs: bool = True

    @field_validator(
        "database_url",
        "outbox_dir",
        "upload_dir",
        "secure_cookies",
        "smtp_starttls",
        "backup_dir",
        "run_jobs",
        mode="before",
    )
    @classmethod
    def _empty_means_default(cls, value: Any) -> Any:
        """`DASNEZ_DATABASE_URL=` (set but empty) means the default, as an unset variable."""
        if value == "":
            raise PydanticUseDefault()
        return value

    @field_validator("public_url", "admin_url")
    @classmethod
    def _without_trailing_slash(cls, value: str) -> str:
        """Links are built as `{public_url}/k/…`: one slash, whatever the operator wrote."""
        value = value.rstrip("/")
        url_origin(value)  # refuse at start what cannot be an origin
        return value

    def allowed_origins(self, app: AppKind) -> tuple[str, ...]:
        """The browser origins that may open the app's websocket and make CORS requests.

        Only the app's own configured address (DASNEZ_PUBLIC_URL / DASNEZ_ADMIN_URL):
        the two apps never call each other from a browser. An address on this machine
        (`localhost`, `127.0.0.1`, `[::1]`) also admits the other loopback names with the
        same port, so the local run works whichever of them a person types.
        """
        url = self.public_url if app == "public" else self.admin_url
        own = url_origin(url)
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host not in {name.strip("[]") for name in _LOOPBACK_HOSTS}:
            return (own,)
        port = parts.port or _DEFAULT_PORTS[parts.scheme]
        suffix = "" if port == _DEFAULT_PORTS[parts.scheme] else f":{port}"
        aliases = tuple(f"{parts.scheme}://{name}{suffix}" for name in _LOOPBACK_HOSTS)
        return (own, *(alias for alias in aliases if alias != own))


def url_origin(url: str) -> str:
    """The origin a browser sends for pages under `url`: scheme://host[:port], no path.

    Raises:
        ValueError: `url` is not an absolute http(s) address.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an http(s) address: {url!r}")
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port is None or port == _DEFAULT_PORTS[parts.scheme]:
        return f"{parts.scheme}://{host}"
    return f"{parts.scheme}://{host}:{port}"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings anew (tests change the environment between runs).

    Args:
        environ: `DASNEZ_…` values that win over the process environment, e.g. the
            environment a child process is about to get.
    """
    if environ is None:
        return _settings_for(_our_environment())
    names = {_env_name(name) for name in Settings.model_fields}
    return Settings.model_validate({key: value for key, value in environ.items() if key in names})


def _our_environment() -> tuple[tuple[str, str], ...]:
    """The process's `DASNEZ_…` variables, sorted: the key of the settings read from them.

    pydantic-settings matches names without regard to case. On POSIX the bytes behind
    os.environ are scanned and only our variables decoded: decoding every variable cost
    20-60 µs a call, and the apps read a setting in every event (the session cookie's name).
    """
    raw = getattr(os.environ, "_data", None)
    if os.name == "posix" and isinstance(raw, dict):
        prefix = ENV_PREFIX.encode()
        return tuple(
            sorted(
                (os.fsdecode(key), os.fsdecode(value))
                for key, value in raw.items()
                if key[: len(prefix)].upper() == prefix
            )
        )
    ours = (item for item in os.environ.items() if item[0].upper().startswith(ENV_PREFIX))
    return tuple(sorted(ours))


@lru_cache(maxsize=16)
def _settings_for(_environment: tuple[tuple[str, str], ...]) -> Settings:
    """The settings of one set of `DASNEZ_…` values (the key; Settings reads them itself)."""
    return Settings()
