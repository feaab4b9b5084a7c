"""Every text a person reads: key → (German, English). German is the default."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- general ---------------------------------------------------------------------------
    "app.name": ("dasnez", "dasnez"),
    "app.tagline": (
        "Nachbarschaftshilfe in Ihrer Kommune",
        "Neighbourhood help in your municipality",
    ),
    "admin.app_name": ("dasnez Verwaltung", "dasnez administration"),
    "nav.home": ("Startseite", "Home"),
    "nav.login": ("Anmelden", "Log in"),
    "nav.logout": ("Abmelden", "Log out"),
    "nav.register": ("Registrieren", "Register"),
    "nav.new_listing": ("Neues Angebot oder Gesuch", "New offer or request"),
    "nav.language": ("Sprache", "Language"),
    "nav.switch_to_en": ("English", "English"),
    "nav.switch_to_de": ("Deutsch", "Deutsch"),
    "nav.logged_in_as": ("Angemeldet als", "Logged in as"),
    "common.skip_to_content": ("Zum Inhalt springen", "Skip to content"),
    "landing.search_button": ("Suchen", "Search"),
    "common.loading": ("Wird geladen …", "Loading …"),
    "common.save": ("Speichern", "Save"),
    "common.back": ("Zurück", "Back"),
    "common.choose": ("Bitte wählen", "Please choose"),
    "not_found.title": ("Seite nicht gefunden", "Page not found"),
    "not_found.text": (
        "Diese Seite gibt es nicht (mehr). Vielleicht hilft Ihnen die Startseite weiter.",
        "This page does not exist (any more). The home page may help you on.",
    ),
    # --- errors from services ----------------------------------------------------------------
    "error.not_found": ("Nicht gefunden.", "Not found."),
    "error.not_allowed": (
        "Dazu sind Sie nicht berechtigt.",
        "You are not allowed to do that.",
    ),
    "error.unexpected": (
        "Etwas ist schiefgegangen. Bitte versuchen Sie es noch einmal.",
        "Something went wrong. Please try again.",
    ),
    "auth.required": (
        "Bitte melden Sie sich zuerst an.",
        "Please log in first.",
    ),
    "kommune.not_found": (
        "Diese Kommune kennen wir nicht. Bitte wählen Sie Ihre Kommune auf der Startseite.",
        "We do not know this municipality. Please choose yours on the home page.",
    ),
    "user.not_found": ("Diese Person wurde nicht gefunden.", "This person was not found."),
    "area.unknown": (
        "Bitte wählen Sie einen Ortsteil aus der Liste.",
        "Please choose a district from the list.",
    ),
    "email.required": (
        "Bitte geben Sie Ihre E-Mail-Adresse ein.",
        "Please enter your email address.",
    ),
    "email.invalid": (
        "Das ist keine gültige E-Mail-Adresse (Beispiel: name@beispiel.de).",
        "That is not a valid email address (example: name@example.org).",
    ),
    "display_name.too_short": (
        "Ihr Name muss mindestens {min} Zeichen haben.",
        "Your name needs at least {min} characters.",
    ),
    "display_name.too_long": (
        "Ihr Name darf höchstens {max} Zeichen haben.",
        "Your name may have at most {max} characters.",
    ),
    "password.too_short": (
        "Das Passwort muss mindestens {min} Zeichen lang sein.",
        "The password must be at least {min} characters long.",
    ),
    "password.too_long": (
        "Das Passwort darf höchstens {max} Zeichen lang sein.",
        "The password may be at most {max} characters long.",
    ),
    "password.common": (
        "Dieses Passwort ist zu bekannt und leicht zu erraten. Bitte wählen Sie ein anderes, "
        "zum Beispiel einen kurzen Satz.",
        "This password is too common and easy to guess. Please choose another one, "
        "for example a short sentence.",
    ),
    "password.personal": (
        "Das Passwort darf nicht Ihr Name oder Ihre E-Mail-Adresse sein.",
        "The password must not be your name or email address.",
    ),
    "register.area_required": (
        "Bitte wählen Sie Ihren Ortsteil.",
        "Please choose your district.",
    ),
    "register.privacy_required": (
        "Bitte stimmen Sie der Datenschutzerklärung zu.",
        "Please accept the privacy notice.",
    ),
    "register.terms_required": (
        "Bitte stimmen Sie den Nutzungsbedingungen zu.",
        "Please accept the terms of use.",
    ),
    "login.failed": (
        "E-Mail-Adresse oder Passwort stimmen nicht.",
        "Email address or password is wrong.",
    ),
    "login.blocked": (
        "Ihr Konto ist gesperrt. Bitte wenden Sie sich an Ihre Kommune.",
        "Your account is blocked. Please contact your municipality.",
    ),
    "login.not_admin": (
        "Dieses Konto hat keinen Zugang zur Verwaltung.",
        "This account has no access to the administration.",
    ),
    "login.session_expired": (
        "Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.",
        "Your session has expired. Please log in again.",
    ),
    "listing.account_pending": (
        "Ihr Konto wartet noch auf die Freischaltung durch Ihre Kommune. "
        "Danach können Sie Angebote und Gesuche veröffentlichen.",
        "Your account is still waiting for approval by your municipality. "
        "After that you can publish offers and requests.",
    ),
    "listing.kind_required": (
        "Bitte wählen Sie: Angebot oder Gesuch.",
        "Please choose: offer or request.",
    ),
    "listing.exchange_required": ("Bitte wählen Sie eine Börse.", "Please choose an exchange."),
    "listing.category_required": (
        "Bitte wählen Sie eine Kategorie dieser Börse.",
        "Please choose a category of this exchange.",
    ),
    "listing.title_too_short": (
        "Der Titel muss mindestens {min} Zeichen haben.",
        "The title needs at least {min} characters.",
    ),
    "listing.title_too_long": (
        "Der Titel darf höchstens {max} Zeichen haben.",
        "The title may have at most {max} characters.",
    ),
    "listing.body_too_short": (
        "Die Beschreibung muss mindestens {min} Zeichen haben.",
        "The description needs at least {min} characters.",
    ),
    "listing.body_too_long": (
        "Die Beschreibung darf höchstens {max} Zeichen haben.",
        "The description may have at most {max} characters.",
    ),
    "listing.area_required": (
        "Bitte wählen Sie den Ortsteil.",
        "Please choose the district.",
    ),
    "listing.social_space_unknown": (
        "Bitte wählen Sie Sozialräume aus der Liste.",
        "Please choose social spaces from the list.",
    ),
    "approval.not_pending": (
        "Diese Person ist bereits freigeschaltet.",
        "This person has already been approved.",
    ),
    # --- landing --------------------------------------------------------------------------
    "landing.title": ("Finden Sie Ihre Kommune", "Find your municipality"),
    "landing.search_label": ("Name oder Postleitzahl", "Name or postcode"),
    "landing.none": (
        "Keine Kommune gefunden. Vielleicht ist Ihre Kommune noch nicht dabei.",
        "No municipality found. Perhaps yours has not joined yet.",
    ),
    # --- kommune page ---------------------------------------------------------------------
    "kommune.infobox": ("Info-Box", "Notice board"),
    "kommune.event_on": ("Termin:", "Date:"),
    "kommune.sponsors": ("Unterstützt von", "Supported by"),
    "kommune.exchanges": ("Unsere Börsen", "Our exchanges"),
    "kommune.newest": ("Neueste Angebote und Gesuche", "Newest offers and requests"),
    "kommune.no_listings": (
        "Noch keine Angebote oder Gesuche. Machen Sie den Anfang!",
        "No offers or requests yet. Be the first!",
    ),
    "kommune.by": ("von", "by"),
    "kommune.contact": ("Kontakt", "Contact"),
    "kind.offer": ("Angebot", "Offer"),
    "kind.request": ("Gesuch", "Request"),
    "exchange.taschengeld": ("Taschengeldbörse", "Pocket-money jobs"),
    "exchange.zeitspende": ("Zeitspende", "Time donation"),
    "exchange.tausch": ("Tauschbörse", "Swap"),
    "exchange.nachbarschaft": ("Nachbarschaftshilfe", "Neighbourly help"),
    "status.pending_banner": (
        "Ihr Konto wartet auf die Freischaltung durch die Kommune. Sie können sich schon "
        "umsehen; veröffentlichen können Sie nach der Freischaltung.",
        "Your account is waiting for approval by the municipality. You can look around "
        "already; you can publish after approval.",
    ),
    # --- register -------------------------------------------------------------------------
    "register.title": ("Registrieren in {kommune}", "Register in {kommune}"),
    "register.intro": (
        "Nach der Registrierung schicken wir Ihnen eine E-Mail. Sobald Sie Ihre Adresse über "
        "den Link darin bestätigt haben, prüft Ihre Kommune Ihre Angaben und schaltet Ihr "
        "Konto frei.",
        "After you register we send you an email. Once you have confirmed your address with "
        "the link in it, your municipality checks your details and approves your account.",
    ),
    "register.email": ("E-Mail-Adresse", "Email address"),
    "register.password": ("Passwort (mindestens 10 Zeichen)", "Password (at least 10 characters)"),
    "register.password_hint": (
        "Tipp: Ein kurzer Satz ist leicht zu merken und schwer zu erraten.",
        "Tip: a short sentence is easy to remember and hard to guess.",
    ),
    "register.display_name": ("Ihr Name (so sehen ihn andere)", "Your name (as others see it)"),
    "register.area": ("Ihr Ortsteil", "Your district"),
    "register.accept_privacy": (
        "Ich habe die Datenschutzerklärung (Version {version}) gelesen und stimme zu.",
        "I have read and accept the privacy notice (version {version}).",
    ),
    "register.accept_terms": (
        "Ich stimme den Nutzungsbedingungen (Version {version}) zu.",
        "I accept the terms of use (version {version}).",
    ),
    "register.submit": ("Registrieren", "Register"),
    "register.done_title": (
        "Bitte sehen Sie in Ihr E-Mail-Postfach",
        "Please check your email inbox",
    ),
    "register.done_text": (
        "Wir haben Ihnen eine E-Mail an {email} geschickt. Bitte bestätigen Sie Ihre Adresse "
        "über den Link darin; erst dann ist Ihre Registrierung vollständig. Der Link gilt "
        "7 Tage. Keine E-Mail da? Bitte sehen Sie auch im Spam-Ordner nach.",
        "We have sent an email to {email}. Please confirm your address with the link in it; "
        "only then is your registration complete. The link is valid for 7 days. No email? "
        "Please also look in your spam folder.",
    ),
    # --- login ----------------------------------------------------------------------------
    "login.title": ("Anmelden", "Log in"),
    "login.email": ("E-Mail-Adresse", "Email address"),
    "login.password": ("Passwort", "Password"),
    "login.submit": ("Anmelden", "Log in"),
    "login.no_account": (
        "Noch kein Konto? Wählen Sie Ihre Kommune und registrieren Sie sich.",
        "No account yet? Choose your municipality and register.",
    ),
    # --- new listing ----------------------------------------------------------------------
    "listing.new_title": ("Neues Angebot oder Gesuch", "New offer or request"),
    "listing.kind": ("Was möchten Sie?", "What would you like?"),
    "listing.kind_offer": ("Ich biete Hilfe an (Angebot)", "I offer help (offer)"),
    "listing.kind_request": ("Ich suche Hilfe (Gesuch)", "I am looking for help (request)"),
    "listing.exchange": ("Börse", "Exchange"),
    "listing.category": ("Kategorie", "Category"),
    "listing.title": ("Titel", "Title"),
    "listing.body": ("Beschreibung", "Description"),
    "listing.area": ("Ortsteil", "District"),
    "listing.social_spaces": ("Sozialräume (freiwillig)", "Social spaces (optional)"),
    "listing.submit": ("Veröffentlichen", "Publish"),
    "listing.published": ("Ihr Eintrag ist veröffentlicht.", "Your listing is published."),
    "listing.awaiting_moderation": (
        "Ihr Eintrag wird von der Kommune geprüft und erscheint danach.",
        "Your listing is being checked by the municipality and will appear afterwards.",
    ),
    "listing.login_needed": (
        "Bitte melden Sie sich an, um einen Eintrag zu erstellen.",
        "Please log in to create a listing.",
    ),
    "listing.other_kommune": (
        "Sie können nur in Ihrer eigenen Kommune Einträge erstellen.",
        "You can only post in your own municipality.",
    ),
    # --- admin portal ---------------------------------------------------------------------
    "admin.login_title": ("Anmeldung Verwaltung", "Administration login"),
    "admin.nav.approvals": ("Freischaltung", "Approvals"),
    "admin.nav.kommunen": ("Kommunen", "Municipalities"),
    "admin.kommune": ("Kommune", "Municipality"),
    "admin.approvals_title": ("Freischaltung: wartende Personen", "Approvals: people waiting"),
    "admin.approvals_empty": (
        "Niemand wartet auf Freischaltung.",
        "Nobody is waiting for approval.",
    ),
    "admin.col.name": ("Name", "Name"),
    "admin.col.email": ("E-Mail", "Email"),
    "admin.col.area": ("Ortsteil", "District"),
    "admin.col.registered": ("Registriert am", "Registered on"),
    "admin.col.action": ("Aktion", "Action"),
    "admin.approve": ("Freischalten", "Approve"),
    "admin.approved_done": ("{name} ist freigeschaltet.", "{name} has been approved."),
    "admin.kommunen_title": ("Alle Kommunen", "All municipalities"),
    "admin.col.approved_users": ("Freigeschaltete Personen", "Approved people"),
    "admin.col.pending_users": ("Wartende Personen", "People waiting"),
    "admin.col.listings": ("Veröffentlichte Einträge", "Published listings"),
    "admin.platform_hint": (
        "Sie sind als Plattformbetrieb angemeldet und sehen Zahlen aller Kommunen.",
        "You are logged in as platform staff and see figures of all municipalities.",
    ),
    # Units in the right plural form (dasnez_core.formatting picks the CLDR category).
    "unit.hours.one": ("{value} Stunde", "{value} hour"),
    "unit.hours.other": ("{value} Stunden", "{value} hours"),
}
