"""A new Kommune, set up by platform staff in one go; switching it live; deactivating it.

`create_kommune` checks every value of the wizard at once (each problem under its field)
and writes the Kommune, its exchanges, the categories of the templates, the Ortsteile that
the preview accepted and the first admin's invitation in one transaction: nothing is half
created. The new Kommune is not live: its public page says "bald verfügbar", it is not
listed or searchable and nobody can register, until platform staff switch it live
(`go_live`), which also mails the people who asked to hear of it
(dasnez_core.services.interest). A deactivated Kommune keeps every row, but nobody of it
can log in any more (platform staff excepted).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.emails import check_email
from dasnez_core.errors import InvalidInput, NotFound, Problems
from dasnez_core.kommune_templates import CATEGORY_TEMPLATES
from dasnez_core.models import (
    Area,
    AreaKind,
    AuditAction,
    Category,
    Exchange,
    ExchangeType,
    Kommune,
    Role,
    RoleGrant,
    User,
    UserSession,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit
from dasnez_core.services.admin_invites import grant_admin
from dasnez_core.services.auth import clean_text, validate_display_name
from dasnez_core.services.masterdata import clean_name, clean_optional
from dasnez_core.services.transitions import already_done, done_by, locked_one
from dasnez_core.uploads import check_logo, store_logo_in

SLUG_MIN, SLUG_MAX = 3, 64
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Addresses the public app uses below its root or that would confuse people.
RESERVED_SLUGS = frozenset({"admin", "api", "neu", "new", "test", "www", "static", "k"})
POSTCODES_MAX = 30
AREA_LINES_MAX = 500
AREA_NAME_MAX = 120
REASON_MIN, REASON_MAX = 5, 1000
_PHONE = re.compile(r"[0-9 +()/\-]*")
_POSTCODE = re.compile(r"[0-9]{5}")


# --- Ortsteile: the pasted list and its preview ---------------------------------------------


class AreaLineStatus:
    """What the preview says of a line; only OK lines are imported."""

    OK = "ok"
    DUPLICATE = "duplicate"
    NO_DISTRICT = "no_district"
    TOO_LONG = "too_long"
    HEADER = "header"


@dataclass(frozen=True)
class AreaLine:
    """One line of the pasted Ortsteile as the preview shows it."""

    line: int
    district: str
    village: str
    status: str

    @property
    def imported(self) -> bool:
        return self.status == AreaLineStatus.OK


@dataclass(frozen=True)
class AreaPreview:
    lines: list[AreaLine]
    districts: int
    villages: int
    skipped: int


def _cells(raw_line: str) -> list[str]:
    """A CSV line split at ";" (German spreadsheets), else at a tab or a comma."""
    for separator in (";", "\t", ","):
        if separator in raw_line:
            return [
                " ".join(clean_text(c).strip().strip('"').split())
                for c in raw_line.split(separator)
            ]
    return [" ".join(clean_text(raw_line).strip().strip('"').split())]


def preview_areas(text: str) -> AreaPreview:
    """Read Ortsteile pasted as a list (one district a line) or as CSV "Bezirk; Dorf".

    A village line names its district; a district line alone (or "Bezirk;") adds a
    district, and a village's district is added with it. Shown but not imported: a line
    repeated (same district and village, in any case), a village without a district
    ("; Dorf"), a name longer than 120 characters, and a header line "Bezirk; Dorf".
    """
    lines: list[AreaLine] = []
    seen: set[tuple[str, str]] = set()
    districts: set[str] = set()
    villages = 0
    for number, raw in enumerate(text.splitlines()[:AREA_LINES_MAX], start=1):
        if not raw.strip():
            continue
        cells = [*_cells(raw), "", ""]
        district, village = cells[0], cells[1]
        if not district and not village:
            continue
        key = (district.casefold(), village.casefold())
        if number == 1 and key in {
            ("bezirk", "dorf"),
            ("ortsteil", "dorf"),
            ("bezirk", "ortsteil"),
        }:
            status = AreaLineStatus.HEADER
        elif not district:
            status = AreaLineStatus.NO_DISTRICT
        elif len(district) > AREA_NAME_MAX or len(village) > AREA_NAME_MAX:
            status = AreaLineStatus.TOO_LONG
        elif key in seen or (not village and key[0] in districts and (key[0], "") in seen):
            status = AreaLineStatus.DUPLICATE
        else:
            status = AreaLineStatus.OK
            seen.add(key)
            districts.add(key[0])
            villages += 1 if village else 0
        lines.append(AreaLine(number, district, village, status))
    skipped = sum(1 for line in lines if not line.imported)
    return AreaPreview(lines=lines, districts=len(districts), villages=villages, skipped=skipped)


def _import_areas(db: Session, kommune_id: int, preview: AreaPreview) -> None:
    """The preview's accepted lines as districts with their villages."""
    by_name: dict[str, Area] = {}
    for line in preview.lines:
        if not line.imported:
            continue
        key = line.district.casefold()
        district = by_name.get(key)
        if district is None:
            district = Area(kommune_id=kommune_id, kind=AreaKind.DISTRICT, name=line.district)
            db.add(district)
            db.flush()
            by_name[key] = district
        if line.village:
            db.add(
                Area(
                    kommune_id=kommune_id,
                    parent_id=id_of(district),
                    kind=AreaKind.VILLAGE,
                    name=line.village,
                )
            )


