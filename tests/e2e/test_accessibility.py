"""axe-core (WCAG 2.1 A and AA) over every page both apps register, anonymous and logged in
(citizen, Kommune admin, platform staff), forms with errors included. It passes only with
no violation at all.

The pages come from the apps' route tables (`routes.PAGES`); a dynamic route needs a recipe
that says which address to visit, and a registered page without a recipe fails the test, so
that a page added later is checked too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from admin_portal import routes as admin_routes
from dasnez_app import routes as public_routes
from dasnez_core.db import session_scope
from dasnez_core.models import Conversation, Kommune, Listing, Message, User
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.browser import open_menu
from tests.e2e.conftest import Apps

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 800}  # the public app is checked as most citizens see it

CITIZEN = "jonas@delbrueck.example"
OTHER_CITIZEN = "maria@delbrueck.example"
KOMMUNE_ADMIN = "admin@delbrueck.example"
PLATFORM_STAFF = "betrieb@dasnez.example"
COORDINATOR = "westenholz@delbrueck.example"  # Westenholz and a school: with the switcher
COORDINATOR_ROLE = "coordinator"

ANONYMOUS, CITIZEN_ROLE, ADMIN_ROLE, STAFF_ROLE = "anonymous", "citizen", "admin", "staff"


@dataclass(frozen=True)
class Seeded:
    """Ids and handles from the seeded database that dynamic routes need."""

    slug: str
    own_listing: int  # the citizen's
    other_listing: int  # another person's, to write to
    handle: str  # another person's profile
    conversation: int  # between the citizen and that person
    other_person: int  # that person's id, for the admin's detail page


@dataclass(frozen=True)
class Recipe:
    """How to visit one registered route, and as whom."""

    path: Callable[[Seeded], str]
    roles: tuple[str, ...]


def _fixed(path: str, *roles: str) -> Recipe:
    return Recipe(lambda _s: path, roles)


_PUBLIC_ROLES = (ANONYMOUS, CITIZEN_ROLE)
_ADMIN_ROLES = (ADMIN_ROLE, STAFF_ROLE)
pr, ar = public_routes, admin_routes

PUBLIC_RECIPES: dict[str, Recipe] = {
    pr.HOME: _fixed("/", *_PUBLIC_ROLES),
    pr.LOGIN: _fixed(pr.LOGIN, ANONYMOUS),
    pr.KOMMUNE: Recipe(lambda s: str(pr.kommune_href(s.slug)), _PUBLIC_ROLES),
    pr.REGISTER: Recipe(lambda s: str(pr.register_href(s.slug)), (ANONYMOUS,)),
    pr.NEW_LISTING: Recipe(lambda s: str(pr.new_listing_href(s.slug)), (CITIZEN_ROLE,)),
    pr.BROWSE: Recipe(lambda s: str(pr.browse_href(s.slug)), _PUBLIC_ROLES),
    pr.LISTING: Recipe(lambda s: str(pr.listing_href(s.slug, s.other_listing)), _PUBLIC_ROLES),
    pr.LISTING_EDIT: Recipe(
        lambda s: str(pr.listing_edit_href(s.slug, s.own_listing)), (CITIZEN_ROLE,)
    ),
    pr.MY_LISTINGS: _fixed(pr.MY_LISTINGS, CITIZEN_ROLE),
    pr.ACCOUNT: _fixed(pr.ACCOUNT, CITIZEN_ROLE),
    pr.TIME_ACCOUNT: _fixed(pr.TIME_ACCOUNT, CITIZEN_ROLE),
    pr.FORGOT_PASSWORD: _fixed(pr.FORGOT_PASSWORD, ANONYMOUS),
    pr.RESET_PASSWORD: _fixed(pr.RESET_PASSWORD + "?token=abgelaufen", ANONYMOUS),
    pr.EMAIL_CONFIRM: _fixed(pr.EMAIL_CONFIRM + "?token=abgelaufen", ANONYMOUS),
    pr.REGISTRATION_CONFIRM: _fixed(pr.REGISTRATION_CONFIRM + "?token=abgelaufen", ANONYMOUS),
    pr.INTEREST_CONFIRM: _fixed(pr.INTEREST_CONFIRM + "?token=abgelaufen", ANONYMOUS),
    pr.MESSAGES: _fixed(pr.MESSAGES, CITIZEN_ROLE),
    pr.NEW_CONVERSATION: Recipe(
        lambda s: str(pr.new_conversation_href(s.other_listing)), (CITIZEN_ROLE,)
    ),
    pr.THREAD: Recipe(lambda s: str(pr.thread_href(s.conversation)), (CITIZEN_ROLE,)),
    pr.PERSON: Recipe(lambda s: str(pr.person_href(s.slug, s.handle)), _PUBLIC_ROLES),
    pr.CONSENT: _fixed(pr.CONSENT, CITIZEN_ROLE),
    pr.INSTITUTION: Recipe(
        lambda s: str(pr.institution_href(s.slug, "caritas-delbruck")), _PUBLIC_ROLES
    ),
    pr.INSTITUTION_REGISTER: Recipe(
        lambda s: str(pr.institution_register_href(s.slug)), _PUBLIC_ROLES
    ),
    # A citizen who is not its responsible person finds nothing to edit; the form itself:
    # tests/e2e/test_institutions.py.
    pr.INSTITUTION_EDIT: Recipe(
        lambda s: str(pr.institution_edit_href(s.slug, "caritas-delbruck")), _PUBLIC_ROLES
    ),
    pr.INSTITUTION_INVITE: _fixed(pr.INSTITUTION_INVITE + "?token=abgelaufen", ANONYMOUS),
    pr.PARENT_CONSENT: _fixed(pr.PARENT_CONSENT + "?token=abgelaufen", ANONYMOUS),
    pr.YOUTH_INFO: Recipe(lambda s: str(pr.youth_info_href(s.slug)), _PUBLIC_ROLES),
    # A citizen sees why it is for proxies; the proxy's form: tests/e2e/test_printing.py.
    pr.WEEKLY_SHEET: _fixed(pr.WEEKLY_SHEET, CITIZEN_ROLE),
    # Stellvertretung: a citizen who is no proxy (the proxy's view: tests/e2e/test_proxy.py).
    pr.REPRESENTED: _fixed(pr.REPRESENTED, CITIZEN_ROLE),
    pr.NOT_FOUND: _fixed("/gibt-es-nicht", *_PUBLIC_ROLES),
    **{
        route: Recipe(lambda s, key=key: str(pr.legal_href(s.slug, key)), _PUBLIC_ROLES)
        for key, route in (
            ("imprint", pr.KOMMUNE_IMPRINT),
            ("privacy", pr.KOMMUNE_PRIVACY),
            ("terms", pr.KOMMUNE_TERMS),
            ("accessibility", pr.KOMMUNE_ACCESSIBILITY),
            ("easy", pr.KOMMUNE_EASY),
        )
    },
    **{
        route: _fixed(route, *_PUBLIC_ROLES)
        for route in (pr.IMPRINT, pr.PRIVACY, pr.TERMS, pr.ACCESSIBILITY, pr.EASY)
    },
}

ADMIN_RECIPES: dict[str, Recipe] = {
    ar.HOME: _fixed("/", ANONYMOUS),
    ar.APPROVALS: _fixed(ar.APPROVALS, *_ADMIN_ROLES, COORDINATOR_ROLE),
    ar.REPORTS: _fixed(ar.REPORTS, *_ADMIN_ROLES, COORDINATOR_ROLE),
    ar.AUDIT: _fixed(ar.AUDIT, *_ADMIN_ROLES),
    ar.KOMMUNEN: _fixed(ar.KOMMUNEN, STAFF_ROLE),
    ar.NEW_KOMMUNE: _fixed(ar.NEW_KOMMUNE, STAFF_ROLE),
    ar.PLATFORM_CHARTS: _fixed(ar.PLATFORM_CHARTS, STAFF_ROLE),
    ar.DEMAND: _fixed(ar.DEMAND, STAFF_ROLE),
    ar.PROFILE: _fixed(ar.PROFILE, ADMIN_ROLE),
    ar.AREAS: _fixed(ar.AREAS, ADMIN_ROLE),
    ar.SOCIAL_SPACES: _fixed(ar.SOCIAL_SPACES, ADMIN_ROLE),
    ar.CATEGORIES: _fixed(ar.CATEGORIES, ADMIN_ROLE),
    ar.SPONSORS: _fixed(ar.SPONSORS, ADMIN_ROLE),
    ar.INFOBOX: _fixed(ar.INFOBOX, ADMIN_ROLE),
    ar.DASHBOARD: _fixed(ar.DASHBOARD, ADMIN_ROLE, COORDINATOR_ROLE),
    ar.PEOPLE: _fixed(ar.PEOPLE, ADMIN_ROLE, COORDINATOR_ROLE),
    ar.LISTINGS: _fixed(ar.LISTINGS, ADMIN_ROLE, COORDINATOR_ROLE),
    ar.RATINGS: _fixed(ar.RATINGS, ADMIN_ROLE),
    ar.ADMINS: _fixed(ar.ADMINS, ADMIN_ROLE),
    ar.COORDINATORS: _fixed(ar.COORDINATORS, ADMIN_ROLE),
    ar.TIMEBANK: _fixed(ar.TIMEBANK, ADMIN_ROLE),
    ar.PROXIES: _fixed(ar.PROXIES, ADMIN_ROLE),
    ar.LEGAL_TEXTS: _fixed(ar.LEGAL_TEXTS, ADMIN_ROLE),
    ar.YOUTH_SETTINGS: _fixed(ar.YOUTH_SETTINGS, ADMIN_ROLE),
    ar.PERSON_DETAIL: Recipe(lambda s: str(ar.person_href(s.other_person)), (ADMIN_ROLE,)),
    ar.LISTING_DETAIL: Recipe(
        lambda s: str(ar.listing_detail_href(s.other_listing)), (ADMIN_ROLE,)
    ),
    ar.OUTBOX: _fixed(ar.OUTBOX, STAFF_ROLE),
    ar.MY_PROFILE: _fixed(ar.MY_PROFILE, ADMIN_ROLE),
    ar.RETENTION: _fixed(ar.RETENTION, ADMIN_ROLE),
    ar.NOT_FOUND: _fixed("/gibt-es-nicht", ANONYMOUS, ADMIN_ROLE),
}


def _registered(app_routes: object) -> list[str]:
    return [p if isinstance(p, str) else p.route for p in app_routes.PAGES]  # type: ignore[attr-defined]


def test_every_registered_page_has_a_recipe() -> None:
    """A page another change registers must be added here, or the axe check would miss it."""
    missing = [r for r in _registered(public_routes) if r not in PUBLIC_RECIPES]
    missing += [r for r in _registered(admin_routes) if r not in ADMIN_RECIPES]
    assert not missing, f"pages without an accessibility recipe: {missing}"


# --- the browser part ---


@pytest.fixture(scope="module")
def seeded(apps: Apps) -> Iterator[Seeded]:
    """The seed's ids, and a conversation made for the thread page; removed afterwards, so
    that later tests see the seeded person's unread count as it was."""
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        jonas = db.exec(select(User).where(User.email == CITIZEN)).one()
        maria = db.exec(select(User).where(User.email == OTHER_CITIZEN)).one()
        own = db.exec(select(Listing).where(Listing.author_id == jonas.id)).first()
        other = db.exec(select(Listing).where(Listing.author_id == maria.id)).first()
        assert kommune.id and jonas.id and maria.id and own and own.id and other and other.id
        conversation = Conversation(
            kommune_id=kommune.id, listing_id=other.id, author_id=maria.id, starter_id=jonas.id
        )
        db.add(conversation)
        db.flush()
        assert conversation.id
        db.add(Message(conversation_id=conversation.id, sender_id=jonas.id, body="Gern, wann?"))
        made = Seeded(kommune.slug, own.id, other.id, maria.handle, conversation.id, maria.id)
    yield made
    with session_scope() as db:
        for message in db.exec(
            select(Message).where(Message.conversation_id == made.conversation)
        ).all():
            db.delete(message)
        db.flush()
        db.delete(db.get_one(Conversation, made.conversation))


