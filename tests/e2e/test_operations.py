"""Operations in the admin portal, in Chromium: platform staff send a failed mail again;
a Kommune admin sets their digest mails and the Kommune's retention periods (a wrong value
gets a German message and saves nothing). Over the raw websocket, nobody else reaches the
outbox, and nobody changes another person's digest or another Kommune's periods."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlmodel import select

from admin_portal.pages.my_profile import MyProfileState
from admin_portal.pages.outbox import OutboxState
from admin_portal.pages.retention import RetentionState
from dasnez_core.db import session_scope
from dasnez_core.models import Kommune, User
from dasnez_core.models.operations import (
    AdminDigestSetting,
    MailOutbox,
    MailStatus,
    RetentionSetting,
)
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event, tab_of

STAFF = "betrieb@dasnez.example"
ADMIN = "admin@delbrueck.example"
OTHER_ADMIN = "admin@bad-lippspringe.example"
NOT_ALLOWED = "Dazu sind Sie nicht berechtigt."
# A page's data arrives over the websocket after the first paint; on a busy machine slowly.
WAIT = 60_000


@pytest.fixture
def desk(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    context.set_default_timeout(WAIT)
    context.set_default_navigation_timeout(WAIT)
    yield context
    context.close()


def _login(page: Page, apps: Apps, email: str) -> None:
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible(timeout=WAIT)


def _failed_mail(to: str) -> int:
    with session_scope() as db:
        row = MailOutbox(
            to_address=to,
            subject="Ihre Freischaltung",
            body="Geheimer Mailtext mit Einmal-Link",
            status=MailStatus.FAILED,
            attempts=10,
            last_error="ConnectionRefusedError",
        )
        db.add(row)
        db.flush()
        assert row.id is not None
        return row.id


def _status(mail_id: int) -> str:
    with session_scope() as db:
        row = db.get(MailOutbox, mail_id)
        assert row is not None
        return row.status


def _user_id(email: str) -> int:
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).one()
        assert user.id is not None
        return user.id


def _periods(slug: str) -> dict[str, int]:
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == slug)).one()
        rows = db.exec(select(RetentionSetting).where(RetentionSetting.kommune_id == kommune.id))
        return {row.kind: row.days for row in rows}


def _tab(page: Page) -> str:
    token = tab_of(page)
    page.goto("about:blank")  # leave, so that the socket frees the token's state
    page.wait_for_timeout(1000)
    return token


def test_platform_staff_send_a_failed_mail_again(apps: Apps, desk: BrowserContext) -> None:
    mail_id = _failed_mail("lena.postfach@example.org")
    page = desk.new_page()
    _login(page, apps, STAFF)
    page.get_by_role("link", name="Postausgang").click()
    expect(page.get_by_role("heading", name="Postausgang", level=1)).to_be_visible(timeout=WAIT)
    expect(page.get_by_text(re.compile(r"Fehlgeschlagen: [1-9]"))).to_be_visible(timeout=WAIT)
    row = page.get_by_role("row").filter(has_text="lena.postfach@example.org")
    expect(row).to_contain_text("ConnectionRefusedError", timeout=WAIT)
    expect(page.get_by_text("Geheimer Mailtext")).to_have_count(
        0, timeout=WAIT
    )  # never a mail's text
    row.get_by_role("button", name="Mail an lena.postfach@example.org erneut senden").click()
    expect(page.get_by_text("Die Mail wird erneut gesendet.")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("row").filter(has_text="lena.postfach@example.org")).to_have_count(
        0, timeout=WAIT
    )
    assert _status(mail_id) == MailStatus.PENDING
    page.get_by_label("Anzeigen").select_option("waiting")
    expect(page.get_by_role("row").filter(has_text="lena.postfach@example.org")).to_be_visible(
        timeout=WAIT
    )


def test_a_kommune_admin_sets_their_digest_mails(apps: Apps, desk: BrowserContext) -> None:
    page = desk.new_page()
    _login(page, apps, ADMIN)
    page.goto(apps.admin + "/mein-profil")
    daily = page.get_by_label(re.compile("^Tägliche Zusammenfassung"))
    expect(daily).to_be_checked(timeout=WAIT)
    daily.uncheck()
    page.get_by_role("button", name="Einstellungen speichern").click()
    expect(page.get_by_text("Ihre Einstellungen sind gespeichert.")).to_be_visible(timeout=WAIT)
    page.reload()
    expect(page.get_by_label(re.compile("^Tägliche Zusammenfassung"))).not_to_be_checked(
        timeout=WAIT
    )
    expect(page.get_by_label(re.compile("^Erinnerung, wenn"))).to_be_checked(timeout=WAIT)
    with session_scope() as db:
        row = db.get(AdminDigestSetting, _user_id(ADMIN))
        assert row is not None and row.daily_digest is False and row.overdue_reminder is True


def test_a_kommune_admin_sets_retention_periods_and_bad_input_saves_nothing(
    apps: Apps, desk: BrowserContext
) -> None:
    page = desk.new_page()
    _login(page, apps, ADMIN)
    page.goto(apps.admin + "/aufbewahrung")
    listings = page.get_by_label(re.compile("^Beendete Einträge"))
    expect(listings).to_have_value("180", timeout=WAIT)
    listings.fill("90")
    page.get_by_label("Unterhaltungen ohne neue Nachricht").fill("10")
    page.get_by_role("button", name="Fristen speichern").click()
    expect(
        page.get_by_text("Bitte eine ganze Zahl von 90 bis 1095 Tagen eingeben.").first
    ).to_be_visible(timeout=WAIT)
    expect(page.get_by_label("Unterhaltungen ohne neue Nachricht")).to_be_focused(timeout=WAIT)
    expect(listings).to_have_value("90", timeout=WAIT)  # what was typed stays
    assert _periods("delbrueck") == {"conversations_inactive": 180}  # from the seed
    page.get_by_label("Unterhaltungen ohne neue Nachricht").fill("200")
    page.get_by_role("button", name="Fristen speichern").click()
    expect(page.get_by_text("Die Fristen sind gespeichert.")).to_be_visible(timeout=WAIT)
    assert _periods("delbrueck") == {"listings_ended": 90, "conversations_inactive": 200}


def test_wrong_people_over_the_websocket(
    apps: Apps, desk: BrowserContext, browser: Browser
) -> None:
    mail_id = _failed_mail("otto.postfach@example.org")
    resend_one = f"{OutboxState.get_full_name()}.resend_one"
    resend_every = f"{OutboxState.get_full_name()}.resend_every"
    save_digest = f"{MyProfileState.get_full_name()}.save"
    save_periods = f"{RetentionState.get_full_name()}.save"
    # Anonymous: nothing at all.
    for name, payload, path in (
        (resend_one, {"mail_id": str(mail_id)}, "/postausgang"),
        (resend_every, {}, "/postausgang"),
        (save_digest, {"form": {}}, "/mein-profil"),
        (save_periods, {"form": {"retention_listings_ended": "30"}}, "/aufbewahrung"),
    ):
        updates = send_event(apps.admin, fresh_token(), name, payload, path=path)
        assert "gespeichert" not in str(updates) and "erneut gesendet" not in str(updates)
    # A Kommune admin is not platform staff: the outbox stays closed.
    page = desk.new_page()
    _login(page, apps, OTHER_ADMIN)
    admin_tab = _tab(page)
    for name, payload in ((resend_one, {"mail_id": str(mail_id)}), (resend_every, {})):
        updates = send_event(apps.admin, admin_tab, name, payload, path="/postausgang")
        assert NOT_ALLOWED in str(updates)
    assert _status(mail_id) == MailStatus.FAILED
    # The other Kommune's admin changes only their own digest and their own Kommune.
    send_event(apps.admin, admin_tab, save_digest, {"form": {}}, path="/mein-profil")
    updates = send_event(
        apps.admin,
        admin_tab,
        save_periods,
        {"form": {"retention_listings_ended": "45"}},
        path="/aufbewahrung",
    )
    assert "Die Fristen sind gespeichert." in str(updates)
    assert _periods("bad-lippspringe") == {"listings_ended": 45}
    assert _periods("delbrueck").get("listings_ended") != 45
    with session_scope() as db:
        own = db.get(AdminDigestSetting, _user_id(OTHER_ADMIN))
        assert own is not None and own.daily_digest is False
        delbrueck_admin = db.get(AdminDigestSetting, _user_id(ADMIN))
        assert delbrueck_admin is None or delbrueck_admin.overdue_reminder is True
    # Platform staff administer no Kommune: no digest, no periods (a browser of their own:
    # the desk above still holds the other admin's session cookie).
    staff_desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    staff_desk.set_default_timeout(WAIT)
    staff_desk.set_default_navigation_timeout(WAIT)
    page = staff_desk.new_page()
    _login(page, apps, STAFF)
    staff_tab = _tab(page)
    updates = send_event(apps.admin, staff_tab, save_digest, {"form": {}}, path="/mein-profil")
    assert NOT_ALLOWED in str(updates)
    updates = send_event(
        apps.admin,
        staff_tab,
        save_periods,
        {"form": {"retention_listings_ended": "30"}},
        path="/aufbewahrung",
    )
    assert NOT_ALLOWED in str(updates)
    assert _periods("delbrueck").get("listings_ended") != 30
    staff_desk.close()
