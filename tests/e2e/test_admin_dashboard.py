"""The Kommune admin's dashboard, lists with CSV export, admin invitations and ratings, in
Chromium at desktop size. Figures are compared with the service's answer for the same
filters, because other browser tests add people and listings to the same demo Kommunen.

The other Kommune's admin sees only their own figures and rows, also when they call the
export, invite and revoke handlers straight over the websocket.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from sqlmodel import Session, col, func, select

from admin_portal.pages.admins import AdminsState
from admin_portal.pages.listings_list import ListingsListState
from admin_portal.pages.users_list import PeopleListState
from dasnez_core.db import session_scope
from dasnez_core.models import (
    Agreement,
    Area,
    AuditEvent,
    Category,
    Conversation,
    Kommune,
    Listing,
    Rating,
    Role,
    RoleGrant,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.seed import DEMO_PASSWORD
from dasnez_core.services.dashboard import DashboardFilters, dashboard
from dasnez_core.services.sessions import actor_for
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event, tab_of

DELBRUECK_ADMIN = "admin@delbrueck.example"
OTHER_ADMIN = "admin@bad-lippspringe.example"
PREFIX = "Dashtest"
NEW_ADMIN_PASSWORD = "Die Linde am Rathausplatz blüht"


def _kommune_id(slug: str) -> int:
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == slug)).one()
        assert kommune.id is not None
        return kommune.id


def _user(email: str) -> User:
    with session_scope() as db:
        return db.exec(select(User).where(User.email == email)).one()


def _figures(email: str, **filters: object):  # type: ignore[no-untyped-def]
    """The service's answer for the admin behind `email` (what the page must show)."""
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).one()
        actor = actor_for(db, user)
        return dashboard(db, actor, min(actor.admin_of), DashboardFilters(**filters))  # type: ignore[arg-type]


def _person(db: Session, kommune_id: int, email: str, name: str, **fields: object) -> User:
    values: dict[str, object] = {"status": UserStatus.APPROVED, "approved_at": utcnow(), **fields}
    user = User(
        email=email,
        password_hash="x",  # nobody logs in as these people
        display_name=name,
        kommune_id=kommune_id,
        **values,  # type: ignore[arg-type]
    )
    db.add(user)
    db.flush()
    return user


def _done_agreement(
    db: Session,
    kommune_id: int,
    title: str,
    author: User,
    helper: User,
    hours: float,
    cents: int | None,
) -> Agreement:
    """A listing of `author` in the Kommune's Garten category and an agreement about it
    that both sides confirmed."""
    category = db.exec(
        select(Category).where(Category.kommune_id == kommune_id, Category.name == "Garten")
    ).one()
    now = utcnow()
    listing = Listing(
        kommune_id=kommune_id,
        kind="request",
        exchange_id=category.exchange_id,
        category_id=category.id,  # type: ignore[arg-type]
        title=title,
        body="Zwei Stunden Gartenarbeit.",
        author_id=author.id,  # type: ignore[arg-type]
        area_id=author.area_id,
        district_id=author.area_id,
        expires_at=now + timedelta(days=30),
    )
    db.add(listing)
    db.flush()
    conversation = Conversation(
        kommune_id=kommune_id,
        listing_id=listing.id,  # type: ignore[arg-type]
        author_id=author.id,  # type: ignore[arg-type]
        starter_id=helper.id,  # type: ignore[arg-type]
    )
    db.add(conversation)
    db.flush()
    row = Agreement(
        kommune_id=kommune_id,
        conversation_id=conversation.id,  # type: ignore[arg-type]
        listing_id=listing.id,  # type: ignore[arg-type]
        helper_id=helper.id,
        seeker_id=author.id,
        hours=hours,
        amount_cents=cents,
        helper_done_at=now,
        seeker_done_at=now,
    )
    db.add(row)
    db.flush()
    return row


