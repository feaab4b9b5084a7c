"""Categories (Kategorien) per exchange of a Kommune.

A deactivated category is no longer offered for new listings (kommunen.category_options
lists active ones only); listings that use it stay as they are. A used category is never
deleted: its listings point to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.models import AuditAction, Category, Exchange, Listing, id_of
from dasnez_core.services import audit
from dasnez_core.services.masterdata import clean_name, page_slice, require_admin, same_name

CATEGORY_NAME_MAX = 80


@dataclass(frozen=True)
class CategoryRow:
    id: int
    exchange_type: str
    exchange_enabled: bool
    name: str
    name_en: str
    active: bool
    listings: int


@dataclass(frozen=True)
class CategoryPage:
    rows: list[CategoryRow]
    page: int
    pages: int


def _category(db: Session, kommune_id: int, category_id: int) -> Category:
    category = db.exec(
        select(Category).where(Category.id == category_id, Category.kommune_id == kommune_id)
    ).first()
    if category is None:
        raise NotFound("masterdata.category_not_found")
    return category


def _exchange(db: Session, kommune_id: int, exchange_id: int | None) -> Exchange:
    exchange = db.exec(
        select(Exchange).where(Exchange.id == exchange_id, Exchange.kommune_id == kommune_id)
    ).first()
    if exchange is None:
        raise NotFound("masterdata.exchange_not_found")
    return exchange


def _check_free_name(
    db: Session, kommune_id: int, exchange_id: int, name: str, *, keep: int = 0
) -> None:
    others = db.exec(
        select(Category).where(
            Category.kommune_id == kommune_id, Category.exchange_id == exchange_id
        )
    ).all()
    if any(same_name(c.name, name) and c.id != keep for c in others):
        raise InvalidInput("name", "masterdata.category_duplicate", name=name)


def _uses(db: Session, kommune_id: int, category_id: int) -> int:
    return int(
        db.exec(
            select(func.count()).where(
                col(Listing.kommune_id) == kommune_id, col(Listing.category_id) == category_id
            )
        ).one()
    )


def list_categories(db: Session, actor: Actor, kommune_id: int, page: int = 1) -> CategoryPage:
    """All categories, active or not, by exchange and name, with how many listings use them."""
    require_admin(actor, kommune_id)
    counts = dict(
        db.execute(
            sa_select(col(Listing.category_id), func.count())
            .where(col(Listing.kommune_id) == kommune_id)
            .group_by(col(Listing.category_id))
        ).all()
    )
    rows = db.exec(
        select(Category, Exchange)
        .join(Exchange, col(Exchange.id) == Category.exchange_id)
        .where(Category.kommune_id == kommune_id)
        .order_by(col(Exchange.id), col(Category.id))
    ).all()
    result = [
        CategoryRow(
            id=id_of(c),
            exchange_type=e.type,
            exchange_enabled=e.enabled,
            name=c.name,
            name_en=c.name_en,
            active=c.active,
            listings=int(counts.get(id_of(c), 0)),
        )
        for c, e in sorted(rows, key=lambda r: (r[1].id or 0, r[0].name.casefold()))
    ]
    shown, page_no, pages = page_slice(result, page)
    return CategoryPage(rows=shown, page=page_no, pages=pages)


def _english_name(raw: str, field: str) -> str:
    """The optional English name: empty, or a name like the German one."""
    if not " ".join(raw.split()):
        return ""
    return clean_name(raw, field, CATEGORY_NAME_MAX)


def add_category(
    db: Session, actor: Actor, kommune_id: int, exchange_id: int, name: str, name_en: str = ""
) -> int:
    """A new active category; `name_en` (optional) is shown in the English mode."""
    require_admin(actor, kommune_id)
    exchange = _exchange(db, kommune_id, exchange_id)
    clean = clean_name(name, "name", CATEGORY_NAME_MAX)
    english = _english_name(name_en, "name_en")
    _check_free_name(db, kommune_id, id_of(exchange), clean)
    category = Category(
        kommune_id=kommune_id, exchange_id=id_of(exchange), name=clean, name_en=english
    )
    db.add(category)
    db.flush()
    audit.record(
        db,
        actor,
        action=AuditAction.ADD_CATEGORY,
        target_type="category",
        target_id=category.id,
        kommune_id=kommune_id,
    )
    db.flush()
    return id_of(category)


def rename_category(
    db: Session,
    actor: Actor,
    kommune_id: int,
    category_id: int,
    name: str,
    name_en: str | None = None,
) -> None:
    """New names (German, and English unless None; "" removes it); listings in the
    category show them at once."""
    require_admin(actor, kommune_id)
    category = _category(db, kommune_id, category_id)
    clean = clean_name(name, "name", CATEGORY_NAME_MAX)
    english = category.name_en if name_en is None else _english_name(name_en, "name_en")
    _check_free_name(db, kommune_id, category.exchange_id, clean, keep=category_id)
    category.name = clean
    category.name_en = english
    db.add(category)
    audit.record(
        db,
        actor,
        action=AuditAction.RENAME_CATEGORY,
        target_type="category",
        target_id=category_id,
        kommune_id=kommune_id,
    )
    db.flush()


def set_category_active(
    db: Session, actor: Actor, kommune_id: int, category_id: int, active: bool
) -> None:
    """Deactivate (no longer offered for new listings) or reactivate a category."""
    require_admin(actor, kommune_id)
    category = _category(db, kommune_id, category_id)
    if category.active == active:
        raise InvalidInput(
            "category_id",
            "masterdata.category_already_active"
            if active
            else "masterdata.category_already_inactive",
        )
    category.active = active
    db.add(category)
    audit.record(
        db,
        actor,
        action=AuditAction.REACTIVATE_CATEGORY if active else AuditAction.DEACTIVATE_CATEGORY,
        target_type="category",
        target_id=category_id,
        kommune_id=kommune_id,
    )
    db.flush()


def delete_category(db: Session, actor: Actor, kommune_id: int, category_id: int) -> None:
    """Delete a category no listing uses; a used one is refused (deactivate it instead)."""
    require_admin(actor, kommune_id)
    category = _category(db, kommune_id, category_id)
    uses = _uses(db, kommune_id, category_id)
    if uses:
        raise InvalidInput(
            "category_id", "masterdata.category_in_use", name=category.name, listings=uses
        )
    audit.record(
        db,
        actor,
        action=AuditAction.DELETE_CATEGORY,
        target_type="category",
        target_id=category_id,
        kommune_id=kommune_id,
        reason=category.name,
    )
    db.delete(category)
    db.flush()
