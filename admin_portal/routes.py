"""The admin portal's URLs and its menu: one constant per page and one table of the pages
that both the app module (registration) and the menu read.

Page-free on purpose: the pages import the menu (components.py), so this module cannot
import the pages; `admin_portal.py` pairs each route with its page and state.
"""

from __future__ import annotations

from dataclasses import dataclass

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
DASHBOARD = "/uebersicht"
PEOPLE = "/personen"
LISTINGS = "/eintraege"
RATINGS = "/bewertungen"
ADMINS = "/verwaltung"
NOT_FOUND = "404"

# The public app's Kommune page, for links from the portal to it (the portal must not import
# the public app; a test keeps this equal to dasnez_app.routes.KOMMUNE).
PUBLIC_KOMMUNE = "/k/[slug]"

# The menu's groups, in menu order. Every group but PLATFORM is shown to Kommune admins.
NAV_DASHBOARD = "dashboard"  # overview first (the landing page), lists, ratings, admin accounts
NAV_APPROVALS = "approvals"
NAV_MODERATION = "moderation"  # reports with blocking, and the audit log
NAV_MASTERDATA = "masterdata"  # the Kommune's profile, areas, social spaces, categories, …
NAV_PLATFORM = "platform"  # platform staff: the Kommunen
NAV_GROUPS: tuple[str, ...] = (
    NAV_DASHBOARD,
    NAV_APPROVALS,
    NAV_MODERATION,
    NAV_MASTERDATA,
    NAV_PLATFORM,
)


@dataclass(frozen=True)
class AdminPage:
    """A page of the portal; with a label key it also has a link in the menu's group."""

    route: str
    nav_label: str = ""
    nav_group: str = ""


# Every page the portal registers, in registration order; within a group, menu order.
PAGES: tuple[AdminPage, ...] = (
    AdminPage(HOME),
    AdminPage(APPROVALS, "admin.nav.approvals", NAV_APPROVALS),
    AdminPage(REPORTS, "admin.nav.reports", NAV_MODERATION),
    AdminPage(AUDIT, "admin.nav.audit", NAV_MODERATION),
    AdminPage(KOMMUNEN, "admin.nav.kommunen", NAV_PLATFORM),
    AdminPage(PROFILE, "masterdata.nav.profile", NAV_MASTERDATA),
    AdminPage(AREAS, "masterdata.nav.areas", NAV_MASTERDATA),
    AdminPage(SOCIAL_SPACES, "masterdata.nav.spaces", NAV_MASTERDATA),
    AdminPage(CATEGORIES, "masterdata.nav.categories", NAV_MASTERDATA),
    AdminPage(SPONSORS, "masterdata.nav.sponsors", NAV_MASTERDATA),
    AdminPage(INFOBOX, "masterdata.nav.infobox", NAV_MASTERDATA),
    AdminPage(DASHBOARD, "dash.nav.overview", NAV_DASHBOARD),
    AdminPage(PEOPLE, "dash.nav.people", NAV_DASHBOARD),
    AdminPage(LISTINGS, "dash.nav.listings", NAV_DASHBOARD),
    AdminPage(RATINGS, "dash.nav.ratings", NAV_DASHBOARD),
    AdminPage(ADMINS, "dash.nav.admins", NAV_DASHBOARD),
    AdminPage(NOT_FOUND),
)


def public_kommune_url(public_base: str, slug: str) -> str:
    """The absolute URL of a Kommune's public page (`public_base` without a trailing slash)."""
    return public_base + PUBLIC_KOMMUNE.replace("[slug]", slug)


def nav_links(group: str) -> tuple[AdminPage, ...]:
    """The menu links of one group, in menu order."""
    return tuple(page for page in PAGES if page.nav_group == group and page.nav_label)
