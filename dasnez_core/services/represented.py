"""Represented persons (vertretene Personen): recorded by their proxy, with one way to
reach them that only the proxy and the Kommune's admins see, and a signed paper consent.

Who sees what: a proxy sees and acts for their own represented persons only; the Kommune's
admins see all of the Kommune's; anybody else (another proxy, another Kommune) gets "not
found". A proxy acts for a person through `person_actor`: the services for listings,
messages, agreements and ratings then run unchanged with the person as the actor. Posting
needs the recorded consent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, delete, exists, or_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, SQLModel, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound, Problems
from dasnez_core.formatting import format_date, format_datetime
from dasnez_core.models import (
    Agreement,
    Area,
    AuditAction,
    ConsentDocument,
    ConsentRecord,
    Conversation,
    LegalKind,
    Listing,
    ListingStatus,
    Message,
    Rating,
    RepresentedPerson,
    Role,
    SocialSpace,
    User,
    UserSocialSpace,
    UserStatus,
    id_of,
    new_handle,
    utcnow,
)
from dasnez_core.models.represented import NO_PASSWORD, placeholder_email
from dasnez_core.permissions import Action, can, require
from dasnez_core.services import audit
from dasnez_core.services.account import erase_person
from dasnez_core.services.auth import clean_text
from dasnez_core.services.kommunen import get_area, get_kommune
from dasnez_core.services.legal import get_text
from dasnez_core.services.representation import first_name, represented_names
from dasnez_core.services.transitions import locked_one

NAME_MIN, NAME_MAX = 2, 80
PHONE_MAX = 40
ADDRESS_MAX = 300
OLDEST_YEAR = 1900
LISTED = 50


@dataclass(frozen=True)
class PersonInput:
    """What a proxy enters for a person (ids already parsed)."""

    name: str
    area_id: int | None
    birth_year: str
    phone: str = ""
    postal_address: str = ""
    social_space_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class PersonListing:
    id: int
    title: str
    status: str


@dataclass(frozen=True)
class PersonConversation:
    id: int
    listing_title: str
    other_name: str
    last_message_at: str
    unread: bool


@dataclass(frozen=True)
class PersonAgreement:
    id: int
    listing_title: str
    other_name: str
    confirmed: bool  # both sides confirmed
    conversation_id: int  # 0 when the conversation is gone
    # Who confirmed for the person: their proxy's name, or the office (`by_office`); both
    # empty while the person's side has not confirmed (or that proxy's account is gone).
    confirmed_by: str = ""
    by_office: bool = False


@dataclass(frozen=True)
class PersonSummary:
    """A represented person as their proxy (or an admin) sees them. No email: they have none."""

    user_id: int
    name: str
    area_name: str
    birth_year: int
    contact: str  # phone and/or postal address
    status: str  # the account's approval status
    consent_on: str  # date of signature, "" while none is recorded
    consent_version: str
    proxy_name: str  # "" when the Kommune's office looks after the person
    listings: list[PersonListing]
    conversations: list[PersonConversation]
    agreements: list[PersonAgreement]


# --- lookups --------------------------------------------------------------------------------


def _record(
    db: Session, actor: Actor, kommune_id: int, person_id: int | None, *, lock: bool = False
) -> RepresentedPerson:
    """The person's record if the actor may see it: their proxy, or an admin of the Kommune.
    Anything else, another Kommune's person included, is not found."""
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    if person_id is None:
        raise NotFound("represented.not_found")
    where = [
        col(RepresentedPerson.user_id) == person_id,
        col(RepresentedPerson.kommune_id) == kommune_id,
    ]
    if not can(actor, Action.MANAGE_PROXIES, kommune_id):
        require(actor, Action.PROXY_POST, kommune_id)
        where.append(col(RepresentedPerson.proxy_id) == actor.user_id)
    record = (
        locked_one(db, RepresentedPerson, *where)
        if lock
        else db.exec(select(RepresentedPerson).where(*where)).first()
    )
    if record is None:
        raise NotFound("represented.not_found")
    return record


