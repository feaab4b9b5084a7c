"""Institutions and their networks: registration through the public app, admission by each
Kommune's admins (in the same approval queue as people), the public institution page and
the Kommune's list "Netzwerke in <Kommune>".

An institution exists in a Kommune only once that Kommune has admitted it; anywhere else,
and before, it is "not found" like a record of another Kommune. Names are unique per
Kommune in their folded spelling (dasnez_core.folding): registering a name that exists is
refused with the existing institution offered instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound, Problems
from dasnez_core.folding import fold
from dasnez_core.formatting import format_date, format_datetime
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    AdmissionStatus,
    Area,
    AuditAction,
    Institution,
    InstitutionAdmission,
    InstitutionInvite,
    InstitutionKind,
    InstitutionMember,
    InstitutionMessage,
    InstitutionNotice,
    InstitutionPlace,
    InstitutionThread,
    Kommune,
    Listing,
    ListingStatus,
    Role,
    RoleGrant,
    SocialSpace,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, can, require
from dasnez_core.services import audit
from dasnez_core.services.auth import clean_text
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.masterdata_cache import master
from dasnez_core.services.moderation import PAGE_SIZE, check_reason
from dasnez_core.services.registration import UNCONFIRMED_KEPT
from dasnez_core.services.transitions import locked_one
from dasnez_core.uploads import check_logo, discard_after_commit, store_logo_in

NAME_MIN, NAME_MAX = 3, 120
DESCRIPTION_MAX = 2000
CONTACT_MAX = 500
WEBSITE_MAX = 300
KINDS = tuple(k.value for k in InstitutionKind)
PLACES_MAX = 50


def kind_key(kind: str) -> str:
    """The catalog key of an institution kind's name."""
    return f"institution.kind.{kind}"


# --- input and read models ------------------------------------------------------------------


@dataclass(frozen=True)
class InstitutionForm:
    """What the registration form sends (ids already parsed)."""

    name: str
    kind: str
    description: str = ""
    contact: str = ""
    website: str = ""
    area_ids: tuple[int, ...] = ()
    space_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class InstitutionRef:
    """An institution named with the address part of its page."""

    name: str
    handle: str
    kind: str


@dataclass(frozen=True)
class NoticeView:
    id: int
    title: str
    body: str
    event_date: str
    until: str


@dataclass(frozen=True)
class InstitutionPage:
    """What /k/<slug>/netzwerk/<handle> shows to everyone (no member's name or email)."""

    id: int
    kommune_id: int
    handle: str
    name: str
    kind: str
    description: str
    contact: str
    website: str
    logo: str
    areas: list[str]
    spaces: list[str]
    notices: list[NoticeView]
    # Where else the institution is admitted: (Kommune slug, Kommune name).
    kommunen: list[tuple[str, str]]


@dataclass(frozen=True)
class PendingInstitution:
    """A waiting admission as the approval queue shows it."""

    institution_id: int
    name: str
    kind: str
    responsible_name: str
    responsible_email: str
    responsible_pending: bool
    description: str
    website: str
    registered_at: str


# --- checks -----------------------------------------------------------------------------------


def _clean_line(raw: str) -> str:
    return " ".join(clean_text(raw).split())


def check_website(raw: str) -> str:
    """A https/http address of the institution's own website, or ""."""
    text = clean_text(raw)
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or "." not in parts.netloc
        or " " in text
    ):
        raise InvalidInput("website", "institution.website_invalid")
    if len(text) > WEBSITE_MAX:
        raise InvalidInput("website", "institution.website_too_long", max=WEBSITE_MAX)
    return text


@dataclass(frozen=True)
class _Checked:
    name: str
    kind: str
    description: str
    contact: str
    website: str
    area_ids: list[int]
    space_ids: list[int]


