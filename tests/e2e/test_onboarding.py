"""From nothing to a live Kommune in Chromium, timed as a new user clicks through it:
platform staff fill the wizard (a taken address and garbage postcodes first), the public
page says "bald verfügbar", an interested person signs up and is mailed at go-live, the
invited admin sets a password, a citizen registers and is approved, and posts a listing.

Kommune admins and anonymous connections cannot call any of the new handlers over the
websocket; platform staff's charts, demand and export work in the browser.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from sqlmodel import func, select

from admin_portal.pages.kommunen import KommunenState
from admin_portal.pages.new_kommune import NewKommuneState
from admin_portal.pages.platform_charts import PlatformChartsState
from admin_portal.pages.platform_demand import DemandState
from dasnez_app.pages.interest_confirm import InterestConfirmState
from dasnez_app.pages.interest_form import InterestState
from dasnez_core.db import session_scope
from dasnez_core.models import (
    AuditEvent,
    InterestSignup,
    Kommune,
    Listing,
    User,
    UserStatus,
    id_of,
)
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.conftest import Apps
from tests.e2e.hostile import Tab, fresh_token, send_event, tab_of, without_router
from tests.e2e.mails import confirmation_link, mails_to

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PLATFORM = "betrieb@dasnez.example"
ADMIN_EMAIL = "amt@hoevelhof.example"
ADMIN_PASSWORD = "Die Ems fließt durch Hövelhof"
CITIZEN_EMAIL = "lena@example.org"
CITIZEN_PASSWORD = "Mein Garten am Sennebach"
INTERESTED = "warte@example.org"
TITLE = "Rasen mähen in Riege"
AREAS = "Bezirk; Dorf\nHövelhof; Riege\nHövelhof; Espeln\nHövelhof; Riege\n; Staumühle\nHövelriege"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _login(page: Page, url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(url)
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden").click()


def _type(page: Page, label: str, text: str) -> None:
    """Type as a person does (about 20 characters a second), not paste."""
    field = page.get_by_label(label, exact=True)
    field.fill("")
    field.press_sequentially(text, delay=50)


def _link(outbox: Path, to: str, path: str) -> str:
    for _subject, text in reversed(mails_to(outbox, to)):
        match = re.search(rf"(http://\S+{re.escape(path)}\?token=[A-Za-z0-9_\-]+)", text)
        if match:
            return match.group(1)
    raise AssertionError(f"no {path} link to {to}")


def _kommune(slug: str) -> Kommune | None:
    with session_scope() as db:
        return db.exec(select(Kommune).where(Kommune.slug == slug)).first()


def test_from_nothing_to_a_live_kommune_with_a_citizen_and_a_listing(
    apps: Apps, browser: Browser
) -> None:
    staff = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[arg-type]
    started = time.monotonic()
    _login(staff, apps.admin + "/", PLATFORM)
    staff.get_by_role("link", name="Neue Kommune").first.click()
    expect(staff.get_by_role("heading", name="Neue Kommune anlegen")).to_be_visible()

    # 1. The wizard as a person fills it, with a taken address and garbage postcodes.
    _type(staff, "Name der Kommune", "Hövelhof")
    _type(staff, "Adresse (z. B. delbrueck)", "delbrueck")
    _type(staff, "Postleitzahlen", "33161, Hövelhof")
    _type(staff, "Kreis", "Paderborn")
    _type(staff, "Zuständige Stelle", "Bürgerbüro")
    _type(staff, "E-Mail-Adresse für Rückfragen", "buergerbuero@hoevelhof.example")
    _type(staff, "Telefon", "05257 5009-0")
    _type(staff, "Anschrift", "Schloßstraße 14, 33161 Hövelhof")
    staff.locator("#new_kommune_logo input[type=file]").set_input_files(
        files=[{"name": "wappen.png", "mimeType": "image/png", "buffer": PNG}]
    )
    expect(staff.get_by_text("Gewählt: wappen.png")).to_be_visible()
    _type(staff, "E-Mail-Adresse der ersten Verwaltung", ADMIN_EMAIL)
    _type(staff, "Name der ersten Verwaltung", "Anna Amt")
    staff.get_by_label("Ortsteile (Liste oder CSV „Bezirk; Dorf“)").fill(AREAS)
    staff.get_by_label("Ortsteile (Liste oder CSV „Bezirk; Dorf“)").blur()
    preview = staff.get_by_test_id("area-preview")
    expect(preview).to_contain_text("2 Bezirke und 2 Dörfer werden übernommen, 3 Zeilen nicht.")
    expect(preview).to_contain_text("doppelt – nicht übernommen")
    expect(preview).to_contain_text("Dorf ohne Bezirk – nicht übernommen")
    staff.get_by_label("Tauschbörse").uncheck()
    staff.get_by_role("button", name="Kommune anlegen").click()
    expect(staff.get_by_text("Die Adresse „delbrueck“ ist schon vergeben.").first).to_be_visible()
    expect(
        staff.get_by_text("Keine gültige Postleitzahl (fünf Ziffern): „Hövelhof“.").first
    ).to_be_visible()
    assert _kommune("hoevelhof") is None
    with session_scope() as db:
        assert db.exec(select(User).where(User.email == ADMIN_EMAIL)).first() is None
    # What was typed is still there; only the two mistakes are corrected.
    expect(staff.get_by_label("Name der Kommune", exact=True)).to_have_value("Hövelhof")
    expect(staff.get_by_label("Kreis", exact=True)).to_have_value("Paderborn")
    _type(staff, "Adresse (z. B. delbrueck)", "hoevelhof")
    _type(staff, "Postleitzahlen", "33161")
    staff.get_by_role("button", name="Kommune anlegen").click()
    # Creating hashes the new admin's unknown password (argon2): give it time on a busy box.
    expect(staff.get_by_role("status").filter(has_text="ist angelegt")).to_contain_text(
        "Hövelhof ist angelegt: 2 Bezirke, 2 Dörfer, 14 Kategorien.", timeout=30_000
    )
    created = _kommune("hoevelhof")
    assert created is not None and created.live_since is None and created.logo_path

    # 2. Not live yet: "bald verfügbar", not found by the landing search.
    visitor = browser.new_context(viewport=PHONE).new_page()  # type: ignore[arg-type]
    visitor.goto(apps.public + "/k/hoevelhof")
    # The first page of the public app in this test session: a cold start on a busy box.
    expect(visitor.get_by_role("heading", name="Hövelhof", level=1)).to_be_visible(timeout=30_000)
    expect(visitor.get_by_text("Bald verfügbar")).to_be_visible()
    visitor.goto(apps.public + "/")
    visitor.get_by_role("searchbox").fill("Hövelhof")
    visitor.get_by_role("button", name="Suchen").click()
    # "Ihre Kommune ist noch nicht dabei.": the interest form, double opt-in.
    form = visitor.get_by_test_id("interest-form")
    expect(form).to_contain_text("Ihre Kommune ist noch nicht dabei.")
    form.get_by_label("Postleitzahl").fill("3316")
    form.get_by_role("button", name="Benachrichtigen Sie mich").click()
    expect(
        form.get_by_text("Bitte geben Sie eine Postleitzahl mit fünf Ziffern an.").first
    ).to_be_visible()
    expect(form.get_by_text("Bitte wählen Sie, als wer Sie schreiben.").first).to_be_visible()
    form.get_by_label("E-Mail-Adresse").fill(INTERESTED)
    form.get_by_label("Postleitzahl").fill("33161")
    form.get_by_label("Bürger/in").check()
    form.get_by_role("button", name="Benachrichtigen Sie mich").click()
    expect(form.get_by_role("status")).to_contain_text(f"eine E-Mail an {INTERESTED}")
    visitor.goto(_link(apps.outbox, INTERESTED, "/interesse-bestaetigen"))
    visitor.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(visitor.get_by_role("status")).to_contain_text("Postleitzahl 33161 ist bestätigt")

    # 3. Platform staff switch it live: the interested person is mailed.
    staff.get_by_role("link", name="Kommunen", exact=True).first.click()
    row = staff.get_by_test_id("kommune-row").filter(has_text="Hövelhof")
    expect(row.get_by_test_id("kommune-state")).to_have_text("im Aufbau – bald verfügbar")
    row.get_by_role("button", name="Hövelhof freischalten").click()
    expect(staff.get_by_role("status").filter(has_text="öffentlich")).to_contain_text(
        "Hövelhof ist jetzt öffentlich. 1 Interessierte wurden benachrichtigt.", timeout=20_000
    )
    onboarding_seconds = time.monotonic() - started
    expect(row.get_by_test_id("kommune-state")).to_have_text("öffentlich")
    [(subject, text)] = mails_to(apps.outbox, INTERESTED)[-1:]
    assert subject == "Hövelhof ist jetzt bei dasnez" and "/k/hoevelhof" in text
    print(f"\nONBOARDING: login to live Kommune clicked through in {onboarding_seconds:.1f} s")
    assert onboarding_seconds < 300

    # 4. The invited admin chooses a password and enters the portal.
    admin = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[arg-type]
    admin.goto(_link(apps.outbox, ADMIN_EMAIL, "/passwort-neu"))
    admin.get_by_label(re.compile("Neues Passwort")).fill(ADMIN_PASSWORD)
    admin.get_by_role("button", name="Neues Passwort speichern").click()
    expect(admin.get_by_role("status")).to_contain_text("Ihr neues Passwort ist gespeichert.")
    _login(admin, apps.admin + "/", ADMIN_EMAIL, ADMIN_PASSWORD)
    expect(admin.get_by_role("heading", name="Übersicht – Hövelhof")).to_be_visible()

    # 5. A citizen registers, confirms and is approved; then posts a listing.
    visitor.goto(apps.public + "/k/hoevelhof")
    visitor.get_by_role("link", name="Registrieren", exact=True).click()
    visitor.get_by_label("Ihr Name (so sehen ihn andere)").fill("Lena Lindner")
    visitor.get_by_label("E-Mail-Adresse").fill(CITIZEN_EMAIL)
    visitor.get_by_label("Passwort (mindestens 10 Zeichen)").fill(CITIZEN_PASSWORD)
    visitor.get_by_label("Geburtsdatum").fill("1968-03-14")
    visitor.get_by_label("Ihr Ortsteil").select_option(label="Hövelhof › Riege")
    visitor.get_by_label(re.compile("Datenschutzerklärung")).check()
    visitor.get_by_label(re.compile("Nutzungsbedingungen")).check()
    visitor.get_by_role("button", name="Registrieren").click()
    expect(visitor.get_by_text("Bitte sehen Sie in Ihr E-Mail-Postfach")).to_be_visible()
    visitor.goto(confirmation_link(apps.outbox, CITIZEN_EMAIL))
    visitor.get_by_role("button", name="Registrierung bestätigen").click()
    expect(visitor.get_by_role("status")).to_contain_text("Ihre E-Mail-Adresse ist bestätigt")
    admin.goto(apps.admin + "/freischaltung")
    admin.get_by_role("button", name="Freischalten Lena Lindner").click()
    expect(admin.get_by_role("status")).to_contain_text("Lena Lindner ist freigeschaltet")
    _login(visitor, apps.public + "/anmelden", CITIZEN_EMAIL, CITIZEN_PASSWORD)
    # A full page load after login: the websocket reconnects (slow on a busy machine).
    expect(visitor.get_by_role("heading", name="Hövelhof", level=1)).to_be_visible(timeout=30_000)
    visitor.get_by_role("link", name="Neues Angebot oder Gesuch").click()
    visitor.get_by_label("Ich suche Hilfe (Gesuch)").check()
    visitor.get_by_label("Kategorie").select_option(label="Taschengeldbörse – Garten")
    visitor.get_by_label("Titel").fill(TITLE)
    visitor.get_by_label("Beschreibung").fill("Wer mäht samstags meinen Rasen? Mäher ist da.")
    visitor.get_by_label("Ortsteil").select_option(label="Hövelhof › Riege")
    visitor.get_by_role("button", name="Veröffentlichen").click()
    expect(visitor.get_by_role("status")).to_contain_text("Ihr Eintrag ist veröffentlicht.")
    anonymous = browser.new_context(viewport=PHONE).new_page()  # type: ignore[arg-type]
    anonymous.goto(apps.public + "/k/hoevelhof")
    expect(anonymous.get_by_test_id("listing-card").filter(has_text=TITLE)).to_be_visible()
    with session_scope() as db:
        lena = db.exec(select(User).where(User.email == CITIZEN_EMAIL)).one()
        assert lena.status == UserStatus.APPROVED and lena.kommune_id == id_of(created)
        assert db.exec(select(Listing).where(Listing.title == TITLE)).one().author_id == lena.id
    for page in (staff, visitor, admin, anonymous):
        page.context.close()


def test_platform_staff_read_charts_and_demand_and_export(apps: Apps, browser: Browser) -> None:
    staff = browser.new_context(viewport=DESKTOP, accept_downloads=True).new_page()  # type: ignore[arg-type]
    _login(staff, apps.admin + "/", PLATFORM)
    staff.get_by_role("link", name="Statistik").first.click()
    expect(staff.get_by_role("heading", name="Statistik aller Kommunen")).to_be_visible()
    expect(staff.get_by_test_id("chart-kommunen")).to_contain_text("Delbrück")
    staff.get_by_label("von").fill("2026-03-01")
    staff.get_by_label("bis").fill("2026-01-01")
    staff.get_by_role("button", name="Anzeigen").click()
    expect(staff.get_by_role("alert").first).to_be_visible()
    with staff.expect_download() as download:
        staff.get_by_role("button", name="CSV: Neue Einträge").click()
    data = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    assert data.splitlines()[0] == "Monat;Neue Einträge"
    assert len(data.splitlines()) >= 13  # twelve months and more
    staff.get_by_role("link", name="Nachfrage").first.click()
    expect(staff.get_by_role("heading", name="Nachfrage aus Orten ohne dasnez")).to_be_visible()
    expect(staff.get_by_test_id("demand-figures")).to_be_visible()
    staff.get_by_role("link", name="Kommunen", exact=True).first.click()
    row = staff.get_by_test_id("kommune-row").filter(has_text="Bad Lippspringe")
    with staff.expect_download() as download:
        row.get_by_role("button", name="Alle Daten von Bad Lippspringe als ZIP").click()
    assert download.value.suggested_filename.startswith("dasnez-bad-lippspringe-")
    expect(staff.get_by_role("status").filter(has_text="Export")).to_contain_text(
        "Export von Bad Lippspringe"
    )
    staff.context.close()


def test_nobody_but_platform_staff_calls_the_new_handlers(apps: Apps, browser: Browser) -> None:
    """A Kommune admin's session and an anonymous connection send every new handler raw:
    refused, nothing created, switched or exported."""
    lippspringe = _kommune("bad-lippspringe")
    assert lippspringe is not None
    target = id_of(lippspringe)
    with session_scope() as db:
        exports_before = db.exec(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "export_kommune")
        ).one()
    form = {
        "name": "Gekapert",
        "slug": "gekapert",
        "postcodes": "33100",
        "contact_email": "a@gekapert.example",
        "admin_email": "b@gekapert.example",
        "admin_name": "Böse",
        "exchange_nachbarschaft": "on",
    }
    calls = (
        (f"{NewKommuneState.get_full_name()}.create", {"form": form}, "/kommune-anlegen"),
        (f"{KommunenState.get_full_name()}.go_live", {"kommune_id": target}, "/kommunen"),
        (
            f"{KommunenState.get_full_name()}.deactivate",
            {"form": {"kommune_id": str(target), "reason": "Ich darf das nicht"}},
            "/kommunen",
        ),
        (f"{KommunenState.get_full_name()}.export", {"kommune_id": target}, "/kommunen"),
        (f"{KommunenState.get_full_name()}.reactivate", {"kommune_id": target}, "/kommunen"),
        (
            f"{KommunenState.get_full_name()}.apply",
            {"form": {"q": "Salzkotten", "status": "live"}},
            "/kommunen",
        ),
        (f"{KommunenState.get_full_name()}.load", {}, "/kommunen"),
        (f"{PlatformChartsState.get_full_name()}.download", {"chart": "kommunen"}, "/statistik"),
        (f"{NewKommuneState.get_full_name()}.show_preview", {"text": "Boke"}, "/kommune-anlegen"),
        (f"{DemandState.get_full_name()}.load", {}, "/nachfrage"),
    )
    page = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[arg-type]
    _login(page, apps.admin + "/", "admin@delbrueck.example")
    expect(page.get_by_role("heading", name=re.compile("Übersicht"))).to_be_visible()
    admin_cookie = tab_of(page).cookie
    page.goto("about:blank")

    def answered(text: str) -> bool:
        return "Dazu sind Sie nicht berechtigt." in text or "_redirect" in text

    for name, payload, path in calls:
        # The admin's session on a tab of its own per call (the handler builds its page
        # from scratch, as for a tab opened on that address), and no session at all.
        for tab in (Tab(fresh_token(), admin_cookie), Tab(fresh_token())):
            sent = send_event(apps.admin, tab, name, payload, path=path, until=answered)
            updates = str(sent)
            refused = "Dazu sind Sie nicht berechtigt." in updates
            # A page load without any session sends the visitor to the login instead.
            to_login = name.endswith(".load") and "_redirect" in updates
            assert refused or to_login, (name, tab.cookie != "", without_router(sent))
            assert "data:" not in updates  # no download was sent
            assert "33154" not in updates and "Boke" not in updates  # no demand, no preview
    page.context.close()
    assert _kommune("gekapert") is None
    after = _kommune("bad-lippspringe")
    assert after is not None and after.active and after.live_since is not None
    with session_scope() as db:
        assert db.exec(select(User).where(User.email == "b@gekapert.example")).first() is None
        exports_after = db.exec(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "export_kommune")
        ).one()
    assert exports_after == exports_before


def test_the_public_interest_handlers_take_no_garbage(apps: Apps) -> None:
    """The interest form and its confirmation, sent raw with nonsense: refused with a
    message, nothing kept, nothing confirmed."""
    sign_up = f"{InterestState.get_full_name()}.sign_up"
    bad = {
        "interest_email": "x" * 5000,
        "interest_postcode": "<script>",
        "interest_role": "platform_admin",
    }
    updates = str(send_event(apps.public, fresh_token(), sign_up, {"form": bad}, path="/"))
    assert "Bitte geben Sie eine Postleitzahl mit fünf Ziffern an." in updates
    assert "Bitte wählen Sie, als wer Sie schreiben." in updates
    confirm = f"{InterestConfirmState.get_full_name()}.confirm"
    updates = str(
        send_event(
            apps.public, fresh_token(), confirm, {}, path="/interesse-bestaetigen?token=erfunden"
        )
    )
    assert "Dieser Link ist ungültig." in updates
    with session_scope() as db:
        assert (
            db.exec(select(InterestSignup).where(InterestSignup.postcode == "<script>")).first()
            is None
        )