def _account(db: Session, record: RepresentedPerson) -> User:
    user = db.exec(
        select(User).where(User.id == record.user_id, User.kommune_id == record.kommune_id)
    ).first()
    if user is None:
        raise NotFound("represented.not_found")
    return user


def person_actor(
    db: Session, actor: Actor, kommune_id: int, person_id: int | None, *, posting: bool = False
) -> Actor:
    """The represented person as the actor of a listing, message, agreement or rating,
    for their own proxy only. `posting` also requires the recorded consent: without it,
    a clear message and nothing is written."""
    require(actor, Action.PROXY_POST, kommune_id)
    record = _record(db, actor, kommune_id, person_id)
    if record.proxy_id != actor.user_id:
        raise NotFound("represented.not_found")
    if posting and record.consent_signed_on is None:
        raise NotAllowed("represented.consent_missing")
    return _as_person(db, record, actor, by_office=False)


def _as_person(db: Session, record: RepresentedPerson, actor: Actor, *, by_office: bool) -> Actor:
    user = _account(db, record)
    return Actor(
        user_id=user.id,
        kommune_id=record.kommune_id,
        status=user.status,
        display_name=user.display_name,
        roles=frozenset({Role.CITIZEN.value}),
        proxy_id=actor.user_id,
        by_office=by_office,
    )


def acting_for_conversation(
    db: Session, actor: Actor, kommune_id: int, conversation_id: int | None
) -> tuple[Actor, str]:
    """Who acts in a conversation: the actor themselves if they take part, else the person
    they stand in for who takes part (and that person's name): a proxy for their own
    represented persons, an admin of the Kommune for those its office looks after. Anything
    else stays the actor, and the contact services then answer "not found"."""
    if actor.user_id is None or conversation_id is None:
        return actor, ""
    as_proxy = can(actor, Action.PROXY_POST, kommune_id)
    as_office = can(actor, Action.MANAGE_PROXIES, kommune_id)
    if not (as_proxy or as_office):
        return actor, ""
    row = db.exec(
        select(Conversation.author_id, Conversation.starter_id).where(
            Conversation.id == conversation_id, Conversation.kommune_id == kommune_id
        )
    ).first()
    if row is None or actor.user_id in row:
        return actor, ""
    for participant in row:
        record = db.exec(
            select(RepresentedPerson).where(
                RepresentedPerson.user_id == participant,
                RepresentedPerson.kommune_id == kommune_id,
            )
        ).first()
        if record is None:
            continue
        if as_proxy and record.proxy_id == actor.user_id:
            person = person_actor(db, actor, kommune_id, participant)
            return person, person.display_name
        if as_office and record.proxy_id is None:
            person = _as_person(db, record, actor, by_office=True)
            return person, person.display_name
    return actor, ""


# --- recording ------------------------------------------------------------------------------


def _check(db: Session, kommune_id: int, data: PersonInput) -> tuple[str, Area, int, list[int]]:
    problems = Problems()
    name = " ".join(clean_text(data.name).split())
    if len(name) < NAME_MIN:
        problems.add("name", "represented.name_too_short", min=NAME_MIN)
    elif len(name) > NAME_MAX:
        problems.add("name", "represented.name_too_long", max=NAME_MAX)
    area: Area | None = None
    if data.area_id is None:
        problems.add("area_id", "represented.area_required")
    else:
        area_id = data.area_id
        area = problems.check(lambda: get_area(db, kommune_id=kommune_id, area_id=area_id))
    year_text = data.birth_year.strip()
    this_year = utcnow().year
    year = int(year_text) if year_text.isdigit() else 0
    if not OLDEST_YEAR <= year <= this_year:
        problems.add("birth_year", "represented.birth_year_invalid", min=OLDEST_YEAR, max=this_year)
    phone = " ".join(clean_text(data.phone).split())
    address = clean_text(data.postal_address)
    if not phone and not address:
        problems.add("phone", "represented.contact_required")
    if len(phone) > PHONE_MAX:
        problems.add("phone", "represented.phone_too_long", max=PHONE_MAX)
    elif phone and not all(ch.isdigit() or ch in " +-/()" for ch in phone):
        problems.add("phone", "represented.phone_invalid")
    if len(address) > ADDRESS_MAX:
        problems.add("postal_address", "represented.address_too_long", max=ADDRESS_MAX)
    space_ids = sorted(set(data.social_space_ids))
    if space_ids:
        found = db.exec(
            select(SocialSpace.id).where(
                col(SocialSpace.id).in_(space_ids), SocialSpace.kommune_id == kommune_id
            )
        ).all()
        if len(found) != len(space_ids):
            problems.add("social_space_ids", "listing.social_space_unknown")
    problems.raise_if_any()
    assert area is not None
    return name, area, year, space_ids


