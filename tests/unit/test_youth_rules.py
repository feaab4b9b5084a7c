"""The youth-labour rules at every boundary the law draws (dasnez_core.youth_rules)."""

from __future__ import annotations

from datetime import date

import pytest

from dasnez_core.youth_rules import (
    AgeBand,
    Booked,
    Job,
    Regime,
    Worker,
    age_band,
    age_on,
    breaches,
    needs_consent_for_account,
    regime,
    window_fits,
)

# A Wednesday in the school year and a Saturday.
WEDNESDAY = date(2027, 3, 10)
SATURDAY = date(2027, 3, 13)


def _born(years: int, day: date = WEDNESDAY, *, days_before: int = 0) -> date:
    """A birth date making the person exactly `years` old on `day` (their birthday), or
    `days_before` days short of it."""
    birthday = day.replace(year=day.year - years)
    return date.fromordinal(birthday.toordinal() + days_before)


NOTHING_BOOKED = Booked()


def _keys(worker: Worker, job: Job, booked: Booked = NOTHING_BOOKED, **kw: int) -> list[str]:
    return [b.key for b in breaches(worker, job, booked, **kw)]


def _h(hh: int, mm: int = 0) -> int:
    return hh * 60 + mm


CHILD = Worker(_born(14), True)
PUPIL = Worker(_born(16), True)
LEAVER = Worker(_born(16), False)


# --- age ----------------------------------------------------------------------------------


def test_age_counts_from_the_birthday() -> None:
    assert age_on(date(2014, 3, 10), date(2027, 3, 9)) == 12
    assert age_on(date(2014, 3, 10), date(2027, 3, 10)) == 13
    # 29 February: a year older on 1 March in other years.
    assert age_on(date(2012, 2, 29), date(2025, 2, 28)) == 12
    assert age_on(date(2012, 2, 29), date(2025, 3, 1)) == 13


@pytest.mark.parametrize(
    ("years", "days_before", "band"),
    [
        (13, 1, AgeBand.UNDER_13),
        (13, 0, AgeBand.CHILD),
        (15, 1, AgeBand.CHILD),
        (15, 0, AgeBand.YOUTH),
        (18, 1, AgeBand.YOUTH),
        (18, 0, AgeBand.ADULT),
    ],
)
def test_age_bands_change_on_the_birthday(years: int, days_before: int, band: AgeBand) -> None:
    assert age_band(_born(years, days_before=days_before), WEDNESDAY) == band


def test_nobody_without_a_date_is_treated_as_a_minor() -> None:
    assert age_band(None, WEDNESDAY) == AgeBand.ADULT
    assert regime(None, WEDNESDAY, in_school=True, holiday=False) == Regime.NONE


def test_consent_for_the_account_under_16() -> None:
    assert needs_consent_for_account(_born(16, days_before=1), WEDNESDAY)
    assert not needs_consent_for_account(_born(16), WEDNESDAY)


# --- 12/13: § 5 (1) and (3) ----------------------------------------------------------------


def test_the_day_before_the_13th_birthday_no_job_at_all() -> None:
    job = Job(WEDNESDAY, _h(15), 60, light_work=True)
    assert _keys(Worker(_born(13, days_before=1), True), job) == ["youth.rule.under_13"]
    assert _keys(Worker(_born(13), True), job) == []


# --- 14/15 and § 2 (3) ------------------------------------------------------------------


def test_14_year_olds_keep_the_childrens_rules_in_the_holidays() -> None:
    three_hours = Job(WEDNESDAY, _h(10), 180, light_work=True, holiday=True)
    day_before = Worker(_born(15, days_before=1), True)
    assert _keys(day_before, three_hours) == ["youth.rule.child_2h"]
    # On the 15th birthday a pupil in the holidays may work up to 8 hours (§ 5 (4), § 8).
    assert _keys(Worker(_born(15), True), three_hours) == []


def test_15_to_17_at_school_count_as_children_outside_the_holidays() -> None:
    """§ 2 (3): the children's rules for pupils; those who left school have § 8, § 14."""
    three_hours = Job(SATURDAY, _h(10), 180, light_work=True)
    assert _keys(PUPIL, three_hours) == ["youth.rule.child_2h"]
    assert _keys(LEAVER, three_hours) == []


# --- 17/18 ------------------------------------------------------------------------------


def test_on_the_18th_birthday_no_rule_applies() -> None:
    night = Job(WEDNESDAY, _h(21), 600 - 60 * 7, light_work=False)
    assert _keys(Worker(_born(18, days_before=1), False), night) == ["youth.rule.youth_hours"]
    assert _keys(Worker(_born(18), False), night) == []


# --- hours of the day ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "ok"), [(_h(7, 59), False), (_h(8), True), (_h(17, 59), True), (_h(18), False)]
)
def test_children_between_8_and_18(start: int, ok: bool) -> None:
    job = Job(SATURDAY, start, 1, light_work=True)
    assert (_keys(CHILD, job) == []) is ok
    if not ok:
        assert _keys(CHILD, job) == ["youth.rule.child_hours"]


def test_a_childs_job_may_end_at_18_but_not_later() -> None:
    assert _keys(CHILD, Job(SATURDAY, _h(16), 120, light_work=True)) == []
    assert _keys(CHILD, Job(SATURDAY, _h(16, 1), 120, light_work=True)) == [
        "youth.rule.child_hours"
    ]


