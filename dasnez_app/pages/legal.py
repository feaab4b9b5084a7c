"""The legal texts (/k/<slug>/impressum …, /impressum …) and the Leichte-Sprache pages
(/k/<slug>/leichte-sprache, /leichte-sprache): a Kommune's own, or the platform's outside a
Kommune. `?version=<n>` shows one published version (the consent boxes link it)."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.errors import NotFound
from dasnez_core.models import LegalKind
from dasnez_core.services import legal
from dasnez_core.services.kommunen import get_kommune_by_slug
from dasnez_core.services.legal import LegalBlock, LegalDocument
from dasnez_ui.lang import t
from dasnez_ui.layout import not_found_body
from dasnez_ui.params import parse_id

EASY = "easy"


class LegalState(PublicSession):
    loaded: bool = False
    found: bool = False
    slug: str = ""
    page: str = ""
    kommune_name: str = ""
    version: int = 0
    latest: bool = True
    is_template: bool = False
    published_at: str = ""
    blocks: list[LegalBlock] = []
    dgs_url: str = ""
    # This page without a version: the current text.
    current_href: str = ""

    @rx.event
    def load(self) -> None:
        self._refresh_session()
        self.slug, self.page = routes.legal_page_from_path(self.router.url.path)
        self.current_href = routes.legal_href(self.slug, self.page) if self.page else ""
        raw = self.router.url.query_parameters.get(routes.LEGAL_VERSION_PARAM)
        # A version that is no number is a version that does not exist (-1).
        version = None if raw is None else (parse_id(raw) or -1)
        try:
            body = self._body(version)
        except NotFound:
            self.loaded, self.found = True, False
            return
        self.blocks = legal.blocks(body)
        self.loaded, self.found = True, True

    def _body(self, version: int | None) -> str:
        """The text of this page, filling in what the page shows about it."""
        if not self.page:
            raise NotFound()
        with session_scope() as db:
            kommune = get_kommune_by_slug(db, self.slug) if self.slug else None
            self.kommune_name = kommune.name if kommune else ""
            self.dgs_url = kommune.dgs_video_url if kommune else ""
            if self.page == EASY:
                if version is not None:
                    raise NotFound()
                who = (
                    legal.kommune_responsible(kommune) if kommune else legal.platform_responsible()
                )
                self._show(None)
                return legal.easy_language(who, platform=kommune is None)
            kind = LegalKind(self.page)
            if kommune is None:
                if version not in (None, legal.TEMPLATE_VERSION):
                    raise NotFound()
                doc = legal.platform_text(kind)
            else:
                doc = legal.get_text(db, kommune, kind, version, self.lang)
        self._show(doc)
        return doc.body

    def _show(self, doc: LegalDocument | None) -> None:
        self.version = doc.version if doc else 0
        self.latest = doc.latest if doc else True
        self.is_template = doc.is_template if doc else False
        self.published_at = doc.published_at if doc else ""


def _block(block: rx.Var[LegalBlock]) -> rx.Component:
    return rx.match(
        block.kind,
        ("h2", rx.heading(block.text, as_="h2", size="5", margin_top="1rem")),
        ("h3", rx.heading(block.text, as_="h3", size="4")),
        ("ul", rx.el.ul(rx.foreach(block.points, lambda item: rx.el.li(item)))),
        ("link", rx.link(block.text, href=block.text, is_external=True)),
        ("todo", rx.el.p(rx.el.mark(block.text))),
        rx.el.p(block.text),
    )


def _title() -> rx.Component:
    return rx.match(
        LegalState.page,
        *[(kind.value, t(f"legal.kind.{kind.value}")) for kind in LegalKind],
        t("legal.easy.title"),
    )


def _meta() -> rx.Component:
    """Which version this is, and a way to the current one from an older version."""
    return rx.vstack(
        rx.cond(
            LegalState.version > 0,
            rx.text(
                t("legal.version").replace("{version}", LegalState.version.to_string()),
                rx.cond(
                    LegalState.published_at != "",
                    rx.fragment(
                        ", ",
                        t("legal.published_on").replace("{date}", LegalState.published_at),
                    ),
                ),
                color_scheme="gray",
            ),
        ),
        rx.cond(
            ~LegalState.latest,
            rx.callout(
                rx.text(
                    t("legal.older_version"),
                    " ",
                    rx.link(t("legal.to_current"), href=LegalState.current_href),
                ),
                icon="info",
                role="status",
            ),
        ),
        rx.cond(LegalState.is_template, rx.text(t("legal.template_note"), size="2")),
        rx.cond(LegalState.lang == "en", rx.text(t("legal.german_only"), size="2")),
        spacing="2",
    )


def _dgs() -> rx.Component:
    return rx.cond(
        (LegalState.page == EASY) & (LegalState.dgs_url != ""),
        rx.box(
            rx.heading(t("legal.dgs.title"), as_="h2", size="5"),
            rx.link(t("legal.dgs.link"), href=LegalState.dgs_url, is_external=True),
            rx.text(t("legal.dgs.alternative"), size="2"),
            padding_y="0.5rem",
        ),
    )


def _body() -> rx.Component:
    return rx.vstack(
        rx.heading(
            _title(),
            rx.cond(LegalState.kommune_name != "", rx.fragment(" – ", LegalState.kommune_name)),
            as_="h1",
            size="7",
        ),
        _meta(),
        rx.cond(LegalState.page == EASY, rx.text(t("legal.easy.intro"), weight="bold")),
        _dgs(),
        rx.box(rx.foreach(LegalState.blocks, _block), class_name="legal-text", lang="de"),
        width="100%",
        spacing="3",
    )


def legal_page() -> rx.Component:
    return public_page(
        rx.cond(
            LegalState.loaded,
            rx.cond(LegalState.found, _body(), not_found_body(routes.HOME)),
            rx.text(t("common.loading")),
        )
    )
