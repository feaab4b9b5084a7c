"""Registration, login and logout."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.emails import check_email, normalise_email
from dasnez_core.errors import InvalidInput, Problems
from dasnez_core.models import Area, Role, User, UserStatus
from dasnez_core.passwords import burn_time, check_password_rules, hash_password, verify_password
from dasnez_core.permissions import Action, can
from dasnez_core.services import registration, sessions
from dasnez_core.services.kommunen import get_area, get_kommune_by_slug
from dasnez_core.services.sessions import actor_for, create_session, revoke_session
from dasnez_core.throttle import (
    LOGIN_FAILURES_PER_ACCOUNT,
    LOGIN_FAILURES_PER_ADDRESS,
    REGISTRATIONS_PER_ADDRESS,
    REGISTRATIONS_PER_EMAIL,
    address_key,
    throttle,
)

PUBLIC_APP = sessions.PUBLIC_APP
ADMIN_APP = sessions.ADMIN_APP

NAME_MIN, NAME_MAX = 2, 80


@dataclass(frozen=True)
class Registration:
    """The answer to a registration form: the same whether or not the address has an account
    (only what the person typed and the Kommune they chose)."""

    kommune_slug: str
    email: str


def clean_text(raw: str) -> str:
    """Strip, fold to NFC and drop control characters (except newlines)."""
    text = unicodedata.normalize("NFC", raw).strip()
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def validate_display_name(raw: str) -> str:
    name = " ".join(clean_text(raw).split())
    if len(name) < NAME_MIN:
        raise InvalidInput("display_name", "display_name.too_short", min=NAME_MIN)
    if len(name) > NAME_MAX:
        raise InvalidInput("display_name", "display_name.too_long", max=NAME_MAX)
    return name


def _registration_area(
    db: Session, kommune_id: int, area_id: int | None, problems: Problems
) -> Area | None:
    """The chosen district or village of the Kommune (a missing one noted in `problems`)."""
    if area_id is None:
        problems.add("area_id", "register.area_required")
        return None
    return problems.check(
        lambda: get_area(db, kommune_id=kommune_id, area_id=area_id, field="area_id")
    )


def register(
    db: Session,
    *,
    kommune_slug: str,
    email: str,
    password: str,
    display_name: str,
    area_id: int | None,
    accept_privacy: bool,
    accept_terms: bool,
    client: str = "",
    shown_versions: tuple[str, str] | None = None,
    birth_date: str | None = None,
    parent_email: str = "",
    out_of_school: bool = False,
) -> Registration:
    """Start a registration in the Kommune by double opt-in; never tells whether the address
    has an account.

    A new address gets a confirmation link by mail; the account (pending, with both consents)
    exists only once the link is opened (`registration.confirm_registration`). An address
    that has an account gets a short warning instead and nothing else changes. Both paths hash
    the password, so neither the answer nor its time tells them apart. `client` is the
    caller's network address (valid submissions are throttled per address and per email).
    `shown_versions` are the privacy notice's and the terms' versions the form linked: if the
    Kommune has published a newer one meanwhile, the person must read that first.
    `birth_date` is what the form's date field holds (None: a caller that does not ask,
    an adult); under 13 nobody registers, under 16 they name a parent's address
    (`parent_email`; 16–17 may, or ask later from their account), and minors say whether
    they are `out_of_school` (dasnez_core.youth_rules).
    """
    kommune = get_kommune_by_slug(db, kommune_slug)
    assert kommune.id is not None
    problems = Problems()
    name = problems.check(lambda: validate_display_name(display_name))
    clean_email = problems.check(lambda: check_email(email))
    problems.check(
        lambda: check_password_rules(password, email=clean_email or "", display_name=name or "")
    )
    area = _registration_area(db, kommune.id, area_id, problems)
    minor = None
    if birth_date is not None:
        minor = problems.check(
            lambda: registration.check_minor(kommune, birth_date, parent_email, clean_email)
        )
    if not accept_privacy:
        problems.add("accept_privacy", "register.privacy_required")
    if not accept_terms:
        problems.add("accept_terms", "register.terms_required")
    current = (kommune.privacy_version, kommune.terms_version)
    if shown_versions is not None and shown_versions != current:
        problems.add("accept_privacy", "consent.outdated_page")
    problems.raise_if_any()
    assert clean_email is not None and name is not None and area is not None
    # Counted once the form is valid: a form with mistakes sends no mail and hashes nothing,
    # and a person correcting several of them must not run out of attempts.
    throttle().attempt(
        (REGISTRATIONS_PER_ADDRESS, address_key(client)),
        (REGISTRATIONS_PER_EMAIL, clean_email),
    )
    password_hash = hash_password(password)
    owner = db.exec(select(User).where(col(User.email) == clean_email)).first()
    if owner is None:
        registration.start_registration(
            db,
            kommune=kommune,
            email=clean_email,
            password_hash=password_hash,
            display_name=name,
            area_id=area.id,
            minor=minor,
            in_school=not out_of_school,
        )
    else:
        registration.warn_owner(db, owner, kommune)
    db.flush()
    return Registration(kommune_slug=kommune.slug, email=clean_email)


@dataclass(frozen=True)
class LoginResult:
    token: str
    actor: Actor
    kommune_slug: str


def _require_both(address: str, password: str) -> None:
    """An empty email or password field is named at once, before any lookup."""
    problems = Problems()
    if not address:
        problems.add("email", "email.required")
    if not password:
        problems.add("password", "login.password_required")
    problems.raise_if_any()


def login(db: Session, *, email: str, password: str, app: str, client: str = "") -> LoginResult:
    """Check the credentials and open a session for `app` ("public" or "admin").

    Failed attempts are counted per email address and per client address (`client`);
    once either counter is full every attempt is refused, the right password too, with
    the time to wait, whether or not the account exists. Success clears the email's count.
    """
    from dasnez_core.models import Kommune

    address = normalise_email(email)
    counters = (
        (LOGIN_FAILURES_PER_ACCOUNT, address),
        (LOGIN_FAILURES_PER_ADDRESS, address_key(client)),
    )
    limiter = throttle()
    limiter.check(*counters)
    _require_both(address, password)
    user = db.exec(select(User).where(User.email == address)).first()
    if user is None:
        burn_time(password)
        limiter.count(*counters)
        raise InvalidInput("credentials", "login.failed")
    if not verify_password(password, user.password_hash):
        limiter.count(*counters)
        raise InvalidInput("credentials", "login.failed")
    limiter.clear(counters[0])
    if user.status == UserStatus.BLOCKED:
        raise InvalidInput("credentials", "login.blocked")
    if user.status in (UserStatus.AWAITING_PARENT, UserStatus.DEACTIVATED):
        # A child whose parent has not consented, or has withdrawn (GDPR Art. 8).
        raise InvalidInput("credentials", f"youth.login_{user.status}")
    actor = actor_for(db, user, app=app)
    kommune = db.get(Kommune, user.kommune_id)
    if (kommune is None or not kommune.active) and Role.PLATFORM_ADMIN not in actor.roles:
        # A Kommune that platform staff deactivated: its data stays, its logins are off.
        raise InvalidInput("credentials", "login.kommune_inactive")
    if app == ADMIN_APP and not can(actor, Action.ENTER_ADMIN_PORTAL):
        raise InvalidInput("credentials", "login.not_admin")
    assert user.id is not None
    token = create_session(db, user.id, app)
    return LoginResult(token=token, actor=actor, kommune_slug=kommune.slug if kommune else "")


def logout(db: Session, token: str | None) -> None:
    if token:
        revoke_session(db, token)
