"""Accepting a member invitation (/netzwerk-einladung?token=…): the invited person, logged
in with the invited address, joins the institution. The token is read from the route of
each event, never kept in a var."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.errors import InvalidInput
from dasnez_core.services import institution_members as members
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.page_load import PageLoad


class InstitutionInviteState(PageLoad, PublicSession):
    loaded: bool = False
    valid: bool = False
    institution: str = ""
    kommune_name: str = ""
    error: str = ""
    success: str = ""
    page_href: str = ""

    def _token(self) -> str:
        return str(self.router.url.query_parameters.get("token", ""))[:300]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> None:
        self.loaded = self.valid = False
        self.error = self.success = self.page_href = self.institution = ""
        self._refresh_session()
        with session_scope() as db:
            try:
                view = members.invite_to_accept(db, self._token())
            except InvalidInput as exc:
                self.error = self._t(exc.key, **exc.params)
                self.loaded = True
                return
        self.institution, self.kommune_name = view.institution, view.kommune_name
        self.valid = self.loaded = True

    @rx.event
    def accept(self) -> None:
        actor = self._actor()
        token = self._token()
        outcome = self._run(lambda db: members.accept_invite(db, actor, token))
        if outcome.ok and outcome.value is not None:
            joined = outcome.value
            self.success = self._t("institution.invite_accepted", name=joined.name)
            self.page_href = str(routes.institution_href(joined.kommune_slug, joined.handle))
            self.valid = False


def institution_invite_page() -> rx.Component:
    s = InstitutionInviteState
    return public_page(
        rx.vstack(
            rx.heading(t("institution.invite_title"), size="7", as_="h1"),
            rx.cond(
                s.success != "",
                rx.fragment(
                    rx.callout(s.success, icon="check", color_scheme="green", role="status"),
                    link_button(t("institution.go_to_page"), s.page_href, size="4"),
                ),
            ),
            rx.cond(
                s.error != "",
                rx.callout(s.error, icon="triangle_alert", color_scheme="red", role="alert"),
            ),
            rx.cond(
                s.valid,
                rx.fragment(
                    rx.text(
                        t("institution.invite_for")
                        .replace("{institution}", s.institution)
                        .replace("{kommune}", s.kommune_name)
                    ),
                    rx.cond(
                        PublicSession.logged_in,
                        rx.button(t("institution.invite_accept"), on_click=s.accept, size="4"),
                        rx.fragment(
                            rx.text(t("institution.invite_login")),
                            link_button(t("nav.login"), PublicSession.login_link, size="4"),
                        ),
                    ),
                ),
            ),
            rx.cond(~s.loaded, rx.text(t("common.loading"))),
            width="100%",
            max_width="560px",
            spacing="4",
        )
    )
