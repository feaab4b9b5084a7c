"""Language choice and the `t()` helper that renders catalog text in the chosen language."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventHandler
from reflex.state import OnLoadInternalState

from dasnez_core.i18n import normalise_language, text, translate


class LangState(rx.State):
    """The root of both apps' states: the language lives in a cookie the person sets."""

    lang: str = rx.Cookie("de", name="dasnez_lang", same_site="lax", max_age=365 * 24 * 3600)

    @rx.event
    def set_language(self, lang: str) -> EventHandler:
        """Switch, then run the page's on_load again: what the server formats for the page
        (dates, amounts, category names) follows the language only when loaded anew."""
        self.lang = normalise_language(lang)
        return OnLoadInternalState.on_load_internal

    def _t(self, key: str, **params: Any) -> str:
        """Server-side translation for messages a handler produces."""
        return translate(key, self.lang, **params)


def t(key: str) -> rx.Var[str]:
    """Catalog text as a Var that follows the person's language.

    Both versions are compiled into the page; the language cookie picks one. An unknown
    key raises at build time.
    """
    return rx.cond(LangState.lang == "en", text(key, "en"), text(key, "de")).to(str)


class _DocumentLanguage(rx.Fragment):
    """Keeps `<html lang>` equal to the chosen language (WCAG 3.1.1): React renders inside
    <body>, so an effect sets it; the first HTML carries the App's `html_lang` ("de")."""

    def add_imports(self) -> dict[str, str]:
        return {"react": "useEffect"}

    def add_hooks(self) -> list[str | rx.Var]:
        lang = LangState.lang
        return [
            rx.Var(
                f"useEffect(() => {{ document.documentElement.lang = {lang!s}; }}, [{lang!s}]);",
                _var_data=lang._get_all_var_data(),
            )
        ]


def document_language() -> rx.Component:
    return _DocumentLanguage.create()


def language_switch() -> rx.Component:
    return rx.el.nav(
        rx.cond(
            LangState.lang == "en",
            rx.button(
                text("nav.switch_to_de", "de"),
                on_click=LangState.set_language("de"),
                variant="ghost",
                lang="de",
            ),
            rx.button(
                text("nav.switch_to_en", "en"),
                on_click=LangState.set_language("en"),
                variant="ghost",
                lang="en",
            ),
        ),
        aria_label=t("nav.language"),
    )
