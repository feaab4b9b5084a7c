"""The admin app: creates the App and adds the pages; nothing else lives here."""

from collections.abc import Callable

import reflex as rx
from reflex.event import EventType

from admin_portal import routes
from admin_portal.pages.admins import AdminsState, admins_page
from admin_portal.pages.approvals import ApprovalState, approvals_page
from admin_portal.pages.areas import AreasState, areas_page
from admin_portal.pages.audit import AuditState, audit_page
from admin_portal.pages.categories import CategoriesState, categories_page
from admin_portal.pages.coordinators import CoordinatorsState, coordinators_page
from admin_portal.pages.dashboard import DashboardState, dashboard_page
from admin_portal.pages.infobox import InfoBoxState, infobox_page
from admin_portal.pages.kommunen import KommunenState, kommunen_page
from admin_portal.pages.legal_texts import LegalTextsState, legal_texts_page
from admin_portal.pages.listing_detail import ListingDetailState, listing_detail_page
from admin_portal.pages.listings_list import ListingsListState, listings_list_page
from admin_portal.pages.login import AdminLoginState, admin_login_page
from admin_portal.pages.moderation import ModerationState, moderation_page
from admin_portal.pages.my_profile import MyProfileState, my_profile_page
from admin_portal.pages.new_kommune import NewKommuneState, new_kommune_page
from admin_portal.pages.not_found import admin_not_found_page
from admin_portal.pages.outbox import OutboxState, outbox_page
from admin_portal.pages.person_detail import PersonDetailState, person_detail_page
from admin_portal.pages.platform_charts import PlatformChartsState, platform_charts_page
from admin_portal.pages.platform_demand import DemandState, demand_page
from admin_portal.pages.profile import ProfileState, profile_page
from admin_portal.pages.proxies import ProxiesState, proxies_page
from admin_portal.pages.ratings import RatingsState, ratings_page
from admin_portal.pages.retention import RetentionState, retention_page
from admin_portal.pages.social_spaces import SocialSpacesState, social_spaces_page
from admin_portal.pages.sponsors import SponsorsState, sponsors_page
from admin_portal.pages.timebank import TimebankAdminState, timebank_admin_page
from admin_portal.pages.users_list import PeopleListState, users_list_page
from admin_portal.pages.youth_settings import YouthSettingsState, youth_settings_page
from admin_portal.reach_http import admin_reach_routes
from admin_portal.state import AdminSession
from admin_portal.titles import page_title
from dasnez_core.logs import configure_logging, log_frontend_exception
from dasnez_core.services import auth
from dasnez_ui import session_http
from dasnez_ui.db_thread import run_handlers_off_loop
from dasnez_ui.health_http import health_endpoint
from dasnez_ui.http_headers import secure_http
from dasnez_ui.interpreter import tune_interpreter
from dasnez_ui.masterdata_refresh import check_master_data
from dasnez_ui.outcome import backend_exception_handler
from dasnez_ui.phone import use_phone_first
from dasnez_ui.pwa import SHARE_IMAGE, private_app_tags
from dasnez_ui.theme import STYLE

# Each route of `routes.PAGES` with its page and the handler that loads it.
_VIEWS: dict[str, tuple[Callable[[], rx.Component], EventType[()]]] = {
    routes.HOME: (admin_login_page, AdminLoginState.load),
    routes.APPROVALS: (approvals_page, ApprovalState.load),
    routes.REPORTS: (moderation_page, ModerationState.load),
    routes.AUDIT: (audit_page, AuditState.load),
    routes.KOMMUNEN: (kommunen_page, KommunenState.load),
    routes.NEW_KOMMUNE: (new_kommune_page, NewKommuneState.load),
    routes.PLATFORM_CHARTS: (platform_charts_page, PlatformChartsState.load),
    routes.DEMAND: (demand_page, DemandState.load),
    # The Kommune's master data.
    routes.PROFILE: (profile_page, ProfileState.load),
    routes.AREAS: (areas_page, AreasState.load),
    routes.SOCIAL_SPACES: (social_spaces_page, SocialSpacesState.load),
    routes.CATEGORIES: (categories_page, CategoriesState.load),
    routes.SPONSORS: (sponsors_page, SponsorsState.load),
    routes.INFOBOX: (infobox_page, InfoBoxState.load),
    routes.LEGAL_TEXTS: (legal_texts_page, LegalTextsState.load),
    routes.YOUTH_SETTINGS: (youth_settings_page, YouthSettingsState.load),
    # Dashboard, lists with CSV export, ratings and the Kommune's admin accounts.
    routes.DASHBOARD: (dashboard_page, DashboardState.load),
    routes.PEOPLE: (users_list_page, PeopleListState.load),
    routes.LISTINGS: (listings_list_page, ListingsListState.load),
    routes.RATINGS: (ratings_page, RatingsState.load),
    routes.ADMINS: (admins_page, AdminsState.load),
    routes.COORDINATORS: (coordinators_page, CoordinatorsState.load),
    routes.TIMEBANK: (timebank_admin_page, TimebankAdminState.load),
    routes.PROXIES: (proxies_page, ProxiesState.load),
    # One person, one listing: facts, actions with a reason, history.
    routes.PERSON_DETAIL: (person_detail_page, PersonDetailState.load),
    routes.LISTING_DETAIL: (listing_detail_page, ListingDetailState.load),
    # Operations: mail outbox (platform staff), own digest settings, retention periods.
    routes.OUTBOX: (outbox_page, OutboxState.load),
    routes.MY_PROFILE: (my_profile_page, MyProfileState.load),
    routes.RETENTION: (retention_page, RetentionState.load),
    routes.NOT_FOUND: (admin_not_found_page, AdminSession.refresh),
}

configure_logging()
tune_interpreter()
run_handlers_off_loop()
app = rx.App(
    style=STYLE,
    html_lang="de",  # the first HTML; dasnez_ui.lang keeps it equal to the chosen language
    stylesheets=["/dasnez.css"],
    frontend_exception_handler=log_frontend_exception,
    # A database outage met outside a service call: the German "try again" notice.
    backend_exception_handler=backend_exception_handler,
    head_components=private_app_tags(),
    # The session gate (cookie endpoints, no secret in state) inside; secure_http last, so
    # every answer, the gate's included, carries the security headers.
    # The poster and robots.txt read the browser's own cookie: outside the session gate.
    api_transformer=[
        # /health (database, Redis) for monitoring: no cookie, no person's data.
        health_endpoint("admin"),
        session_http.gate(auth.ADMIN_APP),
        admin_reach_routes(),
        secure_http("admin"),
    ],
)
use_phone_first(app)
# Each worker checks its cached master data off the request path.
app.register_lifespan_task(check_master_data)
for _entry in routes.PAGES:
    _page, _on_load = _VIEWS[_entry.route]
    app.add_page(
        _page,
        route=_entry.route,
        title=page_title(_entry),
        image=SHARE_IMAGE,
        on_load=_on_load,
    )
