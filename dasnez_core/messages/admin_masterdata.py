"""Catalog part: admin_masterdata texts of the admin portal (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- navigation and shared pieces --------------------------------------------------------
    "masterdata.nav.profile": ("Stammdaten", "Profile"),
    "masterdata.nav.areas": ("Ortsteile", "Districts"),
    "masterdata.nav.spaces": ("Sozialräume", "Social spaces"),
    "masterdata.nav.categories": ("Kategorien", "Categories"),
    "masterdata.nav.sponsors": ("Sponsoren", "Sponsors"),
    "masterdata.nav.infobox": ("Info-Box", "Notice board"),
    "masterdata.edit": ("Bearbeiten", "Edit"),
    "masterdata.close": ("Schließen", "Close"),
    "masterdata.page_prev": ("Vorige Seite", "Previous page"),
    "masterdata.page_next": ("Nächste Seite", "Next page"),
    "masterdata.page_of": ("Seite {page} von {pages}", "Page {page} of {pages}"),
    "masterdata.col_listings": ("Einträge", "Listings"),
    "masterdata.col_people": ("Personen", "People"),
    "masterdata.col_period": ("Zeitraum", "Period"),
    "masterdata.col_state": ("Öffentlich", "Public"),
    "masterdata.col_order": ("Reihenfolge", "Order"),
    "masterdata.move_up": ("Nach oben", "Move up"),
    "masterdata.move_down": ("Nach unten", "Move down"),
    "masterdata.order_saved": ("Die Reihenfolge ist gespeichert.", "The order has been saved."),
    "masterdata.state.shown": ("wird angezeigt", "shown"),
    "masterdata.state.planned": ("noch nicht sichtbar", "not shown yet"),
    "masterdata.state.ended": ("abgelaufen", "ended"),
    "masterdata.url_hint": (
        "Mit http:// oder https:// am Anfang, zum Beispiel https://www.beispiel.de",
        "Starting with http:// or https://, for example https://www.example.org",
    ),
    "masterdata.url_hint_optional": (
        "Freiwillig. Mit http:// oder https:// am Anfang.",
        "Optional. Starting with http:// or https://.",
    ),
    # --- errors from the services ------------------------------------------------------------
    "masterdata.name_too_short": (
        "Der Name muss mindestens {min} Zeichen haben.",
        "The name needs at least {min} characters.",
    ),
    "masterdata.name_too_long": (
        "Der Name darf höchstens {max} Zeichen haben.",
        "The name may have at most {max} characters.",
    ),
    "masterdata.text_too_long": (
        "Der Text darf höchstens {max} Zeichen haben.",
        "The text may have at most {max} characters.",
    ),
    "masterdata.url_required": (
        "Bitte geben Sie die Internetadresse ein (mit https:// am Anfang).",
        "Please enter the web address (starting with https://).",
    ),
    "masterdata.url_too_long": (
        "Die Internetadresse darf höchstens {max} Zeichen haben.",
        "The web address may have at most {max} characters.",
    ),
    "masterdata.url_invalid": (
        "Die Internetadresse muss mit http:// oder https:// beginnen, zum Beispiel "
        "https://www.beispiel.de.",
        "The web address must start with http:// or https://, for example https://www.example.org.",
    ),
    "masterdata.date_invalid": (
        "Bitte geben Sie ein gültiges Datum ein (zum Beispiel 31.12.2026).",
        "Please enter a valid date (for example 31.12.2026).",
    ),
    "masterdata.period_end_before_start": (
        "Das Ende darf nicht vor dem Beginn liegen.",
        "The end must not be before the start.",
    ),
    "masterdata.cannot_move": (
        "Dieser Eintrag steht schon ganz oben oder ganz unten.",
        "This entry is already at the top or at the bottom.",
    ),
    # --- profile -------------------------------------------------------------------------------
    "masterdata.profile.title": ("Stammdaten der Kommune", "Municipality profile"),
    "masterdata.profile.public_link": (
        "Öffentliche Seite der Kommune ansehen",
        "View the municipality's public page",
    ),
    "masterdata.profile.group_contact": ("Name und Kontakt", "Name and contact"),
    "masterdata.profile.name": ("Name der Kommune", "Name of the municipality"),
    "masterdata.profile.contact_name": (
        "Ansprechperson oder Stelle (freiwillig)",
        "Contact person or office (optional)",
    ),
    "masterdata.profile.contact_email": ("E-Mail-Adresse für den Kontakt", "Contact email address"),
    "masterdata.profile.contact_phone": ("Telefon (freiwillig)", "Phone (optional)"),
    "masterdata.profile.contact_address": ("Anschrift (freiwillig)", "Postal address (optional)"),
    "masterdata.profile.group_listings": ("Einträge", "Listings"),
    "masterdata.profile.listing_days": (
        "Laufzeit eines Eintrags in Tagen",
        "Run time of a listing in days",
    ),
    "masterdata.profile.listing_days_hint": (
        "7 bis 365 Tage. Gilt für Einträge, die ab jetzt veröffentlicht oder verlängert werden.",
        "7 to 365 days. Applies to listings published or renewed from now on.",
    ),
    "masterdata.profile.reminder_days": (
        "Erinnerung an das Ende: Tage vorher",
        "Reminder before the end: days before",
    ),
    "masterdata.profile.reminder_days_hint": (
        "1 bis 30 Tage, weniger als die Laufzeit. Die Person bekommt dann eine E-Mail.",
        "1 to 30 days, less than the run time. The person then gets an email.",
    ),
    "masterdata.profile.premoderation": (
        "Vorabprüfung: neue Einträge erst nach Prüfung durch die Kommune zeigen",
        "Pre-moderation: show new listings only after the municipality checked them",
    ),
    "masterdata.profile.premoderation_hint": (
        "Ohne Vorabprüfung erscheinen Einträge sofort; gemeldete Einträge prüfen Sie dann "
        "nachträglich.",
        "Without pre-moderation listings appear at once; you check reported listings afterwards.",
    ),
    "masterdata.profile.group_exchanges": ("Börsen", "Exchanges"),
    "masterdata.profile.exchanges_hint": (
        "Welche Börsen bietet Ihre Kommune an? Mindestens eine muss eingeschaltet sein.",
        "Which exchanges does your municipality offer? At least one must be switched on.",
    ),
    "masterdata.profile.save": ("Stammdaten speichern", "Save profile"),
    "masterdata.profile_saved": (
        "Die Stammdaten sind gespeichert und ab sofort öffentlich zu sehen.",
        "The profile has been saved and is public from now on.",
    ),
    "masterdata.contact_email_required": (
        "Bitte geben Sie eine E-Mail-Adresse für den Kontakt an.",
        "Please give a contact email address.",
    ),
    "masterdata.phone_invalid": (
        "Die Telefonnummer darf nur Ziffern, Leerzeichen und + ( ) / - enthalten.",
        "The phone number may only contain digits, spaces and + ( ) / -.",
    ),
    "masterdata.listing_days_range": (
        "Die Laufzeit muss eine Zahl zwischen {min} und {max} Tagen sein.",
        "The run time must be a number between {min} and {max} days.",
    ),
    "masterdata.reminder_days_range": (
        "Die Erinnerung muss eine Zahl zwischen {min} und {max} Tagen sein.",
        "The reminder must be a number between {min} and {max} days.",
    ),
    "masterdata.reminder_not_before_end": (
        "Die Erinnerung muss weniger Tage vor dem Ende liegen, als ein Eintrag läuft.",
        "The reminder must be fewer days before the end than a listing runs.",
    ),
    "masterdata.exchange_required": (
        "Bitte lassen Sie mindestens eine Börse eingeschaltet.",
        "Please keep at least one exchange switched on.",
    ),
    # --- districts and villages --------------------------------------------------------------
    "masterdata.areas.title": ("Ortsteile und Dörfer", "Districts and villages"),
    "masterdata.areas.add_title": (
        "Neuen Ortsteil oder neues Dorf anlegen",
        "Add a district or a village",
    ),
    "masterdata.areas.name": ("Name", "Name"),
    "masterdata.areas.parent": ("Gehört zum Ortsteil", "Belongs to the district"),
    "masterdata.areas.no_parent": (
        "Keinem – ein eigener Ortsteil",
        "None – a district of its own",
    ),
    "masterdata.areas.add": ("Anlegen", "Add"),
    "masterdata.areas.added": ("„{name}“ ist angelegt.", "“{name}” has been added."),
    "masterdata.areas.edit_title": ("„{name}“ bearbeiten", "Edit “{name}”"),
    "masterdata.areas.new_name": ("Neuer Name", "New name"),
    "masterdata.areas.rename": ("Umbenennen", "Rename"),
    "masterdata.areas.renamed": ("Der neue Name ist gespeichert.", "The new name has been saved."),
    "masterdata.areas.move_to": (
        "Dorf in einen anderen Ortsteil verschieben",
        "Move the village to another district",
    ),
    "masterdata.areas.move": ("Verschieben", "Move"),
    "masterdata.areas.moved": (
        "Das Dorf ist verschoben; seine Einträge gehören jetzt zum neuen Ortsteil.",
        "The village has been moved; its listings now belong to the new district.",
    ),
    "masterdata.areas.merge_hint": (
        "Zusammenführen: Einträge, Personen und Sozialräume wandern in den gewählten Ortsteil, "
        "die Dörfer eines Ortsteils ebenso. Danach wird dieser hier gelöscht.",
        "Merge: listings, people and social spaces move to the chosen district, and so do a "
        "district's villages. Then this one is deleted.",
    ),
    "masterdata.areas.merge_into": ("Zusammenführen mit", "Merge into"),
    "masterdata.areas.merge_confirm": (
        "Ja, zusammenführen und diesen Ortsteil danach löschen",
        "Yes, merge and then delete this district",
    ),
    "masterdata.areas.merge": ("Zusammenführen", "Merge"),
    "masterdata.areas.merged": (
        "„{name}“ ist zusammengeführt und gelöscht.",
        "“{name}” has been merged and deleted.",
    ),
    "masterdata.areas.delete": ("Löschen", "Delete"),
    "masterdata.areas.deleted": ("„{name}“ ist gelöscht.", "“{name}” has been deleted."),
    "masterdata.areas.col_name": ("Ortsteil", "District"),
    "masterdata.areas.col_kind": ("Art", "Kind"),
    "masterdata.areas.col_spaces": ("Sozialräume", "Social spaces"),
    "masterdata.areas.col_villages": ("Dörfer", "Villages"),
    "masterdata.areas.kind_district": ("Ortsteil", "District"),
    "masterdata.areas.kind_village": ("Dorf", "Village"),
    "masterdata.area_not_found": (
        "Dieser Ortsteil wurde nicht gefunden.",
        "This district was not found.",
    ),
    "masterdata.area_duplicate": (
        "„{name}“ gibt es an dieser Stelle schon. Bitte wählen Sie einen anderen Namen.",
        "“{name}” exists here already. Please choose another name.",
    ),
    "masterdata.area_parent_not_district": (
        "Ein Dorf kann nur zu einem Ortsteil gehören, nicht zu einem anderen Dorf.",
        "A village can only belong to a district, not to another village.",
    ),
    "masterdata.area_move_only_villages": (
        "Nur Dörfer lassen sich verschieben. Einen Ortsteil können Sie mit einem anderen "
        "zusammenführen.",
        "Only villages can be moved. A district can be merged into another one.",
    ),
    "masterdata.area_already_there": (
        "Das Dorf gehört schon zu {name}.",
        "The village belongs to {name} already.",
    ),
    "masterdata.area_merge_same": (
        "Bitte wählen Sie einen anderen Ortsteil als Ziel.",
        "Please choose another district as the target.",
    ),
    "masterdata.area_merge_district_into_village": (
        "Einen Ortsteil können Sie nur mit einem anderen Ortsteil zusammenführen, nicht mit "
        "einem Dorf.",
        "A district can only be merged into another district, not into a village.",
    ),
    "masterdata.area_merge_confirm": (
        "Bitte bestätigen Sie das Zusammenführen mit dem Häkchen.",
        "Please confirm the merge with the tick box.",
    ),
    "masterdata.area_in_use": (
        "„{name}“ wird noch verwendet ({listings} Einträge, {people} Personen, {spaces} "
        "Sozialräume, {villages} Dörfer) und kann nicht gelöscht werden. Führen Sie ihn "
        "stattdessen mit einem anderen Ortsteil zusammen: Dann wandert alles dorthin.",
        "“{name}” is still in use ({listings} listings, {people} people, {spaces} social "
        "spaces, {villages} villages) and cannot be deleted. Merge it into another district "
        "instead: then everything moves there.",
    ),
    "masterdata.area_last_district": (
        "Der letzte Ortsteil kann nicht gelöscht werden: Bei der Registrierung wählt jede "
        "Person ihren Ortsteil.",
        "The last district cannot be deleted: everyone chooses their district when registering.",
    ),
    # --- social spaces ---------------------------------------------------------------------
    "masterdata.spaces.title": ("Sozialräume", "Social spaces"),
    "masterdata.spaces.add_title": ("Neuen Sozialraum anlegen", "Add a social space"),
    "masterdata.spaces.kind": ("Art", "Kind"),
    "masterdata.spaces.name": ("Name", "Name"),
    "masterdata.spaces.area": ("Ortsteil (freiwillig)", "District (optional)"),
    "masterdata.spaces.no_area": ("Kein bestimmter Ortsteil", "No particular district"),
    "masterdata.spaces.add": ("Anlegen", "Add"),
    "masterdata.spaces.added": ("Der Sozialraum ist angelegt.", "The social space has been added."),
    "masterdata.spaces.edit_title": ("„{name}“ bearbeiten", "Edit “{name}”"),
    "masterdata.spaces.saved": ("Die Änderung ist gespeichert.", "The change has been saved."),
    "masterdata.spaces.delete": ("Löschen", "Delete"),
    "masterdata.spaces.deleted": ("„{name}“ ist gelöscht.", "“{name}” has been deleted."),
    "masterdata.space_kind.parish": ("Kirchengemeinde", "Parish"),
    "masterdata.space_kind.kindergarten": ("Kindergarten", "Kindergarten"),
    "masterdata.space_kind.school": ("Schule", "School"),
    "masterdata.space_kind.club": ("Verein", "Club"),
    "masterdata.space_kind.care_home": ("Pflegeheim", "Care home"),
    "masterdata.space_kind.other": ("Sonstiges", "Other"),
    "masterdata.space_not_found": (
        "Dieser Sozialraum wurde nicht gefunden.",
        "This social space was not found.",
    ),
    "masterdata.space_kind_required": (
        "Bitte wählen Sie die Art des Sozialraums.",
        "Please choose the kind of social space.",
    ),
    "masterdata.space_duplicate": (
        "Einen Sozialraum „{name}“ gibt es schon. Bitte wählen Sie einen anderen Namen.",
        "A social space “{name}” exists already. Please choose another name.",
    ),
    "masterdata.space_in_use": (
        "„{name}“ wird noch verwendet ({listings} Einträge, {people} Personen) und kann nicht "
        "gelöscht werden. Sie können ihn umbenennen oder eine andere Art wählen.",
        "“{name}” is still in use ({listings} listings, {people} people) and cannot be "
        "deleted. You can rename it or choose another kind.",
    ),
    # --- categories --------------------------------------------------------------------------
    "masterdata.categories.title": ("Kategorien", "Categories"),
    "masterdata.categories.hint": (
        "Eine deaktivierte Kategorie wird für neue Einträge nicht mehr angeboten; bestehende "
        "Einträge bleiben sichtbar.",
        "A deactivated category is no longer offered for new listings; existing listings stay "
        "visible.",
    ),
    "masterdata.categories.add_title": ("Neue Kategorie anlegen", "Add a category"),
    "masterdata.categories.exchange": ("Börse", "Exchange"),
    "masterdata.categories.exchange_off": ("(ausgeschaltet)", "(switched off)"),
    "masterdata.categories.name": ("Kategorie", "Category"),
    "masterdata.categories.status": ("Status", "Status"),
    "masterdata.categories.active": ("aktiv", "active"),
    "masterdata.categories.inactive": ("deaktiviert", "deactivated"),
    "masterdata.categories.add": ("Anlegen", "Add"),
    "masterdata.categories.added": ("Die Kategorie ist angelegt.", "The category has been added."),
    "masterdata.categories.edit_title": ("„{name}“ bearbeiten", "Edit “{name}”"),
    "masterdata.categories.new_name": ("Neuer Name", "New name"),
    "masterdata.categories.rename": ("Umbenennen", "Rename"),
    "masterdata.categories.renamed": (
        "Der neue Name ist gespeichert.",
        "The new name has been saved.",
    ),
    "masterdata.categories.deactivate": ("Deaktivieren", "Deactivate"),
    "masterdata.categories.reactivate": ("Wieder aktivieren", "Reactivate"),
    "masterdata.categories.deactivated": (
        "„{name}“ ist deaktiviert und wird für neue Einträge nicht mehr angeboten.",
        "“{name}” is deactivated and no longer offered for new listings.",
    ),
    "masterdata.categories.reactivated": (
        "„{name}“ ist wieder aktiv.",
        "“{name}” is active again.",
    ),
    "masterdata.categories.delete": ("Löschen", "Delete"),
    "masterdata.categories.deleted": ("„{name}“ ist gelöscht.", "“{name}” has been deleted."),
    "masterdata.category_not_found": (
        "Diese Kategorie wurde nicht gefunden.",
        "This category was not found.",
    ),
    "masterdata.exchange_not_found": (
        "Bitte wählen Sie eine Börse aus der Liste.",
        "Please choose an exchange from the list.",
    ),
    "masterdata.category_duplicate": (
        "Die Kategorie „{name}“ gibt es in dieser Börse schon.",
        "The category “{name}” exists in this exchange already.",
    ),
    "masterdata.category_already_active": (
        "Diese Kategorie ist schon aktiv.",
        "This category is active already.",
    ),
    "masterdata.category_already_inactive": (
        "Diese Kategorie ist schon deaktiviert.",
        "This category is deactivated already.",
    ),
    "masterdata.category_in_use": (
        "„{name}“ wird von {listings} Einträgen verwendet und kann nicht gelöscht werden. "
        "Deaktivieren Sie die Kategorie stattdessen: Dann wird sie für neue Einträge nicht "
        "mehr angeboten, bestehende Einträge bleiben.",
        "“{name}” is used by {listings} listings and cannot be deleted. Deactivate the "
        "category instead: then it is no longer offered for new listings, existing ones stay.",
    ),
    # --- sponsors ----------------------------------------------------------------------------
    "masterdata.sponsors.title": ("Sponsoren", "Sponsors"),
    "masterdata.sponsors.hint": (
        "Sponsoren erscheinen auf der öffentlichen Seite Ihrer Kommune, nur im angegebenen "
        "Zeitraum und in dieser Reihenfolge.",
        "Sponsors appear on your municipality's public page, only within the given period "
        "and in this order.",
    ),
    "masterdata.sponsors.add_title": ("Neuen Sponsor anlegen", "Add a sponsor"),
    "masterdata.sponsors.name": ("Name", "Name"),
    "masterdata.sponsors.url": ("Internetadresse", "Web address"),
    "masterdata.sponsors.valid_from": ("Sichtbar ab (freiwillig)", "Shown from (optional)"),
    "masterdata.sponsors.valid_until": ("Sichtbar bis (freiwillig)", "Shown until (optional)"),
    "masterdata.sponsors.add": ("Anlegen", "Add"),
    "masterdata.sponsors.added": ("Der Sponsor ist angelegt.", "The sponsor has been added."),
    "masterdata.sponsors.edit_title": ("„{name}“ bearbeiten", "Edit “{name}”"),
    "masterdata.sponsors.saved": ("Die Änderung ist gespeichert.", "The change has been saved."),
    "masterdata.sponsors.delete": ("Löschen", "Delete"),
    "masterdata.sponsors.deleted": ("„{name}“ ist gelöscht.", "“{name}” has been deleted."),
    "masterdata.sponsor_not_found": (
        "Dieser Sponsor wurde nicht gefunden.",
        "This sponsor was not found.",
    ),
    # --- Info-Box ----------------------------------------------------------------------------
    "masterdata.info.title": ("Info-Box", "Notice board"),
    "masterdata.info.hint": (
        "Hinweise, Termine und Links für die öffentliche Seite Ihrer Kommune. Sie erscheinen "
        "nur im angegebenen Zeitraum und in dieser Reihenfolge.",
        "Notes, dates and links for your municipality's public page. They appear only within "
        "the given period and in this order.",
    ),
    "masterdata.info.add_title": ("Neuen Eintrag für die Info-Box", "Add a notice"),
    "masterdata.info.title_field": ("Überschrift", "Heading"),
    "masterdata.info.body": ("Text (freiwillig)", "Text (optional)"),
    "masterdata.info.link": ("Link (freiwillig)", "Link (optional)"),
    "masterdata.info.event_date": ("Termin (freiwillig)", "Date of the event (optional)"),
    "masterdata.info.col_event": ("Termin", "Date"),
    "masterdata.info.publish_from": ("Anzeigen ab (freiwillig)", "Show from (optional)"),
    "masterdata.info.publish_until": ("Anzeigen bis (freiwillig)", "Show until (optional)"),
    "masterdata.info.add": ("Anlegen", "Add"),
    "masterdata.info.added": (
        "Der Eintrag ist in der Info-Box angelegt.",
        "The notice has been added.",
    ),
    "masterdata.info.edit_title": ("„{name}“ bearbeiten", "Edit “{name}”"),
    "masterdata.info.saved": ("Die Änderung ist gespeichert.", "The change has been saved."),
    "masterdata.info.delete": ("Löschen", "Delete"),
    "masterdata.info.deleted": ("„{name}“ ist gelöscht.", "“{name}” has been deleted."),
    "masterdata.info_not_found": (
        "Dieser Eintrag der Info-Box wurde nicht gefunden.",
        "This notice was not found.",
    ),
    # --- logos (Kommune page and sponsors) -------------------------------------------------
    "masterdata.logo.title": ("Logo", "Logo"),
    "masterdata.logo.upload": (
        "Logo hochladen (PNG, JPG oder WebP, höchstens 1 MB)",
        "Upload a logo (PNG, JPG or WebP, at most 1 MB)",
    ),
    "masterdata.logo.upload_hint": (
        "Tippen oder klicken Sie hier, um eine Bilddatei auszuwählen.",
        "Tap or click here to choose an image file.",
    ),
    "masterdata.logo.current": ("Aktuelles Logo", "Current logo"),
    "masterdata.logo.none": ("Noch kein Logo hochgeladen.", "No logo uploaded yet."),
    "masterdata.logo.remove": ("Logo entfernen", "Remove logo"),
    "masterdata.logo.saved": (
        "Das Logo ist gespeichert und erscheint auf der öffentlichen Seite.",
        "The logo has been saved and shows on the public page.",
    ),
    "masterdata.logo.removed": ("Das Logo ist entfernt.", "The logo has been removed."),
    "masterdata.logo_empty": (
        "Die Datei ist leer. Bitte wählen Sie ein Bild aus.",
        "The file is empty. Please choose an image.",
    ),
    "masterdata.logo_too_big": (
        "Die Datei ist zu groß. Ein Logo darf höchstens {max} MB groß sein.",
        "The file is too large. A logo may be at most {max} MB.",
    ),
    "masterdata.logo_wrong_type": (
        "Diese Datei ist kein PNG-, JPG- oder WebP-Bild. Bitte wählen Sie ein solches Bild.",
        "This file is not a PNG, JPG or WebP image. Please choose such an image.",
    ),
}
