"""Operations in the admin portal, in Chromium: platform staff send a failed mail again,
page through the outbox by state and search the Kommunen (state and page in the URL); a
Kommune admin sets their digest mails and the Kommune's retention periods (a wrong value
gets a German message and saves nothing). Over the raw websocket, nobody else reaches the
outbox, and nobody changes another person's digest or another Kommune's periods."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from sqlmodel import col, select

from admin_portal.pages.my_profile import MyProfileState
from admin_portal.pages.outbox import OutboxState
from admin_portal.pages.retention import RetentionState
from dasnez_core.db import session_scope
from dasnez_core.models import Kommune, User, utcnow
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
    page.get_by_role("link", name=re.compile(r"^Wartende \(\d+\)$")).click()
    expect(page).to_have_url(re.compile(r"/postausgang\?status=waiting$"), timeout=WAIT)
    expect(page.get_by_role("row").filter(has_text="lena.postfach@example.org")).to_be_visible(
        timeout=WAIT
    )


def _outbox_rows(prefix: str, count: int, status: str) -> None:
    """`count` mails to prefix.NN@example.org, one a second, NN = 00 the newest. They are
    dated an hour ahead, so that they are the newest whatever other tests left in the
    outbox (the page boundaries are theirs); a waiting one is not due for a day."""
    now = utcnow() + timedelta(hours=1)
    with session_scope() as db:
        for n in range(count):
            at = now - timedelta(seconds=n)
            db.add(
                MailOutbox(
                    to_address=f"{prefix}.{n:02d}@example.org",
                    subject="Neue Nachricht",
                    status=status,
                    attempts=10 if status == MailStatus.FAILED else 1,
                    last_error="SMTPServerDisconnected" if status == MailStatus.FAILED else "",
                    created_at=at,
                    next_attempt_at=now + timedelta(days=1),
                    sent_at=at if status == MailStatus.SENT else None,
                )
            )


def _mail_row(page: Page, address: str) -> Locator:
    return page.get_by_role("row").filter(has_text=address)


def test_platform_staff_page_through_the_outbox_and_filter_by_state(
    apps: Apps, desk: BrowserContext
) -> None:
    _outbox_rows("seite", 55, MailStatus.FAILED)  # more than the 50 of a page
    _outbox_rows("wartet", 1, MailStatus.PENDING)
    _outbox_rows("versendet", 1, MailStatus.SENT)
    page = desk.new_page()
    _login(page, apps, STAFF)
    page.get_by_role("link", name="Postausgang").click()
    expect(page.get_by_role("heading", name="Postausgang", level=1)).to_be_visible(timeout=WAIT)
    states = page.get_by_role("navigation", name="Mails nach Stand")
    failed = states.get_by_role("link", name=re.compile(r"^Fehlgeschlagene \(\d+\)$"))
    expect(failed).to_have_attribute("aria-current", "page", timeout=WAIT)
    expect(_mail_row(page, "seite.00@example.org")).to_be_visible(timeout=WAIT)
    expect(_mail_row(page, "seite.49@example.org")).to_be_visible()
    expect(_mail_row(page, "seite.50@example.org")).to_have_count(0)
    expect(page.get_by_text(re.compile(r"^Seite 1 von [2-9]$"))).to_be_visible()
    expect(page.get_by_role("link", name="Vorherige Seite")).to_have_count(0)

    # The next page, by keyboard: its number is in the URL, so reload and back keep it.
    page.get_by_role("link", name="Nächste Seite").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/postausgang\?seite=2$"), timeout=WAIT)
    expect(page.get_by_text(re.compile(r"^Seite 2 von \d+$"))).to_be_visible(timeout=WAIT)
    expect(_mail_row(page, "seite.50@example.org")).to_be_visible(timeout=WAIT)
    expect(_mail_row(page, "seite.00@example.org")).to_have_count(0)
    page.reload()
    expect(_mail_row(page, "seite.54@example.org")).to_be_visible(timeout=WAIT)
    page.go_back()
    expect(_mail_row(page, "seite.00@example.org")).to_be_visible(timeout=WAIT)

    # Another state: only its mails, and the failed ones' button is gone.
    states.get_by_role("link", name=re.compile(r"^Wartende \(\d+\)$")).click()
    expect(page).to_have_url(re.compile(r"/postausgang\?status=waiting$"), timeout=WAIT)
    expect(_mail_row(page, "wartet.00@example.org")).to_be_visible(timeout=WAIT)
    expect(_mail_row(page, "seite.00@example.org")).to_have_count(0)
    expect(page.get_by_role("button", name="Alle fehlgeschlagenen erneut senden")).to_have_count(0)
    states.get_by_role("link", name=re.compile(r"^Versendete \(\d+\)$")).click()
    expect(_mail_row(page, "versendet.00@example.org")).to_be_visible(timeout=WAIT)
    expect(_mail_row(page, "wartet.00@example.org")).to_have_count(0)

    # A forged URL: an unknown state shows the failed mails, a page past the end the last.
    page.goto(apps.admin + "/postausgang?status=geloescht&seite=99999")
    expect(failed).to_have_attribute("aria-current", "page", timeout=WAIT)
    expect(page.get_by_text(re.compile(r"^Seite (\d+) von \1$"))).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("link", name="Nächste Seite")).to_have_count(0)

    # Sending every failed mail again from the second page: the failed ones only.
    page.goto(apps.admin + "/postausgang?seite=2")
    expect(_mail_row(page, "seite.50@example.org")).to_be_visible(timeout=WAIT)
    page.get_by_role("button", name="Alle fehlgeschlagenen erneut senden").click()
    expect(page.get_by_text(re.compile(r"^\d+ Mails werden erneut gesendet\.$"))).to_be_visible(
        timeout=WAIT
    )
    expect(page.get_by_text(re.compile(r"Fehlgeschlagen: 0 "))).to_be_visible(timeout=WAIT)
    with session_scope() as db:
        statuses = {
            row.to_address: row.status
            for row in db.exec(
                select(MailOutbox).where(
                    col(MailOutbox.to_address).in_(
                        ("seite.54@example.org", "versendet.00@example.org")
                    )
                )
            )
        }
    assert statuses["versendet.00@example.org"] == MailStatus.SENT
    assert statuses["seite.54@example.org"] != MailStatus.FAILED


def test_platform_staff_search_the_kommunen(apps: Apps, desk: BrowserContext) -> None:
    page = desk.new_page()
    _login(page, apps, STAFF)
    page.goto(apps.admin + "/kommunen")
    rows = page.get_by_test_id("kommune-row")
    expect(rows.filter(has_text="Salzkotten")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text(re.compile(r"^Seite 1 von 1$"))).to_be_visible()
    search = page.get_by_label("Name, Kürzel, Postleitzahl oder Kreis enthält")
    search.fill("DELBRUECK")  # any spelling of Delbrück
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(re.compile(r"/kommunen\?q=DELBRUECK$"), timeout=WAIT)
    expect(rows).to_have_count(1, timeout=WAIT)
    expect(rows.first).to_contain_text("Delbrück")
    expect(page.get_by_text("1 Treffer", exact=True)).to_be_visible()

    # By postcode and state; reload keeps both.
    page.get_by_label("Name, Kürzel, Postleitzahl oder Kreis enthält").fill("33175")
    page.get_by_label("Stand", exact=True).select_option("live")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(re.compile(r"/kommunen\?q=33175&status=live$"), timeout=WAIT)
    expect(rows).to_have_count(1, timeout=WAIT)
    expect(rows.first).to_contain_text("Bad Lippspringe")
    page.reload()
    expect(rows.first).to_contain_text("Bad Lippspringe", timeout=WAIT)
    expect(page.get_by_label("Name, Kürzel, Postleitzahl oder Kreis enthält")).to_have_value(
        "33175", timeout=WAIT
    )
    expect(page.get_by_label("Stand", exact=True)).to_have_value("live")

    # Nothing in a state: said so; a forged URL is cleaned, not an error.
    page.goto(apps.admin + "/kommunen?q=delbr%C3%BCck&status=setup")
    expect(page.get_by_text("Keine Treffer für diese Auswahl.")).to_be_visible(timeout=WAIT)
    page.goto(apps.admin + "/kommunen?q=delbr%C3%BCck&status=kaputt&seite=-4")
    expect(rows).to_have_count(1, timeout=WAIT)
    expect(rows.first).to_contain_text("Delbrück")
    expect(page.get_by_role("alert")).to_have_count(0)


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
    load_outbox = f"{OutboxState.get_full_name()}.load"
    for name, payload in (
        (resend_one, {"mail_id": str(mail_id)}),
        (resend_every, {}),
        (load_outbox, {}),
    ):
        updates = send_event(apps.admin, admin_tab, name, payload, path="/postausgang")
        assert NOT_ALLOWED in str(updates)
        assert "otto.postfach@example.org" not in str(updates)  # no row of the outbox
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
