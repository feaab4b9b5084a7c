"""Zeitkonto (time accounts for Zeitspende), after TimeOverflow's time bank.

A Zeitspende agreement that both sides have confirmed books its hours in the same
transaction as the second confirmation (`book_agreement`, called by
`contact.confirm_agreement` on the locked agreement row), exactly once: a credit for the
helper and, when the Kommune runs a time bank, a debit for the receiver. The receiver's
account may go below zero only as far as the Kommune's overdraft limit; a confirmation
that would go further is refused with a message naming the limit, and nothing is saved.
A Kommune that only counts donated hours (the default) books no debit.

Entries are never changed: an admin corrects one with a further entry that names it and
the reason (audited). Hours are kept as whole minutes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, literal_column
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound, Problems
from dasnez_core.formatting import (
    LOCAL_TIME,
    format_date,
    format_number,
    local_today,
    parse_decimal,
)
from dasnez_core.models import (
    Agreement,
    Area,
    AuditAction,
    Exchange,
    ExchangeType,
    Kommune,
    Listing,
    TimebankMode,
    TimebankSettings,
    TimeEntry,
    TimeEntryKind,
    User,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit
from dasnez_core.services.auth import clean_text
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.transitions import locked_one

MINUTES = 60
# The Ehrenamtskarte NRW asks for 250 hours of voluntary work a year (or 5 hours a week).
EHRENAMTSKARTE_HOURS = 250
OVERDRAFT_MAX = 500
CORRECTION_MAX_HOURS = Decimal("100")
REASON_MIN, REASON_MAX = 5, 500
STATEMENT_PAGE = 50
CERTIFICATE_MAX_DAYS = 3 * 366
TOTALS_MONTHS = 12


# --- settings -------------------------------------------------------------------------------


def settings_of(db: Session, kommune_id: int) -> TimebankSettings:
    """The Kommune's settings (an unsaved default row: donations only, when it has none)."""
    row = db.exec(select(TimebankSettings).where(TimebankSettings.kommune_id == kommune_id)).first()
    return row or TimebankSettings(kommune_id=kommune_id)


def update_settings(
    db: Session, actor: Actor, kommune_id: int, mode: str, overdraft_hours: str
) -> None:
    """The admin chooses donations only or a time bank, and the overdraft limit (0–500 h)."""
    require(actor, Action.MANAGE_TIMEBANK, kommune_id)
    problems = Problems()
    if mode not in (TimebankMode.DONATIONS, TimebankMode.TIMEBANK):
        problems.add("mode", "timebank.mode_required")
    raw = overdraft_hours.strip()
    limit = int(raw) if raw.isdigit() else -1
    if not 0 <= limit <= OVERDRAFT_MAX:
        problems.add("overdraft_hours", "timebank.overdraft_invalid", max=OVERDRAFT_MAX)
    problems.raise_if_any()
    row = locked_one(db, TimebankSettings, col(TimebankSettings.kommune_id) == kommune_id)
    if row is None:
        row = TimebankSettings(kommune_id=kommune_id)
    row.mode, row.overdraft_hours, row.updated_at = mode, limit, utcnow()
    db.add(row)
    audit.record(
        db,
        actor,
        action=AuditAction.UPDATE_TIMEBANK_SETTINGS,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
        reason=f"mode={mode}; overdraft_hours={limit}",
    )
    db.flush()


# --- booking --------------------------------------------------------------------------------


def _minutes(hours: float | Decimal) -> int:
    return round(Decimal(str(hours)) * MINUTES)


def _hours_text(minutes: int, lang: str) -> str:
    return format_number(Decimal(minutes) / MINUTES, lang, decimals=2)


def _balance(db: Session, kommune_id: int, user_id: int) -> int:
    total = db.exec(
        select(func.coalesce(func.sum(TimeEntry.minutes), 0)).where(
            TimeEntry.kommune_id == kommune_id, TimeEntry.user_id == user_id
        )
    ).one()
    return int(total)


def _is_zeitspende(db: Session, kommune_id: int, listing_id: int | None) -> Listing | None:
    """The agreement's listing if it is a Zeitspende listing of this Kommune."""
    if listing_id is None:
        return None
    row = db.execute(
        sa_select(Listing, col(Exchange.type))
        .join(Exchange, col(Exchange.id) == Listing.exchange_id)
        .where(col(Listing.id) == listing_id, col(Listing.kommune_id) == kommune_id)
    ).first()
    if row is None or row[1] != ExchangeType.ZEITSPENDE:
        return None
    listing: Listing = row[0]
    return listing


