"""The Taschengeldbörse for minors: which jobs a minor sees, contacts and agrees to.

The rules themselves live in `dasnez_core.youth_rules` (pure); this module feeds them from
the database: the minor's profile, the listing's job, the category's light-work mark, the
Kommune's settings and the minor's other agreements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, or_
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed, Problems
from dasnez_core.formatting import format_date, format_number, local_today, parse_decimal
from dasnez_core.i18n import text, translate
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    Agreement,
    Category,
    Exchange,
    ExchangeType,
    Kommune,
    Listing,
    ListingKind,
    User,
)
from dasnez_core.services.parental_consent import consent_of, has_valid_consent
from dasnez_core.services.representation import represented_proxy_names
from dasnez_core.youth_rules import (
    CHILD_DAY_MINUTES,
    CHILD_EARLIEST,
    CHILD_LATEST,
    CHILD_UNTIL,
    YOUTH_DAY_MINUTES,
    YOUTH_EARLIEST,
    YOUTH_LATEST,
    AgeBand,
    Booked,
    Breach,
    Job,
    Worker,
    age_band,
    age_on,
    allowed_note_key,
    breaches,
    is_minor,
    week_of,
    window_fits,
)

MAX_JOB_MINUTES = 12 * 60
# The refusal of a minor without their parent's consent (the pages link where to ask).
CONSENT_NEEDED = "youth.consent_needed"


def worker_of(user: User) -> Worker:
    return Worker(user.birth_date, user.in_full_time_school)


def _taschengeld_exchange_id(db: Session, kommune_id: int) -> int | None:
    return db.exec(
        select(Exchange.id).where(
            Exchange.kommune_id == kommune_id, Exchange.type == ExchangeType.TASCHENGELD
        )
    ).first()


def is_taschengeld(db: Session, listing: Listing) -> bool:
    return listing.exchange_id == _taschengeld_exchange_id(db, listing.kommune_id)


def taschengeld_refusal(db: Session, user: User, kommune: Kommune, day: date) -> Breach | None:
    """Why this minor may take no Taschengeld job at all (None: they may, or are adult):
    below the Kommune's minimum age, or without their parent's consent."""
    if not is_minor(user.birth_date, day):
        return None
    assert user.birth_date is not None and user.id is not None
    if age_on(user.birth_date, day) < kommune.taschengeld_min_age:
        return Breach("youth.min_age", age=kommune.taschengeld_min_age)
    if not has_valid_consent(db, user.kommune_id, user.id):
        return Breach(CONSENT_NEEDED)
    return None


def _light(db: Session, kommune_id: int, category_id: int) -> bool:
    mark = db.exec(
        select(Category.light_work).where(
            Category.id == category_id, Category.kommune_id == kommune_id
        )
    ).first()
    return bool(mark)


def listing_refusal(db: Session, user: User, listing: Listing) -> Breach | None:
    """Why this person may not take on this listing's job (None: they may). Only minors
    and only Taschengeld listings are concerned; a job fits when it is a request with a day
    (today or later), a window and a length that leave a start within the rules."""
    today = local_today()
    if not is_minor(user.birth_date, today) or not is_taschengeld(db, listing):
        return None
    kommune = db.get(Kommune, listing.kommune_id)
    assert kommune is not None
    general = taschengeld_refusal(db, user, kommune, today)
    if general is not None:
        return general
    if listing.kind != ListingKind.REQUEST:
        return Breach("youth.not_a_job")
    if (
        listing.job_date is None
        or listing.job_from is None
        or listing.job_until is None
        or listing.job_minutes is None
    ):
        return Breach("youth.job_details_missing")
    if listing.job_date < today:
        return Breach("youth.job_past")
    light = _light(db, listing.kommune_id, listing.category_id)
    worker = worker_of(user)
    if window_fits(
        worker,
        listing.job_date,
        listing.job_from,
        listing.job_until,
        listing.job_minutes,
        light_work=light,
        school_end=kommune.school_end_minute,
    ):
        return None
    # Name the rule the job breaks at the earliest start of its window.
    job = Job(listing.job_date, listing.job_from, listing.job_minutes, light)
    found = breaches(worker, job, school_end=kommune.school_end_minute, school_lessons=False)
    return found[0] if found else Breach("youth.job_window")


def search_conditions(db: Session, actor: Actor, kommune_id: int) -> list[Any]:
    """SQL conditions that leave a minor only the Taschengeld jobs fitting their age (and
    every listing of the other exchanges); none for anybody else."""
    if actor.user_id is None or actor.kommune_id != kommune_id:
        return []
    user = db.exec(select(User).where(User.id == actor.user_id)).first()
    today = local_today()
    if user is None or not is_minor(user.birth_date, today):
        return []
    exchange_id = _taschengeld_exchange_id(db, kommune_id)
    if exchange_id is None:
        return []
    kommune = db.get(Kommune, kommune_id)
    assert kommune is not None and user.birth_date is not None
    not_taschengeld = col(Listing.exchange_id) != exchange_id
    if taschengeld_refusal(db, user, kommune, today) is not None:
        return [not_taschengeld]
    minutes = col(Listing.job_minutes)
    start, until = col(Listing.job_from), col(Listing.job_until)

    def room(earliest: Any, latest: int) -> Any:
        """The window, cut to [earliest, latest], holds the job's length."""
        first = case((start > earliest, start), else_=earliest)
        last = case((until < latest, until), else_=latest)
        return first + minutes <= last

    job = [
        col(Listing.kind) == ListingKind.REQUEST,
        col(Listing.job_date) >= today,
        minutes > 0,
        start.is_not(None),
        until.is_not(None),
    ]
    age = age_on(user.birth_date, today)
    if age < CHILD_UNTIL or user.in_full_time_school:
        light = (
            select(Category.id)
            .where(Category.kommune_id == kommune_id, col(Category.light_work) != "")
            .scalar_subquery()
        )
        # Whether the day has lessons is asked at the agreement (dasnez_core.youth_rules).
        job += [
            col(Listing.category_id).in_(light),
            minutes <= CHILD_DAY_MINUTES,
            room(CHILD_EARLIEST, CHILD_LATEST),
        ]
    else:
        job += [minutes <= YOUTH_DAY_MINUTES, room(YOUTH_EARLIEST, YOUTH_LATEST)]
    return [or_(not_taschengeld, and_(*job))]


