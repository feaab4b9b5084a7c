"""Printed notices in the browser (issue 10, part 5): a citizen downloads a listing's
Aushang, a proxy the weekly sheet of an Ortsteil; the PDFs are read back (text and QR
codes); wrong people get nothing, also through raw event and HTTP calls."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlmodel import select

from dasnez_app.pages.detail import DetailState
from dasnez_app.pages.weekly_sheet import WeeklySheetState
from dasnez_app.routes import WEEKLY_SHEET
from dasnez_core.db import session_scope
from dasnez_core.models import Area, Kommune, Listing, ListingStatus, User, UserStatus, utcnow
from dasnez_core.passwords import hash_password
from dasnez_core.seed import DEMO_PASSWORD, HELGA_PHONE
from tests.e2e.browser import open_menu
from tests.e2e.conftest import Apps
from tests.e2e.hostile import Tab, send_event, tab_of
from tests.e2e.test_accessibility import AXE_OPTIONS
from tests.utils.pdfs import pdf_pages, pdf_text, qr_codes

CITIZEN = "jonas@delbrueck.example"
PROXY = "helga@delbrueck.example"
PENDING = "neu@delbrueck.example"
OTHER_KOMMUNE = "anna@bad-lippspringe.example"
# Logins hash a password and pages arrive over the websocket: on a busy machine (eight
# test runs on two cores) that takes longer than Playwright's 5 s default.
WAIT = 60_000
EVENT_WAIT = 12  # seconds a raw event's answers are collected


def _log_in(page: Page, apps: Apps, email: str) -> None:
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/(k/|zustimmung)"), timeout=WAIT)


def _office_phone() -> str:
    """Delbrück's office phone as it is now (another test may have edited the master data)."""
    with session_scope() as db:
        return db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one().contact_phone


def _fresh_listing() -> tuple[int, str, str]:
    """A listing published just now in an Ortsteil of Delbrück, by a citizen made here:
    (id, title, its Ortsteil). The newest on that Ortsteil's weekly sheet whatever earlier
    tests did to the seed's people and listings."""
    stamp = utcnow()
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        maria = db.exec(select(User).where(User.email == "maria@delbrueck.example")).one()
        template = db.exec(
            select(Listing).where(
                Listing.author_id == maria.id, Listing.area_id == Listing.district_id
            )
        ).first()
        assert template is not None and template.district_id is not None
        author = User(
            email=f"wochenblatt-{stamp.timestamp():.0f}@delbrueck.example",
            password_hash=hash_password(DEMO_PASSWORD),
            display_name="Wilma Wochenblatt",
            kommune_id=kommune.id,
            area_id=template.district_id,
            status=UserStatus.APPROVED,
        )
        db.add(author)
        db.flush()
        listing = Listing(
            **template.model_dump(
                exclude={
                    "id",
                    "author_id",
                    "status",
                    "created_at",
                    "published_at",
                    "expires_at",
                    "search_text",
                }
            ),
            author_id=author.id,
            status=ListingStatus.PUBLISHED,
            created_at=stamp,
            published_at=stamp,
            expires_at=stamp + timedelta(days=30),
        )
        listing.title = f"Hecke schneiden am Kirchweg ({stamp:%H%M%S})"
        db.add(listing)
        db.flush()
        assert listing.id is not None
        return listing.id, listing.title, db.get_one(Area, template.district_id).name


def _listing(title_of: str = "maria@delbrueck.example") -> tuple[int, str, str]:
    """A public listing of the seed by `title_of`: (id, title, its Ortsteil)."""
    with session_scope() as db:
        author = db.exec(select(User).where(User.email == title_of)).one()
        listing = db.exec(
            select(Listing).where(
                Listing.author_id == author.id, Listing.status == ListingStatus.PUBLISHED
            )
        ).first()
        assert listing is not None and listing.id is not None and listing.area_id is not None
        area = db.get_one(Area, listing.area_id)
        return listing.id, listing.title, area.name


