"""All data of one Kommune as a ZIP file, for platform staff (handing a Kommune its data,
moving it, closing it down).

One CSV per Kommune-owned table (every table with a `kommune_id`, read through the
metadata, so a new table is exported without a change here), the Kommune's own row as
JSON and a manifest with the row counts. Secrets never leave: password and token hashes
and unsubscribe keys are left out. The export is audited.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from dasnez_core.actor import Actor
from dasnez_core.models import AuditAction, Kommune, utcnow
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit
from dasnez_core.services.csv_export import to_csv
from dasnez_core.services.kommunen import get_kommune

SECRET_COLUMNS = frozenset({"password_hash", "token_hash", "unsubscribe_key"})


@dataclass(frozen=True)
class KommuneExport:
    data: bytes
    filename: str
    tables: int
    rows: int


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export_kommune(db: Session, actor: Actor, kommune_id: int) -> KommuneExport:
    """The ZIP of every row of the Kommune (see module doc)."""
    require(actor, Action.MANAGE_KOMMUNEN)
    kommune = get_kommune(db, kommune_id)
    audit.record(
        db,
        actor,
        action=AuditAction.EXPORT_KOMMUNE,
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
    )
    db.flush()
    buffer = io.BytesIO()
    counts: dict[str, int] = {}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        own = {
            c.name: _value(getattr(kommune, c.name))
            for c in Kommune.__table__.columns  # type: ignore[attr-defined]
        }
        archive.writestr("kommune.json", json.dumps(own, ensure_ascii=False, indent=2))
        for name, table in sorted(SQLModel.metadata.tables.items()):
            if "kommune_id" not in table.c:
                continue
            columns = [c for c in table.columns if c.name not in SECRET_COLUMNS]
            primary = list(table.primary_key.columns)
            rows = db.execute(
                select(*columns).where(table.c.kommune_id == kommune_id).order_by(*primary)
            ).all()
            archive.writestr(
                f"{name}.csv",
                to_csv([c.name for c in columns], [[_value(v) for v in row] for row in rows]),
            )
            counts[name] = len(rows)
        manifest = {
            "kommune": kommune.slug,
            "exported_at": utcnow().isoformat(),
            "rows": counts,
            "left_out_columns": sorted(SECRET_COLUMNS),
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    stamp = utcnow().strftime("%Y%m%d-%H%M")
    return KommuneExport(
        data=buffer.getvalue(),
        filename=f"dasnez-{kommune.slug}-{stamp}.zip",
        tables=len(counts),
        rows=sum(counts.values()),
    )
