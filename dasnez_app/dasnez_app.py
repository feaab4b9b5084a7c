"""The public app: creates the App and adds the pages; nothing else lives here."""

from collections.abc import Callable

import reflex as rx
from reflex.event import EventType

from dasnez_app import page_status, routes
from dasnez_app.api_v1 import public_api
from dasnez_app.pages.account import AccountState, account_page
from dasnez_app.pages.browse import BrowseState, browse_page
from dasnez_app.pages.consent import ConsentState, consent_page
from dasnez_app.pages.detail import DetailState, detail_page
from dasnez_app.pages.email_confirm import EmailConfirmState, email_confirm_page
from dasnez_app.pages.institution import InstitutionState, institution_page
from dasnez_app.pages.institution_edit import InstitutionEditState, institution_edit_page
from dasnez_app.pages.institution_invite import InstitutionInviteState, institution_invite_page
from dasnez_app.pages.institution_register import (
    InstitutionRegisterState,
    institution_register_page,
)
from dasnez_app.pages.interest_confirm import InterestConfirmState, interest_confirm_page
from dasnez_app.pages.kommune import KommuneState, kommune_description, kommune_page
from dasnez_app.pages.landing import LandingState, landing
from dasnez_app.pages.legal import LegalState, legal_page
from dasnez_app.pages.login import LoginState, login_page
from dasnez_app.pages.messages import (
    MessagesState,
    NewConversationState,
    ThreadState,
    messages_page,
    new_conversation_page,
    thread_page,
)
from dasnez_app.pages.my_listings import MyListingsState, my_listings_page
from dasnez_app.pages.new_listing import NewListingState, new_listing_page
from dasnez_app.pages.not_found import not_found_page
from dasnez_app.pages.parent_consent import ParentConsentState, parent_consent_page
from dasnez_app.pages.password_reset import (
    ForgotPasswordState,
    ResetPasswordState,
    forgot_password_page,
    reset_password_page,
)
from dasnez_app.pages.person import PersonState, person_page
from dasnez_app.pages.register import RegisterState, register_page
from dasnez_app.pages.registration_confirm import (
    RegistrationConfirmState,
    registration_confirm_page,
)
from dasnez_app.pages.represented import RepresentedState, represented_page
from dasnez_app.pages.time_account import TimeAccountState, time_account_page
from dasnez_app.pages.weekly_sheet import WeeklySheetState, weekly_sheet_page
from dasnez_app.pages.youth_info import YouthInfoState, youth_info_page
from dasnez_app.print_http import print_routes
from dasnez_app.reach_http import reach_routes
from dasnez_app.state import PublicSession
from dasnez_app.titles import TITLES
from dasnez_app.unsubscribe_http import unsubscribe_endpoint
from dasnez_core.logs import configure_logging, log_frontend_exception
from dasnez_core.services import auth
from dasnez_ui import session_http
from dasnez_ui.db_thread import run_handlers_off_loop
from dasnez_ui.health_http import health_endpoint
from dasnez_ui.http_headers import secure_http
from dasnez_ui.interpreter import tune_interpreter
from dasnez_ui.lang import t
from dasnez_ui.masterdata_refresh import check_master_data
from dasnez_ui.outcome import backend_exception_handler
from dasnez_ui.page_status_http import not_found_status
from dasnez_ui.phone import use_phone_first
from dasnez_ui.pwa import SHARE_IMAGE, installable_tags
from dasnez_ui.theme import STYLE

