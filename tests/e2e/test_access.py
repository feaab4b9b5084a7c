"""Who may not do what, and the friendly pages for wrong addresses, in Chromium."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlmodel import select

from dasnez_core.db import session_scope
from dasnez_core.models import Area, Category, Kommune, Listing, User, utcnow
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.browser import log_out
from tests.e2e.conftest import Apps


def _login(page: Page, url: str, email: str) -> None:
    page.goto(url)
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def test_pending_user_logs_in_and_may_only_prepare_drafts(apps: Apps, page: Page) -> None:
    _login(page, apps.public + "/anmelden", "neu@delbrueck.example")
    expect(page.get_by_role("status")).to_contain_text("wartet auf die Freischaltung")
    page.goto(apps.public + "/k/delbrueck/neu")
    expect(page.get_by_role("note")).to_contain_text("können Sie Entwürfe speichern")
    expect(page.get_by_role("button", name="Als Entwurf speichern")).to_be_visible()
    expect(page.get_by_role("button", name="Veröffentlichen")).to_have_count(0)


def test_forged_session_token_is_sent_to_login(apps: Apps, page: Page) -> None:
    page.context.add_cookies(
        [{"name": "dasnez_session", "value": "forged-token", "url": apps.public}]
    )
    page.goto(apps.public + "/k/delbrueck/neu")
    expect(page).to_have_url(apps.public + "/anmelden")
    expect(page.get_by_role("heading", name="Anmelden")).to_be_visible()


def test_logout_ends_the_session_on_the_server(apps: Apps, page: Page) -> None:
    _login(page, apps.public + "/anmelden", "maria@delbrueck.example")
    expect(page.locator("header").get_by_text("Maria Schneider")).to_be_visible()
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "dasnez_session")
    log_out(page)
    expect(page.get_by_role("link", name="Anmelden")).to_be_visible()
    from dasnez_core.services.sessions import resolve_session

    with session_scope() as db:
        assert resolve_session(db, token, "public").is_anonymous
    # Re-using the old token (as a stolen cookie would) gets nowhere.
    page.context.add_cookies([{"name": "dasnez_session", "value": token, "url": apps.public}])
    page.goto(apps.public + "/k/delbrueck/neu")
    expect(page).to_have_url(apps.public + "/anmelden")


def test_wrong_password_gives_a_clear_message(apps: Apps, page: Page) -> None:
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill("maria@delbrueck.example")
    page.get_by_label("Passwort").fill("nicht das richtige")
    page.get_by_role("button", name="Anmelden").click()
    # The answer waits for a password hash, which is slow on purpose (and slower still on
    # a busy machine early in the run, while the hashing pool starts).
    expect(page.get_by_role("alert")).to_contain_text(
        "E-Mail-Adresse oder Passwort stimmen nicht", timeout=20_000
    )


def test_citizen_cannot_enter_the_admin_portal(apps: Apps, page: Page) -> None:
    _login(page, apps.admin + "/", "maria@delbrueck.example")
    expect(page.get_by_role("alert")).to_contain_text("keinen Zugang zur Verwaltung")
    page.goto(apps.admin + "/freischaltung")
    expect(page).to_have_url(apps.admin + "/")


def test_kommune_admin_cannot_read_platform_figures(apps: Apps, page: Page) -> None:
    _login(page, apps.admin + "/", "admin@delbrueck.example")
    expect(page.get_by_role("heading", name="Übersicht – Delbrück")).to_be_visible()
    page.goto(apps.admin + "/kommunen")
    expect(page.get_by_role("alert")).to_contain_text("nicht berechtigt")
    expect(page.get_by_role("cell", name="Bad Lippspringe")).to_have_count(0)


def test_platform_admin_sees_all_kommunen(apps: Apps, page: Page) -> None:
    _login(page, apps.admin + "/", "betrieb@dasnez.example")
    expect(page.get_by_role("heading", name="Alle Kommunen")).to_be_visible()
    expect(page.get_by_role("cell", name="Bad Lippspringe")).to_be_visible()
    expect(page.get_by_role("cell", name="Delbrück")).to_be_visible()


def test_unknown_addresses_get_friendly_pages(apps: Apps, page: Page) -> None:
    page.goto(apps.public + "/gibt-es-nicht")
    expect(page.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible()
    page.goto(apps.public + "/k/atlantis")
    expect(page.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible()
    page.goto(apps.public + "/k/atlantis/registrieren")
    expect(page.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible()
    page.goto(apps.admin + "/gibt-es-nicht")
    expect(page.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible()


def test_language_switch_to_english_and_back(apps: Apps, page: Page) -> None:
    page.goto(apps.public + "/k/delbrueck")
    expect(page.get_by_role("heading", name="Neueste Angebote und Gesuche")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Newest offers and requests")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Newest offers and requests")).to_be_visible()
    page.get_by_role("button", name="Deutsch").click()
    expect(page.get_by_role("heading", name="Neueste Angebote und Gesuche")).to_be_visible()


def _listing_with_pocket_money() -> int:
    """A listing of Maria's in "Garten" (English "Garden") paying 12.50 € an hour."""
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        garden = db.exec(
            select(Category).where(Category.kommune_id == kommune.id, Category.name == "Garten")
        ).one()
        maria = db.exec(select(User).where(User.email == "maria@delbrueck.example")).one()
        area = db.exec(select(Area).where(Area.kommune_id == kommune.id)).first()
        assert area is not None
        now = utcnow()
        listing = Listing(
            kommune_id=kommune.id,  # type: ignore[arg-type]
            kind="request",
            exchange_id=garden.exchange_id,
            category_id=garden.id,  # type: ignore[arg-type]
            title="Beete jäten im Frühling",
            body="Zwei Nachmittage im Garten.",
            area_id=area.id,
            district_id=area.id,
            author_id=maria.id,  # type: ignore[arg-type]
            created_at=now,
            updated_at=now,
            expires_at=now + timedelta(days=30),
            pocket_money_cents=1250,
        )
        db.add(listing)
        db.flush()
        assert listing.id is not None
        return listing.id


def test_english_mode_shows_english_category_names_and_decimal_points(
    apps: Apps, page: Page
) -> None:
    listing_id = _listing_with_pocket_money()
    page.goto(f"{apps.public}/k/delbrueck/eintrag/{listing_id}")
    expect(page.get_by_role("heading", name="Beete jäten im Frühling")).to_be_visible()
    facts = page.locator("dl")
    expect(facts).to_contain_text("Garten")
    expect(facts).to_contain_text("12,50")
    page.get_by_role("button", name="English").click()
    expect(facts).to_contain_text("Garden")
    expect(facts).to_contain_text("12.50")
    expect(facts).not_to_contain_text("12,50")
    page.get_by_role("button", name="Deutsch").click()
    expect(facts).to_contain_text("12,50")
