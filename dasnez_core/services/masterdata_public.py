"""What the Kommune's public page shows besides listings: sponsor links and the Info-Box.

Both have a period (open at either end) and an order; the public page shows what is within
its period (kommunen.sponsors / kommunen.info_box), in that order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotFound, Problems
from dasnez_core.formatting import format_date
from dasnez_core.models import AuditAction, InfoItem, Sponsor, id_of
from dasnez_core.services import audit
from dasnez_core.services.auth import clean_text
from dasnez_core.services.masterdata import (
    check_period,
    clean_name,
    clean_url,
    iso_date,
    move_in_order,
    page_slice,
    parse_date,
    period_state,
    require_admin,
)
from dasnez_core.uploads import discard_after_commit, store_logo_in

SPONSOR_NAME_MAX = 120
INFO_TITLE_MAX = 120
INFO_BODY_MAX = 2000


_Entry = TypeVar("_Entry", Sponsor, InfoItem)
_Row = TypeVar("_Row")


@dataclass(frozen=True)
class _Kind(Generic[_Entry]):
    """What differs between sponsors and info items where their rules are the same:
    the table, the audit target and actions, the not-found message."""

    model: type[_Entry]
    target_type: str
    not_found: str
    added: AuditAction
    updated: AuditAction
    moved: AuditAction


_SPONSORS = _Kind(
    Sponsor,
    "sponsor",
    "masterdata.sponsor_not_found",
    AuditAction.ADD_SPONSOR,
    AuditAction.UPDATE_SPONSOR,
    AuditAction.MOVE_SPONSOR,
)
_INFO_ITEMS = _Kind(
    InfoItem,
    "info_item",
    "masterdata.info_not_found",
    AuditAction.ADD_INFO_ITEM,
    AuditAction.UPDATE_INFO_ITEM,
    AuditAction.MOVE_INFO_ITEM,
)


def _period_label(start: date | None, end: date | None, lang: str) -> str:
    if start is None and end is None:
        return ""
    return f"{format_date(start, lang) or '…'} – {format_date(end, lang) or '…'}"


def _entry(db: Session, kind: _Kind[_Entry], kommune_id: int, entry_id: int) -> _Entry:
    """One of the Kommune's entries; another Kommune's is not found."""
    model = kind.model
    entry = db.exec(
        select(model).where(model.id == entry_id, model.kommune_id == kommune_id)
    ).first()
    if entry is None:
        raise NotFound(kind.not_found)
    return entry


def _in_order(db: Session, kind: _Kind[_Entry], kommune_id: int) -> list[_Entry]:
    """All the Kommune's entries in the order the public page shows them."""
    model = kind.model
    return list(
        db.exec(
            select(model)
            .where(model.kommune_id == kommune_id)
            .order_by(col(model.position), col(model.id))
        ).all()
    )


def _listed(
    db: Session,
    actor: Actor,
    kind: _Kind[_Entry],
    kommune_id: int,
    page: int,
    row: Callable[[_Entry, bool, bool], _Row],
) -> tuple[list[_Row], int, int]:
    """(rows of `page`, the page shown, number of pages) of the entries in their order;
    `row(entry, first, last)` makes a row (first and last cannot move further)."""
    require_admin(actor, kommune_id)
    entries = _in_order(db, kind, kommune_id)
    last = len(entries) - 1
    return page_slice([row(e, n == 0, n == last) for n, e in enumerate(entries)], page)


def _period(
    start_raw: str, end_raw: str, start_field: str, end_field: str, problems: Problems
) -> tuple[date | None, date | None]:
    """A publish period as sent (either end open); the end not before the start."""
    start = problems.check(lambda: parse_date(start_raw, start_field))
    end = problems.check(lambda: parse_date(end_raw, end_field))
    problems.check(lambda: check_period(start, end, end_field))
    return start, end


def _append(db: Session, actor: Actor, kind: _Kind[_Entry], kommune_id: int, entry: _Entry) -> int:
    """Save a new entry at the end of the order."""
    existing = _in_order(db, kind, kommune_id)
    entry.position = max((e.position for e in existing), default=0) + 1
    db.add(entry)
    db.flush()
    audit.record(
        db,
        actor,
        action=kind.added,
        target_type=kind.target_type,
        target_id=entry.id,
        kommune_id=kommune_id,
    )
    db.flush()
    return id_of(entry)


def _save(db: Session, actor: Actor, kind: _Kind[_Entry], kommune_id: int, entry: _Entry) -> None:
    """Save a changed entry."""
    db.add(entry)
    audit.record(
        db,
        actor,
        action=kind.updated,
        target_type=kind.target_type,
        target_id=entry.id,
        kommune_id=kommune_id,
    )
    db.flush()


