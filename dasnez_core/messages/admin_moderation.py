"""Catalog part: admin_moderation texts of the admin portal (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- navigation -----------------------------------------------------------------------
    "admin.nav.reports": ("Meldungen", "Reports"),
    "admin.nav.audit": ("Protokoll", "Audit log"),
    # --- shared by the moderation pages ---------------------------------------------------
    "moderation.reason_hint": (
        "Mindestens {min} Zeichen. Der Grund steht im Protokoll.",
        "At least {min} characters. The reason is kept in the audit log.",
    ),
    "moderation.count": ("Anzahl: {count}", "Number: {count}"),
    "moderation.listing_gone": (
        "Dieser Eintrag ist bereits entfernt oder gelöscht.",
        "This listing has already been removed or deleted.",
    ),
    "moderation.report_not_found": (
        "Diese Meldung wurde nicht gefunden.",
        "This report was not found.",
    ),
    "moderation.report_resolved": (
        "Diese Meldung ist bereits erledigt.",
        "This report has already been dealt with.",
    ),
    "moderation.listing_not_waiting": (
        "Dieser Eintrag wartet nicht (mehr) auf Ihre Prüfung.",
        "This listing is not (or no longer) waiting for your check.",
    ),
    # --- approval queue -------------------------------------------------------------------
    "approvals.people_title": ("Wartende Personen", "People waiting"),
    "approvals.col.select": ("Auswahl", "Select"),
    "approvals.select_person": ("{name} auswählen", "Select {name}"),
    "approvals.select_all": (
        "Alle auf dieser Seite auswählen",
        "Select everyone on this page",
    ),
    "approvals.approve_selected": ("Ausgewählte freischalten", "Approve selected"),
    "approvals.selected_count": ("Ausgewählt: {count}", "Selected: {count}"),
    "approvals.bulk_done": (
        "Freigeschaltet ({count}): {names}.",
        "Approved ({count}): {names}.",
    ),
    "approvals.decline": ("Ablehnen", "Decline"),
    "approvals.decline_person": ("{name} ablehnen", "Decline {name}"),
    "approvals.decline_title": (
        "Registrierung von {name} ablehnen",
        "Decline the registration of {name}",
    ),
    "approvals.decline_hint": (
        "Die Person erhält den Grund per E-Mail. Danach wird ihr Konto mit allen Angaben "
        "gelöscht; sie kann sich später neu registrieren.",
        "The person is told the reason by email. Then the account is deleted with all its "
        "details; they may register again later.",
    ),
    "approvals.decline_reason": (
        "Grund der Ablehnung (die Person erhält ihn per E-Mail)",
        "Reason for declining (the person receives it by email)",
    ),
    "approvals.decline_confirm": ("Ablehnen und Konto löschen", "Decline and delete account"),
    "approvals.declined_done": (
        "Die Registrierung von {name} ist abgelehnt. Die Person wurde per E-Mail informiert.",
        "The registration of {name} has been declined. The person was told by email.",
    ),
    "approval.none_selected": (
        "Bitte wählen Sie mindestens eine Person aus.",
        "Please select at least one person.",
    ),
    "approval.too_many": (
        "Bitte wählen Sie höchstens {max} Personen auf einmal.",
        "Please select at most {max} people at once.",
    ),
    "approval.bulk_not_pending": (
        "{name} wartet nicht mehr auf Freischaltung. Es wurde niemand freigeschaltet; "
        "bitte prüfen Sie die Auswahl.",
        "{name} is no longer waiting for approval. Nobody was approved; "
        "please check the selection.",
    ),
    "approval.decline_not_pending": (
        "Diese Person wartet nicht mehr auf Freischaltung und kann nicht abgelehnt werden.",
        "This person is no longer waiting for approval and cannot be declined.",
    ),
    "mail.account_declined.subject": (
        "Ihre Registrierung bei dasnez {kommune}",
        "Your registration at dasnez {kommune}",
    ),
    "mail.account_declined.body": (
        "Guten Tag {name},\n\n"
        "Ihre Kommune hat Ihre Registrierung bei dasnez {kommune} leider nicht "
        "freigeschaltet. Der Grund:\n\n{reason}\n\n"
        "Ihr Konto und Ihre Angaben haben wir gelöscht. Bei Fragen wenden Sie sich bitte an "
        "Ihre Kommune; die Kontaktdaten finden Sie hier:\n\n{url}/k/{slug}\n\n"
        "Viele Grüße\ndasnez {kommune}",
        "Hello {name},\n\n"
        "unfortunately your municipality has not approved your registration at dasnez "
        "{kommune}. The reason:\n\n{reason}\n\n"
        "We have deleted your account and your details. If you have questions, please "
        "contact your municipality; you find its contact details here:\n\n{url}/k/{slug}\n\n"
        "Kind regards\ndasnez {kommune}",
    ),
    # --- reports (/meldungen) -------------------------------------------------------------
    "reports.title": ("Meldungen", "Reports"),
    "reports.open_title": ("Offene Meldungen", "Open reports"),
    "reports.intro": (
        "Offene Meldungen zu Einträgen Ihrer Kommune, die älteste zuerst.",
        "Open reports about listings of your municipality, oldest first.",
    ),
    "reports.empty": ("Es gibt keine offenen Meldungen.", "There are no open reports."),
    "reports.author": ("Verfasst von", "Written by"),
    "reports.reporter": ("Gemeldet von", "Reported by"),
    "reports.anonymous": ("anonym", "anonymous"),
    "reports.reported_at": ("Gemeldet am", "Reported on"),
    "reports.author_blocked": ("Person gesperrt", "Person blocked"),
    "reports.status.suspended": ("Ausgeblendet (Person gesperrt)", "Hidden (person blocked)"),
    "reports.status.deleted": ("Von der Person gelöscht", "Deleted by its author"),
    "reports.remove": ("Eintrag entfernen", "Remove listing"),
    "reports.remove_title": ("„{title}“ entfernen", "Remove “{title}”"),
    "reports.remove_reason": (
        "Grund (die Person, die den Eintrag geschrieben hat, erhält ihn per E-Mail)",
        "Reason (the person who wrote the listing receives it by email)",
    ),
    "reports.remove_confirm": ("Eintrag jetzt entfernen", "Remove listing now"),
    "reports.removed_done": (
        "„{title}“ ist entfernt. Die Person wurde per E-Mail informiert.",
        "“{title}” has been removed. The person was told by email.",
    ),
    "reports.dismiss": ("Meldung verwerfen", "Dismiss report"),
    "reports.dismiss_title": (
        "Meldungen zu „{title}“ verwerfen",
        "Dismiss the reports about “{title}”",
    ),
    "reports.dismiss_reason": ("Grund (nur für das Protokoll)", "Reason (for the audit log only)"),
    "reports.dismiss_confirm": ("Meldung jetzt verwerfen", "Dismiss report now"),
    "reports.block_author": ("Verfasser sperren", "Block the author"),
    # --- people: block and unblock --------------------------------------------------------
    "people.title": ("Personen sperren oder entsperren", "Block or unblock people"),
    "people.intro": (
        "Suchen Sie nach Name oder E-Mail-Adresse. Sie finden nur Personen Ihrer Kommune.",
        "Search by name or email address. You find only people of your municipality.",
    ),
    "people.search_label": ("Name oder E-Mail-Adresse", "Name or email address"),
    "people.blocked_only": ("Nur gesperrte Personen", "Blocked people only"),
    "people.search": ("Personen suchen", "Search people"),
    "people.none": ("Keine Person gefunden.", "Nobody found."),
    "people.col.status": ("Status", "Status"),
    "people.status.pending": ("wartet auf Freischaltung", "waiting for approval"),
    "people.status.approved": ("freigeschaltet", "approved"),
    "people.status.blocked": ("gesperrt", "blocked"),
    "people.block": ("Sperren", "Block"),
    "people.block_person": ("{name} sperren", "Block {name}"),
    "people.unblock": ("Entsperren", "Unblock"),
    "people.unblock_person": ("{name} entsperren", "Unblock {name}"),
    "people.block_hint": (
        "Die Person wird sofort abgemeldet und kann sich nicht mehr anmelden; ihre Einträge "
        "werden ausgeblendet.",
        "The person is logged out at once and cannot log in any more; their listings are hidden.",
    ),
    "people.block_reason": ("Grund der Sperre", "Reason for the block"),
    "people.block_confirm": ("Jetzt sperren", "Block now"),
    "people.blocked_done": ("{name} ist gesperrt.", "{name} has been blocked."),
    "people.blocked_done_office": (
        "{name} ist gesperrt. {count} vertretene Person(en) betreut jetzt die Verwaltung der "
        "Kommune.",
        "{name} has been blocked. The Kommune's office now looks after {count} represented "
        "person(s).",
    ),
    "people.unblock_hint": (
        "Die Person kann sich wieder anmelden; ihre ausgeblendeten Einträge erscheinen wieder.",
        "The person can log in again; their hidden listings appear again.",
    ),
    "people.unblock_reason": ("Grund der Entsperrung", "Reason for lifting the block"),
    "people.unblock_confirm": ("Jetzt entsperren", "Unblock now"),
    "people.unblocked_done": ("{name} ist wieder freigeschaltet.", "{name} is approved again."),
    "people.query_too_short": (
        "Bitte geben Sie mindestens {min} Zeichen ein.",
        "Please enter at least {min} characters.",
    ),
    "people.query_too_long": (
        "Bitte geben Sie höchstens {max} Zeichen ein.",
        "Please enter at most {max} characters.",
    ),
    # --- pre-moderation (/eintraege-pruefen) ----------------------------------------------
    "check.title": ("Einträge prüfen", "Check listings"),
    "check.on": (
        "Die Vorabprüfung ist eingeschaltet: Neue Einträge erscheinen erst, wenn Sie sie "
        "veröffentlichen.",
        "Pre-moderation is on: new listings appear only once you publish them.",
    ),
    "check.off": (
        "Die Vorabprüfung ist ausgeschaltet: Neue Einträge erscheinen sofort. Hier stehen nur "
        "noch Einträge, die schon warten.",
        "Pre-moderation is off: new listings appear at once. Only listings that are already "
        "waiting are shown here.",
    ),
    "check.empty": ("Keine Einträge warten auf Prüfung.", "No listings are waiting for a check."),
    "check.by": ("Von", "By"),
    "check.submitted": ("Eingereicht am", "Submitted on"),
    "check.publish": ("Veröffentlichen", "Publish"),
    "check.publish_listing": ("„{title}“ veröffentlichen", "Publish “{title}”"),
    "check.published_done": (
        "„{title}“ ist veröffentlicht. Die Person wurde per E-Mail informiert.",
        "“{title}” has been published. The person was told by email.",
    ),
    "check.reject": ("Ablehnen", "Reject"),
    "check.reject_listing": ("„{title}“ ablehnen", "Reject “{title}”"),
    "check.reject_reason": (
        "Grund (die Person erhält ihn per E-Mail und kann den Eintrag ändern)",
        "Reason (the person receives it by email and may change the listing)",
    ),
    "check.reject_confirm": ("Jetzt ablehnen", "Reject now"),
    "check.rejected_done": (
        "„{title}“ ist abgelehnt und als Entwurf an die Person zurückgegeben.",
        "“{title}” has been rejected and returned to the person as a draft.",
    ),
    "mail.listing_removed.subject": (
        "Ihr Eintrag „{title}“ wurde entfernt",
        "Your listing “{title}” has been removed",
    ),
    "mail.listing_removed.body": (
        "Guten Tag {name},\n\n"
        "Ihre Kommune hat Ihren Eintrag „{title}“ bei dasnez {kommune} entfernt. "
        "Der Grund:\n\n{reason}\n\n"
        "Bei Fragen wenden Sie sich bitte an Ihre Kommune; die Kontaktdaten finden Sie hier:"
        "\n\n{url}/k/{slug}\n\n"
        "Viele Grüße\ndasnez {kommune}",
        "Hello {name},\n\n"
        "your municipality has removed your listing “{title}” at dasnez {kommune}. "
        "The reason:\n\n{reason}\n\n"
        "If you have questions, please contact your municipality; you find its contact "
        "details here:\n\n{url}/k/{slug}\n\n"
        "Kind regards\ndasnez {kommune}",
    ),
    "mail.listing_published.subject": (
        "Ihr Eintrag „{title}“ ist veröffentlicht",
        "Your listing “{title}” has been published",
    ),
    "mail.listing_published.body": (
        "Guten Tag {name},\n\n"
        "Ihre Kommune hat Ihren Eintrag „{title}“ geprüft und veröffentlicht:\n\n"
        "{url}/k/{slug}/eintrag/{listing_id}\n\n"
        "Viele Grüße\ndasnez {kommune}",
        "Hello {name},\n\n"
        "your municipality has checked and published your listing “{title}”:\n\n"
        "{url}/k/{slug}/eintrag/{listing_id}\n\n"
        "Kind regards\ndasnez {kommune}",
    ),
    "mail.listing_rejected.subject": (
        "Ihr Eintrag „{title}“ wurde nicht veröffentlicht",
        "Your listing “{title}” was not published",
    ),
    "mail.listing_rejected.body": (
        "Guten Tag {name},\n\n"
        "Ihre Kommune hat Ihren Eintrag „{title}“ geprüft und nicht veröffentlicht. "
        "Der Grund:\n\n{reason}\n\n"
        "Der Eintrag liegt als Entwurf unter „Meine Einträge“. Sie können ihn ändern und "
        "erneut veröffentlichen:\n\n{url}/meine-eintraege\n\n"
        "Viele Grüße\ndasnez {kommune}",
        "Hello {name},\n\n"
        "your municipality has checked your listing “{title}” and not published it. "
        "The reason:\n\n{reason}\n\n"
        "The listing is kept as a draft under “My listings”. You can change it and publish "
        "it again:\n\n{url}/meine-eintraege\n\n"
        "Kind regards\ndasnez {kommune}",
    ),
    # --- audit log (/protokoll) -----------------------------------------------------------
    "audit.title": ("Protokoll", "Audit log"),
    "audit.intro": (
        "Alles, was in der Verwaltung Ihrer Kommune geändert wurde: wer, was, wann und warum. "
        "Das Neueste zuerst.",
        "Everything changed in your municipality's administration: who, what, when and why. "
        "Newest first.",
    ),
    "audit.filter_action": ("Aktion", "Action"),
    "audit.all_actions": ("Alle Aktionen", "All actions"),
    "audit.filter_from": ("Von (Datum)", "From (date)"),
    "audit.filter_to": ("Bis (Datum)", "To (date)"),
    "audit.filter_text": ("Suchtext (Name, Titel oder Grund)", "Search (name, title or reason)"),
    "audit.apply": ("Anzeigen", "Show"),
    "audit.reset": ("Alle Filter entfernen", "Clear all filters"),
    "audit.count": ("Einträge im Protokoll: {count}", "Entries in the log: {count}"),
    "audit.empty": ("Keine Einträge gefunden.", "No entries found."),
    "audit.col.when": ("Wann", "When"),
    "audit.col.who": ("Wer", "Who"),
    "audit.col.what": ("Was", "What"),
    "audit.col.target": ("Betrifft", "Concerns"),
    "audit.col.reason": ("Grund", "Reason"),
    "audit.actor_gone": ("(Konto gelöscht)", "(account deleted)"),
    "audit.target_gone": ("nicht mehr vorhanden", "no longer exists"),
    "audit.date_invalid": (
        "Bitte geben Sie ein gültiges Datum ein (zum Beispiel 31.12.2026).",
        "Please enter a valid date (for example 31/12/2026).",
    ),
    "audit.range_invalid": (
        "Das Bis-Datum liegt vor dem Von-Datum. Bitte prüfen Sie den Zeitraum.",
        "The end date lies before the start date. Please check the period.",
    ),
    "audit.text_too_long": (
        "Der Suchtext darf höchstens {max} Zeichen haben.",
        "The search text may have at most {max} characters.",
    ),
    "audit.target.user": ("Person", "Person"),
    "audit.target.listing": ("Eintrag", "Listing"),
    "audit.target.report": ("Meldung zu", "Report about"),
    "audit.target.area": ("Ortsteil", "District"),
    "audit.target.category": ("Kategorie", "Category"),
    "audit.target.social_space": ("Sozialraum", "Social space"),
    "audit.target.kommune": ("Kommune", "Municipality"),
    "audit.target.sponsor": ("Sponsor", "Sponsor"),
    "audit.target.info_item": ("Info-Box-Eintrag", "Notice"),
    "audit.action.approve_user": ("Person freigeschaltet", "Person approved"),
    "audit.action.decline_user": ("Registrierung abgelehnt", "Registration declined"),
    "audit.action.block_user": ("Person gesperrt", "Person blocked"),
    "audit.action.unblock_user": ("Person entsperrt", "Person unblocked"),
    "audit.action.remove_listing": ("Eintrag entfernt", "Listing removed"),
    "audit.action.dismiss_report": ("Meldung verworfen", "Report dismissed"),
    "audit.action.publish_listing": (
        "Eintrag nach Prüfung veröffentlicht",
        "Listing published after check",
    ),
    "audit.action.reject_listing": ("Eintrag nach Prüfung abgelehnt", "Listing rejected"),
    "audit.action.delete_own_account": ("Eigenes Konto gelöscht", "Own account deleted"),
    "audit.action.invite_admin": ("Verwaltungszugang vergeben", "Admin access granted"),
    "audit.action.revoke_admin": ("Verwaltungszugang entzogen", "Admin access revoked"),
    "audit.action.update_profile": ("Angaben der Kommune geändert", "Municipality details changed"),
    "audit.action.add_area": ("Ortsteil angelegt", "District added"),
    "audit.action.rename_area": ("Ortsteil umbenannt", "District renamed"),
    "audit.action.move_area": ("Ortsteil verschoben", "District moved"),
    "audit.action.merge_area": ("Ortsteile zusammengelegt", "Districts merged"),
    "audit.action.delete_area": ("Ortsteil gelöscht", "District deleted"),
    "audit.action.add_social_space": ("Sozialraum angelegt", "Social space added"),
    "audit.action.update_social_space": ("Sozialraum geändert", "Social space changed"),
    "audit.action.delete_social_space": ("Sozialraum gelöscht", "Social space deleted"),
    "audit.action.add_category": ("Kategorie angelegt", "Category added"),
    "audit.action.rename_category": ("Kategorie umbenannt", "Category renamed"),
    "audit.action.deactivate_category": ("Kategorie abgeschaltet", "Category switched off"),
    "audit.action.reactivate_category": ("Kategorie wieder eingeschaltet", "Category switched on"),
    "audit.action.delete_category": ("Kategorie gelöscht", "Category deleted"),
    "audit.action.export_people": ("Personenliste exportiert", "People list exported"),
    "audit.action.export_listings": ("Eintragsliste exportiert", "Listings list exported"),
    "audit.action.add_sponsor": ("Sponsor angelegt", "Sponsor added"),
    "audit.action.update_sponsor": ("Sponsor geändert", "Sponsor changed"),
    "audit.action.move_sponsor": ("Sponsor verschoben", "Sponsor moved"),
    "audit.action.delete_sponsor": ("Sponsor gelöscht", "Sponsor deleted"),
    "audit.action.add_info_item": ("Info-Box-Eintrag angelegt", "Notice added"),
    "audit.action.update_info_item": ("Info-Box-Eintrag geändert", "Notice changed"),
    "audit.action.move_info_item": ("Info-Box-Eintrag verschoben", "Notice moved"),
    "audit.action.delete_info_item": ("Info-Box-Eintrag gelöscht", "Notice deleted"),
}
