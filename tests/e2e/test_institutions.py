"""Institutions in the browser: one registers, the Kommune admits it in the approval queue,
its responsible person invites a member who accepts and posts as the institution, a citizen
writes to it and both members see the message in the shared inbox. Plus the new page
states called straight over the websocket by the wrong people."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from dasnez_app.pages.institution import InstitutionState
from dasnez_app.pages.institution_edit import InstitutionEditState
from dasnez_app.pages.institution_invite import InstitutionInviteState
from dasnez_app.pages.institution_register import InstitutionRegisterState
from dasnez_core.db import session_scope
from dasnez_core.models import (
    Area,
    AuditEvent,
    Institution,
    InstitutionMember,
    InstitutionMessage,
    InstitutionNotice,
    InstitutionPlace,
    Kommune,
    Listing,
    User,
)
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.conftest import Apps
from tests.e2e.hostile import send_event, tab_of
from tests.e2e.mails import mails_to
from tests.e2e.test_accessibility import AXE_OPTIONS

LEAD = "maria@delbrueck.example"
MEMBER = "jonas@delbrueck.example"
CITIZEN = "helga@delbrueck.example"
ADMIN = "admin@delbrueck.example"
DESKTOP = {"width": 1280, "height": 900}
NAME = "Seniorenhilfe Boke"
PAGE = "/k/delbrueck/netzwerk/seniorenhilfe-boke"
CARITAS = "/k/delbrueck/netzwerk/caritas-delbruck"
# The machine is shared: server answers (argon2 logins included) may take a while.
SLOW = 30_000


def _new_page(browser: Browser) -> Page:
    page = browser.new_context(viewport=DESKTOP, locale="de-DE").new_page()  # type: ignore[arg-type]
    page.set_default_timeout(SLOW)
    page.set_default_navigation_timeout(2 * SLOW)
    return page


def _public(browser: Browser, apps: Apps, email: str) -> Page:
    page = _new_page(browser)
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/k/"), timeout=SLOW)
    return page


def _admin(browser: Browser, apps: Apps) -> Page:
    page = _new_page(browser)
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill(ADMIN)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/(uebersicht|freischaltung)/?$"))
    return page


def _axe_clean(page: Page) -> None:
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def _invite_link(apps: Apps, to: str) -> str:
    for _subject, text in reversed(mails_to(apps.outbox, to)):
        found = re.search(r"(http://\S+/netzwerk-einladung\?token=[A-Za-z0-9_\-]+)", text)
        if found:
            return found.group(1)
    raise AssertionError(f"no invitation to {to}")


def test_institution_registers_is_admitted_invites_posts_and_shares_its_inbox(
    browser: Browser, apps: Apps
) -> None:
    # The responsible person registers the institution; an existing name is offered.
    lead = _public(browser, apps, LEAD)
    lead.goto(apps.public + "/k/delbrueck/netzwerk-anmelden")
    lead.get_by_label("Name der Institution").fill("caritas delbrueck")
    lead.get_by_label("Name der Institution").press("Tab")
    lead.get_by_label("Art", exact=True).select_option(label="Seniorenhilfe")
    expect(lead.get_by_role("link", name="Zur Seite von Caritas Delbrück")).to_be_visible(
        timeout=SLOW
    )
    lead.get_by_label("Name der Institution").fill(NAME)
    lead.get_by_label("Beschreibung").fill("Nachbarn helfen älteren Menschen in Boke.")
    lead.get_by_label(re.compile("^Kontakt")).fill("Dorfstraße 3, Boke, 05250 777")
    lead.get_by_label("Boke", exact=True).check()
    lead.get_by_role("button", name="Institution registrieren").click()
    expect(lead.get_by_role("status")).to_contain_text(
        "wartet jetzt auf die Freischaltung", timeout=SLOW
    )
    lead.goto(apps.public + PAGE)
    expect(lead.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible(timeout=SLOW)

    # The Kommune admits it in the same queue as people, marked "Institution".
    admin = _admin(browser, apps)
    admin.goto(apps.admin + "/freischaltung")
    region = admin.get_by_role("region", name="Institutionen")
    expect(region.get_by_text("Institution", exact=True)).to_be_visible(timeout=SLOW)
    region.get_by_role("button", name=f"„{NAME}“ freischalten").click()
    expect(admin.get_by_role("status")).to_contain_text(
        f"„{NAME}“ ist freigeschaltet.", timeout=SLOW
    )

    # The responsible person invites a member by a one-time link.
    lead.goto(apps.public + PAGE)
    expect(lead.get_by_role("heading", name=NAME, level=1)).to_be_visible(timeout=SLOW)
    lead.get_by_label("E-Mail-Adresse des neuen Mitglieds").fill(MEMBER)
    lead.get_by_role("button", name="Einladung senden").click()
    expect(lead.get_by_role("status").filter(has_text="Einladung")).to_be_visible(timeout=SLOW)
    _axe_clean(lead)

    member = _public(browser, apps, MEMBER)
    member.goto(_invite_link(apps, MEMBER))
    member.get_by_role("button", name="Einladung annehmen").click()
    expect(member.get_by_role("status")).to_contain_text(f"Mitglied von „{NAME}“", timeout=SLOW)
    member.get_by_role("link", name="Zur Seite der Institution").click()
    member.get_by_role("link", name=f"Eintrag für {NAME} erstellen").click()
    expect(member.get_by_text(f"als „{NAME}“")).to_be_visible(timeout=SLOW)
    member.get_by_label("Ich biete Hilfe an (Angebot)").check()
    member.get_by_label("Kategorie").select_option(label="Taschengeldbörse – Garten")
    member.get_by_label("Titel").fill("Hecke schneiden bei Seniorinnen")
    member.get_by_label("Beschreibung").fill("Wir schneiden Hecken für ältere Nachbarn in Boke.")
    member.get_by_label("Ortsteil").select_option(label="Boke")
    member.get_by_role("button", name="Veröffentlichen").click()
    expect(member.get_by_role("status")).to_contain_text("veröffentlicht", timeout=SLOW)
    with session_scope() as db:
        posted = db.exec(
            select(Listing).where(Listing.title == "Hecke schneiden bei Seniorinnen")
        ).one()
        jonas = db.exec(select(User).where(User.email == MEMBER)).one()
        assert posted.institution_id is not None and posted.author_id == jonas.id

    # The public sees the institution as the author, also through the browse filter.
    citizen = _public(browser, apps, CITIZEN)
    citizen.goto(apps.public + "/k/delbrueck/eintraege?netzwerk=seniorenhilfe-boke")
    card = citizen.get_by_test_id("listing-card")
    expect(card).to_have_count(1, timeout=SLOW)
    expect(card).to_contain_text(NAME, timeout=SLOW)
    citizen.get_by_role("link", name="Hecke schneiden bei Seniorinnen").click()
    citizen.get_by_role("link", name=f"{NAME} schreiben").click()
    citizen.get_by_label("Ihre Nachricht").fill("Können Sie auch am Samstag kommen?")
    citizen.get_by_role("button", name="Nachricht senden").click()
    expect(citizen.get_by_role("status")).to_contain_text("Alle Mitglieder", timeout=SLOW)

    # Both members see it in the shared inbox; an answer comes from the institution.
    for page in (lead, member):
        page.goto(apps.public + PAGE)
        open_button = page.get_by_role("button", name=re.compile("Gespräch mit Helga Vogt"))
        expect(open_button).to_be_visible(timeout=SLOW)
    member.get_by_role("button", name=re.compile("Gespräch mit Helga Vogt")).click()
    expect(member.get_by_text("Können Sie auch am Samstag kommen?")).to_be_visible(timeout=SLOW)
    member.get_by_label("Antwort im Namen der Institution").fill("Ja, gern ab 10 Uhr.")
    member.get_by_role("button", name="Antwort senden").click()
    expect(member.get_by_role("status").filter(has_text="Antwort ist gesendet")).to_be_visible(
        timeout=SLOW
    )
    citizen.goto(apps.public + PAGE)
    expect(citizen.get_by_text("Ja, gern ab 10 Uhr.")).to_be_visible(timeout=SLOW)
    with session_scope() as db:
        answer = db.exec(
            select(InstitutionMessage).where(InstitutionMessage.body == "Ja, gern ab 10 Uhr.")
        ).one()
        assert answer.from_institution and answer.sender_id == jonas.id

    # "Netzwerke in Delbrück" on the Kommune page.
    citizen.goto(apps.public + "/k/delbrueck")
    expect(citizen.get_by_role("link", name=NAME)).to_be_visible(timeout=SLOW)


def _tab(page: Page, apps: Apps, path: str, ready: str) -> object:
    page.goto(apps.public + path)
    expect(page.get_by_text(ready).first).to_be_visible(timeout=SLOW)
    tab = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(500)
    return tab


def _caritas_id() -> int:
    with session_scope() as db:
        return (
            db.exec(select(Institution.id).where(Institution.handle == "caritas-delbruck")).one()
            or 0
        )


def test_wrong_people_cannot_act_for_an_institution_over_the_websocket(
    browser: Browser, apps: Apps
) -> None:
    page = _new_page(browser)
    state = InstitutionState.get_full_name()
    with session_scope() as db:
        notices_before = len(db.exec(select(InstitutionNotice)).all())
        members_before = len(db.exec(select(InstitutionMember)).all())

    # Anonymous: nothing of the member side, no message.
    anonymous = _tab(page, apps, CARITAS, "Caritas Delbrück")
    updates = send_event(
        apps.public,
        anonymous,  # type: ignore[arg-type]
        f"{state}.add_notice",
        {"form": {"notice_title": "Gehackt", "notice_body": ""}},
        path=CARITAS,
    )
    assert "Bitte melden Sie sich zuerst an." in str(updates)
    updates = send_event(
        apps.public,
        anonymous,  # type: ignore[arg-type]
        f"{state}.write",
        {"form": {"write_message": "Hallo"}},
        path=CARITAS,
    )
    assert "Bitte melden Sie sich zuerst an." in str(updates)

    # An approved citizen who is no member: not found, whatever they send.
    helga = _public(browser, apps, CITIZEN)
    citizen = _tab(helga, apps, CARITAS, "Caritas Delbrück")
    for event, payload in (
        ("add_notice", {"form": {"notice_title": "Gehackt", "notice_body": ""}}),
        ("invite", {"form": {"invite_email": "x@example.org"}}),
        ("remove_member", {"user_id": 1}),
        ("open_conversation", {"thread_id": 1}),
        ("answer", {"form": {"thread_id": "1", "answer_message": "Gehackt"}}),
        ("delete_notice", {"notice_id": 1}),
    ):
        updates = send_event(apps.public, citizen, f"{state}.{event}", payload, path=CARITAS)  # type: ignore[arg-type]
        assert "Diese Institution gibt es hier nicht." in str(updates), event

    # Another Kommune's admin (Bad Lippspringe), through the public app: not found either.
    other = _public(browser, apps, "admin@bad-lippspringe.example")
    foreign = _tab(other, apps, CARITAS, "Caritas Delbrück")
    updates = send_event(
        apps.public,
        foreign,  # type: ignore[arg-type]
        f"{state}.remove_member",
        {"user_id": 1},
        path=CARITAS,
    )
    assert "Diese Institution gibt es hier nicht." in str(updates)
    updates = send_event(
        apps.public,
        foreign,  # type: ignore[arg-type]
        f"{state}.write",
        {"form": {"write_message": "Hallo"}},
        path=CARITAS,
    )
    assert "Dazu sind Sie nicht berechtigt." in str(updates)

    # The pending person cannot register an institution or accept an invitation.
    pending = _public(browser, apps, "neu@delbrueck.example")
    register = "/k/delbrueck/netzwerk-anmelden"
    tab = _tab(pending, apps, register, "Institution oder Netzwerk registrieren")
    updates = send_event(
        apps.public,
        tab,  # type: ignore[arg-type]
        f"{InstitutionRegisterState.get_full_name()}.submit",
        {"form": {"name": "Pending e.V.", "kind": "club", "contact": "Hier"}},
        path=register,
    )
    assert "Das geht erst, wenn Ihr Konto freigeschaltet ist." in str(updates)
    invite = "/netzwerk-einladung?token=gibt-es-nicht"
    tab = _tab(pending, apps, invite, "Einladung als Mitglied")
    updates = send_event(
        apps.public,
        tab,  # type: ignore[arg-type]
        f"{InstitutionInviteState.get_full_name()}.accept",
        {},
        path="/netzwerk-einladung",
    )
    assert "Das geht erst, wenn Ihr Konto freigeschaltet ist." in str(updates)

    with session_scope() as db:
        assert len(db.exec(select(InstitutionNotice)).all()) == notices_before
        assert len(db.exec(select(InstitutionMember)).all()) == members_before
        assert (
            db.exec(select(Institution).where(Institution.name == "Pending e.V.")).first() is None
        )
    assert _caritas_id() > 0


CARITAS_EDIT = CARITAS + "/bearbeiten"
CARITAS_LEAD = "caritas@delbrueck.example"
# Made a plain member of the Caritas for the editing tests (and removed again).
CARITAS_MEMBER = "maria@delbrueck.example"


@contextmanager
def _caritas_with_member() -> Iterator[None]:
    """The Caritas with a plain member; its details, places and members as seeded after."""
    with session_scope() as db:
        caritas = db.exec(select(Institution).where(Institution.handle == "caritas-delbruck")).one()
        assert caritas.id is not None
        saved = (caritas.name, caritas.kind, caritas.description, caritas.contact)
        places = [
            (p.kommune_id, p.area_id, p.social_space_id)
            for p in db.exec(
                select(InstitutionPlace).where(InstitutionPlace.institution_id == caritas.id)
            ).all()
        ]
        maria = db.exec(select(User).where(User.email == CARITAS_MEMBER)).one()
        assert maria.id is not None
        db.add(InstitutionMember(institution_id=caritas.id, user_id=maria.id, is_lead=False))
        caritas_id, maria_id = caritas.id, maria.id
    try:
        yield
    finally:
        with session_scope() as db:
            caritas = db.get_one(Institution, caritas_id)
            caritas.name, caritas.kind, caritas.description, caritas.contact = saved
            db.add(caritas)
            for row in db.exec(
                select(InstitutionPlace).where(InstitutionPlace.institution_id == caritas_id)
            ).all():
                db.delete(row)
            for kommune_id, area_id, space_id in places:
                db.add(
                    InstitutionPlace(
                        kommune_id=kommune_id,
                        institution_id=caritas_id,
                        area_id=area_id,
                        social_space_id=space_id,
                    )
                )
            for membership in db.exec(
                select(InstitutionMember).where(
                    InstitutionMember.institution_id == caritas_id,
                    InstitutionMember.user_id == maria_id,
                )
            ).all():
                db.delete(membership)


def test_the_responsible_person_edits_the_details_and_a_member_cannot(
    browser: Browser, apps: Apps
) -> None:
    with _caritas_with_member():
        # A plain member sees the member area, but no edit link; the edit page is not theirs.
        member = _public(browser, apps, CARITAS_MEMBER)
        member.goto(apps.public + CARITAS)
        expect(member.get_by_role("heading", name="Für Mitglieder")).to_be_visible(timeout=SLOW)
        expect(member.get_by_role("link", name="Angaben bearbeiten")).to_have_count(0)
        member.goto(apps.public + CARITAS_EDIT)
        expect(member.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible(
            timeout=SLOW
        )

        # The responsible person follows the link and changes the description and an Ortsteil.
        lead = _public(browser, apps, CARITAS_LEAD)
        lead.goto(apps.public + CARITAS)
        lead.get_by_role("link", name="Angaben bearbeiten").click()
        expect(lead).to_have_url(re.compile(r"/netzwerk/caritas-delbruck/bearbeiten$"))
        expect(lead.get_by_label("Name der Institution")).to_have_value(
            "Caritas Delbrück", timeout=SLOW
        )
        westenholz = lead.get_by_label(re.compile(r"(^| › )Westenholz$"))
        expect(westenholz).not_to_be_checked()
        steinhorst = lead.get_by_label(re.compile(r"(^| › )Steinhorst$"))
        expect(steinhorst).to_be_checked()
        _axe_clean(lead)
        # Bad input first: a clear message under the field, nothing saved.
        lead.get_by_label(re.compile("^Kontakt")).fill("")
        lead.get_by_role("button", name="Änderungen speichern").click()
        expect(lead.get_by_text("Bitte geben Sie an, wie man Sie erreicht.").first).to_be_visible(
            timeout=SLOW
        )
        lead.get_by_label(re.compile("^Kontakt")).fill("Caritas-Treff, Lange Str. 12")
        lead.get_by_label("Beschreibung").fill("Neu: Besuchsdienst auch in Westenholz.")
        westenholz.check()
        steinhorst.uncheck()
        lead.get_by_role("button", name="Änderungen speichern").click()
        expect(
            lead.get_by_text("Die Angaben von „Caritas Delbrück“ sind gespeichert.")
        ).to_be_visible(timeout=SLOW)

        # Everyone sees it on the public page; the address stayed the same.
        citizen = _public(browser, apps, CITIZEN)
        citizen.goto(apps.public + CARITAS)
        expect(citizen.get_by_text("Neu: Besuchsdienst auch in Westenholz.")).to_be_visible(
            timeout=SLOW
        )
        expect(citizen.get_by_text(re.compile(r"^Tätig in: .*Westenholz"))).to_be_visible()
        expect(citizen.get_by_text(re.compile(r"^Tätig in: .*Steinhorst"))).to_have_count(0)
        expect(citizen.get_by_role("link", name="Angaben bearbeiten")).to_have_count(0)
        with session_scope() as db:
            event = db.exec(
                select(AuditEvent).where(AuditEvent.action == "update_institution")
            ).all()[-1]
            assert "description" in event.reason and "places" in event.reason


def test_wrong_people_cannot_edit_an_institution_over_the_websocket(
    browser: Browser, apps: Apps
) -> None:
    page = _new_page(browser)
    state = f"{InstitutionEditState.get_full_name()}.submit"
    hacked = {
        "form": {
            "name": "Gehackt e.V.",
            "kind": "club",
            "description": "Gehackt",
            "contact": "Gehackt",
        }
    }

    def description() -> str:
        with session_scope() as db:
            caritas = db.exec(
                select(Institution).where(Institution.handle == "caritas-delbruck")
            ).one()
            return caritas.name + " / " + caritas.description

    with _caritas_with_member():
        before = description()
        # Anonymous: log in first.
        anonymous = _tab(page, apps, CARITAS_EDIT, "Seite nicht gefunden")
        updates = send_event(apps.public, anonymous, state, hacked, path=CARITAS_EDIT)  # type: ignore[arg-type]
        assert "Bitte melden Sie sich zuerst an." in str(updates)

        # A plain member: only the responsible person.
        maria = _public(browser, apps, CARITAS_MEMBER)
        tab = _tab(maria, apps, CARITAS_EDIT, "Seite nicht gefunden")
        updates = send_event(apps.public, tab, state, hacked, path=CARITAS_EDIT)  # type: ignore[arg-type]
        assert "Das darf nur die verantwortliche Person." in str(updates)

        # A citizen, and another Kommune's admin: no such institution for them.
        for email in (CITIZEN, "admin@bad-lippspringe.example"):
            person = _public(browser, apps, email)
            tab = _tab(person, apps, CARITAS_EDIT, "Seite nicht gefunden")
            updates = send_event(apps.public, tab, state, hacked, path=CARITAS_EDIT)  # type: ignore[arg-type]
            assert "Diese Institution gibt es hier nicht." in str(updates), email

        # The responsible person ticking an Ortsteil of another Kommune: refused.
        with session_scope() as db:
            delbrueck = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
            foreign = db.exec(
                select(Area).where(Area.kommune_id != delbrueck.id).order_by(col(Area.id))
            ).first()
            assert foreign is not None
            field = f"area_{delbrueck.id}_{foreign.id}"
        lead = _public(browser, apps, CARITAS_LEAD)
        tab = _tab(lead, apps, CARITAS_EDIT, "Änderungen speichern")
        payload = {"form": {**hacked["form"], field: "on"}}
        updates = send_event(apps.public, tab, state, payload, path=CARITAS_EDIT)  # type: ignore[arg-type]
        assert "Bitte wählen Sie einen Ortsteil aus der Liste." in str(updates)

        assert description() == before