def _move(
    db: Session,
    actor: Actor,
    kind: _Kind[_Entry],
    kommune_id: int,
    entry_id: int,
    direction: str,
) -> None:
    """One place up or down in the order the public page shows."""
    require_admin(actor, kommune_id)
    _entry(db, kind, kommune_id, entry_id)
    rows = _in_order(db, kind, kommune_id)
    if not move_in_order(rows, entry_id, direction):
        raise InvalidInput("direction", "masterdata.cannot_move")
    db.add_all(rows)
    audit.record(
        db,
        actor,
        action=kind.moved,
        target_type=kind.target_type,
        target_id=entry_id,
        kommune_id=kommune_id,
        reason=direction,
    )
    db.flush()


# --- sponsors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SponsorRow:
    id: int
    name: str
    url: str
    valid_from: str
    valid_until: str
    period: str
    state: str
    first: bool
    last: bool
    logo: str = ""  # stored file name, "" without a logo


@dataclass(frozen=True)
class SponsorPage:
    rows: list[SponsorRow]
    page: int
    pages: int


@dataclass(frozen=True)
class SponsorInput:
    """The sponsor form as sent (dates as a date field sends them)."""

    name: str
    url: str
    valid_from: str = ""
    valid_until: str = ""


def _sponsor(db: Session, kommune_id: int, sponsor_id: int) -> Sponsor:
    return _entry(db, _SPONSORS, kommune_id, sponsor_id)


def _apply_sponsor(sponsor: Sponsor, values: SponsorInput) -> None:
    """Check every field first, then write: nothing is half-saved."""
    problems = Problems()
    name = problems.check(lambda: clean_name(values.name, "name", SPONSOR_NAME_MAX))
    url = problems.check(lambda: clean_url(values.url, "url", required=True))
    start, end = _period(
        values.valid_from, values.valid_until, "valid_from", "valid_until", problems
    )
    problems.raise_if_any()
    assert name is not None and url is not None
    sponsor.name, sponsor.url = name, url
    sponsor.valid_from, sponsor.valid_until = start, end


def list_sponsors(
    db: Session, actor: Actor, kommune_id: int, today: date, page: int = 1, lang: str = "de"
) -> SponsorPage:
    """All sponsor links in their order, with whether the public sees them `today`."""

    def row(s: Sponsor, first: bool, last: bool) -> SponsorRow:
        return SponsorRow(
            id=id_of(s),
            name=s.name,
            url=s.url,
            valid_from=iso_date(s.valid_from),
            valid_until=iso_date(s.valid_until),
            period=_period_label(s.valid_from, s.valid_until, lang),
            state=period_state(s.valid_from, s.valid_until, today),
            first=first,
            last=last,
            logo=s.logo_path,
        )

    shown, page_no, pages = _listed(db, actor, _SPONSORS, kommune_id, page, row)
    return SponsorPage(rows=shown, page=page_no, pages=pages)


def add_sponsor(db: Session, actor: Actor, kommune_id: int, values: SponsorInput) -> int:
    """Add a sponsor link at the end of the order."""
    require_admin(actor, kommune_id)
    sponsor = Sponsor(kommune_id=kommune_id, name="", url="")
    _apply_sponsor(sponsor, values)
    return _append(db, actor, _SPONSORS, kommune_id, sponsor)


def update_sponsor(
    db: Session, actor: Actor, kommune_id: int, sponsor_id: int, values: SponsorInput
) -> None:
    require_admin(actor, kommune_id)
    sponsor = _sponsor(db, kommune_id, sponsor_id)
    _apply_sponsor(sponsor, values)
    _save(db, actor, _SPONSORS, kommune_id, sponsor)


def set_sponsor_logo(
    db: Session, actor: Actor, kommune_id: int, sponsor_id: int, data: bytes, filename: str
) -> str:
    """Check and store a new logo for one of the Kommune's sponsors."""
    require_admin(actor, kommune_id)
    sponsor = _sponsor(db, kommune_id, sponsor_id)
    discard_after_commit(db, sponsor.logo_path)
    sponsor.logo_path = store_logo_in(db, data, filename)
    db.add(sponsor)
    audit.record(
        db,
        actor,
        action=AuditAction.UPDATE_SPONSOR,
        target_type="sponsor",
        target_id=sponsor_id,
        kommune_id=kommune_id,
        reason="logo",
    )
    db.flush()
    return sponsor.logo_path


def remove_sponsor_logo(db: Session, actor: Actor, kommune_id: int, sponsor_id: int) -> None:
    require_admin(actor, kommune_id)
    sponsor = _sponsor(db, kommune_id, sponsor_id)
    discard_after_commit(db, sponsor.logo_path)
    sponsor.logo_path = ""
    db.add(sponsor)
    audit.record(
        db,
        actor,
        action=AuditAction.UPDATE_SPONSOR,
        target_type="sponsor",
        target_id=sponsor_id,
        kommune_id=kommune_id,
        reason="logo_removed",
    )
    db.flush()


