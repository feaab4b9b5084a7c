"""A Kommune's start page (/k/<slug>): the newest listings first, then Info-Box, exchanges,
sponsors and contact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx
from sqlmodel import Session

from dasnez_app import routes
from dasnez_app.components import (
    easy_language_links,
    exchange_label,
    listing_card,
    public_page,
)
from dasnez_app.pages.kommune_embed import kommune_embed_section
from dasnez_app.routes import slug_from_path
from dasnez_app.state import PublicSession
from dasnez_core.contact_links import email_href, phone_href
from dasnez_core.errors import NotFound
from dasnez_core.i18n import translate
from dasnez_core.services import institutions, kommunen
from dasnez_core.services.institutions import InstitutionRef
from dasnez_core.services.kommunen import InfoEntry, SponsorLink
from dasnez_core.services.masterdata_cache import master_by_slug
from dasnez_core.services.search import ListingCard, newest_public
from dasnez_ui.db_thread import in_db_thread
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button, not_found_body
from dasnez_ui.theme import accent_style


@dataclass(frozen=True)
class _KommunePage:
    """What the start page shows of a Kommune, read in one database visit."""

    name: str
    logo: str
    accent_color: str
    contact_name: str
    contact_phone: str
    contact_email: str
    contact_phone_href: str
    contact_email_href: str
    contact_address: str
    page_description: str
    dgs_url: str
    info: list[InfoEntry]
    sponsor_links: list[SponsorLink]
    exchanges: list[str]
    listings: list[ListingCard]
    networks: list[InstitutionRef]


def kommune_view(db: Session, slug: str, today: date, lang: str) -> _KommunePage | None:
    """The start page's data of the Kommune `slug`; None if there is no such (active) one."""
    try:
        k = master_by_slug(db, slug).kommune  # cached: no statement while fresh
    except NotFound:
        return None
    kommune_id = k.id
    return _KommunePage(
        name=k.name,
        logo=k.logo_path,
        accent_color=k.accent_color,
        contact_name=k.contact_name,
        contact_phone=k.contact_phone,
        contact_email=k.contact_email,
        contact_phone_href=phone_href(k.contact_phone),
        contact_email_href=email_href(k.contact_email),
        contact_address=k.contact_address,
        page_description=translate("pwa.kommune_description", lang, name=k.name),
        dgs_url=k.dgs_video_url,
        info=kommunen.info_box(db, kommune_id, today, lang),
        sponsor_links=kommunen.sponsors(db, kommune_id, today),
        exchanges=[ex_type for _, ex_type in kommunen.exchange_options(db, kommune_id)],
        listings=newest_public(db, kommune_id, lang=lang),
        networks=institutions.networks(db, kommune_id),
    )


class KommuneState(PublicSession):
    loaded: bool = False
    found: bool = False
    # The name of a Kommune that platform staff are still setting up ("bald verfügbar").
    soon_name: str = ""
    slug: str = ""
    name: str = ""
    logo: str = ""
    accent_color: str = ""  # "#rrggbb" that passed the contrast check, or ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_phone_href: str = ""
    contact_email_href: str = ""
    contact_address: str = ""
    page_description: str = ""
    info: list[InfoEntry] = []
    sponsor_links: list[SponsorLink] = []
    exchanges: list[str] = []
    listings: list[ListingCard] = []
    dgs_url: str = ""
    networks: list[InstitutionRef] = []

    @rx.event
    async def load(self) -> None:
        """The header, then the Kommune's page in one database visit off the event loop;
        only what differs from what the tab shows is sent."""
        await self._refresh_session_off_loop()
        slug, lang = slug_from_path(self.router.url.path), self.lang
        page = await in_db_thread(lambda db: kommune_view(db, slug, date.today(), lang), reads=True)
        if page is None:
            soon = await in_db_thread(lambda db: kommunen.coming_soon(db, slug))
            self._assign(slug=slug, loaded=True, found=False, soon_name=soon or "")
            return
        self._assign(slug=slug, soon_name="", **vars(page))
        self._assign(loaded=True, found=True)


def kommune_description() -> rx.Var[str]:
    """The page's meta description: names the Kommune once it is loaded."""
    return rx.cond(
        KommuneState.page_description != "",
        KommuneState.page_description,
        t("pwa.description"),
    ).to(str)


def _contact_line(label: str, value: rx.Var[str], href: rx.Var[str]) -> rx.Component:
    """A phone number or email address, a link where it makes a valid one."""
    return rx.cond(
        value != "",
        rx.text(
            t(label),
            " ",
            rx.cond(href != "", rx.link(value, href=href), value),
        ),
    )


def _info_entry(item: rx.Var[InfoEntry]) -> rx.Component:
    return rx.box(
        rx.heading(item.title, size="4", as_="h3"),
        rx.cond(
            item.event_date != "",
            rx.text(t("kommune.event_on"), " ", item.event_date, weight="bold"),
        ),
        rx.text(item.body),
        rx.cond(item.link_url != "", rx.link(item.link_url, href=item.link_url, is_external=True)),
        padding_y="0.5rem",
    )