# --- listings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class JobWindowInput:
    """A Taschengeld listing's job as typed: day, earliest start, latest end, hours."""

    day: str = ""
    start: str = ""
    until: str = ""
    hours: str = ""


def listing_job(
    entered: JobWindowInput, exchange_type: str, problems: Problems
) -> dict[str, int | str | date | None]:
    """The Listing columns of a job: kept for Taschengeld listings only, all four or none
    (a listing without them is not shown to minors); problems noted in `problems`."""
    empty: dict[str, int | str | date | None] = {
        "job_date": None,
        "job_from": None,
        "job_until": None,
        "job_minutes": None,
    }
    if exchange_type != ExchangeType.TASCHENGELD:
        return empty
    day = problems.check(lambda: parse_day(entered.day, "job_date"))
    start = problems.check(lambda: parse_time(entered.start, "job_from"))
    until = problems.check(lambda: parse_time(entered.until, "job_until"))
    minutes = problems.check(lambda: parse_minutes(entered.hours, "job_hours"))
    given = [entered.day, entered.start, entered.until, entered.hours]
    if not any(v.strip() for v in given):
        return empty
    if problems.has("job_date") or problems.has("job_from") or problems.has("job_until"):
        return empty
    if problems.has("job_hours"):
        return empty
    if day is None or start is None or until is None or minutes is None:
        missing = next(
            name
            for name, value in zip(
                ("job_date", "job_from", "job_until", "job_hours"),
                (day, start, until, minutes),
                strict=True,
            )
            if value is None
        )
        problems.add(missing, "youth.job_incomplete")
        return empty
    if day < local_today():
        problems.add("job_date", "youth.job_in_past")
    elif until - start < minutes:
        problems.add("job_until", "youth.window_invalid")
    return {"job_date": day, "job_from": start, "job_until": until, "job_minutes": minutes}


# --- agreements -----------------------------------------------------------------------------


_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(Uhr)?\s*$")


