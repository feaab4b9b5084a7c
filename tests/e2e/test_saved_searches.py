"""The public read API over HTTP against the running app, and a saved search from the
browse page to the mail's one-click unsubscribe link."""

from __future__ import annotations

import email
import email.policy
import os
import re
import subprocess
import sys
from datetime import timedelta

import httpx
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlmodel import select

from dasnez_app.pages.browse import BrowseState
from dasnez_app.pages.saved_searches import SavedSearchesState
from dasnez_core.config import PROJECT_ROOT
from dasnez_core.db import session_scope
from dasnez_core.models import Area, Kommune, Listing, SavedSearch, User, utcnow
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.conftest import Apps
from tests.e2e.hostile import send_event, tab_of
from tests.e2e.mails import mails_to
from tests.e2e.test_accessibility import AXE_OPTIONS

FOREIGN = {"origin": "https://schule.example"}
CITIZEN = "jonas@delbrueck.example"


def test_api_answers_over_http_with_open_cors_on_the_api_only(apps: Apps) -> None:
    with httpx.Client(base_url=apps.public, timeout=20) as http:
        kommunen = http.get("/api/v1/kommunen", headers=FOREIGN)
        assert kommunen.status_code == 200
        assert kommunen.headers["access-control-allow-origin"] == "*"
        assert kommunen.headers["x-content-type-options"] == "nosniff"
        assert "delbrueck" in [k["slug"] for k in kommunen.json()["items"]]
        listings = http.get(
            "/api/v1/kommunen/delbrueck/listings", params={"art": "offer"}, headers=FOREIGN
        )
        assert listings.status_code == 200
        items = listings.json()["items"]
        assert items and {i["kind"] for i in items} == {"offer"}
        assert "@" not in listings.text  # no email address of anybody
        one = http.get(items[0]["api"].removeprefix(apps.public))
        assert one.status_code == 200 and one.json()["title"] == items[0]["title"]
        assert http.get("/api/v1/kommunen/delbrueck/listings?seite=abc").status_code == 400
        assert http.get("/api/v1/kommunen/gibt-es-nicht").status_code == 404
        assert http.get("/api/v1/openapi.json").json()["openapi"].startswith("3.")
        # A foreign site may not write, and the app's own pages keep their strict CORS.
        assert http.post("/api/v1/kommunen", headers=FOREIGN).status_code == 403
        page = http.get("/k/delbrueck", headers=FOREIGN)
        assert page.headers.get("access-control-allow-origin") != "*"


