"""Statistics across Kommunen for platform staff: new people, listings, agreements, hours
and pocket money, per month and per Kommune, filtered by Kreis and date range.

Every figure is a grouped aggregate computed by the database (COUNT / SUM with GROUP BY
Kommune and month: one scan of each table serves both charts). A closed month is counted
once and kept (`platform_month_stats`, a snapshot of what was created that month), and so
is a closed day outside those months (`platform_day_stats`: a month the range cuts, the
current month up to yesterday). The database sums the kept figures per month and per
Kommune; only today is counted from the rows each time, so no view scans more than a day
of rows once its days are kept. Months and days are German calendar days on PostgreSQL
(Europe/Berlin); SQLite groups by the UTC day. Without a range the last twelve months are
shown. Each chart has a CSV of exactly its numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func as sa_func
from sqlalchemy import literal_column, select, union_all
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput
from dasnez_core.formatting import local_today
from dasnez_core.i18n import translate
from dasnez_core.models import (
    Agreement,
    Kommune,
    Listing,
    ListingStatus,
    PlatformDayStats,
    PlatformMonthStats,
    PlatformStatsDay,
    PlatformStatsMonth,
    User,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services.csv_export import to_csv
from dasnez_core.services.filters import check_range, created_between

MONTHS_MAX = 60
TOP_KOMMUNEN = 25
METRICS: tuple[str, ...] = ("people", "listings", "agreements", "hours", "money")
CHARTS: tuple[str, ...] = (*METRICS, "kommunen")


@dataclass(frozen=True)
class ChartFilters:
    kreis: str = ""
    date_from: date | None = None
    date_to: date | None = None


def effective_range(filters: ChartFilters, today: date | None = None) -> tuple[date, date]:
    """The days the charts cover: the filter's, or the last twelve months to today."""
    end = filters.date_to or today or local_today()
    if filters.date_from is not None:
        start = filters.date_from
    else:
        month = end.month - 11
        year = end.year + (month - 1) // 12
        start = date(year, (month - 1) % 12 + 1, 1)
    return start, end


def validate_chart_filters(filters: ChartFilters, today: date | None = None) -> None:
    check_range(filters.date_from, filters.date_to)
    start, end = effective_range(filters, today)
    if (end.year - start.year) * 12 + end.month - start.month >= MONTHS_MAX:
        raise InvalidInput("von", "charts.range_too_long", months=MONTHS_MAX)


@dataclass(frozen=True)
class MonthRow:
    month: str  # "2026-11"
    label: str  # "11/2026"
    people: int
    listings: int
    agreements: int
    hours: float
    money: float  # euros


@dataclass(frozen=True)
class KommuneRow:
    name: str
    kreis: str
    people: int
    listings: int
    agreements: int
    hours: float
    money: float


@dataclass(frozen=True)
class PlatformCharts:
    months: list[MonthRow]
    kommunen: list[KommuneRow]  # every Kommune with any figure, most listings first
    totals: MonthRow
    kreise: list[str]
    date_from: date
    date_to: date


def _period(db: Session, column: Any, per: str = "month") -> Any:
    """The German calendar month ("2026-11") or day ("2026-11-05") of a UTC moment."""
    if db.get_bind().dialect.name == "postgresql":
        local = sa_func.timezone(literal_column("'Europe/Berlin'"), column)
        pattern = "'YYYY-MM-DD'" if per == "day" else "'YYYY-MM'"
        return sa_func.to_char(local, literal_column(pattern))
    return sa_func.strftime("%Y-%m-%d" if per == "day" else "%Y-%m", column)


def _kommune_filter(column: Any, filters: ChartFilters) -> list[Any]:
    if not filters.kreis:
        return []
    return [column.in_(select(col(Kommune.id)).where(col(Kommune.kreis) == filters.kreis))]


def _grouped(
    db: Session,
    created: Any,
    kommune: Any,
    filters: ChartFilters,
    *values: Any,
    extra: tuple[Any, ...] = (),
    per: str = "month",
) -> dict[tuple[int, str], tuple[Any, ...]]:
    """{(Kommune, month or day): values} of one table: one scan serves both groupings."""
    start, end = effective_range(filters)
    period = _period(db, created, per)
    stmt = (
        select(kommune, period, *values)
        .where(*created_between(created, start, end), *_kommune_filter(kommune, filters), *extra)
        .group_by(kommune, period)
    )
    return {(int(row[0]), str(row[1])): tuple(row[2:]) for row in db.execute(stmt).all()}


