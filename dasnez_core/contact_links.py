"""`tel:` and `mailto:` addresses from a Kommune's contact details as people type them."""

from __future__ import annotations

import re

# "+49 (0) 5250 …": the national trunk prefix in brackets is not dialled from abroad.
_TRUNK_PREFIX = re.compile(r"^\+\s*(\d+)\s*\(\s*0\s*\)")
_NON_DIGITS = re.compile(r"\D")


def phone_href(phone: str) -> str:
    """A `tel:` URI for a phone number as written ("05250 996-281", "+49 (0)5250 …").

    Keeps the digits and a leading "+" ("00" becomes "+"); empty if there are no digits.
    """
    number = _TRUNK_PREFIX.sub(r"+\1", phone.strip())
    international = number.startswith("+")
    digits = _NON_DIGITS.sub("", number)
    if not digits:
        return ""
    if not international and digits.startswith("00"):
        digits, international = digits[2:], True
    return f"tel:{'+' if international else ''}{digits}"


def email_href(email: str) -> str:
    """A `mailto:` URI for an email address; empty for an empty or malformed one."""
    address = email.strip()
    if address.count("@") != 1 or any(ch in address for ch in ' <>"?&,;:'):
        return ""
    return f"mailto:{address}"