def _rate(
    db: Session, a: Agreement, rater: User, ratee: User, stars: int, comment: str, admin_only: bool
) -> None:
    db.add(
        Rating(
            kommune_id=a.kommune_id,
            agreement_id=a.id,  # type: ignore[arg-type]
            rater_id=rater.id,
            ratee_id=ratee.id,  # type: ignore[arg-type]
            stars=stars,
            comment=comment,
            admin_only=admin_only,
        )
    )


@pytest.fixture(scope="module", autouse=True)
def exchanges_took_place(apps: Apps) -> None:
    """People of this test's own (the demo people are other tests' to use): two agreements
    both sides confirmed in Delbrück, rated (one "nur für die Verwaltung"), one in Bad
    Lippspringe, a person waiting, and 60 people for paging."""
    delbrueck, lippspringe = _kommune_id("delbrueck"), _kommune_id("bad-lippspringe")
    with session_scope() as db:
        if db.exec(select(User).where(User.email == "dashtest-00@example.org")).first():
            return
        boke = db.exec(select(Area).where(Area.name == "Boke")).one()
        kern = db.exec(
            select(Area).where(Area.name == "Kernstadt", Area.kommune_id == lippspringe)
        ).one()
        helfer = _person(db, delbrueck, "dash-helfer@example.org", "Hannes Helfer", area_id=boke.id)
        gerda = _person(db, delbrueck, "dash-gerda@example.org", "Gerda Garten", area_id=boke.id)
        lippe = _person(db, lippspringe, "dash-lippe@example.org", "Lotte Lippe", area_id=kern.id)
        lippe2 = _person(
            db, lippspringe, "dash-lippe2@example.org", "Ludwig Lippe", area_id=kern.id
        )
        a1 = _done_agreement(db, delbrueck, "Dashtest Hecke schneiden", gerda, helfer, 2.5, 1500)
        a2 = _done_agreement(db, delbrueck, "Dashtest Beet umgraben", helfer, gerda, 1.5, None)
        a3 = _done_agreement(db, lippspringe, "Dashtest Laub im Kurpark", lippe, lippe2, 4.0, 2000)
        _rate(db, a1, gerda, helfer, 5, "Sehr zuverlässig, gerne wieder!", False)
        _rate(db, a2, gerda, helfer, 2, "Dashtest: kam zwei Stunden zu spät.", True)
        _rate(db, a3, lippe, lippe2, 3, "Lippspringer Kommentar", False)
        _person(
            db,
            delbrueck,
            "dash-wartet@example.org",
            "Wilma Wartend",
            area_id=boke.id,
            status=UserStatus.PENDING,
            approved_at=None,
        )
        for i in range(60):
            _person(
                db,
                delbrueck,
                f"dashtest-{i:02d}@example.org",
                f"{PREFIX} Überprüfung {i:02d}",
                area_id=boke.id,
            )


@pytest.fixture
def desk(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="de-DE", accept_downloads=True
    )
    yield context
    context.close()