@dataclass
class Findings:
    pages: int = 0
    lines: list[str] = field(default_factory=list)

    def add(self, label: str, violations: list[dict]) -> None:
        self.pages += 1
        for v in violations:
            targets = ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:8])
            more = f" (+{len(v['nodes']) - 8})" if len(v["nodes"]) > 8 else ""
            self.lines.append(
                f"{label}: {v['id']} ({v['impact']}) on {len(v['nodes'])}: {targets}{more}"
            )


@pytest.fixture
def findings() -> Iterator[Findings]:
    found = Findings()
    yield found
    routes = len(PUBLIC_RECIPES) + len(ADMIN_RECIPES)
    count = len(found.lines)
    print(f"\naxe: {found.pages} page views of {routes} routes checked, {count} violations")


_AXE = Axe()


def _settle(page: Page) -> None:
    """Wait until the page's data has arrived: a heading shows and nothing is loading."""
    page.wait_for_load_state("load")
    expect(page.locator("h1").first).to_be_visible(timeout=20_000)
    page.wait_for_function(
        "() => !document.body.innerText.includes('Wird geladen')", timeout=20_000
    )
    page.wait_for_timeout(300)


def _check(page: Page, label: str, findings: Findings) -> None:
    _settle(page)
    results = _AXE.run(page, options=AXE_OPTIONS)
    findings.add(f"{label} {page.url}", results.response["violations"])


