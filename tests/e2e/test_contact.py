"""Two neighbours of Delbrück write to each other, confirm the help and rate each other, on a
phone. A forged conversation of another Kommune sent over the websocket changes nothing,
and a person still waiting for approval is told why they cannot write."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlmodel import col, func, select

from dasnez_app.pages.messages import ThreadState
from dasnez_core.db import session_scope
from dasnez_core.models import (
    Agreement,
    Conversation,
    Listing,
    ListingStatus,
    Message,
    Rating,
    User,
    UserStatus,
)
from dasnez_core.passwords import hash_password
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.conftest import Apps
from tests.e2e.hostile import send_event, tab_of

PHONE = {"width": 390, "height": 844}
FIRST = "<script>window.pwned = 1</script><b>Hallo Jonas</b>, ich brauche Hilfe beim Einkaufen."
REPLY = "Gern! Passt Ihnen Donnerstag um 15 Uhr?"
PUBLIC_COMMENT = "Sehr freundlich und pünktlich."
ADMIN_COMMENT = "Kam eine Stunde zu spät."


def _phone(browser: Browser) -> BrowserContext:
    return browser.new_context(viewport=PHONE, locale="de-DE")


def _login(page: Page, apps: Apps, email: str, name: str) -> None:
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_text(name)).to_be_visible()


def _listing_id(title: str) -> int:
    with session_scope() as db:
        listing = db.exec(select(Listing).where(Listing.title == title)).one()
        assert listing.id is not None
        return listing.id


def _public_handle(email: str) -> str:
    """The person's profile handle, after they chose to show their profile to everybody."""
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).one()
        user.profile_visibility = "all"
        db.add(user)
        return user.handle


def _user_id(email: str) -> int:
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).one()
        assert user.id is not None
        return user.id


def _client_token(page: Page) -> str:
    """Take over the page's Reflex state: leave the page so its socket frees the token."""
    token = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    return token


