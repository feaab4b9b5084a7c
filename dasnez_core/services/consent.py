"""Whether a person's consent to their Kommune's privacy notice and terms is current, and
recording a new one. Kept free of other services: the session lookup asks it on every call.

A person must consent again once their Kommune has published a version they have not
accepted. An account that never went through a consent step (created by an admin or a
seed) is asked as soon as the Kommune publishes its own text.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.models import (
    ConsentDocument,
    ConsentRecord,
    Kommune,
    LegalText,
    User,
    UserStatus,
    id_of,
)

CONSENT_DOCUMENTS: tuple[ConsentDocument, ...] = (ConsentDocument.PRIVACY, ConsentDocument.TERMS)


@dataclass(frozen=True)
class DueConsent:
    """A document whose current version the person has not accepted."""

    document: str
    version: str


def current_version(kommune: Kommune, document: str) -> str:
    """The version of `document` (privacy or terms) a person must accept now."""
    return kommune.privacy_version if document == ConsentDocument.PRIVACY else kommune.terms_version


def _count(db: Session, *conditions: ColumnElement[bool]) -> int:
    return int(db.exec(select(func.count()).select_from(ConsentRecord).where(*conditions)).one())


def due_consents(db: Session, user: User) -> list[DueConsent]:
    """The documents of the person's Kommune they must accept (again) before acting."""
    kommune = db.get(Kommune, user.kommune_id)
    if kommune is None:
        return []
    due = []
    for document in CONSENT_DOCUMENTS:
        version = current_version(kommune, document)
        mine = (
            col(ConsentRecord.user_id) == user.id,
            col(ConsentRecord.kommune_id) == kommune.id,
            col(ConsentRecord.document) == document.value,
            col(ConsentRecord.withdrawn_at).is_(None),
        )
        if _count(db, *mine, col(ConsentRecord.version) == version):
            continue
        published = db.exec(
            select(func.count())
            .select_from(LegalText)
            .where(LegalText.kommune_id == kommune.id, LegalText.kind == document.value)
        ).one()
        if published or _count(db, *mine):
            due.append(DueConsent(document.value, version))
    return due


def accept_current(
    db: Session,
    actor: Actor,
    *,
    privacy_version: str,
    terms_version: str,
    accept_privacy: bool,
    accept_terms: bool,
) -> None:
    """Record the person's consent to the versions they were shown.

    The versions come from the page the person read; if the Kommune has published a newer
    one meanwhile, nothing is recorded and they must read that one first.
    """
    user = db.get(User, actor.user_id) if actor.user_id is not None else None
    if user is None or user.status == UserStatus.BLOCKED:
        raise NotAllowed()
    if not accept_privacy:
        raise InvalidInput("accept_privacy", "register.privacy_required")
    if not accept_terms:
        raise InvalidInput("accept_terms", "register.terms_required")
    shown = {
        ConsentDocument.PRIVACY.value: privacy_version,
        ConsentDocument.TERMS.value: terms_version,
    }
    for due in due_consents(db, user):
        if shown[due.document] != due.version:
            raise InvalidInput("accept", "consent.outdated_page")
        db.add(
            ConsentRecord(
                user_id=id_of(user),
                kommune_id=user.kommune_id,
                document=due.document,
                version=due.version,
            )
        )
    db.flush()
