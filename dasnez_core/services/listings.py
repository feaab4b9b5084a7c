"""Writing listings: create, edit, publish, close, delete, renew, expiry reminders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import partial

from sqlalchemy import delete
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound, Problems
from dasnez_core.exchanges import SWAP_FOR, FieldInput, ListingField, listing_fields, rule_of
from dasnez_core.formatting import format_date, format_number
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    Area,
    Category,
    Exchange,
    ExchangeType,
    Kommune,
    Listing,
    ListingKind,
    ListingSocialSpace,
    ListingStatus,
    SocialSpace,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services import youth
from dasnez_core.services.auth import clean_text
from dasnez_core.services.kommunen import district_of, get_area, get_kommune
from dasnez_core.services.transitions import locked_one

TITLE_MIN, TITLE_MAX = 3, 120
BODY_MIN, BODY_MAX = 10, 4000
SWAP_MAX = SWAP_FOR.maximum


@dataclass(frozen=True)
class ListingDraft:
    """What a person enters for a listing (ids as the form sends them, already parsed)."""

    kind: str
    exchange_id: int | None
    category_id: int | None
    title: str
    body: str
    area_id: int | None
    social_space_ids: tuple[int, ...] = ()
    pocket_money: str = ""
    estimated_hours: str = ""
    swap_for: str = ""
    # A Taschengeld job (dasnez_core.services.youth.listing_job): day, window, hours.
    job_date: str = ""
    job_from: str = ""
    job_until: str = ""
    job_hours: str = ""
    # Tauschbörse only: "gift" (zu verschenken) or "swap" (tauschen gegen `swap_for`).
    swap_mode: str = ""


class SwapMode(StrEnum):
    GIFT = "gift"
    SWAP = "swap"


@dataclass(frozen=True)
class _Checked:
    kind: str
    exchange: Exchange
    category: Category
    title: str
    body: str
    area: Area
    space_ids: list[int]
    # Listing column → value, for every extra field of every exchange: the fields of
    # another exchange hold their empty value.
    extras: dict[str, int | str | date | None]


def _check(db: Session, kommune_id: int, draft: ListingDraft, lang: str) -> _Checked:
    """Validate every field against the Kommune's master data; raise InvalidInput (every
    unacceptable field at once)."""
    problems = Problems()
    if draft.kind not in (ListingKind.OFFER, ListingKind.REQUEST):
        problems.add("kind", "listing.kind_required")
    category = _category(db, kommune_id, draft.category_id)
    exchange = _exchange(db, kommune_id, category, draft.exchange_id, problems)
    title = " ".join(clean_text(draft.title).split())
    if len(title) < TITLE_MIN:
        problems.add("title", "listing.title_too_short", min=TITLE_MIN)
    elif len(title) > TITLE_MAX:
        problems.add("title", "listing.title_too_long", max=TITLE_MAX)
    body = clean_text(draft.body)
    if len(body) < BODY_MIN:
        problems.add("body", "listing.body_too_short", min=BODY_MIN)
    elif len(body) > BODY_MAX:
        problems.add("body", "listing.body_too_long", max=BODY_MAX)
    area = _listing_area(db, kommune_id, draft.area_id, problems)
    space_ids = sorted(set(draft.social_space_ids))
    if space_ids:
        found = db.exec(
            select(SocialSpace.id).where(
                col(SocialSpace.id).in_(space_ids), SocialSpace.kommune_id == kommune_id
            )
        ).all()
        if len(found) != len(space_ids):
            problems.add("social_space_ids", "listing.social_space_unknown")
    extras: dict[str, int | str | date | None] = {**_extras(draft, exchange, lang, problems)}
    job = youth.JobWindowInput(draft.job_date, draft.job_from, draft.job_until, draft.job_hours)
    extras.update(youth.listing_job(job, exchange.type if exchange else "", problems))
    extras["swap_mode"] = _swap_mode(draft, exchange, extras, problems)
    problems.raise_if_any()
    assert category is not None and exchange is not None and area is not None
    return _Checked(draft.kind, exchange, category, title, body, area, space_ids, extras)


def _category(db: Session, kommune_id: int, category_id: int | None) -> Category | None:
    if category_id is None:
        return None
    return db.exec(
        select(Category).where(
            Category.id == category_id, Category.kommune_id == kommune_id, col(Category.active)
        )
    ).first()


def _exchange(
    db: Session,
    kommune_id: int,
    category: Category | None,
    exchange_id: int | None,
    problems: Problems,
) -> Exchange | None:
    """The exchange the category belongs to; a different one sent alongside is refused."""
    if category is None:
        problems.add("category_id", "listing.category_required")
        return None
    exchange = db.exec(
        select(Exchange).where(
            Exchange.id == category.exchange_id,
            Exchange.kommune_id == kommune_id,
            col(Exchange.enabled),
        )
    ).first()
    if exchange is None or exchange_id not in (None, exchange.id):
        problems.add("exchange_id", "listing.exchange_required")
        return None
    return exchange


def _listing_area(
    db: Session, kommune_id: int, area_id: int | None, problems: Problems
) -> Area | None:
    if area_id is None:
        problems.add("area_id", "listing.area_required")
        return None
    return problems.check(lambda: get_area(db, kommune_id=kommune_id, area_id=area_id))


def _extras(
    draft: ListingDraft, exchange: Exchange | None, lang: str, problems: Problems
) -> dict[str, int | str | None]:
    """Exchange-specific details: kept only where they belong (see dasnez_core.exchanges);
    without a valid exchange, none are checked."""
    own_fields = {f.name for f in rule_of(exchange.type).fields} if exchange else set()
    extras: dict[str, int | str | None] = {}
    for f in listing_fields():
        raw = str(getattr(draft, f.name))
        extras[f.column] = (
            problems.check(partial(_extra_value, f, raw, lang))
            if f.name in own_fields
            else _empty(f)
        )
    return extras


def _swap_mode(
    draft: ListingDraft,
    exchange: Exchange | None,
    extras: dict[str, int | str | date | None],
    problems: Problems,
) -> str:
    """A Tauschbörse listing is either given away or swapped for something it names; a
    gift asks nothing in return (what was typed there is dropped)."""
    if exchange is None or exchange.type != ExchangeType.TAUSCH:
        return ""
    mode = draft.swap_mode.strip()
    if mode not in (SwapMode.GIFT, SwapMode.SWAP):
        problems.add("swap_mode", "swap.mode_required")
        return ""
    if mode == SwapMode.GIFT:
        extras[SWAP_FOR.column] = ""
    elif not extras.get(SWAP_FOR.column) and not problems.has(SWAP_FOR.name):
        problems.add(SWAP_FOR.name, "swap.for_required")
    return mode


def _empty(field: ListingField) -> int | str | None:
    return "" if field.input == FieldInput.TEXT else None


def _extra_value(field: ListingField, raw: str, lang: str) -> int | str | None:
    """What a person typed into an extra field, checked by its input kind."""
    if field.input == FieldInput.MONEY:
        return parse_euro_cents(raw, field.name, maximum=field.maximum, lang=lang)
    if field.input == FieldInput.WHOLE_HOURS:
        return parse_whole_number(raw, field.name, maximum=field.maximum)
    return " ".join(clean_text(raw).split())[: field.maximum]


def parse_euro_cents(raw: str, field: str, maximum: int, lang: str = "de") -> int | None:
    """'8', '8,50' or '8.50' (euros) → cents; empty → None."""
    text = raw.strip().replace("€", "").replace(" ", "")
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,4})(?:[.,](\d{1,2}))?", text)
    if match is None:
        raise InvalidInput(field, "listing.money_invalid")
    cents = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
    if cents > maximum:
        raise InvalidInput(
            field, "listing.money_too_high", max=format_number(Decimal(maximum) / 100, lang)
        )
    return cents


def parse_whole_number(raw: str, field: str, maximum: int) -> int | None:
    text = raw.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= maximum:
        raise InvalidInput(field, "listing.hours_invalid", max=maximum)
    return int(text)


def _apply(db: Session, listing: Listing, checked: _Checked) -> None:
    listing.kind = checked.kind
    listing.exchange_id = id_of(checked.exchange)
    listing.category_id = id_of(checked.category)
    listing.title = checked.title
    listing.body = checked.body
    listing.area_id = checked.area.id
    listing.district_id = district_of(db, checked.area)
    for column, value in checked.extras.items():
        setattr(listing, column, value)
    listing.updated_at = utcnow()


def _set_spaces(db: Session, listing_id: int, space_ids: list[int]) -> None:
    db.execute(delete(ListingSocialSpace).where(col(ListingSocialSpace.listing_id) == listing_id))
    for space_id in space_ids:
        db.add(ListingSocialSpace(social_space_id=space_id, listing_id=listing_id))


def _require_author(actor: Actor, kommune_id: int, *, publish: bool) -> int:
    """The actor's user id if they may write (and, with `publish`, publish) here."""
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    if publish and actor.status == UserStatus.PENDING:
        raise NotAllowed("listing.account_pending")
    require(actor, Action.PUBLISH_LISTING if publish else Action.WRITE_OWN_LISTING, kommune_id)
    return actor.user_id


