"""Rechtstexte (/rechtstexte): the Kommune's Impressum, privacy notice, terms and
accessibility statement, each published as a new version; and the link to its video in
Deutsche Gebärdensprache. Only the Kommune's own admins (MANAGE_MASTERDATA)."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from admin_portal import routes
from admin_portal.components import admin_page, admin_section
from admin_portal.state import KommuneAdminState
from dasnez_core.actor import Actor
from dasnez_core.config import load_settings
from dasnez_core.db import session_scope
from dasnez_core.errors import NotFound
from dasnez_core.models import LegalKind
from dasnez_core.services import legal
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.legal import VersionRow
from dasnez_core.services.masterdata import URL_MAX
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.page_load import PageLoad


class LegalTextsState(PageLoad, KommuneAdminState):
    ready: bool = False
    kind: str = LegalKind.IMPRINT.value
    body: str = ""
    version: int = 0
    is_template: bool = False
    published_at: str = ""
    history: list[VersionRow] = []
    public_href: str = ""
    dgs_url: str = ""
    # A new key refills the editor with the text just loaded.
    edit_key: int = 0

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        self.kind, self.ready = LegalKind.IMPRINT.value, False
        actor = self._actor()
        if not self.logged_in:
            return rx.redirect(routes.HOME)
        self.ready = self._enter(actor) is not None
        if self.ready:
            self._reload(actor)
        return None

    def _reload(self, actor: Actor) -> None:
        kommune_id = self._own_kommune(actor)
        kind = LegalKind(self.kind)
        with session_scope() as db:
            kommune = get_kommune(db, kommune_id)
            doc = legal.get_text(db, kommune, kind, None, self.lang)
            self.history = legal.history(db, actor, kommune_id, kind, self.lang)
            self.dgs_url = kommune.dgs_video_url
            slug = kommune.slug
        self.body, self.version = doc.body, doc.version
        self.is_template, self.published_at = doc.is_template, doc.published_at
        self.public_href = routes.public_legal_url(load_settings().public_url, kind.value, slug)
        self.edit_key += 1

    @rx.event
    def choose(self, kind: str) -> None:
        """Show another of the four texts in the editor."""
        actor = self._actor()
        try:
            chosen = legal.parse_kind(kind)
        except NotFound:
            return
        if self._admin_kommune(actor) is None:
            self.error = self._t("error.not_allowed")
            return
        self.kind = chosen.value
        self.error = self.success = ""
        self._reload(actor)

    @rx.event
    def publish(self, form: dict[str, str]) -> None:
        actor = self._actor()
        # The text the editor held (sent with the form), never the state's choice: after a
        # lost or reset state that could name another text than the one edited.
        kind_sent = str(form.get("kind", ""))[:20]
        body = str(form.get("body", ""))[: legal.BODY_MAX + 1]

        def publish(db: Session) -> int:
            kind = legal.parse_kind(kind_sent)
            return legal.publish(db, actor, self._own_kommune(actor), kind, body)

        outcome = self._run(publish)
        if outcome.ok:
            self.success = self._t("legal.admin.published", version=outcome.value)
            self._reload(actor)

    @rx.event
    def save_dgs(self, form: dict[str, str]) -> None:
        actor = self._actor()
        url = str(form.get("dgs_video_url", ""))[: URL_MAX + 1]
        if self._change(
            actor, lambda db, kid: legal.set_dgs_video(db, actor, kid, url), "legal.admin.dgs_saved"
        ):
            self._reload(actor)


def _chooser() -> rx.Component:
    return rx.el.nav(
        rx.hstack(
            *[
                rx.button(
                    t(f"legal.kind.{kind.value}"),
                    on_click=LegalTextsState.choose(kind.value),
                    variant=rx.cond(LegalTextsState.kind == kind.value, "solid", "outline"),
                    aria_pressed=LegalTextsState.kind == kind.value,
                    size="3",
                )
                for kind in LegalKind
            ],
            spacing="2",
            wrap="wrap",
        ),
        aria_label=t("legal.admin.choose"),
    )


def _status() -> rx.Component:
    version = LegalTextsState.version.to_string()
    return rx.vstack(
        rx.cond(
            LegalTextsState.is_template,
            rx.text(t("legal.admin.current_template").replace("{version}", version)),
            rx.text(
                t("legal.admin.current").replace("{version}", version),
                ", ",
                t("legal.published_on").replace("{date}", LegalTextsState.published_at),
            ),
        ),
        rx.cond(
            LegalTextsState.body.contains("[Bitte ergänzen"),
            rx.callout(t("legal.admin.todo_left"), icon="info", color_scheme="amber"),
        ),
        rx.link(t("legal.admin.view_public"), href=LegalTextsState.public_href, is_external=True),
        spacing="2",
        width="100%",
    )


def _editor() -> rx.Component:
    consent_kind = (LegalTextsState.kind == LegalKind.PRIVACY.value) | (
        LegalTextsState.kind == LegalKind.TERMS.value
    )
    return rx.form(
        rx.el.label(
            t("legal.admin.body"), html_for="body", style={"font_weight": "600", "display": "block"}
        ),
        rx.el.textarea(
            id="body",
            name="body",
            rows=22,
            max_length=legal.BODY_MAX,
            default_value=LegalTextsState.body,
            aria_describedby="body_hint",
            style=forms.FIELD_STYLE,
        ),
        rx.text(t("legal.admin.format_hint"), id="body_hint", size="2", color_scheme="gray"),
        rx.cond(
            consent_kind,
            rx.callout(
                t("legal.admin.consent_warning"),
                icon="triangle_alert",
                color_scheme="red",
                role="note",
                margin_y="0.75rem",
            ),
        ),
        # Which text this editor holds, sent with it: the body is published as that one.
        rx.el.input(type="hidden", name="kind", value=LegalTextsState.kind),
        rx.button(t("legal.admin.publish"), type="submit", size="3", margin_top="0.5rem"),
        on_submit=LegalTextsState.publish,
        reset_on_submit=False,
        key=LegalTextsState.edit_key.to_string(),
        width="100%",
    )


def _history() -> rx.Component:
    return rx.box(
        rx.heading(t("legal.admin.history"), size="4", as_="h3"),
        rx.cond(
            LegalTextsState.history.length() > 0,
            rx.el.ul(
                rx.foreach(
                    LegalTextsState.history,
                    lambda row: rx.el.li(
                        rx.link(
                            t("legal.version").replace("{version}", row.version.to_string()),
                            href=LegalTextsState.public_href
                            + "?version="
                            + row.version.to_string(),
                            is_external=True,
                        ),
                        " – ",
                        row.published_at,
                    ),
                )
            ),
            rx.text(t("legal.admin.history_empty")),
        ),
        width="100%",
    )


def _dgs() -> rx.Component:
    return admin_section(
        t("legal.admin.dgs_title"),
        "dgs",
        rx.text(t("legal.admin.dgs_hint")),
        rx.form(
            forms.field(
                t("legal.admin.dgs_field"),
                "dgs_video_url",
                type_="url",
                input_mode="url",
                required=False,
                max_length=URL_MAX,
                value=LegalTextsState.dgs_url,
            ),
            rx.button(t("legal.admin.dgs_save"), type="submit", size="3"),
            on_submit=LegalTextsState.save_dgs,
            reset_on_submit=False,
            key=LegalTextsState.edit_key.to_string(),
            width="100%",
        ),
    )


def legal_texts_page() -> rx.Component:
    return admin_page(
        rx.vstack(
            rx.heading(t("legal.admin.title"), size="7", as_="h1"),
            rx.text(t("admin.kommune"), ": ", LegalTextsState.kommune_name, color_scheme="gray"),
            rx.text(t("legal.admin.intro")),
            forms.error_line(LegalTextsState.error),
            forms.success_line(LegalTextsState.success),
            rx.cond(
                LegalTextsState.ready,
                rx.vstack(
                    _chooser(),
                    admin_section(
                        rx.match(
                            LegalTextsState.kind,
                            *[(k.value, t(f"legal.kind.{k.value}")) for k in LegalKind],
                            t("legal.admin.title"),
                        ),
                        "text",
                        _status(),
                        _editor(),
                        _history(),
                    ),
                    _dgs(),
                    width="100%",
                    spacing="4",
                ),
            ),
            width="100%",
            spacing="4",
        )
    )
