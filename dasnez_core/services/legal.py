"""A Kommune's legal texts: Impressum, privacy notice, terms and accessibility statement,
plus the Leichte-Sprache page and the sign-language video (BITV 2.0 § 4).

Each text starts as a shipped German template (version 1) that names the Kommune from its
profile and marks what the admin must fill in with "[Bitte ergänzen: …]". Publishing stores
a new version and keeps every earlier one; a new privacy notice or terms version makes
every member consent again (`services.consent`). Bodies are plain text with a tiny
Markdown subset (`blocks`), shown as text: no HTML from an admin ever reaches a page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template

from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.config import Settings, load_settings
from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.formatting import format_date
from dasnez_core.models import AuditAction, Kommune, LegalKind, LegalText, id_of
from dasnez_core.services import audit
from dasnez_core.services.auth import clean_text
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.masterdata import clean_url, require_admin

KINDS: tuple[LegalKind, ...] = tuple(LegalKind)
# The two texts a person consents to: a new version asks everybody again.
CONSENT_KINDS = frozenset({LegalKind.PRIVACY, LegalKind.TERMS})
TEMPLATE_VERSION = 1
BODY_MIN, BODY_MAX = 20, 60_000
TODO = "[Bitte ergänzen: {what}]"
_TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "legal"
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
_EASY = "easy"


@dataclass(frozen=True)
class Responsible:
    """Who a template names as the responsible body: a Kommune, or the platform's operator."""

    name: str
    contact_name: str
    address: str
    phone: str
    email: str
    federal_state: str


@dataclass(frozen=True)
class LegalDocument:
    """One version of a text as a page shows it."""

    kind: str
    version: int
    body: str
    published_at: str  # "" for the template
    is_template: bool
    latest: bool


@dataclass(frozen=True)
class LegalBlock:
    """A piece of a rendered text: `h2`, `h3`, `p`, `todo` (a paragraph still holding a
    placeholder), `link` (a line that is only a https address) or `ul` (with `points`)."""

    kind: str
    text: str = ""
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class VersionRow:
    version: int
    published_at: str


def _todo(what: str) -> str:
    return TODO.format(what=what)


def kommune_responsible(kommune: Kommune) -> Responsible:
    return Responsible(
        name=kommune.name,
        contact_name=kommune.contact_name or _todo("zuständige Stelle oder Ansprechperson"),
        address=kommune.contact_address or _todo("Anschrift"),
        phone=kommune.contact_phone or _todo("Telefonnummer"),
        email=kommune.contact_email or _todo("E-Mail-Adresse"),
        federal_state=kommune.federal_state or _todo("Bundesland"),
    )


def platform_responsible(settings: Settings | None = None) -> Responsible:
    s = settings or load_settings()
    return Responsible(
        name=s.operator_name or _todo("Name des Plattformbetriebs"),
        contact_name="",
        address=s.operator_address or _todo("Anschrift"),
        phone=s.operator_phone or _todo("Telefonnummer"),
        email=s.operator_email or _todo("E-Mail-Adresse"),
        federal_state=_todo("Bundesland"),
    )


def fill_template(name: str, who: Responsible, periods: Mapping[str, int] | None = None) -> str:
    """A shipped template with `who` filled in, and the retention periods (`periods`, by
    kind; the platform's defaults where not given) as `$retention_<kind>`."""
    from dasnez_core.services.retention import KINDS

    days = {kind.key: kind.default for kind in KINDS} | dict(periods or {})
    raw = (_TEMPLATES / f"{name}.md").read_text("utf-8")
    text = Template(raw).safe_substitute(
        {f"retention_{key}": str(value) for key, value in days.items()},
        name=who.name,
        contact_name=who.contact_name,
        address=who.address,
        phone=who.phone,
        email=who.email,
        federal_state=who.federal_state,
    )
    return text


def template(kind: LegalKind, who: Responsible, periods: Mapping[str, int] | None = None) -> str:
    return fill_template(kind.value, who, periods)


def easy_language(who: Responsible, *, platform: bool) -> str:
    """The Leichte-Sprache text of a Kommune's site or of the platform's landing page."""
    if platform:
        return fill_template(f"{_EASY}_platform", who)
    plain = Responsible(
        name=who.name,
        contact_name=_known(who.contact_name),
        address=_known(who.address),
        phone=_known(who.phone),
        email=_known(who.email),
        federal_state=who.federal_state,
    )
    return fill_template(f"{_EASY}_kommune", plain)


def _known(value: str) -> str:
    """A contact detail, or nothing if it is still a placeholder (Leichte Sprache shows
    no placeholder: its reader cannot fill it in)."""
    return "" if value.startswith("[Bitte ergänzen") else value


def parse_kind(raw: str) -> LegalKind:
    try:
        return LegalKind(str(raw)[:20])
    except ValueError:
        raise NotFound() from None


def _rows(db: Session, kommune_id: int, kind: LegalKind) -> list[LegalText]:
    return list(
        db.exec(
            select(LegalText)
            .where(LegalText.kommune_id == kommune_id, LegalText.kind == kind.value)
            .order_by(col(LegalText.version).desc())
        ).all()
    )


def _number(text: str) -> int:
    return int(text) if text.isdigit() and len(text) < 9 else TEMPLATE_VERSION