# --- the wizard -----------------------------------------------------------------------------


@dataclass(frozen=True)
class KommuneDraft:
    """What the wizard asks for, as typed."""

    name: str
    slug: str
    postcodes: str
    kreis: str = ""
    federal_state: str = "Nordrhein-Westfalen"
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_address: str = ""
    admin_email: str = ""
    admin_name: str = ""
    areas: str = ""
    exchanges: tuple[str, ...] = ()
    # The exchanges whose template categories are copied (a subset of `exchanges`).
    category_templates: tuple[str, ...] = ()
    logo: bytes = b""
    logo_name: str = ""


@dataclass(frozen=True)
class CreatedKommune:
    kommune_id: int
    slug: str
    name: str
    districts: int
    villages: int
    categories: int
    admin_email: str


def clean_slug(raw: str) -> str:
    """A web address part: lower-case letters, digits and single hyphens, 3–64 long."""
    slug = raw.strip().lower()
    if not slug:
        raise InvalidInput("slug", "onboard.slug_required")
    if not SLUG_MIN <= len(slug) <= SLUG_MAX or not _SLUG.fullmatch(slug):
        raise InvalidInput("slug", "onboard.slug_invalid", min=SLUG_MIN, max=SLUG_MAX)
    if slug in RESERVED_SLUGS:
        raise InvalidInput("slug", "onboard.slug_reserved", slug=slug)
    return slug


def clean_postcodes(raw: str) -> str:
    """German postcodes (five digits), separated by commas, semicolons or spaces; every
    piece that is none is named in the message. Stored as "33129, 33130"."""
    pieces = [p for p in re.split(r"[\s,;]+", raw.strip()) if p]
    if not pieces:
        raise InvalidInput("postcodes", "onboard.postcodes_required")
    bad = [p for p in pieces if not _POSTCODE.fullmatch(p)]
    if bad:
        shown = ", ".join(f"„{p[:12]}“" for p in bad[:5])
        raise InvalidInput("postcodes", "onboard.postcodes_invalid", bad=shown)
    unique = list(dict.fromkeys(pieces))
    if len(unique) > POSTCODES_MAX:
        raise InvalidInput("postcodes", "onboard.postcodes_too_many", max=POSTCODES_MAX)
    return ", ".join(unique)


def postcode_set(stored: str) -> set[str]:
    """The postcodes of a Kommune's `postcodes` column."""
    return {p for p in re.split(r"[\s,;]+", stored) if _POSTCODE.fullmatch(p)}


def _slug_taken(db: Session, slug: str) -> bool:
    return db.exec(select(Kommune.id).where(Kommune.slug == slug)).first() is not None


