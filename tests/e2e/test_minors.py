"""The Taschengeldbörse for a 14-year-old, on a phone: registration with the date of birth,
the parent's consent from the mail, the admin's approval, a suitable garden job agreed for
1.5 hours at 15:00 (the parent gets a copy), a 3-hour evening job refused with its rule,
and the parent's withdrawal: listings hidden, login off. A 17-year-old registers without a
parent's address and asks for the consent later from the account page. Forged events over
the websocket change nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlmodel import select

from admin_portal.pages.youth_settings import YouthSettingsState
from dasnez_app.pages.account import AccountState
from dasnez_app.pages.messages import ThreadState
from dasnez_app.pages.parent_consent import ParentConsentState
from dasnez_core.db import session_scope
from dasnez_core.formatting import local_today
from dasnez_core.models import (
    Agreement,
    Category,
    Kommune,
    Listing,
    ListingStatus,
    ParentalConsent,
    User,
    UserStatus,
    id_of,
)
from dasnez_core.seed import DEMO_PASSWORD
from dasnez_core.services.listings import ListingDraft, create_listing
from dasnez_core.services.sessions import actor_for
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event, tab_of
from tests.e2e.mails import confirmation_link, mails_to

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TEEN = "Tim Taschengeld"
TEEN_EMAIL = "tim.taschengeld@example.org"
TEEN_PASSWORD = "Mein Fahrrad ist blau 7"
PARENT_EMAIL = "mama.taschengeld@example.org"
GARDEN_JOB = "Unkraut jäten im Vorgarten"
EVENING_JOB = "Rasen mähen am Abend"
YOUTH = "Lena Later"
YOUTH_EMAIL = "lena.later@example.org"
YOUTH_PASSWORD = "Mein Roller ist grün 17"
FATHER_EMAIL = "papa.later@example.org"
WATERING_JOB = "Blumen gießen am Samstag"


@pytest.fixture(autouse=True)
def _patient() -> Iterator[None]:
    """Two cores shared by many: give each step more time than the default five seconds."""
    expect.set_options(timeout=20_000)
    yield
    expect.set_options(timeout=5_000)


def _phone(browser: Browser) -> BrowserContext:
    return _slow(browser.new_context(viewport=PHONE, locale="de-DE"))


def _desktop(browser: Browser) -> Page:
    return _slow(browser.new_context(viewport=DESKTOP)).new_page()


def _slow(context: BrowserContext) -> BrowserContext:
    """Navigation may take long on a shared machine while both apps are busy."""
    context.set_default_timeout(60_000)
    return context


def _saturday() -> date:
    soon = local_today() + timedelta(days=3)
    return soon + timedelta(days=(5 - soon.weekday()) % 7)


def _fourteen() -> date:
    today = local_today()
    return date(today.year - 14, 1, 15) if today.month > 1 else date(today.year - 15, 6, 1)


def _seventeen() -> date:
    """A date of birth of someone 17 today (and for some months to come)."""
    first = local_today().replace(day=1)
    return first.replace(year=first.year - 17) - timedelta(days=30)


def _jobs_by_maria(
    jobs: tuple[tuple[str, tuple[str, str], str], ...] = (
        (GARDEN_JOB, ("14:00", "18:00"), "1,5"),
        (EVENING_JOB, ("18:00", "21:00"), "3"),
    ),
) -> dict[str, int]:
    """Taschengeld requests of Maria in the garden on the coming Saturday (by default a
    garden job and an evening job of three hours), written through the service as the form
    would."""
    ids: dict[str, int] = {}
    with session_scope() as db:
        maria = db.exec(select(User).where(User.email == "maria@delbrueck.example")).one()
        garden = db.exec(
            select(Category).where(
                Category.kommune_id == maria.kommune_id, Category.name == "Garten"
            )
        ).one()
        for title, window, hours in jobs:
            draft = ListingDraft(
                kind="request",
                exchange_id=None,
                category_id=garden.id,
                title=title,
                body="Ich brauche Hilfe im Garten, Werkzeug ist da.",
                area_id=maria.area_id,
                job_date=_saturday().isoformat(),
                job_from=window[0],
                job_until=window[1],
                job_hours=hours,
            )
            ids[title] = create_listing(db, actor_for(db, maria), maria.kommune_id, draft)
    return ids


def _teen() -> User:
    with session_scope() as db:
        return db.exec(select(User).where(User.email == TEEN_EMAIL)).one()


def _parent_link(apps: Apps, address: str = PARENT_EMAIL) -> str:
    """The consent link of the newest mail to the parent."""
    for _subject, text in reversed(mails_to(apps.outbox, address)):
        match = re.search(r"(http://\S+/eltern-zustimmung\?token=[A-Za-z0-9_\-]+)", text)
        if match:
            return match.group(1)
    raise AssertionError("no link in the parent's mail")


def _login(page: Page, apps: Apps, email: str, password: str) -> None:
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()


def _admin(browser: Browser, apps: Apps, email: str) -> Page:
    """A Kommune admin logged in to the portal on a desktop."""
    admin = _desktop(browser)
    admin.goto(apps.admin + "/")
    admin.get_by_label("E-Mail-Adresse").fill(email)
    admin.get_by_label("Passwort").fill(DEMO_PASSWORD)
    admin.get_by_role("button", name="Anmelden").click()
    expect(admin.locator("header").get_by_role("button", name="Abmelden")).to_be_visible()
    return admin


def _approve(browser: Browser, apps: Apps, name: str) -> None:
    """Delbrück's admin approves `name` in the approval queue."""
    admin = _admin(browser, apps, "admin@delbrueck.example")
    admin.goto(apps.admin + "/freischaltung")
    admin.get_by_role("button", name=f"Freischalten {name}").click()
    expect(admin.get_by_role("status")).to_contain_text(f"{name} ist freigeschaltet")


