"""Issue 16 (parts 2 and 4) against the running public app, as a hostile or unlucky browser
would meet it over the websocket: an id kept in the state from an earlier event never
decides what a submit writes, and a tab whose state the server lost (a flushed state store:
the server has nothing under the tab's token) goes on working, logged in, with its next event.
Issue 15: an event waiting for the database holds up no other tab of the same app.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import uuid
from typing import Any

from playwright.sync_api import Page, expect
from sqlalchemy.engine import make_url
from sqlmodel import select

from admin_portal.pages.approvals import ApprovalState
from dasnez_app.pages.new_listing import NewListingState
from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.models import Area, Category, Kommune, Listing, User, UserStatus
from dasnez_core.passwords import hash_password
from dasnez_core.seed import DEMO_PASSWORD
from dasnez_core.services import auth
from dasnez_core.services.sessions import create_session
from tests import factories as f
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event

NEW = "/k/delbrueck/neu"
LOAD = f"{NewListingState.get_full_name()}.load"
INTENT = f"{NewListingState.get_full_name()}.set_intent"
SUBMIT = f"{NewListingState.get_full_name()}.submit"
PUBLISHED = "Ihr Eintrag ist veröffentlicht."
UNKNOWN_KOMMUNE = "Diese Kommune kennen wir nicht"


def _citizen(name: str) -> tuple[int, str]:
    """A new approved person in Delbrück and the Cookie header of a live session of theirs."""
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        user = User(
            email=f"{uuid.uuid4().hex[:10]}@example.org",
            password_hash=hash_password(DEMO_PASSWORD),
            display_name=name,
            kommune_id=kommune.id,
            status=UserStatus.APPROVED,
        )
        db.add(user)
        db.flush()
        assert user.id is not None
        return user.id, f"dasnez_session={create_session(db, user.id, auth.PUBLIC_APP)}"


def _form(title: str) -> dict[str, str]:
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        category = db.exec(select(Category).where(Category.kommune_id == kommune.id)).first()
        boke = db.exec(select(Area).where(Area.kommune_id == kommune.id, Area.name == "Boke")).one()
        assert category is not None
        return {
            "kind": "offer",
            "category_id": str(category.id),
            "title": title,
            "body": "Ich helfe gern in der Nachbarschaft.",
            "area_id": str(boke.id),
        }


def _titles_of(user_id: int) -> list[str]:
    with session_scope() as db:
        return sorted(db.exec(select(Listing.title).where(Listing.author_id == user_id)).all())


def _listing(user_id: int, title: str) -> Listing:
    with session_scope() as db:
        return db.exec(
            select(Listing).where(Listing.author_id == user_id, Listing.title == title)
        ).one()


def _last(updates: list[dict[str, Any]], var: str) -> str | None:
    """The last value the server sent for `var` (of any state), in the order sent: what
    the tab shows once every update has arrived."""
    seen = None
    for update in updates:
        for delta in update.get("delta", {}).values():
            if f"{var}_rx_state_" in delta:
                seen = delta[f"{var}_rx_state_"]
    return seen


def _event(apps: Apps, tab: str, cookie: str, name: str, payload: dict[str, Any], path: str) -> str:
    return str(send_event(apps.public, tab, name, payload, path=path, cookie=cookie, timeout=6))


def _publish(apps: Apps, tab: str, cookie: str, title: str, path: str = NEW) -> str:
    _event(apps, tab, cookie, INTENT, {"intent": "publish"}, path)
    return _event(apps, tab, cookie, SUBMIT, {"form": _form(title)}, path)


def test_no_id_kept_in_the_state_decides_what_a_submit_writes(apps: Apps) -> None:
    me, cookie = _citizen("Frieda Form")
    other, _ = _citizen("Otto Anders")
    with session_scope() as db:
        author = db.get(User, other)
        assert author is not None
        category = db.exec(select(Category).where(Category.kommune_id == author.kommune_id)).first()
        assert category is not None
        f.listing_of(db, author, category, title="Ottos Eintrag")
    tab = fresh_token()
    _event(apps, tab, cookie, LOAD, {}, NEW)
    assert PUBLISHED in _publish(apps, tab, cookie, "Eintrag A")
    first = _listing(me, "Eintrag A")

    # The form of A for editing: the state now holds A's id.
    edit_a = f"/k/delbrueck/eintrag/{first.id}/bearbeiten"
    assert "Eintrag A" in _event(apps, tab, cookie, LOAD, {}, edit_a)
    # A load that fails (someone else's listing): then a submit from /neu creates a new row.
    theirs = _listing(other, "Ottos Eintrag")
    _event(apps, tab, cookie, LOAD, {}, f"/k/delbrueck/eintrag/{theirs.id}/bearbeiten")
    assert PUBLISHED in _publish(apps, tab, cookie, "Eintrag B")

    # A forged route: someone else's listing, and a path that is no form of the page.
    _publish(apps, tab, cookie, "Gekapert", path=f"/k/delbrueck/eintrag/{theirs.id}/bearbeiten")
    _publish(apps, tab, cookie, "Gekapert", path=f"/k/delbrueck/eintrag/{first.id}")

    assert _titles_of(me) == ["Eintrag A", "Eintrag B"]
    assert _titles_of(other) == ["Ottos Eintrag"]
    unchanged = _listing(me, "Eintrag A")
    assert (unchanged.body, unchanged.updated_at) == (first.body, first.updated_at)


def test_a_tab_whose_state_was_lost_goes_on_working_logged_in(apps: Apps) -> None:
    me, cookie = _citizen("Lena Verloren")
    # The server holds nothing for this tab (its state store was flushed); its open form
    # sends the next events.
    tab = fresh_token()

    updates = send_event(
        apps.public, tab, SUBMIT, {"form": _form("Nach dem Verlust")}, path=NEW, cookie=cookie
    )
    shown = str(updates)

    assert _last(updates, "success") == PUBLISHED  # the page load after it keeps it
    assert UNKNOWN_KOMMUNE not in shown
    assert "Lena Verloren" in shown  # the header still names the person: not logged out
    assert _titles_of(me) == ["Nach dem Verlust"]


def test_a_lost_state_gives_an_anonymous_caller_nothing(apps: Apps) -> None:
    shown = _event(apps, fresh_token(), "", SUBMIT, {"form": _form("Ohne Anmeldung")}, NEW)
    assert PUBLISHED not in shown
    with session_scope() as db:
        assert db.exec(select(Listing).where(Listing.title == "Ohne Anmeldung")).first() is None


def test_a_portal_tab_whose_state_was_lost_decides_logged_in(apps: Apps) -> None:
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        admin = db.exec(select(User).where(User.email == "admin@delbrueck.example")).one()
        waiting = User(
            email=f"{uuid.uuid4().hex[:10]}@example.org",
            password_hash=hash_password(DEMO_PASSWORD),
            display_name="Wilma Wartend",
            kommune_id=kommune.id,
            status=UserStatus.PENDING,
        )
        db.add(waiting)
        db.flush()
        assert admin.id is not None and waiting.id is not None
        person = waiting.id
        cookie = f"dasnez_admin_session={create_session(db, admin.id, auth.ADMIN_APP)}"

    updates = send_event(
        apps.admin,
        fresh_token(),
        f"{ApprovalState.get_full_name()}.approve",
        {"user_id": person},
        path="/freischaltung",
        cookie=cookie,
    )

    assert "Wilma Wartend" in str(_last(updates, "success"))
    assert _last(updates, "ready") is True
    with session_scope() as db:
        assert db.get(User, person).status == UserStatus.APPROVED  # type: ignore[union-attr]


def test_a_double_click_publishes_once_and_editing_changes_that_listing(
    apps: Apps, page: Page
) -> None:
    """The ordinary way through the form in the browser, now that no id is kept: one row
    for a double click, the edit form updates that row, and the next new form is empty."""
    me, _ = _citizen("Dora Doppelklick")
    with session_scope() as db:
        user = db.get(User, me)
        assert user is not None
        email = user.email
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_text("Dora Doppelklick")).to_be_visible()

    page.goto(apps.public + NEW)
    page.get_by_text("Ich biete Hilfe an (Angebot)").click()
    page.get_by_label("Kategorie").select_option(index=1)
    page.get_by_label("Titel").fill("Einmal bitte")
    page.get_by_label("Beschreibung").fill("Ich helfe gern beim Einkaufen.")
    page.get_by_label("Ortsteil").select_option(label="Boke")
    page.get_by_role("button", name="Veröffentlichen").dblclick()
    expect(page.get_by_text(PUBLISHED)).to_be_visible()
    page.wait_for_timeout(1000)  # a second submit, if any, has been handled by now
    assert _titles_of(me) == ["Einmal bitte"]
    created = _listing(me, "Einmal bitte")

    page.get_by_role("link", name="Meine Einträge").first.click()
    page.get_by_role("link", name="Bearbeiten").first.click()
    expect(page.get_by_role("heading", name="Eintrag bearbeiten")).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value("Einmal bitte")
    page.get_by_label("Titel").fill("Einmal bitte, geändert")
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_text(PUBLISHED)).to_be_visible()
    assert _titles_of(me) == ["Einmal bitte, geändert"]
    assert _listing(me, "Einmal bitte, geändert").id == created.id

    page.goto(apps.public + NEW)
    expect(page.get_by_role("heading", name="Neues Angebot oder Gesuch")).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value("")


def test_a_save_waiting_for_the_database_holds_up_no_other_tab(apps: Apps) -> None:
    """A handler that waits for the database (here SQLite's write lock, which this test
    holds) runs off the event loop: a stranger's tab on the same app is answered meanwhile.
    On the loop, the waiting save stopped the whole worker: the stranger could not even
    connect until the lock was gone."""
    me, cookie = _citizen("Walter Warten")
    form = _form("Nach dem Warten")
    saved: list[str] = []

    def publish() -> None:
        updates = send_event(
            apps.public,
            fresh_token(),
            SUBMIT,
            {"form": form},
            path=NEW,
            cookie=cookie,
            timeout=40,
            until=lambda shown: PUBLISHED in shown,
        )
        saved.append(str(updates))

    database = make_url(os.environ["DASNEZ_DATABASE_URL"]).database
    assert database is not None
    lock = sqlite3.connect(database, isolation_level=None, timeout=30)
    lock.execute("BEGIN IMMEDIATE")  # no one else writes until this test lets go
    writer = threading.Thread(target=publish)
    try:
        writer.start()
        time.sleep(1.5)  # the submit has reached the app and waits for the lock
        other = send_event(
            apps.public,
            fresh_token(),
            f"{PublicSession.get_full_name()}.refresh_session",
            {},
            path="/",
            timeout=10,
            until=lambda shown: "delta" in shown,
        )
        still_waiting = writer.is_alive() and not saved
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    writer.join(60)

    assert still_waiting  # the other tab was answered while the save waited
    assert "delta" in str(other)
    assert saved and PUBLISHED in saved[0]  # and the save went through once it could
    assert _titles_of(me) == ["Nach dem Warten"]