def record_person(db: Session, actor: Actor, kommune_id: int, data: PersonInput) -> int:
    """A proxy records a person they will represent; return the person's account id.

    The person waits in the Kommune's approval queue (marked as represented) and has no
    login. Their listings become public only once they are approved and their consent is
    recorded.
    """
    require(actor, Action.PROXY_POST, kommune_id)
    name, area, year, space_ids = _check(db, kommune_id, data)
    handle = new_handle()
    user = User(
        email=placeholder_email(handle),
        password_hash=NO_PASSWORD,
        display_name=first_name(name),
        kommune_id=kommune_id,
        area_id=area.id,
        status=UserStatus.PENDING,
        handle=handle,
    )
    db.add(user)
    db.flush()
    person_id = id_of(user)
    for space_id in space_ids:
        db.add(UserSocialSpace(user_id=person_id, social_space_id=space_id))
    db.add(
        RepresentedPerson(
            kommune_id=kommune_id,
            user_id=person_id,
            proxy_id=actor.user_id,
            full_name=name,
            birth_year=year,
            phone=" ".join(clean_text(data.phone).split()),
            postal_address=clean_text(data.postal_address),
        )
    )
    audit.record(
        db,
        actor,
        action=AuditAction.RECORD_REPRESENTED,
        target_type="user",
        target_id=person_id,
        kommune_id=kommune_id,
    )
    db.flush()
    return person_id


def confirm_consent(
    db: Session, actor: Actor, kommune_id: int, person_id: int | None, signed_on: str
) -> None:
    """The proxy confirms the printed form was signed on `signed_on` (YYYY-MM-DD). Recorded
    with the privacy version the form printed (the Kommune's current one), the date and
    the proxy."""
    require(actor, Action.PROXY_POST, kommune_id)
    record = _record(db, actor, kommune_id, person_id, lock=True)
    if record.proxy_id != actor.user_id:
        raise NotFound("represented.not_found")
    try:
        signed = date.fromisoformat(signed_on.strip())
    except ValueError:
        raise InvalidInput("signed_on", "represented.signed_on_invalid") from None
    today = utcnow().date()
    if signed > today or signed.year < today.year - 5:
        raise InvalidInput("signed_on", "represented.signed_on_invalid")
    if record.consent_signed_on is not None:
        raise InvalidInput("signed_on", "represented.consent_already")
    kommune = get_kommune(db, kommune_id)
    now = utcnow()
    record.consent_version = kommune.privacy_version
    record.consent_signed_on = signed
    record.consent_recorded_at = now
    record.consent_recorded_by = actor.user_id
    db.add(record)
    db.add(
        ConsentRecord(
            user_id=record.user_id,
            kommune_id=kommune_id,
            document=ConsentDocument.PRIVACY,
            version=kommune.privacy_version,
            accepted_at=now,
        )
    )
    audit.record(
        db,
        actor,
        action=AuditAction.CONFIRM_PROXY_CONSENT,
        target_type="user",
        target_id=record.user_id,
        kommune_id=kommune_id,
        reason=f"{signed.isoformat()} (Datenschutz v{kommune.privacy_version})",
    )
    db.flush()


