"""Master data of a Kommune, kept by its admins: the profile here, and the checks that
areas (masterdata_areas), categories (masterdata_catalog) and the Kommune page's sponsors
and Info-Box (masterdata_public) share.

Every change is allowed only to an admin of that Kommune, is audited, and reaches the public
app at once: it reads all of this per request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.contrast import AA_NORMAL_TEXT, WHITE, Ratio, contrast_ratio, normalise_hex
from dasnez_core.emails import check_email
from dasnez_core.errors import InvalidInput, Problems
from dasnez_core.models import AuditAction, Exchange, ExchangeType
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit
from dasnez_core.services.auth import clean_text
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.uploads import discard_after_commit, store_logo_in

PAGE_SIZE = 50
NAME_MIN = 2
LISTING_DAYS = (7, 365)
REMINDER_DAYS = (1, 30)
URL_MAX = 500
_PHONE = re.compile(r"[0-9 +()/\-]*")
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
T = TypeVar("T")


def require_admin(actor: Actor, kommune_id: int) -> None:
    """Only an admin of this very Kommune keeps its master data (platform staff do not)."""
    require(actor, Action.MANAGE_MASTERDATA, kommune_id)


def clean_name(raw: str, field: str, maximum: int) -> str:
    """A one-line name: cleaned, inner whitespace folded, NAME_MIN..maximum characters."""
    name = " ".join(clean_text(raw).split())
    if len(name) < NAME_MIN:
        raise InvalidInput(field, "masterdata.name_too_short", min=NAME_MIN)
    if len(name) > maximum:
        raise InvalidInput(field, "masterdata.name_too_long", max=maximum)
    return name


def clean_optional(raw: str, field: str, maximum: int) -> str:
    """An optional one-line text (empty allowed)."""
    value = " ".join(clean_text(raw).split())
    if len(value) > maximum:
        raise InvalidInput(field, "masterdata.text_too_long", max=maximum)
    return value


def same_name(a: str, b: str) -> bool:
    """Names that a person would read as the same ("Boke" and "boke")."""
    return a.casefold() == b.casefold()


def clean_url(raw: str, field: str, *, required: bool) -> str:
    """A web address a browser may open: http:// or https:// with a host, nothing else."""
    url = raw.strip()
    if not url:
        if required:
            raise InvalidInput(field, "masterdata.url_required")
        return ""
    if len(url) > URL_MAX:
        raise InvalidInput(field, "masterdata.url_too_long", max=URL_MAX)
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise InvalidInput(field, "masterdata.url_invalid") from None
    if (
        parts.scheme.lower() not in ("http", "https")
        or not host
        or parts.username is not None
        or any(ch.isspace() or ord(ch) < 32 for ch in url)
    ):
        raise InvalidInput(field, "masterdata.url_invalid")
    return url


def parse_date(raw: str, field: str) -> date | None:
    """A date as a date field sends it (2026-05-01) or as typed (01.05.2026); empty → None."""
    text = raw.strip()
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise InvalidInput(field, "masterdata.date_invalid")


def check_period(start: date | None, end: date | None, field: str) -> None:
    if start is not None and end is not None and end < start:
        raise InvalidInput(field, "masterdata.period_end_before_start")


def iso_date(day: date | None) -> str:
    return day.isoformat() if day else ""


def period_state(start: date | None, end: date | None, today: date) -> str:
    """ "planned", "shown" or "ended": where `today` lies in the period (open ends allowed)."""
    if start is not None and today < start:
        return "planned"
    if end is not None and today > end:
        return "ended"
    return "shown"


def pages_for(total: int) -> int:
    return max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)


def page_slice(rows: Sequence[T], page: int) -> tuple[list[T], int, int]:
    """(rows of `page`, the page actually shown, number of pages), PAGE_SIZE rows a page."""
    pages = pages_for(len(rows))
    shown = min(max(page, 1), pages)
    start = (shown - 1) * PAGE_SIZE
    return list(rows[start : start + PAGE_SIZE]), shown, pages


