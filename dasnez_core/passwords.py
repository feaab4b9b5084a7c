"""Password hashing (argon2id through passlib's API from libpass) and the password rules.

The rules follow NIST SP 800-63B: a minimum length, a generous maximum, no composition
rules, and a refusal of passwords known from breach lists.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from passlib.context import CryptContext

from dasnez_core.errors import InvalidInput

MIN_LENGTH = 10
MAX_LENGTH = 128

_context = CryptContext(schemes=["argon2"], deprecated="auto", argon2__type="ID")


def hash_password(password: str) -> str:
    return str(_context.hash(password))


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return bool(_context.verify(password, password_hash))
    except (ValueError, TypeError):
        return False


# A hash of a random string, verified against when the email is unknown, so that the
# answer takes as long as for a known email with a wrong password.
_DUMMY_HASH = _context.hash("dasnez-timing-equaliser-not-a-password")


def burn_time(password: str) -> None:
    verify_password(password, _DUMMY_HASH)


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    text = (Path(__file__).parent / "data" / "common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def check_password_rules(password: str, *, email: str = "", display_name: str = "") -> None:
    """Raise InvalidInput(field="password", …) if the password is not acceptable."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput("password", "password.too_short", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise InvalidInput("password", "password.too_long", max=MAX_LENGTH)
    lowered = password.lower()
    if lowered in _common_passwords() or len(set(lowered)) <= 2:
        raise InvalidInput("password", "password.common")
    personal = {email.lower(), email.lower().split("@")[0], display_name.lower()}
    if lowered in {p for p in personal if p}:
        raise InvalidInput("password", "password.personal")