def _login(page: Page, apps: Apps, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    # The Kommune's name arrives with the figures and the filter form's values.
    expect(
        page.get_by_role("heading", name=re.compile(r"^Übersicht – \S"), level=1)
    ).to_be_visible()


def _card(page: Page, label: str) -> Locator:
    """A figure on the dashboard that links to its list ("12 Einträge")."""
    return page.get_by_role("link", name=re.compile(r"^[\d.,–]+ " + re.escape(label) + "$"))


def _figure(page: Page, label: str) -> Locator:
    """A figure on the dashboard, with or without a link."""
    return page.get_by_test_id("figure").filter(has_text=label)


def _session_token(page: Page) -> str:
    # The tab token with the tab's cookies: the session lives in the HttpOnly cookie.
    return tab_of(page)


def _count_line(page: Page, count: int | None = None) -> None:
    """The list has arrived (with `count` results)."""
    name = f"{count} Treffer" if count is not None else re.compile(r"^\d+ Treffer$")
    expect(page.get_by_text(name, exact=True)).to_be_visible()


# --- dashboard -------------------------------------------------------------------------------


def test_dashboard_shows_the_figures_and_leads_to_the_lists(
    apps: Apps, desk: BrowserContext
) -> None:
    page = desk.new_page()
    _login(page, apps, DELBRUECK_ADMIN)
    expect(page).to_have_url(re.compile(r"/uebersicht/?$"))
    expect(page.get_by_role("heading", name="Übersicht – Delbrück")).to_be_visible()
    d = _figures(DELBRUECK_ADMIN)
    assert d.listings_total >= 12 and d.agreements_done >= 2
    expect(_card(page, "Personen warten auf Freischaltung")).to_contain_text(
        str(d.pending_approvals)
    )
    expect(_card(page, "Offene Meldungen")).to_contain_text(str(d.open_reports))
    expect(_card(page, "Einträge")).to_contain_text(str(d.listings_total))
    expect(_figure(page, "Geschenkte Stunden")).to_contain_text(d.hours_donated)
    expect(_figure(page, "Vermitteltes Taschengeld")).to_contain_text(d.pocket_money)
    expect(_figure(page, "Abgeschlossene Vereinbarungen")).to_contain_text(str(d.agreements_done))
    expect(_card(page, "Durchschnitt (Sterne)")).to_contain_text(d.ratings_average)

    # A number in the exchange table opens the list behind it, with the same count.
    [tg] = [r for r in d.listings_by_exchange if r.exchange == "taschengeld"]
    row = page.get_by_role("row", name=re.compile("^Taschengeldbörse"))
    expect(row.get_by_role("link").nth(1)).to_have_text(str(tg.requests))
    row.get_by_role("link").nth(1).click()  # columns: offers, requests, running, total
    expect(page.get_by_role("heading", name="Einträge – Delbrück")).to_be_visible()
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"boerse": ["taschengeld"], "art": ["request"]}
    _count_line(page, tg.requests)
    expect(page.get_by_label("Börse", exact=True)).to_have_value("taschengeld")

    # The to-do number leads to the approval queue.
    page.go_back()
    _card(page, "Personen warten auf Freischaltung").click()
    expect(page.get_by_role("heading", name=re.compile("Freischaltung"))).to_be_visible()


def test_dashboard_filters_and_a_chart_bar_lead_to_lists(apps: Apps, desk: BrowserContext) -> None:
    page = desk.new_page()
    _login(page, apps, DELBRUECK_ADMIN)
    # An end before the start: a clear message, nothing else happens.
    page.get_by_label("Von (Datum)").fill("2026-03-01")
    page.get_by_label("Bis (Datum)").fill("2026-02-01")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Das Enddatum liegt vor dem Anfangsdatum")
    expect(page).to_have_url(re.compile(r"/uebersicht/?$"))

    page.get_by_label("Bis (Datum)").fill("")
    page.get_by_label("Von (Datum)").fill("")
    page.locator("select#ortsteil").select_option(label="Boke")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(re.compile(r"ortsteil=\d+"))
    boke = int(parse_qs(urlsplit(page.url).query)["ortsteil"][0])
    d = _figures(DELBRUECK_ADMIN, district=boke)
    expect(_card(page, "Einträge")).to_contain_text(str(d.listings_total))
    expect(page.locator("select#ortsteil")).to_have_value(str(boke))

    # A bar of the category chart opens the list of that category (with the district).
    page.goto(apps.admin + "/uebersicht")
    section = page.locator("section").filter(
        has=page.get_by_role("heading", name="Einträge nach Kategorie")
    )
    category = section.locator(".recharts-bar-rectangle").first
    category.scroll_into_view_if_needed()
    expect(category).to_be_visible()
    first = _figures(DELBRUECK_ADMIN).listings_by_category[0]
    category.click()
    expect(page).to_have_url(re.compile(r"/eintraege/?\?kategorie=\d+"))
    _count_line(page, first.count)


