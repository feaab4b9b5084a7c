"""Messages of the throttle (dasnez_core.throttle): how long to wait, in the right number."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "throttle.wait.one": (
        "Zu viele Versuche. Bitte warten Sie {minutes} Minute und versuchen Sie es dann erneut.",
        "Too many attempts. Please wait {minutes} minute and then try again.",
    ),
    "throttle.wait.other": (
        "Zu viele Versuche. Bitte warten Sie {minutes} Minuten und versuchen Sie es dann erneut.",
        "Too many attempts. Please wait {minutes} minutes and then try again.",
    ),
}