def check_form(db: Session, kommune_id: int, form: InstitutionForm, problems: Problems) -> _Checked:
    """Registration's and the edit's checks of the form, every problem added to `problems`
    (the places looked up through `kommune_id`)."""
    name = _clean_line(form.name)
    if len(name) < NAME_MIN:
        problems.add("name", "institution.name_too_short", min=NAME_MIN)
    elif len(name) > NAME_MAX:
        problems.add("name", "institution.name_too_long", max=NAME_MAX)
    if form.kind not in KINDS:
        problems.add("kind", "institution.kind_required")
    description = clean_text(form.description)
    if len(description) > DESCRIPTION_MAX:
        problems.add("description", "institution.description_too_long", max=DESCRIPTION_MAX)
    contact = clean_text(form.contact)
    if not contact:
        problems.add("contact", "institution.contact_required")
    elif len(contact) > CONTACT_MAX:
        problems.add("contact", "institution.contact_too_long", max=CONTACT_MAX)
    website = problems.check(lambda: check_website(form.website)) or ""
    area_ids, space_ids = check_places(db, kommune_id, form.area_ids, form.space_ids, problems)
    return _Checked(name, form.kind, description, contact, website, area_ids, space_ids)


def check_places(
    db: Session,
    kommune_id: int,
    area_ids: Sequence[int],
    space_ids: Sequence[int],
    problems: Problems,
    *,
    suffix: str = "",
) -> tuple[list[int], list[int]]:
    """The Ortsteile and social spaces an institution serves in `kommune_id`, each id looked
    up through that Kommune (an id of another Kommune is a problem of the field
    `area_ids<suffix>` / `space_ids<suffix>`)."""
    areas = sorted(set(area_ids))[:PLACES_MAX]
    spaces = sorted(set(space_ids))[:PLACES_MAX]
    if areas and len(
        db.exec(select(Area.id).where(col(Area.id).in_(areas), Area.kommune_id == kommune_id)).all()
    ) != len(areas):
        problems.add("area_ids" + suffix, "area.unknown")
    if spaces and len(
        db.exec(
            select(SocialSpace.id).where(
                col(SocialSpace.id).in_(spaces), SocialSpace.kommune_id == kommune_id
            )
        ).all()
    ) != len(spaces):
        problems.add("space_ids" + suffix, "listing.social_space_unknown")
    return areas, spaces


def same_name(
    db: Session, kommune_id: int, name: str, *, exclude_id: int | None = None
) -> InstitutionRef | None:
    """The institution of this Kommune (admitted or waiting) whose name folds to the same
    spelling as `name`, if there is one (other than `exclude_id`, the one being renamed)."""
    folded = fold(_clean_line(name))
    if not folded:
        return None
    query = (
        select(Institution)
        .join(InstitutionAdmission, col(InstitutionAdmission.institution_id) == Institution.id)
        .where(
            InstitutionAdmission.kommune_id == kommune_id,
            Institution.name_folded == folded,
        )
    )
    if exclude_id is not None:
        query = query.where(Institution.id != exclude_id)
    row = db.exec(query).first()
    return None if row is None else InstitutionRef(row.name, row.handle, row.kind)


def _new_handle(db: Session, name: str) -> str:
    """A readable, unique address part: "caritas-delbruck", then "-2", "-3" …"""
    base = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:48] or "netzwerk"
    handle, n = base, 1
    while db.exec(select(Institution.id).where(Institution.handle == handle)).first():
        n += 1
        handle = f"{base}-{n}"
    return handle


def set_places(
    db: Session,
    kommune_id: int,
    institution_id: int,
    area_ids: Sequence[int],
    space_ids: Sequence[int],
) -> None:
    db.execute(
        delete(InstitutionPlace).where(
            col(InstitutionPlace.kommune_id) == kommune_id,
            col(InstitutionPlace.institution_id) == institution_id,
        )
    )
    for area_id in area_ids:
        db.add(
            InstitutionPlace(kommune_id=kommune_id, institution_id=institution_id, area_id=area_id)
        )
    for space_id in space_ids:
        db.add(
            InstitutionPlace(
                kommune_id=kommune_id, institution_id=institution_id, social_space_id=space_id
            )
        )


