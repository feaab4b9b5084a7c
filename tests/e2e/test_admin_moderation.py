"""Approval, moderation and the audit log in the admin portal, in Chromium at desktop size.

Delbrück's admin declines a registration with a reason, approves several people at once,
removes a reported listing (gone from the public pages at once), blocks and unblocks a
person and finds all of it in the audit log. Bad Lippspringe's admin sees none of it and
cannot remove Delbrück's listing, also not over the websocket.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from admin_portal.pages.moderation import ModerationState
from dasnez_core.db import session_scope
from dasnez_core.models import (
    Area,
    AuditEvent,
    Category,
    ConsentRecord,
    Kommune,
    Listing,
    ListingReport,
    ListingStatus,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.seed import DEMO_PASSWORD
from dasnez_core.services.moderation import block_user, unblock_user
from dasnez_core.services.sessions import actor_for
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event, tab_of

DESKTOP = {"width": 1280, "height": 900}
DELBRUECK_ADMIN = "admin@delbrueck.example"
OTHER_ADMIN = "admin@bad-lippspringe.example"


# --- helpers --------------------------------------------------------------------------------


def _delbrueck_id() -> int:
    with session_scope() as db:
        return id_of(db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one())


def _person(name: str, address: str, status: str = UserStatus.APPROVED) -> int:
    """A person of Delbrück (made in the database, as a registration would leave them)."""
    kommune_id = _delbrueck_id()
    with session_scope() as db:
        area = db.exec(select(Area).where(Area.kommune_id == kommune_id, Area.name == "Boke")).one()
        user = User(
            email=address,
            password_hash="x",
            display_name=name,
            kommune_id=kommune_id,
            area_id=area.id,
            status=status,
        )
        db.add(user)
        db.flush()
        for document in ("privacy", "terms"):
            db.add(
                ConsentRecord(
                    user_id=id_of(user), kommune_id=kommune_id, document=document, version="1"
                )
            )
        return id_of(user)


def _listing(author_id: int, title: str) -> int:
    """A published listing of Delbrück by `author_id`."""
    kommune_id = _delbrueck_id()
    with session_scope() as db:
        category = db.exec(select(Category).where(Category.kommune_id == kommune_id)).first()
        area = db.exec(select(Area).where(Area.kommune_id == kommune_id)).first()
        assert category is not None and area is not None
        now = utcnow()
        listing = Listing(
            kommune_id=kommune_id,
            kind="offer",
            exchange_id=category.exchange_id,
            category_id=id_of(category),
            title=title,
            body="Ein Eintrag, den die Verwaltung prüfen soll.",
            area_id=area.id,
            district_id=area.id,
            author_id=author_id,
            created_at=now,
            updated_at=now,
            expires_at=now + timedelta(days=30),
        )
        db.add(listing)
        db.flush()
        return id_of(listing)


def _report(listing_id: int, reporter_email: str | None, reason: str) -> None:
    with session_scope() as db:
        reporter = (
            db.exec(select(User).where(User.email == reporter_email)).one()
            if reporter_email
            else None
        )
        db.add(
            ListingReport(
                kommune_id=_delbrueck_id(),
                listing_id=listing_id,
                reporter_id=reporter.id if reporter else None,
                reason=reason,
            )
        )


def _user(user_id: int) -> User | None:
    with session_scope() as db:
        return db.get(User, user_id)


def _listing_status(listing_id: int) -> str:
    with session_scope() as db:
        return db.get(Listing, listing_id).status  # type: ignore[union-attr]


def _audit(action: str, target_id: int) -> list[AuditEvent]:
    with session_scope() as db:
        return list(
            db.exec(
                select(AuditEvent)
                .where(AuditEvent.action == action, AuditEvent.target_id == target_id)
                .order_by(col(AuditEvent.id))
            ).all()
        )


def _mails_to(apps: Apps, address: str) -> list[EmailMessage]:
    mails = []
    for path in sorted(apps.outbox.glob("*.eml")):
        mail = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if mail["To"] == address:
            mails.append(mail)
    return mails  # type: ignore[return-value]


def _body(mail: EmailMessage) -> str:
    return str(mail.get_content())


def _admin(browser: Browser, apps: Apps, address: str) -> Page:
    page = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[arg-type]
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill(address)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    # Login ends in a full page load (the cookie endpoint), which may add a trailing slash.
    page.wait_for_url(re.compile(r"/(uebersicht|freischaltung)/?$"))
    return page


@pytest.fixture
def delbrueck(browser: Browser, apps: Apps) -> Iterator[Page]:
    page = _admin(browser, apps, DELBRUECK_ADMIN)
    yield page
    page.context.close()


# --- approval -------------------------------------------------------------------------------


def test_decline_with_reason_and_approve_several(apps: Apps, delbrueck: Page) -> None:
    lena = _person("Lena Abgelehnt", "lena@example.org", UserStatus.PENDING)
    otto = _person("Otto Eins", "otto@example.org", UserStatus.PENDING)
    paula = _person("Paula Zwei", "paula@example.org", UserStatus.PENDING)
    page = delbrueck
    page.goto(apps.admin + "/freischaltung")
    row = page.get_by_role("row").filter(has_text="Lena Abgelehnt")
    expect(row).to_contain_text("lena@example.org")
    expect(row).to_contain_text("Boke")
    expect(row).to_contain_text(datetime.now(ZoneInfo("Europe/Berlin")).strftime("%d.%m.%Y"))

    # Declining asks for a reason; without one nothing happens.
    page.get_by_role("button", name="Lena Abgelehnt ablehnen").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Registrierung von Lena Abgelehnt ablehnen")
    dialog.get_by_role("button", name="Ablehnen und Konto löschen").click()
    expect(dialog.get_by_role("alert")).to_contain_text(
        "Bitte geben Sie einen Grund an (mindestens 5 Zeichen)."
    )
    assert _user(lena) is not None
    dialog.get_by_label(re.compile("Grund der Ablehnung")).fill("Kein Wohnsitz in Delbrück")
    dialog.get_by_role("button", name="Ablehnen und Konto löschen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Die Registrierung von Lena Abgelehnt ist abgelehnt"
    )
    expect(page.get_by_role("cell", name="Lena Abgelehnt")).to_have_count(0)
    assert _user(lena) is None
    [event] = _audit("decline_user", lena)
    assert event.reason == "Kein Wohnsitz in Delbrück"
    [mail] = _mails_to(apps, "lena@example.org")
    assert mail["Subject"] == "Ihre Registrierung bei dasnez Delbrück"
    assert "Kein Wohnsitz in Delbrück" in _body(mail)

    # Several at once: tick two, approve them together.
    approve = page.get_by_role("button", name="Ausgewählte freischalten")
    expect(approve).to_be_disabled()
    # The ticks live on the server (controlled boxes): click, then wait for the answer.
    for name in ("Otto Eins", "Paula Zwei"):
        box = page.get_by_role("checkbox", name=f"{name} auswählen")
        box.click()
        expect(box).to_be_checked()
    expect(page.get_by_text("Ausgewählt: 2")).to_be_visible()
    approve.click()
    expect(page.get_by_role("status")).to_contain_text("Freigeschaltet (2): Otto Eins, Paula Zwei.")
    expect(page.get_by_role("cell", name="Otto Eins")).to_have_count(0)
    expect(page.get_by_role("cell", name="Paula Zwei")).to_have_count(0)
    for person in (otto, paula):
        assert _user(person).status == UserStatus.APPROVED  # type: ignore[union-attr]
        assert len(_audit("approve_user", person)) == 1
    assert len(_mails_to(apps, "otto@example.org")) == 1


# --- reports --------------------------------------------------------------------------------


def test_report_from_the_public_app_leads_to_removal(
    apps: Apps, browser: Browser, delbrueck: Page
) -> None:
    author = _person("Rolf Gewerbe", "rolf@example.org")
    title = "Gartenzwerge aus eigener Werkstatt"
    listing_id = _listing(author, title)
    _report(listing_id, "jonas@delbrueck.example", "Sieht gewerblich aus, bitte prüfen.")

    # A visitor reports the listing on the public app.
    visitor = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[arg-type]
    detail = f"{apps.public}/k/delbrueck/eintrag/{listing_id}"
    visitor.goto(detail)
    expect(visitor.get_by_role("heading", name=title)).to_be_visible()
    visitor.get_by_role("button", name="Eintrag melden").click()
    visitor.get_by_label("Grund der Meldung").fill("Das ist Werbung für einen Laden.")
    visitor.get_by_role("button", name="Meldung absenden").click()
    expect(visitor.get_by_role("status")).to_contain_text("Die Kommune prüft den Eintrag")

    # The admin sees both reports on one card, with reason, reporter (or "anonym") and date.
    page = delbrueck
    page.goto(apps.admin + "/meldungen")
    cards = page.locator("div.rt-Card").filter(has_text=title)
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("2 × gemeldet")
    reasons = cards.get_by_role("listitem")
    expect(reasons.filter(has_text="Das ist Werbung für einen Laden.")).to_contain_text(
        "Gemeldet von: anonym"
    )
    expect(reasons.filter(has_text="Sieht gewerblich aus")).to_contain_text(
        "Gemeldet von: Jonas Becker"
    )
    expect(cards.first).to_contain_text("Rolf Gewerbe")

    # Removal needs a reason; without one the listing stays.
    cards.first.get_by_role("button", name="Eintrag entfernen").click()
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_role("button", name="Eintrag jetzt entfernen").click()
    expect(dialog.get_by_role("alert")).to_contain_text("mindestens 5 Zeichen")
    assert _listing_status(listing_id) == ListingStatus.PUBLISHED
    dialog.get_by_label(re.compile("^Grund")).fill("Gewerbliches Angebot")
    dialog.get_by_role("button", name="Eintrag jetzt entfernen").click()
    expect(page.get_by_role("status")).to_contain_text(f"„{title}“ ist entfernt")
    expect(cards).to_have_count(0)
    assert _listing_status(listing_id) == ListingStatus.REMOVED
    with session_scope() as db:
        reports = db.exec(select(ListingReport).where(ListingReport.listing_id == listing_id)).all()
        assert len(reports) == 2 and all(r.resolved_at is not None for r in reports)
    [event] = _audit("remove_listing", listing_id)
    assert event.reason == "Gewerbliches Angebot"
    [mail] = _mails_to(apps, "rolf@example.org")
    assert "Gewerbliches Angebot" in _body(mail)

    # Gone from every public view at once.
    visitor.goto(detail)
    expect(visitor.get_by_role("heading", name=title)).to_have_count(0)
    visitor.goto(apps.public + "/k/delbrueck/eintraege?q=Gartenzwerge")
    expect(visitor.get_by_text("0 Einträge gefunden")).to_be_visible()
    visitor.context.close()


def test_block_the_author_from_a_report_unblock_from_the_search_then_dismiss(
    apps: Apps, browser: Browser, delbrueck: Page
) -> None:
    author = _person("Bernd Beispiel", "bernd@example.org")
    title = "Nachhilfe in Mathe, günstig"
    listing_id = _listing(author, title)
    _report(listing_id, None, "Der Verfasser beleidigt in Nachrichten.")
    visitor = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[arg-type]
    page = delbrueck
    page.goto(apps.admin + "/meldungen")
    card = page.locator("div.rt-Card").filter(has_text=title)
    card.get_by_role("button", name="Verfasser sperren").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Bernd Beispiel sperren")
    dialog.get_by_label("Grund der Sperre").fill("Beleidigungen in Nachrichten")
    dialog.get_by_role("button", name="Jetzt sperren").click()
    expect(page.get_by_role("status")).to_contain_text("Bernd Beispiel ist gesperrt.")
    expect(card).to_contain_text("Person gesperrt")
    assert _user(author).status == UserStatus.BLOCKED  # type: ignore[union-attr]
    assert _audit("block_user", author)[-1].reason == "Beleidigungen in Nachrichten"
    visitor.goto(apps.public + "/k/delbrueck/eintraege?q=Nachhilfe")
    expect(visitor.get_by_text("0 Einträge gefunden")).to_be_visible()

    # The people search finds blocked people; unblocking needs a reason too.
    page.get_by_label("Name oder E-Mail-Adresse").fill("b")
    page.get_by_role("button", name="Personen suchen").click()
    expect(page.get_by_role("alert")).to_contain_text("mindestens 2 Zeichen")
    page.get_by_label("Name oder E-Mail-Adresse").fill("bernd@")
    page.get_by_role("button", name="Personen suchen").click()
    row = page.get_by_role("row").filter(has_text="Bernd Beispiel")
    expect(row).to_contain_text("gesperrt")
    row.get_by_role("button", name="Bernd Beispiel entsperren").click()
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_role("button", name="Jetzt entsperren").click()
    expect(dialog.get_by_role("alert")).to_contain_text("mindestens 5 Zeichen")
    assert _user(author).status == UserStatus.BLOCKED  # type: ignore[union-attr]
    dialog.get_by_label("Grund der Entsperrung").fill("Gespräch im Rathaus geführt")
    dialog.get_by_role("button", name="Jetzt entsperren").click()
    expect(page.get_by_role("status")).to_contain_text("Bernd Beispiel ist wieder freigeschaltet.")
    expect(row).to_contain_text("freigeschaltet")
    assert _user(author).status == UserStatus.APPROVED  # type: ignore[union-attr]
    visitor.goto(apps.public + "/k/delbrueck/eintraege?q=Nachhilfe")
    expect(visitor.get_by_role("link", name=title)).to_be_visible()

    # Block again straight from the search, then lift it (keeps the demo data usable).
    row.get_by_role("button", name="Bernd Beispiel sperren").click()
    page.get_by_role("alertdialog").get_by_label("Grund der Sperre").fill("Zweite Verwarnung")
    page.get_by_role("alertdialog").get_by_role("button", name="Jetzt sperren").click()
    expect(page.get_by_role("status")).to_contain_text("Bernd Beispiel ist gesperrt.")
    assert _user(author).status == UserStatus.BLOCKED  # type: ignore[union-attr]
    with session_scope() as db:
        admin = db.exec(select(User).where(User.email == DELBRUECK_ADMIN)).one()
        unblock_user(db, actor_for(db, admin), _delbrueck_id(), author, "Test: zurück")

    # The report itself is dismissed with a reason; the listing stays.
    page.goto(apps.admin + "/meldungen")
    card.get_by_role("button", name="Meldung verwerfen").click()
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_label(re.compile("^Grund")).fill("Nachrichten sind kein Grund gegen den Eintrag")
    dialog.get_by_role("button", name="Meldung jetzt verwerfen").click()
    expect(page.get_by_role("status")).to_contain_text(f"Die Meldungen zu „{title}“ sind verworfen")
    expect(card).to_have_count(0)
    assert _listing_status(listing_id) == ListingStatus.PUBLISHED
    visitor.context.close()


# --- audit log ------------------------------------------------------------------------------


def test_audit_log_shows_and_filters_the_entries(apps: Apps, delbrueck: Page) -> None:
    person = _person("Clara Protokoll", "clara@example.org")
    with session_scope() as db:
        admin = db.exec(select(User).where(User.email == DELBRUECK_ADMIN)).one()
        actor = actor_for(db, admin)
        block_user(db, actor, _delbrueck_id(), person, "Protokolltest: Sperre")
        unblock_user(db, actor, _delbrueck_id(), person, "Protokolltest: Entsperrung")
    page = delbrueck
    page.goto(apps.admin + "/protokoll")
    expect(page.get_by_role("heading", name="Protokoll", level=1)).to_be_visible()
    rows = page.get_by_role("row")
    newest = rows.nth(1)
    expect(newest).to_contain_text("Person entsperrt")
    expect(newest).to_contain_text("Verwaltung Delbrück")
    expect(newest).to_contain_text("Person: Clara Protokoll")
    expect(newest).to_contain_text("Protokolltest: Entsperrung")
    expect(rows.nth(2)).to_contain_text("Person gesperrt")

    # By action and text: the URL keeps the filters.
    page.get_by_label("Aktion").select_option(label="Person gesperrt")
    page.get_by_label(re.compile("Suchtext")).fill("Protokolltest")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_url(re.compile(r"aktion=block_user"))
    expect(page.get_by_text("Einträge im Protokoll: 1")).to_be_visible()
    expect(rows.filter(has_text="Protokolltest: Sperre")).to_have_count(1)
    expect(rows.filter(has_text="Protokolltest: Entsperrung")).to_have_count(0)

    # By date: an end before the start is refused with a message.
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    page.get_by_label("Von (Datum)").fill(today.isoformat())
    page.get_by_label("Bis (Datum)").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Das Bis-Datum liegt vor dem Von-Datum")
    page.goto(apps.admin + f"/protokoll?q=Protokolltest&von={today.isoformat()}")
    expect(page.get_by_text("Einträge im Protokoll: 2")).to_be_visible()
    page.goto(apps.admin + f"/protokoll?q=Protokolltest&bis={today - timedelta(days=1)}")
    expect(page.get_by_text("Keine Einträge gefunden.")).to_be_visible()


# --- the other Kommune ----------------------------------------------------------------------


def test_other_kommunes_admin_sees_and_changes_nothing_of_delbrueck(
    apps: Apps, browser: Browser
) -> None:
    author = _person("Dora Delbrück", "dora@example.org")
    title = "Nur in Delbrück zu sehen"
    listing_id = _listing(author, title)
    _report(listing_id, None, "Nur Delbrück darf diese Meldung sehen.")
    with session_scope() as db:
        admin = db.exec(select(User).where(User.email == DELBRUECK_ADMIN)).one()
        block_user(db, actor_for(db, admin), _delbrueck_id(), author, "Geheimer Delbrück-Grund")
        unblock_user(db, actor_for(db, admin), _delbrueck_id(), author, "Geheim: wieder frei")

    page = _admin(browser, apps, OTHER_ADMIN)
    page.goto(apps.admin + "/meldungen")
    expect(page.get_by_role("heading", name="Offene Meldungen")).to_be_visible()
    expect(page.get_by_text(title)).to_have_count(0)
    page.get_by_label("Name oder E-Mail-Adresse").fill("Dora")
    page.get_by_role("button", name="Personen suchen").click()
    expect(page.get_by_text("Keine Person gefunden.")).to_be_visible()
    page.get_by_label("Name oder E-Mail-Adresse").fill("delbrueck.example")
    page.get_by_role("button", name="Personen suchen").click()
    expect(page.get_by_text("Keine Person gefunden.")).to_be_visible()
    page.goto(apps.admin + "/protokoll")
    expect(page.get_by_role("heading", name="Protokoll", level=1)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Einträge im Protokoll:")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Geheim")
    expect(page.locator("main")).not_to_contain_text("Verwaltung Delbrück")
    page.goto(apps.admin + "/protokoll?q=Geheim")
    expect(page.get_by_text("Keine Einträge gefunden.")).to_be_visible()

    # The removal handler, sent straight over the websocket with Delbrück's listing.
    remove = f"{ModerationState.get_full_name()}.remove_listing"
    token = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    form = {"listing_id": str(listing_id), "reason": "Fremde Kommune entfernt"}
    updates = send_event(apps.admin, token, remove, {"form": form}, path="/meldungen")
    assert "Diesen Eintrag gibt es nicht (mehr)." in str(updates)
    updates = send_event(apps.admin, fresh_token(), remove, {"form": form}, path="/meldungen")
    assert "Dazu sind Sie nicht berechtigt." in str(updates)
    assert _listing_status(listing_id) == ListingStatus.PUBLISHED
    assert _audit("remove_listing", listing_id) == []
    with session_scope() as db:
        report = db.exec(select(ListingReport).where(ListingReport.listing_id == listing_id)).one()
        assert report.resolved_at is None
    page.context.close()