def _visit_all(
    page: Page,
    base: str,
    recipes: dict[str, Recipe],
    role: str,
    seeded: Seeded,
    findings: Findings,
) -> None:
    for route, recipe in recipes.items():
        if role in recipe.roles:
            page.goto(base + recipe.path(seeded))
            _check(page, f"[{role}] {route}", findings)


def _log_in(page: Page, url: str, email: str) -> None:
    page.goto(url)
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    with page.expect_event("load", timeout=30_000):
        page.get_by_role("button", name="Anmelden").click()


def _submit_empty(page: Page) -> None:
    """Send the page's form empty past the browser's own checks, so the server answers."""
    page.evaluate("() => document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
    page.locator("main form button[type=submit]").last.click()
    expect(page.get_by_role("alert").first).to_be_visible()


def _assert_clean(findings: Findings) -> None:
    assert not findings.lines, "axe found violations:\n" + "\n".join(findings.lines)


def test_public_pages_anonymous(
    apps: Apps, browser: Browser, seeded: Seeded, findings: Findings
) -> None:
    context = browser.new_context(viewport=PHONE, locale="de-DE")  # type: ignore[arg-type]
    page = context.new_page()
    _visit_all(page, apps.public, PUBLIC_RECIPES, ANONYMOUS, seeded, findings)
    # Forms sent with errors: an empty registration and a wrong password.
    page.goto(apps.public + str(public_routes.register_href(seeded.slug)))
    _settle(page)
    _submit_empty(page)
    _check(page, "[anonymous] empty registration", findings)
    page.goto(apps.public + public_routes.LOGIN)
    _settle(page)
    page.get_by_label("E-Mail-Adresse").fill(CITIZEN)
    page.get_by_label("Passwort").fill("falsch-falsch-falsch")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    _check(page, "[anonymous] wrong login", findings)
    # A search that finds no Kommune offers the interest form; sent empty, it names each field.
    page.goto(apps.public + "/")
    _settle(page)
    page.get_by_role("searchbox").fill("Nirgendwo")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_test_id("interest-form")).to_be_visible()
    _submit_empty(page)
    _check(page, "[anonymous] empty interest form", findings)
    # The same frame in English (lang="en", the other language's switch marked lang="de").
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    for path in ("/", str(public_routes.browse_href(seeded.slug))):
        page.goto(apps.public + path)
        _check(page, "[anonymous, English]", findings)
    context.close()
    _assert_clean(findings)