def check_room(db: Session, agreement: Agreement, lang: str = "de", *, lock: bool = False) -> None:
    """Refuse (InvalidInput on "value") an agreement whose debit would take the receiver
    below the Kommune's overdraft limit. With `lock` the receiver's row is locked first, so
    two confirmations for the same receiver are checked one after the other."""
    if agreement.hours is None or agreement.seeker_id is None:
        return
    if _is_zeitspende(db, agreement.kommune_id, agreement.listing_id) is None:
        return
    settings = settings_of(db, agreement.kommune_id)
    if settings.mode != TimebankMode.TIMEBANK:
        return
    if lock:
        locked_one(db, User, col(User.id) == agreement.seeker_id)
    balance = _balance(db, agreement.kommune_id, agreement.seeker_id)
    after = balance - _minutes(agreement.hours)
    if after < -settings.overdraft_hours * MINUTES:
        raise InvalidInput(
            "value",
            "timebank.overdraft",
            limit=format_number(settings.overdraft_hours, lang),
            balance=_signed(balance, lang),
        )


def book_agreement(db: Session, agreement: Agreement, lang: str = "de") -> bool:
    """Book a confirmed Zeitspende agreement's hours (once; True if it booked now).

    Called in the confirming transaction with the agreement row locked; the unique key
    (agreement, kind) is the last guard against a second booking."""
    if agreement.hours is None or agreement.helper_id is None:
        return False
    listing = _is_zeitspende(db, agreement.kommune_id, agreement.listing_id)
    if listing is None:
        return False
    agreement_id = id_of(agreement)
    booked = db.exec(select(TimeEntry.id).where(TimeEntry.agreement_id == agreement_id)).first()
    if booked is not None:
        return False
    check_room(db, agreement, lang, lock=True)
    minutes = _minutes(agreement.hours)

    def entry(user_id: int, kind: TimeEntryKind, signed: int) -> TimeEntry:
        return TimeEntry(
            kommune_id=agreement.kommune_id,
            user_id=user_id,
            kind=kind,
            minutes=signed,
            agreement_id=agreement_id,
            district_id=listing.district_id,
            title=listing.title[:120],
        )

    db.add(entry(agreement.helper_id, TimeEntryKind.CREDIT, minutes))
    settings = settings_of(db, agreement.kommune_id)
    if settings.mode == TimebankMode.TIMEBANK and agreement.seeker_id is not None:
        db.add(entry(agreement.seeker_id, TimeEntryKind.DEBIT, -minutes))
    db.flush()
    return True


# --- the person's account -------------------------------------------------------------------


@dataclass(frozen=True)
class EntryRow:
    """One line of a statement. `hours` is signed ("+2,00", "−1,50")."""

    id: int
    booked_on: str
    title: str
    kind: str  # credit | debit | correction
    hours: str
    reason: str


@dataclass(frozen=True)
class AccountView:
    mode: str
    balance: str
    balance_negative: bool
    donated_total: str
    donated_this_year: str
    # Share of the Ehrenamtskarte's 250 hours reached in the current calendar year (0–100).
    card_progress: int
    overdraft_hours: int
    rows: list[EntryRow]
    page: int
    has_next: bool


def _owner(actor: Actor, kommune_id: int) -> int:
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    require(actor, Action.VIEW_OWN_TIME_ACCOUNT, kommune_id)
    return actor.user_id


def _signed(minutes: int, lang: str) -> str:
    sign = "+" if minutes >= 0 else "−"
    return sign + _hours_text(abs(minutes), lang)


def _row(entry: TimeEntry, lang: str) -> EntryRow:
    kind = "correction" if entry.corrects_id is not None else entry.kind
    return EntryRow(
        id=id_of(entry),
        booked_on=format_date(entry.booked_at, lang),
        title=entry.title,
        kind=kind,
        hours=_signed(entry.minutes, lang),
        reason=entry.reason,
    )


def _donated(
    db: Session,
    kommune_id: int,
    user_id: int,
    start: datetime | None = None,
    end: datetime | None = None,
) -> int:
    """Minutes donated (credits and their corrections) in [start, end)."""
    stmt = select(func.coalesce(func.sum(TimeEntry.minutes), 0)).where(
        TimeEntry.kommune_id == kommune_id,
        TimeEntry.user_id == user_id,
        TimeEntry.kind == TimeEntryKind.CREDIT,
    )
    if start is not None:
        stmt = stmt.where(col(TimeEntry.booked_at) >= start)
    if end is not None:
        stmt = stmt.where(col(TimeEntry.booked_at) < end)
    return int(db.exec(stmt).one())


