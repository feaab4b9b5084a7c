"""Coordinators in the browser: the demo coordinator of Westenholz approves a person from
Westenholz and cannot see one from Boke; the menu shows her only her pages; a Kommune admin
appoints and revokes coordinators; and a hostile browser calling the portal's handlers with
ids out of her scope gets "not found" and changes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from admin_portal import routes
from admin_portal.pages.approvals import ApprovalState
from admin_portal.pages.areas import AreasState
from admin_portal.pages.coordinators import CoordinatorsState
from admin_portal.pages.listing_detail import ListingDetailState
from admin_portal.pages.moderation import ModerationState
from admin_portal.pages.person_detail import PersonDetailState
from admin_portal.state import AdminSession
from dasnez_core.db import session_scope
from dasnez_core.models import (
    Area,
    AuditEvent,
    Listing,
    ListingStatus,
    RoleGrant,
    User,
    UserSession,
    UserStatus,
    id_of,
)
from dasnez_core.seed import DEMO_COORDINATOR, DEMO_PASSWORD
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event, tab_of
from tests.e2e.test_admin_moderation import _delbrueck_id, _listing, _report

DESKTOP = {"width": 1280, "height": 900}
DELBRUECK_ADMIN = "admin@delbrueck.example"


def _person_in(area_name: str, name: str, address: str, status: str = UserStatus.PENDING) -> int:
    """A person of Delbrück living in `area_name` (as a confirmed registration leaves them)."""
    kommune_id = _delbrueck_id()
    with session_scope() as db:
        area = db.exec(
            select(Area).where(Area.kommune_id == kommune_id, Area.name == area_name)
        ).one()
        user = User(
            email=address,
            password_hash="x",
            display_name=name,
            kommune_id=kommune_id,
            area_id=area.id,
            status=status,
        )
        db.add(user)
        db.flush()
        return id_of(user)


def _listing_in(author_id: int, area_name: str, title: str) -> int:
    listing_id = _listing(author_id, title)
    with session_scope() as db:
        area = db.exec(
            select(Area).where(Area.kommune_id == _delbrueck_id(), Area.name == area_name)
        ).one()
        listing = db.get(Listing, listing_id)
        assert listing is not None
        listing.area_id = listing.district_id = area.id
        db.add(listing)
    return listing_id


def _status(user_id: int) -> str:
    with session_scope() as db:
        user = db.get(User, user_id)
        return user.status if user is not None else "gone"


def _login(browser: Browser, apps: Apps, address: str) -> Page:
    page = browser.new_context(viewport=DESKTOP, locale="de-DE").new_page()  # type: ignore[arg-type]
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill(address)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/uebersicht/?$"))
    # The menu comes with the page's first event over the websocket (slow on a busy box).
    menu = page.get_by_role("navigation", name="Verwaltung")
    expect(menu.get_by_role("link", name="Übersicht")).to_be_visible(timeout=60_000)
    return page


@pytest.fixture
def coordinator(browser: Browser, apps: Apps) -> Iterator[Page]:
    page = _login(browser, apps, DEMO_COORDINATOR)
    yield page
    page.context.close()


def test_coordinator_approves_westenholz_and_cannot_see_boke(apps: Apps, coordinator: Page) -> None:
    page = coordinator
    west = _person_in("Westenholz", "Wiebke Westhoff", "wiebke@example.org")
    boke = _person_in("Boke", "Bruno Bökenkamp", "bruno@example.org")
    menu = page.get_by_role("navigation", name="Verwaltung")
    expect(menu.get_by_role("link", name="Übersicht")).to_be_visible()
    # Master data, the audit log, ratings and admin accounts are not hers.
    for closed in ("Ortsteile", "Protokoll", "Bewertungen", "Rechtstexte", "Ortsteil-Verwaltung"):
        expect(menu.get_by_role("link", name=closed, exact=True)).to_have_count(0)
    # The switcher names where she works (Westenholz and its primary school).
    expect(page.get_by_label("Sie arbeiten für")).to_be_visible()

    page.goto(apps.admin + routes.APPROVALS)
    expect(page.get_by_text("Wiebke Westhoff")).to_be_visible()
    expect(page.get_by_text("Bruno Bökenkamp")).to_have_count(0)
    page.get_by_role("button", name="Freischalten Wiebke Westhoff").click()
    expect(page.get_by_text("Wiebke Westhoff ist freigeschaltet.")).to_be_visible()
    assert _status(west) == UserStatus.APPROVED
    assert _status(boke) == UserStatus.PENDING

    # Boke's person is "not found" on the lists and on her detail page.
    page.goto(apps.admin + routes.PEOPLE + "?q=B%C3%B6kenkamp")
    expect(page.get_by_text("Wiebke")).to_have_count(0)
    expect(page.get_by_text("Bruno Bökenkamp")).to_have_count(0)
    page.goto(apps.admin + routes.person_href(boke))
    expect(page.get_by_text("Diese Person wurde nicht gefunden.")).to_be_visible()
    page.goto(apps.admin + routes.person_href(west))
    expect(page.get_by_role("heading", name="Wiebke Westhoff")).to_be_visible()

    # An admin-only page, typed in: refused.
    page.goto(apps.admin + routes.AREAS)
    expect(page.get_by_text("Dazu sind Sie nicht berechtigt.")).to_be_visible()


def test_switching_to_the_school_changes_what_she_sees(apps: Apps, coordinator: Page) -> None:
    page = coordinator
    _person_in("Westenholz", "Willi Wächter", "willi@example.org")
    page.goto(apps.admin + routes.APPROVALS)
    expect(page.get_by_text("Willi Wächter")).to_be_visible()
    page.get_by_label("Sie arbeiten für").select_option(
        label="Delbrück – Sozialraum Grundschule Westenholz"
    )
    page.get_by_role("button", name="Wechseln").click()
    page.wait_for_url(re.compile(r"/uebersicht/?$"))
    page.goto(apps.admin + routes.APPROVALS)
    expect(page.get_by_role("heading", name="Freischaltung", level=1)).to_be_visible()
    expect(page.get_by_text("Willi Wächter")).to_have_count(0)
    # The choice lives on her server-side session, not in the tab.
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == DEMO_COORDINATOR)).one()
        school = db.exec(
            select(RoleGrant).where(
                RoleGrant.user_id == user.id, col(RoleGrant.social_space_id).is_not(None)
            )
        ).one()
        chosen = db.exec(
            select(UserSession.context_grant_id).where(
                UserSession.user_id == user.id, col(UserSession.revoked_at).is_(None)
            )
        ).all()
        assert school.id in chosen
        for row in db.exec(select(UserSession).where(UserSession.user_id == user.id)).all():
            row.context_grant_id = None  # back to Westenholz for the other tests
            db.add(row)


def test_hostile_calls_with_ids_out_of_scope_are_not_found(apps: Apps, coordinator: Page) -> None:
    page = coordinator
    boke = _person_in("Boke", "Berta Brinkmann", "berta.b@example.org")
    author = _person_in("Boke", "Bodo Brockhoff", "bodo.b@example.org", UserStatus.APPROVED)
    listing = _listing_in(author, "Boke", "Zaun streichen in Boke")
    _report(listing, None, "Bitte ansehen, das ist in Boke.")
    page.goto(apps.admin + routes.APPROVALS)
    expect(page.get_by_role("heading", name="Freischaltung", level=1)).to_be_visible()
    tab = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    reason = "Fremder Ortsteil greift ein"

    def send(state: type, handler: str, payload: dict, path: str) -> str:
        return str(
            send_event(apps.admin, tab, f"{state.get_full_name()}.{handler}", payload, path=path)
        )

    not_found = [
        (ApprovalState, "approve", {"user_id": boke}, routes.APPROVALS),
        (
            ApprovalState,
            "decline",
            {"form": {"user_id": str(boke), "reason": reason}},
            routes.APPROVALS,
        ),
        (
            ModerationState,
            "remove_listing",
            {"form": {"listing_id": str(listing), "reason": reason}},
            routes.REPORTS,
        ),
        (
            ModerationState,
            "block",
            {"form": {"user_id": str(author), "reason": reason}},
            routes.REPORTS,
        ),
        (
            PersonDetailState,
            "block",
            {"form": {"user_id": str(author), "reason": reason}},
            routes.person_href(author),
        ),
        (
            ListingDetailState,
            "remove",
            {"form": {"listing_id": str(listing), "reason": reason}},
            routes.listing_detail_href(listing),
        ),
    ]
    for state, handler, payload, path in not_found:
        answer = send(state, handler, payload, path)
        assert "nicht gefunden" in answer or "gibt es nicht" in answer, (handler, answer[:300])
    # Admin-only handlers: refused outright.
    grant = {"form": {"email": "maria@delbrueck.example", "scope": "a1", "reason": reason}}
    assert "nicht berechtigt" in send(CoordinatorsState, "grant", grant, routes.COORDINATORS)
    assert "nicht berechtigt" in send(
        AreasState, "add", {"form": {"name": "Neudorf", "parent_id": ""}}, routes.AREAS
    )
    # A working context that is not hers: not found, her session keeps its own.
    with session_scope() as db:
        foreign = db.exec(select(RoleGrant).where(RoleGrant.role == "kommune_admin")).first()
        assert foreign is not None
    answer = send(AdminSession, "switch_context", {"form": {"context": str(foreign.id)}}, "/")
    assert "gibt es für Sie nicht" in answer
    assert _status(boke) == UserStatus.PENDING
    assert _status(author) == UserStatus.APPROVED
    with session_scope() as db:
        assert db.get(Listing, listing).status == ListingStatus.PUBLISHED  # type: ignore[union-attr]
        events = db.exec(
            select(AuditEvent).where(
                col(AuditEvent.target_type).in_(["user", "listing"]),
                col(AuditEvent.target_id).in_([boke, author, listing]),
            )
        ).all()
        assert events == []
        user = db.exec(select(User).where(User.email == DEMO_COORDINATOR)).one()
        sessions = db.exec(select(UserSession).where(UserSession.user_id == user.id)).all()
        assert all(s.context_grant_id != foreign.id for s in sessions)


def test_admin_appoints_and_revokes_a_coordinator(apps: Apps, browser: Browser) -> None:
    pending = _person_in("Boke", "Paula Pending", "paula.pending@example.org")
    member = _person_in("Boke", "Moritz Mitglied", "moritz@example.org", UserStatus.APPROVED)
    page = _login(browser, apps, DELBRUECK_ADMIN)
    link = page.get_by_role("navigation", name="Verwaltung").get_by_role(
        "link", name="Ortsteil-Verwaltung"
    )
    expect(link).to_have_attribute("href", routes.COORDINATORS)
    page.goto(apps.admin + routes.COORDINATORS)
    expect(
        page.get_by_role("heading", name=re.compile("Ortsteil- und Sozialraum-Verwaltung"))
    ).to_be_visible()
    expect(page.get_by_text("Klara Wiese (Ortsteil Westenholz)").first).to_be_visible()
    form = page.locator("form").filter(has=page.get_by_role("button", name="Koordination vergeben"))
    form.get_by_label("E-Mail-Adresse der Person").fill("paula.pending@example.org")
    form.get_by_label("Zuständig für").select_option(label="Ortsteil Boke mit seinen Dörfern")
    form.get_by_label("Grund (steht im Protokoll)").fill("Ortsvorsteherin seit Mai")
    form.get_by_role("button", name="Koordination vergeben").click()
    expect(page.get_by_text("Paula Pending ist noch nicht freigeschaltet.").first).to_be_visible()
    with session_scope() as db:
        assert db.exec(select(RoleGrant).where(RoleGrant.user_id == pending)).all() == []

    form.get_by_label("E-Mail-Adresse der Person").fill("moritz@example.org")
    form.get_by_label("Zuständig für").select_option(label="Ortsteil Boke mit seinen Dörfern")
    form.get_by_label("Grund (steht im Protokoll)").fill("Ortsvorsteher seit Mai")
    form.get_by_role("button", name="Koordination vergeben").click()
    expect(
        page.get_by_text("Moritz Mitglied ist jetzt für diesen Bereich zuständig.")
    ).to_be_visible()
    with session_scope() as db:
        grant = db.exec(select(RoleGrant).where(RoleGrant.user_id == member)).one()
        assert grant.role == "coordinator" and grant.area_id is not None

    revoke = page.locator("form").filter(has=page.get_by_role("button", name="Entziehen"))
    revoke.get_by_label("Zuständig für").select_option(
        label="Moritz Mitglied – Ortsteil Boke mit seinen Dörfern"
    )
    revoke.get_by_label("Grund (steht im Protokoll)").fill("Amtszeit beendet")
    revoke.get_by_role("button", name="Entziehen").click()
    expect(page.get_by_text("Die Koordination von Moritz Mitglied ist entzogen")).to_be_visible()
    with session_scope() as db:
        assert db.exec(select(RoleGrant).where(RoleGrant.user_id == member)).all() == []
        reasons = db.exec(
            select(AuditEvent.reason)
            .where(AuditEvent.target_id == member)
            .order_by(col(AuditEvent.id))
        ).all()
        assert reasons == [
            "Ortsteil Boke mit seinen Dörfern: Ortsvorsteher seit Mai",
            "Ortsteil Boke mit seinen Dörfern: Amtszeit beendet",
        ]
    page.context.close()


def test_only_the_kommunes_admin_reaches_the_coordinators_handlers(
    apps: Apps, browser: Browser
) -> None:
    """Anonymous and another Kommune's admin, with a Delbrück grant's id: refused or not
    found, and the grant stays; an anonymous switch of context is not found."""
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == DEMO_COORDINATOR)).one()
        grant = db.exec(select(RoleGrant).where(RoleGrant.user_id == user.id)).first()
        assert grant is not None and grant.id is not None
        grant_id = grant.id
    revoke = {"form": {"grant_id": str(grant_id), "revoke_reason": "Fremde greifen ein"}}
    name = f"{CoordinatorsState.get_full_name()}.revoke"
    anonymous = str(send_event(apps.admin, fresh_token(), name, revoke, path=routes.COORDINATORS))
    assert "nicht berechtigt" in anonymous
    page = _login(browser, apps, "admin@bad-lippspringe.example")
    tab = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    other = str(send_event(apps.admin, tab, name, revoke, path=routes.COORDINATORS))
    assert "nicht gefunden" in other
    switch = f"{AdminSession.get_full_name()}.switch_context"
    answer = str(
        send_event(
            apps.admin, fresh_token(), switch, {"form": {"context": str(grant_id)}}, path="/"
        )
    )
    assert "gibt es für Sie nicht" in answer
    with session_scope() as db:
        assert db.get(RoleGrant, grant_id) is not None
    page.context.close()
