"""The public app: creates the App and adds the pages; nothing else lives here."""

import reflex as rx

from dasnez_app.pages.account import AccountState, account_page
from dasnez_app.pages.browse import BrowseState, browse_page
from dasnez_app.pages.detail import DetailState, detail_page
from dasnez_app.pages.email_confirm import EmailConfirmState, email_confirm_page
from dasnez_app.pages.kommune import KommuneState, kommune_page
from dasnez_app.pages.landing import LandingState, landing
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
from dasnez_app.pages.password_reset import (
    ForgotPasswordState,
    ResetPasswordState,
    forgot_password_page,
    reset_password_page,
)
from dasnez_app.pages.person import PersonState, person_page
from dasnez_app.pages.register import RegisterState, register_page
from dasnez_app.state import PublicSession
from dasnez_ui.theme import STYLE

app = rx.App(style=STYLE, stylesheets=["/dasnez.css"])
app.add_page(landing, route="/", title="dasnez", on_load=LandingState.load)
app.add_page(login_page, route="/anmelden", title="dasnez", on_load=LoginState.load)
app.add_page(kommune_page, route="/k/[slug]", title="dasnez", on_load=KommuneState.load)
app.add_page(
    register_page, route="/k/[slug]/registrieren", title="dasnez", on_load=RegisterState.load
)
app.add_page(new_listing_page, route="/k/[slug]/neu", title="dasnez", on_load=NewListingState.load)
app.add_page(browse_page, route="/k/[slug]/eintraege", title="dasnez", on_load=BrowseState.load)
app.add_page(detail_page, route="/k/[slug]/eintrag/[id]", title="dasnez", on_load=DetailState.load)
app.add_page(
    new_listing_page,
    route="/k/[slug]/eintrag/[id]/bearbeiten",
    title="dasnez",
    on_load=NewListingState.load,
)
app.add_page(
    my_listings_page, route="/meine-eintraege", title="dasnez", on_load=MyListingsState.load
)
app.add_page(account_page, route="/konto", title="dasnez", on_load=AccountState.load)
app.add_page(
    forgot_password_page,
    route="/passwort-vergessen",
    title="dasnez",
    on_load=ForgotPasswordState.load,
)
app.add_page(
    reset_password_page, route="/passwort-neu", title="dasnez", on_load=ResetPasswordState.load
)
app.add_page(
    email_confirm_page, route="/email-bestaetigen", title="dasnez", on_load=EmailConfirmState.load
)
app.add_page(messages_page, route="/nachrichten", title="dasnez", on_load=MessagesState.load)
app.add_page(
    new_conversation_page,
    route="/nachrichten/neu",
    title="dasnez",
    on_load=NewConversationState.load,
)
app.add_page(thread_page, route="/nachrichten/[id]", title="dasnez", on_load=ThreadState.load)
app.add_page(person_page, route="/k/[slug]/person/[id]", title="dasnez", on_load=PersonState.load)
app.add_page(not_found_page, route="404", title="dasnez", on_load=PublicSession.refresh_session)
