"""Demand from towns not on dasnez yet: "Ihre Kommune ist noch nicht dabei."

A person leaves an address, a postcode and as whom they write (citizen, administration,
institution). Double opt-in: the form answers the same in every case and mails a link;
only a confirmed sign-up counts as demand. Platform staff read the demand per postcode and
per Kreis. When a Kommune with the postcode goes live (dasnez_core.services.onboarding),
every confirmed sign-up there is mailed once. Every sign-up is deleted 12 months after it
was made (unconfirmed ones after 7 days): `delete_expired_signups`, run by
`python -m dasnez_core.cli interest-cleanup`.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_
from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.config import load_settings
from dasnez_core.emails import check_email
from dasnez_core.errors import InvalidInput, Problems
from dasnez_core.mail import compose, queue
from dasnez_core.models import InterestRole, InterestSignup, Kommune, utcnow
from dasnez_core.permissions import Action, require
from dasnez_core.services.masterdata import clean_optional
from dasnez_core.services.sessions import hash_token
from dasnez_core.throttle import INTEREST_PER_ADDRESS, address_key, throttle

CONFIRM_VALID = timedelta(days=7)
KEPT = timedelta(days=365)
# More confirmation mails than this per address and day are not sent (a stranger's mailbox).
MAILS_PER_DAY = 3
ROLES: tuple[str, ...] = tuple(r.value for r in InterestRole)
_POSTCODE = re.compile(r"[0-9]{5}")
_KREIS_PREFIX = re.compile(r"^(kreis|landkreis|lk|rhein-kreis)\s+", re.IGNORECASE)
DEMAND_ROWS = 200


def clean_kreis(raw: str) -> str:
    """ "Kreis Paderborn" and "paderborn" both count as "Paderborn"."""
    text = clean_optional(raw, "kreis", 120)
    text = _KREIS_PREFIX.sub("", text).strip()
    return text[:1].upper() + text[1:] if text else ""


def signup_interest(
    db: Session,
    *,
    email: str,
    postcode: str,
    role: str,
    kreis: str = "",
    lang: str = "de",
    client: str = "",
) -> str:
    """Keep a sign-up and mail its confirmation link; returns the cleaned address.

    The answer never says whether the address signed up before: a repeat within a day
    sends nothing more, a confirmed one for the same postcode is not doubled."""
    problems = Problems()
    address = problems.check(lambda: check_email(email))
    code = postcode.strip()
    if not _POSTCODE.fullmatch(code):
        problems.add("postcode", "interest.postcode_invalid")
    if role not in ROLES:
        problems.add("role", "interest.role_required")
    kreis_name = problems.check(lambda: clean_kreis(kreis))
    problems.raise_if_any()
    assert address is not None and kreis_name is not None
    throttle().attempt((INTEREST_PER_ADDRESS, address_key(client)))
    now = utcnow()
    recent = db.exec(
        select(func.count()).where(
            col(InterestSignup.email) == address,
            col(InterestSignup.created_at) > now - timedelta(days=1),
        )
    ).one()
    confirmed_here = db.exec(
        select(InterestSignup.id).where(
            InterestSignup.email == address,
            InterestSignup.postcode == code,
            col(InterestSignup.confirmed_at).is_not(None),
            col(InterestSignup.notified_at).is_(None),
        )
    ).first()
    if recent >= MAILS_PER_DAY or confirmed_here is not None:
        return address
    token = secrets.token_urlsafe(32)
    db.add(
        InterestSignup(
            email=address,
            postcode=code,
            kreis=kreis_name,
            role=role,
            language="en" if lang == "en" else "de",
            token_hash=hash_token(token),
            created_at=now,
        )
    )
    queue(
        db,
        compose(
            address,
            lang,
            "mail.interest_confirm",
            postcode=code,
            token=token,
            days=CONFIRM_VALID.days,
        ),
    )
    db.flush()
    return address


@dataclass(frozen=True)
class ConfirmedInterest:
    postcode: str
    # The live Kommune at that postcode, if there is one already (name, slug).
    kommune_name: str = ""
    kommune_slug: str = ""


def _live_kommune_at(db: Session, postcode: str) -> Kommune | None:
    from dasnez_core.services.onboarding import postcode_set

    candidates = db.exec(
        select(Kommune).where(
            col(Kommune.active),
            col(Kommune.live_since).is_not(None),
            col(Kommune.postcodes).contains(postcode),
        )
    ).all()
    return next((k for k in candidates if postcode in postcode_set(k.postcodes)), None)


def confirm_interest(db: Session, token: str) -> ConfirmedInterest:
    """Confirm the sign-up of a mailed link (opening it twice is fine)."""
    if not token or len(token) > 200:
        raise InvalidInput("token", "interest.token_invalid")
    row = db.exec(
        select(InterestSignup).where(InterestSignup.token_hash == hash_token(token))
    ).first()
    if row is None:
        raise InvalidInput("token", "interest.token_invalid")
    if row.confirmed_at is None:
        if row.created_at.replace(tzinfo=None) + CONFIRM_VALID <= utcnow().replace(tzinfo=None):
            raise InvalidInput("token", "interest.token_expired")
        row.confirmed_at = utcnow()
        db.add(row)
        db.flush()
    live = _live_kommune_at(db, row.postcode)
    return ConfirmedInterest(
        postcode=row.postcode,
        kommune_name=live.name if live else "",
        kommune_slug=live.slug if live else "",
    )


def notify_kommune_live(db: Session, kommune: Kommune) -> int:
    """Mail every confirmed sign-up at one of the Kommune's postcodes that has not been
    told yet (called in go-live's transaction, so the mails leave only if it commits)."""
    from dasnez_core.services.onboarding import postcode_set

    codes = postcode_set(kommune.postcodes)
    if not codes:
        return 0
    rows = db.exec(
        select(InterestSignup).where(
            col(InterestSignup.postcode).in_(sorted(codes)),
            col(InterestSignup.confirmed_at).is_not(None),
            col(InterestSignup.notified_at).is_(None),
        )
    ).all()
    now = utcnow()
    public = load_settings().public_url
    for row in rows:
        row.notified_at = now
        db.add(row)
        queue(
            db,
            compose(
                row.email,
                row.language,
                "mail.interest_live",
                kommune=kommune.name,
                link=f"{public}/k/{kommune.slug}",
            ),
        )
    return len(rows)


def delete_expired_signups(db: Session, now: datetime | None = None) -> int:
    """Delete sign-ups older than 12 months, and unconfirmed ones older than 7 days.
    Returns how many (the log gets the count, never an address)."""
    moment = now or utcnow()
    result = db.execute(
        delete(InterestSignup).where(
            or_(
                col(InterestSignup.created_at) < moment - KEPT,
                and_(
                    col(InterestSignup.confirmed_at).is_(None),
                    col(InterestSignup.created_at) < moment - CONFIRM_VALID,
                ),
            )
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


# --- demand as platform staff read it -------------------------------------------------------


@dataclass(frozen=True)
class DemandRow:
    """Confirmed sign-ups still waiting, of one postcode or one Kreis."""

    key: str
    kreis: str
    total: int
    citizens: int
    administration: int
    institutions: int


@dataclass(frozen=True)
class Demand:
    by_postcode: list[DemandRow]
    by_kreis: list[DemandRow]
    waiting: int
    unconfirmed: int
    notified: int


def _kreis_of_postcodes(db: Session) -> dict[str, str]:
    """The Kreis of every postcode a Kommune on the platform lists (its neighbours' Kreis
    for a sign-up that named none)."""
    from dasnez_core.services.onboarding import postcode_set

    known: dict[str, str] = {}
    for postcodes, kreis in db.exec(
        select(Kommune.postcodes, Kommune.kreis).where(Kommune.kreis != "")
    ).all():
        for code in postcode_set(postcodes):
            known.setdefault(code, kreis)
    return known


def interest_demand(db: Session, actor: Actor, kreis: str = "") -> Demand:
    """Waiting demand per postcode and per Kreis, from grouped counts; `kreis` narrows it."""
    require(actor, Action.MANAGE_KOMMUNEN)
    waiting = and_(
        col(InterestSignup.confirmed_at).is_not(None), col(InterestSignup.notified_at).is_(None)
    )
    rows = db.exec(
        select(InterestSignup.postcode, InterestSignup.kreis, InterestSignup.role, func.count())
        .where(waiting)
        .group_by(col(InterestSignup.postcode), col(InterestSignup.kreis), col(InterestSignup.role))
    ).all()
    known = _kreis_of_postcodes(db)
    wanted = clean_kreis(kreis).casefold() if kreis.strip() else ""
    per_code: dict[str, dict[str, object]] = {}
    for postcode, typed_kreis, role, n in rows:
        entry = per_code.setdefault(postcode, {"kreis": "", "roles": {}})
        if typed_kreis and not entry["kreis"]:
            entry["kreis"] = typed_kreis
        roles: dict[str, int] = entry["roles"]  # type: ignore[assignment]
        roles[role] = roles.get(role, 0) + int(n)
    by_postcode: list[DemandRow] = []
    per_kreis: dict[str, dict[str, int]] = {}
    for postcode, entry in per_code.items():
        roles = entry["roles"]  # type: ignore[assignment]
        kreis_name = str(entry["kreis"]) or known.get(postcode, "")
        if wanted and kreis_name.casefold() != wanted:
            continue
        by_postcode.append(_row(postcode, kreis_name, roles))
        bucket = per_kreis.setdefault(kreis_name, {})
        for role, n in roles.items():
            bucket[role] = bucket.get(role, 0) + n
    by_postcode.sort(key=lambda r: (-r.total, r.key))
    by_kreis = sorted(
        (_row(name, name, roles) for name, roles in per_kreis.items()),
        key=lambda r: (-r.total, r.key),
    )
    counts = db.exec(
        select(
            func.count(col(InterestSignup.confirmed_at)),
            func.count(col(InterestSignup.notified_at)),
            func.count(),
        )
    ).one()
    return Demand(
        by_postcode=by_postcode[:DEMAND_ROWS],
        by_kreis=by_kreis[:DEMAND_ROWS],
        waiting=sum(r.total for r in by_postcode),
        unconfirmed=int(counts[2]) - int(counts[0]),
        notified=int(counts[1]),
    )


def _row(key: str, kreis: str, roles: dict[str, int]) -> DemandRow:
    return DemandRow(
        key=key,
        kreis=kreis,
        total=sum(roles.values()),
        citizens=roles.get(InterestRole.CITIZEN.value, 0),
        administration=roles.get(InterestRole.ADMINISTRATION.value, 0),
        institutions=roles.get(InterestRole.INSTITUTION.value, 0),
    )
