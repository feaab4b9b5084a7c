"""Contact between citizens about a listing: conversations, messages, and the agreement
that the help took place (Zeitspende hours are booked on the time accounts once both sides
have confirmed, see timebank; Taschengeld amounts are informational only).

Every conversation is found through the caller's Kommune and must include the caller;
anything else is "not found". Nobody's email leaves the server unless its owner shares it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, case, exists, or_
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.exchanges import AgreementUnit, AgreementValue, rule_of
from dasnez_core.formatting import (
    format_amount,
    format_datetime,
    format_number,
    local_today,
    parse_decimal,
)
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    Agreement,
    Conversation,
    Exchange,
    Listing,
    ListingKind,
    ListingStatus,
    Message,
    ProfileVisibility,
    Rating,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, can, require
from dasnez_core.services import timebank, youth
from dasnez_core.services.auth import clean_text
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.representation import (
    full_names,
    is_represented,
    office_ids,
    office_staff,
    proxy_of,
    represented_ids,
    represented_names,
)
from dasnez_core.services.transitions import locked_one
from dasnez_core.throttle import MESSAGES_PER_ACCOUNT, MESSAGES_PER_ADDRESS, address_key, throttle
from dasnez_core.youth_rules import is_minor

BODY_MAX = 2000
PAGE_SIZE = 20
THREAD_PAGE_SIZE = 50


# --- read models ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ConversationRow:
    """One line of the person's conversation list."""

    id: int
    listing_title: str
    other_name: str
    last_message_at: str
    has_messages: bool
    unread: bool
    # The represented person this conversation is for, when a proxy reads it (Stellvertretung).
    for_person: str = ""


@dataclass(frozen=True)
class ConversationPage:
    rows: list[ConversationRow]
    page: int
    has_next: bool


@dataclass(frozen=True)
class MessageView:
    id: int
    sender_name: str
    mine: bool
    body: str
    sent_at: str


@dataclass(frozen=True)
class StandIn:
    """Who confirmed an agreement for a represented person (Stellvertretung): their proxy
    by name, or the Kommune's office (`office`, `proxy` then "")."""

    person: str
    proxy: str
    office: bool


@dataclass(frozen=True)
class AgreementView:
    """Where the "Hilfe hat stattgefunden" confirmation stands, seen by one participant.

    `value_kind` is the exchange's agreement unit ("hours", "amount" or "" for none, see
    dasnez_core.exchanges); `value` the recorded number in the reader's language (money
    with cents), "" while none is recorded.
    """

    exists: bool
    value_kind: str
    value: str
    i_confirmed: bool
    other_confirmed: bool
    # The represented sides that confirmed, each with who did it for them.
    stand_ins: tuple[StandIn, ...] = ()

    @property
    def done(self) -> bool:
        return self.i_confirmed and self.other_confirmed


@dataclass(frozen=True)
class Thread:
    """A conversation as one participant sees it. `other_email` is empty unless the other
    person shares it; `reply_refused` names the catalog key of why no reply is possible."""

    id: int
    kommune_slug: str
    listing_id: int
    listing_title: str
    other_id: int
    other_name: str
    other_email: str
    other_handle: str  # the other person's profile address; "" if they show it to nobody
    messages: list[MessageView]
    page: int
    has_older: bool
    reply_refused: str
    agreement: AgreementView
    my_rating: int
    # A minor on the other side: their age band ("13_14", "15_17") and the catalog key
    # of what the law allows them; "" for adults.
    other_age_band: str = ""
    other_note_key: str = ""
    # A Taschengeld conversation: the agreement records the job's day, start and length.
    job_fields: bool = False
    job_defaults: tuple[str, str, str] = ("", "", "")


# --- helpers ------------------------------------------------------------------------------


def _require_writer(actor: Actor, kommune_id: int) -> int:
    """Anonymous and pending people get a message that says why; the rest asks the rules."""
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    if actor.status == UserStatus.PENDING:
        raise NotAllowed("contact.account_pending")
    require(actor, Action.CONTACT_MEMBER, kommune_id)
    return actor.user_id


