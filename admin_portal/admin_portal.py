"""The admin app: creates the App and adds the pages; nothing else lives here."""

import reflex as rx

from admin_portal.pages.admins import AdminsState, admins_page
from admin_portal.pages.approvals import ApprovalState, approvals_page
from admin_portal.pages.areas import AreasState, areas_page
from admin_portal.pages.audit import AuditState, audit_page
from admin_portal.pages.categories import CategoriesState, categories_page
from admin_portal.pages.dashboard import DashboardState, dashboard_page
from admin_portal.pages.infobox import InfoBoxState, infobox_page
from admin_portal.pages.kommunen import KommunenState, kommunen_page
from admin_portal.pages.listings_list import ListingsListState, listings_list_page
from admin_portal.pages.login import AdminLoginState, admin_login_page
from admin_portal.pages.moderation import ModerationState, moderation_page
from admin_portal.pages.not_found import admin_not_found_page
from admin_portal.pages.profile import ProfileState, profile_page
from admin_portal.pages.ratings import RatingsState, ratings_page
from admin_portal.pages.social_spaces import SocialSpacesState, social_spaces_page
from admin_portal.pages.sponsors import SponsorsState, sponsors_page
from admin_portal.pages.users_list import PeopleListState, users_list_page
from admin_portal.state import AdminSession
from dasnez_ui.theme import STYLE

app = rx.App(style=STYLE, stylesheets=["/dasnez.css"])
app.add_page(admin_login_page, route="/", title="dasnez Verwaltung", on_load=AdminLoginState.load)
app.add_page(
    approvals_page, route="/freischaltung", title="dasnez Verwaltung", on_load=ApprovalState.load
)
app.add_page(
    moderation_page, route="/meldungen", title="dasnez Verwaltung", on_load=ModerationState.load
)
app.add_page(audit_page, route="/protokoll", title="dasnez Verwaltung", on_load=AuditState.load)
app.add_page(
    kommunen_page, route="/kommunen", title="dasnez Verwaltung", on_load=KommunenState.load
)
# The Kommune's master data.
for _page, _route, _state in (
    (profile_page, "/stammdaten", ProfileState),
    (areas_page, "/ortsteile", AreasState),
    (social_spaces_page, "/sozialraeume", SocialSpacesState),
    (categories_page, "/kategorien", CategoriesState),
    (sponsors_page, "/sponsoren", SponsorsState),
    (infobox_page, "/info-box", InfoBoxState),
):
    app.add_page(_page, route=_route, title="dasnez Verwaltung", on_load=_state.load)
# Dashboard, lists with CSV export, ratings and the Kommune's admin accounts.
for _page, _route, _state in (
    (dashboard_page, "/uebersicht", DashboardState),
    (users_list_page, "/personen", PeopleListState),
    (listings_list_page, "/eintraege", ListingsListState),
    (ratings_page, "/bewertungen", RatingsState),
    (admins_page, "/verwaltung", AdminsState),
):
    app.add_page(_page, route=_route, title="dasnez Verwaltung", on_load=_state.load)
app.add_page(
    admin_not_found_page, route="404", title="dasnez Verwaltung", on_load=AdminSession.refresh
)
