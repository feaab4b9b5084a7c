"""The citizen's own account in Chromium at phone size: profile, password, forgotten
password, email change, data download and deleting the account.

Each test makes its own person, so the seeded demo people stay as they are for other tests.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from dasnez_app.pages.account import AccountState
from dasnez_core.db import session_scope
from dasnez_core.models import Area, Kommune, SocialSpace, User, UserSocialSpace, UserStatus
from dasnez_core.passwords import hash_password, verify_password
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.browser import log_out, open_menu
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event, tab_of

PASSWORD = "Mein Apfelbaum blüht im Mai"
NEW_PASSWORD = "Im Herbst fallen die Blätter"
PHONE = {"width": 390, "height": 844}


def _citizen(address: str, name: str) -> int:
    """An approved person in Delbrück (Boke) who can log in with PASSWORD."""
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        boke = db.exec(select(Area).where(Area.kommune_id == kommune.id, Area.name == "Boke")).one()
        user = User(
            email=address,
            password_hash=hash_password(PASSWORD),
            display_name=name,
            kommune_id=kommune.id,
            area_id=boke.id,
            status=UserStatus.APPROVED,
        )
        db.add(user)
        db.flush()
        assert user.id is not None
        return user.id


def _user(user_id: int) -> User | None:
    with session_scope() as db:
        return db.get(User, user_id)


def _login(page: Page, apps: Apps, address: str, password: str = PASSWORD) -> None:
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(address)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden").click()


def _open_account(page: Page, apps: Apps, address: str, password: str = PASSWORD) -> None:
    _login(page, apps, address, password)
    expect(page.get_by_role("heading", name="Delbrück", level=1)).to_be_visible()
    open_menu(page)
    page.get_by_role("link", name="Mein Konto").click()
    expect(page.get_by_role("heading", name="Mein Konto", level=1)).to_be_visible()


def _newest_mail(apps: Apps, to: str) -> str:
    """The text of the newest mail the apps wrote into the outbox for `to`."""
    files = sorted(apps.outbox.glob("*.eml")) if apps.outbox.exists() else []
    for path in reversed(files):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == to:
            return str(message.get_content())  # type: ignore[attr-defined]
    raise AssertionError(f"no mail to {to} in {apps.outbox}")


def _mail_count(outbox: Path, to: str) -> int:
    if not outbox.exists():
        return 0
    return sum(
        1
        for path in outbox.glob("*.eml")
        if email.message_from_bytes(path.read_bytes(), policy=email.policy.default)["To"] == to
    )


def _link(text: str, path: str) -> str:
    match = re.search(r"(http://\S+" + re.escape(path) + r"\?token=[A-Za-z0-9_\-]+)", text)
    assert match, text
    return match.group(1)


def _session_token(page: Page) -> str:
    # The tab token with the tab's cookies: the session lives in the HttpOnly cookie.
    return tab_of(page)


def test_edit_profile_and_nothing_foreign_gets_in(apps: Apps, browser: Browser) -> None:
    user_id = _citizen("profil@example.org", "Paula Profil")
    page = browser.new_context(viewport=PHONE).new_page()
    _open_account(page, apps, "profil@example.org")
    profile = page.get_by_role("region", name="Mein Profil")
    expect(profile.get_by_label("Ihr Name (so sehen ihn andere)")).to_have_value("Paula Profil")
    expect(page.get_by_role("link", name="Nachrichten").first).to_be_visible()
    open_menu(page)
    expect(page.get_by_role("link", name="Meine Einträge").first).to_have_attribute(
        "href", "/meine-eintraege"
    )
    page.keyboard.press("Escape")

    profile.get_by_label("Ihr Name (so sehen ihn andere)").fill("x")
    profile.get_by_role("button", name="Profil speichern").click()
    expect(profile.get_by_role("alert")).to_contain_text("mindestens 2 Zeichen")
    assert _user(user_id).display_name == "Paula Profil"  # type: ignore[union-attr]

    profile.get_by_label("Ihr Name (so sehen ihn andere)").fill("Paula Schmidt")
    profile.get_by_label("Ihr Ortsteil").select_option(label="Hagen")
    profile.get_by_label("Grundschule Westenholz").check()
    profile.get_by_label(re.compile("Kurze Vorstellung")).fill("<b>Ich</b> backe gern Kuchen.")
    profile.get_by_label(re.compile("E-Mail-Adresse an Personen weitergeben")).check()
    profile.get_by_role("button", name="Profil speichern").click()
    expect(profile.get_by_role("status")).to_contain_text("Ihr Profil ist gespeichert.")
    expect(page.locator("header").get_by_text("Paula Schmidt")).to_be_visible()
    saved = _user(user_id)
    assert saved is not None
    assert (saved.display_name, saved.introduction, saved.share_email) == (
        "Paula Schmidt",
        "<b>Ich</b> backe gern Kuchen.",
        True,
    )

    # The saved values come back after a reload.
    page.reload()
    profile = page.get_by_role("region", name="Mein Profil")
    expect(profile.get_by_label(re.compile("Kurze Vorstellung"))).to_have_value(
        "<b>Ich</b> backe gern Kuchen."
    )
    expect(profile.get_by_label("Grundschule Westenholz")).to_be_checked()
    expect(profile.get_by_label("Gymnasium Delbrück")).not_to_be_checked()
    expect(profile.get_by_label(re.compile("E-Mail-Adresse an Personen"))).to_be_checked()
    expect(profile.get_by_label("Ihr Ortsteil")).to_have_value(str(saved.area_id))

    # A hostile browser sends another Kommune's social space and district: refused.
    with session_scope() as db:
        foreign_space = db.exec(
            select(SocialSpace.id).where(SocialSpace.name == "Pfarrei St. Martin")
        ).one()
        foreign_area = db.exec(
            select(Area.id)
            .join(Kommune, col(Kommune.id) == Area.kommune_id)
            .where(Area.name == "Kernstadt", Kommune.slug == "bad-lippspringe")
        ).one()
    handler = f"{AccountState.get_full_name()}.save_profile"
    token = _session_token(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    form = {
        "display_name": "Übernommen",
        "area_id": str(saved.area_id),
        f"space_{foreign_space}": "on",
        "introduction": "",
    }
    updates = send_event(apps.public, token, handler, {"form": form}, path="/konto")
    assert "Bitte wählen Sie nur Sozialräume aus der Liste Ihrer Kommune." in str(updates)
    form = {"display_name": "Übernommen", "area_id": str(foreign_area)}
    updates = send_event(apps.public, token, handler, {"form": form}, path="/konto")
    assert "Bitte wählen Sie einen Ortsteil aus der Liste." in str(updates)
    updates = send_event(apps.public, fresh_token(), handler, {"form": form}, path="/konto")
    assert "Bitte melden Sie sich zuerst an." in str(updates)
    unchanged = _user(user_id)
    assert unchanged is not None
    assert (unchanged.display_name, unchanged.area_id) == ("Paula Schmidt", saved.area_id)
    with session_scope() as db:
        spaces = db.exec(
            select(SocialSpace.name)
            .join(UserSocialSpace, col(UserSocialSpace.social_space_id) == SocialSpace.id)
            .where(UserSocialSpace.user_id == user_id)
        ).all()
    assert list(spaces) == ["Grundschule Westenholz"]


def test_change_password_ends_other_devices_and_new_one_works(apps: Apps, browser: Browser) -> None:
    user_id = _citizen("passwort@example.org", "Peter Passwort")
    other_device = browser.new_context(viewport=PHONE).new_page()
    _login(other_device, apps, "passwort@example.org")
    expect(other_device.locator("header").get_by_text("Peter Passwort")).to_be_visible()

    page = browser.new_context(viewport=PHONE).new_page()
    _open_account(page, apps, "passwort@example.org")
    section = page.get_by_role("region", name="Passwort ändern")
    section.get_by_label("Ihr aktuelles Passwort").fill("falsch-falsch-falsch")
    section.get_by_label(re.compile("Neues Passwort")).fill(NEW_PASSWORD)
    section.get_by_role("button", name="Passwort ändern").click()
    expect(section.get_by_role("alert")).to_contain_text("aktuelles Passwort stimmt nicht")
    section.get_by_label("Ihr aktuelles Passwort").fill(PASSWORD)
    section.get_by_label(re.compile("Neues Passwort")).fill("passwort123")
    section.get_by_role("button", name="Passwort ändern").click()
    expect(section.get_by_role("alert")).to_contain_text("zu bekannt")
    assert verify_password(PASSWORD, _user(user_id).password_hash)  # type: ignore[union-attr]

    section.get_by_label("Ihr aktuelles Passwort").fill(PASSWORD)
    section.get_by_label(re.compile("Neues Passwort")).fill(NEW_PASSWORD)
    section.get_by_role("button", name="Passwort ändern").click()
    expect(section.get_by_role("status")).to_contain_text("Ihr Passwort ist geändert.")
    expect(section.get_by_label("Ihr aktuelles Passwort")).to_have_value("")
    expect(page.locator("header").get_by_text("Peter Passwort")).to_be_visible()
    assert "geändert" in _newest_mail(apps, "passwort@example.org")

    # The other device is logged out; this one stays.
    other_device.goto(apps.public + "/konto")
    expect(other_device).to_have_url(re.compile("/anmelden$"))
    page.reload()
    expect(page.get_by_role("heading", name="Mein Konto", level=1)).to_be_visible()

    # Logging in again: the old password fails, the new one works.
    _login(other_device, apps, "passwort@example.org")
    expect(other_device.get_by_role("alert")).to_contain_text("stimmen nicht")
    _open_account(other_device, apps, "passwort@example.org", NEW_PASSWORD)


def test_forgotten_password_by_mail_link(apps: Apps, browser: Browser) -> None:
    user_id = _citizen("vergessen@example.org", "Vera Vergessen")
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(apps.public + "/anmelden")
    page.get_by_role("link", name="Passwort vergessen?").click()
    expect(page.get_by_role("heading", name="Passwort vergessen", level=1)).to_be_visible()

    # An unknown address gets exactly the same answer, and no mail leaves.
    page.get_by_label("E-Mail-Adresse").fill("unbekannt@example.org")
    page.get_by_role("button", name="Link anfordern").click()
    expect(page.get_by_role("status")).to_contain_text("Wenn ein Konto mit dieser E-Mail-Adresse")
    assert _mail_count(apps.outbox, "unbekannt@example.org") == 0

    page.goto(apps.public + "/passwort-vergessen")
    page.get_by_label("E-Mail-Adresse").fill("Vergessen@Example.org")
    page.get_by_role("button", name="Link anfordern").click()
    expect(page.get_by_role("status")).to_contain_text("Wenn ein Konto mit dieser E-Mail-Adresse")
    link = _link(_newest_mail(apps, "vergessen@example.org"), "/passwort-neu")

    # A forged link is refused before anyone types a password.
    page.goto(apps.public + "/passwort-neu?token=ausgedacht")
    expect(page.get_by_role("alert")).to_contain_text("Dieser Link ist ungültig.")

    # Opened while logged in on this phone (with the old password): the reset ends this
    # session too, and the header says so at once, beside the confirmation.
    _login(page, apps, "vergessen@example.org")
    expect(page.get_by_role("heading", name="Delbrück", level=1)).to_be_visible()
    page.goto(link)
    expect(page.get_by_role("heading", name="Neues Passwort festlegen")).to_be_visible()
    expect(page.locator("header").get_by_role("button", name="Menü")).to_be_visible()
    page.get_by_label(re.compile("Neues Passwort")).fill("kurz")
    page.get_by_role("button", name="Neues Passwort speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("mindestens 10 Zeichen")
    page.get_by_label(re.compile("Neues Passwort")).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Neues Passwort speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr neues Passwort ist gespeichert.")
    expect(page.locator("header").get_by_role("link", name="Anmelden")).to_be_visible()
    expect(page.locator("header").get_by_role("button", name="Menü")).to_have_count(0)
    assert verify_password(NEW_PASSWORD, _user(user_id).password_hash)  # type: ignore[union-attr]

    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("schon benutzt")
    expect(page.get_by_role("link", name="Neuen Link anfordern")).to_be_visible()
    _open_account(page, apps, "vergessen@example.org", NEW_PASSWORD)


def test_change_email_with_confirmation_link(apps: Apps, browser: Browser) -> None:
    user_id = _citizen("alt@example.org", "Emil Adresse")
    page = browser.new_context(viewport=PHONE).new_page()
    _open_account(page, apps, "alt@example.org")
    section = page.get_by_role("region", name="E-Mail-Adresse ändern")
    expect(section).to_contain_text("alt@example.org")
    section.get_by_label("Neue E-Mail-Adresse").fill("maria@delbrueck.example")
    section.get_by_label("Ihr aktuelles Passwort").fill(PASSWORD)
    section.get_by_role("button", name="Bestätigungslink senden").click()
    # A taken address gets the same answer as a free one (it must not reveal an account);
    # its owner gets a notice, and no link that could ever succeed exists.
    expect(section.get_by_role("status")).to_contain_text("maria@delbrueck.example")
    notice = _newest_mail(apps, "maria@delbrueck.example")
    assert "/email-bestaetigen" not in notice and "Emil Adresse" not in notice

    section.get_by_label("Neue E-Mail-Adresse").fill("neu-emil@example.org")
    section.get_by_label("Ihr aktuelles Passwort").fill(PASSWORD)
    section.get_by_role("button", name="Bestätigungslink senden").click()
    expect(section.get_by_role("status")).to_contain_text("neu-emil@example.org")
    assert _user(user_id).email == "alt@example.org"  # type: ignore[union-attr]

    page.goto(_link(_newest_mail(apps, "neu-emil@example.org"), "/email-bestaetigen"))
    expect(page.get_by_text("neu-emil@example.org")).to_be_visible()
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihre E-Mail-Adresse ist geändert.")
    assert _user(user_id).email == "neu-emil@example.org"  # type: ignore[union-attr]
    assert "neu-emil@example.org" in _newest_mail(apps, "alt@example.org")
    log_out(page)
    _open_account(page, apps, "neu-emil@example.org")


def test_download_own_data(apps: Apps, browser: Browser) -> None:
    _citizen("daten@example.org", "Dana Daten")
    page = browser.new_context(viewport=PHONE, accept_downloads=True).new_page()
    _open_account(page, apps, "daten@example.org")
    with page.expect_download() as info:
        page.get_by_role("button", name="Meine Daten herunterladen").click()
    download = info.value
    assert download.suggested_filename.startswith("dasnez-meine-daten-")
    data = json.loads(Path(download.path()).read_text("utf-8"))
    assert data["profile"]["email"] == "daten@example.org"
    assert data["profile"]["display_name"] == "Dana Daten"
    assert data["profile"]["area"] == "Boke"
    assert data["listings"] == [] and data["conversations"] == []


def test_delete_account_then_login_fails(apps: Apps, browser: Browser) -> None:
    user_id = _citizen("abschied@example.org", "Anton Abschied")
    page = browser.new_context(viewport=PHONE).new_page()
    _open_account(page, apps, "abschied@example.org")
    section = page.get_by_role("region", name="Konto löschen")
    section.get_by_label("Ihr Passwort").fill(PASSWORD)
    section.get_by_role("button", name="Konto endgültig löschen").click()
    expect(section.get_by_role("alert")).to_contain_text("Bitte setzen Sie das Häkchen")
    assert _user(user_id) is not None

    section.get_by_label("Ihr Passwort").fill(PASSWORD)
    section.get_by_label(re.compile("Konto endgültig löschen\\.")).check()
    section.get_by_role("button", name="Konto endgültig löschen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Konto ist gelöscht.")
    expect(page.locator("header").get_by_text("Anton Abschied")).to_have_count(0)
    assert _user(user_id) is None

    _login(page, apps, "abschied@example.org")
    expect(page.get_by_role("alert")).to_contain_text("E-Mail-Adresse oder Passwort stimmen nicht")


def test_admin_cannot_delete_own_account_here(apps: Apps, browser: Browser) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    _open_account(page, apps, "admin@delbrueck.example", DEMO_PASSWORD)
    section = page.get_by_role("region", name="Konto löschen")
    expect(section.get_by_role("status")).to_contain_text("Konten der Verwaltung")
    expect(section.get_by_role("button", name="Konto endgültig löschen")).to_have_count(0)
