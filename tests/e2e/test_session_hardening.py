"""Sessions without secrets in Reflex state (issue #8, findings 1, 2 and 8): the session
lives only in an HttpOnly cookie set by the app's own endpoint, a raw websocket client gets
nowhere with a token in the old state position, the state store holds no working token or
ticket after a walkthrough of both apps, and logging out or being blocked leaves nothing of
the person for the next one at a shared PC."""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlmodel import select

from admin_portal.state import AdminSession
from dasnez_app.state import PublicSession
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.models import Area, Category, Kommune, User, UserStatus
from dasnez_core.passwords import hash_password
from dasnez_core.seed import DEMO_PASSWORD
from dasnez_core.services import moderation
from dasnez_core.services.sessions import actor_for, create_session, hash_token
from scripts.apps import APPS, app_env
from tests import factories as f
from tests.e2e.browser import log_out
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event

PHONE = {"width": 390, "height": 844}
ADMIN = "admin@delbrueck.example"
HYDRATE = "reflex___state____state.hydrate_and_load"


def _citizen(name: str) -> tuple[int, str]:
    """A new approved person in Delbrück (Boke) who logs in with DEMO_PASSWORD."""
    address = f"{uuid.uuid4().hex[:10]}@example.org"
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        boke = db.exec(select(Area).where(Area.kommune_id == kommune.id, Area.name == "Boke")).one()
        user = User(
            email=address,
            password_hash=hash_password(DEMO_PASSWORD),
            display_name=name,
            kommune_id=kommune.id,
            area_id=boke.id,
            status=UserStatus.APPROVED,
        )
        db.add(user)
        db.flush()
        assert user.id is not None
        return user.id, address


def _actor(db: Any, email: str) -> Actor:
    return actor_for(db, db.exec(select(User).where(User.email == email)).one())


def _conversation(email: str, body: str) -> int:
    """A conversation of `email` with one message `body`, about a closed listing of a
    new person: nothing other tests count (public listings, Jonas's unread messages)."""
    _, author_email = _citizen("Anton Autor")
    with session_scope() as db:
        starter = db.exec(select(User).where(User.email == email)).one()
        author = db.exec(select(User).where(User.email == author_email)).one()
        category = db.exec(select(Category).where(Category.kommune_id == author.kommune_id)).first()
        assert category is not None
        listing = f.listing_with(db, author, category, title="Abgeschlossen", status="closed")
        conversation = f.conversation_about(db, listing, starter)
        f.message_in(db, conversation, starter, body)
        assert conversation.id is not None
        return conversation.id


def _public_login(page: Page, apps: Apps, email: str, name: str) -> None:
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_text(name)).to_be_visible()


def _admin_login(page: Page, apps: Apps) -> None:
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill(ADMIN)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Übersicht – \S"), level=1)
    ).to_be_visible()


class _Frames:
    """Every websocket frame the page receives, to prove data was not even sent."""

    def __init__(self, page: Page) -> None:
        self.texts: list[str] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload: Any) -> None:
        self.texts.append(payload if isinstance(payload, str) else payload.decode(errors="replace"))

    def since(self, start: int) -> str:
        return "\n".join(self.texts[start:])


def _cookie_names(context: BrowserContext) -> set[str]:
    return {c["name"] for c in context.cookies()}


# --- finding 1 and 8: the token is in no state position, only in the HttpOnly cookie -------


def _refresh(base: str, tab: str, cookie: str | None = None) -> str:
    name = f"{PublicSession.get_full_name()}.refresh_session"
    return str(send_event(base, tab, name, {}, path="/anmelden", cookie=cookie))


