"""The institution's shared inbox: a person of the Kommune writes to the institution, every
member reads and answers (the answer shows the institution as its sender; the member who
wrote it is kept). One conversation per person, institution and Kommune.

A person sees only their own conversation; a member only those of their institution in
the page's Kommune. Anything else is "not found".
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.formatting import format_datetime
from dasnez_core.models import (
    InstitutionMember,
    InstitutionMessage,
    InstitutionThread,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services.auth import clean_text
from dasnez_core.services.institution_members import membership
from dasnez_core.services.institutions import admitted
from dasnez_core.throttle import MESSAGES_PER_ACCOUNT, MESSAGES_PER_ADDRESS, address_key, throttle

BODY_MAX = 2000
THREADS_SHOWN = 50
MESSAGES_SHOWN = 100


@dataclass(frozen=True)
class InboxMessage:
    id: int
    sender: str  # the institution's name for its answers, else the person's name
    from_institution: bool
    body: str
    sent_at: str


@dataclass(frozen=True)
class InboxThread:
    """One conversation as the inbox lists it."""

    id: int
    person: str
    last_message_at: str
    unread: bool


def _check_body(body: str) -> str:
    text = clean_text(body)
    if not text:
        raise InvalidInput("message", "institution.message_empty")
    if len(text) > BODY_MAX:
        raise InvalidInput("message", "institution.message_too_long", max=BODY_MAX)
    return text


def _require_writer(actor: Actor, kommune_id: int) -> int:
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    if actor.status == UserStatus.PENDING:
        raise NotAllowed("contact.account_pending")
    require(actor, Action.CONTACT_MEMBER, kommune_id)
    return actor.user_id


def write_to_institution(
    db: Session, actor: Actor, kommune_id: int, handle: str, body: str, client: str = ""
) -> int:
    """An approved person of the Kommune writes to the institution; returns the
    conversation's id. Its members cannot write to their own institution's inbox."""
    user_id = _require_writer(actor, kommune_id)
    institution = admitted(db, kommune_id, handle)
    text = _check_body(body)
    if _is_member(db, id_of(institution), user_id):
        raise InvalidInput("message", "institution.own_inbox")
    throttle().attempt(
        (MESSAGES_PER_ACCOUNT, str(user_id)), (MESSAGES_PER_ADDRESS, address_key(client))
    )
    thread = _own_thread(db, kommune_id, id_of(institution), user_id)
    now = utcnow()
    if thread is None:
        thread = InstitutionThread(
            kommune_id=kommune_id, institution_id=id_of(institution), citizen_id=user_id
        )
        try:
            with db.begin_nested():
                db.add(thread)
                db.flush()
        except IntegrityError:  # the same person's second tab was quicker
            thread = _own_thread(db, kommune_id, id_of(institution), user_id)
            assert thread is not None
    thread.last_message_at = now
    thread.citizen_read_at = now
    db.add(thread)
    db.add(
        InstitutionMessage(thread_id=id_of(thread), sender_id=user_id, body=text, created_at=now)
    )
    db.flush()
    return id_of(thread)


def _is_member(db: Session, institution_id: int, user_id: int) -> bool:
    return (
        db.exec(
            select(InstitutionMember.id).where(
                InstitutionMember.institution_id == institution_id,
                InstitutionMember.user_id == user_id,
            )
        ).first()
        is not None
    )


def _own_thread(
    db: Session, kommune_id: int, institution_id: int, user_id: int
) -> InstitutionThread | None:
    return db.exec(
        select(InstitutionThread).where(
            InstitutionThread.kommune_id == kommune_id,
            InstitutionThread.institution_id == institution_id,
            InstitutionThread.citizen_id == user_id,
        )
    ).first()


def _messages(
    db: Session, thread: InstitutionThread, institution_name: str, lang: str
) -> list[InboxMessage]:
    rows = db.exec(
        select(InstitutionMessage, User.display_name)
        .join(User, col(User.id) == InstitutionMessage.sender_id, isouter=True)
        .where(InstitutionMessage.thread_id == thread.id)
        .order_by(col(InstitutionMessage.created_at).desc(), col(InstitutionMessage.id).desc())
        .limit(MESSAGES_SHOWN)
    ).all()
    return [
        InboxMessage(
            id=id_of(m),
            sender=institution_name if m.from_institution else (name or ""),
            from_institution=m.from_institution,
            body=m.body,
            sent_at=format_datetime(m.created_at, lang),
        )
        for m, name in reversed(rows)
    ]


def my_conversation(
    db: Session, actor: Actor, kommune_id: int, handle: str, lang: str = "de"
) -> list[InboxMessage]:
    """The caller's own conversation with the institution (empty if none yet); reading it
    marks the institution's answers read."""
    if actor.user_id is None or not actor.is_approved or actor.consent_due:
        return []
    institution = admitted(db, kommune_id, handle)
    thread = _own_thread(db, kommune_id, id_of(institution), actor.user_id)
    if thread is None:
        return []
    thread.citizen_read_at = utcnow()
    db.add(thread)
    return _messages(db, thread, institution.name, lang)