# --- registration -----------------------------------------------------------------------------


def register_institution(
    db: Session,
    actor: Actor,
    kommune_id: int,
    form: InstitutionForm,
    *,
    logo: bytes = b"",
    logo_name: str = "",
    responsible_email: str = "",
) -> InstitutionRef:
    """Register an institution in `kommune_id`; it waits in the Kommune's approval queue.

    The responsible person is the caller (an approved person, logged in), or — without a
    login — the person registering in the same flow, named by their address; the
    institution then waits until that registration is confirmed (`attach_confirmed`).
    A name that exists in the Kommune is refused, naming the existing institution.
    """
    kommune = get_kommune(db, kommune_id)
    if not kommune.active:
        raise NotFound("kommune.not_found")
    if actor.is_anonymous:
        if not responsible_email:
            raise NotAllowed("auth.required")
    else:
        if actor.status != UserStatus.APPROVED:
            raise NotAllowed("institution.person_not_approved")
        require(actor, Action.REGISTER_INSTITUTION, actor.kommune_id)
        responsible_email = ""
    problems = Problems()
    checked = check_form(db, kommune_id, form, problems)
    if logo:
        problems.check(lambda: check_logo(logo))
    existing = same_name(db, kommune_id, checked.name) if not problems.has("name") else None
    if existing is not None:
        problems.add("name", "institution.name_exists", name=existing.name)
    problems.raise_if_any()
    institution = Institution(
        kommune_id=kommune_id,
        handle=_new_handle(db, checked.name),
        name=checked.name,
        kind=checked.kind,
        description=checked.description,
        contact=checked.contact,
        website=checked.website,
        logo_path=store_logo_in(db, logo, logo_name) if logo else "",
        responsible_id=actor.user_id,
        responsible_email=responsible_email,
    )
    db.add(institution)
    db.flush()
    institution_id = id_of(institution)
    db.add(
        InstitutionAdmission(
            kommune_id=kommune_id,
            institution_id=institution_id,
            status=AdmissionStatus.UNCONFIRMED if actor.is_anonymous else AdmissionStatus.PENDING,
            requested_by=actor.user_id,
        )
    )
    if actor.user_id is not None:
        db.add(
            InstitutionMember(institution_id=institution_id, user_id=actor.user_id, is_lead=True)
        )
    set_places(db, kommune_id, institution_id, checked.area_ids, checked.space_ids)
    db.flush()
    return InstitutionRef(institution.name, institution.handle, institution.kind)


def attach_confirmed(db: Session, user: User) -> int:
    """A registration was confirmed: the institutions registered in the same flow get
    their responsible person and enter the approval queue. Returns how many."""
    waiting = db.exec(
        select(Institution).where(
            Institution.responsible_email == user.email, col(Institution.responsible_id).is_(None)
        )
    ).all()
    for institution in waiting:
        institution.responsible_id = id_of(user)
        institution.responsible_email = ""
        db.add(institution)
        db.add(
            InstitutionMember(institution_id=id_of(institution), user_id=id_of(user), is_lead=True)
        )
        for admission in db.exec(
            select(InstitutionAdmission).where(
                InstitutionAdmission.institution_id == institution.id,
                InstitutionAdmission.status == AdmissionStatus.UNCONFIRMED,
            )
        ).all():
            admission.status = AdmissionStatus.PENDING
            db.add(admission)
    db.flush()
    return len(waiting)