def test_public_pages_citizen(
    apps: Apps, browser: Browser, seeded: Seeded, findings: Findings
) -> None:
    context = browser.new_context(viewport=PHONE, locale="de-DE")  # type: ignore[arg-type]
    page = context.new_page()
    _log_in(page, apps.public + public_routes.LOGIN, CITIZEN)
    _visit_all(page, apps.public, PUBLIC_RECIPES, CITIZEN_ROLE, seeded, findings)
    page.goto(apps.public + public_routes.MY_LISTINGS)
    _settle(page)
    open_menu(page)
    menu = page.get_by_role("navigation", name="Konto und Navigation")
    expect(menu.locator('[aria-current="page"]')).to_have_text("Meine Einträge")
    _check(page, "[citizen] header menu open", findings)
    page.keyboard.press("Escape")
    # An empty new listing.
    page.goto(apps.public + str(public_routes.new_listing_href(seeded.slug)))
    _settle(page)
    _submit_empty(page)
    _check(page, "[citizen] empty new listing", findings)
    context.close()
    _assert_clean(findings)


def test_admin_pages(apps: Apps, browser: Browser, seeded: Seeded, findings: Findings) -> None:
    anonymous = browser.new_context(viewport=DESKTOP, locale="de-DE")  # type: ignore[arg-type]
    page = anonymous.new_page()
    _visit_all(page, apps.admin, ADMIN_RECIPES, ANONYMOUS, seeded, findings)
    page.goto(apps.admin + "/")
    _settle(page)
    page.get_by_label("E-Mail-Adresse").fill(KOMMUNE_ADMIN)
    page.get_by_label("Passwort").fill("falsch-falsch-falsch")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    _check(page, "[anonymous] wrong admin login", findings)
    anonymous.close()
    for role, email in (
        (ADMIN_ROLE, KOMMUNE_ADMIN),
        (STAFF_ROLE, PLATFORM_STAFF),
        (COORDINATOR_ROLE, COORDINATOR),
    ):
        context = browser.new_context(viewport=DESKTOP, locale="de-DE")  # type: ignore[arg-type]
        page = context.new_page()
        _log_in(page, apps.admin + "/", email)
        if role == ADMIN_ROLE:  # lands on the overview, marked as the current page
            menu = page.get_by_role("navigation", name="Verwaltung")
            expect(menu.locator('[aria-current="page"]')).to_have_text("Übersicht")
        _visit_all(page, apps.admin, ADMIN_RECIPES, role, seeded, findings)
        if role == STAFF_ROLE:  # the new-Kommune wizard sent empty
            page.goto(apps.admin + admin_routes.NEW_KOMMUNE)
            _settle(page)
            _submit_empty(page)
            _check(page, "[platform staff] empty new-Kommune wizard", findings)
        context.close()
    _assert_clean(findings)