def _agree_as_parent(parent: Page, name: str, relation: str) -> None:
    """The parent, on the page of their link, consents with name and relationship."""
    parent.get_by_label("Ihr Name").fill(name)
    parent.get_by_label("Sie sind").select_option(label=relation)
    parent.get_by_label(re.compile("Datenschutzerklärung")).check()
    parent.get_by_label(re.compile("Nutzungsbedingungen")).check()
    parent.get_by_role("button", name="Zustimmen").click()
    expect(parent.get_by_text("Ihre Zustimmung ist gespeichert")).to_be_visible()


def _leave(page: Page) -> str:
    """Take over the page's Reflex state: leave the page so its socket frees the token."""
    token = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    return token


def test_a_14_year_old_in_the_taschengeldboerse(apps: Apps, browser: Browser) -> None:
    jobs = _jobs_by_maria()

    # 1. A 14-year-old registers: date of birth and a parent's address.
    teen_context = _phone(browser)
    page = teen_context.new_page()
    page.goto(apps.public + "/k/delbrueck/registrieren")
    expect(page.get_by_role("heading", name="Registrieren in Delbrück")).to_be_visible()
    page.get_by_label("Ihr Name (so sehen ihn andere)").fill(TEEN)
    page.get_by_label("E-Mail-Adresse").fill(TEEN_EMAIL)
    page.get_by_label("Passwort (mindestens 10 Zeichen)").fill(TEEN_PASSWORD)
    # Under 13 nobody registers: the form says why and whom to ask.
    page.get_by_label("Geburtsdatum").fill("2020-06-01")
    page.get_by_label("Ihr Ortsteil").select_option(label="Boke")
    page.get_by_label(re.compile("Datenschutzerklärung")).check()
    page.get_by_label(re.compile("Nutzungsbedingungen")).check()
    page.get_by_role("button", name="Registrieren").click()
    expect(page.locator("#birth_date-error")).to_contain_text("erst ab 13 Jahren")
    expect(page.locator("#birth_date-error")).to_contain_text("dasnez@delbrueck.example")
    page.get_by_label("Geburtsdatum").fill(_fourteen().isoformat())
    page.get_by_role("button", name="Registrieren").click()
    expect(page.locator("#parent_email-error")).to_contain_text("Elternteils")
    page.get_by_label("Mail eines Elternteils").fill(PARENT_EMAIL)
    page.get_by_role("button", name="Registrieren").click()
    expect(page.get_by_text("Bitte sehen Sie in Ihr E-Mail-Postfach")).to_be_visible()
    page.goto(confirmation_link(apps.outbox, TEEN_EMAIL))
    page.get_by_role("button", name="Registrierung bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("Wir haben Ihren Eltern eine E-Mail")
    assert _teen().status == UserStatus.AWAITING_PARENT
    # No login, and not in the approval queue, before the parent has agreed.
    _login(page, apps, TEEN_EMAIL, TEEN_PASSWORD)
    expect(page.get_by_text("wartet noch auf die Zustimmung Ihrer Eltern")).to_be_visible()

    # 2. The parent agrees from the mail, with own name and relationship.
    parent = _phone(browser).new_page()
    parent.goto(_parent_link(apps))
    expect(parent.get_by_role("heading", name="Zustimmung der Eltern")).to_be_visible()
    expect(parent.get_by_text(re.compile(f"{TEEN} möchte bei dasnez Delbrück"))).to_be_visible()
    parent.get_by_role("button", name="Zustimmen").click()
    expect(parent.locator("#parent_name-error")).to_be_visible()
    _agree_as_parent(parent, "Tanja Taschengeld", "Mutter")
    with session_scope() as db:
        consent = db.exec(
            select(ParentalConsent).where(ParentalConsent.user_id == _teen().id)
        ).one()
        assert (consent.parent_name, consent.relation) == ("Tanja Taschengeld", "mother")
        assert consent.confirmed_at is not None and consent.terms_version == "1"
    assert _teen().status == UserStatus.PENDING

    # 3. Delbrück's admin approves the teen.
    _approve(browser, apps, TEEN)

    # 4. The teen finds the suitable garden job; the evening job is not shown.
    _login(page, apps, TEEN_EMAIL, TEEN_PASSWORD)
    expect(page.locator("header").get_by_text(TEEN)).to_be_visible()
    page.goto(apps.public + "/k/delbrueck/eintraege?boerse=taschengeld")
    cards = page.get_by_test_id("listing-card")
    expect(cards.filter(has_text=GARDEN_JOB)).to_have_count(1)
    expect(cards.filter(has_text=EVENING_JOB)).to_have_count(0)
    expect(cards.filter(has_text="Hilfe mit dem Smartphone")).to_have_count(0)  # not light

    # The evening job, opened by its address, is refused with its rule.
    page.goto(apps.public + f"/nachrichten/neu?eintrag={jobs[EVENING_JOB]}")
    expect(
        page.get_by_text(re.compile(r"Höchstens 2 Stunden.*§ 5 Abs\. 3 JArbSchG"))
    ).to_be_visible()

    page.goto(apps.public + f"/nachrichten/neu?eintrag={jobs[GARDEN_JOB]}")
    page.get_by_label("Ihre Nachricht").fill("Hallo, ich kann am Samstag helfen!")
    page.get_by_role("button", name="Senden").click()
    expect(page.get_by_text("Ihre Nachricht wurde gesendet.")).to_be_visible()
    thread_path = page.url.removeprefix(apps.public)

    # A forged agreement of 3 hours at 18:00 over the websocket is refused by the rules.
    token = _leave(page)
    updates = send_event(
        apps.public,
        token,
        f"{ThreadState.get_full_name()}.confirm",
        {
            "form": {
                "value": "12",
                "job_date": _saturday().isoformat(),
                "job_start": "18:00",
                "job_hours": "3",
            }
        },
        path=thread_path,
    )
    assert "§ 5 Abs. 3 JArbSchG" in str(updates)
    with session_scope() as db:
        assert (
            db.exec(select(Agreement).where(Agreement.listing_id == jobs[GARDEN_JOB])).all() == []
        )

    # 5. The teen agrees to 1.5 hours at 15:00; the form proposes the listing's day.
    page.goto(apps.public + thread_path)
    expect(page.get_by_label("Tag des Jobs")).to_have_value(_saturday().isoformat())
    page.get_by_label("Taschengeld in Euro (zum Beispiel 12,50)").fill("9")
    page.get_by_label("Beginn (Uhrzeit)").fill("15:00")
    page.get_by_label("Dauer in Stunden").fill("1,5")
    page.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(page.get_by_text("Ihre Bestätigung ist gespeichert")).to_be_visible()
    with session_scope() as db:
        agreement = db.exec(select(Agreement).where(Agreement.listing_id == jobs[GARDEN_JOB])).one()
        assert (agreement.job_date, agreement.job_start, agreement.job_minutes) == (
            _saturday(),
            15 * 60,
            90,
        )
    copies = [
        s for s, _ in mails_to(apps.outbox, PARENT_EMAIL) if "Taschengeld-Job vereinbart" in s
    ]
    assert len(copies) == 1
    assert "15:00 Uhr" in mails_to(apps.outbox, PARENT_EMAIL)[-1][1]

    # The adult sees the helper's age band and what the law allows.
    maria = _phone(browser).new_page()
    _login(maria, apps, "maria@delbrueck.example", DEMO_PASSWORD)
    expect(maria.locator("header").get_by_text("Maria Schneider")).to_be_visible()
    maria.goto(apps.public + thread_path)
    note = maria.get_by_role("note").filter(has_text="13–14 Jahre")
    expect(note).to_contain_text("höchstens 2 Stunden am Tag")

    # 6. The parent withdraws: listings hidden at once, login off.
    with session_scope() as db:
        teen = db.exec(select(User).where(User.email == TEEN_EMAIL)).one()
        job = db.exec(select(Listing).where(Listing.id == jobs[GARDEN_JOB])).one()
        own = Listing(
            kommune_id=teen.kommune_id,
            kind="offer",
            exchange_id=job.exchange_id,
            category_id=job.category_id,
            title="Ich gieße Ihre Blumen",
            body="In den Ferien gieße ich gern Ihre Blumen.",
            area_id=teen.area_id,
            author_id=id_of(teen),
            expires_at=teen.created_at + timedelta(days=60),
        )
        db.add(own)
        db.flush()
        own_id = id_of(own)
    page.goto(apps.public + f"/k/delbrueck/eintrag/{own_id}")
    expect(page.get_by_role("heading", name="Ich gieße Ihre Blumen")).to_be_visible()
    parent.goto(_parent_link(apps))
    parent.get_by_role("button", name="Zustimmung zurückziehen").click()
    expect(parent.get_by_text("Die Zustimmung ist zurückgezogen")).to_be_visible()
    assert _teen().status == UserStatus.DEACTIVATED
    with session_scope() as db:
        assert db.get(Listing, own_id).status == ListingStatus.SUSPENDED  # type: ignore[union-attr]
    page.reload()
    expect(page.locator("header").get_by_text(TEEN)).to_have_count(0)
    _login(page, apps, TEEN_EMAIL, TEEN_PASSWORD)
    expect(page.get_by_text("Ihre Eltern ihre Zustimmung zurückgezogen haben")).to_be_visible()


def test_a_17_year_old_asks_the_parent_later_from_the_account(apps: Apps, browser: Browser) -> None:
    jobs = _jobs_by_maria(((WATERING_JOB, ("10:00", "13:00"), "1"),))
    job_id = jobs[WATERING_JOB]

    # 1. A 17-year-old registers without a parent's address: the hint says it is needed
    #    only for the Taschengeldbörse.
    page = _phone(browser).new_page()
    page.goto(apps.public + "/k/delbrueck/registrieren")
    expect(page.get_by_role("heading", name="Registrieren in Delbrück")).to_be_visible()
    page.get_by_label("Ihr Name (so sehen ihn andere)").fill(YOUTH)
    page.get_by_label("E-Mail-Adresse").fill(YOUTH_EMAIL)
    page.get_by_label("Passwort (mindestens 10 Zeichen)").fill(YOUTH_PASSWORD)
    page.get_by_label("Geburtsdatum").fill(_seventeen().isoformat())
    expect(page.get_by_text(re.compile("nur für die Taschengeldbörse"))).to_be_visible()
    page.get_by_label("Ihr Ortsteil").select_option(label="Boke")
    page.get_by_label(re.compile("Datenschutzerklärung")).check()
    page.get_by_label(re.compile("Nutzungsbedingungen")).check()
    page.get_by_role("button", name="Registrieren").click()
    expect(page.get_by_text("Bitte sehen Sie in Ihr E-Mail-Postfach")).to_be_visible()
    page.goto(confirmation_link(apps.outbox, YOUTH_EMAIL))
    page.get_by_role("button", name="Registrierung bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("prüft jetzt Ihre Angaben")
    with session_scope() as db:
        youth = db.exec(select(User).where(User.email == YOUTH_EMAIL)).one()
        assert youth.status == UserStatus.PENDING
        assert (
            db.exec(select(ParentalConsent).where(ParentalConsent.user_id == youth.id)).all() == []
        )

    # 2. Delbrück's admin approves her.
    _approve(browser, apps, YOUTH)

    # 3. The Taschengeld job is refused with the rule and where to ask the parent.
    _login(page, apps, YOUTH_EMAIL, YOUTH_PASSWORD)
    expect(page.locator("header").get_by_text(YOUTH)).to_be_visible()
    page.goto(apps.public + f"/nachrichten/neu?eintrag={job_id}")
    refusal = page.get_by_role("status").filter(has_text="erst übernehmen")
    expect(refusal).to_contain_text("erst übernehmen, wenn ein Elternteil")
    expect(refusal).to_contain_text("Einverständnis eines Elternteils für die Taschengeldbörse")
    page.goto(apps.public + f"/k/delbrueck/eintrag/{job_id}")
    expect(page.get_by_role("note").filter(has_text="§ 107 BGB")).to_be_visible()
    page.get_by_role("link", name="Einverständnis eines Elternteils anfordern").click()

    # 4. She asks her father from the account page.
    expect(page.get_by_role("heading", name="Taschengeldbörse", exact=True)).to_be_visible()
    expect(page.get_by_text("Noch nicht angefordert")).to_be_visible()
    page.get_by_label("E-Mail-Adresse eines Elternteils").fill(FATHER_EMAIL)
    page.get_by_role("button", name="Einverständnis anfordern").click()
    expect(page.get_by_text("Wir haben eine E-Mail an pa…@example.org geschickt")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Angefordert am .* bei pa…@example\.org"))).to_be_visible()

    # 5. The father agrees from the mail.
    father = _phone(browser).new_page()
    father.goto(_parent_link(apps, FATHER_EMAIL))
    expect(father.get_by_role("heading", name="Zustimmung der Eltern")).to_be_visible()
    expect(father.get_by_text(re.compile(f"{YOUTH} möchte bei dasnez Delbrück"))).to_be_visible()
    _agree_as_parent(father, "Paul Later", "Vater")

    page.reload()
    expect(page.get_by_text(re.compile(r"Erteilt am .* von Paul Later \(Vater\)"))).to_be_visible()
    expect(page.get_by_role("button", name="Einverständnis anfordern")).to_have_count(0)

    # 6. Now the job can be agreed: one hour at 10:00 on Saturday.
    page.goto(apps.public + f"/nachrichten/neu?eintrag={job_id}")
    page.get_by_label("Ihre Nachricht").fill("Hallo, ich gieße gern Ihre Blumen!")
    page.get_by_role("button", name="Senden").click()
    expect(page.get_by_text("Ihre Nachricht wurde gesendet.")).to_be_visible()
    expect(page.get_by_label("Tag des Jobs")).to_have_value(_saturday().isoformat())
    page.get_by_label("Taschengeld in Euro (zum Beispiel 12,50)").fill("7")
    page.get_by_label("Beginn (Uhrzeit)").fill("10:00")
    page.get_by_label("Dauer in Stunden").fill("1")
    page.get_by_role("button", name="Hilfe hat stattgefunden").click()
    expect(page.get_by_text("Ihre Bestätigung ist gespeichert")).to_be_visible()
    with session_scope() as db:
        agreement = db.exec(select(Agreement).where(Agreement.listing_id == job_id)).one()
        assert (agreement.job_start, agreement.job_minutes) == (10 * 60, 60)
    assert any(
        "Taschengeld-Job vereinbart" in subject
        for subject, _ in mails_to(apps.outbox, FATHER_EMAIL)
    )

    # Asked again over the websocket once given: refused, the father's consent stays.
    page.goto(apps.public + "/konto")
    expect(page.get_by_role("heading", name="Taschengeldbörse", exact=True)).to_be_visible()
    token = _leave(page)
    updates = send_event(
        apps.public,
        token,
        f"{AccountState.get_full_name()}.request_parent_consent",
        {"form": {"youth_parent_email": "freundin.later@example.org"}},
        path="/konto",
    )
    assert "Ein Elternteil hat bereits zugestimmt." in str(updates)
    assert mails_to(apps.outbox, "freundin.later@example.org") == []


def test_forged_consent_and_settings_change_nothing(apps: Apps, browser: Browser) -> None:
    # A consent without a valid link, sent over the websocket.
    updates = send_event(
        apps.public,
        fresh_token(),
        f"{ParentConsentState.get_full_name()}.agree",
        {
            "form": {
                "parent_name": "Fremde Person",
                "relation": "mother",
                "accept_privacy": "on",
                "accept_terms": "on",
            }
        },
        path="/eltern-zustimmung",
    )
    assert "Dieser Link ist ungültig" in str(updates)
    updates = send_event(
        apps.public,
        fresh_token(),
        f"{ParentConsentState.get_full_name()}.withdraw",
        {},
        path="/eltern-zustimmung",
    )
    assert "Dieser Link ist ungültig" in str(updates)
    with session_scope() as db:
        assert (
            db.exec(
                select(ParentalConsent).where(ParentalConsent.parent_name == "Fremde Person")
            ).all()
            == []
        )

    # Asking a parent, or setting the school, without a session.
    for handler, form in (
        ("request_parent_consent", {"youth_parent_email": "fremde.eltern@example.org"}),
        ("save_school", {"out_of_school": "on"}),
    ):
        updates = send_event(
            apps.public,
            fresh_token(),
            f"{AccountState.get_full_name()}.{handler}",
            {"form": form},
            path="/konto",
        )
        assert "Bitte melden Sie sich zuerst an." in str(updates)
    assert mails_to(apps.outbox, "fremde.eltern@example.org") == []

    with session_scope() as db:
        delbrueck = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        garden = db.exec(
            select(Category).where(Category.kommune_id == delbrueck.id, Category.name == "Garten")
        ).one()
        before = (delbrueck.taschengeld_min_age, garden.light_work)
    form = {
        "rate_min": "1",
        "rate_max": "2",
        "min_age": "17",
        "school_end": "14:00",
        "info": "Übernommen",
        f"light_{garden.id}": "",
    }
    save = f"{YouthSettingsState.get_full_name()}.save"
    # Anonymous: refused.
    updates = send_event(apps.admin, fresh_token(), save, {"form": form}, path="/taschengeldboerse")
    assert "Dazu sind Sie nicht berechtigt." in str(updates)
    # Bad Lippspringe's admin: Delbrück's category is not theirs, nothing is saved.
    other = _admin(browser, apps, "admin@bad-lippspringe.example")
    other.goto(apps.admin + "/taschengeldboerse")
    expect(other.get_by_role("heading", name="Taschengeldbörse")).to_be_visible()
    token = _leave(other)
    updates = send_event(apps.admin, token, save, {"form": form}, path="/taschengeldboerse")
    assert "Bitte wählen Sie für jede Kategorie eine Art aus der Liste." in str(updates)
    with session_scope() as db:
        delbrueck = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        garden = db.get(Category, garden.id)  # type: ignore[assignment]
        assert (delbrueck.taschengeld_min_age, garden.light_work) == before
        lippspringe = db.exec(select(Kommune).where(Kommune.slug == "bad-lippspringe")).one()
        assert lippspringe.taschengeld_min_age == 13 and lippspringe.youth_info == ""


def test_the_admin_sets_the_rate_shown_on_the_information_page(
    apps: Apps, browser: Browser
) -> None:
    admin = _admin(browser, apps, "admin@delbrueck.example")
    admin.goto(apps.admin + "/taschengeldboerse")
    expect(admin.get_by_label("Informationsseite für Erwachsene und Eltern")).to_contain_text(
        "Versicherung"
    )
    admin.get_by_label(re.compile("Empfohlenes Taschengeld")).fill("6")
    admin.get_by_label("bis (€)").fill("9")
    admin.get_by_role("button", name="Einstellungen speichern").click()
    expect(admin.get_by_text("Die Einstellungen sind gespeichert.")).to_be_visible()
    visitor = _slow(browser.new_context()).new_page()
    visitor.goto(apps.public + "/k/delbrueck/taschengeld-info")
    expect(
        visitor.get_by_text("Empfohlenes Taschengeld pro Stunde: 6,00 € – 9,00 €")
    ).to_be_visible()
    expect(visitor.get_by_text(re.compile("Haftpflichtversicherung"))).to_be_visible()
