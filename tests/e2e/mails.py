"""Reading the mails the apps wrote into the test outbox (one .eml file each)."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path


def mails_to(outbox: Path, to: str) -> list[tuple[str, str]]:
    """(subject, text) of every mail to `to`, oldest first."""
    found = []
    for path in sorted(outbox.glob("*.eml")) if outbox.exists() else []:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == to:
            found.append((str(message["Subject"]), str(message.get_content())))  # type: ignore[attr-defined]
    return found


def confirmation_link(outbox: Path, to: str) -> str:
    """The registration link of the newest mail to `to`."""
    for _subject, text in reversed(mails_to(outbox, to)):
        match = re.search(r"(http://\S+/registrierung-bestaetigen\?token=[A-Za-z0-9_\-]+)", text)
        if match:
            return match.group(1)
    raise AssertionError(f"no confirmation link to {to} in {outbox}")
