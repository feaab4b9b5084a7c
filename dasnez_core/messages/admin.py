"""Catalog part: admin texts (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "moderation.reason_required": (
        "Bitte geben Sie einen Grund an (mindestens {min} Zeichen).",
        "Please give a reason (at least {min} characters).",
    ),
    "moderation.reason_too_long": (
        "Der Grund darf höchstens {max} Zeichen haben.",
        "The reason may have at most {max} characters.",
    ),
    "moderation.not_yourself": (
        "Sie können sich nicht selbst sperren.",
        "You cannot block yourself.",
    ),
    "moderation.already_blocked": (
        "Diese Person ist bereits gesperrt.",
        "This person is already blocked.",
    ),
    "moderation.not_blocked": ("Diese Person ist nicht gesperrt.", "This person is not blocked."),
    "moderation.higher_role": (
        "Das ist bei Personen mit gleicher oder höherer Rolle nicht möglich. Ein Konto der "
        "Kommunenverwaltung kann nur der Plattformbetrieb sperren.",
        "This is not possible for people of an equal or higher role. Only platform staff can "
        "block an account of the Kommune's administration.",
    ),
}