def _day_start(day: date) -> datetime:
    """The first moment of a German calendar day (as an aware datetime)."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TIME)


def card_progress(minutes: int) -> int:
    return min(100, math.floor(minutes * 100 / (EHRENAMTSKARTE_HOURS * MINUTES)))


def account(
    db: Session, actor: Actor, kommune_id: int, page: int = 1, lang: str = "de"
) -> AccountView:
    """The actor's own balance and statement (newest first, STATEMENT_PAGE a page)."""
    user_id = _owner(actor, kommune_id)
    page = max(1, min(page, 10_000))
    entries = db.exec(
        select(TimeEntry)
        .where(TimeEntry.kommune_id == kommune_id, TimeEntry.user_id == user_id)
        .order_by(col(TimeEntry.booked_at).desc(), col(TimeEntry.id).desc())
        .offset((page - 1) * STATEMENT_PAGE)
        .limit(STATEMENT_PAGE + 1)
    ).all()
    settings = settings_of(db, kommune_id)
    balance = _balance(db, kommune_id, user_id)
    year_start = _day_start(date(local_today().year, 1, 1))
    this_year = _donated(db, kommune_id, user_id, year_start)
    return AccountView(
        mode=settings.mode,
        balance=_signed(balance, lang),
        balance_negative=balance < 0,
        donated_total=_hours_text(_donated(db, kommune_id, user_id), lang),
        donated_this_year=_hours_text(this_year, lang),
        card_progress=card_progress(this_year),
        overdraft_hours=settings.overdraft_hours,
        rows=[_row(e, lang) for e in entries[:STATEMENT_PAGE]],
        page=page,
        has_next=len(entries) > STATEMENT_PAGE,
    )


def statement_csv(db: Session, actor: Actor, kommune_id: int, lang: str = "de") -> bytes:
    """Every entry of the actor's account as CSV (German Excel: BOM, `;`), oldest first."""
    from dasnez_core.i18n import translate
    from dasnez_core.services.csv_export import to_csv

    user_id = _owner(actor, kommune_id)
    entries = db.exec(
        select(TimeEntry)
        .where(TimeEntry.kommune_id == kommune_id, TimeEntry.user_id == user_id)
        .order_by(col(TimeEntry.booked_at), col(TimeEntry.id))
    ).all()
    header = [
        translate(f"timebank.csv.{name}", lang)
        for name in ("date", "title", "kind", "credit", "debit", "reason")
    ]
    rows = []
    for entry in entries:
        row = _row(entry, "de")
        # Two unsigned columns: a leading minus would be escaped as a formula by to_csv.
        credit = _hours_text(entry.minutes, "de") if entry.minutes >= 0 else ""
        debit = _hours_text(-entry.minutes, "de") if entry.minutes < 0 else ""
        kind = translate(f"timebank.kind.{row.kind}", lang)
        rows.append([row.booked_on, row.title, kind, credit, debit, row.reason])
    return to_csv(header, rows)


# --- certificate ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Certificate:
    """What the Ehrenamtsnachweis shows (dates and hours formatted in `lang`)."""

    kommune_name: str
    kommune_contact: str
    person_name: str
    start: str
    end: str
    issued_on: str
    rows: list[EntryRow]
    total: str
    total_hours: Decimal
    year_hours: str
    card_progress: int
    kommune_logo: str = ""  # the logo's path under the upload folder, "" for none


def parse_period(start: str, end: str) -> tuple[date, date]:
    """A period "YYYY-MM-DD" to "YYYY-MM-DD" (as a date input sends it), checked."""
    problems = Problems()
    first = last = None
    try:
        first = date.fromisoformat(start.strip()[:10])
    except ValueError:
        problems.add("start", "timebank.period_date_invalid")
    try:
        last = date.fromisoformat(end.strip()[:10])
    except ValueError:
        problems.add("end", "timebank.period_date_invalid")
    problems.raise_if_any()
    assert first is not None and last is not None
    if first > last:
        raise InvalidInput("end", "timebank.period_order")
    if last > local_today():
        raise InvalidInput("end", "timebank.period_future")
    if (last - first).days > CERTIFICATE_MAX_DAYS:
        raise InvalidInput("start", "timebank.period_too_long", years=3)
    return first, last


