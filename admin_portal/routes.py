"""The admin portal's URLs and its menu: one constant per page and one table of the pages
that both the app module (registration) and the menu read.

Page-free on purpose: the pages import the menu (components.py), so this module cannot
import the pages; `admin_portal.py` pairs each route with its page and state.

The query-string part: the domain takes typed filters and returns data; it turns the German
parameter names of a bookmarkable list or dashboard into those filters and back, and builds
the links behind the dashboard's figures. Nonsense in a parameter is dropped, the rest kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from dasnez_core.errors import InvalidInput
from dasnez_core.services.audit_log import ACTION_MAX, TEXT_MAX, AuditFilters
from dasnez_core.services.auth import clean_text
from dasnez_core.services.dashboard import DashboardFilters, Target
from dasnez_core.services.filters import (
    EXCHANGE_TYPES,
    KINDS,
    LISTING_STATUSES,
    check_range,
    clean_query,
    positive_int,
)
from dasnez_core.services.kommunen_list import KOMMUNE_STATES, KommunenFilters
from dasnez_core.services.listings_list import LISTING_SORTS, ListingFilters
from dasnez_core.services.outbox import FAILED, OUTBOX_STATES
from dasnez_core.services.people_list import PEOPLE_SORTS, USER_STATUSES, PeopleFilters

# --- routes -----------------------------------------------------------------------------------

# The login page; a logged-in admin is sent on to their start page (dashboard or Kommunen).
HOME = "/"
APPROVALS = "/freischaltung"
REPORTS = "/meldungen"
AUDIT = "/protokoll"
KOMMUNEN = "/kommunen"
PROFILE = "/stammdaten"
AREAS = "/ortsteile"
SOCIAL_SPACES = "/sozialraeume"
CATEGORIES = "/kategorien"
SPONSORS = "/sponsoren"
INFOBOX = "/info-box"
LEGAL_TEXTS = "/rechtstexte"
# The Taschengeldbörse settings: rate, minimum age, light work, information page.
YOUTH_SETTINGS = "/taschengeldboerse"
DASHBOARD = "/uebersicht"
PEOPLE = "/personen"
LISTINGS = "/eintraege"
RATINGS = "/bewertungen"
ADMINS = "/verwaltung"
# Ortsteil- und Sozialraum-Verwaltung: the Kommune's coordinators and their scopes.
COORDINATORS = "/koordination"
TIMEBANK = "/zeitkonten"
# Stellvertretung: the Kommune's proxies and every represented person.
PROXIES = "/stellvertretung"
# One person, one listing of the admin's Kommune: facts, actions, history.
PERSON_DETAIL = "/personen/[id]"
LISTING_DETAIL = "/eintraege/[id]"
NOT_FOUND = "404"
# Operations: platform staff's mail outbox; an admin's own profile; retention periods.
OUTBOX = "/postausgang"
MY_PROFILE = "/mein-profil"
RETENTION = "/aufbewahrung"
# Platform staff: a new Kommune, statistics across Kommunen, demand from towns not on dasnez.
NEW_KOMMUNE = "/kommune-anlegen"
PLATFORM_CHARTS = "/statistik"
DEMAND = "/nachfrage"

# The public app's Kommune page, for links from the portal to it (the portal must not import
# the public app; a test keeps this equal to dasnez_app.routes.KOMMUNE).
PUBLIC_KOMMUNE = "/k/[slug]"
# The public app's legal pages (the platform's at /<segment>, a Kommune's below /k/<slug>/),
# by text kind and "easy"; a test keeps them equal to dasnez_app.routes.LEGAL_SEGMENTS.
PUBLIC_LEGAL_SEGMENTS: dict[str, str] = {
    "imprint": "impressum",
    "privacy": "datenschutz",
    "terms": "nutzungsbedingungen",
    "accessibility": "barrierefreiheit",
    "easy": "leichte-sprache",
}
# Appended to a legal page's URL, followed by a version number: that version.
PUBLIC_LEGAL_VERSION_QUERY = "?version="

# The menu's groups, in menu order, each under its heading (admin.navgroup.<group>). Every
# group but PLATFORM is shown to Kommune admins.
NAV_TASKS = "tasks"  # Aufgaben: what waits for a decision
NAV_CONTENT = "content"  # Inhalte: people, listings, ratings
NAV_MASTERDATA = "masterdata"  # Stammdaten: the Kommune's profile, areas, …, admin accounts
NAV_EVALUATION = "evaluation"  # Auswertung: the overview (the landing page) and the audit log
NAV_PLATFORM = "platform"  # platform staff: the Kommunen
NAV_GROUPS: tuple[str, ...] = (
    NAV_TASKS,
    NAV_CONTENT,
    NAV_MASTERDATA,
    NAV_EVALUATION,
    NAV_PLATFORM,
)


@dataclass(frozen=True)
class AdminPage:
    """A page of the portal; with a label key it also has a link in the menu's group.
    `for_coordinators`: its link is shown to coordinators too (their handlers are
    restricted to the coordinator's scope); every other link only to Kommune admins."""

    route: str
    nav_label: str = ""
    nav_group: str = ""
    for_coordinators: bool = False


# Every page the portal registers, in registration order; within a group, menu order.
PAGES: tuple[AdminPage, ...] = (
    AdminPage(HOME),
    AdminPage(APPROVALS, "admin.nav.approvals", NAV_TASKS, for_coordinators=True),
    AdminPage(REPORTS, "admin.nav.reports", NAV_TASKS, for_coordinators=True),
    AdminPage(KOMMUNEN, "admin.nav.kommunen", NAV_PLATFORM),
    AdminPage(NEW_KOMMUNE, "onboard.nav.new", NAV_PLATFORM),
    AdminPage(PLATFORM_CHARTS, "onboard.nav.charts", NAV_PLATFORM),
    AdminPage(DEMAND, "onboard.nav.demand", NAV_PLATFORM),
    AdminPage(PROFILE, "masterdata.nav.profile", NAV_MASTERDATA),
    AdminPage(AREAS, "masterdata.nav.areas", NAV_MASTERDATA),
    AdminPage(SOCIAL_SPACES, "masterdata.nav.spaces", NAV_MASTERDATA),
    AdminPage(CATEGORIES, "masterdata.nav.categories", NAV_MASTERDATA),
    AdminPage(SPONSORS, "masterdata.nav.sponsors", NAV_MASTERDATA),
    AdminPage(INFOBOX, "masterdata.nav.infobox", NAV_MASTERDATA),
    AdminPage(LEGAL_TEXTS, "legal.nav", NAV_MASTERDATA),
    AdminPage(YOUTH_SETTINGS, "youth.settings_title", NAV_MASTERDATA),
    AdminPage(DASHBOARD, "dash.nav.overview", NAV_EVALUATION, for_coordinators=True),
    AdminPage(AUDIT, "admin.nav.audit", NAV_EVALUATION),
    AdminPage(PEOPLE, "dash.nav.people", NAV_CONTENT, for_coordinators=True),
    AdminPage(LISTINGS, "dash.nav.listings", NAV_CONTENT, for_coordinators=True),
    AdminPage(RATINGS, "dash.nav.ratings", NAV_CONTENT),
    AdminPage(ADMINS, "dash.nav.admins", NAV_MASTERDATA),
    AdminPage(COORDINATORS, "coordinator.nav", NAV_MASTERDATA),
    AdminPage(TIMEBANK, "nav.admin_timebank", NAV_EVALUATION),
    AdminPage(PROXIES, "proxy.nav", NAV_CONTENT),
    AdminPage(PERSON_DETAIL),
    AdminPage(LISTING_DETAIL),
    AdminPage(OUTBOX, "ops.nav.outbox", NAV_PLATFORM),
    AdminPage(MY_PROFILE, "ops.nav.my_profile", NAV_MASTERDATA),
    AdminPage(RETENTION, "ops.nav.retention", NAV_MASTERDATA),
    AdminPage(NOT_FOUND),
)


def public_kommune_url(public_base: str, slug: str) -> str:
    """The absolute URL of a Kommune's public page (`public_base` without a trailing slash)."""
    return public_base + PUBLIC_KOMMUNE.replace("[slug]", slug)


def public_legal_url(public_base: str, page: str, slug: str = "") -> str:
    """The absolute URL of a legal page of the public app: the platform's, or with `slug`
    the Kommune's (`page` is a key of PUBLIC_LEGAL_SEGMENTS)."""
    prefix = public_kommune_url(public_base, slug) if slug else public_base
    return f"{prefix}/{PUBLIC_LEGAL_SEGMENTS[page]}"


def nav_links(group: str) -> tuple[AdminPage, ...]:
    """The menu links of one group, in menu order."""
    return tuple(page for page in PAGES if page.nav_group == group and page.nav_label)


def menu_route(path: str) -> str:
    """The menu entry a browser path belongs to ("" for none): a detail page is marked
    under its list (/personen/7 under /personen)."""
    parts = [part for part in path.split("/") if part]
    wanted = "/" + parts[0] if parts else HOME
    return next((page.route for page in PAGES if page.nav_label and page.route == wanted), "")


def _detail_prefix(pattern: str) -> str:
    return pattern.removesuffix("[id]")


def _with_id(pattern: str, record_id: Any) -> Any:
    # An id the server knows (int), or a row's id in the browser (a Var: the href is one too).
    shown = record_id.to_string() if hasattr(record_id, "to_string") else str(record_id)
    return _detail_prefix(pattern) + shown


def person_href(user_id: Any) -> Any:
    """The admin page of one person (`user_id` an int, or a row's id var in a list)."""
    return _with_id(PERSON_DETAIL, user_id)


def listing_detail_href(listing_id: Any) -> Any:
    """The admin page of one listing (`listing_id` an int, or a row's id var in a list)."""
    return _with_id(LISTING_DETAIL, listing_id)


def detail_id(pattern: str, path: str) -> int | None:
    """The id in a detail page's browser path (/personen/7 → 7), or None when the path
    is not that page's or the id is no number."""
    prefix = _detail_prefix(pattern)
    rest = path.rstrip("/")
    if not rest.startswith(prefix):
        return None
    return positive_int(rest[len(prefix) :])


# --- query strings ---

# A date filter outside these years is a typo, not a wish.
YEAR_MIN, YEAR_MAX = 2000, 2100
ONLY_ADMIN = "verwaltung"


def _query(pairs: Mapping[str, object]) -> str:
    return urlencode({k: v for k, v in pairs.items() if v not in ("", None)})


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _with_query(path: str, query: str) -> str:
    return path + (f"?{query}" if query else "")


def parse_day(raw: str | None) -> date | None:
    """A day from a date field (yyyy-mm-dd) or as Germans write it (dd.mm.yyyy); else None."""
    text = (raw or "").strip()[:12]
    try:
        if "." in text:
            day_s, month_s, year_s = text.split(".")
            day = date(int(year_s), int(month_s), int(day_s))
        else:
            day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if YEAR_MIN <= day.year <= YEAR_MAX else None


# People list (/personen).


def parse_people(params: Mapping[str, str]) -> PeopleFilters:
    """People-list filters from URL parameters."""
    status = params.get("status", "")
    sort = params.get("sortierung", "name")
    return PeopleFilters(
        q=clean_query(params.get("q")),
        status=status if status in USER_STATUSES else "",
        district=positive_int(params.get("ortsteil")),
        sort=sort if sort in PEOPLE_SORTS else "name",
        page=positive_int(params.get("seite")) or 1,
    )


def people_query(filters: PeopleFilters, **change: Any) -> str:
    """The URL query of people-list filters (with `change` applied), defaults left out."""
    f = replace(filters, **change)
    return _query(
        {
            "q": f.q,
            "status": f.status,
            "ortsteil": f.district,
            "sortierung": "" if f.sort == "name" else f.sort,
            "seite": "" if f.page == 1 else f.page,
        }
    )


def people_href(filters: PeopleFilters) -> str:
    return _with_query(PEOPLE, people_query(filters))


# Listings list (/eintraege).


def parse_listings(params: Mapping[str, str]) -> ListingFilters:
    """Listing-list filters from URL parameters. A reversed date range is kept as it is, so
    that the page can say what is wrong with it."""
    status = params.get("status", "")
    exchange = params.get("boerse", "")
    kind = params.get("art", "")
    sort = params.get("sortierung", "newest")
    return ListingFilters(
        q=clean_query(params.get("q")),
        status=status if status in LISTING_STATUSES else "",
        district=positive_int(params.get("ortsteil")),
        exchange=exchange if exchange in EXCHANGE_TYPES else "",
        kind=kind if kind in KINDS else "",
        category=positive_int(params.get("kategorie")),
        date_from=parse_day(params.get("von")),
        date_to=parse_day(params.get("bis")),
        sort=sort if sort in LISTING_SORTS else "newest",
        page=positive_int(params.get("seite")) or 1,
    )


def listings_query(filters: ListingFilters, **change: Any) -> str:
    """The URL query of listing-list filters (with `change` applied), defaults left out."""
    f = replace(filters, **change)
    return _query(
        {
            "q": f.q,
            "status": f.status,
            "ortsteil": f.district,
            "boerse": f.exchange,
            "art": f.kind,
            "kategorie": f.category,
            "von": _iso(f.date_from),
            "bis": _iso(f.date_to),
            "sortierung": "" if f.sort == "newest" else f.sort,
            "seite": "" if f.page == 1 else f.page,
        }
    )


def listings_href(filters: ListingFilters) -> str:
    return _with_query(LISTINGS, listings_query(filters))


def target_href(target: Target) -> str:
    """The address of the list behind a dashboard figure ("" when there is none)."""
    if isinstance(target, PeopleFilters):
        return people_href(target)
    if isinstance(target, ListingFilters):
        return listings_href(target)
    return ""


# Dashboard (/uebersicht).


def parse_dashboard(params: Mapping[str, str]) -> DashboardFilters:
    """Dashboard filters from URL parameters or the filter form."""
    exchange = params.get("boerse", "")
    return DashboardFilters(
        date_from=parse_day(params.get("von")),
        date_to=parse_day(params.get("bis")),
        district=positive_int(params.get("ortsteil")),
        exchange=exchange if exchange in EXCHANGE_TYPES else "",
    )


def dashboard_query(filters: DashboardFilters) -> str:
    return _query(
        {
            "von": _iso(filters.date_from),
            "bis": _iso(filters.date_to),
            "ortsteil": filters.district,
            "boerse": filters.exchange,
        }
    )


# Audit log (/protokoll).


def _audit_day(raw: str, field: str) -> date | None:
    text = raw.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InvalidInput(field, "audit.date_invalid") from None


def parse_audit(
    *, action: str = "", date_from: str = "", date_to: str = "", text: str = "", page: str = ""
) -> AuditFilters:
    """Filters from what the form or the URL sent; a bad date or range raises InvalidInput."""
    start = _audit_day(date_from, "date_from")
    end = _audit_day(date_to, "date_to")
    check_range(start, end, field="date_to", key="audit.range_invalid")
    words = " ".join(clean_text(text).split())
    if len(words) > TEXT_MAX:
        raise InvalidInput("q", "audit.text_too_long", max=TEXT_MAX)
    number = page.strip()
    return AuditFilters(
        action=clean_text(action)[:ACTION_MAX],
        date_from=start,
        date_to=end,
        text=words,
        page=int(number) if number.isdigit() and 0 < len(number) < 6 and int(number) > 0 else 1,
    )


def audit_query(filters: AuditFilters, **change: Any) -> str:
    f = replace(filters, **change)
    return _query(
        {
            "aktion": f.action,
            "von": _iso(f.date_from),
            "bis": _iso(f.date_to),
            "q": f.text,
            "seite": "" if f.page == 1 else str(f.page),
        }
    )


# Ratings (/bewertungen).


def parse_ratings(params: Mapping[str, str]) -> tuple[int, bool]:
    """(page, only admin-only ratings) from the URL."""
    return positive_int(params.get("seite")) or 1, params.get("nur") == ONLY_ADMIN


def ratings_query(page: int | None, only_admin: bool) -> str:
    """The query of ratings: a page (its number always written, the pager needs a non-empty
    query to show its link) or, with `page` None, the first page."""
    return _query({"nur": ONLY_ADMIN if only_admin else "", "seite": page})


# Kommunen of platform staff (/kommunen).


def parse_kommunen(params: Mapping[str, str]) -> KommunenFilters:
    """Kommunen-list filters from URL parameters."""
    state = params.get("status", "")
    return KommunenFilters(
        q=clean_query(params.get("q"), 60),
        state=state if state in KOMMUNE_STATES else "",
        page=positive_int(params.get("seite")) or 1,
    )


def kommunen_query(filters: KommunenFilters, **change: Any) -> str:
    """The URL query of Kommunen-list filters (with `change` applied), defaults left out."""
    f = replace(filters, **change)
    return _query({"q": f.q, "status": f.state, "seite": "" if f.page == 1 else f.page})


# Mail outbox of platform staff (/postausgang).


@dataclass(frozen=True)
class OutboxView:
    """The state of mails shown and the page."""

    state: str = FAILED
    page: int = 1


def parse_outbox(params: Mapping[str, str]) -> OutboxView:
    """Outbox state and page from URL parameters (failed mails, first page by default)."""
    state = params.get("status", "")
    return OutboxView(
        state=state if state in OUTBOX_STATES else FAILED,
        page=positive_int(params.get("seite")) or 1,
    )


def outbox_query(view: OutboxView, **change: Any) -> str:
    """The URL query of an outbox view (with `change` applied), defaults left out."""
    v = replace(view, **change)
    return _query(
        {"status": "" if v.state == FAILED else v.state, "seite": "" if v.page == 1 else v.page}
    )
