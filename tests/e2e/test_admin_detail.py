"""Detail pages and actions in the admin portal, in Chromium at 1280 px.

Delbrück's admin opens a person from the people list, blocks and unblocks them with a
reason and finds both in the person's history; opens a listing from the listings list,
removes and restores it; hides an abusive rating, which leaves the public profile; and
settles three reports on one listing as one card. Bad Lippspringe's admin cannot use the
new handlers on Delbrück's records over the websocket. Every test makes its own people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from admin_portal import routes
from admin_portal.pages.listing_detail import ListingDetailState
from admin_portal.pages.person_detail import PersonDetailState
from dasnez_core.db import session_scope
from dasnez_core.models import (
    Agreement,
    Conversation,
    Listing,
    ListingReport,
    ListingStatus,
    ProfileVisibility,
    Rating,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event, tab_of
from tests.e2e.test_admin_moderation import (
    DELBRUECK_ADMIN,
    OTHER_ADMIN,
    _admin,
    _audit,
    _delbrueck_id,
    _listing,
    _listing_status,
    _person,
    _report,
    _user,
)


@pytest.fixture
def delbrueck(browser: Browser, apps: Apps) -> Iterator[Page]:
    page = _admin(browser, apps, DELBRUECK_ADMIN)
    yield page
    page.context.close()


def _rating(ratee_id: int, rater_id: int, listing_id: int, comment: str) -> int:
    """A confirmed exchange between the two, and the rater's public rating of the ratee."""
    with session_scope() as db:
        conversation = Conversation(
            kommune_id=_delbrueck_id(),
            listing_id=listing_id,
            author_id=ratee_id,
            starter_id=rater_id,
        )
        db.add(conversation)
        db.flush()
        now = utcnow()
        agreement = Agreement(
            kommune_id=_delbrueck_id(),
            conversation_id=conversation.id,
            listing_id=listing_id,
            helper_id=ratee_id,
            seeker_id=rater_id,
            helper_done_at=now,
            seeker_done_at=now,
        )
        db.add(agreement)
        db.flush()
        rating = Rating(
            kommune_id=_delbrueck_id(),
            agreement_id=id_of(agreement),
            rater_id=rater_id,
            ratee_id=ratee_id,
            stars=1,
            comment=comment,
        )
        db.add(rating)
        db.flush()
        return id_of(rating)


def _public_profile(user_id: int) -> str:
    """Show the person's profile to everybody; return its public path."""
    with session_scope() as db:
        user = db.get(User, user_id)
        assert user is not None
        user.profile_visibility = ProfileVisibility.ALL
        user.approved_at = utcnow()
        db.add(user)
        return f"/k/delbrueck/person/{user.handle}"


def _confirm(page: Page, label: str | re.Pattern[str], reason: str, button: str) -> None:
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_label(label).fill(reason)
    dialog.get_by_role("button", name=button).click()