# --- lists -----------------------------------------------------------------------------------


def _download(page: Page, button: str = "Als CSV-Datei herunterladen") -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    path = info.value.path()
    assert info.value.suggested_filename.endswith(".csv")
    with open(path, "rb") as handle:
        return handle.read()


def test_people_list_filters_pages_and_exports(apps: Apps, desk: BrowserContext) -> None:
    page = desk.new_page()
    _login(page, apps, DELBRUECK_ADMIN)
    page.get_by_role("link", name="Personen", exact=True).click()
    expect(page.get_by_role("heading", name="Personen – Delbrück")).to_be_visible()
    _count_line(page)
    page.get_by_label("Name oder E-Mail enthält").fill(PREFIX)
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(re.compile(r"/personen/?\?q=Dashtest$"))
    _count_line(page, 60)
    expect(page.get_by_text("Seite 1 von 2")).to_be_visible()
    expect(page.get_by_role("rowheader", name=re.compile(PREFIX))).to_have_count(50)
    page.get_by_role("link", name="Nächste Seite").click()
    expect(page.get_by_text("Seite 2 von 2")).to_be_visible()
    expect(page.get_by_role("rowheader", name=re.compile(PREFIX))).to_have_count(10)
    expect(page.get_by_role("rowheader", name=f"{PREFIX} Überprüfung 59")).to_be_visible()

    # The export holds every page of the filtered list, for German Excel.
    data = _download(page)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0] == "Name;E-Mail;Status;Ortsteil;Registriert am;Freigeschaltet am"
    assert len([line for line in lines if line.startswith(PREFIX)]) == 60
    assert re.fullmatch(
        r"Dashtest Überprüfung 00;dashtest-00@example.org;Freigeschaltet;Boke;"
        r"\d\d\.\d\d\.\d{4};\d\d\.\d\d\.\d{4}",
        next(line for line in lines if line.startswith(PREFIX)),
    )
    expect(page.get_by_role("status")).to_contain_text("60 Zeilen")
    with session_scope() as db:
        audit = db.exec(
            select(AuditEvent)
            .where(AuditEvent.action == "export_people")
            .order_by(col(AuditEvent.id).desc())
        ).first()
        assert audit is not None and audit.reason.startswith("60 rows")

    # Status filter: only the people waiting, never the other Kommune's.
    page.goto(apps.admin + "/personen?status=pending")
    expect(page.get_by_label("Status", exact=True)).to_have_value("pending")
    expect(page.get_by_role("rowheader", name="Wilma Wartend")).to_be_visible()
    expect(page.get_by_text("Karl Brandt")).to_have_count(0)