def assign_person(
    db: Session, actor: Actor, kommune_id: int, person_id: int | None, proxy_id: int | None
) -> str:
    """An admin hands a person to one of the Kommune's proxies (say, one the office looked
    after); return the proxy's name."""
    require(actor, Action.MANAGE_PROXIES, kommune_id)
    record = _record(db, actor, kommune_id, person_id, lock=True)
    proxy = None
    if proxy_id is not None:
        proxy = db.exec(
            select(User).where(
                User.id == proxy_id,
                User.kommune_id == kommune_id,
                User.status == UserStatus.APPROVED,
            )
        ).first()
    from dasnez_core.services.proxies import is_proxy  # proxies imports this module

    if proxy is None or not is_proxy(db, kommune_id, id_of(proxy)):
        raise InvalidInput("proxy_id", "proxy.successor_not_proxy")
    record.proxy_id = id_of(proxy)
    db.add(record)
    db.flush()
    return proxy.display_name


# --- reading --------------------------------------------------------------------------------


def _listings(db: Session, person_id: int) -> list[PersonListing]:
    rows = db.exec(
        select(Listing.id, Listing.title, Listing.status)
        .where(Listing.author_id == person_id, Listing.status != ListingStatus.DELETED)
        .order_by(col(Listing.created_at).desc(), col(Listing.id).desc())
        .limit(LISTED)
    ).all()
    return [PersonListing(lid, title, status) for lid, title, status in rows if lid is not None]


def _conversations(
    db: Session, kommune_id: int, person_id: int, lang: str
) -> list[PersonConversation]:
    author = aliased(User)
    starter = aliased(User)
    has_messages = exists().where(col(Message.conversation_id) == Conversation.id)
    newest_sender = (
        sa_select(col(Message.sender_id))
        .where(col(Message.conversation_id) == Conversation.id)
        .order_by(col(Message.created_at).desc(), col(Message.id).desc())
        .limit(1)
        .scalar_subquery()
    )
    rows = db.execute(
        sa_select(
            col(Conversation.id),
            col(Listing.title),
            col(Conversation.author_id),
            col(author.display_name),
            col(starter.display_name),
            col(Conversation.last_message_at),
            col(Conversation.author_read_at),
            col(Conversation.starter_read_at),
            newest_sender,
        )
        .join(Listing, col(Listing.id) == Conversation.listing_id)
        .join(author, col(author.id) == Conversation.author_id)
        .join(starter, col(starter.id) == Conversation.starter_id)
        .where(
            col(Conversation.kommune_id) == kommune_id,
            or_(
                col(Conversation.starter_id) == person_id,
                and_(col(Conversation.author_id) == person_id, has_messages),
            ),
        )
        .order_by(col(Conversation.last_message_at).desc(), col(Conversation.id).desc())
        .limit(LISTED)
    ).all()
    result = []
    for cid, title, author_id, a_name, s_name, last_at, a_read, s_read, newest in rows:
        mine = author_id == person_id
        my_read = a_read if mine else s_read
        unread = (
            newest is not None and newest != person_id and (my_read is None or last_at > my_read)
        )
        result.append(
            PersonConversation(
                cid, title, s_name if mine else a_name, format_datetime(last_at, lang), unread
            )
        )
    return result


def _agreements(db: Session, kommune_id: int, person_id: int) -> list[PersonAgreement]:
    helper = aliased(User)
    seeker = aliased(User)
    rows = db.execute(
        sa_select(
            col(Agreement.id),
            col(Listing.title),
            col(Agreement.helper_id),
            col(helper.display_name),
            col(seeker.display_name),
            col(Agreement.helper_done_at),
            col(Agreement.seeker_done_at),
            col(Agreement.conversation_id),
            col(Agreement.helper_proxy_id),
            col(Agreement.seeker_proxy_id),
            col(Agreement.helper_by_office),
            col(Agreement.seeker_by_office),
        )
        .join(Listing, col(Listing.id) == Agreement.listing_id, isouter=True)
        .join(helper, col(helper.id) == Agreement.helper_id, isouter=True)
        .join(seeker, col(seeker.id) == Agreement.seeker_id, isouter=True)
        .where(
            col(Agreement.kommune_id) == kommune_id,
            or_(col(Agreement.helper_id) == person_id, col(Agreement.seeker_id) == person_id),
        )
        .order_by(col(Agreement.created_at).desc(), col(Agreement.id).desc())
        .limit(LISTED)
    ).all()
    proxy_names = represented_names(db, [i for row in rows for i in row[8:10] if i is not None])
    result = []
    for aid, title, helper_id, h_name, s_name, h_done, s_done, cid, *stand_in in rows:
        h_proxy, s_proxy, h_office, s_office = stand_in
        helps = helper_id == person_id
        proxy_id, office, done = (
            (h_proxy, h_office, h_done) if helps else (s_proxy, s_office, s_done)
        )
        result.append(
            PersonAgreement(
                aid,
                title or "—",
                (s_name if helps else h_name) or "—",
                h_done is not None and s_done is not None,
                cid or 0,
                confirmed_by="" if office or done is None else proxy_names.get(proxy_id, ""),
                by_office=bool(office) and done is not None,
            )
        )
    return result