def _check_draft(db: Session, draft: KommuneDraft) -> dict[str, object]:
    """Every value of the wizard checked; all problems raised at once."""
    problems = Problems()
    values: dict[str, object] = {}
    values["name"] = problems.check(lambda: clean_name(draft.name, "name", 120))
    slug = problems.check(lambda: clean_slug(draft.slug))
    if slug is not None and _slug_taken(db, slug):
        problems.add("slug", "onboard.slug_taken", slug=slug)
    values["slug"] = slug
    values["postcodes"] = problems.check(lambda: clean_postcodes(draft.postcodes))
    values["kreis"] = problems.check(lambda: clean_optional(draft.kreis, "kreis", 120))
    values["federal_state"] = problems.check(
        lambda: clean_optional(draft.federal_state, "federal_state", 60)
    )
    values["contact_name"] = problems.check(
        lambda: clean_optional(draft.contact_name, "contact_name", 200)
    )
    if not draft.contact_email.strip():
        problems.add("contact_email", "masterdata.contact_email_required")
    else:
        values["contact_email"] = problems.check(
            lambda: check_email(draft.contact_email, "contact_email")
        )
    phone = problems.check(lambda: clean_optional(draft.contact_phone, "contact_phone", 60))
    if phone is not None and not _PHONE.fullmatch(phone):
        problems.add("contact_phone", "masterdata.phone_invalid")
    values["contact_phone"] = phone
    values["contact_address"] = problems.check(
        lambda: clean_optional(draft.contact_address, "contact_address", 300)
    )
    admin_email = problems.check(lambda: check_email(draft.admin_email, "admin_email"))
    if admin_email is not None and (
        db.exec(select(User.id).where(User.email == admin_email)).first() is not None
    ):
        problems.add("admin_email", "onboard.admin_has_account")
    values["admin_email"] = admin_email
    values["admin_name"] = problems.check(lambda: _admin_name(draft.admin_name))
    wanted = [t for t in ExchangeType if t.value in draft.exchanges]
    if not wanted:
        problems.add("exchanges", "masterdata.exchange_required")
    values["exchanges"] = wanted
    if draft.logo:
        problems.check(lambda: check_logo(draft.logo))
    problems.raise_if_any()
    return values


def _admin_name(raw: str) -> str:
    try:
        return validate_display_name(raw)
    except InvalidInput as exc:
        raise InvalidInput("admin_name", exc.key, **exc.params) from None


def create_kommune(db: Session, actor: Actor, draft: KommuneDraft) -> CreatedKommune:
    """Create the Kommune of the wizard, not yet live (see module doc)."""
    require(actor, Action.CREATE_KOMMUNE)
    values = _check_draft(db, draft)
    kommune = Kommune(
        slug=str(values["slug"]),
        name=str(values["name"]),
        postcodes=str(values["postcodes"]),
        kreis=str(values["kreis"]),
        federal_state=str(values["federal_state"]),
        contact_name=str(values["contact_name"]),
        contact_email=str(values["contact_email"]),
        contact_phone=str(values["contact_phone"]),
        contact_address=str(values["contact_address"]),
    )
    try:
        with db.begin_nested():
            db.add(kommune)
            db.flush()
    except IntegrityError:
        # Two platform staff taking the same address at once: the second is told.
        raise InvalidInput("slug", "onboard.slug_taken", slug=kommune.slug) from None
    kommune_id = id_of(kommune)
    # Not live until platform staff say so. Set after the insert: the column's default
    # (live at once, for Kommunen made any other way) fills a None given to the insert.
    kommune.live_since = None
    db.add(kommune)
    if draft.logo:
        kommune.logo_path = store_logo_in(db, draft.logo, draft.logo_name)
        db.add(kommune)
    wanted: Sequence[ExchangeType] = values["exchanges"]  # type: ignore[assignment]
    categories = 0
    for ex_type in ExchangeType:
        exchange = Exchange(kommune_id=kommune_id, type=ex_type.value, enabled=ex_type in wanted)
        db.add(exchange)
        db.flush()
        if ex_type in wanted and ex_type.value in draft.category_templates:
            for name, name_en in CATEGORY_TEMPLATES[ex_type]:
                db.add(
                    Category(
                        kommune_id=kommune_id,
                        exchange_id=id_of(exchange),
                        name=name,
                        name_en=name_en,
                    )
                )
                categories += 1
    preview = preview_areas(draft.areas)
    _import_areas(db, kommune_id, preview)
    audit.record(
        db,
        actor,
        action=AuditAction.CREATE_KOMMUNE,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
    )
    invited = grant_admin(
        db,
        actor,
        kommune_id,
        email=str(values["admin_email"]),
        display_name=str(values["admin_name"]),
    )
    db.flush()
    return CreatedKommune(
        kommune_id=kommune_id,
        slug=kommune.slug,
        name=kommune.name,
        districts=preview.districts,
        villages=preview.villages,
        categories=categories,
        admin_email=invited.email,
    )


# --- the Kommunen as platform staff manage them ---------------------------------------------


class KommuneState:
    """Where a Kommune stands (the value is the catalog key suffix onboard.state.<value>)."""

    SETUP = "setup"
    LIVE = "live"
    INACTIVE = "inactive"


def state_of(kommune: Kommune) -> str:
    if not kommune.active:
        return KommuneState.INACTIVE
    return KommuneState.LIVE if kommune.live_since is not None else KommuneState.SETUP


def _locked_kommune(db: Session, kommune_id: int) -> Kommune:
    kommune = locked_one(db, Kommune, col(Kommune.id) == kommune_id)
    if kommune is None:
        raise NotFound("kommune.not_found")
    return kommune