def _figures(
    db: Session, filters: ChartFilters, per: str = "month"
) -> dict[tuple[int, str], list[float]]:
    """{(Kommune, month or day): [people, listings, agreements, hours, cents]}, three
    statements."""
    people = _grouped(
        db, col(User.created_at), col(User.kommune_id), filters, func.count(), per=per
    )
    listings = _grouped(
        db,
        col(Listing.created_at),
        col(Listing.kommune_id),
        filters,
        func.count(),
        extra=(col(Listing.status) != ListingStatus.DRAFT,),
        per=per,
    )
    agreements = _grouped(
        db,
        col(Agreement.created_at),
        col(Agreement.kommune_id),
        filters,
        func.count(),
        func.coalesce(func.sum(col(Agreement.hours)), 0),
        func.coalesce(func.sum(col(Agreement.amount_cents)), 0),
        per=per,
    )
    out: dict[tuple[int, str], list[float]] = {}
    for group in {*people, *listings, *agreements}:
        a = agreements.get(group, (0, 0, 0))
        out[group] = [
            int(people.get(group, (0,))[0]),
            int(listings.get(group, (0,))[0]),
            int(a[0]),
            float(a[1] or 0),
            int(a[2] or 0),
        ]
    return out


def _month_keys(start: date, end: date) -> list[str]:
    keys, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def _month_bounds(key: str) -> tuple[date, date]:
    year, month = int(key[:4]), int(key[5:])
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date(year, month, 1), following - timedelta(days=1)


def _kept_months(db: Session, keys: list[str]) -> set[str]:
    """Make sure the closed months `keys` are kept (computing the missing ones in one go,
    for every Kommune); returns the months that are kept."""
    if not keys:
        return set()
    kept = set(
        db.execute(
            select(col(PlatformStatsMonth.month)).where(col(PlatformStatsMonth.month).in_(keys))
        ).scalars()
    )
    missing = [k for k in keys if k not in kept]
    if not missing:
        return kept
    first, last = _month_bounds(missing[0])[0], _month_bounds(missing[-1])[1]
    figures = _figures(db, ChartFilters(date_from=first, date_to=last))
    try:
        with db.begin_nested():
            for (kommune_id, month), values in figures.items():
                if month in missing:
                    db.add(
                        PlatformMonthStats(
                            kommune_id=kommune_id,
                            month=month,
                            people=int(values[0]),
                            listings=int(values[1]),
                            agreements=int(values[2]),
                            hours=float(values[3]),
                            cents=int(values[4]),
                        )
                    )
            db.add_all(PlatformStatsMonth(month=month) for month in missing)
            db.flush()
    except IntegrityError:
        # Another worker kept them at the same moment: count these months live this time.
        return kept
    return kept | set(missing)


def _kept_days(db: Session, days: list[date]) -> set[date]:
    """`_kept_months` for closed days (a month the range cuts, the current month up to
    yesterday): the missing ones counted in one go for every Kommune."""
    if not days:
        return set()
    kept = set(
        db.execute(
            select(col(PlatformStatsDay.day)).where(col(PlatformStatsDay.day).in_(days))
        ).scalars()
    )
    missing = [d for d in days if d not in kept]
    if not missing:
        return kept
    wanted = {d.isoformat() for d in missing}
    figures = _figures(db, ChartFilters(date_from=missing[0], date_to=missing[-1]), per="day")
    try:
        with db.begin_nested():
            for (kommune_id, key), values in figures.items():
                if key in wanted:
                    db.add(
                        PlatformDayStats(
                            kommune_id=kommune_id,
                            day=date.fromisoformat(key),
                            month=key[:7],
                            people=int(values[0]),
                            listings=int(values[1]),
                            agreements=int(values[2]),
                            hours=float(values[3]),
                            cents=int(values[4]),
                        )
                    )
            db.add_all(PlatformStatsDay(day=d) for d in missing)
            db.flush()
    except IntegrityError:
        # Another worker kept them at the same moment: count these days live this time.
        return kept
    return kept | set(missing)


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Sorted days as contiguous ranges."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


_Totals = dict[Any, list[float]]


def _add(totals: _Totals, key: Any, values: Any) -> None:
    bucket = totals.setdefault(key, [0, 0, 0, 0.0, 0])
    for i, value in enumerate(values):
        bucket[i] += value or 0


def _kept_rows(table: Any, where: Any, filters: ChartFilters) -> Any:
    """The kept figures of `table` (months or days) matching `where`, as a union part."""
    columns: list[Any] = [
        col(table.kommune_id),
        col(table.month),
        col(table.people),
        col(table.listings),
        col(table.agreements),
        col(table.hours),
        col(table.cents),
    ]
    return select(*columns).where(where, *_kommune_filter(col(table.kommune_id), filters))


