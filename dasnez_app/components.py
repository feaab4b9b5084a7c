"""Components used by several public pages."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.state import PublicSession
from dasnez_core.exchanges import RULES
from dasnez_ui.lang import language_switch, t
from dasnez_ui.layout import current_page, footer_links, link_button, nav_link, page_frame

# The footer's links, in order: each legal page's key (routes.LEGAL_SEGMENTS) and label.
FOOTER_PAGES: tuple[tuple[str, str], ...] = (
    ("imprint", "legal.kind.imprint"),
    ("privacy", "legal.kind.privacy"),
    ("terms", "legal.kind.terms"),
    ("accessibility", "legal.kind.accessibility"),
    ("easy", "legal.easy.title"),
)


def account_menu() -> rx.Component:
    """The header's right side. Anonymous: language and "Anmelden" (coming back here after
    login). Logged in: the messages link and a menu with the rest, one short row at 320 px."""
    return rx.cond(
        PublicSession.logged_in,
        rx.hstack(messages_link(), _menu(), align="center", spacing="1"),
        rx.hstack(
            language_switch(),
            link_button(t("nav.login"), PublicSession.login_link, variant="soft"),
            align="center",
            spacing="2",
        ),
    )


def _menu() -> rx.Component:
    """The logged-in person's account and navigation links behind one button."""
    return rx.popover.root(
        rx.popover.trigger(
            rx.button(
                rx.icon("menu", size=18, aria_hidden="true"),
                rx.el.span(t("phone.menu"), class_name="sr-only"),
                # The name says who is logged in; a long one is cut, not wrapped.
                rx.el.span(PublicSession.user_name, class_name="dz-menu-name"),
                variant="soft",
                size="2",
                style={"min_height": "44px"},
            )
        ),
        rx.popover.content(
            rx.el.nav(
                rx.vstack(
                    rx.text(
                        t("phone.signed_in_as").replace("{name}", PublicSession.user_name),
                        weight="bold",
                    ),
                    nav_link(t("nav.own_listings"), routes.MY_LISTINGS),
                    rx.cond(
                        PublicSession.user_is_proxy,
                        nav_link(t("represented.nav"), routes.REPRESENTED),
                    ),
                    nav_link(t("nav.account"), routes.ACCOUNT),
                    rx.cond(
                        PublicSession.is_proxy,
                        nav_link(t("print.weekly_link"), routes.WEEKLY_SHEET),
                    ),
                    nav_link(t("nav.time_account"), routes.TIME_ACCOUNT),
                    language_switch(),
                    rx.button(t("nav.logout"), on_click=PublicSession.logout, variant="soft"),
                    align="start",
                    spacing="3",
                ),
                aria_label=t("phone.menu_label"),
            ),
            align="end",
            style={"max_width": "calc(100vw - 1rem)"},
        ),
    )


def messages_link() -> rx.Component:
    """The header link to the conversations, with the unread count (also spoken)."""
    count = PublicSession.unread.to_string()
    return rx.cond(
        PublicSession.unread > 0,
        rx.link(
            t("nav.messages_count").replace("{count}", count),
            href=routes.MESSAGES,
            aria_label=t("nav.messages_unread_label").replace("{count}", count),
            aria_current=rx.cond(current_page(routes.MESSAGES), "page", "false"),
            weight="bold",
        ),
        nav_link(t("nav.messages"), routes.MESSAGES),
    )


def ask_parent_link() -> rx.Component:
    """Under a Taschengeld job refused for want of a parent's consent: where to ask for it."""
    return link_button(t("youth.consent_needed_link"), routes.parent_consent_href(), size="3")


def public_footer() -> rx.Component:
    """Inside a Kommune its legal texts and Leichte Sprache; elsewhere the platform's."""
    slug = PublicSession.here_slug
    return rx.cond(
        slug != "",
        footer_links(
            t("footer.label"),
            *[rx.link(t(label), href=routes.legal_href(slug, key)) for key, label in FOOTER_PAGES],
        ),
        footer_links(
            t("footer.label"),
            *[
                rx.link(t(label), href=routes.platform_legal_href(key))
                for key, label in FOOTER_PAGES
            ],
        ),
    )


