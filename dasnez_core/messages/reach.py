"""Catalog part: reach beyond the app — embeds, feeds, link previews, the snippet generator
and the poster (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the embed (/embed/k/<slug>) ------------------------------------------------------
    "reach.embed_title": (
        "Neue Angebote und Gesuche in {name}",
        "New offers and requests in {name}",
    ),
    "reach.embed_none": (
        "Zurzeit gibt es hier keine Einträge.",
        "There are no listings here at the moment.",
    ),
    "reach.embed_all": (
        "Alle Angebote und Gesuche in {name} ansehen",
        "See all offers and requests in {name}",
    ),
    "reach.embed_since": ("seit {day}", "since {day}"),
    "reach.embed_new_tab": ("(öffnet in neuem Fenster)", "(opens in a new window)"),
    # --- feeds ----------------------------------------------------------------------------
    "reach.feed_title": (
        "Neue Einträge – Nachbarschaftshilfe {name}",
        "New listings – neighbourhood help {name}",
    ),
    "reach.calendar_title": (
        "Termine der Info-Box – {name}",
        "Info-Box events – {name}",
    ),
    # --- link previews --------------------------------------------------------------------
    "reach.preview_listing_title": ("{kind}: {title} – {name}", "{kind}: {title} – {name}"),
    "reach.preview_kommune_title": (
        "Nachbarschaftshilfe {name}",
        "Neighbourhood help {name}",
    ),
    # --- bad input ------------------------------------------------------------------------
    "reach.bad_query": (
        "Die Adresse enthält ungültige Angaben. Bitte prüfen Sie den Link.",
        "The address contains invalid parameters. Please check the link.",
    ),
    "reach.unavailable": (
        "Diese Seite ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.",
        "This page is unavailable right now. Please try again later.",
    ),
    "reach.not_found": (
        "Diese Kommune gibt es hier nicht. Bitte prüfen Sie den Link.",
        "There is no such municipality here. Please check the link.",
    ),
    # --- snippet generator ("Auf Ihrer Website einbinden") -------------------------------
    "reach.snippet_heading": ("Auf Ihrer Website einbinden", "Embed on your website"),
    "reach.snippet_intro": (
        "Schulen, Vereine und Einrichtungen können die neuesten Einträge auf ihrer eigenen "
        "Website zeigen. Wählen Sie aus, welche Einträge erscheinen sollen, und kopieren Sie "
        "dann den Code oder den Link.",
        "Schools, clubs and institutions can show the newest listings on their own website. "
        "Choose which listings to show, then copy the code or the link.",
    ),
    "reach.snippet_open": ("Code und QR-Code erstellen", "Create code and QR code"),
    "reach.snippet_copy": ("Kopieren", "Copy"),
    "reach.snippet_iframe": ("Code zum Einbinden (iframe)", "Embed code (iframe)"),
    "reach.snippet_link": ("Link", "Link"),
    "reach.snippet_feed": ("Atom-Feed zum Abonnieren", "Atom feed to subscribe to"),
    "reach.snippet_calendar": ("Termine als Kalender (iCal)", "Events as a calendar (iCal)"),
    "reach.snippet_qr": ("QR-Code herunterladen", "Download QR code"),
    "reach.snippet_preview": ("Vorschau ansehen", "View preview"),
    "reach.snippet_frame_title": (
        "Neue Angebote und Gesuche in {name}",
        "New offers and requests in {name}",
    ),
    # --- poster ---------------------------------------------------------------------------
    "reach.poster_download": ("Plakat herunterladen (PDF, A4)", "Download poster (PDF, A4)"),
    "reach.poster_heading": ("Nachbarschaftshilfe {name}", "Neighbourhood help {name}"),
    "reach.poster_lead": (
        "Hilfe finden. Hilfe anbieten. Nachbarn kennenlernen.",
        "Find help. Offer help. Meet your neighbours.",
    ),
    "reach.poster_steps": ("In drei Schritten dabei:", "Join in three steps:"),
    "reach.poster_step1": (
        "QR-Code mit dem Handy scannen oder die Adresse unten eingeben.",
        "Scan the QR code with your phone or type in the address below.",
    ),
    "reach.poster_step2": (
        "Registrieren – die Kommune schaltet Sie frei.",
        "Register – the municipality approves you.",
    ),
    "reach.poster_step3": (
        "Angebot oder Gesuch eintragen und Nachbarn helfen.",
        "Post an offer or a request and help your neighbours.",
    ),
    "reach.poster_contact": ("Fragen? {contact}", "Questions? {contact}"),
    "reach.poster_refused": (
        "Nur die Verwaltung dieser Kommune kann das Plakat herunterladen.",
        "Only this municipality's administration can download the poster.",
    ),
}
