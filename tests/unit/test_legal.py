"""Legal texts: templates naming the Kommune, publishing versions, renewed consent, and
who may do what while their consent is outdated."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import (
    AuditEvent,
    ConsentDocument,
    ConsentRecord,
    Kommune,
    LegalKind,
    User,
)
from dasnez_core.permissions import Action, can, require
from dasnez_core.services import auth, consent, legal
from dasnez_core.services.sessions import actor_for
from tests import factories as f

TEXT = "## Datenschutz\nWir verarbeiten nur, was nötig ist.\n- Anmeldung\n- Einträge"


@pytest.fixture
def w(db: Session) -> dict[str, Any]:
    world = f.masterdata_world(db)
    here = world["here"]
    here.contact_address = "Marktstraße 10, 33129 Delbrück"
    here.contact_phone = "05250 996-0"
    db.add(here)
    for document in CONSENT_DOCUMENTS:
        db.add(
            ConsentRecord(
                user_id=world["maria"].id, kommune_id=here.id, document=document, version="1"
            )
        )
    db.flush()
    return world


CONSENT_DOCUMENTS = (ConsentDocument.PRIVACY, ConsentDocument.TERMS)


def _public(db: Session, user: User) -> Any:
    return actor_for(db, user, app=auth.PUBLIC_APP)


def test_templates_name_the_kommune_and_show_placeholders(db: Session, w: dict) -> None:
    for kind in legal.KINDS:
        doc = legal.get_text(db, w["here"], kind)
        assert doc.is_template and doc.version == 1 and doc.latest
        assert "Delbrück" in doc.body
        assert "[Bitte ergänzen:" in doc.body
    imprint = legal.get_text(db, w["here"], LegalKind.IMPRINT).body
    assert "Marktstraße 10, 33129 Delbrück" in imprint
    assert "kontakt@delbrueck.example" in imprint
    # A missing contact detail is a visible placeholder, not an empty line.
    assert "[Bitte ergänzen: Anschrift]" in legal.get_text(db, w["other"], LegalKind.IMPRINT).body


def test_accessibility_statement_names_feedback_contact_and_enforcement(
    db: Session, w: dict
) -> None:
    body = legal.get_text(db, w["here"], LegalKind.ACCESSIBILITY).body
    assert "kontakt@delbrueck.example" in body and "05250 996-0" in body
    assert "Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz" in body
    assert "https://www.schlichtungsstelle-bgg.de" in body
    assert "[Bitte ergänzen: Überwachungsstelle des Landes Nordrhein-Westfalen]" in body


def test_easy_language_names_the_kommune_without_placeholders(db: Session, w: dict) -> None:
    text = legal.easy_language(legal.kommune_responsible(w["other"]), platform=False)
    assert "Bad Lippspringe" in text and "[Bitte ergänzen" not in text
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    # One short statement per line.
    assert max(len(line.split()) for line in lines) <= 12


def test_publish_stores_versions_and_keeps_history(db: Session, w: dict) -> None:
    admin = f.actor(db, w["admin"])
    here = w["here"]
    assert legal.publish(db, admin, here.id, LegalKind.IMPRINT, "## Impressum\nGemeinde X") == 2
    assert legal.publish(db, admin, here.id, LegalKind.IMPRINT, "## Impressum\nGemeinde Y") == 3
    current = legal.get_text(db, here, LegalKind.IMPRINT)
    assert (current.version, current.latest, current.is_template) == (3, True, False)
    old = legal.get_text(db, here, LegalKind.IMPRINT, version=2)
    assert "Gemeinde X" in old.body and not old.latest
    assert legal.get_text(db, here, LegalKind.IMPRINT, version=1).is_template
    with pytest.raises(NotFound):
        legal.get_text(db, here, LegalKind.IMPRINT, version=9)
    assert [r.version for r in legal.history(db, admin, here.id, LegalKind.IMPRINT, "de")] == [3, 2]
    # The Impressum is not a consent document: the consent versions stay.
    assert (here.privacy_version, here.terms_version) == ("1", "1")
    events = db.exec(select(AuditEvent).where(AuditEvent.action == "publish_legal_text")).all()
    assert [e.reason for e in events] == ["imprint v2", "imprint v3"]


def test_new_privacy_version_asks_everybody_again(db: Session, w: dict) -> None:
    here, maria = w["here"], w["maria"]
    assert not _public(db, maria).consent_due
    version = legal.publish(db, f.actor(db, w["admin"]), here.id, LegalKind.PRIVACY, TEXT)
    assert version == 2 and here.privacy_version == "2"
    actor = _public(db, maria)
    assert actor.consent_due
    assert [d.document for d in consent.due_consents(db, maria)] == ["privacy"]
    # Only what anybody may do, with a message that says why.
    assert not can(actor, Action.PUBLISH_LISTING, here.id)
    assert can(actor, Action.VIEW_PUBLIC, here.id)
    with pytest.raises(NotAllowed) as refused:
        require(actor, Action.CONTACT_MEMBER, here.id)
    assert refused.value.key == "consent.due"
    # Taking one's data out and leaving never wait for a consent (GDPR Art. 15, 17, 20).
    assert can(actor, Action.EXPORT_OWN_DATA, here.id)
    assert can(actor, Action.DELETE_OWN_ACCOUNT, here.id)
    # The admin portal is not held up by a citizen's consent.
    assert not actor_for(db, maria, app=auth.ADMIN_APP).consent_due
    # An account that never consented is asked as soon as the Kommune publishes its own text.
    assert _public(db, f.user(db, here, "neu2@example.org")).consent_due

    consent.accept_current(
        db, actor, privacy_version="2", terms_version="1", accept_privacy=True, accept_terms=True
    )
    assert not _public(db, maria).consent_due
    record = db.exec(
        select(ConsentRecord).where(ConsentRecord.user_id == maria.id, ConsentRecord.version == "2")
    ).one()
    assert record.document == "privacy" and record.kommune_id == here.id


def test_no_consent_needed_when_nothing_new(db: Session, w: dict) -> None:
    assert consent.due_consents(db, w["maria"]) == []
    # Another Kommune's new terms do not concern Delbrück's members.
    legal.publish(db, f.actor(db, w["other_admin"]), w["other"].id, LegalKind.TERMS, TEXT)
    assert not _public(db, w["maria"]).consent_due


def test_consent_must_be_to_the_version_shown_and_ticked(db: Session, w: dict) -> None:
    here, maria = w["here"], w["maria"]
    admin = f.actor(db, w["admin"])
    legal.publish(db, admin, here.id, LegalKind.TERMS, TEXT)
    actor = _public(db, maria)
    with pytest.raises(InvalidInput) as unticked:
        consent.accept_current(
            db,
            actor,
            privacy_version="1",
            terms_version="2",
            accept_privacy=True,
            accept_terms=False,
        )
    assert unticked.value.key == "register.terms_required"
    # The page showed version 2, but version 3 came out meanwhile: nothing is recorded.
    legal.publish(db, admin, here.id, LegalKind.TERMS, TEXT + " neu")
    with pytest.raises(InvalidInput) as stale:
        consent.accept_current(
            db,
            actor,
            privacy_version="1",
            terms_version="2",
            accept_privacy=True,
            accept_terms=True,
        )
    assert stale.value.key == "consent.outdated_page"
    assert _public(db, maria).consent_due
    with pytest.raises(NotAllowed):
        consent.accept_current(
            db,
            ANONYMOUS,
            privacy_version="1",
            terms_version="3",
            accept_privacy=True,
            accept_terms=True,
        )


@pytest.mark.parametrize("who", ["anonymous", "maria", "pending", "other_admin", "platform"])
def test_wrong_people_cannot_publish_or_read_history(db: Session, w: dict, who: str) -> None:
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, w[who])
    kommune_id = w["here"].id
    with pytest.raises(NotAllowed):
        legal.publish(db, actor, kommune_id, LegalKind.PRIVACY, TEXT)
    with pytest.raises(NotAllowed):
        legal.history(db, actor, kommune_id, LegalKind.PRIVACY, "de")
    with pytest.raises(NotAllowed):
        legal.set_dgs_video(db, actor, kommune_id, "https://video.example/dgs.mp4")
    assert db.get(Kommune, kommune_id).privacy_version == "1"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("kurz", "legal.body_too_short"),
        ("x" * (legal.BODY_MAX + 1), "legal.body_too_long"),
        ("## Titel\n<script>alert(1)</script> und mehr Text", "legal.body_html"),
        ("## Titel\nEin <a href='x'>Link</a> und mehr Text", "legal.body_html"),
    ],
)
def test_bad_bodies_are_refused(db: Session, w: dict, body: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        legal.publish(db, f.actor(db, w["admin"]), w["here"].id, LegalKind.TERMS, body)
    assert refused.value.key == key
    assert w["here"].terms_version == "1"


def test_dgs_video_must_be_https(db: Session, w: dict) -> None:
    admin, here = f.actor(db, w["admin"]), w["here"]
    for bad, key in (
        ("http://video.example/dgs.mp4", "legal.dgs_https"),
        ("javascript:alert(1)", "masterdata.url_invalid"),
    ):
        with pytest.raises(InvalidInput) as refused:
            legal.set_dgs_video(db, admin, here.id, bad)
        assert refused.value.key == key
    assert legal.set_dgs_video(db, admin, here.id, " https://video.example/dgs.mp4 ")
    assert here.dgs_video_url == "https://video.example/dgs.mp4"
    legal.set_dgs_video(db, admin, here.id, "")
    assert here.dgs_video_url == ""


def test_blocks_render_text_only() -> None:
    blocks = legal.blocks(
        "## Titel\nEin Satz.\n- eins\n- zwei\n\nhttps://example.org/x\n[Bitte ergänzen: Name]"
    )
    assert [(b.kind, b.text, b.points) for b in blocks] == [
        ("h2", "Titel", ()),
        ("p", "Ein Satz.", ()),
        ("ul", "", ("eins", "zwei")),
        ("link", "https://example.org/x", ()),
        ("todo", "[Bitte ergänzen: Name]", ()),
    ]


def test_platform_texts_name_the_operator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASNEZ_OPERATOR_NAME", "Kreis Paderborn, IT-Dienste")
    assert "Kreis Paderborn, IT-Dienste" in legal.platform_text(LegalKind.IMPRINT).body
    monkeypatch.delenv("DASNEZ_OPERATOR_NAME")
    assert (
        "[Bitte ergänzen: Name des Plattformbetriebs]"
        in legal.platform_text(LegalKind.PRIVACY).body
    )


def test_registration_consents_only_to_the_versions_the_form_linked(db: Session, w: dict) -> None:
    from dasnez_core.models import PendingRegistration

    here = w["here"]
    legal.publish(db, f.actor(db, w["admin"]), here.id, LegalKind.PRIVACY, TEXT)
    form = {
        "kommune_slug": "delbrueck",
        "email": "neu3@example.org",
        "password": "ein langer Testsatz 42",
        "display_name": "Neu Drei",
        "area_id": w["boke"].id,
        "accept_privacy": True,
        "accept_terms": True,
    }
    with pytest.raises(InvalidInput) as stale:
        auth.register(db, **form, shown_versions=("1", "1"))  # type: ignore[arg-type]
    assert stale.value.key == "consent.outdated_page"
    auth.register(db, **form, shown_versions=("2", "1"))  # type: ignore[arg-type]
    pending = db.exec(select(PendingRegistration)).one()
    assert (pending.privacy_version, pending.terms_version) == ("2", "1")
