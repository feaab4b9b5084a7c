"""The public app: creates the App and adds the pages; nothing else lives here."""

import reflex as rx

from dasnez_app.pages.kommune import KommuneState, kommune_page
from dasnez_app.pages.landing import LandingState, landing
from dasnez_app.pages.login import LoginState, login_page
from dasnez_app.pages.new_listing import NewListingState, new_listing_page
from dasnez_app.pages.not_found import not_found_page
from dasnez_app.pages.register import RegisterState, register_page
from dasnez_app.state import PublicSession
from dasnez_app.ui.theme import STYLE

app = rx.App(style=STYLE, stylesheets=["/dasnez.css"])
app.add_page(landing, route="/", title="dasnez", on_load=LandingState.load)
app.add_page(login_page, route="/anmelden", title="dasnez", on_load=LoginState.load)
app.add_page(kommune_page, route="/k/[slug]", title="dasnez", on_load=KommuneState.load)
app.add_page(
    register_page, route="/k/[slug]/registrieren", title="dasnez", on_load=RegisterState.load
)
app.add_page(new_listing_page, route="/k/[slug]/neu", title="dasnez", on_load=NewListingState.load)
app.add_page(not_found_page, route="404", title="dasnez", on_load=PublicSession.refresh_session)
