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


def checked_ids(form: dict[str, str], prefix: str, limit: int = 50) -> tuple[int, ...]:
    """The ids of the ticked checkboxes named `prefix<id>` (a browser sends only those),
    at most `limit` of them from the form's first 200 fields."""
    return tuple(
        i
        for key in list(form)[:200]
        if key.startswith(prefix)
        if (i := parse_id(key.removeprefix(prefix))) is not None
    )[:limit]
