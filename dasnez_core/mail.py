"""Outgoing email: over SMTP when DASNEZ_SMTP_HOST is set, otherwise into a local outbox
folder (one .eml file per mail) that a person can read with any mail program or `cat`.

Services never send directly: they `queue()` a mail on the DB session, and it leaves only
after that session's transaction has committed, so a rolled-back action sends nothing.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from dasnez_core.config import load_settings
from dasnez_core.i18n import translate
from dasnez_core.models.represented import PLACEHOLDER_DOMAIN

log = logging.getLogger(__name__)

_PENDING_KEY = "dasnez_outbox"
_LISTENING_KEY = "dasnez_outbox_listening"


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
    """Send `mail` once the session's current transaction commits (never on rollback).
    A represented person's placeholder address (Stellvertretung) is never mailed."""
    if mail.to.endswith("@" + PLACEHOLDER_DOMAIN):
        return
    if not db.info.get(_LISTENING_KEY):
        # Listeners stay for the session's life (removing one while it runs is not allowed).
        event.listen(db, "after_commit", _flush_outbox)
        event.listen(db, "after_soft_rollback", _drop_outbox)
        db.info[_LISTENING_KEY] = True
    db.info.setdefault(_PENDING_KEY, []).append(mail)


def _flush_outbox(db: Session) -> None:
    mails: list[Mail] = db.info.pop(_PENDING_KEY, [])
    for mail in mails:
        try:
            deliver(mail)
        except (OSError, smtplib.SMTPException):
            # The action itself has succeeded; a mail server hiccup must not undo it.
            log.exception("could not send mail to %s", mail.to)


def _drop_outbox(db: Session, _previous_transaction: Any = None) -> None:
    db.info.pop(_PENDING_KEY, None)


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
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
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