def test_a_token_in_the_old_state_position_logs_nobody_in(apps: Apps) -> None:
    user_id, _ = _citizen("Olga Altposition")
    with session_scope() as db:
        token = create_session(db, user_id, "public")
        admin_token = create_session(db, _actor(db, ADMIN).user_id or 0, "admin")

    # The old place: the session cookie var, as the browser sends it on hydrate.
    tab = fresh_token()
    old_var = f"{PublicSession.get_full_name()}.token"
    send_event(apps.public, tab, HYDRATE, {"vars": {old_var: token}}, path="/anmelden")
    assert "Olga Altposition" not in _refresh(apps.public, tab)
    # Without any cookie on the connection: anonymous.
    assert "Olga Altposition" not in _refresh(apps.public, fresh_token())
    # What the state store holds in its place (the token's hash) opens nothing either.
    assert "Olga Altposition" not in _refresh(
        apps.public, fresh_token(), cookie=f"dasnez_session={hash_token(token)}"
    )
    # The portal's cookie opens nothing in the public app, and vice versa.
    assert "Verwaltung" not in _refresh(
        apps.public, fresh_token(), cookie=f"dasnez_admin_session={admin_token}"
    )
    refresh_admin = f"{AdminSession.get_full_name()}.refresh"
    assert "Olga Altposition" not in str(
        send_event(apps.admin, fresh_token(), refresh_admin, {}, cookie=f"dasnez_session={token}")
    )
    # The one place that works: the session cookie on the websocket handshake.
    assert "Olga Altposition" in _refresh(
        apps.public, fresh_token(), cookie=f"dasnez_session={token}"
    )


