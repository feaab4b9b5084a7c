"""The person's saved searches, as a part of the account page (/konto): each with its
frequency and a button that deletes it. Saving happens on the browse page."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.errors import DomainError
from dasnez_core.services import saved_searches
from dasnez_ui import forms
from dasnez_ui.lang import t
from dasnez_ui.outcome import Lines
from dasnez_ui.params import parse_id

_LINES = Lines("saved_error", "saved_success")


@dataclass
class SavedSearchItem:
    """A saved search as the list shows it."""

    id: int
    name: str
    frequency: str


class SavedSearchesState(PublicSession):
    items: list[SavedSearchItem] = []
    saved_error: str = ""
    saved_success: str = ""

    @rx.event
    def load(self) -> None:
        self.saved_error, self.saved_success = "", ""
        self._reload()

    def _reload(self) -> None:
        """The list again (the message lines keep what the last action said)."""
        actor = self._actor()
        rows: list[saved_searches.SavedSearchRow] = []
        if actor.is_approved:
            with session_scope() as db:
                try:
                    rows = saved_searches.list_own(db, actor, actor.kommune_id or 0)
                except DomainError:  # e.g. consent due: nothing to list until then
                    rows = []
        self.items = [
            SavedSearchItem(r.id, r.name, self._t(f"saved.every_{r.frequency}")) for r in rows
        ]

    @rx.event
    def delete(self, search_id: str | int) -> None:
        """Delete one of the caller's saved searches (another person's id: not found)."""
        actor = self._actor()
        wanted = parse_id(str(search_id)[:20])
        self._run(
            lambda db: saved_searches.delete_own(db, actor, actor.kommune_id or 0, wanted or 0),
            "saved.deleted",
            lines=_LINES,
        )
        self._reload()


def _item(item: rx.Var[SavedSearchItem]) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.text(item.name, weight="bold"),
            rx.text(item.frequency, size="2", color_scheme="gray"),
        ),
        rx.button(
            rx.icon("trash-2", size=18, aria_hidden="true"),
            on_click=SavedSearchesState.delete(item.id),
            variant="soft",
            color_scheme="red",
            size="3",
            aria_label=t("saved.delete").replace("{name}", item.name),
        ),
        style={
            "display": "flex",
            "justify_content": "space-between",
            "align_items": "center",
            "gap": "0.75rem",
            "padding": "0.5rem 0",
            "border_bottom": "1px solid var(--gray-5)",
        },
    )


def saved_searches_list() -> rx.Component:
    """The list with its messages; it loads itself when shown."""
    return rx.el.div(
        forms.error_line(SavedSearchesState.saved_error),
        forms.success_line(SavedSearchesState.saved_success),
        rx.cond(
            SavedSearchesState.items.length() > 0,
            rx.el.ul(
                rx.foreach(SavedSearchesState.items, _item),
                style={"list_style": "none", "margin": "0", "padding": "0"},
            ),
            rx.text(t("saved.none")),
        ),
        on_mount=SavedSearchesState.load,
        style={"display": "flex", "flex_direction": "column", "gap": "0.75rem"},
    )