@pytest.mark.parametrize(
    ("start", "ok"), [(_h(5, 59), False), (_h(6), True), (_h(19, 59), True), (_h(20), False)]
)
def test_adolescents_between_6_and_20(start: int, ok: bool) -> None:
    job = Job(WEDNESDAY, start, 1, light_work=False)
    assert (_keys(LEAVER, job) == []) is ok
    if not ok:
        assert _keys(LEAVER, job) == ["youth.rule.youth_hours"]


def test_not_during_school_lessons() -> None:
    """On a school day nothing before the Kommune's end of lessons; in the holidays and at
    the weekend from 8."""
    morning = Job(WEDNESDAY, _h(10), 60, light_work=True)
    assert _keys(CHILD, morning) == ["youth.rule.school_hours"]
    assert _keys(CHILD, Job(WEDNESDAY, _h(10), 60, light_work=True, holiday=True)) == []
    assert _keys(CHILD, Job(SATURDAY, _h(10), 60, light_work=True)) == []
    assert _keys(CHILD, Job(WEDNESDAY, _h(13), 60, light_work=True)) == []
    assert _keys(CHILD, Job(WEDNESDAY, _h(13), 60, light_work=True), school_end=_h(14)) == [
        "youth.rule.school_hours"
    ]


# --- 2 h and 8 h a day, the day's sum --------------------------------------------------


def test_children_at_most_2_hours_a_day() -> None:
    assert _keys(CHILD, Job(SATURDAY, _h(10), 120, light_work=True)) == []
    assert _keys(CHILD, Job(SATURDAY, _h(10), 121, light_work=True)) == ["youth.rule.child_2h"]


def test_the_days_sum_across_two_agreements_counts_for_children() -> None:
    second = Job(SATURDAY, _h(15), 60, light_work=True)
    assert _keys(CHILD, second, Booked(day_minutes=60)) == []
    refused = breaches(CHILD, second, Booked(day_minutes=61))
    assert [b.key for b in refused] == ["youth.rule.child_2h_day"]
    assert refused[0].params == {"hours": "2,02"}


def test_adolescents_at_most_8_hours_a_day_also_summed() -> None:
    assert _keys(LEAVER, Job(WEDNESDAY, _h(8), 480, light_work=False)) == []
    assert _keys(LEAVER, Job(WEDNESDAY, _h(8), 481, light_work=False)) == ["youth.rule.youth_8h"]
    afternoon = Job(WEDNESDAY, _h(14), 180, light_work=False)
    assert _keys(LEAVER, afternoon, Booked(day_minutes=300, week_minutes=300)) == []
    assert _keys(LEAVER, afternoon, Booked(day_minutes=301, week_minutes=301)) == [
        "youth.rule.youth_8h_day"
    ]


def test_adolescents_at_most_40_hours_a_week() -> None:
    job = Job(WEDNESDAY, _h(8), 480, light_work=False)
    assert _keys(LEAVER, job, Booked(week_minutes=1920)) == []
    assert _keys(LEAVER, job, Booked(week_minutes=1921)) == ["youth.rule.youth_40h"]


# --- the holidays: four weeks a calendar year (§ 5 (4)) ------------------------------------


def test_the_fifth_holiday_week_is_refused() -> None:
    summer = date(2027, 7, 21)  # a Wednesday, ISO week 29
    job = Job(summer, _h(9), 300, light_work=False, holiday=True)
    four = frozenset({(2027, 26), (2027, 27), (2027, 28), (2027, 30)})
    three = frozenset({(2027, 26), (2027, 27), (2027, 28)})
    assert _keys(PUPIL, job, Booked(holiday_weeks=three)) == []
    assert _keys(PUPIL, job, Booked(holiday_weeks=four)) == ["youth.rule.holiday_weeks"]
    # Another day of a week already counted is no new week.
    assert _keys(PUPIL, job, Booked(holiday_weeks=three | {(2027, 29)})) == []
    # Those who left school are not limited to four weeks.
    assert _keys(LEAVER, job, Booked(holiday_weeks=four)) == []


def test_light_work_only_for_children_and_pupils() -> None:
    heavy = Job(SATURDAY, _h(10), 60, light_work=False)
    assert _keys(CHILD, heavy) == ["youth.rule.light_work"]
    assert _keys(PUPIL, heavy) == ["youth.rule.light_work"]
    assert _keys(LEAVER, heavy) == []


def test_every_rule_a_job_breaks_is_named() -> None:
    evening = Job(WEDNESDAY, _h(18), 180, light_work=False)
    assert _keys(CHILD, evening) == [
        "youth.rule.light_work",
        "youth.rule.child_2h",
        "youth.rule.child_hours",
    ]


def test_a_job_must_end_the_same_day() -> None:
    assert _keys(LEAVER, Job(WEDNESDAY, _h(23), 120, light_work=True)) == [
        "youth.rule.past_midnight"
    ]


# --- listing windows ----------------------------------------------------------------------


def test_a_window_fits_when_some_start_is_allowed() -> None:
    assert window_fits(CHILD, SATURDAY, _h(14), _h(17), 90, light_work=True)
    assert not window_fits(CHILD, SATURDAY, _h(18), _h(21), 180, light_work=True)
    assert not window_fits(CHILD, SATURDAY, _h(17), _h(21), 90, light_work=True)
    assert window_fits(CHILD, SATURDAY, _h(16, 20), _h(18), 100, light_work=True)
    # Lessons are the agreement's matter: the listing cannot know the minor's school days.
    assert window_fits(CHILD, WEDNESDAY, _h(8), _h(12), 60, light_work=True)
    assert not window_fits(CHILD, WEDNESDAY, _h(8), _h(12), 60, light_work=False)
