"""Saved searches: a person keeps a browse filter and gets a daily or weekly mail of the
listings that are new since the last mail, with a one-click unsubscribe link in each.

The filters are the browse page's (`SearchFilters`); the matches come from the same public
search (`search.search_public`), so a mail never shows what the public page would not.
The unsubscribe link carries a token signed with the search's own random key (HMAC-SHA256):
it works without login, names one search only, and a changed token is refused.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.config import load_settings
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.i18n import translate
from dasnez_core.mail import Mail, compose, queue
from dasnez_core.models import (
    AlertFrequency,
    Kommune,
    SavedSearch,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services import filters as vocabulary
from dasnez_core.services.auth import clean_text
from dasnez_core.services.masterdata_cache import master
from dasnez_core.services.search import SearchFilters, search_public

NAME_MAX = 80
SEARCHES_MAX = 20
FREQUENCIES = (AlertFrequency.DAILY.value, AlertFrequency.WEEKLY.value)
PERIOD = {
    AlertFrequency.DAILY.value: timedelta(days=1),
    AlertFrequency.WEEKLY.value: timedelta(days=7),
}
# The hourly run may start a little early or late; a mail counts as due this much before
# its full period is over, so that "daily" does not drift by an hour each day.
_SLACK = timedelta(minutes=10)
# Where the link in every mail leads (the public app serves it, dasnez_app.unsubscribe_http).
UNSUBSCRIBE_PATH = "/suche-abbestellen"
# How many new listings one mail names; the rest is counted.
MAIL_LISTINGS = 10
# Saved searches looked at per run (the oldest mails first); the next run takes the rest.
RUN_LIMIT = 2000


@dataclass(frozen=True)
class SavedSearchRow:
    """A saved search as its owner sees it in the account."""

    id: int
    name: str
    frequency: str
    created_at: datetime


def _filters_of(row: SavedSearch) -> SearchFilters:
    return SearchFilters(
        exchange=row.exchange,
        kind=row.kind,
        category=row.category_id,
        area=row.area_id,
        space=row.space_id,
        q=row.q,
    )


def _require_member(actor: Actor, kommune_id: int) -> int:
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    require(actor, Action.SAVE_SEARCH, kommune_id)
    return actor.user_id


def suggested_name(db: Session, kommune_id: int, filters: SearchFilters, lang: str = "de") -> str:
    """A name for the filter, like "Neue Angebote in Westenholz" (the area, else the Kommune)."""
    kind = {"offer": "saved.kind_offer", "request": "saved.kind_request"}.get(
        filters.kind, "saved.kind_any"
    )
    # From the cached master data: the browse page proposes a name on every filter change.
    data = master(db, kommune_id)
    area = data.area_by_id.get(filters.area) if filters.area is not None else None
    place = area.name if area is not None else data.kommune.name
    name = translate("saved.suggested_name", lang, kind=translate(kind, lang), place=place)
    if filters.q:
        name = translate("saved.suggested_with_q", lang, name=name, q=filters.q)
    return name[:NAME_MAX]


def save_search(
    db: Session,
    actor: Actor,
    kommune_id: int,
    filters: SearchFilters,
    *,
    name: str,
    frequency: str,
) -> int:
    """Keep `filters` for the caller under `name`; returns the new id. Filter ids of
    another Kommune (or unknown ones) are dropped, as the browse page ignores them."""
    user_id = _require_member(actor, kommune_id)
    clean = " ".join(clean_text(name).split())
    if not clean:
        raise InvalidInput("name", "saved.name_required")
    if len(clean) > NAME_MAX:
        raise InvalidInput("name", "saved.name_too_long", max=NAME_MAX)
    if frequency not in FREQUENCIES:
        raise InvalidInput("frequency", "saved.frequency_invalid")
    count = db.exec(
        select(func.count())
        .select_from(SavedSearch)
        .where(SavedSearch.user_id == user_id, SavedSearch.kommune_id == kommune_id)
    ).one()
    if count >= SEARCHES_MAX:
        raise InvalidInput("name", "saved.too_many", max=SEARCHES_MAX)
    area = vocabulary.resolve_area(db, kommune_id, filters.area)
    exchange = filters.exchange
    if exchange and vocabulary.exchange_id_of(db, kommune_id, exchange) is None:
        exchange = ""
    row = SavedSearch(
        kommune_id=kommune_id,
        user_id=user_id,
        name=clean,
        exchange=exchange,
        kind=filters.kind if filters.kind in vocabulary.KINDS else "",
        category_id=vocabulary.resolve_category(db, kommune_id, filters.category),
        area_id=area.area_id if area is not None else None,
        space_id=vocabulary.resolve_space(db, kommune_id, filters.space),
        q=vocabulary.clean_query(filters.q),
        frequency=frequency,
    )
    db.add(row)
    db.flush()
    return id_of(row)


def list_own(db: Session, actor: Actor, kommune_id: int) -> list[SavedSearchRow]:
    """The caller's saved searches in this Kommune, newest first."""
    user_id = _require_member(actor, kommune_id)
    rows = db.exec(
        select(SavedSearch)
        .where(SavedSearch.user_id == user_id, SavedSearch.kommune_id == kommune_id)
        .order_by(col(SavedSearch.created_at).desc(), col(SavedSearch.id).desc())
    ).all()
    return [SavedSearchRow(id_of(r), r.name, r.frequency, r.created_at) for r in rows]