def test_neighbours_write_agree_and_rate(apps: Apps, browser: Browser) -> None:
    listing_id = _listing_id("Einkaufen für Senioren")  # Jonas's offer, Taschengeldbörse
    maria_context, jonas_context = _phone(browser), _phone(browser)
    maria, jonas = maria_context.new_page(), jonas_context.new_page()

    # 1. Maria opens the conversation from the listing's link and writes; markup stays text.
    _login(maria, apps, "maria@delbrueck.example", "Maria Schneider")
    maria.goto(apps.public + f"/nachrichten/neu?eintrag={listing_id}")
    expect(maria).to_have_url(re.compile(r"/nachrichten/\d+$"))
    conversation_url = maria.url
    expect(maria.get_by_role("heading", name="Einkaufen für Senioren", level=1)).to_be_visible()
    expect(maria.get_by_text("Noch keine Nachrichten. Schreiben Sie die erste!")).to_be_visible()
    maria.get_by_label("Ihre Nachricht").fill(FIRST)
    maria.get_by_role("button", name="Senden").click()
    expect(maria.get_by_role("status")).to_contain_text("Ihre Nachricht wurde gesendet.")
    messages = maria.get_by_test_id("message")
    expect(messages).to_have_count(1)
    expect(messages.first).to_contain_text(FIRST)
    expect(messages.first).to_contain_text("Maria Schneider")
    expect(maria.get_by_label("Ihre Nachricht")).to_have_value("")
    assert maria.evaluate("() => window.pwned") is None
    expect(maria.get_by_text("jonas@delbrueck.example")).to_have_count(0)
    # Opening the link again leads to the same, single conversation.
    maria.goto(apps.public + f"/nachrichten/neu?eintrag={listing_id}")
    expect(maria).to_have_url(conversation_url)

    # 2. Jonas sees one unread conversation in the header and in his list; reading clears it.
    _login(jonas, apps, "jonas@delbrueck.example", "Jonas Becker")
    unread_link = jonas.get_by_role("link", name="Nachrichten, 1 ungelesene")
    expect(unread_link).to_have_text("Nachrichten (1)")
    unread_link.click()
    expect(jonas.get_by_role("heading", name="Ihre Nachrichten", level=1)).to_be_visible()
    row = jonas.get_by_test_id("conversation").filter(has_text="Einkaufen für Senioren")
    expect(row).to_contain_text("Maria Schneider")
    expect(row).to_contain_text("ungelesen")
    row.get_by_role("link").click()
    expect(jonas).to_have_url(conversation_url)
    expect(jonas.get_by_test_id("message").first).to_contain_text(FIRST)
    expect(jonas.get_by_role("link", name="Nachrichten", exact=True)).to_be_visible()
    expect(jonas.get_by_role("link", name=re.compile("ungelesen"))).to_have_count(0)
    expect(jonas.get_by_text("maria@delbrueck.example")).to_have_count(0)
    jonas.get_by_label("Ihre Nachricht").fill(REPLY)
    jonas.get_by_role("button", name="Senden").click()
    expect(jonas.get_by_test_id("message")).to_have_count(2)
    expect(jonas.get_by_test_id("message").last).to_contain_text(REPLY)  # newest at the bottom

    # 3. Maria has one unread conversation now; she reads the reply.
    maria.goto(apps.public + "/nachrichten")
    expect(maria.get_by_role("link", name="Nachrichten, 1 ungelesene")).to_be_visible()
    maria.get_by_test_id("conversation").filter(has_text="Jonas Becker").get_by_role("link").click()
    expect(maria.get_by_test_id("message").last).to_contain_text(REPLY)
    expect(maria.get_by_test_id("message").last).to_contain_text("Jonas Becker")
    expect(maria.get_by_role("link", name="Nachrichten", exact=True)).to_be_visible()

    # 4. Maria marks that the help took place, with the pocket money; Jonas confirms.
    amount = maria.get_by_label("Taschengeld in Euro (zum Beispiel 12,50)")
    amount.fill("zwölf")
    maria.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(maria.get_by_role("alert")).to_contain_text("zwischen 0 und 500 Euro")
    amount.fill("12,50")
    maria.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(maria.get_by_role("status")).to_contain_text("Ihre Bestätigung ist gespeichert")
    expect(maria.get_by_text("Jetzt fehlt noch die Bestätigung von Jonas Becker")).to_be_visible()
    expect(maria.get_by_text("Taschengeld: 12,50 €")).to_be_visible()
    expect(maria.get_by_role("button", name="Bewertung abgeben")).to_have_count(0)

    jonas.reload()
    expect(jonas.get_by_text("Maria Schneider hat bestätigt")).to_be_visible()
    expect(jonas.get_by_text("Taschengeld: 12,50 €")).to_be_visible()
    jonas.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(jonas.get_by_text("von beiden Seiten bestätigt")).to_be_visible()
    with session_scope() as db:
        agreement = db.exec(select(Agreement).where(Agreement.listing_id == listing_id)).one()
        assert agreement.amount_cents == 1250
        assert agreement.helper_id == _user_id("jonas@delbrueck.example")
        assert agreement.helper_done_at is not None and agreement.seeker_done_at is not None

    # 5. Both rate each other; Maria's rating is for the administration only.
    jonas.get_by_label("5 Sterne – rundum zufrieden").check()
    jonas.get_by_label("Ihr Kommentar (freiwillig, höchstens 1000 Zeichen)").fill(PUBLIC_COMMENT)
    jonas.get_by_role("button", name="Bewertung abgeben").click()
    expect(jonas.get_by_role("status")).to_contain_text("Vielen Dank für Ihre Bewertung.")
    expect(jonas.get_by_text("Ihre Bewertung: 5 von 5 Sternen.")).to_be_visible()

    maria.reload()
    expect(maria.get_by_text("von beiden Seiten bestätigt")).to_be_visible()
    maria.get_by_label("2 Sterne – wenig zufrieden").check()
    maria.get_by_label("Ihr Kommentar (freiwillig, höchstens 1000 Zeichen)").fill(ADMIN_COMMENT)
    maria.get_by_label(re.compile("Nur für die Verwaltung")).check()
    maria.get_by_role("button", name="Bewertung abgeben").click()
    expect(maria.get_by_text("Ihre Bewertung: 2 von 5 Sternen.")).to_be_visible()

    # A second rating sent straight over the websocket is refused; nothing is saved.
    token = _client_token(maria)
    updates = send_event(
        apps.public,
        token,
        f"{ThreadState.get_full_name()}.rate",
        {"form": {"stars": "1", "comment": "Noch einmal"}},
        path=conversation_url.removeprefix(apps.public),
    )
    assert "schon bewertet" in str(updates)
    with session_scope() as db:
        ratings = (
            select(func.count()).select_from(Rating).where(Rating.agreement_id == agreement.id)
        )
        assert db.exec(ratings).one() == 2

    # 6. The public profiles (both chose "alle"): Maria's shows Jonas's rating; Jonas's not
    # the admin-only one.
    visitor = _phone(browser).new_page()
    visitor.goto(apps.public + f"/k/delbrueck/person/{_public_handle('maria@delbrueck.example')}")
    expect(visitor.get_by_role("heading", name="Maria Schneider", level=1)).to_be_visible()
    expect(visitor.get_by_test_id("rating-summary")).to_have_text("1 Bewertung: 5,0 von 5 Sternen")
    rating = visitor.get_by_test_id("rating")
    expect(rating).to_contain_text(PUBLIC_COMMENT)
    expect(rating).to_contain_text("Jonas Becker")
    expect(rating.get_by_role("img", name="5 von 5 Sternen")).to_be_visible()
    expect(visitor.get_by_text("Boke")).to_be_visible()
    expect(visitor.get_by_text("@")).to_have_count(0)

    jonas_handle = _public_handle("jonas@delbrueck.example")
    visitor.goto(apps.public + f"/k/delbrueck/person/{jonas_handle}")
    expect(visitor.get_by_role("heading", name="Jonas Becker", level=1)).to_be_visible()
    expect(visitor.get_by_text("Noch keine Bewertungen.")).to_be_visible()
    expect(visitor.get_by_text(ADMIN_COMMENT)).to_have_count(0)
    # …and a person of Delbrück is not found under another Kommune's address.
    visitor.goto(apps.public + f"/k/bad-lippspringe/person/{jonas_handle}")
    expect(visitor.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible()
    expect(visitor.get_by_text("Jonas Becker")).to_have_count(0)
    for context in (maria_context, jonas_context, visitor.context):
        context.close()


def _foreign_conversation() -> int:
    """A conversation in Bad Lippspringe between Anna and a neighbour of hers."""
    with session_scope() as db:
        listing = db.exec(
            select(Listing).where(Listing.title == "Gartenhilfe im Kurpark-Viertel")
        ).one()
        neighbour = User(
            email="bernd@bad-lippspringe.example",
            password_hash=hash_password(DEMO_PASSWORD),
            display_name="Bernd Brandt",
            kommune_id=listing.kommune_id,
            status=UserStatus.APPROVED,
        )
        db.add(neighbour)
        db.flush()
        conversation = Conversation(
            kommune_id=listing.kommune_id,
            listing_id=listing.id,
            author_id=listing.author_id,
            starter_id=neighbour.id,
        )
        db.add(conversation)
        db.flush()
        db.add(Message(conversation_id=conversation.id, sender_id=neighbour.id, body="Ich komme"))
        db.flush()
        assert conversation.id is not None
        return conversation.id


def test_forged_conversation_of_another_kommune_changes_nothing(
    apps: Apps, browser: Browser
) -> None:
    foreign = _foreign_conversation()
    context = _phone(browser)
    page = context.new_page()
    _login(page, apps, "maria@delbrueck.example", "Maria Schneider")
    page.goto(apps.public + f"/nachrichten/{foreign}")
    expect(page.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible()
    expect(page.get_by_text("Ich komme")).to_have_count(0)

    token = _client_token(page)
    path = f"/nachrichten/{foreign}"
    send = f"{ThreadState.get_full_name()}.send"
    updates = send_event(apps.public, token, send, {"form": {"body": "Eingeschleust"}}, path=path)
    assert "Dieses Gespräch wurde nicht gefunden." in str(updates)
    updates = send_event(
        apps.public,
        token,
        f"{ThreadState.get_full_name()}.confirm",
        {"form": {"value": "10"}},
        path=path,
    )
    assert "Dieses Gespräch wurde nicht gefunden." in str(updates)
    assert "Ich komme" not in str(updates)
    with session_scope() as db:
        bodies = db.exec(select(Message.body).where(Message.conversation_id == foreign)).all()
        assert bodies == ["Ich komme"]
        assert db.exec(select(Message).where(Message.body == "Eingeschleust")).all() == []
        assert db.exec(select(Agreement).where(Agreement.conversation_id == foreign)).all() == []
        conversation = db.get(Conversation, foreign)
        assert conversation is not None and conversation.starter_read_at is None
    context.close()


def test_pending_person_is_told_why_they_cannot_write(apps: Apps, browser: Browser) -> None:
    listing_id = _listing_id("Blumen gießen im Urlaub")
    context = _phone(browser)
    page = context.new_page()
    _login(page, apps, "neu@delbrueck.example", "Peter Neumann")
    page.goto(apps.public + f"/nachrichten/neu?eintrag={listing_id}")
    expect(page.get_by_role("heading", name="Nachricht schreiben", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("wartet noch auf die Freischaltung")
    expect(page.get_by_role("status")).to_contain_text("anderen Menschen schreiben")
    expect(page).to_have_url(re.compile(r"/nachrichten/neu/?\?eintrag="))
    with session_scope() as db:
        pending_id = _user_id("neu@delbrueck.example")
        started = db.exec(select(Conversation).where(Conversation.starter_id == pending_id)).all()
        assert started == []
    context.close()


def test_ended_listing_cannot_be_contacted(apps: Apps, browser: Browser) -> None:
    listing_id = _listing_id("Hund ausführen")
    with session_scope() as db:
        listing = db.get(Listing, listing_id)
        assert listing is not None
        listing.status = ListingStatus.CLOSED
        db.add(listing)
    context = _phone(browser)
    page = context.new_page()
    _login(page, apps, "maria@delbrueck.example", "Maria Schneider")
    page.goto(apps.public + f"/nachrichten/neu?eintrag={listing_id}")
    expect(page.get_by_role("status")).to_contain_text("Dieser Eintrag ist nicht mehr aktiv")
    with session_scope() as db:
        assert (
            db.exec(select(Conversation).where(col(Conversation.listing_id) == listing_id)).all()
            == []
        )
    context.close()