class _Ordered(Protocol):
    id: int | None
    position: int


def move_in_order(rows: Sequence[_Ordered], row_id: int, direction: str) -> bool:
    """Swap a row with its neighbour ("up" or "down") and number all 1..n; False if it was
    already first or last. `rows` come sorted by (position, id)."""
    ids = [r.id for r in rows]
    index = ids.index(row_id)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(rows):
        return False
    ordered = list(rows)
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for number, row in enumerate(ordered, start=1):
        row.position = number
    return True


# --- profile -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExchangeSwitch:
    type: str
    enabled: bool


@dataclass(frozen=True)
class KommuneProfile:
    """What the admin edits on the profile page."""

    name: str
    slug: str
    contact_name: str
    contact_email: str
    contact_phone: str
    contact_address: str
    listing_days: int
    reminder_days: int
    premoderation: bool
    exchanges: list[ExchangeSwitch]
    logo: str = ""  # stored file name, "" without a logo
    accent_color: str = ""  # "#rrggbb", "" for the default palette


@dataclass(frozen=True)
class ProfileInput:
    """The profile form as sent (the day counts as typed, checked here)."""

    name: str
    contact_name: str
    contact_email: str
    contact_phone: str
    contact_address: str
    listing_days: str
    reminder_days: str
    enabled_exchanges: frozenset[str]
    premoderation: bool
    accent_color: str = ""


def _exchanges(db: Session, kommune_id: int) -> dict[str, Exchange]:
    rows = db.exec(select(Exchange).where(Exchange.kommune_id == kommune_id)).all()
    return {e.type: e for e in rows}


def get_profile(db: Session, actor: Actor, kommune_id: int) -> KommuneProfile:
    require_admin(actor, kommune_id)
    kommune = get_kommune(db, kommune_id)
    exchanges = _exchanges(db, kommune_id)
    return KommuneProfile(
        name=kommune.name,
        slug=kommune.slug,
        contact_name=kommune.contact_name,
        contact_email=kommune.contact_email,
        contact_phone=kommune.contact_phone,
        contact_address=kommune.contact_address,
        listing_days=kommune.listing_days,
        reminder_days=kommune.reminder_days,
        premoderation=kommune.premoderation,
        exchanges=[
            ExchangeSwitch(t.value, bool(exchanges.get(t) and exchanges[t].enabled))
            for t in ExchangeType
        ],
        logo=kommune.logo_path,
        accent_color=kommune.accent_color,
    )


def clean_accent_color(raw: str) -> str:
    """ "" or "#rrggbb" that carries white text at WCAG 2.1 AA (4.5:1); else InvalidInput
    naming the ratio it reaches."""
    text = raw.strip()
    if not text:
        return ""
    try:
        colour = normalise_hex(text)
    except ValueError:
        raise InvalidInput("accent_color", "accent.invalid") from None
    ratio = contrast_ratio(colour, WHITE)
    if ratio < AA_NORMAL_TEXT:
        # Rounded down, so that the message never shows 4,50 for a colour it refuses.
        raise InvalidInput(
            "accent_color", "accent.too_light", colour=colour, ratio=Ratio(int(ratio * 100) / 100)
        )
    return colour


def _days(raw: str, field: str, limits: tuple[int, int], key: str) -> int:
    text = raw.strip()
    if not text.isdigit() or len(text) > 4 or not limits[0] <= int(text) <= limits[1]:
        raise InvalidInput(field, key, min=limits[0], max=limits[1])
    return int(text)


def _contact_email(raw: str, problems: Problems) -> str | None:
    """The Kommune's contact address (required, at most 200 characters)."""
    if not raw.strip():
        problems.add("contact_email", "masterdata.contact_email_required")
        return None
    address = problems.check(lambda: check_email(raw, "contact_email"))
    if address is not None and len(address) > 200:
        problems.add("contact_email", "email.invalid")
        return None
    return address


