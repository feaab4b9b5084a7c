"""Messages for accessibility (BITV 2.0 / WCAG 2.1 AA): page titles, landmarks, charts and
the accent colour's contrast check."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Page titles: "<page> – <Kommune> – dasnez" (title.app is the last part).
    "title.app": ("dasnez", "dasnez"),
    "title.admin_app": ("dasnez Verwaltung", "dasnez administration"),
    "title.home": ("Nachbarschaftshilfe in Ihrer Kommune", "Neighbourhood help in your town"),
    "title.browse": ("Angebote und Gesuche", "Offers and requests"),
    "title.new_listing": ("Neues Angebot oder Gesuch", "New offer or request"),
    "title.edit_listing": ("Eintrag bearbeiten", "Edit listing"),
    "title.forgot_password": ("Passwort vergessen", "Forgot password"),
    "title.reset_password": ("Neues Passwort", "New password"),
    "title.email_confirm": ("E-Mail-Adresse bestätigen", "Confirm email address"),
    "title.registration_confirm": ("Registrierung bestätigen", "Confirm registration"),
    "title.new_conversation": ("Neue Nachricht", "New message"),
    "title.person": ("Profil", "Profile"),
    "title.listing": ("Eintrag", "Listing"),
    # Landmarks and charts.
    "a11y.nav.main": ("Hauptnavigation", "Main navigation"),
    "a11y.nav.admin": ("Verwaltung", "Administration"),
    "a11y.chart": (
        "Diagramm. Dieselben Zahlen stehen in der Tabelle daneben.",
        "Chart. The same figures are in the table beside it.",
    ),
    "a11y.table_region": ("Tabelle, seitlich verschiebbar", "Table, scrolls sideways"),
    # The Kommune's accent colour (profile page).
    "accent.label": ("Akzentfarbe (#rrggbb)", "Accent colour (#rrggbb)"),
    "accent.hint": (
        "Leer lassen für die Standardfarbe. Weiße Schrift auf der Farbe braucht einen "
        "Kontrast von mindestens 4,5 : 1 (WCAG 2.1 AA).",
        "Leave empty for the default colour. White text on the colour needs a contrast of "
        "at least 4.5 : 1 (WCAG 2.1 AA).",
    ),
    "accent.invalid": (
        "Bitte geben Sie die Farbe als #rrggbb an, zum Beispiel #0a7265.",
        "Please give the colour as #rrggbb, for example #0a7265.",
    ),
    "accent.too_light": (
        "Die Farbe {colour} ist zu hell: weiße Schrift darauf hat nur einen Kontrast von "
        "{ratio:de} : 1, nötig sind mindestens 4,5 : 1. Bitte wählen Sie eine dunklere Farbe.",
        "The colour {colour} is too light: white text on it has a contrast of only "
        "{ratio:en} : 1, at least 4.5 : 1 is needed. Please choose a darker colour.",
    ),
}
