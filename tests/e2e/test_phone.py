"""Phone first: listings on the first screen, nothing wider than 320 px, filters as chips that
apply at once, back to the listing after login, and a German word when the connection fails."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, expect
from sqlmodel import select

from dasnez_app.pages.browse import BrowseState
from dasnez_core.db import session_scope
from dasnez_core.models import Area, Category, Kommune, User
from dasnez_core.seed import DEMO_PASSWORD
from dasnez_core.services.listings import ListingDraft, create_listing
from dasnez_core.services.search import SearchFilters, search_public
from dasnez_core.services.sessions import actor_for
from tests.e2e.conftest import Apps
from tests.e2e.hostile import send_event, tab_of

PHONE = {"width": 360, "height": 740}
SMALL_PHONE = {"width": 320, "height": 640}
# A word no phone can show in one line, and a long link.
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichensammlung" * 2
LONG_URL = "https://www.delbrueck.example/" + "veranstaltungen/" * 8 + "nachbarschaftshilfe"


def _delbrueck_id() -> int:
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        assert kommune.id is not None
        return kommune.id


@pytest.fixture(scope="module")
def long_listing(apps: Apps) -> str:
    """The path of a listing of Jonas' whose title is one long word and whose text holds a
    long link."""
    kommune_id = _delbrueck_id()
    with session_scope() as db:
        jonas = db.exec(select(User).where(User.email == "jonas@delbrueck.example")).one()
        category = db.exec(
            select(Category.id).where(Category.kommune_id == kommune_id, Category.name == "Garten")
        ).first()
        area = db.exec(
            select(Area.id).where(Area.kommune_id == kommune_id, Area.name == "Boke")
        ).one()
        listing_id = create_listing(
            db,
            actor_for(db, jonas),
            kommune_id,
            ListingDraft("request", None, category, LONG_WORD[:120], f"Siehe {LONG_URL}", area),
        )
    return f"/k/delbrueck/eintrag/{listing_id}"


def _phone(browser: Browser, size: dict[str, int] = PHONE) -> Page:
    return browser.new_context(viewport=size, locale="de-DE").new_page()  # type: ignore[arg-type]


def _no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page.url}: {width[0]} px wide at {width[1]} px"


def _first_listing_y(page: Page) -> float:
    card = page.get_by_test_id("listing-card").first
    expect(card).to_be_visible()
    box = card.bounding_box()
    assert box is not None
    return box["y"]


def _log_in(page: Page, apps: Apps, email: str) -> None:
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_role("button", name="Menü")).to_be_visible()


@pytest.mark.parametrize("path", ["/k/delbrueck", "/k/delbrueck/eintraege"])
def test_the_first_listing_is_on_the_first_screen(apps: Apps, browser: Browser, path: str) -> None:
    page = _phone(browser)
    page.goto(apps.public + path)
    y = _first_listing_y(page)
    print(f"first listing of {path} at y={y:.0f} (360x740)")
    # Its title and first line show without scrolling.
    assert y + 80 < PHONE["height"]


def test_nothing_is_wider_than_a_small_phone(
    apps: Apps, browser: Browser, long_listing: str
) -> None:
    for size in (SMALL_PHONE, PHONE):
        page = _phone(browser, size)
        for path in ("/", "/k/delbrueck", "/k/delbrueck/eintraege", long_listing):
            page.goto(apps.public + path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            _no_horizontal_scroll(page)
        expect(page.get_by_role("heading", level=1)).to_contain_text(LONG_WORD[:20])
        # The landing page's search button is whole on the screen.
        page.goto(apps.public + "/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        box = page.get_by_role("button", name="Suchen").bounding_box()
        assert box is not None and box["x"] + box["width"] <= size["width"]
        # A long word wraps inside its card in the list.
        page.goto(apps.public + "/k/delbrueck/eintraege?q=Donaudampfschifffahrt")
        expect(page.get_by_test_id("listing-card")).to_have_count(1)
        _no_horizontal_scroll(page)


def test_the_logged_in_header_is_one_short_row(apps: Apps, browser: Browser) -> None:
    for size in (PHONE, SMALL_PHONE):
        page = _phone(browser, size)
        _log_in(page, apps, "jonas@delbrueck.example")
        expect(page.get_by_role("heading", name="Delbrück", level=1)).to_be_visible()
        header = page.locator("header").bounding_box()
        assert header is not None and header["height"] < 80, header
        new_listing = page.get_by_role("link", name="Neues Angebot oder Gesuch")
        box = new_listing.bounding_box()
        assert box is not None and box["x"] + box["width"] <= size["width"]
        _no_horizontal_scroll(page)
        # The menu holds the account links.
        page.locator("header").get_by_role("button", name="Menü").click()
        expect(page.get_by_role("link", name="Meine Einträge")).to_be_visible()
        expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
        page.context.close()


def test_filters_fold_into_chips_that_apply_at_once(apps: Apps, browser: Browser) -> None:
    page = _phone(browser)
    page.goto(apps.public + "/k/delbrueck/eintraege?boerse=taschengeld&art=offer")
    chips = page.get_by_test_id("filter-chip")
    expect(chips).to_have_text(["Taschengeldbörse", "Angebot"])
    expect(page.get_by_text("Filter (2)", exact=True)).to_be_visible()
    # The folded filters take no room above the results.
    expect(page.get_by_label("Börse", exact=True)).to_be_hidden()

    page.get_by_role("link", name="Filter entfernen: Angebot").click()
    expect(page).to_have_url(re.compile(r"/eintraege\?boerse=taschengeld$"))
    with session_scope() as db:
        expected = search_public(db, _delbrueck_id(), SearchFilters(exchange="taschengeld"))
    count = "1 Eintrag gefunden" if expected.total == 1 else f"{expected.total} Einträge gefunden"
    expect(page.get_by_text(count)).to_be_visible()
    expect(chips).to_have_text(["Taschengeldbörse"])
    expect(page.get_by_text("Filter (1)", exact=True)).to_be_visible()

    # A changed select shows its results without a button.
    page.get_by_text("Filter (1)", exact=True).click()
    page.get_by_label("Angebot oder Gesuch").select_option(label="Gesuch")
    expect(page).to_have_url(re.compile(r"boerse=taschengeld&art=request$"))
    expect(chips).to_have_text(["Taschengeldbörse", "Gesuch"])
    page.get_by_role("link", name="Filter entfernen: Taschengeldbörse").click()
    expect(page).to_have_url(re.compile(r"/eintraege\?art=request$"))
    expect(page.get_by_label("Börse", exact=True)).to_have_value("")


def test_a_forged_filter_change_leads_nowhere_else(apps: Apps, browser: Browser) -> None:
    """Any browser may call `set_filter` with anything: it only ever leads to this page's
    own URL with known filter values."""
    page = _phone(browser)
    path = "/k/delbrueck/eintraege"
    page.goto(apps.public + path)
    expect(page.get_by_test_id("listing-card").first).to_be_visible()
    tab = tab_of(page)
    page.goto("about:blank")
    handler = f"{BrowseState.get_full_name()}.set_filter"
    forged = send_event(
        apps.public, tab, handler, {"param": "boerse", "value": "//evil.example"}, path=path
    )
    assert "evil" not in str(forged)
    assert path in str(forged)
    unknown = send_event(apps.public, tab, handler, {"param": "weiter", "value": "/x"}, path=path)
    assert path + "?" not in str(unknown) and "/x" not in str(unknown)


def test_login_from_a_listing_returns_to_it(
    apps: Apps, browser: Browser, long_listing: str
) -> None:
    page = _phone(browser)
    page.goto(apps.public + long_listing)
    page.get_by_role("main").get_by_role("link", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/anmelden\?weiter=%2Fk%2Fdelbrueck%2Feintrag%2F"))
    page.get_by_label("E-Mail-Adresse").fill("maria@delbrueck.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(apps.public + long_listing)
    expect(page.get_by_role("link", name="Nachricht schreiben")).to_be_visible()


def test_a_foreign_return_address_is_ignored(apps: Apps, browser: Browser) -> None:
    page = _phone(browser)
    page.goto(apps.public + "/anmelden?weiter=//evil.example/k/delbrueck")
    page.get_by_label("E-Mail-Adresse").fill("maria@delbrueck.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(apps.public + "/k/delbrueck")


def test_a_button_shows_that_the_server_is_working(apps: Apps, browser: Browser) -> None:
    page = _phone(browser)

    def hold_searches(ws: WebSocketRoute) -> None:
        """Pass everything on except the search, whose answer so never comes."""
        server = ws.connect_to_server()
        ws.on_message(lambda message: None if "search" in str(message) else server.send(message))

    page.route_web_socket(re.compile(r"/_event"), hold_searches)
    page.goto(apps.public + "/")
    expect(page.get_by_role("link", name=re.compile("Delbrück"))).to_be_visible()
    expect(page.get_by_test_id("connection-connecting")).to_have_count(0)
    button = page.get_by_role("button", name="Suchen")
    expect(button).not_to_have_attribute("aria-busy", "true")
    page.get_by_label("Name oder Postleitzahl").fill("33129")
    button.click()
    expect(button).to_have_attribute("aria-busy", "true")


def test_a_lost_connection_is_told_in_german(apps: Apps, browser: Browser) -> None:
    page = _phone(browser)
    # The websocket cannot connect: the server end closes every attempt.
    page.route_web_socket(re.compile(r"/_event"), lambda ws: ws.close())
    page.goto(apps.public + "/k/delbrueck")
    banner = page.get_by_test_id("connection-banner")
    expect(banner).to_have_text("Keine Verbindung – wird erneut versucht", timeout=30_000)
    expect(banner).to_have_attribute("role", "alert")
    assert "Connection Error" not in page.content()
    assert "Cannot connect" not in page.inner_text("body")


def test_the_first_html_speaks_german(apps: Apps, page: Page) -> None:
    html = page.request.get(apps.public + "/k/delbrueck").text()
    assert "Verbindung wird aufgebaut" in html
    assert "Diese Seite braucht JavaScript" in html
    assert "Connection Error" not in html