def request_admission(
    db: Session, actor: Actor, handle: str, kommune_id: int, area_ids: Sequence[int] = ()
) -> InstitutionRef:
    """The responsible person asks a further Kommune to admit the institution (each Kommune
    admits it separately). A name taken there by another institution is refused."""
    institution = _lead_institution(db, actor, handle)
    kommune = get_kommune(db, kommune_id)
    if not kommune.active:
        raise NotFound("kommune.not_found")
    if db.exec(
        select(InstitutionAdmission.id).where(
            InstitutionAdmission.kommune_id == kommune_id,
            InstitutionAdmission.institution_id == institution.id,
        )
    ).first():
        raise InvalidInput("kommune", "institution.already_requested", kommune=kommune.name)
    existing = same_name(db, kommune_id, institution.name)
    if existing is not None:
        raise InvalidInput("kommune", "institution.name_exists", name=existing.name)
    problems = Problems()
    area_ids, _ = check_places(db, kommune_id, area_ids, (), problems)
    problems.raise_if_any()
    db.add(
        InstitutionAdmission(
            kommune_id=kommune_id,
            institution_id=id_of(institution),
            status=AdmissionStatus.PENDING,
            requested_by=actor.user_id,
        )
    )
    set_places(db, kommune_id, id_of(institution), area_ids, [])
    db.flush()
    return InstitutionRef(institution.name, institution.handle, institution.kind)


# --- reading --------------------------------------------------------------------------------


def admitted(db: Session, kommune_id: int, handle: str) -> Institution:
    """The institution `handle` if `kommune_id` has admitted it, else NotFound."""
    if not handle or len(handle) > 64:
        raise NotFound("institution.not_found")
    row = db.exec(
        select(Institution)
        .join(InstitutionAdmission, col(InstitutionAdmission.institution_id) == Institution.id)
        .where(
            Institution.handle == handle,
            InstitutionAdmission.kommune_id == kommune_id,
            InstitutionAdmission.status == AdmissionStatus.APPROVED,
        )
    ).first()
    if row is None:
        raise NotFound("institution.not_found")
    return row


def networks(db: Session, kommune_id: int) -> list[InstitutionRef]:
    """ "Netzwerke in <Kommune>": the admitted institutions, by name."""
    # From the Kommune's cached master data: the browse page offers them on every load.
    return [InstitutionRef(n.name, n.handle, n.kind) for n in master(db, kommune_id).networks]


def current_notices(
    db: Session, kommune_id: int, institution_id: int, today: date, lang: str = "de"
) -> list[NoticeView]:
    """The institution's notices in this Kommune that have not run out, newest first."""
    rows = db.exec(
        select(InstitutionNotice)
        .where(
            InstitutionNotice.kommune_id == kommune_id,
            InstitutionNotice.institution_id == institution_id,
            (col(InstitutionNotice.publish_until).is_(None))
            | (col(InstitutionNotice.publish_until) >= today),
        )
        .order_by(col(InstitutionNotice.created_at).desc(), col(InstitutionNotice.id).desc())
        .limit(20)
    ).all()
    return [
        NoticeView(
            id=id_of(n),
            title=n.title,
            body=n.body,
            event_date=format_date(n.event_date, lang) if n.event_date else "",
            until=format_date(n.publish_until, lang) if n.publish_until else "",
        )
        for n in rows
    ]


def institution_page(
    db: Session, kommune_id: int, handle: str, today: date, lang: str = "de"
) -> InstitutionPage:
    """The public page of an institution admitted by `kommune_id` (else NotFound)."""
    institution = admitted(db, kommune_id, handle)
    institution_id = id_of(institution)
    places = db.exec(
        select(Area.name, SocialSpace.name)
        .select_from(InstitutionPlace)
        .join(Area, col(Area.id) == InstitutionPlace.area_id, isouter=True)
        .join(SocialSpace, col(SocialSpace.id) == InstitutionPlace.social_space_id, isouter=True)
        .where(
            InstitutionPlace.kommune_id == kommune_id,
            InstitutionPlace.institution_id == institution_id,
        )
    ).all()
    others = db.exec(
        select(Kommune.slug, Kommune.name)
        .join(InstitutionAdmission, col(InstitutionAdmission.kommune_id) == Kommune.id)
        .where(
            InstitutionAdmission.institution_id == institution_id,
            InstitutionAdmission.status == AdmissionStatus.APPROVED,
            col(Kommune.active),
        )
        .order_by(col(Kommune.name))
    ).all()
    return InstitutionPage(
        id=institution_id,
        kommune_id=kommune_id,
        handle=institution.handle,
        name=institution.name,
        kind=institution.kind,
        description=institution.description,
        contact=institution.contact,
        website=institution.website,
        logo=institution.logo_path,
        areas=sorted((a for a, _ in places if a), key=str.casefold),
        spaces=sorted((s for _, s in places if s), key=str.casefold),
        notices=current_notices(db, kommune_id, institution_id, today, lang),
        kommunen=[(slug, name) for slug, name in others],
    )


