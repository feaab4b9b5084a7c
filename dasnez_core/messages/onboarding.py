"""Catalog part: platform operations — the new-Kommune wizard, going live, deactivating and
exporting a Kommune, statistics across Kommunen, and the interest form of towns not on
dasnez yet (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- menu and titles ------------------------------------------------------------------
    "onboard.nav.new": ("Neue Kommune", "New Kommune"),
    "onboard.nav.charts": ("Statistik", "Statistics"),
    "onboard.nav.demand": ("Nachfrage", "Demand"),
    "onboard.title": ("Neue Kommune anlegen", "Set up a new Kommune"),
    "onboard.intro": (
        "In fünf Schritten zur eigenen Plattform. Die Kommune ist danach angelegt, aber noch "
        "nicht öffentlich: Ihre Seite zeigt „bald verfügbar“, bis Sie sie freischalten.",
        "Five steps to the Kommune's own platform. Afterwards it exists but is not public: "
        "its page says “coming soon” until you switch it live.",
    ),
    # --- wizard steps ---------------------------------------------------------------------
    "onboard.step.basics": ("1. Kommune", "1. Kommune"),
    "onboard.step.contact": ("2. Anschrift und Kontakt", "2. Address and contact"),
    "onboard.step.admin": ("3. Erste Verwaltung", "3. First administrator"),
    "onboard.step.areas": ("4. Ortsteile", "4. Districts and villages"),
    "onboard.step.exchanges": (
        "5. Börsen, Kategorien, Rechtstexte",
        "5. Exchanges, categories, legal texts",
    ),
    "onboard.field.name": ("Name der Kommune", "Name of the Kommune"),
    "onboard.field.slug": ("Adresse (z. B. delbrueck)", "Address (e.g. delbrueck)"),
    "onboard.field.slug_hint": (
        "Kleinbuchstaben, Ziffern und Bindestriche. Die Seite heißt dann /k/<Adresse>.",
        "Lower-case letters, digits and hyphens. The page is then /k/<address>.",
    ),
    "onboard.field.postcodes": ("Postleitzahlen", "Postcodes"),
    "onboard.field.postcodes_hint": (
        "Fünfstellig, durch Komma getrennt, z. B. 33129, 33130.",
        "Five digits, separated by commas, e.g. 33129, 33130.",
    ),
    "onboard.field.kreis": ("Kreis", "District (Kreis)"),
    "onboard.field.federal_state": ("Bundesland", "Federal state"),
    "onboard.field.contact_name": ("Zuständige Stelle", "Responsible office"),
    "onboard.field.contact_email": ("E-Mail-Adresse für Rückfragen", "Contact email address"),
    "onboard.field.contact_phone": ("Telefon", "Phone"),
    "onboard.field.contact_address": ("Anschrift", "Postal address"),
    "onboard.field.logo": (
        "Logo (PNG, JPEG oder WebP, höchstens 1 MB)",
        "Logo (PNG, JPEG or WebP, at most 1 MB)",
    ),
    "onboard.logo_chosen": ("Gewählt: {name}", "Chosen: {name}"),
    "onboard.logo_none": (
        "Kein Logo gewählt (kann später ergänzt werden).",
        "No logo chosen (can be added later).",
    ),
    "onboard.field.admin_email": (
        "E-Mail-Adresse der ersten Verwaltung",
        "Email address of the first administrator",
    ),
    "onboard.field.admin_name": ("Name der ersten Verwaltung", "Name of the first administrator"),
    "onboard.admin_hint": (
        "Die Person bekommt eine E-Mail mit einem Link, um ihr Passwort zu wählen (7 Tage gültig).",
        "The person gets an email with a link to choose a password (valid for 7 days).",
    ),
    "onboard.field.areas": (
        "Ortsteile (Liste oder CSV „Bezirk; Dorf“)",
        "Districts (list or CSV “district; village”)",
    ),
    "onboard.areas_hint": (
        "Eine Zeile je Ortsteil. Dörfer mit Bezirk: „Boke; Boker Heide“. Doppelte Zeilen und "
        "Dörfer ohne Bezirk werden in der Vorschau gezeigt, aber nicht übernommen.",
        "One line per district. Villages with their district: “Boke; Boker Heide”. Repeated "
        "lines and villages without a district are shown in the preview but not imported.",
    ),
    "onboard.preview": ("Vorschau", "Preview"),
    "onboard.preview_counts": (
        "{districts} Bezirke und {villages} Dörfer werden übernommen, {skipped} Zeilen nicht.",
        "{districts} districts and {villages} villages will be imported, {skipped} lines not.",
    ),
    "onboard.col.line": ("Zeile", "Line"),
    "onboard.col.district": ("Bezirk", "District"),
    "onboard.col.village": ("Dorf", "Village"),
    "onboard.col.result": ("Ergebnis", "Result"),
    "onboard.line.ok": ("wird übernommen", "imported"),
    "onboard.line.duplicate": ("doppelt – nicht übernommen", "repeated – not imported"),
    "onboard.line.no_district": (
        "Dorf ohne Bezirk – nicht übernommen",
        "village without district – not imported",
    ),
    "onboard.line.too_long": ("Name zu lang – nicht übernommen", "name too long – not imported"),
    "onboard.line.header": ("Überschrift – übersprungen", "header – skipped"),
    "onboard.field.exchanges": ("Börsen", "Exchanges"),
    "onboard.templates": (
        "Kategorien aus der Vorlage übernehmen",
        "Take the categories from the template",
    ),
    "onboard.templates_hint": (
        "Für jede eingeschaltete Börse die Standard-Kategorien; die Verwaltung ändert sie später "
        "unter „Kategorien“.",
        "The standard categories of each exchange switched on; the administrators change them "
        "later under “Categories”.",
    ),
    "onboard.legal_hint": (
        "Impressum, Datenschutzerklärung, Nutzungsbedingungen und Erklärung zur Barrierefreiheit "
        "starten aus den Vorlagen, mit Name und Kontakt der Kommune ausgefüllt; offene Stellen "
        "sind mit „[Bitte ergänzen: …]“ markiert und werden unter „Rechtstexte“ ergänzt.",
        "Imprint, privacy notice, terms and accessibility statement start from the templates, "
        "filled with the Kommune's name and contact; open points are marked “[Bitte ergänzen: …]” "
        "and completed under “Legal texts”.",
    ),
    "onboard.create": ("Kommune anlegen", "Create Kommune"),
    "onboard.created": (
        "{name} ist angelegt: {districts} Bezirke, {villages} Dörfer, {categories} Kategorien. "
        "Die Einladung an {email} ist verschickt. Schalten Sie die Kommune frei, wenn sie bereit "
        "ist.",
        "{name} has been created: {districts} districts, {villages} villages, {categories} "
        "categories. The invitation to {email} has been sent. Switch the Kommune live when it is "
        "ready.",
    ),
    # --- wizard errors --------------------------------------------------------------------
    "onboard.slug_required": ("Bitte geben Sie eine Adresse an.", "Please enter an address."),
    "onboard.slug_invalid": (
        "Die Adresse darf nur Kleinbuchstaben, Ziffern und einzelne Bindestriche enthalten "
        "({min}–{max} Zeichen).",
        "The address may only hold lower-case letters, digits and single hyphens ({min}–{max} "
        "characters).",
    ),
    "onboard.slug_reserved": (
        "Die Adresse „{slug}“ ist reserviert.",
        "The address “{slug}” is reserved.",
    ),
    "onboard.slug_taken": (
        "Die Adresse „{slug}“ ist schon vergeben. Bitte wählen Sie eine andere.",
        "The address “{slug}” is taken already. Please choose another one.",
    ),
    "onboard.postcodes_required": (
        "Bitte geben Sie mindestens eine Postleitzahl an.",
        "Please enter at least one postcode.",
    ),
    "onboard.postcodes_invalid": (
        "Keine gültige Postleitzahl (fünf Ziffern): {bad}.",
        "Not a valid postcode (five digits): {bad}.",
    ),
    "onboard.postcodes_too_many": ("Höchstens {max} Postleitzahlen.", "At most {max} postcodes."),
    "onboard.admin_has_account": (
        "Diese Adresse hat schon ein Konto in einer anderen Kommune. Bitte nennen Sie eine "
        "andere (z. B. die Dienstadresse).",
        "This address has an account in another Kommune already. Please give another one "
        "(e.g. the work address).",
    ),
    # --- Kommunen list: state and actions -------------------------------------------------
    "onboard.state.setup": ("im Aufbau – bald verfügbar", "being set up – coming soon"),
    "onboard.state.live": ("öffentlich", "live"),
    "onboard.state.inactive": ("deaktiviert", "deactivated"),
    "onboard.col.state": ("Stand", "State"),
    "onboard.list.q": (
        "Name, Kürzel, Postleitzahl oder Kreis enthält",
        "Name, slug, postcode or Kreis contains",
    ),
    "onboard.list.by_state": (
        "Im Aufbau: {setup} · Öffentlich: {live} · Deaktiviert: {inactive}",
        "Being set up: {setup} · Live: {live} · Deactivated: {inactive}",
    ),
    "onboard.list.bad_state": (
        "Diesen Stand gibt es nicht: im Aufbau, öffentlich oder deaktiviert.",
        "There is no such state: being set up, live or deactivated.",
    ),
    "onboard.list.bad_page": (
        "Bitte eine Seitenzahl ab 1 angeben.",
        "Please give a page number from 1.",
    ),
    "onboard.list.choose_hint": (
        "Zur Wahl stehen die aktiven Kommunen der angezeigten Seite; suchen Sie eine Kommune "
        "oben, wenn sie fehlt.",
        "The active Kommunen of the page shown are offered; search for a Kommune above if "
        "it is missing.",
    ),
    "onboard.col.admins": ("Verwaltung", "Administrators"),
    "onboard.col.actions": ("Aktionen", "Actions"),
    "onboard.go_live": ("Freischalten", "Switch live"),
    "onboard.deactivate": ("Deaktivieren", "Deactivate"),
    "onboard.reactivate": ("Wieder aktivieren", "Reactivate"),
    "onboard.export": ("Alle Daten (ZIP)", "All data (ZIP)"),
    "onboard.export_for": ("Alle Daten von {name} als ZIP", "All data of {name} as ZIP"),
    "onboard.go_live_for": ("{name} freischalten", "Switch {name} live"),
    "onboard.deactivate_for": ("{name} deaktivieren", "Deactivate {name}"),
    "onboard.reactivate_for": ("{name} wieder aktivieren", "Reactivate {name}"),
    "onboard.manage_title": ("Kommune verwalten", "Manage a Kommune"),
    "onboard.choose": ("Kommune", "Kommune"),
    "onboard.choose_placeholder": ("Bitte wählen", "Please choose"),
    "onboard.choose_required": ("Bitte wählen Sie eine Kommune.", "Please choose a Kommune."),
    "onboard.reason": ("Grund der Deaktivierung", "Reason for deactivating"),
    "onboard.deactivate_hint": (
        "Deaktivieren schaltet die Anmeldung aller Personen der Kommune ab und nimmt ihre "
        "Seiten vom Netz. Alle Daten bleiben erhalten.",
        "Deactivating switches off the logins of everyone in the Kommune and takes its pages "
        "offline. All data is kept.",
    ),
    "onboard.live_done": (
        "{name} ist jetzt öffentlich. {notified} Interessierte wurden benachrichtigt.",
        "{name} is live now. {notified} interested people were told.",
    ),
    "onboard.deactivated": (
        "{name} ist deaktiviert. Niemand der Kommune kann sich mehr anmelden; alle Daten bleiben "
        "erhalten.",
        "{name} is deactivated. Nobody of the Kommune can log in any more; all data is kept.",
    ),
    "onboard.reactivated": ("{name} ist wieder aktiv.", "{name} is active again."),
    "onboard.exported": (
        "Export von {name}: {rows} Datensätze aus {tables} Tabellen.",
        "Export of {name}: {rows} records from {tables} tables.",
    ),
    "onboard.live_inactive": (
        "{name} ist deaktiviert. Bitte aktivieren Sie die Kommune zuerst wieder.",
        "{name} is deactivated. Please reactivate it first.",
    ),
    "onboard.live_already": ("{name} ist bereits öffentlich.", "{name} is live already."),
    "onboard.live_by": (
        "{name} wurde gerade von {by} freigeschaltet.",
        "{by} has just switched {name} live.",
    ),
    "onboard.live_needs_admin": (
        "{name} hat noch keine Verwaltung. Bitte laden Sie zuerst jemanden ein.",
        "{name} has no administrator yet. Please invite someone first.",
    ),
    "onboard.live_needs_category": (
        "{name} hat noch keine Kategorie in einer eingeschalteten Börse.",
        "{name} has no category in an exchange that is switched on yet.",
    ),
    "onboard.inactive_already": (
        "{name} ist bereits deaktiviert.",
        "{name} is deactivated already.",
    ),
    "onboard.inactive_by": (
        "{name} wurde gerade von {by} deaktiviert.",
        "{by} has just deactivated {name}.",
    ),
    "onboard.active_already": ("{name} ist bereits aktiv.", "{name} is active already."),
    "onboard.active_by": (
        "{name} wurde gerade von {by} wieder aktiviert.",
        "{by} has just reactivated {name}.",
    ),
    "login.kommune_inactive": (
        "Ihre Kommune ist auf dasnez zurzeit nicht aktiv. Bitte wenden Sie sich an Ihre Kommune.",
        "Your Kommune is not active on dasnez at the moment. Please contact your Kommune.",
    ),
    # --- the public page of a Kommune being set up ---------------------------------------
    "onboard.soon_title": ("Bald verfügbar", "Coming soon"),
    "onboard.soon_text": (
        "Die Nachbarschaftshilfe dieser Kommune wird gerade eingerichtet. Schauen Sie bald wieder "
        "vorbei.",
        "This Kommune's neighbourhood help is being set up. Please come back soon.",
    ),
    "onboard.soon_back": ("Zur Startseite", "To the start page"),
    # --- audit log ------------------------------------------------------------------------
    "audit.action.create_kommune": ("Kommune angelegt", "Kommune created"),
    "audit.action.kommune_live": ("Kommune freigeschaltet", "Kommune switched live"),
    "audit.action.deactivate_kommune": ("Kommune deaktiviert", "Kommune deactivated"),
    "audit.action.reactivate_kommune": ("Kommune wieder aktiviert", "Kommune reactivated"),
    "audit.action.export_kommune": (
        "Alle Daten der Kommune exportiert",
        "All data of the Kommune exported",
    ),
    # --- statistics across Kommunen -------------------------------------------------------
    "charts.title": ("Statistik aller Kommunen", "Statistics of all Kommunen"),
    "charts.intro": (
        "Neue Personen, Einträge, Vereinbarungen, Stunden und Taschengeld je Monat und je "
        "Kommune. Ohne Zeitraum: die letzten zwölf Monate.",
        "New people, listings, agreements, hours and pocket money per month and per Kommune. "
        "Without a range: the last twelve months.",
    ),
    "charts.kreis": ("Kreis", "District (Kreis)"),
    "charts.all_kreise": ("Alle Kreise", "All districts"),
    "charts.from": ("von", "from"),
    "charts.to": ("bis", "to"),
    "charts.apply": ("Anzeigen", "Show"),
    "charts.reset": ("Zurücksetzen", "Reset"),
    "charts.span": ("Zeitraum: {start} bis {end}", "Period: {start} to {end}"),
    "charts.range_too_long": (
        "Bitte wählen Sie höchstens {months} Monate.",
        "Please choose at most {months} months.",
    ),
    "charts.unknown": ("Diese Grafik gibt es nicht.", "There is no such chart."),
    "charts.metric.people": ("Neue Personen", "New people"),
    "charts.metric.listings": ("Neue Einträge", "New listings"),
    "charts.metric.agreements": ("Vereinbarungen", "Agreements"),
    "charts.metric.hours": ("Gespendete Stunden", "Hours donated"),
    "charts.metric.money": ("Taschengeld (Euro)", "Pocket money (euros)"),
    "charts.per_month": ("{metric} je Monat", "{metric} per month"),
    "charts.per_kommune": (
        "Je Kommune (die {count} mit den meisten Einträgen)",
        "Per Kommune (the {count} with most listings)",
    ),
    "charts.col.month": ("Monat", "Month"),
    "charts.col.kommune": ("Kommune", "Kommune"),
    "charts.col.kreis": ("Kreis", "District (Kreis)"),
    "charts.csv": ("CSV herunterladen", "Download CSV"),
    "charts.csv_of": ("CSV: {chart}", "CSV: {chart}"),
    "charts.total": ("Summe", "Total"),
    "charts.none": (
        "In diesem Zeitraum gibt es keine Zahlen.",
        "There are no figures in this period.",
    ),
    # --- demand (platform staff) ----------------------------------------------------------
    "demand.title": ("Nachfrage aus Orten ohne dasnez", "Demand from places without dasnez"),
    "demand.intro": (
        "Bestätigte Anmeldungen über das Formular „Ihre Kommune ist noch nicht dabei“, die noch "
        "auf ihre Kommune warten.",
        "Confirmed sign-ups from the form “Your Kommune is not on dasnez yet” that still wait for "
        "their Kommune.",
    ),
    "demand.figures": (
        "{waiting} warten, {unconfirmed} noch unbestätigt, {notified} schon benachrichtigt.",
        "{waiting} waiting, {unconfirmed} not confirmed yet, {notified} told already.",
    ),
    "demand.by_kreis": ("Je Kreis", "Per district (Kreis)"),
    "demand.by_postcode": ("Je Postleitzahl", "Per postcode"),
    "demand.col.postcode": ("PLZ", "Postcode"),
    "demand.col.kreis": ("Kreis", "District (Kreis)"),
    "demand.col.total": ("Gesamt", "Total"),
    "demand.col.citizens": ("Bürger/innen", "Citizens"),
    "demand.col.administration": ("Verwaltung", "Administration"),
    "demand.col.institutions": ("Institutionen", "Institutions"),
    "demand.unknown_kreis": ("(unbekannt)", "(unknown)"),
    "demand.none": ("Noch keine Nachfrage.", "No demand yet."),
    # --- the interest form (public) -------------------------------------------------------
    "interest.title": ("Ihre Kommune ist noch nicht dabei.", "Your Kommune is not on dasnez yet."),
    "interest.intro": (
        "Sagen Sie uns, wo Sie wohnen: Sobald Ihre Kommune dasnez startet, schreiben wir Ihnen "
        "einmal. Ihre Angaben löschen wir spätestens nach zwölf Monaten.",
        "Tell us where you live: as soon as your Kommune starts dasnez, we write to you once. "
        "We delete your details after twelve months at the latest.",
    ),
    "interest.email": ("E-Mail-Adresse", "Email address"),
    "interest.postcode": ("Postleitzahl", "Postcode"),
    "interest.kreis": ("Kreis (freiwillig)", "District (Kreis, optional)"),
    "interest.role": ("Ich schreibe als", "I am writing as"),
    "interest.role.citizen": ("Bürger/in", "Citizen"),
    "interest.role.administration": ("Verwaltung", "Administration"),
    "interest.role.institution": ("Institution", "Institution"),
    "interest.submit": ("Benachrichtigen Sie mich", "Notify me"),
    "interest.sent": (
        "Danke! Wir haben eine E-Mail an {email} geschickt. Bitte bestätigen Sie Ihre Anmeldung "
        "über den Link darin.",
        "Thank you! We have sent an email to {email}. Please confirm your sign-up with the link "
        "in it.",
    ),
    "interest.postcode_invalid": (
        "Bitte geben Sie eine Postleitzahl mit fünf Ziffern an.",
        "Please enter a five-digit postcode.",
    ),
    "interest.role_required": (
        "Bitte wählen Sie, als wer Sie schreiben.",
        "Please choose as whom you are writing.",
    ),
    "interest.confirm_title": ("Anmeldung bestätigen", "Confirm sign-up"),
    "interest.confirmed": (
        "Danke, Ihre Anmeldung für die Postleitzahl {postcode} ist bestätigt. Wir schreiben "
        "Ihnen, sobald Ihre Kommune dabei ist.",
        "Thank you, your sign-up for postcode {postcode} is confirmed. We will write to you as "
        "soon as your Kommune joins.",
    ),
    "interest.already_live": (
        "Gute Nachricht: {name} ist schon dabei.",
        "Good news: {name} is on dasnez already.",
    ),
    "interest.to_kommune": ("Zu {name}", "To {name}"),
    "interest.token_invalid": (
        "Dieser Link ist ungültig. Bitte melden Sie sich noch einmal an.",
        "This link is not valid. Please sign up again.",
    ),
    "interest.token_expired": (
        "Dieser Link ist abgelaufen. Bitte melden Sie sich noch einmal an.",
        "This link has expired. Please sign up again.",
    ),
    "interest.checking": ("Ihre Anmeldung wird bestätigt …", "Confirming your sign-up …"),
    "mail.interest_confirm.subject": (
        "Bitte bestätigen Sie: dasnez in Ihrer Kommune",
        "Please confirm: dasnez in your Kommune",
    ),
    "mail.interest_confirm.body": (
        "Guten Tag,\n\n"
        "mit dieser E-Mail-Adresse wollte jemand erfahren, wann dasnez an der Postleitzahl "
        "{postcode} startet. Wenn Sie das waren, bestätigen Sie bitte über diesen Link:\n\n"
        "{url}/interesse-bestaetigen?token={token}\n\n"
        "Der Link gilt {days} Tage. Wir schreiben Ihnen einmal, sobald Ihre Kommune dabei ist, "
        "und löschen Ihre Angaben spätestens nach zwölf Monaten.\n\n"
        "Wenn Sie das nicht waren, löschen Sie diese E-Mail einfach.\n\n"
        "Viele Grüße\ndasnez",
        "Hello,\n\n"
        "someone used this email address to hear when dasnez starts at postcode {postcode}. "
        "If that was you, please confirm with this link:\n\n"
        "{url}/interesse-bestaetigen?token={token}\n\n"
        "The link is valid for {days} days. We write to you once as soon as your Kommune "
        "joins, and delete your details after twelve months at the latest.\n\n"
        "If that was not you, simply delete this email.\n\n"
        "Kind regards\ndasnez",
    ),
    "mail.interest_live.subject": (
        "{kommune} ist jetzt bei dasnez",
        "{kommune} is on dasnez now",
    ),
    "mail.interest_live.body": (
        "Guten Tag,\n\n"
        "Sie wollten erfahren, wann dasnez in Ihrer Kommune startet: {kommune} ist jetzt "
        "dabei. Hier können Sie sich registrieren:\n\n{link}\n\n"
        "Dies ist unsere einzige Nachricht dazu; Ihre Angaben löschen wir spätestens zwölf "
        "Monate nach Ihrer Anmeldung.\n\n"
        "Viele Grüße\ndasnez",
        "Hello,\n\n"
        "you wanted to hear when dasnez starts in your Kommune: {kommune} has joined. You "
        "can register here:\n\n{link}\n\n"
        "This is our only message about it; we delete your details twelve months after "
        "you signed up at the latest.\n\n"
        "Kind regards\ndasnez",
    ),
}