def delete_own(db: Session, actor: Actor, kommune_id: int, search_id: int) -> None:
    """Delete one of the caller's saved searches; anybody else's is not found."""
    user_id = _require_member(actor, kommune_id)
    row = db.exec(
        select(SavedSearch).where(
            SavedSearch.id == search_id,
            SavedSearch.user_id == user_id,
            SavedSearch.kommune_id == kommune_id,
        )
    ).first()
    if row is None:
        raise NotFound("saved.not_found")
    db.delete(row)
    db.flush()


def delete_all_of(db: Session, user_id: int) -> None:
    """Every saved search of a person (their account is being deleted)."""
    db.execute(delete(SavedSearch).where(col(SavedSearch.user_id) == user_id))


def export_of(db: Session, user_id: int) -> list[dict[str, object]]:
    """A person's saved searches for their data export."""
    rows = db.exec(
        select(SavedSearch).where(SavedSearch.user_id == user_id).order_by(col(SavedSearch.id))
    ).all()
    return [
        {
            "name": r.name,
            "frequency": r.frequency,
            "filters": {
                "exchange": r.exchange,
                "kind": r.kind,
                "category_id": r.category_id,
                "area_id": r.area_id,
                "space_id": r.space_id,
                "q": r.q,
            },
            "last_sent_at": r.last_sent_at.isoformat(),
            "created_at": r.created_at.isoformat(),
        }
        for r in rows
    ]


# --- unsubscribe -----------------------------------------------------------------------------


def _signature(row: SavedSearch) -> str:
    message = f"unsubscribe:{row.id}".encode()
    return hmac.new(row.unsubscribe_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def unsubscribe_token(row: SavedSearch) -> str:
    """ "<id>.<signature>": the token of the link in every mail of this search."""
    return f"{row.id}.{_signature(row)}"


def unsubscribe(db: Session, token: str) -> str:
    """Delete the saved search the token was made for; returns its name.

    Any other token (changed, made up, of a search already deleted) is NotFound.
    """
    raw_id, _, signature = token.strip()[:100].partition(".")
    search_id = vocabulary.positive_int(raw_id)
    row = db.get(SavedSearch, search_id) if search_id is not None else None
    if row is None or not hmac.compare_digest(signature, _signature(row)):
        raise NotFound("saved.unsubscribe_invalid")
    name = row.name
    db.delete(row)
    db.flush()
    return name


# --- the mails -------------------------------------------------------------------------------


def _due(row: SavedSearch, now: datetime) -> bool:
    period = PERIOD.get(row.frequency, PERIOD[AlertFrequency.WEEKLY.value])
    return row.last_sent_at <= now - period + _SLACK


def _mail(db: Session, row: SavedSearch, user: User, kommune: Kommune) -> Mail | None:
    """The mail of new matches for one search, or None when nothing is new."""
    lang = user.language
    filters = replace(_filters_of(row), published_after=row.last_sent_at)
    found = search_public(db, id_of(kommune), filters, lang)
    if found.total == 0:
        return None
    public_url = load_settings().public_url
    lines = "\n".join(
        translate(
            "mail.saved_search.line",
            lang,
            title=card.title,
            area=card.area or kommune.name,
            link=f"{public_url}/k/{kommune.slug}/eintrag/{card.id}",
        )
        for card in found.cards[:MAIL_LISTINGS]
    )
    more = found.total - min(found.total, MAIL_LISTINGS)
    if more:
        lines += "\n" + translate("mail.saved_search.more", lang, count=more)
    unsubscribe_url = f"{public_url}{UNSUBSCRIBE_PATH}?token={unsubscribe_token(row)}"
    mail = compose(
        user.email,
        lang,
        "mail.saved_search",
        name=row.name,
        person=user.display_name,
        kommune=kommune.name,
        count=found.total,
        listings=lines,
        unsubscribe=unsubscribe_url,
    )
    return Mail(
        to=mail.to,
        subject=mail.subject,
        body=mail.body,
        headers=(("List-Unsubscribe", f"<{unsubscribe_url}>"),),
    )


def send_alerts(db: Session, now: datetime | None = None) -> int:
    """Queue the due mails of all saved searches; returns how many. A search without new
    matches sends nothing (and stays due); blocked, pending or deleted people get nothing.
    Safe to run often: each mail moves its search's window on."""
    now = now or utcnow()
    rows = db.exec(
        select(SavedSearch, User, Kommune)
        .join(User, col(User.id) == SavedSearch.user_id)
        .join(Kommune, col(Kommune.id) == SavedSearch.kommune_id)
        .where(
            col(User.status) == UserStatus.APPROVED,
            col(User.kommune_id) == SavedSearch.kommune_id,
            col(Kommune.active),
            col(SavedSearch.last_sent_at) <= now - PERIOD[AlertFrequency.DAILY.value] + _SLACK,
        )
        .order_by(col(SavedSearch.last_sent_at), col(SavedSearch.id))
        .limit(RUN_LIMIT)
    ).all()
    sent = 0
    for row, user, kommune in rows:
        if not _due(row, now):
            continue
        mail = _mail(db, row, user, kommune)
        if mail is None:
            continue
        queue(db, mail)
        row.last_sent_at = now
        db.add(row)
        sent += 1
    db.flush()
    return sent