@dataclass(frozen=True)
class JobInput:
    """What the first person confirming a Taschengeld agreement enters of the job."""

    day: str = ""
    start: str = ""
    hours: str = ""
    holiday: bool = False


@dataclass(frozen=True)
class JobRecord:
    day: date
    start: int
    minutes: int
    holiday: bool


def parse_day(raw: str, field: str) -> date | None:
    text = raw.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise InvalidInput(field, "youth.date_invalid")


def parse_time(raw: str, field: str) -> int | None:
    text = raw.strip()
    if not text:
        return None
    match = _TIME.match(text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InvalidInput(field, "youth.time_invalid")
    return int(match.group(1)) * 60 + int(match.group(2))


def parse_minutes(raw: str, field: str) -> int | None:
    """Hours as people type them ("1,5") → minutes (a quarter of an hour at least)."""
    if not raw.strip():
        return None
    number = parse_decimal(raw)
    if number is None or not 0.25 <= number <= MAX_JOB_MINUTES / 60:
        raise InvalidInput(field, "youth.duration_invalid", max=MAX_JOB_MINUTES // 60)
    return round(number * 60)


def parse_job(entered: JobInput, *, required: bool) -> JobRecord | None:
    """The job of an agreement: all three values or (when not `required`) none."""
    day = parse_day(entered.day, "job_date")
    start = parse_time(entered.start, "job_start")
    minutes = parse_minutes(entered.hours, "job_hours")
    if day is None and start is None and minutes is None and not required:
        return None
    if day is None:
        raise InvalidInput("job_date", "youth.date_required")
    if start is None:
        raise InvalidInput("job_start", "youth.time_required")
    if minutes is None:
        raise InvalidInput("job_hours", "youth.duration_required")
    if start + minutes > 24 * 60:
        raise InvalidInput("job_hours", "youth.rule.past_midnight")
    return JobRecord(day, start, minutes, entered.holiday)


def booked_for(
    db: Session, kommune_id: int, helper_id: int, day: date, *, exclude: int | None = None
) -> Booked:
    """The helper's other Taschengeld jobs: the day's and the week's minutes, and the
    calendar weeks of this year with holiday jobs."""
    monday = day - timedelta(days=day.weekday())
    rows = db.exec(
        select(
            col(Agreement.job_date), col(Agreement.job_minutes), col(Agreement.school_holiday)
        ).where(
            Agreement.kommune_id == kommune_id,
            Agreement.helper_id == helper_id,
            col(Agreement.job_date).is_not(None),
            col(Agreement.job_minutes).is_not(None),
            col(Agreement.id) != (exclude or 0),
            or_(
                and_(
                    col(Agreement.job_date) >= monday,
                    col(Agreement.job_date) < monday + timedelta(days=7),
                ),
                and_(
                    col(Agreement.school_holiday),
                    col(Agreement.job_date) >= date(day.year, 1, 1),
                    col(Agreement.job_date) <= date(day.year, 12, 31),
                ),
            ),
        )
    ).all()
    day_minutes = sum(m or 0 for d, m, _ in rows if d == day)
    week_minutes = sum(
        m or 0 for d, m, _ in rows if d is not None and monday <= d < monday + timedelta(days=7)
    )
    weeks = frozenset(
        week_of(d) for d, _, holiday in rows if holiday and d is not None and d.year == day.year
    )
    return Booked(day_minutes, week_minutes, weeks)


def check_agreement(
    db: Session, kommune: Kommune, helper: User, listing: Listing, job: JobRecord
) -> None:
    """Refuse (InvalidInput naming the rule) a Taschengeld job a minor may not do, with
    the day's and week's other agreements and the holiday weeks counted."""
    general = taschengeld_refusal(db, helper, kommune, job.day)
    if general is not None:
        raise InvalidInput("job_date", general.key, **general.params)
    assert helper.id is not None
    found = breaches(
        worker_of(helper),
        Job(
            job.day,
            job.start,
            job.minutes,
            _light(db, kommune.id or 0, listing.category_id),
            job.holiday,
        ),
        booked_for(db, kommune.id or 0, helper.id, job.day),
        school_end=kommune.school_end_minute,
    )
    if found:
        raise InvalidInput("job_hours", found[0].key, **found[0].params)


def _with_stand_ins(db: Session, people: list[User]) -> dict[int, str]:
    """The names of the represented among `people` with who acts for them ("Erna,
    vertreten durch Helga Hilfreich"), as the public pages show them."""
    proxies = represented_proxy_names(db, [p.id for p in people if p.id is not None])
    named = {}
    for p in people:
        if p.id in proxies:
            proxy = proxies[p.id]
            by = (
                translate("represented.by", "de", name=proxy)
                if proxy
                else text("represented.by_office", "de")
            )
            named[p.id] = f"{p.display_name}, {by}"
    return named


def copy_to_parents(
    db: Session, kommune: Kommune, agreement: Agreement, listing: Listing, people: list[User]
) -> None:
    """A copy of the agreement to the parent of each minor taking part (the parent's mail
    is German: the parent chose no language). A represented person on the other side is
    named with who acts for them, as the public page does."""
    named = _with_stand_ins(db, people)
    for person in people:
        if person.id is None or not is_minor(person.birth_date, local_today()):
            continue
        consent = consent_of(db, kommune.id or 0, person.id)
        if consent is None or consent.withdrawn_at is not None:
            continue
        others = [named.get(p.id or 0, p.display_name) for p in people if p.id != person.id]
        when = ""
        if agreement.job_date is not None and agreement.job_start is not None:
            when = f"{format_date(agreement.job_date)}, {agreement.job_start // 60:02d}:" + (
                f"{agreement.job_start % 60:02d} Uhr"
            )
        hours = (
            f"{agreement.job_minutes / 60:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            if agreement.job_minutes
            else "–"
        )
        queue(
            db,
            compose(
                consent.parent_email,
                "de",
                "mail.parent_agreement_copy",
                child=person.display_name,
                other=", ".join(others) or "–",
                title=listing.title,
                kommune=kommune.name,
                when=when or "–",
                hours=hours,
            ),
        )


# --- what others see ------------------------------------------------------------------------


@dataclass(frozen=True)
class AgeNote:
    """What an adult sees of a minor: the age band and what the law allows them."""

    band: str  # "" for adults
    note_key: str


def age_note(user: User | None) -> AgeNote:
    if user is None:
        return AgeNote("", "")
    band = age_band(user.birth_date, local_today())
    if band in (AgeBand.ADULT, AgeBand.UNDER_13):
        return AgeNote("", "")
    return AgeNote(band.value, allowed_note_key(band, user.in_full_time_school))


def require_may_take(db: Session, user: User, listing: Listing) -> None:
    """NotAllowed (naming the rule) when a minor may not take this listing's job."""
    refusal = listing_refusal(db, user, listing)
    if refusal is not None:
        raise NotAllowed(refusal.key, **refusal.params)


@dataclass(frozen=True)
class JobView:
    """A Taschengeld listing's job as the detail page shows it ("" = no job given), and,
    for a minor looking at it, why they may not take it (catalog key and parameters)."""

    day: str = ""
    start: str = ""
    end: str = ""
    hours: str = ""
    refusal_key: str = ""
    refusal_params: tuple[tuple[str, str], ...] = ()


def _hm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def job_view(db: Session, viewer: Actor, listing: Listing, lang: str = "de") -> JobView:
    """What the detail page shows of a listing's job (called for a listing the viewer may
    see)."""
    if (
        listing.job_date is None
        or listing.job_from is None
        or listing.job_until is None
        or listing.job_minutes is None
    ):
        shown = JobView()
    else:
        shown = JobView(
            day=format_date(listing.job_date, lang),
            start=_hm(listing.job_from),
            end=_hm(listing.job_until),
            hours=format_number(listing.job_minutes / 60, lang),
        )
    if viewer.user_id is None or viewer.kommune_id != listing.kommune_id:
        return shown
    user = db.exec(select(User).where(User.id == viewer.user_id)).first()
    if user is None or listing.author_id == user.id:
        return shown
    refusal = listing_refusal(db, user, listing)
    if refusal is None:
        return shown
    params = tuple((k, str(v)) for k, v in refusal.params.items())
    return JobView(shown.day, shown.start, shown.end, shown.hours, refusal.key, params)
