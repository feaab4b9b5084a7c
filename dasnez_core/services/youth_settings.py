"""A Kommune's Taschengeldbörse settings: the suggested pocket-money rate, the minimum age,
the end of school lessons, which categories are light work (KindArbSchV § 2), and the
information page for adults and parents (edited from a shipped template).

Kept by the Kommune's admins (MANAGE_MASTERDATA); the information page is public.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import Problems
from dasnez_core.formatting import format_amount, format_euros
from dasnez_core.i18n import translate
from dasnez_core.models import AuditAction, Category, Exchange, ExchangeType, Kommune, id_of
from dasnez_core.services import audit
from dasnez_core.services.auth import clean_text
from dasnez_core.services.kommunen import get_kommune, get_kommune_by_slug
from dasnez_core.services.listings import parse_euro_cents
from dasnez_core.services.masterdata import require_admin
from dasnez_core.services.youth import parse_time
from dasnez_core.youth_rules import ADULT_AGE, MIN_AGE, LightWork

INFO_MAX = 8000
RATE_MAX = 50_00
TEMPLATE_KEY = "youth.info_template"


@dataclass(frozen=True)
class CategoryMark:
    id: int
    name: str
    light_work: str  # a LightWork value or ""


@dataclass(frozen=True)
class YouthSettings:
    """What the admin page shows and edits (texts as the form shows them)."""

    rate_min: str
    rate_max: str
    min_age: str
    school_end: str
    info: str
    categories: list[CategoryMark]


@dataclass(frozen=True)
class SettingsInput:
    rate_min: str
    rate_max: str
    min_age: str
    school_end: str
    info: str
    # Category id → LightWork value or "" (only this Kommune's Taschengeld categories).
    light_work: dict[int, str]


def template(kommune: Kommune, lang: str = "de") -> str:
    """The shipped information text, filled with the Kommune's name and contact."""
    contact = " · ".join(
        p for p in (kommune.contact_name, kommune.contact_email, kommune.contact_phone) if p
    )
    return translate(TEMPLATE_KEY, lang, kommune=kommune.name, contact=contact or kommune.name)


def _taschengeld_categories(db: Session, kommune_id: int) -> list[Category]:
    return list(
        db.exec(
            select(Category)
            .join(Exchange, col(Exchange.id) == Category.exchange_id)
            .where(
                Category.kommune_id == kommune_id,
                Exchange.kommune_id == kommune_id,
                Exchange.type == ExchangeType.TASCHENGELD,
            )
            .order_by(col(Category.name))
        ).all()
    )


def _euros(cents: int) -> str:
    return format_amount(cents)


def get_settings(db: Session, actor: Actor, kommune_id: int) -> YouthSettings:
    require_admin(actor, kommune_id)
    k = get_kommune(db, kommune_id)
    return YouthSettings(
        rate_min=_euros(k.pocket_money_min_cents),
        rate_max=_euros(k.pocket_money_max_cents),
        min_age=str(k.taschengeld_min_age),
        school_end=f"{k.school_end_minute // 60:02d}:{k.school_end_minute % 60:02d}",
        info=k.youth_info or template(k),
        categories=[
            CategoryMark(id_of(c), c.name, c.light_work)
            for c in _taschengeld_categories(db, kommune_id)
        ],
    )


def update_settings(db: Session, actor: Actor, kommune_id: int, change: SettingsInput) -> None:
    """Save every setting at once, or (any problem) none; audited as a profile change."""
    require_admin(actor, kommune_id)
    k = get_kommune(db, kommune_id)
    problems = Problems()
    low = problems.check(lambda: parse_euro_cents(change.rate_min, "rate_min", RATE_MAX))
    high = problems.check(lambda: parse_euro_cents(change.rate_max, "rate_max", RATE_MAX))
    if low is None and not problems.has("rate_min"):
        problems.add("rate_min", "youth.rate_required")
    if high is None and not problems.has("rate_max"):
        problems.add("rate_max", "youth.rate_required")
    if low is not None and high is not None and low > high:
        problems.add("rate_max", "youth.rate_order")
    age = change.min_age.strip()
    if not age.isdigit() or not MIN_AGE <= int(age) < ADULT_AGE:
        problems.add("min_age", "youth.min_age_invalid", min=MIN_AGE, max=ADULT_AGE - 1)
    school_end = problems.check(lambda: parse_time(change.school_end, "school_end"))
    if school_end is None and not problems.has("school_end"):
        problems.add("school_end", "youth.time_required")
    elif school_end is not None and not 8 * 60 <= school_end <= 18 * 60:
        problems.add("school_end", "youth.school_end_invalid")
    info = clean_text(change.info)
    if len(info) > INFO_MAX:
        problems.add("info", "masterdata.text_too_long", max=INFO_MAX)
    categories = {id_of(c): c for c in _taschengeld_categories(db, kommune_id)}
    kinds = {kind.value for kind in LightWork}
    for category_id, mark in change.light_work.items():
        if category_id not in categories or (mark and mark not in kinds):
            problems.add("light_work", "youth.light_work_invalid")
            break
    problems.raise_if_any()
    assert low is not None and high is not None and school_end is not None
    k.pocket_money_min_cents, k.pocket_money_max_cents = low, high
    k.taschengeld_min_age, k.school_end_minute = int(age), school_end
    # The template as shipped is not stored: a later improvement of it reaches the Kommune.
    k.youth_info = "" if info == template(k).strip() else info
    db.add(k)
    for category_id, mark in change.light_work.items():
        category = categories[category_id]
        if category.light_work != mark:
            category.light_work = mark
            db.add(category)
    audit.record(
        db,
        actor,
        action=AuditAction.UPDATE_PROFILE,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
        reason="Taschengeldbörse",
    )
    db.flush()


@dataclass(frozen=True)
class YouthInfo:
    """The public information page of a Kommune's Taschengeldbörse."""

    kommune_name: str
    kommune_slug: str
    text: str
    rate: str
    min_age: int


def public_info(db: Session, slug: str, lang: str = "de") -> YouthInfo:
    """The page for adults and parents (NotFound for an unknown or inactive Kommune)."""
    k = get_kommune_by_slug(db, slug)
    return YouthInfo(
        kommune_name=k.name,
        kommune_slug=k.slug,
        text=k.youth_info or template(k, lang),
        rate=rate_text(k, lang),
        min_age=k.taschengeld_min_age,
    )


def rate_text(k: Kommune, lang: str = "de") -> str:
    """ "5,00 € – 8,00 €": the suggested rate an hour, shown in the forms."""
    return f"{format_euros(k.pocket_money_min_cents, lang)} – " + format_euros(
        k.pocket_money_max_cents, lang
    )
