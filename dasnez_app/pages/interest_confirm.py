"""Confirming an interest sign-up from the link in its mail (/interesse-bestaetigen).

Only the button press confirms, so a mail program that opens links by itself to check them
confirms nothing (as with registrations)."""

from __future__ import annotations

import reflex as rx

from dasnez_app import routes
from dasnez_app.components import public_page
from dasnez_app.state import PublicSession
from dasnez_core.services.interest import confirm_interest
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.layout import link_button
from dasnez_ui.outcome import Lines
from dasnez_ui.page_load import PageLoad


class InterestConfirmState(PageLoad, PublicSession):
    """The link's token is read from the route of each event, never kept."""

    loaded: bool = False
    error: str = ""
    success: str = ""
    kommune_name: str = ""
    kommune_href: str = ""

    def _token(self) -> str:
        return str(self.router.url.query_parameters.get("token", ""))[:300]

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> None:
        self.error = self.success = self.kommune_name = self.kommune_href = ""
        self._refresh_session()
        if not self._token():
            self.error = self._t("interest.token_invalid")
        self.loaded = True

    @rx.event
    def confirm(self) -> None:
        self._ensure_built()
        token = self._token()
        done = self._run(lambda db: confirm_interest(db, token), lines=Lines("error")).value
        if done is None:
            return
        self.success = self._t("interest.confirmed", postcode=done.postcode)
        if done.kommune_slug:
            self.kommune_name = done.kommune_name
            self.kommune_href = routes.kommune_href(done.kommune_slug)


def interest_confirm_page() -> rx.Component:
    s = InterestConfirmState
    return public_page(
        rx.vstack(
            rx.heading(t("interest.confirm_title"), size="7", as_="h1"),
            rx.cond(
                s.loaded,
                rx.cond(
                    s.success != "",
                    rx.vstack(
                        forms.success_line(s.success),
                        rx.cond(
                            s.kommune_href != "",
                            rx.vstack(
                                rx.text(
                                    t("interest.already_live").replace("{name}", s.kommune_name)
                                ),
                                link_button(
                                    t("interest.to_kommune").replace("{name}", s.kommune_name),
                                    s.kommune_href,
                                    size="4",
                                ),
                            ),
                        ),
                        width="100%",
                    ),
                    rx.cond(
                        s.error != "",
                        rx.vstack(
                            forms.error_line(s.error),
                            link_button(t("onboard.soon_back"), routes.HOME, size="4"),
                        ),
                        rx.button(
                            t("interest.confirm_title"),
                            on_click=s.confirm,
                            size="4",
                            style={"width": "100%"},
                        ),
                    ),
                ),
                rx.text(t("common.loading")),
            ),
            spacing="4",
            width="100%",
            max_width="480px",
        )
    )