def test_listings_list_filters_and_exports(apps: Apps, desk: BrowserContext) -> None:
    page = desk.new_page()
    _login(page, apps, DELBRUECK_ADMIN)
    page.goto(apps.admin + "/eintraege")
    expect(page.get_by_role("heading", name="Einträge – Delbrück")).to_be_visible()
    _count_line(page)
    page.get_by_label("Börse", exact=True).select_option(label="Zeitspende")
    page.get_by_label("Art", exact=True).select_option(label="Angebot")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(re.compile(r"boerse=zeitspende&art=offer"))
    expect(page.get_by_role("rowheader", name="Vorlesen im Kindergarten")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Begleitung zum Arzt")).to_have_count(0)

    page.goto(apps.admin + "/eintraege?q=m%C3%A4hen")
    expect(page.get_by_label("Titel enthält")).to_have_value("mähen")
    expect(page.get_by_role("rowheader", name="Rasenmähen am Samstag")).to_be_visible()
    _count_line(page)
    data = _download(page)
    assert data.startswith(b"\xef\xbb\xbfNr.;Titel;B\xc3\xb6rse;Art;Kategorie;Status;")
    rows = data[3:].decode("utf-8").split("\r\n")
    assert any(
        re.fullmatch(
            r"\d+;Rasenmähen am Samstag;Taschengeldbörse;Gesuch;Garten;Laufend \(veröffentlicht\);"
            r"Boke;Maria Schneider;\d\d\.\d\d\.\d{4};\d\d\.\d\d\.\d{4}",
            row,
        )
        for row in rows
    ), rows
    assert "Kurpark" not in data.decode("utf-8")

    # A reversed period gets a clear message and no redirect.
    page.get_by_label("Erstellt ab (Datum)").fill("2026-05-02")
    page.get_by_label("Erstellt bis (Datum)").fill("2026-05-01")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Enddatum liegt vor dem Anfangsdatum")
    page.goto(apps.admin + "/eintraege?von=2026-05-02&bis=2026-05-01")
    expect(page.get_by_role("alert")).to_contain_text("Enddatum liegt vor dem Anfangsdatum")


# --- admin accounts --------------------------------------------------------------------------


def _newest_mail(apps: Apps, to: str) -> str:
    import email
    import email.policy

    for path in sorted(apps.outbox.glob("*.eml"), reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == to:
            return str(message.get_content())  # type: ignore[attr-defined]
    raise AssertionError(f"no mail to {to}")


def _grants(email: str) -> set[int | None]:
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).one()
        return set(
            db.exec(
                select(RoleGrant.kommune_id).where(
                    RoleGrant.user_id == user.id, RoleGrant.role == Role.KOMMUNE_ADMIN
                )
            ).all()
        )


def test_invite_admins_of_the_own_kommune(
    apps: Apps, browser: Browser, desk: BrowserContext
) -> None:
    delbrueck = _kommune_id("delbrueck")
    page = desk.new_page()
    _login(page, apps, DELBRUECK_ADMIN)
    page.get_by_role("link", name="Verwaltungskonten").click()
    expect(page.get_by_role("heading", name="Verwaltungskonten – Delbrück")).to_be_visible()
    expect(page.get_by_role("rowheader", name=re.compile("Verwaltung Delbrück"))).to_be_visible()

    # A person of another Kommune: answered as a new address (no account is revealed),
    # nothing changes, only the owner is told.
    page.get_by_label("E-Mail-Adresse").fill("anna@bad-lippspringe.example")
    page.get_by_label("Name (nur für ein neues Konto)").fill("Anna Fremd")
    page.get_by_role("button", name="Einladen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Die Einladung an anna@bad-lippspringe.example ist verschickt"
    )
    assert _grants("anna@bad-lippspringe.example") == set()
    assert "anderen Kommune" in _newest_mail(apps, "anna@bad-lippspringe.example")

    # An approved person of Delbrück gets the rights at once.
    page.get_by_label("E-Mail-Adresse").fill("dashtest-01@example.org")
    page.get_by_role("button", name="Einladen").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"{PREFIX} Überprüfung 01 hat jetzt Verwaltungsrechte für Delbrück"
    )
    expect(page.get_by_role("rowheader", name=f"{PREFIX} Überprüfung 01")).to_be_visible()
    assert _grants("dashtest-01@example.org") == {delbrueck}

    # An unknown address: a new account and a mail with a one-time link.
    page.get_by_label("E-Mail-Adresse").fill("Leitung.Dash@Rathaus.example")
    page.get_by_label("Name (nur für ein neues Konto)").fill("Petra Leitung")
    page.get_by_role("button", name="Einladen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Die Einladung an leitung.dash@rathaus.example ist verschickt"
    )
    expect(page.get_by_role("rowheader", name="Petra Leitung")).to_be_visible()
    mail = _newest_mail(apps, "leitung.dash@rathaus.example")
    match = re.search(r"(http://\S+/passwort-neu\?token=[A-Za-z0-9_\-]+)", mail)
    assert match, mail
    with session_scope() as db:
        audits = db.exec(
            select(AuditEvent).where(
                AuditEvent.action == "invite_admin", AuditEvent.kommune_id == delbrueck
            )
        ).all()
        assert {a.reason for a in audits} >= {"new account", "existing account"}

    # The link on the public app sets the password; then the portal opens.
    newcomer = browser.new_context(viewport={"width": 1280, "height": 900})
    public = newcomer.new_page()
    public.goto(match.group(1))
    expect(public.get_by_role("heading", name="Neues Passwort festlegen")).to_be_visible()
    public.get_by_label(re.compile("Neues Passwort")).fill(NEW_ADMIN_PASSWORD)
    public.get_by_role("button", name="Neues Passwort speichern").click()
    expect(public.get_by_role("status")).to_contain_text("Ihr neues Passwort ist gespeichert.")
    _login(public, apps, "leitung.dash@rathaus.example", NEW_ADMIN_PASSWORD)
    expect(public.get_by_role("heading", name="Übersicht – Delbrück")).to_be_visible()
    newcomer.close()

    # The rights are taken back with a reason (audited).
    page.get_by_label("Person", exact=True).select_option(label=f"{PREFIX} Überprüfung 01")
    page.get_by_label("Grund (wird protokolliert)").fill("Hat die Stelle gewechselt")
    page.get_by_role("button", name="Rechte entziehen").click()
    expect(page.get_by_role("status")).to_contain_text("hat keine Verwaltungsrechte mehr")
    expect(page.get_by_role("rowheader", name=f"{PREFIX} Überprüfung 01")).to_have_count(0)
    assert _grants("dashtest-01@example.org") == set()