def _contact(record: RepresentedPerson) -> str:
    return " · ".join(part for part in (record.phone, record.postal_address) if part)


def _summary(db: Session, record: RepresentedPerson, *, details: bool, lang: str) -> PersonSummary:
    user = _account(db, record)
    area_name = db.exec(select(Area.name).where(Area.id == user.area_id)).first() or ""
    proxy_name = (
        db.exec(select(User.display_name).where(User.id == record.proxy_id)).first() or ""
        if record.proxy_id is not None
        else ""
    )
    person_id = id_of(user)
    return PersonSummary(
        user_id=person_id,
        name=record.full_name,
        area_name=area_name,
        birth_year=record.birth_year,
        contact=_contact(record),
        status=user.status,
        consent_on=format_date(record.consent_signed_on, lang) if record.consent_signed_on else "",
        consent_version=record.consent_version,
        proxy_name=proxy_name,
        listings=_listings(db, person_id) if details else [],
        conversations=_conversations(db, record.kommune_id, person_id, lang) if details else [],
        agreements=_agreements(db, record.kommune_id, person_id) if details else [],
    )


def my_persons(db: Session, actor: Actor, kommune_id: int, lang: str = "de") -> list[PersonSummary]:
    """The proxy's own represented persons with their listings, conversations, agreements."""
    require(actor, Action.PROXY_POST, kommune_id)
    records = db.exec(
        select(RepresentedPerson)
        .where(
            RepresentedPerson.kommune_id == kommune_id,
            RepresentedPerson.proxy_id == actor.user_id,
        )
        .order_by(col(RepresentedPerson.id))
        .limit(LISTED)
    ).all()
    return [_summary(db, r, details=True, lang=lang) for r in records]


def kommune_persons(
    db: Session, actor: Actor, kommune_id: int, lang: str = "de"
) -> list[PersonSummary]:
    """Every represented person of the Kommune, for its admins (without the details)."""
    require(actor, Action.MANAGE_PROXIES, kommune_id)
    records = db.exec(
        select(RepresentedPerson)
        .where(RepresentedPerson.kommune_id == kommune_id)
        .order_by(col(RepresentedPerson.id))
        .limit(200)
    ).all()
    return [_summary(db, r, details=False, lang=lang) for r in records]


def person_summary(
    db: Session, actor: Actor, kommune_id: int, person_id: int | None, lang: str = "de"
) -> PersonSummary:
    """One represented person for their proxy or an admin of the Kommune."""
    return _summary(db, _record(db, actor, kommune_id, person_id), details=True, lang=lang)


@dataclass(frozen=True)
class ConsentForm:
    kommune_name: str
    person_name: str
    birth_year: int
    area_name: str
    proxy_name: str
    privacy_version: str
    privacy_text: str
    kommune_logo: str = ""  # the logo's path under the upload folder, "" for none


def consent_form(db: Session, actor: Actor, kommune_id: int, person_id: int | None) -> ConsentForm:
    """What the consent form prints: the Kommune's current privacy text and the person."""
    record = _record(db, actor, kommune_id, person_id)
    summary = _summary(db, record, details=False, lang="de")
    kommune = get_kommune(db, kommune_id)
    privacy = get_text(db, kommune, LegalKind.PRIVACY)
    return ConsentForm(
        kommune_name=kommune.name,
        person_name=summary.name,
        birth_year=summary.birth_year,
        area_name=summary.area_name,
        proxy_name=summary.proxy_name or actor.display_name,
        privacy_version=kommune.privacy_version,
        privacy_text=privacy.body,
        kommune_logo=kommune.logo_path or "",
    )