def _published_status(kommune: Kommune) -> str:
    return ListingStatus.PENDING if kommune.premoderation else ListingStatus.PUBLISHED


def create_listing(
    db: Session,
    actor: Actor,
    kommune_id: int,
    draft: ListingDraft,
    *,
    publish: bool = True,
    lang: str = "de",
) -> int:
    """Create a listing in the actor's own Kommune (published, or a draft) and return its id.

    Pending people may save drafts; only approved people publish. `lang` is the language
    of the numbers in an error's message.
    """
    author_id = _require_author(actor, kommune_id, publish=publish)
    kommune = get_kommune(db, kommune_id)
    checked = _check(db, kommune_id, draft, lang)
    now = utcnow()
    listing = Listing(
        kommune_id=kommune_id,
        author_id=author_id,
        kind=checked.kind,
        exchange_id=id_of(checked.exchange),
        category_id=id_of(checked.category),
        title=checked.title,
        body=checked.body,
        status=_published_status(kommune) if publish else ListingStatus.DRAFT,
        created_at=now,
        expires_at=now + timedelta(days=kommune.listing_days),
    )
    _apply(db, listing, checked)
    db.add(listing)
    db.flush()
    _set_spaces(db, id_of(listing), checked.space_ids)
    db.flush()
    return id_of(listing)


