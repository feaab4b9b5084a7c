"""Frame of every admin page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from admin_portal import routes
from admin_portal.state import AdminSession
from dasnez_core.config import load_settings
from dasnez_core.services.moderation import REASON_MIN
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import footer_links, page_frame


def _menu() -> rx.Component:
    """Who is logged in and "Abmelden" beside the language switch; the menu's groups in a
    row of their own under them (full width: the header's row wraps before it)."""
    return rx.cond(
        AdminSession.logged_in,
        rx.fragment(
            rx.text(AdminSession.user_name, weight="bold"),
            rx.button(t("nav.logout"), on_click=AdminSession.logout, variant="soft"),
            _context_switcher(),
            rx.el.nav(
                rx.flex(
                    *(
                        rx.cond(_nav_visible(group), _nav_links(group))
                        for group in routes.NAV_GROUPS
                    ),
                    wrap="wrap",
                    spacing="5",
                ),
                aria_label=t("a11y.nav.admin"),
                style={"width": "100%"},
            ),
        ),
    )


def _nav_visible(group: str) -> rx.Var[bool]:
    """Platform staff see the Kommunen; every other group is for Kommune admins, and the
    groups holding a page open to coordinators for coordinators too."""
    if group == routes.NAV_PLATFORM:
        return AdminSession.is_platform_admin
    if any(page.for_coordinators for page in routes.nav_links(group)):
        return AdminSession.is_kommune_admin | AdminSession.is_coordinator
    return AdminSession.is_kommune_admin


def _context_switcher() -> rx.Component:
    """For a person with rights in several Kommunen or several scopes: where they work now,
    and a switch to another (kept on the server-side session; see services.sessions).
    For a coordinator also what they see ("Sie sehen nur: …")."""
    switcher = rx.form(
        rx.hstack(
            rx.el.label(
                t("coordinator.context_label"),
                html_for="context",
                style={"font_weight": "600"},
            ),
            rx.el.select(
                rx.foreach(
                    AdminSession.contexts,
                    lambda o: rx.el.option(o["label"], value=o["value"]),
                ),
                id="context",
                name="context",
                default_value=AdminSession.context_id,
                key=AdminSession.context_id,
                style={"padding": "0.25rem", "max_width": "28rem"},
            ),
            rx.button(t("coordinator.context_switch"), type="submit", variant="soft"),
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            AdminSession.context_error != "",
            rx.text(AdminSession.context_error, color_scheme="red", role="alert"),
        ),
        on_submit=AdminSession.switch_context,
    )
    note = rx.text(
        t("coordinator.scope_note").replace("{scope}", AdminSession.scope_label),
        size="2",
    )
    return rx.fragment(
        rx.cond(AdminSession.contexts.length() > 1, switcher),
        rx.cond(
            AdminSession.is_coordinator & (AdminSession.contexts.length() <= 1),
            rx.cond(AdminSession.scope_label != "", note),
        ),
    )


# The menu entry of the page shown: bold and underlined, not by colour alone.
_CURRENT_STYLE = {
    "font_weight": "700",
    "text_decoration": "underline",
    "text_underline_offset": "4px",
}


def _nav_link(page: routes.AdminPage) -> rx.Component:
    """A menu link; the current page's is marked for the eye and for screen readers. A
    page closed to coordinators has no link for them."""
    link = rx.cond(
        AdminSession.nav_current == page.route,
        rx.link(t(page.nav_label), href=page.route, aria_current="page", style=_CURRENT_STYLE),
        rx.link(t(page.nav_label), href=page.route),
    )
    if page.for_coordinators or page.nav_group == routes.NAV_PLATFORM:
        # The platform group is shown to platform staff only (`_nav_visible`), who need not
        # be a Kommune's admin.
        return link
    return rx.cond(AdminSession.is_kommune_admin, link)


def _nav_links(group: str) -> rx.Component:
    """One group of the menu under its heading, in the order of `routes.PAGES`."""
    heading = f"nav-group-{group}"
    return rx.el.div(
        rx.text(
            t(f"admin.navgroup.{group}"),
            id=heading,
            size="1",
            weight="bold",
            color_scheme="gray",
            style={"text_transform": "uppercase", "letter_spacing": "0.05em"},
        ),
        rx.hstack(*(_nav_link(page) for page in routes.nav_links(group)), spacing="3", wrap="wrap"),
        role="group",
        aria_labelledby=heading,
    )


def table_scroll_region() -> dict[str, Any]:
    """Props of the box around a wide table: it scrolls sideways, so it must take keyboard
    focus and have a name (WCAG 2.1.1); dasnez.css stops Radix's inner scroll area."""
    return {
        "width": "100%",
        "overflow_x": "auto",
        "tab_index": 0,
        "role": "region",
        "aria_label": t("a11y.table_region"),
        "class_name": "table-scroll",
    }


def admin_section(title: rx.Var[str], anchor: str, *children: rx.Component) -> rx.Component:
    """A titled part of an admin page; the heading names it for screen readers (a region)."""
    return rx.el.section(
        rx.heading(title, size="5", as_="h2", id=anchor),
        *children,
        aria_labelledby=anchor,
        style={
            "width": "100%",
            "padding": "1rem",
            "border": "1px solid var(--gray-6)",
            "border_radius": "12px",
        },
    )


def pager(page: rx.Var[int], pages: rx.Var[int], go: Callable[[Any], Any]) -> rx.Component:
    """Previous / next page of a list (shown only when there is more than one page)."""
    return rx.cond(
        pages > 1,
        rx.hstack(
            rx.button(
                t("masterdata.page_prev"), on_click=go(page - 1), disabled=page <= 1, size="3"
            ),
            rx.text(
                t("masterdata.page_of")
                .replace("{page}", page.to_string())
                .replace("{pages}", pages.to_string())
            ),
            rx.button(
                t("masterdata.page_next"), on_click=go(page + 1), disabled=page >= pages, size="3"
            ),
            align="center",
            spacing="3",
        ),
    )


def reason_form(
    title: rx.Var[str],
    label: rx.Var[str],
    confirm: rx.Var[str],
    *,
    error: rx.Var[str],
    on_submit: Any,
    on_cancel: Any,
    hidden: dict[str, Any],
    hint: rx.Var[str] | None = None,
) -> rx.Component:
    """The confirm step of an action that needs a reason: shown in place, the reason is
    checked on the server (an empty one gets a message there, nothing changes)."""
    return rx.el.div(
        rx.form(
            rx.heading(title, size="4", as_="h3"),
            rx.text(hint) if hint is not None else rx.fragment(),
            forms.error_line(error),
            *(rx.el.input(type="hidden", name=name, value=value) for name, value in hidden.items()),
            rx.el.label(label, html_for="reason", style={"font_weight": "600", "display": "block"}),
            rx.el.textarea(
                id="reason",
                name="reason",
                rows=3,
                max_length=1000,
                auto_focus=True,
                aria_describedby="reason-hint",
                style=forms.FIELD_STYLE,
            ),
            rx.text(
                t("moderation.reason_hint").replace("{min}", str(REASON_MIN)),
                id="reason-hint",
                size="2",
                color_scheme="gray",
            ),
            rx.hstack(
                rx.button(confirm, type="submit", size="3", color_scheme="red"),
                rx.button(
                    t("common.back"), type="button", on_click=on_cancel, size="3", variant="soft"
                ),
                spacing="3",
                wrap="wrap",
                margin_top="0.75rem",
            ),
            on_submit=on_submit,
        ),
        role="alertdialog",
        aria_label=title,
        style={
            "width": "100%",
            "padding": "1rem",
            "margin_top": "0.5rem",
            "border": "2px solid var(--red-7)",
            "border_radius": "12px",
            "background": "var(--red-2)",
        },
    )


def reason_of(form: dict[str, str]) -> str:
    """The reason a `reason_form` sent (cut to a length no real reason reaches)."""
    return str(form.get("reason", ""))[:5000]


def reason_row(visible: rx.Var[bool], columns: int, form: rx.Component) -> rx.Component:
    """A table row's confirm step, shown in a row of its own under it, across `columns`."""
    return rx.cond(visible, rx.table.row(rx.table.cell(form, col_span=columns)))


def state_badge(state: rx.Var[str]) -> rx.Component:
    """Whether the public page shows an entry today."""
    return rx.match(
        state,
        ("shown", rx.badge(t("masterdata.state.shown"), color_scheme="green", size="2")),
        ("planned", rx.badge(t("masterdata.state.planned"), color_scheme="blue", size="2")),
        rx.badge(t("masterdata.state.ended"), color_scheme="gray", size="2"),
    )


def order_buttons(
    row_id: rx.Var[int],
    first: rx.Var[bool],
    last: rx.Var[bool],
    name: rx.Var[str],
    on_move: Callable[[Any, str], Any],
) -> rx.Component:
    """Move an entry one place up or down (named for screen readers with the entry)."""
    return rx.hstack(
        rx.button(
            "↑",
            on_click=on_move(row_id, "up"),
            disabled=first,
            aria_label=t("masterdata.move_up") + " " + name,
            title=t("masterdata.move_up"),
            size="3",
            variant="outline",
        ),
        rx.button(
            "↓",
            on_click=on_move(row_id, "down"),
            disabled=last,
            aria_label=t("masterdata.move_down") + " " + name,
            title=t("masterdata.move_down"),
            size="3",
            variant="outline",
        ),
        spacing="2",
    )


# The footer's links to the platform's texts in the public app, in order.
_FOOTER_PAGES: tuple[tuple[str, str], ...] = (
    ("imprint", "legal.kind.imprint"),
    ("privacy", "legal.kind.privacy"),
    ("terms", "legal.kind.terms"),
    ("accessibility", "legal.kind.accessibility"),
    ("easy", "legal.easy.title"),
)


def _footer() -> rx.Component:
    """Links to the platform's legal texts (served by the public app, at its address when
    this app was built)."""
    base = load_settings().public_url
    return footer_links(
        t("footer.label"),
        *[
            rx.link(t(label), href=routes.public_legal_url(base, page))
            for page, label in _FOOTER_PAGES
        ],
    )


def admin_page(*children: rx.Component) -> rx.Component:
    return page_frame(_menu(), *children, home=routes.HOME, footer=_footer(), wide=True)
