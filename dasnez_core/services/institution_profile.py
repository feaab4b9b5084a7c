"""Editing an institution's details after registration: name, kind, description, contact,
website, logo, and the Ortsteile and social spaces it serves in each Kommune that admitted
it (or is asked to).

Only its responsible person edits, from the page of a Kommune that admitted it; everyone
else finds no such institution. The checks are registration's own (institutions.check_form,
check_places, check_logo), the handle stays as it is (the page's address and every printed
QR code keep working), and each change is written to the audit log of every Kommune where
the institution is listed, since their admins answer for what their pages show.

A Kommune admin does not edit here: the details are shared by every Kommune that admitted
the institution, and an admin acts on their own Kommune and no other; they decline or ask
the responsible person instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import NotFound, Problems
from dasnez_core.models import (
    AdmissionStatus,
    AuditAction,
    Institution,
    InstitutionAdmission,
    InstitutionPlace,
    Kommune,
    id_of,
)
from dasnez_core.services import audit
from dasnez_core.services.institution_members import lead_of
from dasnez_core.services.institutions import (
    InstitutionForm,
    InstitutionRef,
    check_form,
    check_places,
    same_name,
    set_places,
)
from dasnez_core.services.kommunen import Option, area_options, social_space_options
from dasnez_core.uploads import check_logo, discard_after_commit, store_logo_in

# The admissions whose Kommune lists the institution, or will once it admits it.
_LISTED = (AdmissionStatus.APPROVED, AdmissionStatus.PENDING)


@dataclass(frozen=True)
class KommunePlaces:
    """The places an institution serves in one Kommune, with that Kommune's choices."""

    kommune_id: int
    kommune_name: str
    areas: list[Option]
    spaces: list[Option]
    area_ids: list[int]
    space_ids: list[int]


@dataclass(frozen=True)
class InstitutionDetails:
    """What the edit form shows, filled with the institution's current details."""

    name: str
    kind: str
    description: str
    contact: str
    website: str
    logo: str
    places: list[KommunePlaces]


@dataclass(frozen=True)
class NameTaken:
    """Another institution whose name folds to the wanted one, and the Kommune it is in."""

    ref: InstitutionRef
    kommune_slug: str


def places_field(kommune_id: int) -> str:
    """The suffix of the form fields `area_ids…` / `space_ids…` of one Kommune's places."""
    return f"_{kommune_id}"


def _editable(db: Session, actor: Actor, kommune_id: int, handle: str) -> Institution:
    """The institution `handle`, admitted by `kommune_id`, whose responsible person the
    actor is; NotAllowed/NotFound for everyone else."""
    institution = db.get(Institution, lead_of(db, actor, kommune_id, handle).institution_id)
    if institution is None:
        raise NotFound("institution.not_found")
    return institution


def _listed_in(db: Session, institution_id: int) -> list[Kommune]:
    return list(
        db.exec(
            select(Kommune)
            .join(InstitutionAdmission, col(InstitutionAdmission.kommune_id) == Kommune.id)
            .where(
                InstitutionAdmission.institution_id == institution_id,
                col(InstitutionAdmission.status).in_(_LISTED),
            )
            .order_by(col(Kommune.name), col(Kommune.id))
        ).all()
    )


def _places_of(db: Session, institution_id: int, kommune_id: int) -> tuple[list[int], list[int]]:
    rows = db.exec(
        select(InstitutionPlace.area_id, InstitutionPlace.social_space_id).where(
            InstitutionPlace.kommune_id == kommune_id,
            InstitutionPlace.institution_id == institution_id,
        )
    ).all()
    areas = sorted(a for a, _ in rows if a is not None)
    spaces = sorted(s for _, s in rows if s is not None)
    return areas, spaces