def own_listing(
    db: Session, actor: Actor, kommune_id: int, listing_id: int, *, lock: bool = False
) -> Listing:
    """The actor's own listing in their Kommune; anything else is not found. With `lock`
    it is read afresh and locked for this transaction (for a change of its status)."""
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    require(actor, Action.WRITE_OWN_LISTING, kommune_id)
    where = (
        col(Listing.id) == listing_id,
        col(Listing.kommune_id) == kommune_id,
        col(Listing.author_id) == actor.user_id,
        col(Listing.status) != ListingStatus.DELETED,
    )
    listing = (
        locked_one(db, Listing, *where) if lock else db.exec(select(Listing).where(*where)).first()
    )
    if listing is None:
        raise NotFound("listing.not_found")
    return listing


def update_listing(
    db: Session,
    actor: Actor,
    kommune_id: int,
    listing_id: int,
    draft: ListingDraft,
    *,
    publish: bool,
    lang: str = "de",
) -> None:
    """Change an own listing; `publish` publishes a draft (or keeps a listing published)."""
    _require_author(actor, kommune_id, publish=publish)
    listing = own_listing(db, actor, kommune_id, listing_id, lock=True)
    if listing.status == ListingStatus.REMOVED:
        raise NotAllowed("listing.removed_by_admin")
    checked = _check(db, kommune_id, draft, lang)
    _apply(db, listing, checked)
    kommune = get_kommune(db, kommune_id)
    if publish and listing.status in (ListingStatus.DRAFT, ListingStatus.CLOSED):
        listing.status = _published_status(kommune)
        listing.closed_at = None
        listing.expires_at = utcnow() + timedelta(days=kommune.listing_days)
        listing.reminder_sent_at = None
    elif publish and kommune.premoderation and listing.status == ListingStatus.PUBLISHED:
        # With pre-moderation, changed text is checked again before it shows.
        listing.status = ListingStatus.PENDING
    elif not publish and listing.status != ListingStatus.DRAFT:
        listing.status = ListingStatus.DRAFT
    db.add(listing)
    _set_spaces(db, listing_id, checked.space_ids)
    db.flush()