def _axe_clean(page: Page) -> None:
    """No WCAG 2.1 AA violation on the page as it is now (the form open, a message shown)."""
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def _run_alerts(apps: Apps) -> str:
    env = {
        **os.environ,
        "DASNEZ_SMTP_HOST": "",
        "DASNEZ_OUTBOX_DIR": str(apps.outbox),
        "DASNEZ_PUBLIC_URL": apps.public,
    }
    done = subprocess.run(
        [sys.executable, "-m", "dasnez_core.cli", "alerts"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def _list_unsubscribe(apps: Apps, to: str) -> str:
    for path in sorted(apps.outbox.glob("*.eml"), reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == to and message["List-Unsubscribe"]:
            return str(message["List-Unsubscribe"])
    raise AssertionError(f"no saved-search mail to {to}")


def test_save_a_search_get_the_mail_and_unsubscribe(apps: Apps, page: Page) -> None:
    with session_scope() as db:
        delbrueck = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        westenholz = db.exec(
            select(Area).where(Area.kommune_id == delbrueck.id, Area.name == "Westenholz")
        ).one()
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(CITIZEN)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/k/"))

    page.goto(f"{apps.public}/k/delbrueck/eintraege?art=offer&ort={westenholz.id}")
    page.get_by_text("Suche speichern", exact=True).click()
    expect(page.get_by_label("Name der Suche")).to_have_value("Neue Angebote in Westenholz")
    page.get_by_label("Wie oft?").select_option(label="täglich")
    page.get_by_role("button", name="Speichern und benachrichtigen").click()
    expect(page.get_by_role("status").filter(has_text="ist gespeichert")).to_be_visible()
    _axe_clean(page)

    page.goto(apps.public + "/konto")
    saved = page.get_by_role("region", name="Gespeicherte Suchen")
    expect(saved).to_contain_text("Neue Angebote in Westenholz")
    expect(saved).to_contain_text("E-Mail täglich")
    _axe_clean(page)

    # A day later a neighbour offers help in Westenholz.
    with session_scope() as db:
        jonas = db.exec(select(User).where(User.email == CITIZEN)).one()
        search = db.exec(select(SavedSearch).where(SavedSearch.user_id == jonas.id)).one()
        search.last_sent_at = utcnow() - timedelta(days=1, hours=1)
        db.add(search)
        template = db.exec(
            select(Listing).where(
                Listing.kommune_id == delbrueck.id,
                Listing.kind == "offer",
                Listing.status == "published",
            )
        ).first()
        assert template is not None
        maria = db.exec(select(User).where(User.email == "maria@delbrueck.example")).one()
        now = utcnow()
        db.add(
            Listing(
                kommune_id=delbrueck.id,
                kind="offer",
                exchange_id=template.exchange_id,
                category_id=template.category_id,
                area_id=westenholz.id,
                district_id=westenholz.id,
                title="Fahrrad reparieren in Westenholz",
                body="Ich repariere gern Fahrräder.",
                author_id=maria.id,
                created_at=now,
                updated_at=now,
                expires_at=now + timedelta(days=30),
            )
        )
    assert "1 saved-search mails sent" in _run_alerts(apps)
    assert "0 saved-search mails sent" in _run_alerts(apps)  # nothing new since

    [(subject, text)] = [m for m in mails_to(apps.outbox, CITIZEN) if "Suche" in m[0]]
    assert "Neue Angebote in Westenholz" in subject
    assert "Fahrrad reparieren in Westenholz" in text
    link = re.search(r"(http://\S+/suche-abbestellen\?token=[0-9a-f.]+)", text)
    assert link is not None
    assert link.group(1) in _list_unsubscribe(apps, CITIZEN)

    # The link works in a browser without any login, once.
    page.context.clear_cookies()
    page.goto(link.group(1))
    expect(page.get_by_role("heading", name="Abgemeldet")).to_be_visible()
    expect(page.get_by_text("Neue Angebote in Westenholz", exact=False)).to_be_visible()
    _axe_clean(page)
    with session_scope() as db:
        assert db.exec(select(SavedSearch).where(SavedSearch.user_id == jonas.id)).first() is None
    page.goto(link.group(1))
    expect(page.get_by_role("heading", name="Abmeldung nicht möglich")).to_be_visible()


def test_another_persons_saved_search_cannot_be_deleted(apps: Apps, page: Page) -> None:
    with session_scope() as db:
        jonas = db.exec(select(User).where(User.email == CITIZEN)).one()
        foreign = SavedSearch(kommune_id=jonas.kommune_id, user_id=jonas.id or 0, name="Jonas'")
        db.add(foreign)
        db.flush()
        foreign_id = foreign.id
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill("maria@delbrueck.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/k/"))
    page.goto(apps.public + "/konto")
    expect(page.get_by_role("region", name="Gespeicherte Suchen")).to_be_visible()
    token = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    updates = send_event(
        apps.public,
        token,
        f"{SavedSearchesState.get_full_name()}.delete",
        {"search_id": foreign_id},
        path="/konto",
    )
    assert "Diese gespeicherte Suche gibt es nicht (mehr)." in str(updates)
    with session_scope() as db:
        assert db.get(SavedSearch, foreign_id) is not None
        db.delete(db.get(SavedSearch, foreign_id))


def _saved_count() -> int:
    with session_scope() as db:
        return len(db.exec(select(SavedSearch)).all())


def test_anonymous_and_pending_cannot_save_a_search(apps: Apps, page: Page) -> None:
    """The handler called straight over the websocket, as a hostile browser would."""
    browse = "/k/delbrueck/eintraege"
    form = {"form": {"save_name": "Alles", "save_frequency": "daily"}}
    event = f"{BrowseState.get_full_name()}.save_search"
    before = _saved_count()
    page.goto(apps.public + browse)
    expect(page.get_by_role("link", name=re.compile("Melden Sie sich an"))).to_be_visible()
    anonymous = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    updates = send_event(apps.public, anonymous, event, form, path=browse)
    assert "Bitte melden Sie sich zuerst an." in str(updates)

    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill("neu@delbrueck.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/k/"))
    page.goto(apps.public + browse)
    expect(page.get_by_text("sobald Ihre Kommune Ihr Konto freigeschaltet hat")).to_be_visible()
    pending = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    updates = send_event(apps.public, pending, event, form, path=browse)
    assert "Dazu sind Sie nicht berechtigt." in str(updates)
    assert _saved_count() == before
