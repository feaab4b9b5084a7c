"""Messages of the phone-first layout: the header menu, the filter button and chips, the
connection banner and what the first HTML says before the websocket answers."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "phone.menu": ("Menü", "Menu"),
    "phone.menu_label": ("Konto und Navigation", "Account and navigation"),
    "phone.signed_in_as": ("Angemeldet als {name}", "Logged in as {name}"),
    "phone.filters": ("Filter", "Filters"),
    "phone.filters_count": ("Filter ({count})", "Filters ({count})"),
    "phone.active_filters": ("Aktive Filter", "Active filters"),
    "phone.remove_filter": ("Filter entfernen: {label}", "Remove filter: {label}"),
    "phone.chip_q": ("Suche: {value}", "Search: {value}"),
    "phone.chip_sort": ("Sortierung: {value}", "Sort order: {value}"),
    "phone.search": ("Suchen", "Search"),
    "phone.offline": ("Keine Verbindung – wird erneut versucht", "No connection – retrying"),
    "phone.connecting": ("Verbindung wird aufgebaut …", "Connecting …"),
    "phone.noscript": (
        "Diese Seite braucht JavaScript. Bitte schalten Sie JavaScript in Ihrem Browser ein "
        "oder öffnen Sie die Seite in einem anderen Browser.",
        "This page needs JavaScript. Please turn on JavaScript in your browser or open the "
        "page in another browser.",
    ),
}