@dataclass(frozen=True)
class PersonData:
    """Everything stored about a represented person (GDPR Art. 15), for the PDF."""

    kommune_name: str
    summary: PersonSummary
    social_spaces: list[str]
    registered_on: str
    consent_recorded_by: str
    ratings_given: int
    ratings_received: int
    kommune_logo: str = ""  # the logo's path under the upload folder, "" for none


def person_data(
    db: Session, actor: Actor, kommune_id: int, person_id: int | None, lang: str = "de"
) -> PersonData:
    """The person's data for the export, audited."""
    record = _record(db, actor, kommune_id, person_id)
    summary = _summary(db, record, details=True, lang=lang)
    user = _account(db, record)
    spaces = db.exec(
        select(SocialSpace.name)
        .join(UserSocialSpace, col(UserSocialSpace.social_space_id) == SocialSpace.id)
        .where(UserSocialSpace.user_id == record.user_id)
        .order_by(col(SocialSpace.name))
    ).all()
    recorder = ""
    if record.consent_recorded_by is not None:
        recorder = (
            db.exec(select(User.display_name).where(User.id == record.consent_recorded_by)).first()
            or ""
        )

    def _count(*where: ColumnElement[bool]) -> int:
        return int(
            db.execute(sa_select(func.count()).select_from(Rating).where(*where)).scalar_one()
        )

    audit.record(
        db,
        actor,
        action=AuditAction.EXPORT_REPRESENTED,
        target_type="user",
        target_id=record.user_id,
        kommune_id=kommune_id,
    )
    db.flush()
    kommune = get_kommune(db, kommune_id)
    return PersonData(
        kommune_name=kommune.name,
        kommune_logo=kommune.logo_path or "",
        summary=summary,
        social_spaces=list(spaces),
        registered_on=format_date(user.created_at, lang),
        consent_recorded_by=recorder,
        ratings_given=_count(col(Rating.rater_id) == record.user_id),
        ratings_received=_count(col(Rating.ratee_id) == record.user_id),
    )


def delete_person(db: Session, actor: Actor, kommune_id: int, person_id: int | None) -> str:
    """Delete a represented person as account deletion does: ratings they gave stay,
    anonymised. Their proxy or an admin of the Kommune; returns the name."""
    record = _record(db, actor, kommune_id, person_id, lock=True)
    user = _account(db, record)
    name = record.full_name
    audit.record(
        db,
        actor,
        action=AuditAction.DELETE_REPRESENTED,
        target_type="user",
        target_id=record.user_id,
        kommune_id=kommune_id,
    )
    db.flush()
    db.execute(delete(RepresentedPerson).where(col(RepresentedPerson.id) == record.id))
    erase_person(db, user)
    return name


# --- figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProxyFigures:
    persons: int
    listings: int
    agreements: int


def proxy_figures(db: Session, actor: Actor, kommune_id: int) -> ProxyFigures:
    """How many represented persons the Kommune has, and how many listings and agreements
    were made through proxies (every listing and agreement of a represented person)."""
    require(actor, Action.VIEW_KOMMUNE_DASHBOARD, kommune_id)
    persons = select(RepresentedPerson.user_id).where(RepresentedPerson.kommune_id == kommune_id)

    def count(model: type[SQLModel], *where: ColumnElement[bool]) -> int:
        return int(
            db.execute(sa_select(func.count()).select_from(model).where(*where)).scalar_one()
        )

    return ProxyFigures(
        persons=count(RepresentedPerson, col(RepresentedPerson.kommune_id) == kommune_id),
        listings=count(
            Listing,
            col(Listing.kommune_id) == kommune_id,
            col(Listing.author_id).in_(persons),
            col(Listing.status) != ListingStatus.DELETED,
        ),
        agreements=count(
            Agreement,
            col(Agreement.kommune_id) == kommune_id,
            or_(col(Agreement.helper_id).in_(persons), col(Agreement.seeker_id).in_(persons)),
        ),
    )