def close_listing(db: Session, actor: Actor, kommune_id: int, listing_id: int) -> None:
    """The need is met: the listing leaves every public view, the author keeps it."""
    listing = own_listing(db, actor, kommune_id, listing_id, lock=True)
    if listing.status in (ListingStatus.REMOVED, ListingStatus.CLOSED):
        raise InvalidInput("listing_id", "listing.not_open")
    listing.status = ListingStatus.CLOSED
    listing.closed_at = utcnow()
    db.add(listing)
    db.flush()


def delete_listing(db: Session, actor: Actor, kommune_id: int, listing_id: int) -> None:
    """Delete an own listing. Its text is erased; the row stays as a tombstone so that
    agreements and ratings made through it keep their history."""
    listing = own_listing(db, actor, kommune_id, listing_id, lock=True)
    listing.status = ListingStatus.DELETED
    listing.title = "—"
    listing.body = ""
    listing.swap_for = ""
    listing.updated_at = utcnow()
    db.add(listing)
    db.execute(delete(ListingSocialSpace).where(col(ListingSocialSpace.listing_id) == listing_id))
    from dasnez_core.services.listing_photos import forget_listings  # it imports this module

    forget_listings(db, [listing_id])
    db.flush()


def renew_listing(db: Session, actor: Actor, kommune_id: int, listing_id: int) -> None:
    """Run the listing for another full period from today (also after it expired)."""
    _require_author(actor, kommune_id, publish=True)
    listing = own_listing(db, actor, kommune_id, listing_id, lock=True)
    if listing.status != ListingStatus.PUBLISHED:
        raise InvalidInput("listing_id", "listing.renew_only_published")
    kommune = get_kommune(db, kommune_id)
    listing.expires_at = utcnow() + timedelta(days=kommune.listing_days)
    listing.reminder_sent_at = None
    db.add(listing)
    db.flush()


@dataclass(frozen=True)
class OwnListing:
    id: int
    title: str
    status: str
    expired: bool
    expires_on: str
    kommune_slug: str


def list_own(db: Session, actor: Actor, page: int = 1, lang: str = "de") -> list[OwnListing]:
    """The actor's listings in every state but deleted, newest first (50 a page)."""
    if actor.user_id is None or actor.kommune_id is None:
        raise NotAllowed("auth.required")
    require(actor, Action.WRITE_OWN_LISTING, actor.kommune_id)
    now = utcnow()
    rows = db.execute(
        sa_select(
            col(Listing.id),
            col(Listing.title),
            col(Listing.status),
            col(Listing.expires_at),
            col(Kommune.slug),
        )
        .join(Kommune, col(Kommune.id) == Listing.kommune_id)
        .where(
            col(Listing.author_id) == actor.user_id,
            col(Listing.kommune_id) == actor.kommune_id,
            col(Listing.status) != ListingStatus.DELETED,
        )
        .order_by(col(Listing.created_at).desc(), col(Listing.id).desc())
        .limit(50)
        .offset(50 * (max(page, 1) - 1))
    ).all()
    return [
        OwnListing(
            id=lid,
            title=title,
            status=status,
            expired=status == ListingStatus.PUBLISHED and expires <= now,
            expires_on=format_date(expires, lang),
            kommune_slug=slug,
        )
        for lid, title, status, expires, slug in rows
    ]


def send_expiry_reminders(db: Session) -> int:
    """Queue one reminder per published listing that expires within its Kommune's
    reminder period; returns how many. Safe to run often (each listing is reminded once)."""
    now = utcnow()
    rows = db.execute(
        sa_select(Listing, User, Kommune)
        .join(User, col(User.id) == Listing.author_id)
        .join(Kommune, col(Kommune.id) == Listing.kommune_id)
        .where(
            col(Listing.status) == ListingStatus.PUBLISHED,
            col(Listing.reminder_sent_at).is_(None),
            col(Listing.expires_at) > now,
            col(User.status) == UserStatus.APPROVED,
        )
        .order_by(col(Listing.expires_at))
        .limit(500)
    ).all()
    sent = 0
    for listing, user, kommune in rows:
        if listing.expires_at > now + timedelta(days=kommune.reminder_days):
            continue
        queue(
            db,
            compose(
                user.email,
                user.language,
                "mail.listing_expiring",
                title=listing.title,
                date=format_date(listing.expires_at, user.language),
                name=user.display_name,
            ),
        )
        listing.reminder_sent_at = now
        db.add(listing)
        sent += 1
    db.flush()
    return sent
