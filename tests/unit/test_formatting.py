"""Dates, numbers, money and hours as people read them, per language (dasnez_core.formatting)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from dasnez_core.formatting import (
    format_amount,
    format_date,
    format_datetime,
    format_euros,
    format_hours,
    format_number,
    parse_decimal,
    plural_form,
)


def test_a_moment_just_after_midnight_in_germany_shows_the_german_day() -> None:
    # 23:30 UTC on 2 December is 00:30 on 3 December in Delbrück (winter time).
    moment = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
    assert format_date(moment, "de") == "03.12.2026"
    assert format_date(moment, "en") == "03/12/2026"
    assert format_datetime(moment, "de") == "03.12.2026 00:30"


def test_summer_time_is_two_hours_ahead() -> None:
    assert format_datetime(datetime(2026, 7, 1, 22, 15, tzinfo=UTC), "de") == "02.07.2026 00:15"


def test_a_naive_stored_moment_is_taken_as_utc() -> None:
    assert format_datetime(datetime(2026, 12, 2, 23, 30), "de") == "03.12.2026 00:30"


def test_a_plain_day_is_not_shifted() -> None:
    assert format_date(date(2026, 1, 5), "de") == "05.01.2026"
    assert format_date(None, "de") == ""


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1234.5, "de", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (12.5, "de", None, "12,5"),
        (2.0, "de", None, "2"),
        (Decimal("0.25"), "en", None, "0.25"),
        (7, "de", 2, "7,00"),
    ],
)
def test_numbers_use_the_language_separators(
    value: float, lang: str, decimals: int | None, expected: str
) -> None:
    assert format_number(value, lang, decimals) == expected


def test_money_always_shows_cents() -> None:
    assert format_amount(1250, "de") == "12,50"
    assert format_amount(1250, "en") == "12.50"
    assert format_euros(123450, "de") == "1.234,50 €"
    assert format_euros(1250, "en") == "€12.50"


def test_hours_take_the_plural_form_of_their_language() -> None:
    assert plural_form(1, "de") == "one"
    assert plural_form(Decimal("1.5"), "en") == "other"
    assert format_hours(1, "de") == "1 Stunde"
    assert format_hours(2.5, "de") == "2,5 Stunden"
    assert format_hours(1.5, "en") == "1.5 hours"
    assert format_hours(1, "en") == "1 hour"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1,5", Decimal("1.5")), ("1.5", Decimal("1.5")), ("12,50 €", Decimal("12.50")), (" 3 ", 3)],
)
def test_numbers_typed_in_either_language_are_read(raw: str, expected: Decimal) -> None:
    assert parse_decimal(raw) == expected


@pytest.mark.parametrize("raw", ["", "abc", "1,234", "1.2.3", "-1", "1234567"])
def test_nonsense_is_not_a_number(raw: str) -> None:
    assert parse_decimal(raw) is None