def _lead_institution(db: Session, actor: Actor, handle: str) -> Institution:
    """The institution `handle` whose responsible person the actor is (else NotFound)."""
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    if actor.status != UserStatus.APPROVED:
        raise NotAllowed("institution.person_not_approved")
    row = db.exec(
        select(Institution)
        .join(InstitutionMember, col(InstitutionMember.institution_id) == Institution.id)
        .where(
            Institution.handle == handle,
            InstitutionMember.user_id == actor.user_id,
            col(InstitutionMember.is_lead),
        )
    ).first()
    if row is None:
        raise NotFound("institution.not_found")
    return row


# --- admission by the Kommune's admins ------------------------------------------------------


def count_pending_institutions(db: Session, actor: Actor, kommune_id: int) -> int:
    require(actor, Action.VIEW_APPROVAL_QUEUE, kommune_id)
    return int(
        db.exec(
            select(func.count())
            .select_from(InstitutionAdmission)
            .where(
                InstitutionAdmission.kommune_id == kommune_id,
                InstitutionAdmission.status == AdmissionStatus.PENDING,
            )
        ).one()
    )


def list_pending_institutions(
    db: Session, actor: Actor, kommune_id: int, lang: str = "de"
) -> list[PendingInstitution]:
    """Institutions waiting for this Kommune's admission, longest waiting first. Only for
    those who may admit them (the Kommune's admins): a coordinator's scope is an area or a
    social space, and an institution belongs to the whole Kommune."""
    require(actor, Action.VIEW_APPROVAL_QUEUE, kommune_id)
    if not can(actor, Action.APPROVE_INSTITUTION, kommune_id):
        return []
    rows = db.exec(
        select(Institution, InstitutionAdmission, User)
        .join(InstitutionAdmission, col(InstitutionAdmission.institution_id) == Institution.id)
        .join(User, col(User.id) == Institution.responsible_id)
        .where(
            InstitutionAdmission.kommune_id == kommune_id,
            InstitutionAdmission.status == AdmissionStatus.PENDING,
        )
        .order_by(col(InstitutionAdmission.requested_at), col(InstitutionAdmission.id))
        .limit(PAGE_SIZE)
    ).all()
    return [
        PendingInstitution(
            institution_id=id_of(i),
            name=i.name,
            kind=i.kind,
            responsible_name=u.display_name,
            responsible_email=u.email,
            responsible_pending=u.status != UserStatus.APPROVED,
            description=i.description,
            website=i.website,
            registered_at=format_datetime(a.requested_at, lang),
        )
        for i, a, u in rows
    ]


def _locked_admission(db: Session, kommune_id: int, institution_id: int) -> InstitutionAdmission:
    admission = locked_one(
        db,
        InstitutionAdmission,
        col(InstitutionAdmission.kommune_id) == kommune_id,
        col(InstitutionAdmission.institution_id) == institution_id,
    )
    if admission is None or admission.status == AdmissionStatus.UNCONFIRMED:
        raise NotFound("institution.not_found")
    return admission


def _grant_member_role(db: Session, user: User) -> None:
    """Members hold the role `institution_member` (in their home Kommune)."""
    if not db.exec(
        select(RoleGrant.id).where(
            RoleGrant.user_id == user.id, RoleGrant.role == Role.INSTITUTION_MEMBER
        )
    ).first():
        db.add(
            RoleGrant(user_id=id_of(user), role=Role.INSTITUTION_MEMBER, kommune_id=user.kommune_id)
        )


