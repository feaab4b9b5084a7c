"""Stellvertretung in the browser: Delbrück's admin appoints a proxy; the proxy records a
person without internet, prints the consent form, confirms the signature; the admin
approves the person (marked "vertreten"); the proxy posts for them; a citizen writes, the
proxy answers "für" the person, both confirm and rate; then the admin revokes the proxy,
first without a hand-over (refused), then handing the person to the office.

Hostile websocket calls: another proxy and another Kommune's admin send the new handlers
with this person's id and get "not found"; nothing changes.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from sqlmodel import Session, select

from admin_portal.pages.proxies import ProxiesState
from dasnez_app.pages.represented import RepresentedState
from dasnez_core.db import session_scope
from dasnez_core.models import (
    Agreement,
    Area,
    Category,
    ConsentRecord,
    Listing,
    Rating,
    RepresentedPerson,
    Role,
    RoleGrant,
    User,
    UserStatus,
    id_of,
)
from dasnez_core.passwords import hash_password
from dasnez_core.seed import DEMO_PASSWORD
from dasnez_core.services.listings import ListingDraft, create_listing
from dasnez_core.services.sessions import actor_for
from tests.e2e.conftest import Apps
from tests.e2e.hostile import send_event, tab_of
from tests.e2e.test_accessibility import AXE_OPTIONS
from tests.e2e.test_admin_moderation import DELBRUECK_ADMIN, OTHER_ADMIN, _admin, _delbrueck_id

PHONE = {"width": 390, "height": 844}
PERSON = "Gerda Sommer"
TITLE = "Hilfe beim Fensterputzen"


@pytest.fixture(autouse=True)
def _patient_expectations() -> Iterator[None]:
    """A long flow on a busy machine: wait up to 60 s for each expectation (then back)."""
    expect.set_options(timeout=60_000)
    yield
    expect.set_options(timeout=5_000)


def _citizen(address: str, name: str, roles: tuple[str, ...] = ()) -> int:
    """An approved person of Delbrück who can log in with the demo password."""
    kommune_id = _delbrueck_id()
    with session_scope() as db:
        area = db.exec(select(Area).where(Area.kommune_id == kommune_id, Area.name == "Boke")).one()
        user = User(
            email=address,
            password_hash=hash_password(DEMO_PASSWORD),
            display_name=name,
            kommune_id=kommune_id,
            area_id=area.id,
            status=UserStatus.APPROVED,
        )
        db.add(user)
        db.flush()
        for document in ("privacy", "terms"):
            db.add(
                ConsentRecord(
                    user_id=id_of(user), kommune_id=kommune_id, document=document, version="1"
                )
            )
        for role in roles:
            db.add(RoleGrant(user_id=id_of(user), role=role, kommune_id=kommune_id))
        return id_of(user)


def _public(browser: Browser, apps: Apps, address: str, name: str) -> Page:
    page = browser.new_context(viewport=PHONE, locale="de-DE", accept_downloads=True).new_page()  # type: ignore[arg-type]
    page.set_default_timeout(60_000)
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(address)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_text(name)).to_be_visible()
    return page


def _no_axe_violations(page: Page) -> None:
    """axe-core (WCAG 2.1 AA) finds nothing on the page as it stands."""
    page.wait_for_timeout(300)
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def _person_id() -> int:
    with session_scope() as db:
        return db.exec(
            select(RepresentedPerson.user_id).where(RepresentedPerson.full_name == PERSON)
        ).one()


def test_proxy_flow_from_appointment_to_hand_over(apps: Apps, browser: Browser) -> None:
    proxy_id = _citizen("paul.pate@example.org", "Paul Pate")
    _citizen("clara.c@example.org", "Clara Christ")

    # 1. The admin appoints Paul with a reason.
    admin = _admin(browser, apps, DELBRUECK_ADMIN)
    admin.goto(apps.admin + "/stellvertretung")
    expect(admin.get_by_role("heading", name=re.compile("^Stellvertretung"))).to_be_visible()
    admin.get_by_label("Freigeschaltetes Mitglied").select_option(label="Paul Pate")
    admin.get_by_label("Begründung (für das Protokoll)").first.fill("Leitet den Seniorentreff")
    admin.get_by_role("button", name="Beauftragen").click()
    expect(
        admin.get_by_text("Paul Pate ist jetzt mit der Stellvertretung beauftragt.")
    ).to_be_visible()

    # 2. Paul records Gerda on "Meine vertretenen Personen".
    proxy = _public(browser, apps, "paul.pate@example.org", "Paul Pate")
    proxy.locator("header").get_by_role("button", name="Menü").click()
    proxy.get_by_role("link", name="Vertretene Personen").click()
    expect(proxy.get_by_role("heading", name="Meine vertretenen Personen")).to_be_visible()
    proxy.get_by_label("Vor- und Nachname").fill(PERSON)
    proxy.get_by_label("Ortsteil").select_option(label="Boke")
    proxy.get_by_label("Geburtsjahr").fill("1936")
    proxy.get_by_role("button", name="Person erfassen").click()
    expect(proxy.locator("#phone-error")).to_have_text(
        "Bitte geben Sie eine Telefonnummer oder eine Postanschrift an."
    )
    proxy.get_by_label("Telefon").fill("05250 778899")
    proxy.get_by_role("button", name="Person erfassen").click()
    expect(proxy.get_by_text(f"{PERSON} ist erfasst.", exact=False)).to_be_visible()
    person_id = _person_id()
    card = proxy.get_by_test_id("represented-person").filter(has_text=PERSON)
    expect(card.get_by_text("Einwilligung fehlt noch")).to_be_visible()
    expect(card.get_by_role("link", name=f"Neuer Eintrag für {PERSON}")).to_have_count(0)

    # 3. The consent form downloads as a PDF naming Gerda and the privacy notice.
    started = time.monotonic()
    with proxy.expect_download() as info:
        card.get_by_role("button", name="Einwilligung drucken (PDF)").click()
    download = info.value
    elapsed = time.monotonic() - started
    path = Path(download.path())
    assert download.suggested_filename.startswith("einwilligung-gerda-sommer-")
    text = _pdf_text(path)
    assert PERSON in text and "Paul Pate" in text and "Datenschutzerklärung der Kommune" in text
    print(f"\nconsent PDF via browser: {path.stat().st_size} bytes, {elapsed:.2f} s to download")

    # 4. Paul confirms the signature.
    card.get_by_label("Unterschrieben am").fill(date.today().isoformat())
    card.get_by_role("button", name="Unterschrift bestätigen").click()
    expect(proxy.get_by_text(f"Die Einwilligung von {PERSON} ist erfasst.")).to_be_visible()
    expect(card.get_by_text(re.compile("Einwilligung unterschrieben am"))).to_be_visible()
    _no_axe_violations(proxy)

    # 5. The admin's approval queue shows Gerda as represented, without an address.
    admin.goto(apps.admin + "/freischaltung")
    row = admin.get_by_role("row").filter(has_text=PERSON)
    expect(row).to_contain_text("vertreten")
    expect(row).to_contain_text("vertreten durch Paul Pate")
    expect(row).not_to_contain_text("vertreten.invalid")
    row.get_by_role("button", name=f"Freischalten {PERSON}").click()
    expect(admin.get_by_role("row").filter(has_text=PERSON)).to_have_count(0)

    # 6. Paul posts for Gerda.
    proxy.reload()
    card = proxy.get_by_test_id("represented-person").filter(has_text=PERSON)
    card.get_by_role("link", name=f"Neuer Eintrag für {PERSON}").click()
    expect(proxy.get_by_text(f"Sie schreiben hier für {PERSON} (Stellvertretung).")).to_be_visible()
    proxy.get_by_label("Ich suche Hilfe (Gesuch)").check()
    proxy.get_by_label("Kategorie").select_option(label="Nachbarschaftshilfe – Alltagshilfe")
    proxy.get_by_label("Titel").fill(TITLE)
    proxy.get_by_label("Beschreibung").fill(
        "Die Fenster im Erdgeschoss müssten einmal geputzt werden."
    )
    proxy.get_by_label("Ortsteil").select_option(label="Boke")
    proxy.get_by_role("button", name="Veröffentlichen").click()
    expect(proxy.get_by_role("link", name="← Meine vertretenen Personen")).to_be_visible()
    with session_scope() as db:
        listing = db.exec(select(Listing).where(Listing.title == TITLE)).one()
        assert listing.author_id == person_id
        listing_id = id_of(listing)

    # 7. Clara sees "Gerda" and "vertreten durch Paul Pate" and writes.
    clara = _public(browser, apps, "clara.c@example.org", "Clara Christ")
    clara.goto(apps.public + f"/k/delbrueck/eintrag/{listing_id}")
    expect(clara.get_by_text("vertreten durch Paul Pate")).to_be_visible()
    expect(clara.get_by_text("Gerda", exact=True)).to_be_visible()
    expect(clara.get_by_text("Sommer")).to_have_count(0)
    clara.goto(apps.public + f"/nachrichten/neu?eintrag={listing_id}")
    expect(clara).to_have_url(re.compile(r"/nachrichten/\d+$"))
    thread_url = clara.url
    clara.get_by_label("Ihre Nachricht").fill("Ich kann am Samstag vorbeikommen.")
    clara.get_by_role("button", name="Senden").click()
    expect(clara.get_by_test_id("message")).to_have_count(1)

    # 8. Paul's inbox: unread, marked "für Gerda Sommer"; he answers for her.
    proxy.goto(apps.public + "/nachrichten")
    expect(proxy.get_by_role("link", name="Nachrichten, 1 ungelesene")).to_be_visible()
    row = proxy.get_by_test_id("conversation").filter(has_text=TITLE)
    expect(row).to_contain_text(f"für {PERSON}")
    row.get_by_role("link").click()
    expect(proxy).to_have_url(thread_url)
    expect(proxy.get_by_text(f"Sie schreiben hier für {PERSON} (Stellvertretung).")).to_be_visible()
    proxy.get_by_label("Ihre Nachricht").fill("Samstag passt Frau Sommer gut.")
    proxy.get_by_role("button", name="Senden").click()
    expect(proxy.get_by_test_id("message")).to_have_count(2)
    expect(proxy.get_by_role("link", name=re.compile("ungelesen"))).to_have_count(0)

    # 9. Both confirm; both rate.
    proxy.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(proxy.get_by_role("status")).to_contain_text("Ihre Bestätigung ist gespeichert")
    clara.reload()
    clara.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(clara.get_by_text("von beiden Seiten bestätigt")).to_be_visible()
    clara.get_by_label("5 Sterne – rundum zufrieden").check()
    clara.get_by_role("button", name="Bewertung abgeben").click()
    expect(clara.get_by_text("Ihre Bewertung: 5 von 5 Sternen.")).to_be_visible()
    proxy.reload()
    proxy.get_by_label("4 Sterne – sehr zufrieden").check()
    proxy.get_by_role("button", name="Bewertung abgeben").click()
    expect(proxy.get_by_text("Ihre Bewertung: 4 von 5 Sternen.")).to_be_visible()
    with session_scope() as db:
        agreement = db.exec(select(Agreement).where(Agreement.listing_id == listing_id)).one()
        assert agreement.seeker_id == person_id
        raters = set(
            db.exec(select(Rating.rater_id).where(Rating.agreement_id == agreement.id)).all()
        )
        assert person_id in raters and len(raters) == 2
    proxy.goto(apps.public + "/vertretung")
    expect(proxy.get_by_text("beidseitig bestätigt")).to_be_visible()

    # 10. The admin revokes Paul: without a hand-over refused, then to the office.
    admin.goto(apps.admin + "/stellvertretung")
    expect(admin.get_by_role("row").filter(has_text="Paul Pate").first).to_contain_text("1")
    admin.get_by_label("Beauftragte Person", exact=True).select_option(label="Paul Pate")
    admin.locator("#revoke_reason").fill("Zieht nach Paderborn")
    admin.get_by_role("button", name="Beauftragung beenden").click()
    expect(
        admin.get_by_text(
            re.compile("Bitte wählen Sie, wer die vertretenen Personen übernimmt")
        ).first
    ).to_be_visible()
    with session_scope() as db:
        record = db.exec(
            select(RepresentedPerson).where(RepresentedPerson.user_id == person_id)
        ).one()
        assert record.proxy_id == proxy_id
    admin.get_by_label("Wer übernimmt die vertretenen Personen?").select_option(
        label="Die Verwaltung der Kommune"
    )
    admin.get_by_role("button", name="Beauftragung beenden").click()
    expect(
        admin.get_by_text(re.compile("Die Beauftragung von Paul Pate ist beendet"))
    ).to_be_visible()
    expect(admin.get_by_role("row").filter(has_text=PERSON)).to_contain_text("Verwaltung")
    _no_axe_violations(admin)
    with session_scope() as db:
        record = db.exec(
            select(RepresentedPerson).where(RepresentedPerson.user_id == person_id)
        ).one()
        assert record.proxy_id is None
        grants = db.exec(
            select(RoleGrant).where(RoleGrant.user_id == proxy_id, RoleGrant.role == Role.PROXY)
        ).all()
        assert grants == []
    proxy.goto(apps.public + "/vertretung")
    expect(
        proxy.get_by_text(re.compile("Diese Seite ist für beauftragte Personen"))
    ).to_be_visible()

    # 11. The admin prints the person's data.
    with admin.expect_download() as info:
        admin.get_by_role("row").filter(has_text=PERSON).get_by_role(
            "button", name="Daten ausgeben (PDF)"
        ).click()
    text = _pdf_text(Path(info.value.path()))
    assert "Gespeicherte Daten von Gerda Sommer" in text and TITLE in text
    for page in (admin, proxy, clara):
        page.context.close()


def _represented_in_boke(
    db: Session, key: str, full_name: str, *, proxy_id: int | None, **details: Any
) -> tuple[int, int]:
    """An approved represented person of Delbrück living in Boke, with `proxy_id` (None:
    the office) and the RepresentedPerson `details`; (person id, area id)."""
    kommune_id = _delbrueck_id()
    area = db.exec(select(Area).where(Area.kommune_id == kommune_id, Area.name == "Boke")).one()
    person = User(
        email=f"{key}@vertreten.invalid",
        password_hash="!represented",
        display_name=full_name.split()[0],
        kommune_id=kommune_id,
        area_id=area.id,
        status=UserStatus.APPROVED,
    )
    db.add(person)
    db.flush()
    db.add(
        RepresentedPerson(
            kommune_id=kommune_id,
            user_id=id_of(person),
            proxy_id=proxy_id,
            full_name=full_name,
            **details,
        )
    )
    return id_of(person), id_of(area)


def test_hostile_calls_for_someone_elses_person_are_not_found(apps: Apps, browser: Browser) -> None:
    """Another proxy and another Kommune's admin call the new handlers with a person who
    is not theirs: "not found", and nothing is written."""
    owner = _citizen("olga.owner@example.org", "Olga Owner", roles=(Role.PROXY,))
    _citizen("fritz.fremd@example.org", "Fritz Fremd", roles=(Role.PROXY,))
    with session_scope() as db:
        person_id, _area_id = _represented_in_boke(
            db, "hostile-person", "Hanna Hostil", proxy_id=owner, birth_year=1940, phone="0123"
        )

    stranger = _public(browser, apps, "fritz.fremd@example.org", "Fritz Fremd")
    stranger.goto(apps.public + "/vertretung")
    expect(stranger.get_by_role("heading", name="Meine vertretenen Personen")).to_be_visible()
    expect(stranger.get_by_text("Hanna Hostil")).to_have_count(0)
    token = tab_of(stranger)
    stranger.goto("about:blank")
    stranger.wait_for_timeout(1000)
    state = RepresentedState.get_full_name()
    for name, payload in (
        ("print_consent", {"person_id": person_id}),
        ("confirm", {"form": {"person_id": str(person_id), "signed_on": date.today().isoformat()}}),
        ("export", {"person_id": person_id}),
        ("delete", {"person_id": person_id}),
        ("renew", {"listing_id": 1, "person_id": person_id}),
    ):
        updates = send_event(apps.public, token, f"{state}.{name}", payload, path="/vertretung")
        assert "Diese Person wurde nicht gefunden." in str(updates), name
        assert "%PDF" not in str(updates)

    other_admin = _admin(browser, apps, OTHER_ADMIN)
    other_admin.goto(apps.admin + "/stellvertretung")
    expect(other_admin.get_by_text("Hanna Hostil")).to_have_count(0)
    token = tab_of(other_admin)
    other_admin.goto("about:blank")
    other_admin.wait_for_timeout(1000)
    proxies_state = ProxiesState.get_full_name()
    for name, payload in (
        ("export", {"person_id": person_id}),
        ("delete", {"person_id": person_id}),
    ):
        updates = send_event(
            apps.admin, token, f"{proxies_state}.{name}", payload, path="/stellvertretung"
        )
        assert "Diese Person wurde nicht gefunden." in str(updates), name
    updates = send_event(
        apps.admin,
        token,
        f"{proxies_state}.revoke",
        {
            "form": {
                "proxy_id": str(owner),
                "successor": "office",
                "revoke_reason": "Feindlich hier",
            }
        },
        path="/stellvertretung",
    )
    assert "Diese beauftragte Person wurde nicht gefunden." in str(updates)
    with session_scope() as db:
        record = db.exec(
            select(RepresentedPerson).where(RepresentedPerson.user_id == person_id)
        ).one()
        assert record.proxy_id == owner and record.consent_signed_on is None
        assert db.get(User, person_id) is not None
        grants = db.exec(select(RoleGrant).where(RoleGrant.user_id == owner)).all()
        assert [g.role for g in grants] == [Role.PROXY]
    stranger.context.close()
    other_admin.context.close()


OFFICE_PERSON = "Frieda Fenske"
OFFICE_TITLE = "Hilfe beim Heckeschneiden"


def _office_person_with_listing() -> tuple[int, int]:
    """A represented person of Delbrück whom the office looks after (no proxy), approved,
    with signed consent and a published request; (person id, listing id)."""
    kommune_id = _delbrueck_id()
    with session_scope() as db:
        person_id, area_id = _represented_in_boke(
            db,
            "office-person",
            OFFICE_PERSON,
            proxy_id=None,
            birth_year=1937,
            phone="05250 4455",
            consent_version="1",
            consent_signed_on=date.today(),
        )
        category_id = db.exec(
            select(Category.id).where(
                Category.kommune_id == kommune_id, Category.name == "Alltagshilfe"
            )
        ).one()
        listing_id = create_listing(
            db,
            actor_for(db, db.get_one(User, person_id)),
            kommune_id,
            ListingDraft(
                "request",
                None,
                category_id,
                OFFICE_TITLE,
                "Die Hecke am Gartenzaun müsste geschnitten werden.",
                area_id,
            ),
        )
        return person_id, listing_id


def test_the_office_answers_for_a_person_it_looks_after(apps: Apps, browser: Browser) -> None:
    """A citizen writes about the listing of a person the office looks after: the
    Kommune's admin finds it in the public inbox marked "für" the person, answers and
    confirms for the office; the agreement names both. (Another Kommune's admin finding
    nothing is covered by the unit tests of contact and represented.)"""
    person_id, listing_id = _office_person_with_listing()
    _citizen("karl.kunde@example.org", "Karl Kunde")
    _citizen("amelie.amt@example.org", "Amelie Amt", roles=(Role.KOMMUNE_ADMIN,))

    karl = _public(browser, apps, "karl.kunde@example.org", "Karl Kunde")
    karl.goto(apps.public + f"/k/delbrueck/eintrag/{listing_id}")
    expect(karl.get_by_text("vertreten durch die Verwaltung der Kommune")).to_be_visible()
    karl.goto(apps.public + f"/nachrichten/neu?eintrag={listing_id}")
    expect(karl).to_have_url(re.compile(r"/nachrichten/\d+$"))
    thread_url = karl.url
    karl.get_by_label("Ihre Nachricht").fill("Ich habe eine Heckenschere und Zeit am Freitag.")
    karl.get_by_role("button", name="Senden").click()
    expect(karl.get_by_test_id("message")).to_have_count(1)

    # The admin's public inbox: the conversation, unread, marked "für Frieda Fenske".
    amt = _public(browser, apps, "amelie.amt@example.org", "Amelie Amt")
    amt.goto(apps.public + "/nachrichten")
    expect(amt.get_by_role("link", name=re.compile(r"^Nachrichten, \d+ ungelesen"))).to_be_visible()
    row = amt.get_by_test_id("conversation").filter(has_text=OFFICE_TITLE)
    expect(row).to_contain_text(f"für {OFFICE_PERSON}")
    row.get_by_role("link").click()
    expect(amt).to_have_url(thread_url)
    expect(
        amt.get_by_text(f"Sie schreiben hier für {OFFICE_PERSON} (Stellvertretung).")
    ).to_be_visible()
    amt.get_by_label("Ihre Nachricht").fill("Freitag passt Frau Fenske gut, danke!")
    amt.get_by_role("button", name="Senden").click()
    expect(amt.get_by_test_id("message")).to_have_count(2)
    amt.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(amt.get_by_role("status")).to_contain_text("Ihre Bestätigung ist gespeichert")

    # Karl sees who confirmed for Frieda, and confirms too.
    karl.reload()
    expect(karl.get_by_test_id("agreement-confirmed-for")).to_have_text(
        "Bestätigt: die Verwaltung der Kommune für Frieda"
    )
    karl.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(karl.get_by_text("von beiden Seiten bestätigt")).to_be_visible()
    with session_scope() as db:
        agreement = db.exec(select(Agreement).where(Agreement.listing_id == listing_id)).one()
        assert agreement.seeker_id == person_id and agreement.seeker_by_office
        admin_id = db.exec(select(User.id).where(User.email == "amelie.amt@example.org")).one()
        assert agreement.seeker_proxy_id == admin_id

    for page in (karl, amt):
        page.context.close()
