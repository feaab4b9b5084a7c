"""Settings read from the environment, with embedded defaults for a single machine."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Runtime settings; every field has an environment variable of the same name."""

    database_url: str
    session_idle_minutes: int
    session_absolute_hours: int
    secure_cookies: bool


def _default_database_url() -> str:
    return f"sqlite:///{PROJECT_ROOT / 'var' / 'dasnez.db'}"


def load_settings() -> Settings:
    """Read the settings anew (tests change the environment between runs)."""
    return Settings(
        database_url=os.environ.get("DASNEZ_DATABASE_URL") or _default_database_url(),
        session_idle_minutes=int(os.environ.get("DASNEZ_SESSION_IDLE_MINUTES", "120")),
        session_absolute_hours=int(os.environ.get("DASNEZ_SESSION_ABSOLUTE_HOURS", "720")),
        secure_cookies=os.environ.get("DASNEZ_SECURE_COOKIES", "0") == "1",
    )
