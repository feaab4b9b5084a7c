"""Each portal page's own title, "<page> – <Kommune> – dasnez Verwaltung" (WCAG 2.4.2): the
menu label of `routes.PAGES` names the page, so a page added there gets its title too."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.state import AdminSession
from dasnez_ui import layout
from dasnez_ui.lang import t

# Pages without a menu link.
_NAMES = {
    routes.HOME: "admin.login_title",
    routes.PERSON_DETAIL: "admindetail.person_page",
    routes.LISTING_DETAIL: "admindetail.listing_page",
    routes.NOT_FOUND: "not_found.title",
}


def page_title(page: routes.AdminPage) -> rx.Var[str]:
    key = page.nav_label or _NAMES.get(page.route, "title.admin_app")
    kommune = "" if page.route == routes.HOME else AdminSession.kommune_name
    return layout.page_title(t(key), kommune, admin=True)
