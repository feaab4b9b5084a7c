"""Running the platform: the mail outbox, scheduled jobs, admins' digest settings, retention
periods per Kommune and what the retention job needs to know about accounts."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from dasnez_core.models.base import utcnow


class MailStatus(StrEnum):
    PENDING = "pending"  # waiting for its (next) attempt
    SENDING = "sending"  # claimed by one sender; back to pending if that sender died
    SENT = "sent"
    FAILED = "failed"  # every attempt failed: platform staff may send it again


class MailOutbox(SQLModel, table=True):
    """One mail, written in the transaction of the action that causes it and delivered by
    the sender afterwards. A sent mail's body is erased at once (it may hold a one-time
    link); recipient, subject and status stay as the mail log until its retention ends.
    A platform-global table: mail belongs to the platform operator's sending, not to a
    Kommune (no kommune_id)."""

    __tablename__ = "mail_outbox"

    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=254)
    subject: str = Field(max_length=300)
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # Extra header lines as JSON [[name, value], …] (List-Unsubscribe of saved searches).
    headers: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    status: str = Field(default=MailStatus.PENDING, max_length=10, index=True)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(default_factory=utcnow, index=True)
    claimed_at: datetime | None = None
    # The kind of the last failure (exception class and SMTP code), never the mail's text.
    last_error: str = Field(default="", max_length=300)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    sent_at: datetime | None = None


class ScheduledJob(SQLModel, table=True):
    """A job of `dasnez_core.jobs` with its interval. The row is also the job's lock: a
    runner claims it by setting `locked_until` in one conditional UPDATE, so with two
    workers (or the run command and a worker) each run happens once."""

    __tablename__ = "scheduled_job"

    name: str = Field(primary_key=True, max_length=40)
    interval_seconds: int
    enabled: bool = Field(default=True)
    next_run_at: datetime = Field(default_factory=utcnow)
    locked_until: datetime | None = None
    locked_by: str = Field(default="", max_length=80)
    last_started_at: datetime | None = None
    last_finished_at: datetime | None = None
    # "ok: 3 deleted" or "error: OperationalError": counts, never contents.
    last_outcome: str = Field(default="", max_length=300)
    runs: int = Field(default=0)


class AdminDigestSetting(SQLModel, table=True):
    """What a Kommune admin wants mailed: the daily digest of pending approvals and open
    reports, and a reminder when something has waited more than three days."""

    __tablename__ = "admin_digest_setting"

    # Goes with the person (a declined or deleted account): the database deletes it.
    user_id: int = Field(foreign_key="user.id", primary_key=True, ondelete="CASCADE")
    daily_digest: bool = Field(default=True)
    overdue_reminder: bool = Field(default=True)
    last_digest_at: datetime | None = None
    last_reminder_at: datetime | None = None


class RetentionSetting(SQLModel, table=True):
    """A Kommune's own retention period for one kind of data (within the platform's limits,
    dasnez_core.services.retention); without a row the platform default applies."""

    __tablename__ = "retention_setting"
    __table_args__ = (UniqueConstraint("kommune_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    kind: str = Field(max_length=30)
    days: int
    updated_at: datetime = Field(default_factory=utcnow)


class AccountActivity(SQLModel, table=True):
    """When a person was last seen (kept when their expired sessions are cleaned up) and
    when they were warned that their inactive account will be deleted."""

    __tablename__ = "account_activity"

    user_id: int = Field(foreign_key="user.id", primary_key=True, ondelete="CASCADE")
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    last_seen_at: datetime | None = None
    warned_at: datetime | None = None