def test_lang_and_title_follow_the_language_and_the_page(apps: Apps, browser: Browser) -> None:
    """The first HTML says lang="de"; the title names the page and the Kommune; switching to
    English changes both."""
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    first_html = page.request.get(apps.public + "/k/delbrueck/eintraege").text()
    assert '<html lang="de"' in first_html
    page.goto(apps.public + "/k/delbrueck/eintraege")
    expect(page).to_have_title("Angebote und Gesuche – Delbrück – dasnez")
    assert page.evaluate("() => document.documentElement.lang") == "de"
    page.get_by_role("button", name="English").click()
    expect(page).to_have_title("Offers and requests – Delbrück – dasnez")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(apps.public + "/anmelden")
    expect(page).to_have_title("Log in – dasnez")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    context.close()


def test_the_kommunes_accent_colour_colours_its_buttons(apps: Apps, browser: Browser) -> None:
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "bad-lippspringe")).one()
        kommune.accent_color = "#5b2a86"  # white text on it: 10.6:1
        db.add(kommune)
    context = browser.new_context(viewport=PHONE, locale="de-DE")  # type: ignore[arg-type]
    page = context.new_page()
    try:
        page.goto(apps.public + "/k/bad-lippspringe")
        button = page.locator("main .rt-variant-solid").first
        expect(button).to_have_css("background-color", "rgb(91, 42, 134)")
        _check(page, "[anonymous] accent colour", findings := Findings())
        assert not findings.lines, findings.lines
    finally:
        context.close()
        with session_scope() as db:  # other browser tests see the default palette
            kommune = db.exec(select(Kommune).where(Kommune.slug == "bad-lippspringe")).one()
            kommune.accent_color = ""
            db.add(kommune)