# --- ratings ---------------------------------------------------------------------------------


def test_ratings_page_marks_admin_only_ratings(apps: Apps, desk: BrowserContext) -> None:
    page = desk.new_page()
    _login(page, apps, DELBRUECK_ADMIN)
    page.get_by_role("link", name="Bewertungen", exact=True).click()
    expect(page.get_by_role("heading", name="Bewertungen – Delbrück")).to_be_visible()
    ratings = page.get_by_test_id("admin-rating")
    secret = ratings.filter(has_text="Dashtest: kam zwei Stunden zu spät.")
    expect(secret).to_contain_text("Nur für die Verwaltung")
    expect(secret).to_contain_text("Gerda Garten über Hannes Helfer")
    public = ratings.filter(has_text="Sehr zuverlässig, gerne wieder!")
    expect(public).to_contain_text("Gerda Garten über Hannes Helfer")
    expect(public).not_to_contain_text("Nur für die Verwaltung")
    expect(page.get_by_text("Lippspringer Kommentar")).to_have_count(0)
    # Other tests rate in Delbrück too: compare with the database.
    delbrueck = _kommune_id("delbrueck")
    with session_scope() as db:
        in_delbrueck = (
            select(func.count()).select_from(Rating).where(Rating.kommune_id == delbrueck)
        )
        two_stars = db.exec(in_delbrueck.where(Rating.stars == 2)).one()
        admin_only = db.exec(in_delbrueck.where(col(Rating.admin_only))).one()
    expect(page.get_by_role("row", name=re.compile("^2 Sterne"))).to_have_text(
        re.compile(rf"^2 Sterne\s*{two_stars}(\D|$)")
    )
    page.get_by_role("link", name="Nur „nur für die Verwaltung“").click()
    expect(ratings).to_have_count(admin_only)
    expect(ratings.filter(has_text="Dashtest: kam zwei Stunden zu spät.")).to_have_count(1)


# --- the other Kommune -----------------------------------------------------------------------


