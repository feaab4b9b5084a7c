"""Email addresses as people type them: one syntax check for every form that takes one.

Syntax only, by `email-validator` (never a DNS or network lookup). What is stored is the
address as typed, trimmed and lower-cased; the validator only judges it.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from dasnez_core.errors import InvalidInput

EMAIL_MAX = 254  # RFC 5321's limit for a whole address


def normalise_email(raw: str) -> str:
    """The form in which addresses are stored and compared: trimmed, lower-cased."""
    return raw.strip().lower()


def check_email(raw: str, field: str = "email") -> str:
    """The normalised address, or InvalidInput on `field` (empty, too long, bad syntax).

    Internationalised addresses (`max@müller.de`) pass, as the old check let them: German
    umlaut domains are real. Special-use names (`.local`, `.test`, `localhost`) and domains
    without a dot do not: a public platform can never mail them.
    """
    address = normalise_email(raw)
    if not address:
        raise InvalidInput(field, "email.required")
    if len(address) > EMAIL_MAX:  # before the validator: never parse an arbitrarily long text
        raise InvalidInput(field, "email.invalid")
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidInput(field, "email.invalid") from None
    return address


def mask_email(address: str) -> str:
    """An address as shown back to someone who may not know it in full ("ma…@example.org"):
    enough to recognise the one they typed, too little to read a stranger's."""
    local, _, domain = address.rpartition("@")
    if not local:
        return "…"
    return f"{local[: 2 if len(local) > 4 else 1]}…@{domain}"
