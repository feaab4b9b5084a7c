"""Catalog part: the admin portal's detail pages of a person and a listing, their actions
(restore a listing, hide a rating), grouped reports and the grouped menu
(key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the menu's groups ----------------------------------------------------------------
    "admin.navgroup.tasks": ("Aufgaben", "Tasks"),
    "admin.navgroup.content": ("Inhalte", "Content"),
    "admin.navgroup.masterdata": ("Stammdaten", "Master data"),
    "admin.navgroup.evaluation": ("Auswertung", "Evaluation"),
    "admin.navgroup.platform": ("Plattform", "Platform"),
    # --- page titles ----------------------------------------------------------------------
    "admindetail.person_page": ("Person", "Person"),
    "admindetail.listing_page": ("Eintrag", "Listing"),
    # --- errors of the actions ------------------------------------------------------------
    "moderation.listing_not_removed": (
        "Dieser Eintrag ist nicht entfernt; es gibt nichts wiederherzustellen.",
        "This listing has not been removed; there is nothing to restore.",
    ),
    "rating.not_found": ("Diese Bewertung wurde nicht gefunden.", "This rating was not found."),
    "rating.already_hidden": (
        "Diese Bewertung ist bereits ausgeblendet.",
        "This rating is already hidden.",
    ),
    "rating.not_hidden": ("Diese Bewertung ist nicht ausgeblendet.", "This rating is not hidden."),
    # --- audit log ------------------------------------------------------------------------
    "audit.action.restore_listing": ("Eintrag wiederhergestellt", "Listing restored"),
    "audit.action.hide_rating": ("Bewertung ausgeblendet", "Rating hidden"),
    "audit.action.show_rating": ("Bewertung wieder angezeigt", "Rating shown again"),
    "audit.target.rating": ("Bewertung für", "Rating of"),
    # --- grouped reports ------------------------------------------------------------------
    "reports.group_count": ("{count} × gemeldet", "reported {count} ×"),
    "reports.reasons": ("Gründe der Meldungen", "Reasons given"),
    "reports.group_dismissed_done": (
        "Die Meldungen zu „{title}“ sind verworfen; der Eintrag bleibt.",
        "The reports about “{title}” have been dismissed; the listing stays.",
    ),
    # --- both detail pages ----------------------------------------------------------------
    "admindetail.facts": ("Angaben", "Details"),
    "admindetail.history": ("Verlauf (Protokoll)", "History (audit log)"),
    "admindetail.not_found": (
        "Nicht gefunden",
        "Not found",
    ),
    "admindetail.back_people": ("← Alle Personen", "← All people"),
    "admindetail.back_listings": ("← Alle Einträge", "← All listings"),
    # --- a person -------------------------------------------------------------------------
    "admindetail.role": ("Rolle", "Role"),
    "admindetail.role.citizen": ("Mitglied", "Member"),
    "admindetail.role.proxy": ("Mitglied mit Vertretung", "Member posting for others"),
    "admindetail.role.institution_member": ("Mitglied einer Einrichtung", "Institution member"),
    "admindetail.role.kommune_admin": ("Verwaltung der Kommune", "Municipality administrator"),
    "admindetail.role.platform_admin": ("Plattform-Betrieb", "Platform staff"),
    "admindetail.no_block_rights": (
        "Sperren ist hier nicht möglich: Niemand sperrt sich selbst oder eine Person mit "
        "gleicher oder höherer Rolle.",
        "Blocking is not possible here: nobody blocks themselves or a person of an equal or "
        "higher role.",
    ),
    "admindetail.listing_count": ("Einträge", "Listings"),
    "admindetail.rating_count": ("Erhaltene Bewertungen", "Ratings received"),
    "admindetail.rating_count_value": (
        "{count} insgesamt, davon {public} öffentlich (Durchschnitt {average} Sterne)",
        "{count} in all, {public} of them public (average {average} stars)",
    ),
    "admindetail.person_listings": ("Einträge der Person", "Listings of this person"),
    "admindetail.no_listings": ("Keine Einträge.", "No listings."),
    "admindetail.person_ratings": ("Erhaltene Bewertungen", "Ratings received"),
    "admindetail.stars": ("{stars} von 5 Sternen", "{stars} out of 5 stars"),
    "admindetail.rating_hidden": ("Ausgeblendet", "Hidden"),
    "admindetail.rating_hidden_reason": ("Grund des Ausblendens", "Reason for hiding"),
    "admindetail.rating_hide": ("Bewertung ausblenden", "Hide rating"),
    "admindetail.rating_show": ("Wieder anzeigen", "Show again"),
    "admindetail.rating_hide_title": ("Bewertung ausblenden", "Hide this rating"),
    "admindetail.rating_hide_hint": (
        "Die Bewertung verschwindet vom öffentlichen Profil und zählt nicht mehr im "
        "Durchschnitt. Sie bleibt hier sichtbar und kann wieder angezeigt werden.",
        "The rating leaves the public profile and no longer counts in the average. It stays "
        "visible here and can be shown again.",
    ),
    "admindetail.rating_hide_reason": ("Grund des Ausblendens", "Reason for hiding"),
    "admindetail.rating_hide_confirm": ("Jetzt ausblenden", "Hide now"),
    "admindetail.rating_hidden_done": (
        "Die Bewertung ist ausgeblendet.",
        "The rating is hidden.",
    ),
    "admindetail.rating_show_title": ("Bewertung wieder anzeigen", "Show this rating again"),
    "admindetail.rating_show_hint": (
        "Die Bewertung erscheint wieder auf dem öffentlichen Profil und zählt im Durchschnitt.",
        "The rating appears on the public profile again and counts in the average.",
    ),
    "admindetail.rating_show_reason": ("Grund", "Reason"),
    "admindetail.rating_show_confirm": ("Jetzt wieder anzeigen", "Show now"),
    "admindetail.rating_shown_done": (
        "Die Bewertung wird wieder angezeigt.",
        "The rating is shown again.",
    ),
    "admindetail.open_ratee": ("Bewertete Person: {name}", "Rated person: {name}"),
    # --- a listing ------------------------------------------------------------------------
    "admindetail.updated": ("Zuletzt geändert", "Last changed"),
    "admindetail.closed": ("Abgeschlossen", "Closed"),
    "admindetail.text": ("Text des Eintrags", "Text of the listing"),
    "admindetail.reports": ("Meldungen zu diesem Eintrag", "Reports about this listing"),
    "admindetail.no_reports": ("Keine Meldungen.", "No reports."),
    "admindetail.report_open": ("offen", "open"),
    "admindetail.report_done": ("erledigt", "dealt with"),
    "admindetail.remove_title": ("„{title}“ entfernen", "Remove “{title}”"),
    "admindetail.remove_hint": (
        "Der Eintrag verschwindet sofort von allen öffentlichen Seiten; offene Meldungen "
        "gelten als erledigt.",
        "The listing leaves every public page at once; open reports count as dealt with.",
    ),
    "admindetail.remove_reason": (
        "Grund (die Person, die den Eintrag geschrieben hat, erhält ihn per E-Mail)",
        "Reason (the person who wrote the listing receives it by email)",
    ),
    "admindetail.remove_confirm": ("Eintrag jetzt entfernen", "Remove listing now"),
    "admindetail.restore": ("Eintrag wiederherstellen", "Restore listing"),
    "admindetail.restore_title": ("„{title}“ wiederherstellen", "Restore “{title}”"),
    "admindetail.restore_hint": (
        "Der Eintrag erscheint wieder wie vorher (bis zu seinem Ablaufdatum; bei gesperrter "
        "Person bleibt er ausgeblendet).",
        "The listing appears again as before (until its end date; while its author is "
        "blocked it stays hidden).",
    ),
    "admindetail.restore_reason": ("Grund der Wiederherstellung", "Reason for restoring"),
    "admindetail.restore_confirm": ("Jetzt wiederherstellen", "Restore now"),
    "admindetail.restored_done": (
        "„{title}“ ist wiederhergestellt.",
        "“{title}” has been restored.",
    ),
}