def _draft() -> int:
    """A draft of the citizen's (made here): not public, so no Aushang."""
    with session_scope() as db:
        jonas = db.exec(select(User).where(User.email == CITIZEN)).one()
        template = db.exec(select(Listing).where(Listing.author_id == jonas.id)).first()
        assert template is not None
        draft = Listing(
            **template.model_dump(exclude={"id", "status", "published_at", "search_text"}),
            status=ListingStatus.DRAFT,
        )
        draft.title = "Entwurf zum Drucken"
        db.add(draft)
        db.flush()
        assert draft.id is not None
        return draft.id


def _cookies(page: Page) -> dict[str, str]:
    return {c["name"]: c["value"] for c in page.context.cookies()}


def _download(page: Page, link: str) -> bytes:
    with page.expect_download(timeout=WAIT) as info:
        page.get_by_role("link", name=link).click()
    path = info.value.path()
    assert info.value.suggested_filename.endswith(".pdf")
    return Path(path).read_bytes()


def _axe_clean(page: Page) -> None:
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_citizen_prints_the_aushang_of_a_listing(apps: Apps, page: Page) -> None:
    listing_id, title, area = _listing()
    address = f"/k/delbrueck/eintrag/{listing_id}"
    page.goto(apps.public + address)
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=WAIT)
    # Anonymous: no print button.
    expect(page.get_by_role("link", name="Aushang drucken")).to_have_count(0)

    _log_in(page, apps, CITIZEN)
    page.goto(apps.public + address)
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("eine Seite A4")).to_be_visible(timeout=WAIT)
    body = _download(page, "Aushang drucken")
    assert body.startswith(b"%PDF")
    assert len(pdf_pages(body)) == 1
    text = pdf_text(body)
    assert title in text and f"Ortsteil: {area}" in text and "Delbrück" in text
    assert _office_phone() in text and HELGA_PHONE not in text
    assert qr_codes(body) == [apps.public + address]
    _axe_clean(page)


def test_proxy_prints_the_weekly_sheet(apps: Apps, page: Page) -> None:
    listing_id, title, area = _fresh_listing()
    _log_in(page, apps, PROXY)
    open_menu(page)
    page.get_by_role("link", name="Wochenblatt drucken").click()
    expect(page).to_have_url(re.compile(re.escape(WEEKLY_SHEET)), timeout=WAIT)
    expect(page.get_by_role("heading", name="Wochenblatt drucken")).to_be_visible(timeout=WAIT)
    page.get_by_label("Ortsteil").select_option(label=area)
    download = page.get_by_role("link", name="Wochenblatt herunterladen (PDF)")
    expect(download).to_have_attribute(
        "href", re.compile(r"/drucken/wochenblatt\.pdf\?ort=\d+"), timeout=WAIT
    )
    _axe_clean(page)
    body = _download(page, "Wochenblatt herunterladen (PDF)")
    text = pdf_text(body)
    assert f"Neue Angebote und Gesuche in {area}" in text
    assert title in text
    assert HELGA_PHONE in text and "Stellvertretung" in text
    codes = qr_codes(body)
    assert apps.public + f"/k/delbrueck/eintrag/{listing_id}" in codes
    with session_scope() as db:
        in_area = {
            listing.id
            for listing in db.exec(
                select(Listing).where(
                    Listing.status == ListingStatus.PUBLISHED,
                    Listing.district_id
                    == select(Area.id).where(Area.name == area).scalar_subquery(),
                )
            ).all()
        }
    assert {int(code.rsplit("/", 1)[1]) for code in codes} <= in_area
    # The Aushang of a proxy carries her phone, not the office's.
    page.goto(apps.public + f"/k/delbrueck/eintrag/{listing_id}")
    notice = _download(page, "Aushang drucken")
    assert HELGA_PHONE in pdf_text(notice) and _office_phone() not in pdf_text(notice)