def certificate(
    db: Session, actor: Actor, kommune_id: int, start: str, end: str, lang: str = "de"
) -> Certificate:
    """The actor's donated hours between two days (inclusive), for the certificate."""
    user_id = _owner(actor, kommune_id)
    first, last = parse_period(start, end)
    begin, stop = _day_start(first), _day_start(last + timedelta(days=1))
    kommune = get_kommune(db, kommune_id)
    person = db.exec(select(User).where(User.id == user_id)).one()
    entries = db.exec(
        select(TimeEntry)
        .where(
            TimeEntry.kommune_id == kommune_id,
            TimeEntry.user_id == user_id,
            TimeEntry.kind == TimeEntryKind.CREDIT,
            col(TimeEntry.booked_at) >= begin,
            col(TimeEntry.booked_at) < stop,
        )
        .order_by(col(TimeEntry.booked_at), col(TimeEntry.id))
    ).all()
    total = sum(e.minutes for e in entries)
    year = _donated(
        db,
        kommune_id,
        user_id,
        _day_start(date(last.year, 1, 1)),
        _day_start(date(last.year + 1, 1, 1)),
    )
    return Certificate(
        kommune_name=kommune.name,
        kommune_contact=_contact_line(kommune),
        person_name=person.display_name,
        start=format_date(first, lang),
        end=format_date(last, lang),
        issued_on=format_date(local_today(), lang),
        rows=[_row(e, lang) for e in entries],
        total=_hours_text(total, lang),
        total_hours=Decimal(total) / MINUTES,
        year_hours=_hours_text(year, lang),
        card_progress=card_progress(year),
        kommune_logo=kommune.logo_path or "",
    )


def _contact_line(kommune: Kommune) -> str:
    parts = (kommune.contact_name, kommune.contact_address, kommune.contact_email)
    return " · ".join(p for p in parts if p)


# --- admins ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdminEntryRow:
    id: int
    booked_on: str
    person: str
    title: str
    kind: str
    hours: str
    reason: str


def recent_entries(
    db: Session, actor: Actor, kommune_id: int, person: str = "", lang: str = "de"
) -> list[AdminEntryRow]:
    """The Kommune's 50 newest bookings, optionally of people whose name or email
    contains `person`."""
    require(actor, Action.MANAGE_TIMEBANK, kommune_id)
    stmt = (
        sa_select(TimeEntry, col(User.display_name))
        .join(User, col(User.id) == TimeEntry.user_id)
        .where(col(TimeEntry.kommune_id) == kommune_id)
        .order_by(col(TimeEntry.booked_at).desc(), col(TimeEntry.id).desc())
        .limit(50)
    )
    wanted = " ".join(clean_text(person).split())[:100]
    if wanted:
        stmt = stmt.where(
            col(User.display_name).icontains(wanted, autoescape=True)
            | col(User.email).icontains(wanted, autoescape=True)
        )
    rows = []
    for entry, name in db.execute(stmt).all():
        row = _row(entry, lang)
        rows.append(
            AdminEntryRow(row.id, row.booked_on, name, row.title, row.kind, row.hours, row.reason)
        )
    return rows


def correct_entry(
    db: Session,
    actor: Actor,
    kommune_id: int,
    entry_id: int,
    hours: str,
    reason: str,
    lang: str = "de",
) -> int:
    """Book a correction of an entry so that it counts `hours` (0 cancels it); return the
    correcting entry's id. The original stays as it was; the reason is audited."""
    require(actor, Action.MANAGE_TIMEBANK, kommune_id)
    problems = Problems()
    number = parse_decimal(hours)
    if number is None or not 0 <= number <= CORRECTION_MAX_HOURS:
        problems.add(
            "hours", "timebank.correction_hours_invalid", max=format_number(CORRECTION_MAX_HOURS)
        )
    text = " ".join(clean_text(reason).split())
    if len(text) < REASON_MIN:
        problems.add("reason", "timebank.reason_required", min=REASON_MIN)
    elif len(text) > REASON_MAX:
        problems.add("reason", "timebank.reason_too_long", max=REASON_MAX)
    problems.raise_if_any()
    assert number is not None
    original = locked_one(
        db,
        TimeEntry,
        col(TimeEntry.id) == entry_id,
        col(TimeEntry.kommune_id) == kommune_id,
        col(TimeEntry.corrects_id).is_(None),
    )
    if original is None:
        raise NotFound("timebank.entry_not_found")
    corrected = db.exec(
        select(func.coalesce(func.sum(TimeEntry.minutes), 0)).where(
            TimeEntry.corrects_id == entry_id
        )
    ).one()
    current = original.minutes + int(corrected)
    sign = -1 if original.kind == TimeEntryKind.DEBIT else 1
    delta = sign * _minutes(number) - current
    if delta == 0:
        raise InvalidInput("hours", "timebank.correction_unchanged")
    row = TimeEntry(
        kommune_id=kommune_id,
        user_id=original.user_id,
        kind=original.kind,
        minutes=delta,
        district_id=original.district_id,
        title=original.title,
        corrects_id=entry_id,
        reason=text,
        created_by=actor.user_id,
    )
    db.add(row)
    db.flush()
    audit.record(
        db,
        actor,
        action=AuditAction.CORRECT_TIME_ENTRY,
        target_type="time_entry",
        target_id=entry_id,
        kommune_id=kommune_id,
        reason=f"{_signed(delta, 'de')} h: {text}",
    )
    db.flush()
    return id_of(row)