def inbox(
    db: Session, actor: Actor, kommune_id: int, handle: str, lang: str = "de"
) -> list[InboxThread]:
    """The institution's conversations in this Kommune, newest first (members only)."""
    found = membership(db, actor, kommune_id, handle)
    rows = db.exec(
        select(InstitutionThread, User.display_name)
        .join(User, col(User.id) == InstitutionThread.citizen_id)
        .where(
            InstitutionThread.kommune_id == kommune_id,
            InstitutionThread.institution_id == found.institution_id,
        )
        .order_by(col(InstitutionThread.last_message_at).desc(), col(InstitutionThread.id).desc())
        .limit(THREADS_SHOWN)
    ).all()
    return [
        InboxThread(
            id=id_of(t),
            person=name,
            last_message_at=format_datetime(t.last_message_at, lang),
            unread=_unread_for_inbox(db, t),
        )
        for t, name in rows
    ]


def _unread_for_inbox(db: Session, thread: InstitutionThread) -> bool:
    newest = db.exec(
        select(InstitutionMessage.from_institution)
        .where(InstitutionMessage.thread_id == thread.id)
        .order_by(col(InstitutionMessage.created_at).desc(), col(InstitutionMessage.id).desc())
        .limit(1)
    ).first()
    if newest is None or newest:
        return False
    return thread.inbox_read_at is None or thread.last_message_at > thread.inbox_read_at


def _inbox_thread(
    db: Session, kommune_id: int, institution_id: int, thread_id: int
) -> InstitutionThread:
    thread = db.exec(
        select(InstitutionThread).where(
            InstitutionThread.id == thread_id,
            InstitutionThread.kommune_id == kommune_id,
            InstitutionThread.institution_id == institution_id,
        )
    ).first()
    if thread is None:
        raise NotFound("institution.thread_not_found")
    return thread


def read_thread(
    db: Session, actor: Actor, kommune_id: int, handle: str, thread_id: int, lang: str = "de"
) -> tuple[str, list[InboxMessage]]:
    """(the person's name, the messages) of one conversation of the inbox; marks it read
    for the institution."""
    found = membership(db, actor, kommune_id, handle)
    thread = _inbox_thread(db, kommune_id, found.institution_id, thread_id)
    thread.inbox_read_at = utcnow()
    db.add(thread)
    person = db.get(User, thread.citizen_id)
    return (person.display_name if person else ""), _messages(db, thread, found.name, lang)


def answer(
    db: Session, actor: Actor, kommune_id: int, handle: str, thread_id: int, body: str
) -> None:
    """A member answers in the institution's name."""
    found = membership(db, actor, kommune_id, handle)
    thread = _inbox_thread(db, kommune_id, found.institution_id, thread_id)
    text = _check_body(body)
    now = utcnow()
    db.add(
        InstitutionMessage(
            thread_id=id_of(thread),
            sender_id=actor.user_id,
            from_institution=True,
            body=text,
            created_at=now,
        )
    )
    thread.last_message_at = now
    thread.inbox_read_at = now
    db.add(thread)
    db.flush()