@pytest.mark.parametrize("who", ["anonymous", "pending", "citizen", "other_kommune"])
def test_wrong_people_get_no_weekly_sheet_through_raw_calls(
    apps: Apps, page: Page, who: str
) -> None:
    if who == "anonymous":
        page.goto(apps.public + WEEKLY_SHEET)
        expect(page).to_have_url(re.compile("/anmelden"), timeout=WAIT)
    else:
        email = {"pending": PENDING, "citizen": CITIZEN, "other_kommune": OTHER_KOMMUNE}[who]
        _log_in(page, apps, email)
        page.goto(apps.public + WEEKLY_SHEET)
        expect(page.get_by_text("Das Wochenblatt drucken Stellvertretungen.")).to_be_visible(
            timeout=WAIT
        )
    tab = tab_of(page)
    cookies = _cookies(page)
    page.goto("about:blank")
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        area = db.exec(select(Area).where(Area.kommune_id == kommune.id)).first()
        assert area is not None
    state = WeeklySheetState.get_full_name()
    for name, payload in (("load", {}), ("choose_area", {"value": str(area.id)})):
        updates = send_event(
            apps.public, tab, f"{state}.{name}", payload, path=WEEKLY_SHEET, timeout=EVENT_WAIT
        )
        sent = str(updates)
        assert area.name not in sent and f"ort={area.id}" not in sent
        assert "'allowed_rx_state_': True" not in sent
        if name == "load" and who != "anonymous":
            # The page did load (so the checks above saw its answer): refused, not empty.
            assert "'loaded_rx_state_': True" in sent
    with httpx.Client(base_url=apps.public, cookies=cookies, timeout=30) as http:
        for path in (f"/drucken/wochenblatt.pdf?ort={area.id}", "/drucken/wochenblatt.pdf"):
            answer = http.get(path)
            assert answer.status_code == 403, path
            assert answer.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize("who", ["anonymous", "pending"])
def test_no_aushang_for_people_not_approved(apps: Apps, page: Page, who: str) -> None:
    listing_id, title, _ = _listing()
    address = f"/k/delbrueck/eintrag/{listing_id}"
    if who == "pending":
        _log_in(page, apps, PENDING)
    page.goto(apps.public + address)
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("link", name="Aushang drucken")).to_have_count(0)
    tab: Tab = tab_of(page)
    cookies = _cookies(page)
    page.goto("about:blank")
    updates = send_event(
        apps.public,
        tab,
        f"{DetailState.get_full_name()}.load",
        {},
        path=address,
        timeout=EVENT_WAIT,
    )
    # The page loaded again (its vars reset and set), without the print link.
    assert "'found_rx_state_': True" in str(updates)
    assert "/drucken/" not in str(updates)
    with httpx.Client(base_url=apps.public, cookies=cookies, timeout=30) as http:
        answer = http.get(f"/drucken/aushang/delbrueck/{listing_id}.pdf")
        assert answer.status_code == 403
        assert b"%PDF" not in answer.content


def test_aushang_of_a_listing_that_is_not_public_is_not_found(apps: Apps, page: Page) -> None:
    draft = _draft()
    _log_in(page, apps, CITIZEN)
    # The author sees their draft, but it is no notice: no button, and the address is 404.
    page.goto(apps.public + f"/k/delbrueck/eintrag/{draft}")
    expect(page.get_by_role("heading", name="Entwurf zum Drucken")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("link", name="Aushang drucken")).to_have_count(0)
    tab = tab_of(page)
    cookies = _cookies(page)
    page.goto("about:blank")
    updates = send_event(
        apps.public,
        tab,
        f"{DetailState.get_full_name()}.load",
        {},
        path=f"/k/delbrueck/eintrag/{draft}",
        timeout=EVENT_WAIT,
    )
    assert "'found_rx_state_': True" in str(updates)  # the author's page, without the link
    assert "/drucken/" not in str(updates)
    listing_id, _, _ = _listing()
    with httpx.Client(base_url=apps.public, cookies=cookies, timeout=30) as http:
        assert http.get(f"/drucken/aushang/delbrueck/{draft}.pdf").status_code == 404
        assert http.get("/drucken/aushang/delbrueck/99999999.pdf").status_code == 404
        # Another Kommune's address for a Delbrück listing: not found either.
        other = http.get(f"/drucken/aushang/bad-lippspringe/{listing_id}.pdf")
        assert other.status_code == 404
        assert http.get(f"/drucken/aushang/delbrueck/{listing_id}.pdf").status_code == 200
