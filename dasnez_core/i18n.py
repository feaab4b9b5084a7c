"""The one message catalog: German first, English beside it.

`translate(key, lang, **params)` formats a message; both apps and the services' errors
use the same keys. An unknown key raises, so a typo fails the build, not the user.
"""

from __future__ import annotations

from typing import Any

from dasnez_core.messages import MESSAGES

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


def normalise_language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def text(key: str, lang: str) -> str:
    """The raw message for `key` in `lang` (KeyError if the key is unknown)."""
    german, english = MESSAGES[key]
    return english if normalise_language(lang) == "en" else german


def translate(key: str, lang: str, **params: Any) -> str:
    message = text(key, lang)
    return message.format(**params) if params else message
