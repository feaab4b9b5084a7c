"""Throttling of the actions a stranger could repeat to guess, flood or annoy.

Every limit of the platform is a constant below, one per action × key (account, client
address, …), counted in a moving window by the `limits` library. The counters live in
Redis when the deployment has one (`DASNEZ_THROTTLE_STORAGE`, else `REFLEX_REDIS_URL`), so
that a limit holds across all workers of both apps; otherwise in the process's memory
(the embedded default has one worker per app).

Keys are hashed before they are stored: the counters hold no email address in plain text.
The answer never depends on whether an account exists: unknown addresses are counted and
refused exactly like known ones.
"""

from __future__ import annotations

import hashlib
import math
import os
import time
from dataclasses import dataclass
from functools import lru_cache

from limits import RateLimitItem, RateLimitItemPerHour, RateLimitItemPerMinute
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from dasnez_core.config import load_settings
from dasnez_core.errors import DomainError

MEMORY = "memory://"


@dataclass(frozen=True)
class Limit:
    """At most `item.amount` events per window for one key of one kind."""

    item: RateLimitItem

    @property
    def name(self) -> str:
        return self.item.namespace


def _per_minutes(name: str, amount: int, minutes: int) -> Limit:
    return Limit(RateLimitItemPerMinute(amount, minutes, namespace=name))


def _per_hours(name: str, amount: int, hours: int = 1) -> Limit:
    return Limit(RateLimitItemPerHour(amount, hours, namespace=name))


# --- the limits ------------------------------------------------------------------------------
# Login counts FAILED attempts only; a correct password clears the account's counter (not
# the address's: one valid account must not reset an attacker's address). Once a counter
# is full, even the right password is refused until the window has moved on.
LOGIN_FAILURES_PER_ACCOUNT = _per_minutes("login-account", 5, 15)
# Generous enough for a town hall or care home behind one address.
LOGIN_FAILURES_PER_ADDRESS = _per_minutes("login-address", 20, 15)
# Registration, reset and email change count every attempt (they send or will send mail).
# Per address generous enough for a school class or a care home registering in one hour
# behind one address (each account still needs its mail confirmed and the Kommune's
# approval); per email tight, so that nobody is mail-bombed with confirmation links.
REGISTRATIONS_PER_ADDRESS = _per_hours("register-address", 30)
REGISTRATIONS_PER_EMAIL = _per_hours("register-email", 3)
# "Ihre Kommune ist noch nicht dabei." sign-ups: their own quota, not the registrations'.
INTEREST_PER_ADDRESS = _per_hours("interest-address", 5)
RESETS_PER_ACCOUNT = _per_hours("reset-account", 5)
RESETS_PER_ADDRESS = _per_hours("reset-address", 10)
EMAIL_CHANGES_PER_ACCOUNT = _per_hours("email-change-account", 3)
EMAIL_CHANGES_PER_TARGET = _per_hours("email-change-target", 3)  # mails to one stranger
EMAIL_CHANGES_PER_ADDRESS = _per_hours("email-change-address", 10)
# A young person asking a parent's consent from their account page: mail to someone else,
# limited per account and per parent's address like a registration's confirmation mail.
PARENT_REQUESTS_PER_ACCOUNT = _per_hours("parent-request-account", 3)
PARENT_REQUESTS_PER_TARGET = _per_hours("parent-request-target", 3)
# Reports, anonymous ones too: the moderation queue must not be flooded.
REPORTS_PER_ADDRESS = _per_hours("report-address", 10)
REPORTS_PER_LISTING_AND_ADDRESS = _per_hours("report-listing-address", 5)
REPORTS_PER_ACCOUNT = _per_hours("report-account", 10)
MESSAGES_PER_ACCOUNT = _per_minutes("message-account", 30, 10)
MESSAGES_PER_ADDRESS = _per_minutes("message-address", 60, 10)
# The public read API (/api/v1): per client address, generous for a school's website
# that asks once per visitor, tight enough that nobody copies the marketplace in a minute.
API_REQUESTS_PER_ADDRESS = _per_minutes("api-address", 120, 1)


class TooManyAttempts(DomainError):
    """Refused by a limit; `minutes` says how long to wait (rounded up, at least 1)."""

    def __init__(self, wait_seconds: float) -> None:
        minutes = max(1, math.ceil(wait_seconds / 60))
        super().__init__("throttle.wait.one" if minutes == 1 else "throttle.wait.other")
        self.params = {"minutes": minutes}
        self.wait_seconds = wait_seconds


def _hashed(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]


def address_key(client: str) -> str:
    """The key for a client address ("" when the handler could not tell: one shared key)."""
    return client.strip() or "unknown"


Check = tuple[Limit, str]


class Throttle:
    """The limiter over one storage (memory, or Redis shared by all workers)."""

    def __init__(self, storage_uri: str = MEMORY) -> None:
        options: dict[str, str] = {}
        if storage_uri.split("://", 1)[0].startswith("redis"):
            options["key_prefix"] = "dasnez-throttle"
        storage = storage_from_string(storage_uri, **options)
        if not isinstance(storage, Storage):  # an async+… URI: not for these sync services
            raise ValueError(f"throttle storage must be synchronous: {storage_uri!r}")
        self.storage = storage
        self._limiter = MovingWindowRateLimiter(self.storage)

    def _wait(self, limit: Limit, key: str) -> float:
        reset_at, _remaining = self._limiter.get_window_stats(limit.item, _hashed(key))
        return max(0.0, reset_at - time.time())

    def check(self, *checks: Check) -> None:
        """Raise TooManyAttempts if any of the counters is full (counts nothing)."""
        waits = [
            self._wait(limit, key)
            for limit, key in checks
            if not self._limiter.test(limit.item, _hashed(key))
        ]
        if waits:
            raise TooManyAttempts(max(waits))

    def count(self, *checks: Check) -> None:
        """Count one event on each counter, without refusing (e.g. a failed login)."""
        for limit, key in checks:
            self._limiter.hit(limit.item, _hashed(key))

    def attempt(self, *checks: Check) -> None:
        """Refuse if any counter is full, else count this attempt on all of them."""
        self.check(*checks)
        refused = [
            (limit, key) for limit, key in checks if not self._limiter.hit(limit.item, _hashed(key))
        ]
        if refused:  # another worker filled it between check and hit
            raise TooManyAttempts(max(self._wait(limit, key) for limit, key in refused))

    def clear(self, *checks: Check) -> None:
        for limit, key in checks:
            self._limiter.clear(limit.item, _hashed(key))

    def clear_all(self) -> None:
        """Forget every counter of this storage (tests, or an operator after an incident)."""
        self.storage.reset()


def storage_uri() -> str:
    """`DASNEZ_THROTTLE_STORAGE`, else Reflex's Redis (`REFLEX_REDIS_URL`), else memory."""
    return load_settings().throttle_storage or os.environ.get("REFLEX_REDIS_URL", "") or MEMORY


@lru_cache(maxsize=4)
def _throttle_for(uri: str) -> Throttle:
    return Throttle(uri)


def throttle() -> Throttle:
    """The process's limiter for the configured storage."""
    return _throttle_for(storage_uri())
