"""The youth-labour rules of the Taschengeldbörse, as pure functions (no database).

German law, as it applies to pocket-money jobs for neighbours:

- JArbSchG § 5 (1): children (under 15) may not be employed; § 5 (3): from 13, with the
  parents' consent, light and suitable work only, at most 2 hours a day, not between
  18:00 and 08:00, not before or during school lessons.
- JArbSchG § 2 (3): adolescents (15–17) still in full-time compulsory schooling count as
  children for these rules.
- JArbSchG § 5 (4): those adolescents may work in the school holidays for at most four
  weeks a calendar year; then the adults' rules for adolescents (§ 8, § 14) apply.
- JArbSchG § 8 (1): adolescents at most 8 hours a day and 40 hours a week.
- JArbSchG § 14 (1): adolescents only between 06:00 and 20:00.
- KindArbSchV § 2: the list of light work children may do (`LightWork`); heavy loads and
  dangerous tasks are never on it.

Choices made here: the school status comes from the minor's profile (in full-time school
or not), the holidays from the agreement (the minor ticks "Schulferien" for a day without
school: holidays, public holidays); Saturdays and Sundays never have school lessons; the
end of lessons on a school day is the Kommune's setting. The four holiday weeks count
calendar weeks (Monday to Sunday) of the calendar year with any holiday job. Every time is
local (Europe/Berlin), as minutes after midnight.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

MIN_AGE = 13  # JArbSchG § 5 (3)
CHILD_UNTIL = 15  # JArbSchG § 2 (1)
CONSENT_AGE = 16  # GDPR Art. 8 with the German age of 16 (BDSG keeps 16)
ADULT_AGE = 18  # JArbSchG § 2 (2)

CHILD_DAY_MINUTES = 2 * 60  # § 5 (3)
CHILD_EARLIEST, CHILD_LATEST = 8 * 60, 18 * 60  # § 5 (3): not between 18 and 8
YOUTH_DAY_MINUTES = 8 * 60  # § 8 (1)
YOUTH_WEEK_MINUTES = 40 * 60  # § 8 (1)
YOUTH_EARLIEST, YOUTH_LATEST = 6 * 60, 20 * 60  # § 14 (1)
HOLIDAY_WEEKS = 4  # § 5 (4)
DAY_END = 24 * 60


class AgeBand(StrEnum):
    """What others see of a person's age: never the date."""

    UNDER_13 = "under_13"
    CHILD = "13_14"
    YOUTH = "15_17"
    ADULT = "adult"


class LightWork(StrEnum):
    """KindArbSchV § 2 (1): the kinds of light work a Kommune may mark a category as."""

    DELIVERY = "delivery"  # Nr. 1: newspapers, magazines, leaflets
    HOUSEHOLD_GARDEN = "household_garden"  # Nr. 2 a
    ERRANDS = "errands"  # Nr. 2 b
    CARE = "care"  # Nr. 2 c: looking after children and household members
    TUTORING = "tutoring"  # Nr. 2 d
    PETS = "pets"  # Nr. 2 e
    SHOPPING = "shopping"  # Nr. 2 f: no alcohol, no tobacco
    SPORTS = "sports"  # Nr. 3 b: help at sports
    EVENTS = "events"  # Nr. 4: non-commercial events of churches, associations, clubs


class Regime(StrEnum):
    """Which set of rules a job falls under."""

    NONE = "none"  # an adult
    FORBIDDEN = "forbidden"  # under 13
    CHILD = "child"  # § 5 (3), also 15–17 at school outside the holidays (§ 2 (3))
    HOLIDAY = "holiday"  # § 5 (4): 15–17 at school, in the holidays
    YOUTH = "youth"  # 15–17 no longer at school: § 8, § 14


def age_on(birth: date, day: date) -> int:
    """Completed years on `day`. A birthday counts from its first moment (BGB § 187 (2));
    someone born on 29 February is a year older on 1 March of other years."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_band(birth: date | None, day: date) -> AgeBand:
    """The band of a person (adults without a date of birth are adults)."""
    if birth is None:
        return AgeBand.ADULT
    age = age_on(birth, day)
    if age < MIN_AGE:
        return AgeBand.UNDER_13
    if age < CHILD_UNTIL:
        return AgeBand.CHILD
    if age < ADULT_AGE:
        return AgeBand.YOUTH
    return AgeBand.ADULT


def is_minor(birth: date | None, day: date) -> bool:
    return birth is not None and age_on(birth, day) < ADULT_AGE


def needs_consent_for_account(birth: date | None, day: date) -> bool:
    """Under 16: the account needs a parent's consent before it is approved."""
    return birth is not None and age_on(birth, day) < CONSENT_AGE


def regime(birth: date | None, day: date, *, in_school: bool, holiday: bool) -> Regime:
    if birth is None:
        return Regime.NONE
    age = age_on(birth, day)
    if age >= ADULT_AGE:
        return Regime.NONE
    if age < MIN_AGE:
        return Regime.FORBIDDEN
    if age < CHILD_UNTIL:
        return Regime.CHILD
    if not in_school:
        return Regime.YOUTH
    return Regime.HOLIDAY if holiday else Regime.CHILD