def drop_member_role_if_unused(db: Session, user_id: int) -> None:
    """Take the role back from a person who acts for no admitted institution any more."""
    still = db.exec(
        select(InstitutionMember.id)
        .join(
            InstitutionAdmission,
            col(InstitutionAdmission.institution_id) == InstitutionMember.institution_id,
        )
        .where(
            InstitutionMember.user_id == user_id,
            InstitutionAdmission.status == AdmissionStatus.APPROVED,
        )
    ).first()
    if still is None:
        db.execute(
            delete(RoleGrant).where(
                col(RoleGrant.user_id) == user_id, col(RoleGrant.role) == Role.INSTITUTION_MEMBER
            )
        )


def approve_institution(db: Session, actor: Actor, kommune_id: int, institution_id: int) -> str:
    """Admit a waiting institution in `kommune_id`; its responsible person is mailed.
    Returns its name. The responsible person must be approved first."""
    require(actor, Action.APPROVE_INSTITUTION, kommune_id)
    admission = _locked_admission(db, kommune_id, institution_id)
    institution = db.get(Institution, institution_id)
    assert institution is not None
    if admission.status == AdmissionStatus.APPROVED:
        raise InvalidInput("institution_id", "institution.not_pending", name=institution.name)
    responsible = db.get(User, institution.responsible_id) if institution.responsible_id else None
    if responsible is None or responsible.status != UserStatus.APPROVED:
        raise InvalidInput(
            "institution_id", "institution.responsible_pending", name=institution.name
        )
    admission.status = AdmissionStatus.APPROVED
    admission.approved_at = utcnow()
    db.add(admission)
    for member_id in db.exec(
        select(InstitutionMember.user_id).where(InstitutionMember.institution_id == institution_id)
    ).all():
        member = db.get(User, member_id)
        if member is not None:
            _grant_member_role(db, member)
    audit.record(
        db,
        actor,
        action=AuditAction.APPROVE_INSTITUTION,
        target_type="institution",
        target_id=institution_id,
        kommune_id=kommune_id,
    )
    kommune = get_kommune(db, kommune_id)
    queue(
        db,
        compose(
            responsible.email,
            responsible.language,
            "mail.institution_approved",
            name=responsible.display_name,
            institution=institution.name,
            kommune=kommune.name,
            slug=kommune.slug,
            handle=institution.handle,
        ),
    )
    db.flush()
    return institution.name


def decline_institution(
    db: Session, actor: Actor, kommune_id: int, institution_id: int, reason: str
) -> str:
    """Decline a waiting institution with a reason (mailed to its responsible person).
    An institution that no Kommune admits after this is removed altogether."""
    require(actor, Action.APPROVE_INSTITUTION, kommune_id)
    text = check_reason(reason)
    admission = _locked_admission(db, kommune_id, institution_id)
    institution = db.get(Institution, institution_id)
    assert institution is not None
    if admission.status != AdmissionStatus.PENDING:
        raise InvalidInput("institution_id", "institution.not_pending", name=institution.name)
    name = institution.name
    responsible = db.get(User, institution.responsible_id) if institution.responsible_id else None
    kommune = get_kommune(db, kommune_id)
    if responsible is not None:
        queue(
            db,
            compose(
                responsible.email,
                responsible.language,
                "mail.institution_declined",
                name=responsible.display_name,
                institution=name,
                kommune=kommune.name,
                reason=text,
            ),
        )
    audit.record(
        db,
        actor,
        action=AuditAction.DECLINE_INSTITUTION,
        target_type="institution",
        target_id=institution_id,
        kommune_id=kommune_id,
        reason=text,
    )
    db.delete(admission)
    db.execute(
        delete(InstitutionPlace).where(
            col(InstitutionPlace.kommune_id) == kommune_id,
            col(InstitutionPlace.institution_id) == institution_id,
        )
    )
    db.flush()
    if not db.exec(
        select(InstitutionAdmission.id).where(InstitutionAdmission.institution_id == institution_id)
    ).first():
        _remove_institution(db, institution)
    db.flush()
    return name


