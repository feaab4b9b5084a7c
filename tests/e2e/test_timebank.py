"""Zeitkonto, Ehrenamtsnachweis, photos and swaps in the browser (Delbrück runs a time bank
in the demo seed: 10 hours overdraft).

Two new neighbours agree on a Zeitspende: the hours move from one account to the other, the
certificate PDF lists them, the CSV holds them, a booking beyond the overdraft is refused
with its reason, and the admin corrects a booking with a reason. A photo with GPS data is
uploaded to a Tauschbörse listing ("zu verschenken"), shows on the listing without its
metadata, and the admin removes it with a reason. Hostile browsers call the new handlers
over the websocket: anonymous, pending, another person, another Kommune's admin."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader
from sqlmodel import col, select

from admin_portal.pages.listing_photos_admin import ListingPhotosAdminState
from admin_portal.pages.timebank import TimebankAdminState
from dasnez_app.pages.listing_photos import ListingPhotosState
from dasnez_app.pages.time_account import TimeAccountState
from dasnez_core.db import session_scope
from dasnez_core.formatting import local_today
from dasnez_core.models import (
    Area,
    Category,
    ConsentRecord,
    Exchange,
    ExchangeType,
    Kommune,
    ListingPhoto,
    TimeEntry,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.passwords import hash_password
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.conftest import Apps
from tests.e2e.hostile import send_event, tab_of

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
DELBRUECK_ADMIN = "admin@delbrueck.example"
OTHER_ADMIN = "admin@bad-lippspringe.example"
_HASH: list[str] = []


@pytest.fixture(autouse=True)
def _patient_expect() -> Iterator[None]:
    """These flows wait on argon2 logins and two confirmations on a shared 2-core machine:
    allow each expectation 20 s here, and give the default back afterwards."""
    expect.set_options(timeout=20_000)
    yield
    expect.set_options(timeout=5_000)


# --- helpers --------------------------------------------------------------------------------


def _kommune_id(slug: str = "delbrueck") -> int:
    with session_scope() as db:
        return id_of(db.exec(select(Kommune).where(Kommune.slug == slug)).one())


def _person(name: str, address: str, status: str = UserStatus.APPROVED) -> int:
    """A person of Delbrück who can log in with the demo password."""
    if not _HASH:
        _HASH.append(hash_password(DEMO_PASSWORD))
    kommune_id = _kommune_id()
    with session_scope() as db:
        area = db.exec(select(Area).where(Area.kommune_id == kommune_id, Area.name == "Boke")).one()
        user = User(
            email=address,
            password_hash=_HASH[0],
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


def _listing(author_id: int, title: str, exchange: str) -> int:
    """A published offer of Delbrück in the first category of `exchange`."""
    from dasnez_core.models import Listing

    kommune_id = _kommune_id()
    with session_scope() as db:
        category = db.exec(
            select(Category)
            .join(Exchange, col(Exchange.id) == Category.exchange_id)
            .where(Category.kommune_id == kommune_id, Exchange.type == exchange)
        ).first()
        area = db.exec(
            select(Area).where(Area.kommune_id == kommune_id, Area.name == "Westerloh")
        ).one()
        assert category is not None
        now = utcnow()
        listing = Listing(
            kommune_id=kommune_id,
            kind="offer",
            exchange_id=category.exchange_id,
            category_id=id_of(category),
            title=title,
            body="Ein Angebot für die Nachbarschaft in Westerloh.",
            area_id=area.id,
            district_id=area.id,
            author_id=author_id,
            swap_mode="gift" if exchange == ExchangeType.TAUSCH else "",
            created_at=now,
            updated_at=now,
            expires_at=now + timedelta(days=30),
        )
        db.add(listing)
        db.flush()
        return id_of(listing)


def _phone(browser: Browser) -> BrowserContext:
    return browser.new_context(viewport=PHONE, locale="de-DE", accept_downloads=True)


def _login(page: Page, apps: Apps, email: str, name: str) -> None:
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_text(name)).to_be_visible(timeout=40_000)


def _admin(browser: Browser, apps: Apps, address: str) -> Page:
    page = browser.new_context(viewport=DESKTOP, locale="de-DE").new_page()
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill(address)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/(uebersicht|freischaltung)/?$"))
    return page


def _agree(helper: Page, receiver: Page, apps: Apps, listing_id: int, hours: str) -> None:
    """The receiver writes about the helper's offer and enters the hours; the helper
    confirms."""
    receiver.goto(apps.public + f"/nachrichten/neu?eintrag={listing_id}")
    expect(receiver).to_have_url(re.compile(r"/nachrichten/\d+$"))
    receiver.get_by_label("Ihre Nachricht").fill("Danke schon jetzt für Ihre Hilfe!")
    receiver.get_by_role("button", name="Senden").click()
    expect(receiver.get_by_test_id("message")).to_have_count(1)
    receiver.get_by_label("Geleistete Stunden (zum Beispiel 1,5)").fill(hours)
    receiver.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(receiver.get_by_role("status")).to_contain_text("Ihre Bestätigung ist gespeichert")
    helper.goto(receiver.url)
    helper.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(helper.get_by_text("von beiden Seiten bestätigt")).to_be_visible()


def _minutes(user_id: int) -> list[tuple[str, int]]:
    with session_scope() as db:
        return [
            (e.kind, e.minutes)
            for e in db.exec(
                select(TimeEntry).where(TimeEntry.user_id == user_id).order_by(col(TimeEntry.id))
            ).all()
        ]


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (2400, 1800), (30, 140, 90))
    exif = Image.Exif()
    exif[0x0110] = "Testkamera GPS"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (51.0, 46.0, 0.0), "E", (8.0, 34.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


# --- the time bank ----------------------------------------------------------------------------


def test_a_zeitspende_moves_hours_and_the_certificate_lists_them(
    apps: Apps, browser: Browser
) -> None:
    helper_id = _person("Greta Gibtzeit", "greta@delbrueck.example")
    receiver_id = _person("Rudi Ruft", "rudi@delbrueck.example")
    listing_id = _listing(helper_id, "Vorlesen für Rudi", ExchangeType.ZEITSPENDE)
    helper, receiver = _phone(browser).new_page(), _phone(browser).new_page()
    _login(helper, apps, "greta@delbrueck.example", "Greta Gibtzeit")
    _login(receiver, apps, "rudi@delbrueck.example", "Rudi Ruft")

    _agree(helper, receiver, apps, listing_id, "2,5")
    assert _minutes(helper_id) == [("credit", 150)]
    assert _minutes(receiver_id) == [("debit", -150)]

    # The helper's account: the hours given, the statement, progress towards the card.
    helper.goto(apps.public + "/konto/zeitkonto")
    expect(helper.get_by_role("heading", name="Ihr Zeitkonto", level=1)).to_be_visible()
    expect(helper.get_by_test_id("tb-balance")).to_have_text("+2,50 Stunden")
    expect(helper.get_by_test_id("tb-donated")).to_have_text("2,50 Stunden")
    statement = helper.get_by_role("table", name="Kontoauszug")
    expect(statement).to_contain_text("Vorlesen für Rudi")
    expect(statement).to_contain_text("Gutschrift")
    expect(statement).to_contain_text("+2,50")
    expect(helper.get_by_text("Ehrenamtskarte NRW: 2,50 von 250 Stunden")).to_be_visible()

    # The receiver's balance went down.
    receiver.goto(apps.public + "/konto/zeitkonto")
    expect(receiver.get_by_test_id("tb-balance")).to_have_text("−2,50 Stunden")
    expect(receiver.get_by_role("table", name="Kontoauszug")).to_contain_text("Abbuchung")

    # CSV and the certificate over this year.
    with helper.expect_download() as csv_download:
        helper.get_by_role("button", name="Kontoauszug als CSV").click()
    csv_text = open(csv_download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert "Vorlesen für Rudi;Gutschrift;2,50;;" in csv_text
    start = (local_today() - timedelta(days=30)).isoformat()
    helper.get_by_label("Von", exact=True).fill(start)
    helper.get_by_label("Bis", exact=True).fill(local_today().isoformat())
    with helper.expect_download() as pdf_download:
        helper.get_by_role("button", name="Nachweis als PDF").click()
    expect(
        helper.get_by_role("status").filter(has_text="Der Nachweis wurde erstellt")
    ).to_contain_text("Der Nachweis wurde erstellt (2,50")
    text = "".join(p.extract_text() for p in PdfReader(pdf_download.value.path()).pages)
    assert "Ehrenamtsnachweis" in text
    assert "Greta Gibtzeit" in text and "Delbrück" in text
    assert "Vorlesen für Rudi" in text and "2,50" in text
    assert "Ehrenamtskarte NRW" in text and "250" in text

    # A period that ends before it starts is refused in German, and nothing downloads.
    helper.get_by_label("Von", exact=True).fill(local_today().isoformat())
    helper.get_by_label("Bis", exact=True).fill(start)
    helper.get_by_role("button", name="Nachweis als PDF").click()
    expect(helper.get_by_role("alert").first).to_contain_text("vor seinem Anfang")

    # Beyond the overdraft (10 h): 8 more hours would take Rudi to −10,5 h.
    second = _listing(helper_id, "Begleitung für Rudi", ExchangeType.ZEITSPENDE)
    receiver.goto(apps.public + f"/nachrichten/neu?eintrag={second}")
    expect(receiver).to_have_url(re.compile(r"/nachrichten/\d+$"))
    receiver.get_by_label("Ihre Nachricht").fill("Und noch einmal bitte.")
    receiver.get_by_role("button", name="Senden").click()
    expect(receiver.get_by_test_id("message")).to_have_count(1)
    receiver.get_by_label("Geleistete Stunden (zum Beispiel 1,5)").fill("8")
    receiver.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(receiver.get_by_role("alert").first).to_contain_text("höchstens 10 Stunden im Minus")
    assert _minutes(receiver_id) == [("debit", -150)]

    # The admin corrects the booking with a reason: a further entry, the original stays.
    admin = _admin(browser, apps, DELBRUECK_ADMIN)
    admin.goto(apps.admin + "/zeitkonten")
    expect(admin.get_by_role("heading", name=re.compile("^Zeitkonten"), level=1)).to_be_visible()
    expect(admin.get_by_test_id("timebank-totals")).to_contain_text("Westerloh")
    admin.get_by_label("Person (Name oder E-Mail)").fill("Greta")
    admin.get_by_role("button", name="Suchen").click()
    entries = admin.get_by_role("table", name="Buchungen")
    expect(entries).to_contain_text("Greta Gibtzeit")
    admin.get_by_label("Buchung", exact=True).select_option(
        label=_option_label(admin, "Greta Gibtzeit")
    )
    admin.get_by_label("Richtige Stunden für diese Buchung (0 storniert sie)").fill("3")
    admin.get_by_label("Grund der Korrektur").fill("Es waren drei Stunden")
    admin.get_by_role("button", name="Korrigieren").click()
    expect(admin.get_by_role("status").first).to_contain_text("Die Korrektur ist gebucht.")
    assert _minutes(helper_id) == [("credit", 150), ("credit", 30)]
    helper.goto(apps.public + "/konto/zeitkonto")
    expect(helper.get_by_test_id("tb-donated")).to_have_text("3,00 Stunden")
    expect(helper.get_by_role("table", name="Kontoauszug")).to_contain_text("Es waren drei Stunden")
    admin.goto(apps.admin + "/uebersicht")
    dashboard_totals = admin.get_by_test_id("timebank-totals")
    expect(dashboard_totals).to_contain_text("Westerloh")
    expect(dashboard_totals).to_contain_text(local_today().strftime("%Y-%m"))


def _option_label(page: Page, person: str) -> str:
    """The text of the first booking option naming `person`."""
    options = page.get_by_label("Buchung", exact=True).locator("option")
    for text in options.all_inner_texts():
        if person in text:
            return text
    raise AssertionError(f"no booking of {person}")


# --- photos and swaps -------------------------------------------------------------------------


def test_a_photo_shows_on_the_listing_without_its_gps_and_the_admin_removes_it(
    apps: Apps, browser: Browser, tmp_path: pytest.TempPathFactory
) -> None:
    owner_id = _person("Paul Photo", "paul@delbrueck.example")
    listing_id = _listing(owner_id, "Kinderfahrrad 20 Zoll", ExchangeType.TAUSCH)
    page = _phone(browser).new_page()
    _login(page, apps, "paul@delbrueck.example", "Paul Photo")

    # Swap: "tauschen gegen …" needs what in return.
    page.goto(apps.public + f"/k/delbrueck/eintrag/{listing_id}/bearbeiten")
    page.get_by_label("Tauschen gegen …").check()
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_role("alert").first).to_contain_text("wogegen Sie tauschen möchten")
    page.get_by_label(re.compile("^Im Tausch gegen")).fill("Laufrad")
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_text("Ihr Eintrag ist veröffentlicht.")).to_be_visible()

    # A text file is refused; a JPEG with GPS is added.
    page.goto(apps.public + f"/k/delbrueck/eintrag/{listing_id}/bearbeiten")
    upload = page.locator("#listing-photo input[type=file]")
    upload.set_input_files(
        files=[{"name": "notiz.jpg", "mimeType": "image/jpeg", "buffer": b"kein Foto"}]
    )
    expect(page.get_by_text("Diese Datei ist kein Foto")).to_be_visible()
    upload.set_input_files(
        files=[{"name": "rad.jpg", "mimeType": "image/jpeg", "buffer": _jpeg_with_gps()}]
    )
    expect(page.get_by_text("Das Foto ist hinzugefügt.")).to_be_visible()
    expect(page.get_by_role("img", name="Foto 1")).to_be_visible()

    # The listing shows the photo and the swap; the stored file has no EXIF.
    page.goto(apps.public + f"/k/delbrueck/eintrag/{listing_id}")
    photo = page.get_by_role("img", name="Foto 1 zu „Kinderfahrrad 20 Zoll“")
    expect(photo).to_be_visible()
    expect(page.get_by_text("Tausch gegen: Laufrad")).to_be_visible()
    with session_scope() as db:
        row = db.exec(select(ListingPhoto).where(ListingPhoto.listing_id == listing_id)).one()
        name, photo_id = row.name, id_of(row)
    served = httpx.get(f"{apps.public}/_upload/{name}", timeout=20)
    assert served.status_code == 200
    image = Image.open(io.BytesIO(served.content))
    assert max(image.size) == 1600 and len(image.getexif()) == 0
    assert b"Testkamera" not in served.content
    page.goto(apps.public + "/k/delbrueck/eintraege?q=Kinderfahrrad")
    card = page.get_by_test_id("listing-card").filter(has_text="Kinderfahrrad 20 Zoll")
    expect(card.get_by_text("Tausch gegen: Laufrad")).to_be_visible()
    expect(card.locator("img")).to_have_count(1)

    # The admin removes the photo with a reason; the listing shows it no longer.
    admin = _admin(browser, apps, DELBRUECK_ADMIN)
    admin.goto(apps.admin + f"/eintraege/{listing_id}")
    section = admin.get_by_role("region", name="Fotos")
    section.get_by_label("Grund für das Entfernen").fill("Zeigt ein Autokennzeichen")
    section.get_by_role("button", name="Foto entfernen").click()
    expect(section).to_contain_text("Von der Kommune entfernt: Zeigt ein Autokennzeichen")
    page.goto(apps.public + f"/k/delbrueck/eintrag/{listing_id}")
    expect(page.get_by_role("heading", name="Kinderfahrrad 20 Zoll")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Foto 1"))).to_have_count(0)
    assert httpx.get(f"{apps.public}/_upload/{name}", timeout=20).status_code == 404
    with session_scope() as db:
        removed = db.get(ListingPhoto, photo_id)
        assert removed is not None and removed.removed_reason == "Zeigt ein Autokennzeichen"


# --- hostile browsers ---------------------------------------------------------------------------


def _token(page: Page) -> str:
    token = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    return token


def test_hostile_calls_of_the_time_account_handlers(apps: Apps, browser: Browser) -> None:
    """Anonymous and pending people get no statement, CSV or certificate over the socket."""
    path = "/konto/zeitkonto"
    names = {
        "download_csv": {},
        "download_certificate": {"form": {"cert_start": "2020-01-01", "cert_end": "2020-12-31"}},
        "show_page": {"page": 1},
    }
    page = browser.new_context().new_page()
    page.goto(apps.public + "/k/delbrueck")
    anonymous = _token(page)
    for name, payload in names.items():
        updates = str(
            send_event(
                apps.public, anonymous, f"{TimeAccountState.get_full_name()}.{name}", payload, path
            )
        )
        assert "data:text/csv" not in updates and "data:application/pdf" not in updates
        assert "Zeitspende" not in updates or "Bitte melden Sie sich" in updates

    _person("Petra Wartet", "petra@delbrueck.example", UserStatus.PENDING)
    pending = _phone(browser).new_page()
    _login(pending, apps, "petra@delbrueck.example", "Petra Wartet")
    pending.goto(apps.public + path)
    expect(pending.get_by_role("status")).to_be_visible()
    token = _token(pending)
    for name, payload in names.items():
        updates = str(
            send_event(
                apps.public, token, f"{TimeAccountState.get_full_name()}.{name}", payload, path
            )
        )
        assert "data:text/csv" not in updates and "data:application/pdf" not in updates


def test_hostile_calls_of_the_photo_handlers(apps: Apps, browser: Browser) -> None:
    """Another citizen cannot delete an author's photo, nor can another Kommune's admin
    remove it; a pending person cannot add one."""
    author_id = _person("Anna Autorin", "anna.autorin@delbrueck.example")
    listing_id = _listing(author_id, "Gartenstühle", ExchangeType.TAUSCH)
    author = _phone(browser).new_page()
    _login(author, apps, "anna.autorin@delbrueck.example", "Anna Autorin")
    edit = f"/k/delbrueck/eintrag/{listing_id}/bearbeiten"
    author.goto(apps.public + edit)
    author.locator("#listing-photo input[type=file]").set_input_files(
        files=[{"name": "stuhl.jpg", "mimeType": "image/jpeg", "buffer": _jpeg_with_gps()}]
    )
    expect(author.get_by_text("Das Foto ist hinzugefügt.")).to_be_visible()
    with session_scope() as db:
        photo_id = id_of(
            db.exec(select(ListingPhoto).where(ListingPhoto.listing_id == listing_id)).one()
        )

    # Another citizen, on the same edit route, deletes nothing.
    _person("Otto Anders", "otto.anders@delbrueck.example")
    other = _phone(browser).new_page()
    _login(other, apps, "otto.anders@delbrueck.example", "Otto Anders")
    other.goto(apps.public + "/konto")
    token = _token(other)
    updates = send_event(
        apps.public,
        token,
        f"{ListingPhotosState.get_full_name()}.delete",
        {"photo_id": photo_id},
        edit,
    )
    assert "Dieses Foto gibt es nicht (mehr)." in str(updates)

    # Bad Lippspringe's admin names the photo: not found in their Kommune.
    foreign = _admin(browser, apps, OTHER_ADMIN)
    foreign.goto(apps.admin + "/uebersicht")
    token = _token(foreign)
    updates = send_event(
        apps.admin,
        token,
        f"{ListingPhotosAdminState.get_full_name()}.remove",
        {"form": {"photo_id": str(photo_id), "photo_reason": "Fremdes Foto entfernen"}},
        f"/eintraege/{listing_id}",
    )
    assert "Dieses Foto gibt es nicht (mehr)." in str(updates)
    # … and corrects no Delbrück booking either.
    with session_scope() as db:
        entry = db.exec(select(TimeEntry).where(TimeEntry.kommune_id == _kommune_id())).first()
        assert entry is not None
        entry_id = id_of(entry)
    updates = send_event(
        apps.admin,
        token,
        f"{TimebankAdminState.get_full_name()}.correct",
        {
            "form": {
                "entry_id": str(entry_id),
                "correct_hours": "99",
                "correct_reason": "Fremde Buchung ändern",
            }
        },
        "/zeitkonten",
    )
    assert "Diese Buchung gibt es nicht (mehr)." in str(updates)
    with session_scope() as db:
        assert db.exec(select(TimeEntry).where(TimeEntry.corrects_id == entry_id)).all() == []
        photo = db.get(ListingPhoto, photo_id)
        assert photo is not None and photo.removed_at is None

    # A citizen calling the admin handler on the admin socket: not allowed.
    citizen = _phone(browser).new_page()
    citizen.goto(apps.admin + "/")
    token = _token(citizen)
    updates = send_event(
        apps.admin,
        token,
        f"{TimebankAdminState.get_full_name()}.save_settings",
        {"form": {"mode": "donations", "overdraft_hours": "0"}},
        "/zeitkonten",
    )
    with session_scope() as db:
        from dasnez_core.models import TimebankSettings

        settings = db.exec(
            select(TimebankSettings).where(TimebankSettings.kommune_id == _kommune_id())
        ).one()
        assert (settings.mode, settings.overdraft_hours) == ("timebank", 10)