def test_the_session_cookie_is_httponly_and_set_by_the_endpoint(
    apps: Apps, browser: Browser
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    set_cookies: list[str] = []
    page.on(
        "response",
        lambda r: (
            set_cookies.append(r.header_value("set-cookie") or "")
            if "/_session/open" in r.url
            else None
        ),
    )
    _public_login(page, apps, "maria@delbrueck.example", "Maria Schneider")
    assert set_cookies and set_cookies[0].startswith("dasnez_session=")
    assert "HttpOnly" in set_cookies[0] and "SameSite=Strict" in set_cookies[0]
    cookie = next(c for c in context.cookies() if c["name"] == "dasnez_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert "dasnez_session" not in str(page.evaluate("() => document.cookie"))
    # The portal's cookie has its own name and is not readable by scripts either.
    _admin_login(page, apps)
    assert {"dasnez_session", "dasnez_admin_session"} <= _cookie_names(context)
    assert "dasnez_admin_session" not in str(page.evaluate("() => document.cookie"))
    page.goto(apps.public + "/k/delbrueck")
    assert "session" not in str(page.evaluate("() => document.cookie"))
    context.close()


# --- finding 2: logout and blocking forget the person's pages ------------------------------


def test_logout_forgets_the_conversation_and_back_shows_nothing(
    apps: Apps, browser: Browser
) -> None:
    body = f"Geheimer Nachrichtentext {uuid.uuid4().hex[:8]}"
    _, email = _citizen("Paul Abmelder")
    conversation_id = _conversation(email, body)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    frames = _Frames(page)
    _public_login(page, apps, email, "Paul Abmelder")
    page.goto(apps.public + f"/nachrichten/{conversation_id}")
    expect(page.get_by_text(body)).to_be_visible()
    start = len(frames.texts)
    log_out(page)
    expect(page.get_by_role("link", name="Anmelden")).to_be_visible()
    page.go_back()
    page.wait_for_timeout(2000)
    expect(page.get_by_text(body)).to_have_count(0)
    page.reload()
    page.wait_for_timeout(2000)
    expect(page.get_by_text(body)).to_have_count(0)
    assert body not in frames.since(start)
    assert "Paul Abmelder" not in frames.since(start)
    context.close()


def test_logout_forgets_the_people_list_of_the_portal(apps: Apps, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    frames = _Frames(page)
    _admin_login(page, apps)
    page.goto(apps.admin + "/personen?q=maria")
    expect(page.get_by_text("maria@delbrueck.example")).to_be_visible()
    start = len(frames.texts)
    log_out(page)
    expect(page.get_by_label("E-Mail-Adresse")).to_be_visible()
    page.go_back()
    page.wait_for_timeout(2000)
    page.reload()
    page.wait_for_timeout(2000)
    expect(page.get_by_text("maria@delbrueck.example")).to_have_count(0)
    assert "@delbrueck.example" not in frames.since(start)
    context.close()


def test_a_person_blocked_with_the_tab_open_sees_nothing_on_reload(
    apps: Apps, browser: Browser
) -> None:
    body = f"Nachricht vor der Sperre {uuid.uuid4().hex[:8]}"
    user_id, email = _citizen("Bert Gesperrt")
    conversation_id = _conversation(email, body)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    frames = _Frames(page)
    _public_login(page, apps, email, "Bert Gesperrt")
    page.goto(apps.public + f"/nachrichten/{conversation_id}")
    expect(page.get_by_text(body)).to_be_visible()
    with session_scope() as db:
        admin = _actor(db, ADMIN)
        moderation.block_user(db, admin, min(admin.admin_of), user_id, "Test: Sperre")
    start = len(frames.texts)
    page.reload()
    page.wait_for_timeout(2500)
    expect(page.get_by_text(body)).to_have_count(0)
    assert body not in frames.since(start)
    assert "Bert Gesperrt" not in frames.since(start)
    context.close()


# --- finding 1: the state store after a walkthrough of both apps ---------------------------


def _state_files() -> list[Path]:
    files: list[Path] = []
    for spec in APPS.values():
        states = Path(app_env(spec)["REFLEX_STATES_WORKDIR"])
        files += [p for p in states.rglob("*") if p.is_file()]
    return files


def test_the_state_store_holds_no_working_token_or_ticket(apps: Apps, browser: Browser) -> None:
    body = f"Nachricht für den Scan {uuid.uuid4().hex[:8]}"
    _, email = _citizen("Susi Scan")
    conversation_id = _conversation(email, body)
    tickets: list[str] = []

    def watch(page: Page) -> Page:
        page.on(
            "request",
            lambda r: (
                tickets.extend(re.findall(r"[?&]ticket=([\w-]+)", r.url))
                if "/_session/open" in r.url
                else None
            ),
        )
        return page

    # Walk through both apps, log out of one visit each, stay logged in on another.
    leaving = browser.new_context(viewport=PHONE)
    page = watch(leaving.new_page())
    _public_login(page, apps, email, "Susi Scan")
    page.goto(apps.public + f"/nachrichten/{conversation_id}")
    expect(page.get_by_text(body)).to_be_visible()
    page.goto(apps.public + "/konto")
    log_out(page)
    expect(page.get_by_role("link", name="Anmelden")).to_be_visible()
    _admin_login(page, apps)
    page.goto(apps.admin + "/personen?q=maria")
    expect(page.get_by_text("maria@delbrueck.example")).to_be_visible()
    log_out(page)
    expect(page.get_by_label("E-Mail-Adresse")).to_be_visible()

    staying = browser.new_context(viewport=PHONE)
    other = watch(staying.new_page())
    _public_login(other, apps, "maria@delbrueck.example", "Maria Schneider")
    other.goto(apps.public + "/nachrichten")
    _admin_login(other, apps)
    other.goto(apps.admin + "/personen?q=maria")
    expect(other.get_by_text("maria@delbrueck.example")).to_be_visible()

    live_tokens = [
        c["value"]
        for c in staying.cookies()
        if c["name"] in ("dasnez_session", "dasnez_admin_session") and c["value"]
    ]
    assert len(live_tokens) == 2
    time.sleep(3)  # the disk state manager writes after a short debounce
    files = _state_files()
    assert files, "no state files found"
    found = [
        (path.name, secret[:6])
        for path in files
        for secret in live_tokens + tickets
        if secret.encode() in path.read_bytes()
    ]
    assert found == []
    assert len(tickets) == 4  # one per login, each through /_session/open
    # No ticket still works (each was redeemed once, at login).
    with session_scope() as db:
        from dasnez_core.services.sessions import redeem_ticket

        for ticket in tickets:
            assert redeem_ticket(db, ticket, "public") is None
            assert redeem_ticket(db, ticket, "admin") is None
    # The person who logged out left no message of theirs in the store.
    assert not [p.name for p in files if body.encode() in p.read_bytes()]
    leaving.close()
    staying.close()
