"""The snippet generator on the portal's master-data page (dasnez_ui.embed_snippet): for the
admin's own Kommune only, never one the browser names."""

from __future__ import annotations

import reflex as rx

from admin_portal.state import KommuneAdminState
from dasnez_core.db import session_scope
from dasnez_core.permissions import Action, can
from dasnez_core.services.kommunen import get_kommune
from dasnez_ui.embed_snippet import EmbedSnippet, snippet_section


class ProfileEmbedState(KommuneAdminState, EmbedSnippet):
    @rx.event
    def open_snippet(self) -> None:
        actor = self._actor()
        kommune_id = self._admin_kommune(actor)
        if kommune_id is None or not can(actor, Action.MANAGE_MASTERDATA, kommune_id):
            self.snippet_open = False
            return
        with session_scope() as db:
            kommune = get_kommune(db, kommune_id)
            self._fill_snippet(db, kommune_id, kommune.slug, kommune.name, self.lang)

    @rx.event
    def choose_snippet(self, field: str, value: str) -> None:
        actor = self._actor()
        if not can(actor, Action.MANAGE_MASTERDATA, self._admin_kommune(actor)):
            self.snippet_open = False
            return
        self._choose_snippet(str(field)[:20], str(value)[:20])


def profile_embed_section() -> rx.Component:
    return snippet_section(
        ProfileEmbedState, ProfileEmbedState.open_snippet, ProfileEmbedState.snippet_slug
    )
