"""Mails leave only after commit, over real SMTP when configured, else into the outbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from dasnez_core.db import get_engine
from dasnez_core.mail import Mail, queue
from tests.utils.smtp import Inbox, smtp_server


def test_mail_is_sent_over_smtp_after_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        with Session(get_engine()) as db:
            queue(db, Mail("erika@example.org", "Grüße", "Hallo Erika"))
            assert inbox.messages == []
            db.commit()
        [message] = inbox.to("erika@example.org")
        assert message["Subject"] == "Grüße"
        assert Inbox.text(message).strip() == "Hallo Erika"


def test_rolled_back_action_sends_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DASNEZ_SMTP_HOST", raising=False)
    monkeypatch.setenv("DASNEZ_OUTBOX_DIR", str(tmp_path))
    with Session(get_engine()) as db:
        db.execute(text("SELECT 1"))  # the action's transaction has begun
        queue(db, Mail("erika@example.org", "Nie", "gesendet"))
        db.rollback()
        db.commit()
    assert list(tmp_path.iterdir()) == []


def test_without_smtp_mail_lands_in_outbox(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DASNEZ_SMTP_HOST", raising=False)
    monkeypatch.setenv("DASNEZ_OUTBOX_DIR", str(tmp_path))
    with Session(get_engine()) as db:
        queue(db, Mail("erika@example.org", "Freischaltung", "Willkommen"))
        db.commit()
    [file] = list(tmp_path.iterdir())
    assert "Willkommen" in file.read_text() and "erika@example.org" in file.read_text()


def test_a_mail_to_an_umlaut_domain_reaches_its_server(monkeypatch: pytest.MonkeyPatch) -> None:
    # The address is accepted at registration (email-validator); the header must carry the
    # domain's IDNA form, not an RFC 2047 encoded word that no mail server accepts.
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        with Session(get_engine()) as db:
            queue(db, Mail("max@müller.de", "Hallo", "Hallo Max"))
            db.commit()
        [message] = inbox.to("max@xn--mller-kva.de")
        assert message["To"] == "max@xn--mller-kva.de"
