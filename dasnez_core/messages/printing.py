"""Catalog part: printed notices — the Aushang of a listing and a proxy's weekly sheet
(key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- on paper -------------------------------------------------------------------------
    "print.tagline": (
        "Nachbarschaftshilfe – Angebote und Gesuche",
        "Neighbourhood help – offers and requests",
    ),
    "print.notice_title": ("Aushang: {title}", "Notice: {title}"),
    "print.area": ("Ortsteil: {area}", "Area: {area}"),
    "print.category": ("Kategorie: {category}", "Category: {category}"),
    "print.read_on": (
        "Den ganzen Text finden Sie im Internet (QR-Code unten).",
        "The full text is online (QR code below).",
    ),
    "print.call": ("Interesse? Bitte rufen Sie an:", "Interested? Please call:"),
    "print.ask_owner": (
        "Interesse? Bitte wenden Sie sich an: {name}",
        "Interested? Please contact: {name}",
    ),
    "print.scan": (
        "Oder QR-Code scannen bzw. im Internet aufrufen:",
        "Or scan the QR code, or open online:",
    ),
    "print.proxy_owner": ("{name} (Stellvertretung)", "{name} (proxy)"),
    "print.office_owner": ("Gemeindeverwaltung {name}", "Municipal office {name}"),
    "print.tear_off": ("Zum Abreißen und Mitnehmen", "Tear off and take with you"),
    "print.printed_on": ("Gedruckt am {day}", "Printed on {day}"),
    "print.listing_no": ("Eintrag Nr. {id}", "Listing no. {id}"),
    "print.weekly_title": (
        "Neue Angebote und Gesuche in {place}",
        "New offers and requests in {place}",
    ),
    "print.weekly_period": (
        "Eingestellt vom {start} bis {end}",
        "Posted from {start} to {end}",
    ),
    "print.weekly_call": (
        "Bei Interesse rufen Sie bitte an: {phone} ({name})",
        "If you are interested, please call: {phone} ({name})",
    ),
    "print.weekly_ask": (
        "Bei Interesse wenden Sie sich bitte an: {name}",
        "If you are interested, please contact: {name}",
    ),
    "print.weekly_empty": (
        "In den letzten 7 Tagen sind hier keine neuen Angebote oder Gesuche erschienen.",
        "No new offers or requests have appeared here in the last 7 days.",
    ),
    "print.weekly_more": (
        "… und {count} weitere Einträge im Internet: {address}",
        "… and {count} more listings online: {address}",
    ),
    "print.weekly_entry_meta": ("{kind} · {exchange} · {day}", "{kind} · {exchange} · {day}"),
    "print.page": ("Seite {page} von {pages}", "Page {page} of {pages}"),
    # --- the app --------------------------------------------------------------------------
    "print.notice_button": ("Aushang drucken", "Print notice"),
    "print.notice_hint": (
        "PDF für das Schwarze Brett (eine Seite A4) mit QR-Code und Abreißzetteln.",
        "PDF for a notice board (one A4 page) with a QR code and tear-off strips.",
    ),
    "print.weekly_page_title": ("Wochenblatt drucken", "Print the weekly sheet"),
    "print.weekly_intro": (
        "Drucken Sie die Angebote und Gesuche der letzten 7 Tage in großer Schrift aus, "
        "für Menschen ohne Internet. Auf dem Blatt steht Ihre Telefonnummer aus Ihrem "
        "Profil, sonst die der Gemeindeverwaltung.",
        "Print the offers and requests of the last 7 days in large type for people "
        "without internet. The sheet shows the phone number in your profile, otherwise "
        "the municipal office's.",
    ),
    "print.weekly_area": ("Ortsteil", "Area"),
    "print.weekly_all_areas": ("Alle Ortsteile", "All areas"),
    "print.weekly_download": ("Wochenblatt herunterladen (PDF)", "Download weekly sheet (PDF)"),
    "print.weekly_only_proxies": (
        "Das Wochenblatt drucken Stellvertretungen. Wenn Sie Menschen ohne Internet "
        "unterstützen möchten, wenden Sie sich an Ihre Gemeindeverwaltung.",
        "The weekly sheet is printed by proxies. If you would like to help people without "
        "internet, please contact your municipal office.",
    ),
    "print.weekly_link": ("Wochenblatt drucken", "Print weekly sheet"),
    # --- answers of the download addresses -------------------------------------------------
    "print.refused": (
        "Drucken können nur angemeldete, freigeschaltete Mitglieder. Bitte melden Sie sich an.",
        "Only signed-in, approved members can print. Please sign in.",
    ),
    "print.not_found": (
        "Diesen Eintrag gibt es nicht oder er ist nicht öffentlich.",
        "This listing does not exist or is not public.",
    ),
    "print.weekly_refused": (
        "Das Wochenblatt können nur Stellvertretungen dieser Kommune drucken.",
        "Only proxies of this municipality can print the weekly sheet.",
    ),
    "print.area_not_found": (
        "Diesen Ortsteil gibt es nicht. Bitte wählen Sie einen aus der Liste.",
        "There is no such area. Please choose one from the list.",
    ),
}
