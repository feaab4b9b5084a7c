"""Catalog part: finding, reading, reporting and managing listings (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- service errors ---------------------------------------------------------------------
    "listing.not_found": (
        "Diesen Eintrag gibt es nicht (mehr).",
        "This listing does not exist (any more).",
    ),
    "listing.money_invalid": (
        "Bitte geben Sie einen Betrag in Euro ein, zum Beispiel 8 oder 8,50.",
        "Please enter an amount in euros, for example 8 or 8.50.",
    ),
    "listing.money_too_high": (
        "Der Betrag darf höchstens {max} € sein.",
        "The amount may be at most €{max}.",
    ),
    "listing.hours_invalid": (
        "Bitte geben Sie eine ganze Zahl von 1 bis {max} Stunden ein.",
        "Please enter a whole number of hours from 1 to {max}.",
    ),
    "listing.removed_by_admin": (
        "Dieser Eintrag wurde von der Kommune entfernt und kann nicht mehr bearbeitet werden.",
        "This listing was removed by the municipality and can no longer be edited.",
    ),
    "listing.not_open": (
        "Dieser Eintrag ist bereits geschlossen.",
        "This listing is already closed.",
    ),
    "listing.renew_only_published": (
        "Nur veröffentlichte Einträge können verlängert werden.",
        "Only published listings can be renewed.",
    ),
    "report.reason_too_short": (
        "Bitte beschreiben Sie den Grund in mindestens {min} Zeichen.",
        "Please describe the reason in at least {min} characters.",
    ),
    "report.reason_too_long": (
        "Der Grund darf höchstens {max} Zeichen haben.",
        "The reason may have at most {max} characters.",
    ),
    "report.already_reported": (
        "Sie haben diesen Eintrag bereits gemeldet. Die Kommune kümmert sich darum.",
        "You have already reported this listing. The municipality is looking into it.",
    ),
    # --- mails ------------------------------------------------------------------------------
    "mail.listing_expiring.subject": (
        "Ihr Eintrag „{title}“ läuft am {date} ab",
        "Your listing “{title}” expires on {date}",
    ),
    "mail.listing_expiring.body": (
        "Hallo {name},\n\nIhr Eintrag „{title}“ bei dasnez läuft am {date} ab. Wenn Sie ihn "
        "weiter zeigen möchten, verlängern Sie ihn unter „Meine Einträge“:\n\n"
        "{url}/meine-eintraege\n\nIhr dasnez-Team",
        "Hello {name},\n\nyour listing “{title}” on dasnez expires on {date}. If you want to "
        "keep showing it, renew it under “My listings”:\n\n{url}/meine-eintraege\n\n"
        "Your dasnez team",
    ),
    # --- browse -----------------------------------------------------------------------------
    "browse.title": ("Angebote und Gesuche", "Offers and requests"),
    "browse.all_link": ("Alle Angebote und Gesuche ansehen", "See all offers and requests"),
    "browse.filters": ("Suchen und filtern", "Search and filter"),
    "browse.q": ("Suchbegriff", "Search term"),
    "browse.exchange": ("Börse", "Exchange"),
    "browse.kind": ("Angebot oder Gesuch", "Offer or request"),
    "browse.category": ("Kategorie", "Category"),
    "browse.area": ("Ortsteil", "District"),
    "browse.space": ("Sozialraum", "Social space"),
    "browse.sort": ("Sortierung", "Sort order"),
    "browse.sort_newest": ("Neueste zuerst", "Newest first"),
    "browse.sort_expiry": ("Bald ablaufend zuerst", "Expiring soon first"),
    "browse.all": ("Alle", "All"),
    "browse.apply": ("Anzeigen", "Show"),
    "browse.reset": ("Filter zurücksetzen", "Reset filters"),
    "browse.count": ("{count} Einträge gefunden", "{count} listings found"),
    "browse.count_one": ("1 Eintrag gefunden", "1 listing found"),
    "browse.count_capped": (
        "Über {count} Einträge gefunden – grenzen Sie die Suche mit Filtern ein.",
        "More than {count} listings found – narrow the search with filters.",
    ),
    "browse.none": (
        "Keine Einträge gefunden. Versuchen Sie es mit weniger Filtern.",
        "No listings found. Try fewer filters.",
    ),
    "browse.page_of": ("Seite {page} von {pages}", "Page {page} of {pages}"),
    "browse.previous": ("Vorherige Seite", "Previous page"),
    "browse.next": ("Nächste Seite", "Next page"),
    "browse.page_clamped": (
        "Diese Seite gibt es nicht. Sie sehen die letzte Seite.",
        "That page does not exist. You are seeing the last page.",
    ),
    "browse.expires": ("läuft ab am", "expires on"),
    "browse.more": ("Ansehen", "View"),
    # --- detail -----------------------------------------------------------------------------
    "detail.category": ("Kategorie", "Category"),
    "detail.area": ("Ortsteil", "District"),
    "detail.spaces": ("Sozialräume", "Social spaces"),
    "detail.author": ("Eingestellt von", "Posted by"),
    "detail.rating": ("Bewertungen", "Ratings"),
    "detail.no_rating": ("noch keine Bewertungen", "no ratings yet"),
    "detail.created": ("Eingestellt am", "Posted on"),
    "detail.updated": ("Zuletzt geändert", "Last changed"),
    "detail.expires": ("Sichtbar bis", "Visible until"),
    "detail.pocket_money": ("Taschengeld pro Stunde", "Pocket money per hour"),
    "detail.hours": ("Geschätzte Stunden", "Estimated hours"),
    "detail.swap_for": ("Im Tausch gegen", "In exchange for"),
    "detail.contact": ("Nachricht schreiben", "Write a message"),
    "detail.contact_login": (
        "Melden Sie sich an, um eine Nachricht zu schreiben.",
        "Log in to write a message.",
    ),
    "detail.own": (
        "Das ist Ihr eigener Eintrag.",
        "This is your own listing.",
    ),
    "detail.not_public": (
        "Dieser Eintrag ist zurzeit nicht öffentlich sichtbar (Entwurf, geschlossen oder "
        "abgelaufen).",
        "This listing is not publicly visible at the moment (draft, closed or expired).",
    ),
    "detail.edit": ("Bearbeiten", "Edit"),
    "detail.report": ("Eintrag melden", "Report listing"),
    "detail.report_hint": (
        "Verstößt dieser Eintrag gegen die Regeln? Schreiben Sie uns kurz, warum. "
        "Die Verwaltung der Kommune prüft das.",
        "Does this listing break the rules? Tell us briefly why. "
        "The municipality's administration will check it.",
    ),
    "detail.report_reason": ("Grund der Meldung", "Reason for the report"),
    "detail.report_send": ("Meldung absenden", "Send report"),
    "detail.report_done": (
        "Danke! Die Kommune prüft den Eintrag.",
        "Thank you! The municipality will check the listing.",
    ),
    # --- own listings -----------------------------------------------------------------------
    "own.title": ("Meine Einträge", "My listings"),
    "own.none": (
        "Sie haben noch keine Einträge.",
        "You have no listings yet.",
    ),
    "own.status.draft": ("Entwurf", "Draft"),
    "own.status.pending": ("Wird geprüft", "Being checked"),
    "own.status.published": ("Veröffentlicht", "Published"),
    "own.status.removed": ("Von der Kommune entfernt", "Removed by the municipality"),
    "own.status.closed": ("Geschlossen", "Closed"),
    "own.status.expired": ("Abgelaufen", "Expired"),
    "own.expires": ("Sichtbar bis", "Visible until"),
    "own.edit": ("Bearbeiten", "Edit"),
    "own.close": ("Schließen", "Close"),
    "own.renew": ("Verlängern", "Renew"),
    "own.delete": ("Löschen", "Delete"),
    "own.confirm_delete": (
        "Wirklich löschen? Das kann nicht rückgängig gemacht werden.",
        "Really delete? This cannot be undone.",
    ),
    "own.closed_done": ("Der Eintrag ist geschlossen.", "The listing is closed."),
    "own.renewed_done": (
        "Der Eintrag ist verlängert bis {date}.",
        "The listing runs until {date}.",
    ),
    "own.deleted_done": ("Der Eintrag ist gelöscht.", "The listing is deleted."),
    # --- listing form -----------------------------------------------------------------------
    "listing.edit_title": ("Eintrag bearbeiten", "Edit listing"),
    "listing.save_draft": ("Als Entwurf speichern", "Save as draft"),
    "listing.draft_saved": (
        "Ihr Entwurf ist gespeichert. Sie finden ihn unter „Meine Einträge“.",
        "Your draft is saved. You find it under “My listings”.",
    ),
    "listing.saved": ("Ihre Änderungen sind gespeichert.", "Your changes are saved."),
    "listing.pending_drafts_only": (
        "Solange Ihr Konto auf die Freischaltung wartet, können Sie Entwürfe speichern, "
        "aber noch nichts veröffentlichen.",
        "While your account waits for approval you can save drafts, but not publish yet.",
    ),
    "listing.pocket_money": (
        "Taschengeld pro Stunde in € (nur Taschengeldbörse, freiwillig)",
        "Pocket money per hour in € (pocket-money jobs only, optional)",
    ),
    "listing.estimated_hours": (
        "Geschätzte Stunden (nur Zeitspende, freiwillig)",
        "Estimated hours (time donation only, optional)",
    ),
    "listing.swap_for": (
        "Im Tausch gegen (nur Tauschbörse, wenn Sie tauschen möchten)",
        "In exchange for (swap only, when you want to swap)",
    ),
    "nav.own_listings": ("Meine Einträge", "My listings"),
}