def _totals(db: Session, filters: ChartFilters, today: date) -> tuple[_Totals, _Totals]:
    """The figures of the range summed per month and per Kommune: closed whole months from
    the kept months, other closed days from the kept days (both summed by the database),
    and only today (and any day that could not be kept) counted from the rows."""
    start, end = effective_range(filters, today)
    this_month = date(today.year, today.month, 1)
    whole = [
        key
        for key in _month_keys(start, end)
        if _month_bounds(key)[0] >= start
        and _month_bounds(key)[1] <= end
        and _month_bounds(key)[0] < this_month
    ]
    kept_months = _kept_months(db, whole)
    closed: list[date] = []
    live: list[date] = []
    day = start
    while day <= end:
        key = f"{day.year:04d}-{day.month:02d}"
        if key in kept_months:
            day = _month_bounds(key)[1] + timedelta(days=1)
            continue
        (closed if day < today else live).append(day)
        day += timedelta(days=1)
    kept_days = _kept_days(db, closed)
    live = sorted([d for d in closed if d not in kept_days] + live)
    per_month: _Totals = {}
    per_kommune: _Totals = {}
    parts: list[Any] = []
    if kept_months:
        parts.append(
            _kept_rows(
                PlatformMonthStats,
                col(PlatformMonthStats.month).in_(sorted(kept_months)),
                filters,
            )
        )
    if kept_days:
        parts.append(
            _kept_rows(PlatformDayStats, col(PlatformDayStats.day).in_(sorted(kept_days)), filters)
        )
    if parts:
        union: Any = union_all(*parts)
        kept = union.subquery()
        sums = [
            sa_func.sum(kept.c.people),
            sa_func.sum(kept.c.listings),
            sa_func.sum(kept.c.agreements),
            sa_func.sum(kept.c.hours),
            sa_func.sum(kept.c.cents),
        ]
        for column, totals in ((kept.c.month, per_month), (kept.c.kommune_id, per_kommune)):
            for key, *values in db.execute(select(column, *sums).group_by(column)).all():
                _add(totals, key, values)
    for run_from, run_to in _runs(live):
        counted = _figures(
            db, ChartFilters(kreis=filters.kreis, date_from=run_from, date_to=run_to)
        )
        for (kommune_id, month), values in counted.items():
            _add(per_month, month, values)
            _add(per_kommune, kommune_id, values)
    return per_month, per_kommune


def _finished(values: list[float]) -> tuple[int, int, int, float, float]:
    """A bucket as shown: hours to one decimal, cents as euros."""
    return (
        int(values[0]),
        int(values[1]),
        int(values[2]),
        round(float(values[3]), 1),
        round(int(values[4]) / 100, 2),
    )


def platform_charts(
    db: Session, actor: Actor, filters: ChartFilters, today: date | None = None
) -> PlatformCharts:
    """The charts' numbers (see module doc); drafts are not counted as listings."""
    require(actor, Action.LIST_KOMMUNEN_STATS)
    day = today or local_today()
    validate_chart_filters(filters, day)
    start, end = effective_range(filters, day)
    months, per_kommune = _totals(db, filters, day)
    month_rows = [
        MonthRow(key, f"{key[5:]}/{key[:4]}", *_finished(months.get(key, [0, 0, 0, 0, 0])))
        for key in _month_keys(start, end)
    ]
    kommunen = {
        kid: (name, kreis)
        for kid, name, kreis in db.execute(
            select(col(Kommune.id), col(Kommune.name), col(Kommune.kreis)).where(
                *_kommune_filter(col(Kommune.id), filters)
            )
        ).all()
    }
    kommune_rows = sorted(
        (
            KommuneRow(kommunen[kid][0], kommunen[kid][1], *_finished(values))
            for kid, values in per_kommune.items()
            if kid in kommunen
        ),
        key=lambda r: (-r.listings, -r.people, r.name),
    )
    totals = MonthRow(
        "",
        "",
        sum(r.people for r in month_rows),
        sum(r.listings for r in month_rows),
        sum(r.agreements for r in month_rows),
        round(sum(r.hours for r in month_rows), 1),
        round(sum(r.money for r in month_rows), 2),
    )
    kreise = sorted(k for k in db.execute(select(col(Kommune.kreis)).distinct()).scalars() if k)
    return PlatformCharts(month_rows, kommune_rows, totals, kreise, start, end)


def chart_csv(charts: PlatformCharts, chart: str, lang: str = "de") -> tuple[bytes, str]:
    """The CSV of one chart (a metric per month, or the Kommunen) and its file name."""
    if chart not in CHARTS:
        raise InvalidInput("chart", "charts.unknown")
    span = f"{charts.date_from.isoformat()}_{charts.date_to.isoformat()}"
    if chart == "kommunen":
        header = [translate("charts.col.kommune", lang), translate("charts.col.kreis", lang)]
        header += [translate(f"charts.metric.{m}", lang) for m in METRICS]
        rows = [
            [
                r.name,
                r.kreis,
                r.people,
                r.listings,
                r.agreements,
                _num(r.hours, lang),
                _num(r.money, lang),
            ]
            for r in charts.kommunen
        ]
        return to_csv(header, rows), f"dasnez-kommunen-{span}.csv"
    header = [translate("charts.col.month", lang), translate(f"charts.metric.{chart}", lang)]
    rows = [[r.label, _num(getattr(r, chart), lang)] for r in charts.months]
    return to_csv(header, rows), f"dasnez-{chart}-{span}.csv"


def _num(value: float | int, lang: str) -> str:
    """A decimal as German Excel reads it (comma) in the German file."""
    text = f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace(".", ",") if lang == "de" else text
