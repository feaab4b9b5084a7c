"""Statistics across Kommunen: per month and per Kommune, by Kreis and date range, each
chart's CSV; only platform staff read them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlmodel import Session, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.models import (
    Category,
    PlatformStatsDay,
    PlatformStatsMonth,
    Role,
    User,
    UserStatus,
)
from dasnez_core.services.platform_charts import (
    ChartFilters,
    _figures,
    chart_csv,
    effective_range,
    platform_charts,
)
from tests import factories as f

OCT = datetime(2026, 10, 15, 10, tzinfo=UTC)
NOV = datetime(2026, 11, 10, 10, tzinfo=UTC)


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    here = f.kommune(db, kreis="Paderborn")
    other = f.kommune(db, slug="soest", name="Soest", kreis="Soest")
    platform = f.user(db, here, "betrieb@dasnez.example", roles=(Role.PLATFORM_ADMIN,))
    _, cat = f.exchange_with_category(db, here)
    _, other_cat = f.exchange_with_category(db, other)
    maria = f.user(db, here, "maria@example.org")
    jonas = f.user(db, here, "jonas@example.org")
    anna = f.user(db, other, "anna@example.org")
    for person, moment in ((platform, OCT), (maria, OCT), (jonas, NOV), (anna, NOV)):
        person.created_at = moment
        db.add(person)
    oct_listing = f.listing_with(db, maria, cat, created_at=OCT)
    f.listing_with(db, maria, cat, created_at=NOV)
    f.listing_with(db, maria, cat, created_at=NOV, status="draft")  # not counted
    f.listing_with(db, anna, other_cat, created_at=NOV)
    talk = f.conversation_about(db, oct_listing, jonas)
    agreement = f.agreement_on(db, talk, helper=jonas, seeker=maria)
    agreement.created_at, agreement.hours, agreement.amount_cents = NOV, 2.5, 1250
    db.add(agreement)
    db.commit()
    return {
        "platform": f.actor(db, platform),
        "wrong": {
            "anonymous": ANONYMOUS,
            "citizen": f.actor(db, maria),
            "pending": f.actor(db, f.user(db, here, "neu@example.org", status=UserStatus.PENDING)),
            "blocked": f.actor(db, f.user(db, here, "weg@example.org", status=UserStatus.BLOCKED)),
            "kommune admin": f.actor(
                db, f.user(db, here, "admin@x.example", roles=(Role.KOMMUNE_ADMIN,))
            ),
            "other kommune's admin": f.actor(
                db, f.user(db, other, "admin@y.example", roles=(Role.KOMMUNE_ADMIN,))
            ),
        },
    }


RANGE = ChartFilters(date_from=date(2026, 10, 1), date_to=date(2026, 11, 30))


def test_figures_per_month_and_per_kommune(db: Session, world: dict[str, Any]) -> None:
    charts = platform_charts(db, world["platform"], RANGE)
    assert [
        (m.label, m.people, m.listings, m.agreements, m.hours, m.money) for m in charts.months
    ] == [
        ("10/2026", 2, 1, 0, 0.0, 0.0),
        ("11/2026", 2, 2, 1, 2.5, 12.5),
    ]
    assert [(k.name, k.kreis, k.people, k.listings, k.agreements) for k in charts.kommunen] == [
        ("Delbrück", "Paderborn", 3, 2, 1),
        ("Soest", "Soest", 1, 1, 0),
    ]
    assert (charts.totals.people, charts.totals.listings, charts.totals.money) == (4, 3, 12.5)
    assert charts.kreise == ["Paderborn", "Soest"]


def test_kreis_and_date_filters(db: Session, world: dict[str, Any]) -> None:
    soest = platform_charts(
        db,
        world["platform"],
        ChartFilters(kreis="Soest", date_from=RANGE.date_from, date_to=RANGE.date_to),
    )
    assert [k.name for k in soest.kommunen] == ["Soest"]
    assert sum(m.listings for m in soest.months) == 1
    october = platform_charts(
        db, world["platform"], ChartFilters(date_from=date(2026, 10, 1), date_to=date(2026, 10, 31))
    )
    assert [(m.label, m.listings) for m in october.months] == [("10/2026", 1)]
    with pytest.raises(InvalidInput):
        platform_charts(
            db,
            world["platform"],
            ChartFilters(date_from=date(2026, 11, 1), date_to=date(2026, 10, 1)),
        )
    with pytest.raises(InvalidInput) as too_long:
        platform_charts(db, world["platform"], ChartFilters(date_from=date(2000, 1, 1)))
    assert too_long.value.key == "charts.range_too_long"


def test_without_a_range_the_last_twelve_months() -> None:
    assert effective_range(ChartFilters(), today=date(2026, 12, 4)) == (
        date(2026, 1, 1),
        date(2026, 12, 4),
    )


def test_every_chart_has_its_csv(db: Session, world: dict[str, Any]) -> None:
    charts = platform_charts(db, world["platform"], RANGE)
    data, name = chart_csv(charts, "money")
    assert name == "dasnez-money-2026-10-01_2026-11-30.csv"
    assert data.decode("utf-8-sig").splitlines() == [
        "Monat;Taschengeld (Euro)",
        "10/2026;0",
        "11/2026;12,5",
    ]
    data, name = chart_csv(charts, "kommunen")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Kommune;Kreis;Neue Personen")
    assert lines[1] == "Delbrück;Paderborn;3;2;1;2,5;12,5"
    with pytest.raises(InvalidInput):
        chart_csv(charts, "passwords")


@pytest.mark.parametrize(
    "who",
    ["anonymous", "citizen", "pending", "blocked", "kommune admin", "other kommune's admin"],
)
def test_only_platform_staff_read_the_charts(db: Session, world: dict[str, Any], who: str) -> None:
    with pytest.raises(NotAllowed):
        platform_charts(db, world["wrong"][who], RANGE)


def test_closed_months_are_kept_and_the_current_month_is_counted_live(
    db: Session, world: dict[str, Any]
) -> None:
    today = date(2026, 12, 4)
    span = ChartFilters(date_from=date(2026, 10, 1), date_to=date(2026, 12, 31))
    first = platform_charts(db, world["platform"], span, today=today)
    db.commit()
    assert [m.listings for m in first.months] == [1, 2, 0]
    kept = db.exec(select(PlatformStatsMonth.month).order_by(PlatformStatsMonth.month)).all()
    assert list(kept) == ["2026-10", "2026-11"]
    # The current month's closed days are kept too.
    days = db.exec(select(PlatformStatsDay.day).order_by(PlatformStatsDay.day)).all()
    assert list(days) == [date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3)]
    # Written later into a closed month or day: the kept snapshot stands; today is counted
    # live.
    maria = db.exec(select(User).where(User.email == "maria@example.org")).one()
    cat = db.exec(select(Category)).first()
    assert cat is not None
    f.listing_with(db, maria, cat, created_at=NOV)
    f.listing_with(db, maria, cat, created_at=datetime(2026, 12, 2, 9, tzinfo=UTC))
    f.listing_with(db, maria, cat, created_at=datetime(2026, 12, 4, 9, tzinfo=UTC))
    db.commit()
    again = platform_charts(db, world["platform"], span, today=today)
    assert [m.listings for m in again.months] == [1, 2, 1]
    # A range that cuts a month counts that month's days from the rows.
    cut = platform_charts(
        db,
        world["platform"],
        ChartFilters(date_from=date(2026, 11, 5), date_to=date(2026, 11, 30)),
        today=today,
    )
    assert [m.listings for m in cut.months] == [3]


@pytest.mark.parametrize(
    "filters",
    [
        ChartFilters(),
        ChartFilters(date_from=date(2026, 10, 20), date_to=date(2026, 12, 3)),
        ChartFilters(kreis="Soest", date_from=date(2026, 11, 5)),
        ChartFilters(date_from=date(2026, 11, 10), date_to=date(2026, 11, 10)),
    ],
)
def test_kept_figures_are_the_rows_counted(
    db: Session, world: dict[str, Any], filters: ChartFilters
) -> None:
    """Kept months and days, first computed and then read, give what counting every row of
    the range gives, per month and per Kommune."""
    today = date(2026, 12, 4)
    start, end = effective_range(filters, today)
    rows = _figures(db, ChartFilters(kreis=filters.kreis, date_from=start, date_to=end))
    expected_months: dict[str, list[float]] = {}
    for (_kommune, month), values in rows.items():
        bucket = expected_months.setdefault(month, [0, 0, 0, 0.0, 0])
        for i, value in enumerate(values):
            bucket[i] += value
    for _ in range(2):
        charts = platform_charts(db, world["platform"], filters, today=today)
        db.commit()
        shown = {
            m.month: [m.people, m.listings, m.agreements, m.hours, round(m.money * 100)]
            for m in charts.months
            if (m.people, m.listings, m.agreements) != (0, 0, 0)
        }
        assert shown == {k: [*v[:3], v[3], v[4]] for k, v in expected_months.items()}
        assert sum(k.listings for k in charts.kommunen) == sum(v[1] for v in rows.values())
