"""The admin app: creates the App and adds the pages; nothing else lives here."""

import reflex as rx

from admin_portal.pages.approvals import ApprovalState, approvals_page
from admin_portal.pages.kommunen import KommunenState, kommunen_page
from admin_portal.pages.login import AdminLoginState, admin_login_page
from admin_portal.pages.not_found import admin_not_found_page
from admin_portal.state import AdminSession
from dasnez_app.ui.theme import STYLE

app = rx.App(style=STYLE, stylesheets=["/dasnez.css"])
app.add_page(admin_login_page, route="/", title="dasnez Verwaltung", on_load=AdminLoginState.load)
app.add_page(
    approvals_page, route="/freischaltung", title="dasnez Verwaltung", on_load=ApprovalState.load
)
app.add_page(
    kommunen_page, route="/kommunen", title="dasnez Verwaltung", on_load=KommunenState.load
)
app.add_page(
    admin_not_found_page, route="404", title="dasnez Verwaltung", on_load=AdminSession.refresh
)