def move_sponsor(
    db: Session, actor: Actor, kommune_id: int, sponsor_id: int, direction: str
) -> None:
    """One place up or down in the order the public page shows."""
    _move(db, actor, _SPONSORS, kommune_id, sponsor_id, direction)


def delete_sponsor(db: Session, actor: Actor, kommune_id: int, sponsor_id: int) -> None:
    require_admin(actor, kommune_id)
    sponsor = _sponsor(db, kommune_id, sponsor_id)
    audit.record(
        db,
        actor,
        action=AuditAction.DELETE_SPONSOR,
        target_type="sponsor",
        target_id=sponsor_id,
        kommune_id=kommune_id,
        reason=sponsor.name,
    )
    discard_after_commit(db, sponsor.logo_path)
    db.delete(sponsor)
    db.flush()


# --- Info-Box ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InfoItemRow:
    id: int
    title: str
    body: str
    link_url: str
    event_date: str
    event_label: str
    publish_from: str
    publish_until: str
    period: str
    state: str
    first: bool
    last: bool


@dataclass(frozen=True)
class InfoItemPage:
    rows: list[InfoItemRow]
    page: int
    pages: int


@dataclass(frozen=True)
class InfoItemInput:
    """The Info-Box form as sent (dates as a date field sends them)."""

    title: str
    body: str = ""
    link_url: str = ""
    event_date: str = ""
    publish_from: str = ""
    publish_until: str = ""


def _apply_info(item: InfoItem, values: InfoItemInput) -> None:
    """Check every field first, then write: nothing is half-saved."""
    problems = Problems()
    title = problems.check(lambda: clean_name(values.title, "title", INFO_TITLE_MAX))
    body = clean_text(values.body)
    if len(body) > INFO_BODY_MAX:
        problems.add("body", "masterdata.text_too_long", max=INFO_BODY_MAX)
    link = problems.check(lambda: clean_url(values.link_url, "link_url", required=False))
    event = problems.check(lambda: parse_date(values.event_date, "event_date"))
    start, end = _period(
        values.publish_from, values.publish_until, "publish_from", "publish_until", problems
    )
    problems.raise_if_any()
    assert title is not None and link is not None
    item.title, item.body, item.link_url = title, body, link
    item.event_date, item.publish_from, item.publish_until = event, start, end


def list_info_items(
    db: Session, actor: Actor, kommune_id: int, today: date, page: int = 1, lang: str = "de"
) -> InfoItemPage:
    """All Info-Box items in their order, with whether the public sees them `today`."""

    def row(i: InfoItem, first: bool, last: bool) -> InfoItemRow:
        return InfoItemRow(
            id=id_of(i),
            title=i.title,
            body=i.body,
            link_url=i.link_url,
            event_date=iso_date(i.event_date),
            event_label=format_date(i.event_date, lang),
            publish_from=iso_date(i.publish_from),
            publish_until=iso_date(i.publish_until),
            period=_period_label(i.publish_from, i.publish_until, lang),
            state=period_state(i.publish_from, i.publish_until, today),
            first=first,
            last=last,
        )

    shown, page_no, pages = _listed(db, actor, _INFO_ITEMS, kommune_id, page, row)
    return InfoItemPage(rows=shown, page=page_no, pages=pages)


def add_info_item(db: Session, actor: Actor, kommune_id: int, values: InfoItemInput) -> int:
    """Add an Info-Box item at the end of the order."""
    require_admin(actor, kommune_id)
    item = InfoItem(kommune_id=kommune_id, title="")
    _apply_info(item, values)
    return _append(db, actor, _INFO_ITEMS, kommune_id, item)


def update_info_item(
    db: Session, actor: Actor, kommune_id: int, item_id: int, values: InfoItemInput
) -> None:
    require_admin(actor, kommune_id)
    item = _entry(db, _INFO_ITEMS, kommune_id, item_id)
    _apply_info(item, values)
    _save(db, actor, _INFO_ITEMS, kommune_id, item)


def move_info_item(
    db: Session, actor: Actor, kommune_id: int, item_id: int, direction: str
) -> None:
    _move(db, actor, _INFO_ITEMS, kommune_id, item_id, direction)


def delete_info_item(db: Session, actor: Actor, kommune_id: int, item_id: int) -> None:
    require_admin(actor, kommune_id)
    item = _entry(db, _INFO_ITEMS, kommune_id, item_id)
    audit.record(
        db,
        actor,
        action=AuditAction.DELETE_INFO_ITEM,
        target_type="info_item",
        target_id=item_id,
        kommune_id=kommune_id,
        reason=item.title,
    )
    db.delete(item)
    db.flush()
