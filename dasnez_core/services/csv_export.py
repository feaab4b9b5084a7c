"""CSV exports of the admin lists: what a list shows with its filters, every page, up to
EXPORT_MAX rows, in the form German Excel opens without asking: UTF-8 with BOM, semicolons,
CRLF, dates as dd.mm.yyyy (in both languages: the file is opened by a German Excel).

Every export is audited: the people file holds email addresses.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlmodel import Session

from dasnez_core.actor import Actor
from dasnez_core.formatting import local_today
from dasnez_core.i18n import translate
from dasnez_core.models import AuditAction, utcnow
from dasnez_core.permissions import Action, require_scope
from dasnez_core.services import audit
from dasnez_core.services.listings_list import (
    ListingFilters,
    listing_conditions,
    listing_row,
    listing_select,
)
from dasnez_core.services.people_list import PeopleFilters, people_select, person_row

EXPORT_MAX = 10_000
# The file's dates are German whatever the page's language.
CSV_DATE_LANG = "de"


@dataclass(frozen=True)
class CsvExport:
    """A finished export: the file's bytes, its name, and how many rows it holds."""

    data: bytes
    filename: str
    rows: int
    truncated: bool


# A cell starting with one of these would run as a formula in a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """CSV as German Excel opens it: UTF-8 with BOM, `;`, quotes where needed, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([_cell(h) for h in header])
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def describe_filters(filters: Any) -> str:
    """The filters that differ from their defaults, as `name=value` pairs (for the audit)."""
    defaults = type(filters)()
    return "&".join(
        f"{field.name}={getattr(filters, field.name)}"
        for field in fields(filters)
        if getattr(filters, field.name) != getattr(defaults, field.name)
    )


def _export_name(kind: str) -> str:
    return f"{kind}-{local_today().isoformat()}.csv"


def _audit(
    db: Session, actor: Actor, kommune_id: int, *, action: AuditAction, rows: int, described: str
) -> None:
    audit.record(
        db,
        actor,
        action=action,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
        reason=f"{rows} rows; {described}"[:1000],
    )
    db.flush()


def export_people(
    db: Session,
    actor: Actor,
    kommune_id: int,
    filters: PeopleFilters,
    lang: str = "de",
    *,
    describe: Callable[[PeopleFilters], str] = describe_filters,
) -> CsvExport:
    """Every person the list shows with these filters (all pages, at most EXPORT_MAX).

    Audited, with the applied filters as `describe` writes them (the admin app passes its
    query string, so the entry reads like the list's address)."""
    scope = require_scope(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    stmt, kept = people_select(db, scope, filters)
    rows = [
        person_row(r, lang, CSV_DATE_LANG) for r in db.execute(stmt.limit(EXPORT_MAX + 1)).all()
    ]
    truncated = len(rows) > EXPORT_MAX
    rows = rows[:EXPORT_MAX]
    header = [
        translate(f"adminlist.csv.{c}", lang)
        for c in ("name", "email", "status", "area", "registered", "approved")
    ]
    data = to_csv(
        header,
        [
            (p.display_name, p.email, p.status_label, p.area, p.registered_on, p.approved_on)
            for p in rows
        ],
    )
    described = describe(replace(kept, page=1))
    _audit(
        db, actor, kommune_id, action=AuditAction.EXPORT_PEOPLE, rows=len(rows), described=described
    )
    return CsvExport(data, _export_name("personen"), len(rows), truncated)


def export_listings(
    db: Session,
    actor: Actor,
    kommune_id: int,
    filters: ListingFilters,
    lang: str = "de",
    *,
    describe: Callable[[ListingFilters], str] = describe_filters,
) -> CsvExport:
    """Every listing the list shows with these filters (all pages, at most EXPORT_MAX)."""
    scope = require_scope(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    conditions, kept = listing_conditions(db, scope, filters)
    now = utcnow()
    rows = [
        listing_row(r, lang, now, CSV_DATE_LANG)
        for r in db.execute(listing_select(conditions, filters.sort).limit(EXPORT_MAX + 1)).all()
    ]
    truncated = len(rows) > EXPORT_MAX
    rows = rows[:EXPORT_MAX]
    header = [
        translate(f"adminlist.csv.{c}", lang)
        for c in (
            "number",
            "title",
            "exchange",
            "kind",
            "category",
            "status",
            "area",
            "author",
            "created",
            "expires",
        )
    ]
    data = to_csv(
        header,
        [
            (
                r.id,
                r.title,
                r.exchange,
                r.kind,
                r.category,
                r.status_label,
                r.area,
                r.author,
                r.created_on,
                r.expires_on,
            )
            for r in rows
        ],
    )
    described = describe(replace(kept, page=1))
    _audit(
        db,
        actor,
        kommune_id,
        action=AuditAction.EXPORT_LISTINGS,
        rows=len(rows),
        described=described,
    )
    return CsvExport(data, _export_name("eintraege"), len(rows), truncated)
