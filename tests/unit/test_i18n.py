"""The catalog is complete in both languages and its placeholders agree."""

from __future__ import annotations

import re
import string
from pathlib import Path

from dasnez_core.i18n import translate
from dasnez_core.messages import MESSAGES

ROOT = Path(__file__).resolve().parents[2]


def _fields(message: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(message) if f}


def test_every_key_has_german_and_english_with_the_same_placeholders() -> None:
    for key, (de, en) in MESSAGES.items():
        assert de.strip() and en.strip(), key
        assert _fields(de) == _fields(en), key


def test_translate_formats_and_defaults_to_german() -> None:
    assert translate("password.too_short", "de", min=10).startswith(
        "Das Passwort muss mindestens 10"
    )
    assert translate("password.too_short", "en", min=10).startswith(
        "The password must be at least 10"
    )
    assert translate("nav.login", "xx") == "Anmelden"


def test_every_key_used_in_the_code_exists() -> None:
    pattern = re.compile(
        r"""(?:\bt|_t|NotFound|NotAllowed|InvalidInput\([^,]+,)\(\s*["']([a-z_]+\.[a-z_.]+)["']"""
    )
    used: set[str] = set()
    for folder in ("dasnez_app", "admin_portal", "dasnez_core"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(pattern.findall(path.read_text("utf-8")))
    assert used, "the scan found no keys; the pattern is broken"
    assert used - MESSAGES.keys() == set()