def test_the_other_kommunes_admin_sees_only_their_own(apps: Apps, desk: BrowserContext) -> None:
    page = desk.new_page()
    _login(page, apps, OTHER_ADMIN)
    expect(page.get_by_role("heading", name="Übersicht – Bad Lippspringe")).to_be_visible()
    d = _figures(OTHER_ADMIN)
    expect(_card(page, "Einträge")).to_contain_text(str(d.listings_total))
    expect(_figure(page, "Geschenkte Stunden")).to_contain_text(d.hours_donated)
    expect(page.get_by_role("link", name="Boke")).to_have_count(0)
    page.goto(apps.admin + "/personen")
    expect(page.get_by_role("rowheader", name="Anna Krüger")).to_be_visible()
    expect(page.get_by_text("Maria Schneider")).to_have_count(0)
    # A Delbrück district in the URL is ignored: still only Bad Lippspringe's listings.
    with session_scope() as db:
        boke = db.exec(select(Area).where(Area.name == "Boke")).one()
    page.goto(apps.admin + f"/eintraege?ortsteil={boke.id}")
    expect(page.get_by_role("rowheader", name="Gartenhilfe im Kurpark-Viertel")).to_be_visible()
    expect(page.get_by_text("Rasenmähen am Samstag")).to_have_count(0)
    page.goto(apps.admin + "/bewertungen")
    expect(page.get_by_text("Lippspringer Kommentar")).to_be_visible()
    expect(page.get_by_text("Sehr zuverlässig")).to_have_count(0)


def _downloaded_csv(updates: list[dict]) -> str:
    match = re.search(r"data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)", str(updates))
    assert match, str(updates)[:2000]
    return base64.b64decode(match.group(1)).decode("utf-8-sig")


def test_handlers_over_the_websocket_cannot_reach_delbrueck(
    apps: Apps, desk: BrowserContext
) -> None:
    delbrueck = _kommune_id("delbrueck")
    with session_scope() as db:
        boke = db.exec(select(Area).where(Area.name == "Boke")).one()
    page = desk.new_page()
    _login(page, apps, OTHER_ADMIN)
    token = _session_token(page)
    page.goto("about:blank")  # leave, so that the socket frees the token's state
    page.wait_for_timeout(1000)

    export = f"{ListingsListState.get_full_name()}.export"
    csv_text = _downloaded_csv(
        send_event(apps.admin, token, export, {}, path=f"/eintraege?ortsteil={boke.id}")
    )
    assert "Gartenhilfe im Kurpark-Viertel" in csv_text
    assert "Rasenmähen am Samstag" not in csv_text and "Boke" not in csv_text
    people_csv = _downloaded_csv(
        send_event(apps.admin, token, f"{PeopleListState.get_full_name()}.export", {})
    )
    assert "Anna Krüger" in people_csv and "maria@delbrueck.example" not in people_csv

    invite = f"{AdminsState.get_full_name()}.invite"
    updates = send_event(
        apps.admin,
        token,
        invite,
        {"form": {"email": "maria@delbrueck.example", "display_name": "Maria"}},
        path="/verwaltung",
    )
    assert "Die Einladung an maria@delbrueck.example ist verschickt" in str(updates)
    assert _grants("maria@delbrueck.example") == set()
    admin_id = _user(DELBRUECK_ADMIN).id
    updates = send_event(
        apps.admin,
        token,
        f"{AdminsState.get_full_name()}.revoke",
        {"form": {"user_id": str(admin_id), "reason": "Feindliche Übernahme"}},
        path="/verwaltung",
    )
    assert "hat hier keine Verwaltungsrechte" in str(updates)
    assert _grants(DELBRUECK_ADMIN) == {delbrueck}

    # Without a login nothing is exported at all.
    updates = send_event(apps.admin, fresh_token(), export, {}, path="/eintraege")
    assert "Dazu sind Sie nicht berechtigt." in str(updates)
    assert "base64," not in str(updates)
    with session_scope() as db:
        assert (
            db.exec(
                select(AuditEvent).where(
                    AuditEvent.kommune_id == delbrueck,
                    col(AuditEvent.action).in_(["invite_admin", "revoke_admin"]),
                    AuditEvent.actor_id == _user(OTHER_ADMIN).id,
                )
            ).all()
            == []
        )
