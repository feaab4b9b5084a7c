"""Messages shown when the service cannot answer for a moment (the database is away)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "service.unavailable": (
        "Der Dienst ist gerade nicht erreichbar, bitte gleich noch einmal versuchen.",
        "The service cannot be reached right now, please try again in a moment.",
    ),
}
