"""How dates, times, numbers, money and hours read to a person, per language (Babel).

Every moment is stored as aware UTC and shown in Europe/Berlin, the time of every Kommune.
German reads "03.12.2026", "1.234,5", "12,50 €"; the English version of the app is for
people living in Germany, so it follows British conventions ("03/12/2026", "€12.50").
Services and pages format through this module only; nothing here knows a page or a URL.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_currency, format_decimal

from dasnez_core.i18n import translate

LOCAL_TIME = ZoneInfo("Europe/Berlin")
_LOCALES = {"de": "de_DE", "en": "en_GB"}
_NUMBER_INPUT = re.compile(r"^\d{1,6}(?:[.,]\d{1,2})?$")


def locale_of(lang: str) -> str:
    """The Babel locale of an app language ("de" unless it is "en")."""
    return _LOCALES.get(lang, _LOCALES["de"])


def local_moment(moment: datetime) -> datetime:
    """A stored moment in German local time (a naive value is taken as UTC, as stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TIME)


def local_today() -> date:
    """Today's date in Germany (the day a Kommune's office lives in)."""
    return datetime.now(LOCAL_TIME).date()


def format_date(value: date | datetime | None, lang: str = "de") -> str:
    """A day as people read it: "03.12.2026" / "03/12/2026"; "" for none.

    A datetime is a stored moment: it is turned to German time before the day is taken,
    so a listing posted at 00:30 in Delbrück shows that day, not the UTC one before."""
    if value is None:
        return ""
    day = local_moment(value).date() if isinstance(value, datetime) else value
    return format_day(day, locale_of(lang))


@lru_cache(maxsize=4096)
def format_day(day: date, locale: str) -> str:
    """format_date of a day for a Babel locale (locale_of): for a loop over many."""
    # Babel's skeleton lookup costs about 35 µs; a page of 20 cards shows 40 dates, mostly
    # the same few days.
    return format_skeleton("yMMdd", day, locale=locale, fuzzy=True)


def format_datetime(moment: datetime | None, lang: str = "de") -> str:
    """A stored moment in German time: "14.03.2026 16:05" / "14/03/2026 16:05"."""
    if moment is None:
        return ""
    local = local_moment(moment)
    return f"{format_date(local.date(), lang)} {local.strftime('%H:%M')}"


def format_number(
    value: float | Decimal | int, lang: str = "de", decimals: int | None = None
) -> str:
    """A number with the language's separators: 1234.5 → "1.234,5" / "1,234.5".

    `decimals` fixes the places shown; None shows up to two and drops trailing zeros
    (1.5 → "1,5", 2.0 → "2")."""
    pattern = (
        "#,##0" + ("." + "0" * decimals if decimals else "") if decimals is not None else "#,##0.##"
    )
    return format_decimal(Decimal(str(value)), format=pattern, locale=locale_of(lang))


def format_amount(cents: int, lang: str = "de") -> str:
    """Money without its sign, always with cents: 1250 → "12,50" / "12.50"."""
    return format_number(Decimal(cents) / 100, lang, decimals=2)


def format_euros(cents: int, lang: str = "de") -> str:
    """Money with its sign: 1250 → "12,50 €" / "€12.50" (a plain space, as the pages and
    CSV exports have always written it)."""
    text = format_currency(Decimal(cents) / 100, "EUR", locale=locale_of(lang))
    return text.replace("\xa0", " ")


def plural_form(count: float | Decimal | int, lang: str = "de") -> str:
    """The CLDR plural category of `count` in `lang` ("one", "other", …): 1 → "one",
    1.5 → "other"; catalog keys end in the category (e.g. "unit.hours.one")."""
    return str(Locale.parse(locale_of(lang)).plural_form(abs(Decimal(str(count)))))


def format_hours(hours: float | Decimal | int, lang: str = "de") -> str:
    """Hours with their unit in the right number: "1 Stunde", "2,5 Stunden", "1.5 hours"."""
    return translate(
        f"unit.hours.{plural_form(hours, lang)}", lang, value=format_number(hours, lang)
    )


def parse_decimal(raw: str) -> Decimal | None:
    """A number as people type it, in either language: "1,5", "1.5", "12,50 €", " 3 "
    (at most six digits and two decimals; None if it is not such a number)."""
    text = raw.strip().removesuffix("€").removesuffix("Euro").strip()
    if not _NUMBER_INPUT.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
