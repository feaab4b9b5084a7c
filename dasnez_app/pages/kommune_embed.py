"""The snippet generator on a Kommune's start page (dasnez_ui.embed_snippet): anybody may
use it, for the Kommune of the page's own address only."""

from __future__ import annotations

import reflex as rx

from dasnez_app.routes import slug_from_path
from dasnez_app.state import PublicSession
from dasnez_core.db import session_scope
from dasnez_core.errors import NotFound
from dasnez_core.services import reach
from dasnez_ui.embed_snippet import EmbedSnippet, snippet_section


class KommuneEmbedState(PublicSession, EmbedSnippet):
    @rx.event
    def open_snippet(self) -> None:
        """Opened on demand, so a visit of the start page costs nothing for it."""
        self._refresh_session()
        slug = slug_from_path(self.router.url.path)
        with session_scope() as db:
            try:
                kommune = reach.kommune_ref(db, slug)
            except NotFound:
                return
            self._fill_snippet(db, kommune.id, kommune.slug, kommune.name, self.lang)

    @rx.event
    def choose_snippet(self, field: str, value: str) -> None:
        self._choose_snippet(str(field)[:20], str(value)[:20])


def kommune_embed_section(current_slug: rx.Var[str]) -> rx.Component:
    return snippet_section(KommuneEmbedState, KommuneEmbedState.open_snippet, current_slug)