# Each route constant with its page and the handler that loads it; `routes.PAGES` is the order.
_VIEWS: dict[str, tuple[Callable[[], rx.Component], EventType[()]]] = {
    routes.HOME: (landing, LandingState.load),
    routes.LOGIN: (login_page, LoginState.load),
    routes.KOMMUNE: (kommune_page, KommuneState.load),
    routes.REGISTER: (register_page, RegisterState.load),
    routes.NEW_LISTING: (new_listing_page, NewListingState.load),
    routes.BROWSE: (browse_page, BrowseState.load),
    routes.LISTING: (detail_page, DetailState.load),
    routes.LISTING_EDIT: (new_listing_page, NewListingState.load),
    routes.MY_LISTINGS: (my_listings_page, MyListingsState.load),
    routes.ACCOUNT: (account_page, AccountState.load),
    routes.TIME_ACCOUNT: (time_account_page, TimeAccountState.load),
    routes.FORGOT_PASSWORD: (forgot_password_page, ForgotPasswordState.load),
    routes.RESET_PASSWORD: (reset_password_page, ResetPasswordState.load),
    routes.EMAIL_CONFIRM: (email_confirm_page, EmailConfirmState.load),
    routes.REGISTRATION_CONFIRM: (registration_confirm_page, RegistrationConfirmState.load),
    routes.INTEREST_CONFIRM: (interest_confirm_page, InterestConfirmState.load),
    routes.MESSAGES: (messages_page, MessagesState.load),
    routes.NEW_CONVERSATION: (new_conversation_page, NewConversationState.load),
    routes.THREAD: (thread_page, ThreadState.load),
    routes.PERSON: (person_page, PersonState.load),
    routes.KOMMUNE_IMPRINT: (legal_page, LegalState.load),
    routes.KOMMUNE_PRIVACY: (legal_page, LegalState.load),
    routes.KOMMUNE_TERMS: (legal_page, LegalState.load),
    routes.KOMMUNE_ACCESSIBILITY: (legal_page, LegalState.load),
    routes.KOMMUNE_EASY: (legal_page, LegalState.load),
    routes.IMPRINT: (legal_page, LegalState.load),
    routes.PRIVACY: (legal_page, LegalState.load),
    routes.TERMS: (legal_page, LegalState.load),
    routes.ACCESSIBILITY: (legal_page, LegalState.load),
    routes.EASY: (legal_page, LegalState.load),
    routes.CONSENT: (consent_page, ConsentState.load),
    routes.INSTITUTION: (institution_page, InstitutionState.load),
    routes.INSTITUTION_REGISTER: (institution_register_page, InstitutionRegisterState.load),
    routes.INSTITUTION_EDIT: (institution_edit_page, InstitutionEditState.load),
    routes.INSTITUTION_INVITE: (institution_invite_page, InstitutionInviteState.load),
    routes.PARENT_CONSENT: (parent_consent_page, ParentConsentState.load),
    routes.YOUTH_INFO: (youth_info_page, YouthInfoState.load),
    routes.WEEKLY_SHEET: (weekly_sheet_page, WeeklySheetState.load),
    routes.REPRESENTED: (represented_page, RepresentedState.load),
    routes.NOT_FOUND: (not_found_page, PublicSession.refresh_session),
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
    head_components=installable_tags(),
    # The read API (/api/v1) and the saved-search unsubscribe link innermost (neither reads a
    # session); the session gate (cookie endpoints, no secret in state) around them; the 404
    # of unknown records around it; secure_http last, so every answer, the gate's included,
    # carries the security headers.
    api_transformer=[
        # /health (database, Redis) for monitoring: no cookie, no person's data.
        health_endpoint("public"),
        public_api(),
        unsubscribe_endpoint(),
        # The printed notices' downloads read the session, as event handlers do.
        print_routes(),
        session_http.gate(auth.PUBLIC_APP),
        not_found_status(auth.PUBLIC_APP, page_status.CHECKS),
        # Embeds, feeds, robots.txt, sitemaps and the link-preview head (no cookies).
        reach_routes(),
        secure_http("public"),
    ],
)
use_phone_first(app)
# Each worker checks its cached master data off the request path.
app.register_lifespan_task(check_master_data)
for _route in routes.PAGES:
    _page, _on_load = _VIEWS[_route]
    app.add_page(
        _page,
        route=_route,
        title=TITLES[_route],
        description=kommune_description() if _route == routes.KOMMUNE else t("pwa.description"),
        image=SHARE_IMAGE,
        on_load=_on_load,
    )