def _sponsor_link(s: rx.Var[SponsorLink]) -> rx.Component:
    return rx.link(
        rx.cond(
            s.logo != "",
            rx.image(
                src=rx.get_upload_url(s.logo),
                alt=s.name,
                max_height="48px",
                max_width="min(160px, 40vw)",
                object_fit="contain",
            ),
            s.name,
        ),
        href=s.url,
        is_external=True,
        rel="sponsored noopener",
    )


def _listings() -> rx.Component:
    """The newest listings: first on the page, so a phone shows one without scrolling."""
    return rx.fragment(
        rx.heading(t("kommune.newest"), size="5", as_="h2"),
        rx.cond(
            KommuneState.listings.length() > 0,
            rx.vstack(
                rx.foreach(KommuneState.listings, lambda c: listing_card(c, KommuneState.slug)),
                width="100%",
            ),
            rx.text(t("kommune.no_listings")),
        ),
        link_button(
            t("browse.all_link"), routes.browse_href(KommuneState.slug), size="3", variant="soft"
        ),
    )


def _networks() -> rx.Component:
    """ "Netzwerke in <Kommune>": the admitted institutions, and how to register one."""
    return rx.box(
        rx.heading(
            t("institution.networks_title").replace("{kommune}", KommuneState.name),
            size="4",
            as_="h2",
        ),
        rx.el.ul(
            rx.foreach(
                KommuneState.networks,
                lambda n: rx.el.li(
                    rx.link(n.name, href=routes.institution_href(KommuneState.slug, n.handle))
                ),
            ),
        ),
        rx.link(
            t("institution.register_link"),
            href=routes.institution_register_href(KommuneState.slug),
        ),
        padding_top="1rem",
    )


def _about() -> rx.Component:
    """Info-Box, exchanges, sponsors and contact, below the listings."""
    return rx.fragment(
        rx.cond(
            KommuneState.info.length() > 0,
            rx.card(
                rx.heading(t("kommune.infobox"), size="5", as_="h2"),
                rx.foreach(KommuneState.info, _info_entry),
                width="100%",
                role="region",
                aria_label=t("kommune.infobox"),
            ),
        ),
        rx.heading(t("kommune.exchanges"), size="5", as_="h2"),
        rx.hstack(
            rx.foreach(
                KommuneState.exchanges,
                lambda e: rx.badge(exchange_label(e), size="3", variant="soft"),
            ),
            wrap="wrap",
        ),
        rx.cond(
            KommuneState.sponsor_links.length() > 0,
            rx.box(
                rx.heading(t("kommune.sponsors"), size="4", as_="h2"),
                rx.hstack(
                    rx.foreach(KommuneState.sponsor_links, _sponsor_link),
                    align="center",
                    spacing="4",
                    wrap="wrap",
                ),
                padding_top="1rem",
            ),
        ),
        _networks(),
        kommune_embed_section(KommuneState.slug),
        rx.box(
            rx.heading(t("kommune.contact"), size="4", as_="h2"),
            rx.text(KommuneState.contact_name),
            rx.text(KommuneState.contact_address),
            _contact_line(
                "kommune.contact_phone",
                KommuneState.contact_phone,
                KommuneState.contact_phone_href,
            ),
            _contact_line(
                "kommune.contact_email",
                KommuneState.contact_email,
                KommuneState.contact_email_href,
            ),
            padding_top="1rem",
        ),
    )


def _body() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.cond(
                KommuneState.logo != "",
                rx.image(
                    src=rx.get_upload_url(KommuneState.logo),
                    alt=KommuneState.name,
                    max_height="48px",
                    max_width="min(120px, 30vw)",
                    object_fit="contain",
                ),
            ),
            rx.heading(KommuneState.name, size="7", as_="h1"),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        easy_language_links(routes.legal_href(KommuneState.slug, "easy"), KommuneState.dgs_url),
        rx.cond(
            PublicSession.user_status == "pending",
            rx.callout(t("status.pending_banner"), icon="info", role="status"),
        ),
        rx.cond(
            PublicSession.logged_in,
            link_button(t("nav.new_listing"), routes.new_listing_href(KommuneState.slug)),
            link_button(t("nav.register"), routes.register_href(KommuneState.slug)),
        ),
        _listings(),
        _about(),
        spacing="4",
        width="100%",
    )


def _coming_soon() -> rx.Component:
    """A Kommune being set up: its name, "bald verfügbar", and the way back."""
    return rx.vstack(
        rx.heading(KommuneState.soon_name, size="8", as_="h1"),
        rx.callout(t("onboard.soon_title"), icon="clock", size="3", role="status"),
        rx.text(t("onboard.soon_text")),
        link_button(t("onboard.soon_back"), routes.HOME, variant="soft"),
        spacing="4",
        width="100%",
    )


def kommune_page() -> rx.Component:
    return public_page(
        rx.cond(
            KommuneState.loaded,
            rx.cond(
                KommuneState.found,
                rx.box(_body(), style=accent_style(KommuneState.accent_color)),
                rx.cond(
                    KommuneState.soon_name != "",
                    _coming_soon(),
                    not_found_body(routes.HOME),
                ),
            ),
            rx.text(t("common.loading")),
        )
    )
