"""Messages of the public read API (/api/v1) and of saved searches with their mails."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the public read API -------------------------------------------------------------------
    "api.not_found": (
        "Diese Adresse gibt es in der Schnittstelle nicht.",
        "This address does not exist in the API.",
    ),
    "api.kommune_not_found": (
        "Diese Kommune gibt es nicht (oder sie ist nicht freigeschaltet).",
        "This municipality does not exist (or is not active).",
    ),
    "api.listing_not_found": (
        "Diesen Eintrag gibt es nicht oder er ist nicht mehr öffentlich.",
        "This listing does not exist or is no longer public.",
    ),
    "api.method_not_allowed": (
        "Die Schnittstelle kann nur gelesen werden (GET).",
        "The API is read-only (GET).",
    ),
    "api.query_too_long": (
        "Die Anfrage ist zu lang. Bitte verwenden Sie weniger oder kürzere Filter.",
        "The request is too long. Please use fewer or shorter filters.",
    ),
    "api.unknown_parameter": (
        "Unbekannter Parameter „{name}“. Erlaubt sind: {allowed}.",
        "Unknown parameter “{name}”. Allowed: {allowed}.",
    ),
    "api.bad_value": (
        "Ungültiger Wert für „{name}“. Erlaubt: {allowed}.",
        "Invalid value for “{name}”. Allowed: {allowed}.",
    ),
    "api.bad_id": (
        "Die Nummer in der Adresse muss eine positive ganze Zahl sein.",
        "The number in the address must be a positive whole number.",
    ),
    "api.too_many": (
        "Zu viele Anfragen. Bitte warten Sie {seconds} Sekunden.",
        "Too many requests. Please wait {seconds} seconds.",
    ),
    "api.unavailable": (
        "Die Schnittstelle ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.",
        "The API is unavailable right now. Please try again later.",
    ),
    # --- saving a search -----------------------------------------------------------------------
    "saved.kind_offer": ("Angebote", "offers"),
    "saved.kind_request": ("Gesuche", "requests"),
    "saved.kind_any": ("Einträge", "listings"),
    "saved.suggested_name": ("Neue {kind} in {place}", "New {kind} in {place}"),
    "saved.suggested_with_q": ("{name}: „{q}“", "{name}: “{q}”"),
    "saved.name_required": (
        "Bitte geben Sie der Suche einen Namen.",
        "Please give the search a name.",
    ),
    "saved.name_too_long": (
        "Der Name darf höchstens {max} Zeichen lang sein.",
        "The name may have at most {max} characters.",
    ),
    "saved.frequency_invalid": (
        "Bitte wählen Sie „täglich“ oder „wöchentlich“.",
        "Please choose “daily” or “weekly”.",
    ),
    "saved.too_many": (
        "Sie haben schon {max} gespeicherte Suchen. Bitte löschen Sie zuerst eine in Ihrem Konto.",
        "You already have {max} saved searches. Please delete one in your account first.",
    ),
    "saved.not_found": (
        "Diese gespeicherte Suche gibt es nicht (mehr).",
        "This saved search does not exist (any more).",
    ),
    "saved.unsubscribe_invalid": (
        "Dieser Abmeldelink ist ungültig oder die Suche wurde schon gelöscht.",
        "This unsubscribe link is invalid or the search was already deleted.",
    ),
    "saved.save": ("Suche speichern", "Save search"),
    "saved.submit": ("Speichern und benachrichtigen", "Save and notify me"),
    "saved.save_intro": (
        "Wir schicken Ihnen eine E-Mail, wenn neue Einträge zu dieser Suche erscheinen.",
        "We send you an email when new listings match this search.",
    ),
    "saved.name": ("Name der Suche", "Name of the search"),
    "saved.frequency": ("Wie oft?", "How often?"),
    "saved.daily": ("täglich", "daily"),
    "saved.weekly": ("wöchentlich", "weekly"),
    "saved.saved": (
        "Die Suche „{name}“ ist gespeichert. Sie finden sie in Ihrem Konto.",
        "The search “{name}” is saved. You find it in your account.",
    ),
    "saved.login_hint": (
        "Melden Sie sich an, um diese Suche zu speichern und per E-Mail über neue Einträge "
        "informiert zu werden.",
        "Log in to save this search and get new listings by email.",
    ),
    "saved.pending_hint": (
        "Suchen speichern können Sie, sobald Ihre Kommune Ihr Konto freigeschaltet hat.",
        "You can save searches once your municipality has approved your account.",
    ),
    # --- the account's list --------------------------------------------------------------------
    "saved.heading": ("Gespeicherte Suchen", "Saved searches"),
    "saved.none": (
        "Sie haben noch keine Suche gespeichert. Auf der Seite „Angebote und Gesuche“ können "
        "Sie Ihre Filter mit „Suche speichern“ behalten.",
        "You have not saved a search yet. On “Offers and requests” you can keep your filters "
        "with “Save search”.",
    ),
    "saved.every_daily": ("E-Mail täglich", "Email daily"),
    "saved.every_weekly": ("E-Mail wöchentlich", "Email weekly"),
    "saved.delete": ("Suche „{name}“ löschen", "Delete search “{name}”"),
    "saved.deleted": ("Die Suche ist gelöscht.", "The search is deleted."),
    # --- the unsubscribe page ------------------------------------------------------------------
    "saved.unsubscribed_title": ("Abgemeldet", "Unsubscribed"),
    "saved.unsubscribed": (
        "Sie erhalten keine E-Mails mehr zur Suche „{name}“. Die Suche ist gelöscht.",
        "You will get no more emails for the search “{name}”. The search is deleted.",
    ),
    "saved.unsubscribe_failed_title": ("Abmeldung nicht möglich", "Unsubscribing failed"),
    "saved.to_home": ("Zur Startseite von dasnez", "To the dasnez start page"),
    # --- the mail ------------------------------------------------------------------------------
    "mail.saved_search.subject": (
        "Neue Einträge zu Ihrer Suche „{name}“",
        "New listings for your search “{name}”",
    ),
    "mail.saved_search.body": (
        "Hallo {person},\n\nzu Ihrer gespeicherten Suche „{name}“ in {kommune} gibt es neue "
        "Einträge ({count}):\n\n{listings}\n\n"
        "Keine E-Mails mehr zu dieser Suche? Ein Klick genügt, ohne Anmeldung:\n"
        "{unsubscribe}\n\n"
        "Alle Ihre gespeicherten Suchen finden Sie in Ihrem Konto: {url}/konto\n\n"
        "Ihr dasnez-Team",
        "Hello {person},\n\nthere are new listings ({count}) for your saved search “{name}” "
        "in {kommune}:\n\n{listings}\n\n"
        "No more emails for this search? One click is enough, no login needed:\n"
        "{unsubscribe}\n\n"
        "All your saved searches are in your account: {url}/konto\n\n"
        "Your dasnez team",
    ),
    "mail.saved_search.line": ("• {title} ({area})\n  {link}", "• {title} ({area})\n  {link}"),
    "mail.saved_search.more": (
        "… und {count} weitere auf der Seite „Angebote und Gesuche“.",
        "… and {count} more on “Offers and requests”.",
    ),
}
