"""Catalog part: institutions and their networks — registration, admission, members,
notices, the shared inbox and the website links (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- kinds ----------------------------------------------------------------------------
    "institution.kind.welfare": ("Wohlfahrtsverband", "Welfare association"),
    "institution.kind.senior_help": ("Seniorenhilfe", "Senior help"),
    "institution.kind.parish": ("Kirchengemeinde", "Parish"),
    "institution.kind.club": ("Verein", "Club"),
    "institution.kind.school": ("Schule", "School"),
    "institution.kind.kita": ("Kita", "Daycare centre"),
    "institution.kind.care_home": ("Pflegeeinrichtung", "Care home"),
    "institution.kind.other": ("Sonstige", "Other"),
    # --- registration ---------------------------------------------------------------------
    "institution.register_title": (
        "Institution oder Netzwerk registrieren",
        "Register an institution or network",
    ),
    "institution.register_intro": (
        "Caritas, Seniorenhilfe, Kirchengemeinde, Schule oder Verein: Registrieren Sie Ihre "
        "Einrichtung, damit Sie unter ihrem Namen Angebote und Gesuche einstellen und Ihr "
        "Netzwerk bekannt machen können. Die Verwaltung von {kommune} schaltet sie frei.",
        "Caritas, senior help, parish, school or club: register your institution to post "
        "offers and requests in its name and make your network known. The administration "
        "of {kommune} approves it.",
    ),
    "institution.name": ("Name der Institution", "Name of the institution"),
    "institution.kind": ("Art", "Kind"),
    "institution.kind_choose": ("Bitte wählen", "Please choose"),
    "institution.description": ("Beschreibung", "Description"),
    "institution.contact": (
        "Kontakt (Anschrift, Telefon, Sprechzeiten)",
        "Contact (address, phone, office hours)",
    ),
    "institution.website": ("Website (freiwillig)", "Website (optional)"),
    "institution.logo": ("Logo (freiwillig, PNG, JPEG oder WebP)", "Logo (optional)"),
    "institution.areas": ("Ortsteile, in denen Sie tätig sind", "Districts you serve"),
    "institution.spaces": ("Sozialräume, in denen Sie tätig sind", "Social spaces you serve"),
    "institution.responsible": ("Verantwortliche Person", "Responsible person"),
    "institution.responsible_me": (
        "Verantwortlich sind Sie: {name}.",
        "You are the responsible person: {name}.",
    ),
    "institution.responsible_new": (
        "Sie haben noch kein Konto? Legen Sie hier Ihr persönliches Konto als "
        "verantwortliche Person an. Haben Sie schon eines, melden Sie sich bitte zuerst an.",
        "No account yet? Create your personal account as the responsible person here. If "
        "you have one, please log in first.",
    ),
    "institution.submit": ("Institution registrieren", "Register institution"),
    "institution.registered": (
        "Danke! „{name}“ wartet jetzt auf die Freischaltung durch die Verwaltung.",
        "Thank you! “{name}” now waits for the administration's approval.",
    ),
    "institution.registered_confirm": (
        "Danke! Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse mit dem Link, den wir Ihnen "
        "geschickt haben. Danach wartet „{name}“ auf die Freischaltung.",
        "Thank you! Please first confirm your email address with the link we sent you. "
        "Then “{name}” waits for approval.",
    ),
    "institution.exists_offer": (
        "„{name}“ gibt es in {kommune} bereits. Bitten Sie die verantwortliche Person dort "
        "um eine Einladung als Mitglied:",
        "“{name}” already exists in {kommune}. Ask its responsible person for an "
        "invitation as a member:",
    ),
    "institution.exists_link": ("Zur Seite von {name}", "Go to the page of {name}"),
    "institution.name_exists": (
        "Eine Institution mit dem Namen „{name}“ gibt es hier bereits.",
        "An institution named “{name}” exists here already.",
    ),
    "institution.name_too_short": (
        "Der Name braucht mindestens {min} Zeichen.",
        "The name needs at least {min} characters.",
    ),
    "institution.name_too_long": (
        "Der Name darf höchstens {max} Zeichen haben.",
        "The name may have at most {max} characters.",
    ),
    "institution.kind_required": ("Bitte wählen Sie die Art.", "Please choose the kind."),
    "institution.description_too_long": (
        "Die Beschreibung darf höchstens {max} Zeichen haben.",
        "The description may have at most {max} characters.",
    ),
    "institution.contact_required": (
        "Bitte geben Sie an, wie man Sie erreicht.",
        "Please say how to reach you.",
    ),
    "institution.contact_too_long": (
        "Der Kontakt darf höchstens {max} Zeichen haben.",
        "The contact may have at most {max} characters.",
    ),
    "institution.website_invalid": (
        "Bitte geben Sie eine Web-Adresse wie https://www.beispiel.de an.",
        "Please give a web address such as https://www.example.org.",
    ),
    "institution.website_too_long": (
        "Die Web-Adresse darf höchstens {max} Zeichen haben.",
        "The web address may have at most {max} characters.",
    ),
    "institution.person_not_approved": (
        "Das geht erst, wenn Ihr Konto freigeschaltet ist.",
        "This is possible once your account has been approved.",
    ),
    "institution.not_found": ("Diese Institution gibt es hier nicht.", "No such institution here."),
    "institution.already_requested": (
        "Für {kommune} ist die Institution bereits angemeldet.",
        "The institution is already registered for {kommune}.",
    ),
    "institution.request_kommune": ("In einer weiteren Kommune anmelden", "Join a further Kommune"),
    "institution.request_kommune_field": ("Kommune", "Kommune"),
    "institution.request_sent": (
        "Angemeldet: Die Verwaltung von {kommune} schaltet die Institution dort frei.",
        "Registered: the administration of {kommune} approves the institution there.",
    ),
    # --- the admission (approval queue) ---------------------------------------------------
    "institution.queue_title": ("Institutionen", "Institutions"),
    "institution.badge": ("Institution", "Institution"),
    "institution.queue_responsible": ("Verantwortlich: {name}", "Responsible: {name}"),
    "institution.queue_person_pending": (
        "(Person wartet noch auf Freischaltung)",
        "(person still waiting for approval)",
    ),
    "institution.approve": ("„{name}“ freischalten", "Approve “{name}”"),
    "institution.decline": ("„{name}“ ablehnen", "Decline “{name}”"),
    "institution.approved": ("„{name}“ ist freigeschaltet.", "“{name}” has been approved."),
    "institution.declined": ("„{name}“ wurde abgelehnt.", "“{name}” has been declined."),
    "institution.not_pending": (
        "„{name}“ wartet nicht mehr auf Freischaltung.",
        "“{name}” no longer waits for approval.",
    ),
    "institution.responsible_pending": (
        "Schalten Sie zuerst die verantwortliche Person von „{name}“ frei.",
        "First approve the responsible person of “{name}”.",
    ),
    "audit.target.institution": ("Institution", "Institution"),
    "audit.action.approve_institution": ("Institution freigeschaltet", "Institution approved"),
    "audit.action.decline_institution": ("Institution abgelehnt", "Institution declined"),
    "mail.institution_approved.subject": (
        "„{institution}“ ist bei dasnez {kommune} freigeschaltet",
        "“{institution}” has been approved at dasnez {kommune}",
    ),
    "mail.institution_approved.body": (
        "Guten Tag {name},\n\n„{institution}“ ist in {kommune} freigeschaltet. Hier ist die "
        "Seite Ihrer Institution; dort laden Sie Mitglieder ein und stellen Einträge ein:\n\n"
        "{url}/k/{slug}/netzwerk/{handle}\n\nViele Grüße\ndasnez {kommune}",
        "Hello {name},\n\n“{institution}” has been approved in {kommune}. This is your "
        "institution's page; invite members and post listings there:\n\n"
        "{url}/k/{slug}/netzwerk/{handle}\n\nKind regards\ndasnez {kommune}",
    ),
    "mail.institution_declined.subject": (
        "„{institution}“ wurde in {kommune} nicht freigeschaltet",
        "“{institution}” was not approved in {kommune}",
    ),
    "mail.institution_declined.body": (
        "Guten Tag {name},\n\ndie Verwaltung von {kommune} hat „{institution}“ nicht "
        "freigeschaltet. Begründung:\n\n{reason}\n\nViele Grüße\ndasnez {kommune}",
        "Hello {name},\n\nthe administration of {kommune} has not approved "
        "“{institution}”. Reason:\n\n{reason}\n\nKind regards\ndasnez {kommune}",
    ),
    # --- the institution page ---------------------------------------------------------------
    "institution.page_contact": ("Kontakt", "Contact"),
    "institution.page_website": ("Website", "Website"),
    "institution.page_areas": ("Tätig in", "Active in"),
    "institution.page_spaces": ("Sozialräume", "Social spaces"),
    "institution.page_listings": ("Offene Einträge", "Open listings"),
    "institution.page_no_listings": (
        "Zurzeit keine offenen Einträge.",
        "No open listings at the moment.",
    ),
    "institution.page_notices": ("Aktuelles", "News"),
    "institution.page_also_in": ("Auch aktiv in", "Also active in"),
    "institution.notice_event": ("Termin:", "Date:"),
    "institution.notice_until": ("bis {day}", "until {day}"),
    "institution.networks_title": ("Netzwerke in {kommune}", "Networks in {kommune}"),
    "institution.register_link": (
        "Institution oder Netzwerk registrieren",
        "Register an institution or network",
    ),
    "institution.posted_for": ("(für {name})", "(for {name})"),
    "title.institution": ("Netzwerk", "Network"),
    "title.institution_register": ("Institution registrieren", "Register institution"),
    "title.institution_invite": ("Einladung", "Invitation"),
    # --- for members ----------------------------------------------------------------------
    "institution.member_area": ("Für Mitglieder", "For members"),
    "institution.switcher": ("Kommune wechseln", "Switch Kommune"),
    "institution.new_listing": (
        "Eintrag für {name} erstellen",
        "Create a listing for {name}",
    ),
    "institution.posting_as": (
        "Sie veröffentlichen diesen Eintrag als „{name}“.",
        "You publish this listing as “{name}”.",
    ),
    "institution.members": ("Mitglieder", "Members"),
    "institution.lead": ("verantwortlich", "responsible"),
    "institution.remove_member": ("{name} entfernen", "Remove {name}"),
    "institution.member_removed": (
        "{name} ist kein Mitglied mehr.",
        "{name} is no longer a member.",
    ),
    "institution.cannot_remove_self": (
        "Die verantwortliche Person kann sich nicht selbst entfernen.",
        "The responsible person cannot remove themselves.",
    ),
    "institution.member_not_found": ("Dieses Mitglied gibt es nicht.", "No such member."),
    "institution.lead_only": (
        "Das darf nur die verantwortliche Person.",
        "Only the responsible person may do this.",
    ),
    "institution.invite_email": ("E-Mail-Adresse des neuen Mitglieds", "New member's email"),
    "institution.invite_submit": ("Einladung senden", "Send invitation"),
    "institution.invite_sent": (
        "Wenn die Adresse Mitglied werden kann, ist eine Einladung unterwegs. Der Link gilt "
        "14 Tage und nur einmal.",
        "If the address can become a member, an invitation is on its way. The link is "
        "valid for 14 days and once only.",
    ),
    "mail.institution_invite.subject": (
        "Einladung: Mitglied von „{institution}“ bei dasnez {kommune}",
        "Invitation: member of “{institution}” at dasnez {kommune}",
    ),
    "mail.institution_invite.body": (
        "Guten Tag,\n\n{inviter} lädt Sie ein, bei dasnez {kommune} für „{institution}“ "
        "Einträge einzustellen und das gemeinsame Postfach zu lesen. Öffnen Sie dazu "
        "diesen Link (gültig {days} Tage):\n\n{url}/netzwerk-einladung?token={token}\n\n"
        "Haben Sie noch kein Konto, registrieren Sie sich zuerst mit dieser Adresse:\n"
        "{url}/k/{slug}/registrieren\n\nViele Grüße\ndasnez {kommune}",
        "Hello,\n\n{inviter} invites you to post listings for “{institution}” at dasnez "
        "{kommune} and to read its shared inbox. Open this link (valid {days} days):\n\n"
        "{url}/netzwerk-einladung?token={token}\n\nIf you have no account yet, register "
        "with this address first:\n{url}/k/{slug}/registrieren\n\nKind regards\n"
        "dasnez {kommune}",
    ),
    "institution.invite_title": ("Einladung als Mitglied", "Invitation as a member"),
    "institution.invite_for": (
        "Sie sind eingeladen, für „{institution}“ in {kommune} zu handeln.",
        "You are invited to act for “{institution}” in {kommune}.",
    ),
    "institution.invite_accept": ("Einladung annehmen", "Accept invitation"),
    "institution.invite_accepted": (
        "Willkommen! Sie sind jetzt Mitglied von „{name}“.",
        "Welcome! You are now a member of “{name}”.",
    ),
    "institution.invite_login": (
        "Bitte melden Sie sich mit der eingeladenen Adresse an, um die Einladung anzunehmen.",
        "Please log in with the invited address to accept the invitation.",
    ),
    "institution.invite_invalid": (
        "Dieser Einladungslink ist ungültig oder schon benutzt.",
        "This invitation link is invalid or has been used.",
    ),
    "institution.invite_expired": (
        "Dieser Einladungslink ist abgelaufen. Bitten Sie um eine neue Einladung.",
        "This invitation link has expired. Please ask for a new invitation.",
    ),
    "institution.invite_other_address": (
        "Die Einladung gilt für eine andere E-Mail-Adresse als die Ihres Kontos.",
        "The invitation is for another email address than your account's.",
    ),
    "institution.go_to_page": ("Zur Seite der Institution", "Go to the institution's page"),
    # --- notices --------------------------------------------------------------------------
    "institution.notice_title": ("Überschrift", "Heading"),
    "institution.notice_body": ("Text", "Text"),
    "institution.notice_date": ("Termin (freiwillig)", "Date (optional)"),
    "institution.notice_until_field": ("Anzeigen bis (freiwillig)", "Show until (optional)"),
    "institution.notice_add": ("Meldung veröffentlichen", "Publish notice"),
    "institution.notice_added": ("Die Meldung ist veröffentlicht.", "The notice is published."),
    "institution.notice_delete": ("Meldung „{title}“ löschen", "Delete notice “{title}”"),
    "institution.notice_deleted": ("Die Meldung ist gelöscht.", "The notice has been deleted."),
    "institution.notice_not_found": ("Diese Meldung gibt es nicht.", "No such notice."),
    "institution.notice_title_short": (
        "Die Überschrift braucht mindestens {min} Zeichen.",
        "The heading needs at least {min} characters.",
    ),
    "institution.notice_title_long": (
        "Die Überschrift darf höchstens {max} Zeichen haben.",
        "The heading may have at most {max} characters.",
    ),
    "institution.notice_body_long": (
        "Der Text darf höchstens {max} Zeichen haben.",
        "The text may have at most {max} characters.",
    ),
    "institution.date_invalid": (
        "Bitte geben Sie ein Datum wie 24.12.2026 an.",
        "Please give a date such as 2026-12-24.",
    ),
    "institution.until_past": (
        "„Anzeigen bis“ liegt in der Vergangenheit.",
        "“Show until” lies in the past.",
    ),
    # --- the shared inbox -------------------------------------------------------------------
    "institution.write_title": ("Nachricht an {name}", "Message to {name}"),
    "institution.write_field": ("Ihre Nachricht", "Your message"),
    "institution.write_submit": ("Nachricht senden", "Send message"),
    "institution.write_sent": (
        "Ihre Nachricht ist angekommen. Alle Mitglieder von {name} können sie lesen.",
        "Your message has arrived. Every member of {name} can read it.",
    ),
    "institution.write_login": (
        "Melden Sie sich an, um {name} zu schreiben.",
        "Log in to write to {name}.",
    ),
    "institution.inbox": ("Gemeinsames Postfach", "Shared inbox"),
    "institution.inbox_empty": ("Noch keine Nachrichten.", "No messages yet."),
    "institution.inbox_open": ("Gespräch mit {name} öffnen", "Open conversation with {name}"),
    "institution.inbox_unread": ("neu", "new"),
    "institution.answer_field": ("Antwort im Namen der Institution", "Answer as the institution"),
    "institution.answer_submit": ("Antwort senden", "Send answer"),
    "institution.answer_sent": ("Die Antwort ist gesendet.", "The answer has been sent."),
    "institution.thread_with": ("Gespräch mit {name}", "Conversation with {name}"),
    "institution.thread_not_found": ("Dieses Gespräch gibt es nicht.", "No such conversation."),
    "institution.message_empty": ("Bitte schreiben Sie eine Nachricht.", "Please write a message."),
    "institution.message_too_long": (
        "Die Nachricht darf höchstens {max} Zeichen haben.",
        "The message may have at most {max} characters.",
    ),
    "institution.own_inbox": (
        "Sie sind Mitglied dieser Institution: Ihre Nachrichten lesen Sie im Postfach.",
        "You are a member of this institution: read its messages in the inbox.",
    ),
    "institution.contact_via_inbox": (
        "Schreiben Sie der Institution bitte über ihre Seite: Dort lesen alle Mitglieder mit.",
        "Please write to the institution through its page: all its members read there.",
    ),
    "institution.contact_button": ("{name} schreiben", "Write to {name}"),
    # --- link for the website ---------------------------------------------------------------
    "institution.links_title": ("Link für Ihre Website", "Link for your website"),
    "institution.links_intro": (
        "Verlinken Sie Ihre Seite und die Einträge Ihrer Institution von Ihrer eigenen "
        "Website, oder drucken Sie den QR-Code aus.",
        "Link your page and your institution's listings from your own website, or print "
        "the QR code.",
    ),
    "institution.link_page": ("Seite der Institution", "The institution's page"),
    "institution.link_listings": (
        "Einträge der Institution in {kommune}",
        "The institution's listings in {kommune}",
    ),
    "institution.link_kommune": ("Startseite von {kommune}", "Start page of {kommune}"),
    "institution.link_copy": ("Link kopieren", "Copy link"),
    "institution.link_copied": ("Link kopiert.", "Link copied."),
    "institution.link_qr": ("QR-Code herunterladen (PNG)", "Download QR code (PNG)"),
    # --- browse -------------------------------------------------------------------------------
    "institution.browse_only": ("Nur Institutionen", "Institutions only"),
    "institution.browse_by": ("Institution", "Institution"),
    "institution.browse_all": ("Alle Institutionen", "All institutions"),
    "institution.browse_chip_only": ("Nur Institutionen", "Institutions only"),
    # --- editing the details (the responsible person) ------------------------------------
    "title.institution_edit": ("Angaben bearbeiten", "Edit details"),
    "audit.action.update_institution": ("Institution geändert", "Institution changed"),
    "institution.edit_link": ("Angaben bearbeiten", "Edit details"),
    "institution.edit_title": (
        "Angaben von „{name}“ bearbeiten",
        "Edit the details of “{name}”",
    ),
    "institution.edit_intro": (
        "Was Sie hier ändern, zeigt die Seite der Institution in jeder Kommune, in der sie "
        "freigeschaltet ist. Die Adresse der Seite bleibt gleich.",
        "What you change here shows on the institution's page in every Kommune that "
        "admitted it. The page's address stays the same.",
    ),
    "institution.edit_places": (
        "Ortsteile und Sozialräume in {kommune}",
        "Districts and social spaces in {kommune}",
    ),
    "institution.logo_current": ("Aktuelles Logo", "Current logo"),
    "institution.logo_remove": ("Logo entfernen", "Remove the logo"),
    "institution.edit_submit": ("Änderungen speichern", "Save changes"),
    "institution.edit_saved": (
        "Die Angaben von „{name}“ sind gespeichert.",
        "The details of “{name}” are saved.",
    ),
    "institution.edit_exists_offer": (
        "„{name}“ gibt es bereits. Wählen Sie einen anderen Namen oder sehen Sie sich die "
        "Seite an:",
        "“{name}” exists already. Choose another name, or have a look at its page:",
    ),
}