def update_profile(db: Session, actor: Actor, kommune_id: int, change: ProfileInput) -> None:
    """Save name, contact, run time, reminder, exchanges and pre-moderation (all or nothing).

    A new run time applies to listings published or renewed from now on.
    """
    require_admin(actor, kommune_id)
    kommune = get_kommune(db, kommune_id)
    problems = Problems()
    name = problems.check(lambda: clean_name(change.name, "name", 120))
    contact_name = problems.check(lambda: clean_optional(change.contact_name, "contact_name", 200))
    contact_email = _contact_email(change.contact_email, problems)
    phone = problems.check(lambda: clean_optional(change.contact_phone, "contact_phone", 60))
    if phone is not None and not _PHONE.fullmatch(phone):
        problems.add("contact_phone", "masterdata.phone_invalid")
    address = problems.check(lambda: clean_optional(change.contact_address, "contact_address", 300))
    listing_days = problems.check(
        lambda: _days(
            change.listing_days, "listing_days", LISTING_DAYS, "masterdata.listing_days_range"
        )
    )
    reminder_days = problems.check(
        lambda: _days(
            change.reminder_days, "reminder_days", REMINDER_DAYS, "masterdata.reminder_days_range"
        )
    )
    if listing_days is not None and reminder_days is not None and reminder_days >= listing_days:
        problems.add("reminder_days", "masterdata.reminder_not_before_end")
    accent = problems.check(lambda: clean_accent_color(change.accent_color))
    wanted = {t for t in ExchangeType if t.value in change.enabled_exchanges}
    if not wanted:
        problems.add("exchanges", "masterdata.exchange_required")
    problems.raise_if_any()
    assert name is not None and contact_name is not None and contact_email is not None
    assert phone is not None and address is not None
    assert listing_days is not None and reminder_days is not None and accent is not None

    kommune.name = name
    kommune.contact_name = contact_name
    kommune.contact_email = contact_email
    kommune.contact_phone = phone
    kommune.contact_address = address
    kommune.listing_days = listing_days
    kommune.reminder_days = reminder_days
    kommune.premoderation = change.premoderation
    kommune.accent_color = accent
    db.add(kommune)
    existing = _exchanges(db, kommune_id)
    for ex_type in ExchangeType:
        row = existing.get(ex_type)
        if row is None and ex_type in wanted:
            db.add(Exchange(kommune_id=kommune_id, type=ex_type.value, enabled=True))
        elif row is not None and row.enabled != (ex_type in wanted):
            row.enabled = ex_type in wanted
            db.add(row)
    audit.record(
        db,
        actor,
        action=AuditAction.UPDATE_PROFILE,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
    )
    db.flush()


def set_kommune_logo(db: Session, actor: Actor, kommune_id: int, data: bytes, filename: str) -> str:
    """Check and store a new logo for the Kommune page (PNG, JPEG or WebP, at most 1 MB)."""
    require_admin(actor, kommune_id)
    kommune = get_kommune(db, kommune_id)
    discard_after_commit(db, kommune.logo_path)
    kommune.logo_path = store_logo_in(db, data, filename)
    db.add(kommune)
    audit.record(
        db,
        actor,
        action=AuditAction.UPDATE_PROFILE,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
        reason="logo",
    )
    db.flush()
    return kommune.logo_path


def remove_kommune_logo(db: Session, actor: Actor, kommune_id: int) -> None:
    require_admin(actor, kommune_id)
    kommune = get_kommune(db, kommune_id)
    discard_after_commit(db, kommune.logo_path)
    kommune.logo_path = ""
    db.add(kommune)
    audit.record(
        db,
        actor,
        action=AuditAction.UPDATE_PROFILE,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
        reason="logo_removed",
    )
    db.flush()


def exchange_choices(db: Session, actor: Actor, kommune_id: int) -> list[tuple[int, str, bool]]:
    """(id, type, enabled) of all the Kommune's exchanges, switched on or not."""
    require_admin(actor, kommune_id)
    rows = db.exec(
        select(Exchange).where(Exchange.kommune_id == kommune_id).order_by(col(Exchange.id))
    ).all()
    return [(e.id, e.type, e.enabled) for e in rows if e.id is not None]