def _who_did(db: Session, kommune_id: int, action: AuditAction) -> str:
    return done_by(
        db,
        kommune_id=kommune_id,
        target_type="kommune",
        target_id=kommune_id,
        actions=(action,),
    )


@dataclass(frozen=True)
class GoLiveResult:
    name: str
    slug: str
    notified: int = field(default=0)


def go_live(db: Session, actor: Actor, kommune_id: int) -> GoLiveResult:
    """Switch a Kommune that is being set up live: listed, searchable, open to register.
    It needs an admin and at least one category of a switched-on exchange. The people
    who asked to hear of a Kommune at one of its postcodes are mailed (once)."""
    from dasnez_core.services.interest import notify_kommune_live

    require(actor, Action.MANAGE_KOMMUNEN)
    kommune = _locked_kommune(db, kommune_id)
    if not kommune.active:
        raise InvalidInput("kommune", "onboard.live_inactive", name=kommune.name)
    if kommune.live_since is not None:
        by = _who_did(db, kommune_id, AuditAction.KOMMUNE_LIVE)
        raise already_done(
            "kommune", "onboard.live_by", by, "onboard.live_already", name=kommune.name
        )
    has_admin = db.exec(
        select(RoleGrant.id).where(
            RoleGrant.role == Role.KOMMUNE_ADMIN, RoleGrant.kommune_id == kommune_id
        )
    ).first()
    if has_admin is None:
        raise InvalidInput("kommune", "onboard.live_needs_admin", name=kommune.name)
    has_category = db.exec(
        select(Category.id)
        .join(Exchange, col(Exchange.id) == Category.exchange_id)
        .where(
            Category.kommune_id == kommune_id,
            col(Category.active),
            col(Exchange.enabled),
        )
    ).first()
    if has_category is None:
        raise InvalidInput("kommune", "onboard.live_needs_category", name=kommune.name)
    kommune.live_since = utcnow()
    db.add(kommune)
    audit.record(
        db,
        actor,
        action=AuditAction.KOMMUNE_LIVE,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
    )
    notified = notify_kommune_live(db, kommune)
    db.flush()
    return GoLiveResult(name=kommune.name, slug=kommune.slug, notified=notified)


def _reason(raw: str) -> str:
    text = " ".join(clean_text(raw).split())
    if len(text) < REASON_MIN:
        raise InvalidInput("reason", "moderation.reason_required", min=REASON_MIN)
    if len(text) > REASON_MAX:
        raise InvalidInput("reason", "moderation.reason_too_long", max=REASON_MAX)
    return text


def deactivate_kommune(db: Session, actor: Actor, kommune_id: int, reason: str) -> str:
    """Switch a Kommune off: its pages answer "not found", nobody of it logs in any more
    (open sessions end now; platform staff living there keep theirs), every row stays.
    Returns the Kommune's name."""
    require(actor, Action.MANAGE_KOMMUNEN)
    text = _reason(reason)
    kommune = _locked_kommune(db, kommune_id)
    if not kommune.active:
        by = _who_did(db, kommune_id, AuditAction.DEACTIVATE_KOMMUNE)
        raise already_done(
            "kommune", "onboard.inactive_by", by, "onboard.inactive_already", name=kommune.name
        )
    kommune.active = False
    db.add(kommune)
    staff = select(RoleGrant.user_id).where(RoleGrant.role == Role.PLATFORM_ADMIN)
    members = select(User.id).where(User.kommune_id == kommune_id, col(User.id).not_in(staff))
    db.execute(
        update(UserSession)
        .where(col(UserSession.user_id).in_(members), col(UserSession.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    audit.record(
        db,
        actor,
        action=AuditAction.DEACTIVATE_KOMMUNE,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
        reason=text,
    )
    db.flush()
    return kommune.name


def reactivate_kommune(db: Session, actor: Actor, kommune_id: int) -> str:
    """Switch a deactivated Kommune on again (as it was: live or still being set up)."""
    require(actor, Action.MANAGE_KOMMUNEN)
    kommune = _locked_kommune(db, kommune_id)
    if kommune.active:
        by = _who_did(db, kommune_id, AuditAction.REACTIVATE_KOMMUNE)
        raise already_done(
            "kommune", "onboard.active_by", by, "onboard.active_already", name=kommune.name
        )
    kommune.active = True
    db.add(kommune)
    audit.record(
        db,
        actor,
        action=AuditAction.REACTIVATE_KOMMUNE,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
    )
    db.flush()
    return kommune.name