def test_block_and_unblock_from_the_person_page(apps: Apps, delbrueck: Page) -> None:
    person = _person("Petra Detailseite", "petra.detail@example.org")
    page = delbrueck
    page.goto(apps.admin + "/personen?q=Petra+Detailseite")
    page.get_by_role("link", name="Petra Detailseite").click()
    page.wait_for_url(re.compile(rf"/personen/{person}/?$"))
    expect(page.get_by_role("heading", name="Petra Detailseite", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("petra.detail@example.org")
    expect(page.locator("main")).to_contain_text("Boke")
    # At 1280 px the portal uses the width (it was a 960 px column).
    main = page.locator("main").bounding_box()
    assert main is not None and main["width"] >= 1200, main
    # The menu marks the list the page belongs to, under its group's heading.
    expect(page.get_by_role("group", name="Inhalte")).to_contain_text("Bewertungen")
    expect(page.get_by_role("link", name="Personen", exact=True)).to_have_attribute(
        "aria-current", "page"
    )

    page.get_by_role("button", name="Sperren", exact=True).click()
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_role("button", name="Jetzt sperren").click()
    expect(dialog.get_by_role("alert")).to_contain_text("mindestens 5 Zeichen")
    assert _user(person).status == UserStatus.APPROVED  # type: ignore[union-attr]
    _confirm(page, "Grund der Sperre", "Beleidigende Nachrichten", "Jetzt sperren")
    expect(page.get_by_role("status")).to_contain_text("Petra Detailseite ist gesperrt.")
    assert _user(person).status == UserStatus.BLOCKED  # type: ignore[union-attr]
    history = page.locator("section[aria-labelledby=history]")
    expect(history.get_by_role("row").nth(1)).to_contain_text("Person gesperrt")
    expect(history.get_by_role("row").nth(1)).to_contain_text("Beleidigende Nachrichten")

    page.get_by_role("button", name="Entsperren", exact=True).click()
    _confirm(page, "Grund der Entsperrung", "Gespräch im Rathaus geführt", "Jetzt entsperren")
    expect(page.get_by_role("status")).to_contain_text("wieder freigeschaltet")
    expect(history.get_by_role("row").nth(1)).to_contain_text("Person entsperrt")
    assert _user(person).status == UserStatus.APPROVED  # type: ignore[union-attr]
    assert [e.reason for e in _audit("unblock_user", person)] == ["Gespräch im Rathaus geführt"]


def test_remove_and_restore_from_the_listing_page(
    apps: Apps, browser: Browser, delbrueck: Page
) -> None:
    author = _person("Lars Listing", "lars.listing@example.org")
    title = "Fahrradreparatur im Hinterhof"
    listing_id = _listing(author, title)
    page = delbrueck
    page.goto(apps.admin + "/eintraege?q=Fahrradreparatur")
    page.get_by_role("link", name=title).click()
    page.wait_for_url(re.compile(rf"/eintraege/{listing_id}/?$"))
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Lars Listing")).to_have_attribute(
        "href", routes.person_href(author)
    )

    page.get_by_role("button", name="Eintrag entfernen").click()
    _confirm(page, re.compile("^Grund"), "Gewerbliches Angebot", "Eintrag jetzt entfernen")
    expect(page.get_by_role("status")).to_contain_text(f"„{title}“ ist entfernt")
    assert _listing_status(listing_id) == ListingStatus.REMOVED

    page.get_by_role("button", name="Eintrag wiederherstellen").click()
    _confirm(page, "Grund der Wiederherstellung", "Doch privat, geklärt", "Jetzt wiederherstellen")
    expect(page.get_by_role("status")).to_contain_text(f"„{title}“ ist wiederhergestellt")
    assert _listing_status(listing_id) == ListingStatus.PUBLISHED
    rows = page.locator("section[aria-labelledby=history]").get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Eintrag wiederhergestellt")
    expect(rows.nth(2)).to_contain_text("Eintrag entfernt")

    visitor = browser.new_context().new_page()
    visitor.goto(f"{apps.public}/k/delbrueck/eintrag/{listing_id}")
    expect(visitor.get_by_role("heading", name=title)).to_be_visible()
    visitor.context.close()


def test_a_hidden_rating_leaves_the_public_profile(
    apps: Apps, browser: Browser, delbrueck: Page
) -> None:
    ratee = _person("Rita Bewertet", "rita.bewertet@example.org")
    rater = _person("Rolf Rüpel", "rolf.ruepel@example.org")
    listing_id = _listing(ratee, "Hecke schneiden, Garten pflegen")
    abusive = "Unverschämte Beleidigung in der Bewertung"
    rating_id = _rating(ratee, rater, listing_id, abusive)
    profile = apps.public + _public_profile(ratee)
    visitor = browser.new_context().new_page()
    visitor.goto(profile)
    expect(visitor.get_by_text(abusive)).to_be_visible()
    expect(visitor.get_by_text(re.compile("^1 Bewertung:"))).to_be_visible()

    page = delbrueck
    page.goto(apps.admin + routes.person_href(ratee))
    card = page.get_by_test_id("received-rating").filter(has_text=abusive)
    card.get_by_role("button", name="Bewertung ausblenden").click()
    _confirm(page, "Grund des Ausblendens", "Beleidigender Kommentar", "Jetzt ausblenden")
    expect(page.get_by_role("status")).to_contain_text("Die Bewertung ist ausgeblendet.")
    expect(card).to_contain_text("Ausgeblendet")
    expect(page.locator("section[aria-labelledby=history]")).to_contain_text(
        "Bewertung ausgeblendet"
    )
    with session_scope() as db:
        assert db.get(Rating, rating_id).hidden_reason == "Beleidigender Kommentar"  # type: ignore[union-attr]

    visitor.goto(profile)
    expect(visitor.get_by_text("Noch keine Bewertungen.")).to_be_visible()
    expect(visitor.get_by_text(abusive)).to_have_count(0)
    visitor.context.close()


def test_reports_on_one_listing_are_one_card(apps: Apps, delbrueck: Page) -> None:
    author = _person("Gerd Gruppe", "gerd.gruppe@example.org")
    title = "Dreifach gemeldeter Eintrag"
    listing_id = _listing(author, title)
    for reason in ("Werbung für einen Laden", "Sieht gewerblich aus", "Bitte prüfen, danke"):
        _report(listing_id, None, reason)
    page = delbrueck
    page.goto(apps.admin + "/meldungen")
    cards = page.get_by_test_id("report-group").filter(has_text=title)
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("3 × gemeldet")
    expect(cards).to_contain_text("Werbung für einen Laden")
    expect(cards).to_contain_text("Bitte prüfen, danke")
    expect(cards.get_by_role("link", name=title)).to_have_attribute(
        "href", routes.listing_detail_href(listing_id)
    )
    cards.get_by_role("button", name="Meldung verwerfen").click()
    _confirm(page, re.compile("^Grund"), "Kein Verstoß erkennbar", "Meldung jetzt verwerfen")
    expect(page.get_by_role("status")).to_contain_text(f"Die Meldungen zu „{title}“ sind verworfen")
    expect(cards).to_have_count(0)
    with session_scope() as db:
        reports = db.exec(select(ListingReport).where(ListingReport.listing_id == listing_id)).all()
        assert len(reports) == 3 and all(r.resolved_at is not None for r in reports)
    assert _listing_status(listing_id) == ListingStatus.PUBLISHED


def test_other_kommunes_admin_cannot_use_the_detail_handlers(apps: Apps, browser: Browser) -> None:
    person = _person("Hanna Hostil", "hanna.hostil@example.org")
    rater = _person("Theo Tester", "theo.tester@example.org")
    listing_id = _listing(person, "Nur Delbrück darf das ändern")
    rating_id = _rating(person, rater, listing_id, "Eine ehrliche Bewertung")
    _removed(listing_id)

    page = _admin(browser, apps, OTHER_ADMIN)
    # The page itself: Delbrück's person is not found for Bad Lippspringe's admin.
    page.goto(apps.admin + routes.person_href(person))
    expect(page.get_by_role("heading", name="Nicht gefunden", level=1)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Hanna Hostil")
    token = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)

    def send(state: type, handler: str, form: dict[str, str], path: str, tab: str) -> str:
        name = f"{state.get_full_name()}.{handler}"
        return str(send_event(apps.admin, tab, name, {"form": form}, path=path))

    person_path = routes.person_href(person)
    listing_path = routes.listing_detail_href(listing_id)
    reason = {"reason": "Fremde Kommune greift ein"}
    attempts = [
        (ListingDetailState, "restore", {"listing_id": str(listing_id), **reason}, listing_path),
        (ListingDetailState, "remove", {"listing_id": str(listing_id), **reason}, listing_path),
        (PersonDetailState, "block", {"user_id": str(person), **reason}, person_path),
        (PersonDetailState, "hide_rating", {"rating_id": str(rating_id), **reason}, person_path),
    ]
    for state, handler, form, path in attempts:
        answer = send(state, handler, form, path, token)
        assert "nicht gefunden" in answer or "gibt es nicht" in answer, (handler, answer)
        # Without any session: refused.
        answer = send(state, handler, form, path, fresh_token())
        assert "Dazu sind Sie nicht berechtigt." in answer, (handler, answer)
    assert _listing_status(listing_id) == ListingStatus.REMOVED
    assert _user(person).status == UserStatus.APPROVED  # type: ignore[union-attr]
    with session_scope() as db:
        assert db.get(Rating, rating_id).hidden_at is None  # type: ignore[union-attr]
    assert _audit("restore_listing", listing_id) == []
    assert _audit("block_user", person) == []
    page.context.close()


def _removed(listing_id: int) -> None:
    """Remove a listing as if its Kommune had (for the restore attempt)."""
    with session_scope() as db:
        listing = db.get(Listing, listing_id)
        assert listing is not None
        listing.status = ListingStatus.REMOVED
        db.add(listing)