def _kommune_version(kommune: Kommune, kind: LegalKind) -> int:
    if kind == LegalKind.PRIVACY:
        return _number(kommune.privacy_version)
    if kind == LegalKind.TERMS:
        return _number(kommune.terms_version)
    return TEMPLATE_VERSION


def get_text(
    db: Session, kommune: Kommune, kind: LegalKind, version: int | None = None, lang: str = "de"
) -> LegalDocument:
    """The text of `kind` anybody may read: the latest, or the asked `version` (so a
    consent box links exactly what a person accepts). The template is version 1 (or the
    Kommune's version number while it has published nothing of its own)."""
    rows = _rows(db, id_of(kommune), kind)
    latest = rows[0].version if rows else _kommune_version(kommune, kind)
    wanted = latest if version is None else version
    row = next((r for r in rows if r.version == wanted), None)
    if row is not None:
        when = format_date(row.published_at, lang)
        return LegalDocument(kind.value, row.version, row.body, when, False, wanted == latest)
    if wanted == TEMPLATE_VERSION or (not rows and wanted == latest):
        from dasnez_core.services.retention import periods_of

        body = template(kind, kommune_responsible(kommune), periods_of(db, id_of(kommune)))
        return LegalDocument(kind.value, wanted, body, "", True, wanted == latest)
    raise NotFound("legal.version_not_found")


def platform_text(kind: LegalKind) -> LegalDocument:
    """The platform operator's own text (pages outside a Kommune), from the settings."""
    body = template(kind, platform_responsible())
    return LegalDocument(kind.value, TEMPLATE_VERSION, body, "", True, True)


def history(
    db: Session, actor: Actor, kommune_id: int, kind: LegalKind, lang: str
) -> list[VersionRow]:
    """The published versions of one text, newest first (the Kommune's admins only)."""
    require_admin(actor, kommune_id)
    return [
        VersionRow(r.version, format_date(r.published_at, lang))
        for r in _rows(db, kommune_id, kind)
    ]


def check_body(raw: str) -> str:
    """A text an admin publishes: not empty, not huge, and no HTML."""
    body = "\n".join(line.rstrip() for line in clean_text(raw).splitlines())
    if len(body) < BODY_MIN:
        raise InvalidInput("body", "legal.body_too_short", min=BODY_MIN)
    if len(body) > BODY_MAX:
        raise InvalidInput("body", "legal.body_too_long", max=BODY_MAX)
    if _HTML_TAG.search(body):
        raise InvalidInput("body", "legal.body_html")
    return body


def publish(db: Session, actor: Actor, kommune_id: int, kind: LegalKind, raw: str) -> int:
    """Publish a new version of the Kommune's text and return its number. For the privacy
    notice and the terms, the Kommune's consent version moves on: every member must
    consent again before they can act."""
    require_admin(actor, kommune_id)
    body = check_body(raw)
    kommune = get_kommune(db, kommune_id)
    rows = _rows(db, kommune_id, kind)
    version = (
        max(rows[0].version if rows else TEMPLATE_VERSION, _kommune_version(kommune, kind)) + 1
    )
    db.add(
        LegalText(
            kommune_id=kommune_id,
            kind=kind.value,
            version=version,
            body=body,
            published_by=actor.user_id,
        )
    )
    if kind == LegalKind.PRIVACY:
        kommune.privacy_version = str(version)
    elif kind == LegalKind.TERMS:
        kommune.terms_version = str(version)
    db.add(kommune)
    audit.record(
        db,
        actor,
        action=AuditAction.PUBLISH_LEGAL_TEXT,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
        reason=f"{kind.value} v{version}",
    )
    db.flush()
    return version


def set_dgs_video(db: Session, actor: Actor, kommune_id: int, raw: str) -> str:
    """Set (or, with an empty value, remove) the link to the Kommune's video in Deutsche
    Gebärdensprache; only a https address is accepted."""
    require_admin(actor, kommune_id)
    url = clean_url(raw, "dgs_video_url", required=False)
    if url and not url.lower().startswith("https://"):
        raise InvalidInput("dgs_video_url", "legal.dgs_https")
    kommune = get_kommune(db, kommune_id)
    kommune.dgs_video_url = url
    db.add(kommune)
    audit.record(
        db,
        actor,
        action=AuditAction.SET_DGS_VIDEO,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
    )
    db.flush()
    return url


def blocks(body: str) -> list[LegalBlock]:
    """A text as blocks a page renders as text: "## " and "### " start headings, "- "
    list items; every other line is a paragraph of its own (Leichte Sprache: one
    statement per line)."""
    result: list[LegalBlock] = []
    items: list[str] = []
    for raw_line in body.splitlines():
        line = raw_line.strip()
        if line.startswith("- "):
            items.append(line[2:].strip())
            continue
        if items:
            result.append(LegalBlock("ul", points=tuple(items)))
            items = []
        if not line:
            continue
        result.append(_line_block(line))
    if items:
        result.append(LegalBlock("ul", points=tuple(items)))
    return result


def _line_block(line: str) -> LegalBlock:
    if line.startswith("### "):
        return LegalBlock("h3", line[4:].strip())
    if line.startswith("## ") or line.startswith("# "):
        return LegalBlock("h2", line.lstrip("#").strip())
    if line.startswith("https://") and " " not in line:
        return LegalBlock("link", line)
    if "[Bitte ergänzen" in line:
        return LegalBlock("todo", line)
    return LegalBlock("p", line)