def consent_banner() -> rx.Component:
    """Shown on every page while the person has not accepted the new texts."""
    return rx.cond(
        PublicSession.consent_due,
        rx.callout(
            rx.text(
                t("consent.banner"),
                " ",
                rx.link(t("consent.banner_link"), href=routes.CONSENT, weight="bold"),
            ),
            icon="triangle_alert",
            color_scheme="amber",
            role="alert",
            margin_bottom="1rem",
        ),
    )


def public_page(*children: rx.Component) -> rx.Component:
    return page_frame(
        account_menu(),
        consent_banner(),
        *children,
        home=routes.HOME,
        footer=public_footer(),
        language_switch_in_header=False,
    )


def easy_language_links(
    easy_href: str | rx.Var[str], dgs_url: rx.Var[str] | None = None
) -> rx.Component:
    """Near the top of a start page: Leichte Sprache, and the Kommune's sign-language
    video if it has one (BITV 2.0 § 4)."""
    video = (
        rx.cond(
            dgs_url != "",
            rx.link(t("legal.dgs.link"), href=dgs_url, is_external=True, weight="bold"),
        )
        if dgs_url is not None
        else rx.fragment()
    )
    return rx.hstack(
        rx.link(t("legal.easy.title"), href=easy_href, weight="bold"),
        video,
        spacing="4",
        wrap="wrap",
    )


def kind_badge(kind: rx.Var[str]) -> rx.Component:
    return rx.cond(
        kind == "offer",
        rx.badge(t("kind.offer"), color_scheme="green", size="2"),
        rx.badge(t("kind.request"), color_scheme="orange", size="2"),
    )


def exchange_label(exchange_type: rx.Var[str]) -> rx.Component:
    """The name of an exchange type, from its rule (the code itself if it has none)."""
    return rx.match(
        exchange_type,
        *[(rule.type.value, t(rule.label_key)) for rule in RULES.values()],
        exchange_type,
    )


def swap_line(swap_mode: rx.Var[str], swap_for: rx.Var[str]) -> rx.Component:
    """What a Tauschbörse listing asks in return: "Zu verschenken" or "Tausch gegen: …"."""
    return rx.match(
        swap_mode,
        ("gift", rx.badge(t("swap.gift_badge"), color_scheme="teal", size="2")),
        (
            "swap",
            rx.text(t("swap.for_badge").replace("{what}", swap_for), weight="medium"),
        ),
        rx.fragment(),
    )


def listing_card(card: rx.Var, slug: rx.Var[str]) -> rx.Component:
    """A listing in a list; its title links to the detail page."""
    return rx.card(
        rx.cond(
            card.thumb != "",
            # Decorative beside the linked title (alt=""): the detail page names each photo.
            rx.image(
                src=rx.get_upload_url(card.thumb),
                alt="",
                loading="lazy",
                width="100%",
                max_height="180px",
                object_fit="cover",
                border_radius="8px",
                margin_bottom="0.5rem",
            ),
        ),
        rx.vstack(
            rx.hstack(
                kind_badge(card.kind),
                rx.badge(exchange_label(card.exchange_type), variant="outline", size="2"),
                rx.text(card.category, color_scheme="gray"),
                wrap="wrap",
            ),
            rx.heading(
                rx.link(card.title, href=routes.listing_href(slug, card.id)),
                size="5",
                as_="h3",
            ),
            swap_line(card.swap_mode, card.swap_for),
            rx.text(card.body),
            rx.text(
                card.area,
                " · ",
                t("kommune.by"),
                " ",
                card.author,
                " · ",
                card.created_at,
                size="2",
                color_scheme="gray",
            ),
            spacing="2",
        ),
        width="100%",
        data_testid="listing-card",
    )
