"""What the pages share on which an admin decides on what waits (Freischaltung, Meldungen):
load and paging, and closing the one open confirm step after a decision or a cancel."""

from __future__ import annotations

import reflex as rx

from admin_portal import routes
from admin_portal.components import admin_page
from dasnez_core.actor import Actor
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.page_load import PageLoad
from dasnez_ui.params import parse_id


class ReviewPage(PageLoad, mixin=True):
    """Mixed into a KommuneAdminState page state, which supplies `_reload(actor)` (the
    waiting things of `self.page`), `_close_steps()` (no confirm step open) and
    `_reset()` (what the page shows before it loads: steps closed, lists empty, nothing
    selected)."""

    ready: bool = False
    page: int = 1
    pages: int = 1

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _build(self) -> rx.event.EventSpec | None:
        # Reset first: no selection or open step survives a load that fails below.
        self.page, self.ready = 1, False
        self._reset()  # type: ignore[attr-defined]
        actor = self._actor()  # type: ignore[attr-defined]
        if not self.logged_in:  # type: ignore[attr-defined]
            return rx.redirect(routes.HOME)
        self.ready = self._enter(actor) is not None  # type: ignore[attr-defined]
        if self.ready:
            self._reload(actor)  # type: ignore[attr-defined]
        return None

    @rx.event
    def go_page(self, page: int) -> None:
        actor = self._actor()  # type: ignore[attr-defined]
        self.page = max(1, parse_id(page) or 1)
        self._after(actor)

    @rx.event
    def cancel(self) -> None:
        self._actor()  # type: ignore[attr-defined]
        self.error = ""  # type: ignore[attr-defined]
        self._close_steps()  # type: ignore[attr-defined]

    def _after(self, actor: Actor) -> None:
        """After a decision or a page change: close the step, show the lists anew."""
        self._close_steps()  # type: ignore[attr-defined]
        if self._working_kommune(actor) is not None:  # type: ignore[attr-defined]
            self._reload(actor)  # type: ignore[attr-defined]


def review_page(
    state: type[ReviewPage], title_key: str, no_step_open: rx.Var[bool], *sections: rx.Component
) -> rx.Component:
    """Heading, the admin's Kommune, the outcome lines (the error shows in the confirm step
    while one is open), then the page's sections once it has loaded."""
    return admin_page(
        rx.vstack(
            rx.heading(t(title_key), size="7", as_="h1"),
            rx.text(t("admin.kommune"), ": ", state.kommune_name, color_scheme="gray"),  # type: ignore[attr-defined]
            rx.cond(no_step_open, forms.error_line(state.error)),  # type: ignore[attr-defined]
            forms.success_line(state.success),  # type: ignore[attr-defined]
            rx.cond(state.ready, rx.fragment(*sections)),
            width="100%",
            spacing="4",
        )
    )
