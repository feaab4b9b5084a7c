"""Outgoing email through the outbox table: no click ever waits for a mail server.

Services never send directly: they `queue()` a mail on the DB session, which adds a row to
`mail_outbox` in the action's own transaction (a rolled-back action leaves no mail). Once
that transaction has committed, the mails are handed to a delivery attempt: at once when
they go into the local outbox folder (no SMTP configured: one .eml file per mail, which a
person reads with any mail program or `cat`), on a background thread when they go to an
SMTP server, so that a slow or dead server never holds up the click. What that attempt
does not deliver, the sender job (`send_due`, every minute) retries with exponential
backoff; after `MAX_ATTEMPTS` the mail is marked failed and platform staff see it in the
admin portal, where they can send it again.
"""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from sqlalchemy import event, or_, update
from sqlmodel import Session, col, select

from dasnez_core.config import load_settings
from dasnez_core.i18n import translate
from dasnez_core.models.base import utcnow
from dasnez_core.models.operations import MailOutbox, MailStatus
from dasnez_core.models.represented import PLACEHOLDER_DOMAIN

log = logging.getLogger(__name__)

_PENDING_KEY = "dasnez_outbox"
_IDS_KEY = "dasnez_outbox_ids"
_LISTENING_KEY = "dasnez_outbox_listening"

# Attempts before a mail counts as failed; the waits between them double from a minute up
# to an hour (1, 2, 4, … 60, 60 min: about six hours in all before giving up).
MAX_ATTEMPTS = 10
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=1)
# A mail claimed by a sender that died (process killed mid-send) is tried again after this.
CLAIM_TIMEOUT = timedelta(minutes=10)
# How many due mails one run of the sender job takes.
SEND_BATCH = 200


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    # Extra header lines, e.g. List-Unsubscribe of the saved-search mails.
    headers: tuple[tuple[str, str], ...] = ()


def compose(to: str, lang: str, key: str, **params: Any) -> Mail:
    """A mail from the catalog: `<key>.subject` and `<key>.body`, in the recipient's language.

    `{url}` in the body is the public app's address (DASNEZ_PUBLIC_URL) unless given.
    """
    params.setdefault("url", load_settings().public_url)
    return Mail(
        to=to,
        subject=translate(f"{key}.subject", lang, **params),
        body=translate(f"{key}.body", lang, **params),
    )


def queue(db: Session, mail: Mail) -> None:
    """Write `mail` to the outbox in the session's current transaction; it is delivered
    after that transaction commits (never on rollback). A represented person's placeholder
    address (Stellvertretung) is never mailed."""
    if mail.to.endswith("@" + PLACEHOLDER_DOMAIN):
        return
    if not db.info.get(_LISTENING_KEY):
        # Listeners stay for the session's life (removing one while it runs is not allowed).
        event.listen(db, "before_commit", _remember_ids)
        event.listen(db, "after_commit", _hand_over)
        event.listen(db, "after_soft_rollback", _drop_outbox)
        db.info[_LISTENING_KEY] = True
    row = MailOutbox(
        to_address=mail.to[:254],
        subject=mail.subject[:300],
        body=mail.body,
        headers=json.dumps([list(pair) for pair in mail.headers]),
    )
    db.add(row)
    db.info.setdefault(_PENDING_KEY, []).append(row)


def _remember_ids(db: Session) -> None:
    if db.in_nested_transaction():
        # A savepoint's commit (SQLAlchemy fires the commit events for it too): the mails
        # wait for the real commit; delivering now would wait on this very transaction.
        return
    rows: list[MailOutbox] = db.info.pop(_PENDING_KEY, [])
    if rows:
        db.flush()
        db.info.setdefault(_IDS_KEY, []).extend(row.id for row in rows if row.id is not None)


def _hand_over(db: Session) -> None:
    ids: list[int] = db.info.pop(_IDS_KEY, [])
    if not ids:
        return
    engine = db.get_bind()
    if load_settings().smtp_host:
        dispatch(lambda: _deliver_ids(engine, ids))
    else:
        # A file in the local outbox folder: as quick as the commit itself.
        _deliver_ids(engine, ids)


def _drop_outbox(db: Session, previous_transaction: Any = None) -> None:
    if previous_transaction is not None and getattr(previous_transaction, "nested", False):
        return  # a savepoint rolled back: the mails of the enclosing transaction stay
    db.info.pop(_PENDING_KEY, None)
    db.info.pop(_IDS_KEY, None)


def _in_background(work: Callable[[], None]) -> None:
    threading.Thread(target=work, name="dasnez-mail", daemon=True).start()


# How a committed action's SMTP mails are handed over; the unit tests make it run at once.
dispatch: Callable[[Callable[[], None]], None] = _in_background