def _require_reader(actor: Actor, kommune_id: int) -> int:
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    require(actor, Action.READ_OWN_MESSAGES, kommune_id)
    return actor.user_id


def get_conversation(
    db: Session, actor: Actor, kommune_id: int, conversation_id: int
) -> Conversation:
    """A conversation of `kommune_id` the actor takes part in. Another Kommune's, or one
    between two other people, is not found."""
    conversation = db.exec(
        select(Conversation).where(
            Conversation.id == conversation_id, Conversation.kommune_id == kommune_id
        )
    ).first()
    if conversation is None or actor.user_id not in (
        conversation.author_id,
        conversation.starter_id,
    ):
        raise NotFound("contact.not_found")
    return conversation


def _other_id(conversation: Conversation, user_id: int) -> int:
    return conversation.starter_id if user_id == conversation.author_id else conversation.author_id


def _read_at(conversation: Conversation, user_id: int) -> datetime | None:
    if user_id == conversation.author_id:
        return conversation.author_read_at
    return conversation.starter_read_at


def _mark_read_at(conversation: Conversation, user_id: int, moment: datetime) -> None:
    if user_id == conversation.author_id:
        conversation.author_read_at = moment
    else:
        conversation.starter_read_at = moment


def _newest_sender(conversation_id: object) -> Select[int]:
    """The sender of a conversation's newest message (no row when it has none)."""
    return (
        sa_select(col(Message.sender_id))
        .where(col(Message.conversation_id) == conversation_id)
        .order_by(col(Message.created_at).desc(), col(Message.id).desc())
        .limit(1)
    )


def _my_side(user_ids: list[int]) -> int | ColumnElement[int]:
    """The participant who is "me" in a conversation row: the one person, or for a proxy
    whichever of them or their represented persons takes part."""
    if len(user_ids) == 1:
        return user_ids[0]
    return case(
        (col(Conversation.author_id).in_(user_ids), col(Conversation.author_id)),
        else_=col(Conversation.starter_id),
    )


def _inbox_ids(db: Session, actor: Actor, kommune_id: int) -> list[int]:
    """The actor, for a proxy also the people they represent, and for an admin of the
    Kommune also the people its office looks after: their messages go to that inbox."""
    assert actor.user_id is not None
    ids = [actor.user_id]
    if can(actor, Action.PROXY_POST, kommune_id):
        ids += represented_ids(db, actor.user_id, kommune_id)
    if can(actor, Action.MANAGE_PROXIES, kommune_id):
        ids += office_ids(db, kommune_id)
    return list(dict.fromkeys(ids))


def _unread_condition(user_id: int | ColumnElement[int]) -> ColumnElement[bool]:
    """SQL: the conversation's newest message is someone else's and came after the
    person last read it (checked per conversation row)."""
    newest_sender = _newest_sender(col(Conversation.id)).scalar_subquery()
    my_read_at = case(
        (col(Conversation.author_id) == user_id, col(Conversation.author_read_at)),
        else_=col(Conversation.starter_read_at),
    )
    return and_(
        newest_sender.is_not(None),
        newest_sender != user_id,
        or_(my_read_at.is_(None), col(Conversation.last_message_at) > my_read_at),
    )


def _is_unread_for(db: Session, conversation: Conversation, user_id: int) -> bool:
    newest_sender = db.execute(_newest_sender(id_of(conversation))).scalar()
    if newest_sender is None or newest_sender == user_id:
        return False
    read_at = _read_at(conversation, user_id)
    return read_at is None or conversation.last_message_at > read_at


def _listing_of(db: Session, kommune_id: int, listing_id: int) -> Listing:
    listing = db.exec(
        select(Listing).where(Listing.id == listing_id, Listing.kommune_id == kommune_id)
    ).first()
    if listing is None or listing.status in (ListingStatus.DRAFT, ListingStatus.PENDING):
        raise NotFound("contact.listing_not_found")
    return listing


def _is_active(db: Session, listing: Listing) -> bool:
    """Published, not expired, not closed, and its author still approved."""
    if listing.status != ListingStatus.PUBLISHED or listing.closed_at is not None:
        return False
    if listing.expires_at <= utcnow():
        return False
    author = _member(db, listing.kommune_id, listing.author_id)
    return author is not None and author.status == UserStatus.APPROVED


