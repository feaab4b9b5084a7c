"""Writing the audit log, inside the transaction of the action it records."""

from __future__ import annotations

from sqlmodel import Session

from dasnez_core.actor import Actor
from dasnez_core.models import AuditAction, AuditEvent


def record(
    db: Session,
    actor: Actor,
    *,
    action: AuditAction,
    target_type: str,
    target_id: int | None,
    kommune_id: int | None,
    reason: str = "",
) -> None:
    db.add(
        AuditEvent(
            kommune_id=kommune_id,
            actor_id=actor.user_id,
            action=action.value,
            target_type=target_type,
            target_id=target_id,
            reason=reason,
        )
    )