def _deliver_ids(engine: Any, ids: Iterable[int]) -> None:
    """One attempt for each of the just-committed mails (a failure leaves it to the job)."""
    try:
        with Session(engine, expire_on_commit=False) as db:
            for mail_id in ids:
                attempt(db, mail_id)
    except Exception:  # the action has succeeded; the sender job takes over
        log.exception("mail hand-over failed; the sender job will retry")


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4 … minutes, at most an hour."""
    wait: timedelta = BACKOFF_BASE * (2 ** max(attempts - 1, 0))
    return min(wait, BACKOFF_MAX)


def _claim(db: Session, mail_id: int, now: datetime) -> bool:
    """Take the mail for one attempt; False when another sender has it or it is done."""
    result = db.execute(
        update(MailOutbox)
        .where(
            col(MailOutbox.id) == mail_id,
            col(MailOutbox.status) == MailStatus.PENDING,
            col(MailOutbox.next_attempt_at) <= now,
        )
        .values(status=MailStatus.SENDING, claimed_at=now)
    )
    db.commit()
    return bool(getattr(result, "rowcount", 0))


def _error_kind(exc: BaseException) -> str:
    """What went wrong, without the mail's text: the exception's class and SMTP code."""
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__}{f' {code}' if code else ''}"[:300]


def attempt(db: Session, mail_id: int, *, now: datetime | None = None) -> bool:
    """Try to deliver one outbox mail now; True if it went out. On failure it waits for
    its next attempt (backoff) or, after MAX_ATTEMPTS, is marked failed."""
    now = now or utcnow()
    if not _claim(db, mail_id, now):
        return False
    row = db.get(MailOutbox, mail_id)
    if row is None:
        return False
    mail = Mail(
        to=row.to_address,
        subject=row.subject,
        body=row.body,
        headers=tuple((str(k), str(v)) for k, v in json.loads(row.headers or "[]")),
    )
    try:
        # Looked up at call time: tests replace `deliver` to collect what leaves.
        globals()["deliver"](mail)
    except (TimeoutError, OSError, smtplib.SMTPException) as exc:
        row.attempts += 1
        row.last_error = _error_kind(exc)
        row.claimed_at = None
        if row.attempts >= MAX_ATTEMPTS:
            row.status = MailStatus.FAILED
        else:
            row.status = MailStatus.PENDING
            row.next_attempt_at = utcnow() + backoff(row.attempts)
        db.add(row)
        db.commit()
        log.warning(
            "mail not delivered",
            extra={"mail_id": mail_id, "attempts": row.attempts, "error": row.last_error},
        )
        return False
    row.attempts += 1
    row.status = MailStatus.SENT
    row.sent_at = utcnow()
    row.claimed_at = None
    row.last_error = ""
    # Delivered: its text (maybe a one-time link) is kept no longer than needed.
    row.body = ""
    db.add(row)
    db.commit()
    return True


def send_due(db: Session, *, now: datetime | None = None, limit: int = SEND_BATCH) -> int:
    """The sender job: deliver every mail whose (next) attempt is due; returns how many
    went out. A mail left `sending` by a sender that died goes back to the queue first."""
    now = now or utcnow()
    db.execute(
        update(MailOutbox)
        .where(
            col(MailOutbox.status) == MailStatus.SENDING,
            or_(
                col(MailOutbox.claimed_at).is_(None),
                col(MailOutbox.claimed_at) <= now - CLAIM_TIMEOUT,
            ),
        )
        .values(status=MailStatus.PENDING, claimed_at=None)
    )
    db.commit()
    due = list(
        db.exec(
            select(MailOutbox.id)
            .where(
                col(MailOutbox.status) == MailStatus.PENDING,
                col(MailOutbox.next_attempt_at) <= now,
            )
            .order_by(col(MailOutbox.next_attempt_at), col(MailOutbox.id))
            .limit(limit)
        ).all()
    )
    return sum(1 for mail_id in due if mail_id is not None and attempt(db, mail_id, now=now))


def ascii_address(address: str) -> str:
    """The address with an umlaut domain in its IDNA form (max@müller.de →
    max@xn--mller-kva.de): a header would otherwise carry an encoded word in the domain,
    which no mail server accepts. The local part is left as it is."""
    local, _, domain = address.rpartition("@")
    if not local or domain.isascii():
        return address
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return address


# Seconds to wait for the SMTP server (the sender runs in the background: no click waits).
SMTP_TIMEOUT = 20


def deliver(mail: Mail) -> None:
    """Send one mail now: SMTP if configured, else a file in the outbox folder."""
    settings = load_settings()
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = ascii_address(mail.to)
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="dasnez.local")
    for name, value in mail.headers:
        message[name] = value
    message.set_content(mail.body)
    if settings.smtp_host:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(message)
        return
    settings.outbox_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    safe_to = "".join(ch if ch.isalnum() or ch in "@.-" else "_" for ch in mail.to)
    (settings.outbox_dir / f"{stamp}-{safe_to}.eml").write_bytes(bytes(message))
