"""Catalog part: installable app (manifest, offline page, meta descriptions) and the
Kommune's contact links (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- web app manifest and meta description -------------------------------------------
    "pwa.short_name": ("Nachbarhilfe", "Neighbours"),
    "pwa.description": (
        "Nachbarschaftshilfe in Ihrer Kommune: Angebote und Gesuche von Nachbarn für "
        "Nachbarn finden, Hilfe anbieten und sich verabreden.",
        "Neighbourhood help in your municipality: find offers and requests from neighbours, "
        "offer help and make arrangements.",
    ),
    "pwa.kommune_description": (
        "Nachbarschaftshilfe in {name}: Angebote und Gesuche von Nachbarn für Nachbarn – "
        "Hilfe finden, Hilfe anbieten, Kontakt zur Kommune.",
        "Neighbourhood help in {name}: offers and requests from neighbours for neighbours – "
        "find help, offer help, contact the municipality.",
    ),
    # --- offline page (served by the service worker) ---------------------------------------
    "pwa.offline_title": ("Keine Verbindung – dasnez", "No connection – dasnez"),
    "pwa.offline_heading": ("Keine Verbindung", "No connection"),
    "pwa.offline_text": (
        "Diese Seite kann gerade nicht geladen werden, weil Ihr Gerät keine Verbindung zum "
        "Internet hat. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut.",
        "This page cannot be loaded right now because your device has no internet "
        "connection. Please check your connection and then try again.",
    ),
    "pwa.offline_retry": ("Erneut versuchen", "Try again"),
    "pwa.offline_home": ("Zur Startseite", "To the start page"),
    # --- the Kommune's contact -------------------------------------------------------------
    "kommune.contact_phone": ("Telefon:", "Phone:"),
    "kommune.contact_email": ("E-Mail:", "Email:"),
}