@dataclass(frozen=True)
class TotalRow:
    """Donated hours of one Ortsteil in one month."""

    district: str
    month: str  # "2026-11"
    hours: str
    minutes: int


def _month_of(db: Session) -> object:
    """SQL: the German month ("YYYY-MM") of a booking."""
    if db.get_bind().dialect.name == "postgresql":
        return func.to_char(
            func.timezone("Europe/Berlin", col(TimeEntry.booked_at)), literal_column("'YYYY-MM'")
        )
    # SQLite keeps UTC text; Germany is 1 or 2 hours ahead (a booking in the last hour
    # of a month's last day counts to that month here, as it does in UTC).
    return func.strftime("%Y-%m", col(TimeEntry.booked_at))


def totals(
    db: Session, actor: Actor, kommune_id: int, months: int = TOTALS_MONTHS, lang: str = "de"
) -> list[TotalRow]:
    """Donated hours per Ortsteil and month over the last `months` months, newest month
    first, one SQL aggregate (bookings without an Ortsteil under "—")."""
    require(actor, Action.MANAGE_TIMEBANK, kommune_id)
    today = local_today()
    first_month = date(today.year, today.month, 1)
    for _ in range(max(1, min(months, 60)) - 1):
        first_month = (first_month - timedelta(days=1)).replace(day=1)
    month = _month_of(db)
    stmt = (
        sa_select(
            month.label("month"),  # type: ignore[attr-defined]
            col(Area.name),
            func.sum(TimeEntry.minutes),
        )
        .select_from(TimeEntry)
        .outerjoin(Area, col(Area.id) == TimeEntry.district_id)
        .where(
            col(TimeEntry.kommune_id) == kommune_id,
            col(TimeEntry.kind) == TimeEntryKind.CREDIT,
            col(TimeEntry.booked_at) >= _day_start(first_month),
        )
        .group_by(literal_column("month"), col(Area.name))
        .order_by(literal_column("month").desc(), col(Area.name))
    )
    return [
        TotalRow(name or "—", str(m), _hours_text(int(total), lang), int(total))
        for m, name, total in db.execute(stmt).all()
        if total
    ]


def export_of(db: Session, user_id: int) -> list[dict[str, object]]:
    """The person's bookings for their data export (Art. 15 and 20 DSGVO)."""
    return [
        {
            "booked_at": e.booked_at.isoformat(),
            "kind": "correction" if e.corrects_id is not None else e.kind,
            "hours": float(Decimal(e.minutes) / MINUTES),
            "title": e.title,
            "reason": e.reason,
        }
        for e in db.exec(
            select(TimeEntry)
            .where(TimeEntry.user_id == user_id)
            .order_by(col(TimeEntry.booked_at), col(TimeEntry.id))
        ).all()
    ]


def forget_person(db: Session, user_id: int) -> None:
    """Account deletion: the person's own entries go; corrections they made as an admin
    stay without their name."""
    from sqlalchemy import delete, update

    db.execute(
        update(TimeEntry).where(col(TimeEntry.created_by) == user_id).values(created_by=None)
    )
    own = select(TimeEntry.id).where(TimeEntry.user_id == user_id)
    # Corrections first (they name the entries they correct).
    db.execute(delete(TimeEntry).where(col(TimeEntry.corrects_id).in_(own)))
    db.execute(delete(TimeEntry).where(col(TimeEntry.user_id) == user_id))
