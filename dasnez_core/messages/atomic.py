"""Texts for the loser of a race: someone else has just made the same change (issue 16, part 3)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "atomic.approved_by": (
        "{name} wurde gerade von {by} freigeschaltet.",
        "{name} has just been approved by {by}.",
    ),
    "atomic.declined_by": (
        "Die Registrierung wurde gerade von {by} abgelehnt.",
        "The registration has just been declined by {by}.",
    ),
    "atomic.blocked_by": (
        "{name} wurde gerade von {by} gesperrt.",
        "{name} has just been blocked by {by}.",
    ),
    "atomic.unblocked_by": (
        "Die Sperre von {name} wurde gerade von {by} aufgehoben.",
        "{by} has just lifted the block on {name}.",
    ),
    "atomic.listing_removed_by": (
        "Der Eintrag „{title}“ wurde gerade von {by} entfernt.",
        "The listing “{title}” has just been removed by {by}.",
    ),
    "atomic.listing_restored_by": (
        "Der Eintrag „{title}“ wurde gerade von {by} wiederhergestellt.",
        "The listing “{title}” has just been restored by {by}.",
    ),
    "atomic.listing_published_by": (
        "Der Eintrag „{title}“ wurde gerade von {by} veröffentlicht.",
        "The listing “{title}” has just been published by {by}.",
    ),
    "atomic.listing_rejected_by": (
        "Der Eintrag „{title}“ wurde gerade von {by} zur Überarbeitung zurückgegeben.",
        "The listing “{title}” has just been sent back for changes by {by}.",
    ),
    "atomic.reports_resolved_by": (
        "Die Meldungen zu „{title}“ wurden gerade von {by} erledigt.",
        "The reports on “{title}” have just been dealt with by {by}.",
    ),
    "atomic.rating_hidden_by": (
        "Diese Bewertung wurde gerade von {by} verborgen.",
        "This rating has just been hidden by {by}.",
    ),
    "atomic.rating_shown_by": (
        "Diese Bewertung wurde gerade von {by} wieder sichtbar gemacht.",
        "This rating has just been made visible again by {by}.",
    ),
    "atomic.area_merged_by": (
        "Dieses Gebiet wurde gerade von {by} zusammengeführt und gibt es nicht mehr.",
        "This area has just been merged by {by} and no longer exists.",
    ),
    "atomic.admin_revoked_by": (
        "{name} wurden die Verwaltungsrechte gerade von {by} entzogen.",
        "{by} has just taken the admin rights from {name}.",
    ),
    "atomic.admin_invited_by": (
        "{name} wurde gerade von {by} zur Verwaltung hinzugefügt.",
        "{name} has just been made an admin by {by}.",
    ),
}