class Breach:
    """One rule a job breaks: a catalog key naming the rule, and its parameters."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Breach) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Breach({self.key!r}, {self.params!r})"


@dataclass(frozen=True)
class Worker:
    """The minor as the rules see them."""

    birth_date: date | None
    in_full_time_school: bool


@dataclass(frozen=True)
class Job:
    """One job: its day, start (minutes after midnight), length (minutes), whether its
    category is light work (KindArbSchV § 2) and whether the day is a school holiday."""

    day: date
    start: int
    minutes: int
    light_work: bool
    holiday: bool = False


@dataclass(frozen=True)
class Booked:
    """The minor's other jobs: minutes on the same day, minutes in the same calendar week,
    and the calendar weeks (ISO year, week) of this calendar year with holiday jobs."""

    day_minutes: int = 0
    week_minutes: int = 0
    holiday_weeks: frozenset[tuple[int, int]] = frozenset()


def _hm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _hours(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    return str(whole) if rest == 0 else f"{whole},{round(rest / 60 * 100):02d}".rstrip("0")


def week_of(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def breaches(
    worker: Worker,
    job: Job,
    booked: Booked = Booked(),
    *,
    school_end: int = 13 * 60,
    school_lessons: bool = True,
) -> list[Breach]:
    """Every rule the job breaks for this worker, most basic first ([] = allowed).

    Without `school_lessons` the school-hours rule is left out: a listing cannot know
    whether its day is a school day for this minor (the agreement asks)."""
    if job.minutes <= 0 or not 0 <= job.start < DAY_END:
        return [Breach("youth.rule.time_invalid")]
    if job.start + job.minutes > DAY_END:
        return [Breach("youth.rule.past_midnight")]
    kind = regime(
        worker.birth_date, job.day, in_school=worker.in_full_time_school, holiday=job.holiday
    )
    if kind == Regime.NONE:
        return []
    if kind == Regime.FORBIDDEN:
        return [Breach("youth.rule.under_13")]
    end = job.start + job.minutes
    found: list[Breach] = []
    if kind == Regime.CHILD:
        if not job.light_work:
            found.append(Breach("youth.rule.light_work"))
        if job.minutes > CHILD_DAY_MINUTES:
            found.append(Breach("youth.rule.child_2h", hours=_hours(job.minutes)))
        elif booked.day_minutes + job.minutes > CHILD_DAY_MINUTES:
            found.append(
                Breach("youth.rule.child_2h_day", hours=_hours(booked.day_minutes + job.minutes))
            )
        if job.start < CHILD_EARLIEST or end > CHILD_LATEST:
            found.append(Breach("youth.rule.child_hours", start=_hm(job.start), end=_hm(end)))
        school_day = (
            school_lessons
            and worker.in_full_time_school
            and not job.holiday
            and job.day.weekday() < 5
        )
        if school_day and job.start < school_end and end > CHILD_EARLIEST:
            found.append(Breach("youth.rule.school_hours", school_end=_hm(school_end)))
        return found
    if kind == Regime.HOLIDAY:
        week = week_of(job.day)
        weeks = {w for w in booked.holiday_weeks if w != week}
        if len(weeks) >= HOLIDAY_WEEKS:
            found.append(Breach("youth.rule.holiday_weeks", weeks=HOLIDAY_WEEKS))
    if job.minutes > YOUTH_DAY_MINUTES:
        found.append(Breach("youth.rule.youth_8h", hours=_hours(job.minutes)))
    elif booked.day_minutes + job.minutes > YOUTH_DAY_MINUTES:
        found.append(
            Breach("youth.rule.youth_8h_day", hours=_hours(booked.day_minutes + job.minutes))
        )
    if booked.week_minutes + job.minutes > YOUTH_WEEK_MINUTES:
        found.append(
            Breach("youth.rule.youth_40h", hours=_hours(booked.week_minutes + job.minutes))
        )
    if job.start < YOUTH_EARLIEST or end > YOUTH_LATEST:
        found.append(Breach("youth.rule.youth_hours", start=_hm(job.start), end=_hm(end)))
    return found


def window_fits(
    worker: Worker,
    day: date,
    window_from: int,
    window_until: int,
    minutes: int,
    *,
    light_work: bool,
    school_end: int = 13 * 60,
) -> bool:
    """Whether a listed job (a day, a window and a length) can be done by this worker at
    some start within the window, other jobs aside. Pupils are held to the term-time
    rules (2 hours, 8 to 18); whether the day has lessons is asked at the agreement."""
    if minutes <= 0 or window_until - window_from < minutes:
        return False
    latest = window_until - minutes
    for start in (*range(window_from, latest, 15), latest):
        job = Job(day, start, minutes, light_work)
        if not breaches(worker, job, school_end=school_end, school_lessons=False):
            return True
    return False


def allowed_note_key(band: AgeBand, in_school: bool) -> str:
    """The catalog key of the short note an adult reads on what this helper may do."""
    if band == AgeBand.CHILD or (band == AgeBand.YOUTH and in_school):
        return f"youth.note.{'child' if band == AgeBand.CHILD else 'pupil'}"
    if band == AgeBand.YOUTH:
        return "youth.note.youth"
    return ""
