"""The one message catalog: key → (German, English), German first.

Split into modules by area only so that parts can be edited independently; every key is
unique across the parts (checked on import)."""

from __future__ import annotations

from dasnez_core.messages import (
    a11y,
    account,
    admin,
    admin_dashboard,
    admin_detail,
    admin_masterdata,
    admin_moderation,
    api,
    atomic,
    common,
    contact,
    coordinator,
    forms,
    institution,
    legal,
    marketplace,
    minors,
    onboarding,
    operations,
    phone,
    printing,
    proxy,
    pwa,
    reach,
    resilience,
    status,
    throttle,
    timebank,
)

MESSAGES: dict[str, tuple[str, str]] = {}
for _part in (
    common,
    marketplace,
    contact,
    account,
    admin,
    admin_moderation,
    admin_masterdata,
    admin_dashboard,
    admin_detail,
    throttle,
    pwa,
    legal,
    status,
    forms,
    phone,
    a11y,
    atomic,
    api,
    resilience,
    reach,
    operations,
    onboarding,
    coordinator,
    institution,
    minors,
    printing,
    timebank,
    proxy,
):
    _duplicates = MESSAGES.keys() & _part.MESSAGES.keys()
    if _duplicates:
        raise RuntimeError(f"duplicate message keys: {sorted(_duplicates)}")
    MESSAGES.update(_part.MESSAGES)