def _member(db: Session, kommune_id: int, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    return db.exec(select(User).where(User.id == user_id, User.kommune_id == kommune_id)).first()


def _has_messages(db: Session, conversation_id: int) -> bool:
    return bool(
        db.execute(
            sa_select(exists().where(col(Message.conversation_id) == conversation_id))
        ).scalar()
    )


# --- starting and writing -------------------------------------------------------------------


def start_conversation(db: Session, actor: Actor, kommune_id: int, listing_id: int) -> int:
    """Find or create the one conversation of the actor about a listing; return its id.

    The listing must be another person's, published, unexpired and not closed; an existing
    conversation is returned even after the listing has ended, so it stays readable.
    """
    user_id = _require_writer(actor, kommune_id)
    listing = _listing_of(db, kommune_id, listing_id)
    if listing.institution_id is not None:
        # An institution's listing: write to its shared inbox instead.
        raise NotAllowed("institution.contact_via_inbox")
    if listing.author_id in _inbox_ids(db, actor, kommune_id):
        # Also a proxy's own represented person: both sides would be the proxy's inbox.
        raise NotAllowed("contact.own_listing")
    me = _member(db, kommune_id, user_id)
    if me is not None:
        # A minor writes only about Taschengeld jobs that fit their age (youth-labour law).
        youth.require_may_take(db, me, listing)
    existing = _conversation_about(db, kommune_id, id_of(listing), user_id)
    if existing is not None:
        return existing
    if not _is_active(db, listing):
        raise NotAllowed("contact.listing_inactive")
    conversation = Conversation(
        kommune_id=kommune_id,
        listing_id=id_of(listing),
        author_id=listing.author_id,
        starter_id=user_id,
    )
    try:
        # A second tab may have created it a moment ago: the unique key decides.
        with db.begin_nested():
            db.add(conversation)
            db.flush()
    except IntegrityError:
        existing = _conversation_about(db, kommune_id, id_of(listing), user_id)
        if existing is None:
            raise
        return existing
    return id_of(conversation)


def _conversation_about(
    db: Session, kommune_id: int, listing_id: int, starter_id: int
) -> int | None:
    return db.exec(
        select(Conversation.id).where(
            Conversation.kommune_id == kommune_id,
            Conversation.listing_id == listing_id,
            Conversation.starter_id == starter_id,
        )
    ).first()


def send_message(
    db: Session, actor: Actor, kommune_id: int, conversation_id: int, body: str, client: str = ""
) -> int:
    """Add a message to a conversation of the actor and return its id.

    The recipient gets a mail, but only one while earlier messages are still unread.
    A blocked partner, a removed listing, or a first message to a listing that is no longer
    active is refused. Throttled per account and per client address (`client`).
    """
    user_id = _require_writer(actor, kommune_id)
    throttle().attempt(
        (MESSAGES_PER_ACCOUNT, f"user:{user_id}"), (MESSAGES_PER_ADDRESS, address_key(client))
    )
    conversation = get_conversation(db, actor, kommune_id, conversation_id)
    text = clean_text(body)
    if not text:
        raise InvalidInput("body", "contact.body_required")
    if len(text) > BODY_MAX:
        raise InvalidInput("body", "contact.body_too_long", max=BODY_MAX)
    other = _member(db, kommune_id, _other_id(conversation, user_id))
    if other is None or other.status != UserStatus.APPROVED:
        raise NotAllowed("contact.partner_blocked")
    listing = _listing_of(db, kommune_id, conversation.listing_id)
    first_message = not _has_messages(db, id_of(conversation))
    if listing.status == ListingStatus.REMOVED or (first_message and not _is_active(db, listing)):
        raise NotAllowed("contact.listing_inactive")

    recipient_had_unread = _is_unread_for(db, conversation, id_of(other))
    now = utcnow()
    message = Message(
        conversation_id=id_of(conversation), sender_id=user_id, body=text, created_at=now
    )
    db.add(message)
    conversation.last_message_at = now
    _mark_read_at(conversation, user_id, now)
    db.add(conversation)
    db.flush()
    if recipient_had_unread:
        return id_of(message)
    if is_represented(db, other.id):
        # A represented person has no address: the mail goes to their proxy, or to the
        # Kommune's admins while its office looks after them.
        proxy = proxy_of(db, other.id)
        person = full_names(db, [id_of(other)]).get(id_of(other), other.display_name)
        for reader in [proxy] if proxy is not None else office_staff(db, kommune_id):
            queue(
                db,
                compose(
                    reader.email,
                    reader.language,
                    "mail.new_message_for",
                    name=reader.display_name,
                    person=person,
                    sender=actor.display_name,
                    title=listing.title,
                    conversation_id=conversation.id,
                ),
            )
    else:
        queue(
            db,
            compose(
                other.email,
                other.language,
                "mail.new_message",
                name=other.display_name,
                sender=actor.display_name,
                title=listing.title,
                conversation_id=conversation.id,
            ),
        )
    return id_of(message)


def mark_read(db: Session, actor: Actor, kommune_id: int, conversation_id: int) -> None:
    """The actor has seen the conversation up to now."""
    user_id = _require_reader(actor, kommune_id)
    conversation = get_conversation(db, actor, kommune_id, conversation_id)
    if _is_unread_for(db, conversation, user_id):
        _mark_read_at(conversation, user_id, utcnow())
        db.add(conversation)
        db.flush()


# --- reading --------------------------------------------------------------------------------


def unread_count(db: Session, actor: Actor, kommune_id: int) -> int:
    """How many of the actor's conversations hold a message they have not read (0 for
    anybody who has no messages to read)."""
    if actor.user_id is None or not can(actor, Action.READ_OWN_MESSAGES, kommune_id):
        return 0
    ids = _inbox_ids(db, actor, kommune_id)
    stmt = (
        select(func.count())
        .select_from(Conversation)
        .where(
            Conversation.kommune_id == kommune_id,
            or_(col(Conversation.author_id).in_(ids), col(Conversation.starter_id).in_(ids)),
            _unread_condition(_my_side(ids)),
        )
    )
    return int(db.exec(stmt).one())


def conversations(
    db: Session, actor: Actor, kommune_id: int, page: int = 1, lang: str = "de"
) -> ConversationPage:
    """The actor's conversations, newest activity first, PAGE_SIZE a page. The author of a
    listing sees a conversation only once something was written in it."""
    _require_reader(actor, kommune_id)
    ids = _inbox_ids(db, actor, kommune_id)
    names = full_names(db, ids[1:])
    page = max(1, min(page, 10_000))
    author = aliased(User)
    starter = aliased(User)
    has_messages = exists().where(col(Message.conversation_id) == Conversation.id)
    stmt = (
        sa_select(
            col(Conversation.id),
            col(Listing.title),
            col(Conversation.author_id),
            col(author.display_name),
            col(starter.display_name),
            col(Conversation.last_message_at),
            has_messages,
            _unread_condition(_my_side(ids)),
            col(Conversation.starter_id),
        )
        .join(Listing, col(Listing.id) == Conversation.listing_id)
        .join(author, col(author.id) == Conversation.author_id)
        .join(starter, col(starter.id) == Conversation.starter_id)
        .where(
            col(Conversation.kommune_id) == kommune_id,
            or_(
                col(Conversation.starter_id).in_(ids),
                col(Conversation.author_id).in_(ids) & has_messages,
            ),
        )
        .order_by(col(Conversation.last_message_at).desc(), col(Conversation.id).desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
    )
    rows = [
        ConversationRow(
            id=cid,
            listing_title=title,
            other_name=starter_name if author_id in ids else author_name,
            last_message_at=format_datetime(last_at, lang),
            has_messages=bool(any_messages),
            unread=bool(unread),
            for_person=names.get(author_id if author_id in ids else starter_id, ""),
        )
        for (
            cid,
            title,
            author_id,
            author_name,
            starter_name,
            last_at,
            any_messages,
            unread,
            starter_id,
        ) in db.execute(stmt).all()
    ]
    return ConversationPage(rows=rows[:PAGE_SIZE], page=page, has_next=len(rows) > PAGE_SIZE)


def thread(
    db: Session,
    actor: Actor,
    kommune_id: int,
    conversation_id: int,
    page: int = 1,
    lang: str = "de",
) -> Thread:
    """One conversation for a participant: THREAD_PAGE_SIZE messages a page (page 1 the
    newest), oldest at the top, plus where the agreement and the rating stand."""
    user_id = _require_reader(actor, kommune_id)
    conversation = get_conversation(db, actor, kommune_id, conversation_id)
    cid = id_of(conversation)
    page = max(1, min(page, 10_000))
    other = _member(db, kommune_id, _other_id(conversation, user_id))
    listing = _listing_of(db, kommune_id, conversation.listing_id)
    kommune = get_kommune(db, kommune_id)
    sender = aliased(User)
    rows = db.execute(
        sa_select(col(Message.id), col(Message.sender_id), col(sender.display_name))
        .add_columns(col(Message.body), col(Message.created_at))
        .join(sender, col(sender.id) == Message.sender_id)
        .where(col(Message.conversation_id) == cid)
        .order_by(col(Message.created_at).desc(), col(Message.id).desc())
        .offset((page - 1) * THREAD_PAGE_SIZE)
        .limit(THREAD_PAGE_SIZE + 1)
    ).all()
    messages = [
        MessageView(
            id=mid,
            sender_name=name,
            mine=sender_id == user_id,
            body=body,
            sent_at=format_datetime(created, lang),
        )
        for mid, sender_id, name, body, created in reversed(rows[:THREAD_PAGE_SIZE])
    ]
    reply_refused = ""
    if other is None or other.status != UserStatus.APPROVED:
        reply_refused = "contact.partner_blocked"
    elif listing.status == ListingStatus.REMOVED or (
        not messages and page == 1 and not _is_active(db, listing)
    ):
        reply_refused = "contact.listing_inactive"
    agreement = _agreement_of(db, kommune_id, cid)
    note = youth.age_note(other)
    taschengeld = youth.is_taschengeld(db, listing)
    my_rating = 0
    if agreement is not None:
        my_rating = (
            db.exec(
                select(Rating.stars).where(
                    Rating.agreement_id == agreement.id, Rating.rater_id == user_id
                )
            ).first()
            or 0
        )
    return Thread(
        id=cid,
        kommune_slug=kommune.slug,
        listing_id=id_of(listing),
        listing_title=listing.title,
        other_id=id_of(other) if other else 0,
        other_name=other.display_name if other else "",
        other_email=other.email if other is not None and other.share_email else "",
        other_handle=(
            other.handle
            if other is not None and other.profile_visibility != ProfileVisibility.NOBODY
            else ""
        ),
        messages=messages,
        page=page,
        has_older=len(rows) > THREAD_PAGE_SIZE,
        reply_refused=reply_refused,
        agreement=_agreement_view(db, listing, agreement, user_id, lang),
        my_rating=my_rating,
        other_age_band=note.band,
        other_note_key=note.note_key,
        job_fields=taschengeld,
        job_defaults=_job_defaults(listing) if taschengeld else ("", "", ""),
    )


def _job_defaults(listing: Listing) -> tuple[str, str, str]:
    """The agreement form's job values proposed from the listing (day, window start, length)."""
    day = listing.job_date.isoformat() if listing.job_date else ""
    start = (
        f"{listing.job_from // 60:02d}:{listing.job_from % 60:02d}"
        if listing.job_from is not None
        else ""
    )
    hours = format_number(listing.job_minutes / 60, "de") if listing.job_minutes else ""
    return day, start, hours


# --- agreement ------------------------------------------------------------------------------


def _agreement_of(db: Session, kommune_id: int, conversation_id: int) -> Agreement | None:
    return db.exec(
        select(Agreement).where(
            Agreement.conversation_id == conversation_id, Agreement.kommune_id == kommune_id
        )
    ).first()


def _agreement_value(db: Session, listing: Listing) -> AgreementValue | None:
    """What the agreement about this listing records, by its exchange's rule."""
    exchange_type = db.exec(select(Exchange.type).where(Exchange.id == listing.exchange_id)).first()
    return rule_of(exchange_type).agreement if exchange_type is not None else None


def _agreement_view(
    db: Session, listing: Listing, agreement: Agreement | None, user_id: int, lang: str
) -> AgreementView:
    rule = _agreement_value(db, listing)
    kind = rule.unit.value if rule is not None else AgreementUnit.NONE.value
    if agreement is None:
        return AgreementView(False, kind, "", False, False)
    value = ""
    if kind == AgreementUnit.HOURS and agreement.hours is not None:
        value = format_number(agreement.hours, lang)
    elif kind == AgreementUnit.AMOUNT and agreement.amount_cents is not None:
        value = format_amount(agreement.amount_cents, lang)
    i_am_helper = agreement.helper_id == user_id
    mine = agreement.helper_done_at if i_am_helper else agreement.seeker_done_at
    theirs = agreement.seeker_done_at if i_am_helper else agreement.helper_done_at
    return AgreementView(
        True, kind, value, mine is not None, theirs is not None, stand_ins(db, agreement)
    )


def stand_ins(db: Session, agreement: Agreement) -> tuple[StandIn, ...]:
    """The represented sides of an agreement that have confirmed, with who confirmed for
    them (by display name: what every participant may see). A side whose proxy's account
    is gone is left out."""
    sides = [
        (person, proxy, office)
        for person, proxy, office, done in (
            (
                agreement.helper_id,
                agreement.helper_proxy_id,
                agreement.helper_by_office,
                agreement.helper_done_at,
            ),
            (
                agreement.seeker_id,
                agreement.seeker_proxy_id,
                agreement.seeker_by_office,
                agreement.seeker_done_at,
            ),
        )
        if person is not None and done is not None and (office or proxy is not None)
    ]
    names = represented_names(
        db, [i for person, proxy, _ in sides for i in (person, proxy) if i is not None]
    )
    return tuple(
        StandIn(names.get(person, ""), "" if office else names.get(proxy or 0, ""), office)
        for person, proxy, office in sides
        if person is not None
    )


def _parse_value(
    rule: AgreementValue | None, raw: str, lang: str
) -> tuple[float | None, int | None]:
    """(hours, amount_cents) from what the first confirming person entered."""
    if rule is None:
        return None, None
    if not raw.strip():
        raise InvalidInput("value", rule.required_key)
    number = parse_decimal(raw)
    if number is None or not rule.minimum <= number <= rule.maximum:
        raise InvalidInput(
            "value",
            rule.invalid_key,
            # Limits read as plain numbers ("between 0 and 500 euros", "0,25 and 100").
            min=format_number(rule.minimum, lang),
            max=format_number(rule.maximum, lang),
        )
    if rule.unit == AgreementUnit.AMOUNT:
        return None, int(number * 100)
    return float(number), None


def confirm_agreement(
    db: Session,
    actor: Actor,
    kommune_id: int,
    conversation_id: int,
    value: str = "",
    lang: str = "de",
    job: youth.JobInput | None = None,
) -> bool:
    """The actor confirms "Hilfe hat stattgefunden"; return True once both sides have.

    The first to confirm enters the value the exchange's rule asks for (hours for a
    Zeitspende, an amount for Taschengeld); the other side confirms that record. The helper
    is the author of an offer and the starter of a request; the seeker is the other one.
    `lang` is the language of the limits in an error's message. In the Taschengeldbörse
    the first to confirm also enters the job (`job`: day, start, hours, school holiday):
    required when the helper is a minor, and then refused if it breaks a youth-labour rule
    (the day's and week's other agreements and the holiday weeks counted). The parents of
    a minor taking part get a copy by mail.
    """
    user_id = _require_writer(actor, kommune_id)
    conversation = get_conversation(db, actor, kommune_id, conversation_id)
    cid = id_of(conversation)
    other = _member(db, kommune_id, _other_id(conversation, user_id))
    if other is None or other.status != UserStatus.APPROVED:
        raise NotAllowed("contact.partner_blocked")
    if not _has_messages(db, cid):
        raise NotAllowed("agreement.needs_messages")
    listing = _listing_of(db, kommune_id, conversation.listing_id)
    now = utcnow()
    agreement = _agreement_of(db, kommune_id, cid)
    if agreement is None:
        hours, amount_cents = _parse_value(_agreement_value(db, listing), str(value)[:50], lang)
        offer = listing.kind == ListingKind.OFFER
        helper_id = conversation.author_id if offer else conversation.starter_id
        seeker_id = conversation.starter_id if offer else conversation.author_id
        record, people = _job_record(db, kommune_id, listing, helper_id, seeker_id, job)
        agreement = Agreement(
            kommune_id=kommune_id,
            conversation_id=cid,
            listing_id=id_of(listing),
            helper_id=helper_id,
            seeker_id=seeker_id,
            hours=hours,
            amount_cents=amount_cents,
        )
        if record is not None:
            agreement.job_date, agreement.job_start = record.day, record.start
            agreement.job_minutes, agreement.school_holiday = record.minutes, record.holiday
        # A receiver whose time account could not take the hours learns it now, not at
        # the second confirmation (which checks again, under lock, and books).
        timebank.check_room(db, agreement, lang)
        _set_done(agreement, actor, now)
        try:
            # Both may press at the same moment: the unique conversation decides.
            with db.begin_nested():
                db.add(agreement)
                db.flush()
            if people:
                youth.copy_to_parents(db, get_kommune(db, kommune_id), agreement, listing, people)
            return _both_done(agreement)
        except IntegrityError:
            agreement = _agreement_of(db, kommune_id, cid)
            if agreement is None:
                raise
    # Locked and read afresh: a second confirmation sent at once (another tab, or the other
    # side) waits here and then sees this one.
    agreement = locked_one(db, Agreement, col(Agreement.id) == id_of(agreement))
    if agreement is None:
        raise NotFound("error.not_found")
    mine = agreement.helper_done_at if agreement.helper_id == user_id else agreement.seeker_done_at
    if mine is not None:
        raise NotAllowed("agreement.already_confirmed")
    _set_done(agreement, actor, now)
    db.add(agreement)
    db.flush()
    if _both_done(agreement):
        # Booked in this transaction: a refused booking (overdraft) saves no confirmation.
        timebank.book_agreement(db, agreement, lang)
        return True
    return False


def _job_record(
    db: Session,
    kommune_id: int,
    listing: Listing,
    helper_id: int,
    seeker_id: int,
    job: youth.JobInput | None,
) -> tuple[youth.JobRecord | None, list[User]]:
    """The Taschengeld job an agreement records, checked against the youth-labour rules
    when the helper is a minor; and the people taking part (for the parents' copy)."""
    if not youth.is_taschengeld(db, listing):
        people = [_member(db, kommune_id, helper_id), _member(db, kommune_id, seeker_id)]
        return None, [p for p in people if p is not None]
    # The helper is locked: two agreements of one minor at once count each other's hours.
    helper = locked_one(db, User, col(User.id) == helper_id, col(User.kommune_id) == kommune_id)
    seeker = _member(db, kommune_id, seeker_id)
    if helper is None or seeker is None:
        raise NotAllowed("contact.partner_blocked")
    minor = is_minor(helper.birth_date, local_today())
    record = youth.parse_job(job or youth.JobInput(), required=minor)
    if minor and record is not None:
        youth.check_agreement(db, get_kommune(db, kommune_id), helper, listing, record)
    return record, [helper, seeker]


def _set_done(agreement: Agreement, actor: Actor, moment: datetime) -> None:
    """Confirm the actor's side, recording who confirmed for a represented person (the
    proxy or the office admin the server-side Actor names)."""
    if agreement.helper_id == actor.user_id:
        agreement.helper_done_at = moment
        agreement.helper_proxy_id, agreement.helper_by_office = actor.proxy_id, actor.by_office
    else:
        agreement.seeker_done_at = moment
        agreement.seeker_proxy_id, agreement.seeker_by_office = actor.proxy_id, actor.by_office


def _both_done(agreement: Agreement) -> bool:
    return agreement.helper_done_at is not None and agreement.seeker_done_at is not None