def _remove_institution(db: Session, institution: Institution) -> None:
    """Delete an institution with everything of it: admissions, places, notices, invitations,
    members and the shared inbox. Listings posted as it go out of sight (removed)."""
    institution_id = id_of(institution)
    members = list(
        db.exec(
            select(InstitutionMember.user_id).where(
                InstitutionMember.institution_id == institution_id
            )
        ).all()
    )
    threads = select(InstitutionThread.id).where(InstitutionThread.institution_id == institution_id)
    db.execute(delete(InstitutionMessage).where(col(InstitutionMessage.thread_id).in_(threads)))
    # The admissions through the session: each raises its Kommune's master version (the
    # cached networks drop the institution).
    for admission in db.exec(
        select(InstitutionAdmission).where(InstitutionAdmission.institution_id == institution_id)
    ).all():
        db.delete(admission)
    db.flush()
    for table, column in (
        (InstitutionThread, InstitutionThread.institution_id),
        (InstitutionInvite, InstitutionInvite.institution_id),
        (InstitutionNotice, InstitutionNotice.institution_id),
        (InstitutionPlace, InstitutionPlace.institution_id),
        (InstitutionMember, InstitutionMember.institution_id),
    ):
        db.execute(delete(table).where(col(column) == institution_id))
    db.execute(
        update(Listing)
        .where(
            col(Listing.institution_id) == institution_id,
            col(Listing.status) != ListingStatus.DELETED,
        )
        .values(status=ListingStatus.REMOVED)
    )
    discard_after_commit(db, institution.logo_path)
    db.delete(institution)
    db.flush()
    for user_id in members:
        drop_member_role_if_unused(db, user_id)


def forget_person(db: Session, user_id: int) -> None:
    """Before a person's account is deleted: their conversations with institutions go,
    answers they wrote for an institution stay without them, and an institution they were
    responsible for passes to its longest-standing member (or, with none, is removed)."""
    own_threads = select(InstitutionThread.id).where(InstitutionThread.citizen_id == user_id)
    db.execute(delete(InstitutionMessage).where(col(InstitutionMessage.thread_id).in_(own_threads)))
    db.execute(delete(InstitutionThread).where(col(InstitutionThread.citizen_id) == user_id))
    for table, column in (
        (InstitutionMessage, "sender_id"),
        (InstitutionInvite, "created_by"),
        (InstitutionNotice, "created_by"),
        (InstitutionAdmission, "requested_by"),
    ):
        db.execute(update(table).where(getattr(table, column) == user_id).values({column: None}))
    led = db.exec(select(Institution).where(Institution.responsible_id == user_id)).all()
    db.execute(delete(InstitutionMember).where(col(InstitutionMember.user_id) == user_id))
    db.flush()
    for institution in led:
        successor = db.exec(
            select(InstitutionMember)
            .where(InstitutionMember.institution_id == institution.id)
            .order_by(col(InstitutionMember.joined_at), col(InstitutionMember.id))
        ).first()
        if successor is None:
            _remove_institution(db, institution)
            continue
        successor.is_lead = True
        institution.responsible_id = successor.user_id
        db.add(successor)
        db.add(institution)
    db.flush()


def delete_unconfirmed_institutions(db: Session, *, now: datetime | None = None) -> int:
    """Remove institutions whose responsible person did not confirm their registration
    within its seven days (the registration expires alike). Returns how many."""
    cutoff = (now or utcnow()) - UNCONFIRMED_KEPT
    rows = db.exec(
        select(Institution).where(
            col(Institution.responsible_id).is_(None), col(Institution.created_at) <= cutoff
        )
    ).all()
    for institution in rows:
        _remove_institution(db, institution)
    return len(rows)
