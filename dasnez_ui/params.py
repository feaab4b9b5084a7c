"""Values a browser sends to a handler (form fields, event arguments), read defensively."""

from __future__ import annotations

ID_MAX_DIGITS = 12


def parse_id(raw: object) -> int | None:
    """An id or number the browser sent, or None when it is missing, too long or not a
    number (every browser-sent id is still looked up through the caller's Kommune)."""
    text = str(raw).strip() if raw is not None else ""
    if not text or len(text) > ID_MAX_DIGITS:
        return None
    try:
        return int(text)
    except ValueError:
        return None
