"""Texts of search, page status and the English names of master data (issue 9, parts 4 and 6)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "masterdata.categories.name_en": ("Englischer Name (optional)", "English name (optional)"),
    "masterdata.categories.name_en_hint": (
        "Wird in der englischen Ansicht gezeigt; ohne ihn erscheint der deutsche Name.",
        "Shown in the English version; without it the German name appears.",
    ),
    "masterdata.categories.col_name_en": ("Englisch", "English"),
}