def institution_details(
    db: Session, actor: Actor, kommune_id: int, handle: str
) -> InstitutionDetails:
    """The current details for the edit form (only for the responsible person)."""
    institution = _editable(db, actor, kommune_id, handle)
    institution_id = id_of(institution)
    places = []
    for kommune in _listed_in(db, institution_id):
        kid = id_of(kommune)
        area_ids, space_ids = _places_of(db, institution_id, kid)
        places.append(
            KommunePlaces(
                kid,
                kommune.name,
                area_options(db, kid),
                social_space_options(db, kid),
                area_ids,
                space_ids,
            )
        )
    return InstitutionDetails(
        name=institution.name,
        kind=institution.kind,
        description=institution.description,
        contact=institution.contact,
        website=institution.website,
        logo=institution.logo_path,
        places=places,
    )


def name_taken(db: Session, institution_id: int, name: str) -> NameTaken | None:
    """Another institution in one of this institution's Kommunen whose name folds to the
    same spelling as `name` (registration's rule: one name per Kommune)."""
    for kommune in _listed_in(db, institution_id):
        existing = same_name(db, id_of(kommune), name, exclude_id=institution_id)
        if existing is not None:
            return NameTaken(existing, kommune.slug)
    return None


def update_institution(
    db: Session,
    actor: Actor,
    kommune_id: int,
    handle: str,
    form: InstitutionForm,
    places: Mapping[int, tuple[Sequence[int], Sequence[int]]],
    *,
    logo: bytes = b"",
    logo_name: str = "",
    remove_logo: bool = False,
) -> InstitutionRef:
    """Change the details of the institution `handle` (seen from `kommune_id`).

    `places` maps a Kommune id to the (area ids, social space ids) served there; a Kommune
    left out keeps its places, and one that does not list the institution is NotFound. A new
    `logo` replaces the old one, `remove_logo` drops it. Every problem is reported per field
    at once, and nothing is written unless all is well.
    """
    institution = _editable(db, actor, kommune_id, handle)
    institution_id = id_of(institution)
    listed = {id_of(k): k for k in _listed_in(db, institution_id)}
    if any(kid not in listed for kid in places):
        raise NotFound("institution.not_found")
    problems = Problems()
    checked = check_form(db, kommune_id, replace(form, area_ids=(), space_ids=()), problems)
    chosen: dict[int, tuple[list[int], list[int]]] = {}
    for kid, (area_ids, space_ids) in places.items():
        chosen[kid] = check_places(db, kid, area_ids, space_ids, problems, suffix=places_field(kid))
    if logo:
        problems.check(lambda: check_logo(logo))
    if not problems.has("name"):
        taken = name_taken(db, institution_id, checked.name)
        if taken is not None:
            problems.add("name", "institution.name_exists", name=taken.ref.name)
    problems.raise_if_any()

    changed = [
        field
        for field, value in (
            ("name", checked.name),
            ("kind", checked.kind),
            ("description", checked.description),
            ("contact", checked.contact),
            ("website", checked.website),
        )
        if getattr(institution, field) != value
    ]
    institution.name, institution.kind = checked.name, checked.kind
    institution.description, institution.contact = checked.description, checked.contact
    institution.website = checked.website
    if logo or (remove_logo and institution.logo_path):
        discard_after_commit(db, institution.logo_path)
        institution.logo_path = store_logo_in(db, logo, logo_name) if logo else ""
        changed.append("logo")
    db.add(institution)
    places_changed = {
        kid for kid, wanted in chosen.items() if _places_of(db, institution_id, kid) != wanted
    }
    for kid in places_changed:
        set_places(db, kid, institution_id, *chosen[kid])
    for kid in listed:
        fields = changed + (["places"] if kid in places_changed else [])
        if fields:
            audit.record(
                db,
                actor,
                action=AuditAction.UPDATE_INSTITUTION,
                target_type="institution",
                target_id=institution_id,
                kommune_id=kid,
                reason=", ".join(fields),
            )
    db.flush()
    return InstitutionRef(institution.name, institution.handle, institution.kind)
