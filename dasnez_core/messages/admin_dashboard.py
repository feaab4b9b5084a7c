"""Catalog part: admin_dashboard texts of the admin portal (key → (German, English)).

Dashboard (dash.*), the lists of people and listings with their CSV export (adminlist.*),
the admins of a Kommune (admins.*) and the ratings view (adminratings.*)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- navigation ------------------------------------------------------------------------
    "dash.nav.overview": ("Übersicht", "Overview"),
    "dash.nav.people": ("Personen", "People"),
    "dash.nav.listings": ("Einträge", "Listings"),
    "dash.nav.ratings": ("Bewertungen", "Ratings"),
    "dash.nav.admins": ("Verwaltungskonten", "Admin accounts"),
    # --- dashboard -------------------------------------------------------------------------
    "dash.title": ("Übersicht", "Overview"),
    "dash.filters": ("Zeitraum und Auswahl", "Period and selection"),
    "dash.filters_hint": (
        "Der Zeitraum gilt für Einträge, Vereinbarungen und Bewertungen, die darin erstellt "
        "wurden. Der Ortsteil gilt auch für die Personen.",
        "The period applies to listings, agreements and ratings created in it. The district "
        "applies to people as well.",
    ),
    "dash.from": ("Von (Datum)", "From (date)"),
    "dash.to": ("Bis (Datum)", "To (date)"),
    "dash.district": ("Ortsteil", "District"),
    "dash.exchange": ("Börse", "Exchange"),
    "dash.all": ("Alle", "All"),
    "dash.apply": ("Anzeigen", "Show"),
    "dash.reset": ("Zurücksetzen", "Reset"),
    "dash.todo": ("Zu erledigen", "To do"),
    "dash.todo_hint": ("für die ganze Kommune", "for the whole municipality"),
    "dash.pending_approvals": ("Personen warten auf Freischaltung", "People awaiting approval"),
    "dash.open_reports": ("Offene Meldungen", "Open reports"),
    "dash.figures": ("Zahlen", "Figures"),
    "dash.people_total": ("Personen", "People"),
    "dash.listings_total": ("Einträge", "Listings"),
    "dash.agreements_done": ("Abgeschlossene Vereinbarungen", "Completed agreements"),
    "dash.hours_donated": ("Geschenkte Stunden", "Hours donated"),
    "dash.pocket_money": ("Vermitteltes Taschengeld", "Pocket money mediated"),
    "dash.ratings_count": ("Bewertungen", "Ratings"),
    "dash.ratings_average": ("Durchschnitt (Sterne)", "Average (stars)"),
    "dash.by_exchange": ("Einträge nach Börse", "Listings by exchange"),
    "dash.col.exchange": ("Börse", "Exchange"),
    "dash.col.offers": ("Angebote", "Offers"),
    "dash.col.requests": ("Gesuche", "Requests"),
    "dash.col.running": ("davon laufend", "of which running"),
    "dash.col.total": ("Gesamt", "Total"),
    "dash.col.what": ("Was", "What"),
    "dash.col.count": ("Anzahl", "Count"),
    "dash.by_status": ("Einträge nach Status", "Listings by status"),
    "dash.people_by_status": ("Personen nach Status", "People by status"),
    "dash.by_category": ("Einträge nach Kategorie", "Listings by category"),
    "dash.by_district": ("Einträge nach Ortsteil", "Listings by district"),
    "dash.no_district": ("ohne Ortsteil", "no district"),
    "dash.none_yet": ("Noch keine Einträge.", "No listings yet."),
    "dash.chart_hint": (
        "Ein Klick auf einen Balken öffnet die Liste dahinter.",
        "Click a bar to open the list behind it.",
    ),
    # --- lists -----------------------------------------------------------------------------
    "adminlist.people_title": ("Personen", "People"),
    "adminlist.listings_title": ("Einträge", "Listings"),
    "adminlist.filters": ("Suchen und filtern", "Search and filter"),
    "adminlist.q_people": ("Name oder E-Mail enthält", "Name or email contains"),
    "adminlist.q_listings": ("Titel enthält", "Title contains"),
    "adminlist.status": ("Status", "Status"),
    "adminlist.district": ("Ortsteil", "District"),
    "adminlist.exchange": ("Börse", "Exchange"),
    "adminlist.kind": ("Art", "Kind"),
    "adminlist.category": ("Kategorie", "Category"),
    "adminlist.from": ("Erstellt ab (Datum)", "Created from (date)"),
    "adminlist.to": ("Erstellt bis (Datum)", "Created until (date)"),
    "adminlist.sort": ("Sortierung", "Order"),
    "adminlist.sort.name": ("Name (A–Z)", "Name (A–Z)"),
    "adminlist.sort.title": ("Titel (A–Z)", "Title (A–Z)"),
    "adminlist.sort.newest": ("Neueste zuerst", "Newest first"),
    "adminlist.sort.oldest": ("Älteste zuerst", "Oldest first"),
    "adminlist.all": ("Alle", "All"),
    "adminlist.apply": ("Anzeigen", "Show"),
    "adminlist.reset": ("Zurücksetzen", "Reset"),
    "adminlist.count": ("{count} Treffer", "{count} results"),
    "adminlist.none": ("Keine Treffer für diese Auswahl.", "Nothing matches this selection."),
    "adminlist.page_of": ("Seite {page} von {pages}", "Page {page} of {pages}"),
    "adminlist.previous": ("Vorherige Seite", "Previous page"),
    "adminlist.next": ("Nächste Seite", "Next page"),
    "adminlist.export": ("Als CSV-Datei herunterladen", "Download as CSV file"),
    "adminlist.export_hint": (
        "Die Datei enthält alle Treffer dieser Auswahl (alle Seiten, höchstens {max}) und "
        "lässt sich mit Excel öffnen.",
        "The file holds every result of this selection (all pages, at most {max}) and opens "
        "in Excel.",
    ),
    "adminlist.exported": (
        "Die Datei mit {count} Zeilen wird heruntergeladen.",
        "The file with {count} rows is being downloaded.",
    ),
    "adminlist.exported_truncated": (
        "Die Datei enthält nur die ersten {count} Zeilen. Bitte schränken Sie die Auswahl ein.",
        "The file holds only the first {count} rows. Please narrow the selection.",
    ),
    "adminlist.range_reversed": (
        "Das Enddatum liegt vor dem Anfangsdatum. Bitte prüfen Sie den Zeitraum.",
        "The end date is before the start date. Please check the period.",
    ),
    "adminlist.col.name": ("Name", "Name"),
    "adminlist.col.email": ("E-Mail", "Email"),
    "adminlist.col.status": ("Status", "Status"),
    "adminlist.col.area": ("Ortsteil", "District"),
    "adminlist.col.registered": ("Registriert am", "Registered on"),
    "adminlist.col.approved": ("Freigeschaltet am", "Approved on"),
    "adminlist.col.title": ("Titel", "Title"),
    "adminlist.col.exchange": ("Börse", "Exchange"),
    "adminlist.col.kind": ("Art", "Kind"),
    "adminlist.col.category": ("Kategorie", "Category"),
    "adminlist.col.author": ("Von", "By"),
    "adminlist.col.created": ("Erstellt am", "Created on"),
    "adminlist.col.expires": ("Läuft bis", "Runs until"),
    # CSV column headers (German Excel users read them first).
    "adminlist.csv.name": ("Name", "Name"),
    "adminlist.csv.email": ("E-Mail", "Email"),
    "adminlist.csv.status": ("Status", "Status"),
    "adminlist.csv.area": ("Ortsteil", "District"),
    "adminlist.csv.registered": ("Registriert am", "Registered on"),
    "adminlist.csv.approved": ("Freigeschaltet am", "Approved on"),
    "adminlist.csv.number": ("Nr.", "No."),
    "adminlist.csv.title": ("Titel", "Title"),
    "adminlist.csv.exchange": ("Börse", "Exchange"),
    "adminlist.csv.kind": ("Art", "Kind"),
    "adminlist.csv.category": ("Kategorie", "Category"),
    "adminlist.csv.author": ("Verfasst von", "Written by"),
    "adminlist.csv.created": ("Erstellt am", "Created on"),
    "adminlist.csv.expires": ("Läuft bis", "Runs until"),
    "adminlist.user_status.pending": ("Wartet auf Freischaltung", "Awaiting approval"),
    "adminlist.user_status.approved": ("Freigeschaltet", "Approved"),
    "adminlist.user_status.blocked": ("Gesperrt", "Blocked"),
    "adminlist.listing_status.draft": ("Entwurf", "Draft"),
    "adminlist.listing_status.pending": ("Wartet auf Prüfung", "Awaiting review"),
    "adminlist.listing_status.published": ("Laufend (veröffentlicht)", "Running (published)"),
    "adminlist.listing_status.removed": ("Von der Kommune entfernt", "Removed by the Kommune"),
    "adminlist.listing_status.closed": ("Geschlossen", "Closed"),
    "adminlist.listing_status.expired": ("Abgelaufen", "Expired"),
    "adminlist.listing_status.deleted": ("Gelöscht", "Deleted"),
    "adminlist.listing_status.suspended": (
        "Ausgeblendet (Person gesperrt)",
        "Hidden (person blocked)",
    ),
    # --- admin accounts --------------------------------------------------------------------
    "admins.title": ("Verwaltungskonten", "Admin accounts"),
    "admins.intro": (
        "Diese Personen verwalten {kommune} in dasnez.",
        "These people administer {kommune} in dasnez.",
    ),
    "admins.since": ("Verwaltung seit", "Admin since"),
    "admins.you": ("(Sie)", "(you)"),
    "admins.invite_title": ("Weitere Person einladen", "Invite another person"),
    "admins.invite_hint": (
        "Hat die Person schon ein freigeschaltetes Konto in {kommune}, bekommt sie die "
        "Verwaltungsrechte sofort. Sonst legen wir ein Konto an und schicken ihr eine E-Mail "
        "mit einem Link, über den sie ihr Passwort festlegt.",
        "If the person already has an approved account in {kommune}, they get the admin "
        "rights at once. Otherwise we create an account and send them an email with a link to "
        "choose their password.",
    ),
    "admins.email": ("E-Mail-Adresse", "Email address"),
    "admins.name": ("Name (nur für ein neues Konto)", "Name (only for a new account)"),
    "admins.invite": ("Einladen", "Invite"),
    "admins.granted": (
        "{name} hat jetzt Verwaltungsrechte für {kommune}. Wir haben eine E-Mail geschickt.",
        "{name} now has admin rights for {kommune}. We sent an email.",
    ),
    "admins.invited": (
        "Die Einladung an {email} ist verschickt. Der Link darin gilt {days} Tage.",
        "The invitation to {email} has been sent. Its link is valid for {days} days.",
    ),
    "admins.not_approved": (
        "Diese Person wartet noch auf die Freischaltung. Bitte schalten Sie sie zuerst frei.",
        "This person is still awaiting approval. Please approve them first.",
    ),
    "admins.blocked": (
        "Diese Person ist gesperrt und kann keine Verwaltungsrechte bekommen.",
        "This person is blocked and cannot get admin rights.",
    ),
    "admins.already_admin": (
        "Diese Person hat bereits Verwaltungsrechte.",
        "This person already has admin rights.",
    ),
    "admins.not_found": (
        "Diese Person hat hier keine Verwaltungsrechte.",
        "This person has no admin rights here.",
    ),
    "admins.not_yourself": (
        "Ihre eigenen Rechte kann Ihnen nur eine andere Person der Verwaltung entziehen.",
        "Only another admin can take away your own rights.",
    ),
    "admins.revoke_title": ("Verwaltungsrechte entziehen", "Take away admin rights"),
    "admins.revoke_who": ("Person", "Person"),
    "admins.revoke_choose": ("Bitte wählen", "Please choose"),
    "admins.revoke_reason": ("Grund (wird protokolliert)", "Reason (is logged)"),
    "admins.revoke": ("Rechte entziehen", "Take away rights"),
    "admins.revoked": (
        "{name} hat keine Verwaltungsrechte mehr.",
        "{name} no longer has admin rights.",
    ),
    "admins.choose_required": ("Bitte wählen Sie eine Person.", "Please choose a person."),
    "mail.admin_invite.subject": (
        "Einladung in die Verwaltung von dasnez {kommune}",
        "Invitation to administer dasnez {kommune}",
    ),
    "mail.admin_invite.body": (
        "Hallo {name},\n\n"
        "{inviter} lädt Sie ein, den Marktplatz dasnez für {kommune} mitzuverwalten.\n\n"
        "Bitte legen Sie über diesen Link Ihr Passwort fest (er gilt {days} Tage und nur "
        "einmal):\n"
        "{url}/passwort-neu?token={token}\n\n"
        "Danach melden Sie sich mit Ihrer E-Mail-Adresse und dem neuen Passwort in der "
        "Verwaltung an.\n\n"
        "Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail löschen.\n",
        "Hello {name},\n\n"
        "{inviter} invites you to help administer the dasnez marketplace of {kommune}.\n\n"
        "Please choose your password with this link (valid for {days} days, once):\n"
        "{url}/passwort-neu?token={token}\n\n"
        "Then log in to the administration with your email address and the new password.\n\n"
        "If you did not expect this invitation, you can delete this email.\n",
    ),
    "mail.admin_invite_elsewhere.subject": (
        "Einladung in die Verwaltung von dasnez {kommune}",
        "Invitation to administer dasnez {kommune}",
    ),
    "mail.admin_invite_elsewhere.body": (
        "Hallo {name},\n\n"
        "die Verwaltung von dasnez {kommune} wollte Sie einladen, dort mitzuverwalten. Ihre "
        "E-Mail-Adresse gehört aber schon zu Ihrem Konto in einer anderen Kommune, und ein "
        "Konto gehört immer zu genau einer Kommune. Es hat sich deshalb nichts geändert.\n\n"
        "Möchten Sie in {kommune} mitverwalten, nennen Sie der Verwaltung dort bitte eine "
        "andere E-Mail-Adresse.\n",
        "Hello {name},\n\n"
        "the administration of dasnez {kommune} wanted to invite you to help administer it. "
        "But your email address already belongs to your account in another municipality, and "
        "an account always belongs to exactly one municipality. So nothing has changed.\n\n"
        "If you would like to help administer {kommune}, please give its administration "
        "another email address.\n",
    ),
    "mail.admin_granted.subject": (
        "Sie verwalten jetzt dasnez {kommune}",
        "You now administer dasnez {kommune}",
    ),
    "mail.admin_granted.body": (
        "Hallo {name},\n\n"
        "{inviter} hat Ihnen Verwaltungsrechte für dasnez {kommune} gegeben. Sie melden sich "
        "in der Verwaltung mit Ihrer gewohnten E-Mail-Adresse und Ihrem Passwort an.\n",
        "Hello {name},\n\n"
        "{inviter} gave you admin rights for dasnez {kommune}. You log in to the "
        "administration with your usual email address and password.\n",
    ),
    # --- ratings ---------------------------------------------------------------------------
    "adminratings.title": ("Bewertungen", "Ratings"),
    "adminratings.total": ("Bewertungen insgesamt", "Ratings in total"),
    "adminratings.average": ("Durchschnitt (Sterne)", "Average (stars)"),
    "adminratings.admin_only_total": (
        "davon nur für die Verwaltung",
        "of which for the administration only",
    ),
    "adminratings.distribution": ("Verteilung der Sterne", "Distribution of stars"),
    "adminratings.stars": ("{stars} Sterne", "{stars} stars"),
    "adminratings.stars_one": ("{stars} Stern", "{stars} star"),
    "adminratings.recent": ("Neueste Bewertungen", "Newest ratings"),
    "adminratings.show_all": ("Alle Bewertungen", "All ratings"),
    "adminratings.show_admin_only": ("Nur „nur für die Verwaltung“", "Only “administration only”"),
    "adminratings.admin_only": ("Nur für die Verwaltung", "Administration only"),
    "adminratings.by_for": ("{rater} über {ratee}", "{rater} about {ratee}"),
    "adminratings.former_member": ("ehemaliges Mitglied", "former member"),
    "adminratings.no_comment": ("(ohne Kommentar)", "(no comment)"),
    "adminratings.none": ("Noch keine Bewertungen.", "No ratings yet."),
    "adminratings.stars_label": ("{stars} von 5 Sternen", "{stars} of 5 stars"),
}
