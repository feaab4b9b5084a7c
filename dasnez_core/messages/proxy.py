"""Catalog part: Stellvertretung — appointing and revoking proxies, represented persons,
their consent form and data export, and acting for them (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- appointing and revoking (admin portal) ---------------------------------------------
    "proxy.nav": ("Stellvertretung", "Proxies"),
    "proxy.title": ("Stellvertretung", "Proxies"),
    "proxy.intro": (
        "Beauftragte Personen stellen Angebote und Gesuche für Menschen ein, die selbst "
        "keinen Internetzugang haben oder wollen. Sie sehen nur die Personen, die sie "
        "vertreten; die Verwaltung sieht alle.",
        "Appointed proxies post offers and requests for people who have no internet access "
        "or do not want it. They see only the people they represent; the administration "
        "sees all of them.",
    ),
    "proxy.list_title": ("Beauftragte Personen", "Proxies"),
    "proxy.col.persons": ("Vertretene Personen", "Represented persons"),
    "proxy.none": ("Noch niemand ist beauftragt.", "Nobody has been appointed yet."),
    "proxy.office_count": (
        "Von der Verwaltung selbst betreut: {count}",
        "Looked after by the office itself: {count}",
    ),
    "proxy.appoint_title": ("Person beauftragen", "Appoint a proxy"),
    "proxy.appoint_who": ("Freigeschaltetes Mitglied", "Approved member"),
    "proxy.appoint_choose": ("Bitte wählen", "Please choose"),
    "proxy.reason": ("Begründung (für das Protokoll)", "Reason (for the audit log)"),
    "proxy.appoint": ("Beauftragen", "Appoint"),
    "proxy.appointed_done": (
        "{name} ist jetzt mit der Stellvertretung beauftragt.",
        "{name} is now appointed as a proxy.",
    ),
    "proxy.revoke_title": ("Beauftragung beenden", "Revoke a proxy"),
    "proxy.revoke_who": ("Beauftragte Person", "Proxy"),
    "proxy.successor": (
        "Wer übernimmt die vertretenen Personen?",
        "Who takes over the represented persons?",
    ),
    "proxy.successor_office": ("Die Verwaltung der Kommune", "The Kommune's office"),
    "proxy.revoke": ("Beauftragung beenden", "Revoke"),
    "proxy.revoked_done": (
        "Die Beauftragung von {name} ist beendet; {count} vertretene Person(en) übergeben.",
        "{name} is no longer a proxy; {count} represented person(s) handed over.",
    ),
    "proxy.choose_person": ("Bitte wählen Sie eine Person.", "Please choose a person."),
    "proxy.choose_proxy": (
        "Bitte wählen Sie die beauftragte Person.",
        "Please choose the proxy.",
    ),
    "proxy.successor_required": (
        "Bitte wählen Sie, wer die vertretenen Personen übernimmt: eine andere beauftragte "
        "Person oder die Verwaltung. Ohne Übergabe wird nichts geändert.",
        "Please choose who takes over the represented persons: another proxy or the office. "
        "Without a hand-over nothing is changed.",
    ),
    "proxy.successor_not_proxy": (
        "Übernehmen kann nur eine andere beauftragte Person dieser Kommune.",
        "Only another proxy of this Kommune can take over.",
    ),
    "proxy.only_approved": (
        "Nur freigeschaltete Mitglieder können beauftragt werden.",
        "Only approved members can be appointed.",
    ),
    "proxy.already_proxy": ("{name} ist bereits beauftragt.", "{name} is already a proxy."),
    "proxy.appointed_by": (
        "{name} wurde gerade von {by} beauftragt.",
        "{name} has just been appointed by {by}.",
    ),
    "proxy.revoked_by": (
        "Die Beauftragung von {name} wurde gerade von {by} beendet.",
        "{by} has just revoked {name} as a proxy.",
    ),
    "proxy.not_found": (
        "Diese beauftragte Person wurde nicht gefunden.",
        "This proxy was not found.",
    ),
    "proxy.persons_title": ("Alle vertretenen Personen", "All represented persons"),
    "proxy.col.proxy": ("Vertreten durch", "Represented by"),
    "proxy.by_office": ("Verwaltung", "Office"),
    "proxy.assign": ("Zuweisen", "Assign"),
    "proxy.assign_to": ("Neue beauftragte Person für {name}", "New proxy for {name}"),
    "proxy.assigned_done": (
        "{name} wird jetzt von {proxy} vertreten.",
        "{proxy} now represents {name}.",
    ),
    # --- dashboard -----------------------------------------------------------------------------
    "dash.proxy": ("Stellvertretung", "Proxies"),
    "dash.proxy_persons": ("Vertretene Personen", "Represented persons"),
    "dash.proxy_listings": ("Einträge über Stellvertretung", "Listings through proxies"),
    "dash.proxy_agreements": (
        "Vereinbarungen über Stellvertretung",
        "Agreements through proxies",
    ),
    # --- audit log ----------------------------------------------------------------------------
    "audit.action.appoint_proxy": ("Stellvertretung beauftragt", "Proxy appointed"),
    "audit.action.revoke_proxy": ("Stellvertretung beendet", "Proxy revoked"),
    "audit.action.record_represented": ("Vertretene Person erfasst", "Represented person recorded"),
    "audit.action.confirm_proxy_consent": (
        "Einwilligung (Papier) bestätigt",
        "Paper consent confirmed",
    ),
    "audit.action.export_represented": (
        "Daten einer vertretenen Person ausgegeben",
        "Represented person's data exported",
    ),
    "audit.action.delete_represented": ("Vertretene Person gelöscht", "Represented person deleted"),
    # --- represented persons (public app) ---------------------------------------------------
    "represented.nav": ("Vertretene Personen", "Represented persons"),
    "represented.title": ("Meine vertretenen Personen", "People I represent"),
    "represented.intro": (
        "Hier erfassen Sie die Menschen, für die Sie Angebote und Gesuche einstellen. "
        "Drucken Sie für jede Person die Einwilligung aus, lassen Sie sie unterschreiben und "
        "bestätigen Sie hier das Datum. Die Kontaktangaben sehen nur Sie und die Verwaltung.",
        "Record the people you post offers and requests for. Print the consent form for each "
        "person, have it signed and confirm the date here. Only you and the administration "
        "see the contact details.",
    ),
    "represented.not_proxy": (
        "Diese Seite ist für beauftragte Personen (Stellvertretung). Die Verwaltung Ihrer "
        "Kommune kann Sie beauftragen.",
        "This page is for appointed proxies. Your Kommune's administration can appoint you.",
    ),
    "represented.none": (
        "Sie haben noch keine Person erfasst.",
        "You have not recorded anybody yet.",
    ),
    "represented.add_title": ("Person erfassen", "Record a person"),
    "represented.name": ("Vor- und Nachname", "First and last name"),
    "represented.area": ("Ortsteil", "District"),
    "represented.birth_year": ("Geburtsjahr", "Year of birth"),
    "represented.phone": ("Telefon", "Phone"),
    "represented.postal_address": ("Postanschrift", "Postal address"),
    "represented.contact_hint": (
        "Telefon oder Postanschrift (mindestens eins) – nur für Sie und die Verwaltung.",
        "Phone or postal address (at least one) – only for you and the administration.",
    ),
    "represented.spaces": ("Sozialräume (freiwillig)", "Social spaces (optional)"),
    "represented.add": ("Person erfassen", "Record person"),
    "represented.added_done": (
        "{name} ist erfasst. Drucken Sie jetzt die Einwilligung aus.",
        "{name} has been recorded. Now print the consent form.",
    ),
    "represented.born": ("Jahrgang {year}", "born {year}"),
    "represented.contact": ("Kontakt", "Contact"),
    "represented.status.pending": ("wartet auf Freischaltung", "awaiting approval"),
    "represented.status.approved": ("freigeschaltet", "approved"),
    "represented.status.blocked": ("gesperrt", "blocked"),
    "represented.consent_on": (
        "Einwilligung unterschrieben am {date} (Datenschutz Version {version})",
        "Consent signed on {date} (privacy notice version {version})",
    ),
    "represented.consent_open": ("Einwilligung fehlt noch", "Consent still missing"),
    "represented.print_consent": ("Einwilligung drucken (PDF)", "Print consent form (PDF)"),
    "represented.signed_on": ("Unterschrieben am", "Signed on"),
    "represented.confirm_consent": ("Unterschrift bestätigen", "Confirm signature"),
    "represented.consent_done": (
        "Die Einwilligung von {name} ist erfasst.",
        "{name}'s consent has been recorded.",
    ),
    "represented.new_listing": ("Neuer Eintrag für {name}", "New listing for {name}"),
    "represented.listings": ("Einträge", "Listings"),
    "represented.conversations": ("Gespräche", "Conversations"),
    "represented.agreements": ("Vereinbarungen", "Agreements"),
    "represented.none_yet": ("Noch keine.", "None yet."),
    "represented.unread": ("ungelesen", "unread"),
    "represented.agreement_done": ("beidseitig bestätigt", "confirmed by both"),
    "represented.agreement_open": ("noch nicht bestätigt", "not yet confirmed"),
    # An agreement names the represented person and who confirmed for them.
    "represented.agreement_for": ("{proxy} für {person}", "{proxy} for {person}"),
    "represented.agreement_office_for": (
        "die Verwaltung der Kommune für {person}",
        "the Kommune's office for {person}",
    ),
    "represented.agreement_confirmed_by": ("Bestätigt: {names}", "Confirmed: {names}"),
    "represented.with": ("mit {name}", "with {name}"),
    "represented.edit": ("Bearbeiten", "Edit"),
    "represented.close": ("Abschließen", "Close"),
    "represented.renew": ("Verlängern", "Renew"),
    "represented.closed_done": ("Der Eintrag ist abgeschlossen.", "The listing is closed."),
    "represented.renewed_done": ("Der Eintrag ist verlängert.", "The listing has been renewed."),
    "represented.export": ("Daten ausgeben (PDF)", "Export data (PDF)"),
    "represented.delete": ("Person löschen", "Delete person"),
    "represented.delete_confirm": (
        "{name} und alle Einträge und Gespräche wirklich löschen? Abgegebene Bewertungen "
        "bleiben ohne Namen erhalten.",
        "Really delete {name} with all listings and conversations? Ratings they gave stay, "
        "without a name.",
    ),
    "represented.delete_yes": ("Ja, löschen", "Yes, delete"),
    "represented.cancel": ("Abbrechen", "Cancel"),
    "represented.deleted_done": ("{name} ist gelöscht.", "{name} has been deleted."),
    "represented.for": ("für {name}", "for {name}"),
    "represented.acting_for": (
        "Sie schreiben hier für {name} (Stellvertretung).",
        "You are writing here for {name} (as their proxy).",
    ),
    "represented.by": ("vertreten durch {name}", "represented by {name}"),
    "represented.by_office": (
        "vertreten durch die Verwaltung der Kommune",
        "represented by the Kommune's office",
    ),
    "represented.marker": ("vertreten", "represented"),
    "represented.back": ("← Meine vertretenen Personen", "← People I represent"),
    # --- errors --------------------------------------------------------------------------------
    "represented.not_found": ("Diese Person wurde nicht gefunden.", "This person was not found."),
    "represented.consent_missing": (
        "Für diese Person ist noch keine unterschriebene Einwilligung erfasst. Drucken Sie "
        "die Einwilligung aus, lassen Sie sie unterschreiben und bestätigen Sie das Datum; "
        "erst dann können Sie für sie Einträge schreiben.",
        "No signed consent is recorded for this person yet. Print the consent form, have it "
        "signed and confirm the date; only then can you write listings for them.",
    ),
    "represented.name_too_short": (
        "Bitte geben Sie den Namen an (mindestens {min} Zeichen).",
        "Please enter the name (at least {min} characters).",
    ),
    "represented.name_too_long": (
        "Der Name darf höchstens {max} Zeichen lang sein.",
        "The name may be at most {max} characters long.",
    ),
    "represented.area_required": ("Bitte wählen Sie den Ortsteil.", "Please choose the district."),
    "represented.birth_year_invalid": (
        "Bitte geben Sie das Geburtsjahr als Zahl zwischen {min} und {max} an.",
        "Please enter the year of birth as a number between {min} and {max}.",
    ),
    "represented.contact_required": (
        "Bitte geben Sie eine Telefonnummer oder eine Postanschrift an.",
        "Please enter a phone number or a postal address.",
    ),
    "represented.phone_too_long": (
        "Die Telefonnummer darf höchstens {max} Zeichen lang sein.",
        "The phone number may be at most {max} characters long.",
    ),
    "represented.phone_invalid": (
        "Die Telefonnummer darf nur Ziffern, Leerzeichen und + - / ( ) enthalten.",
        "The phone number may contain only digits, spaces and + - / ( ).",
    ),
    "represented.address_too_long": (
        "Die Anschrift darf höchstens {max} Zeichen lang sein.",
        "The address may be at most {max} characters long.",
    ),
    "represented.signed_on_invalid": (
        "Bitte geben Sie das Datum der Unterschrift an (nicht in der Zukunft).",
        "Please enter the date of the signature (not in the future).",
    ),
    "represented.consent_already": (
        "Die Einwilligung ist bereits erfasst.",
        "The consent has already been recorded.",
    ),
    # --- PDFs ----------------------------------------------------------------------------------
    "represented.pdf.consent_title": (
        "Einwilligung zur Stellvertretung auf dasnez {kommune}",
        "Consent to representation on dasnez {kommune}",
    ),
    "represented.pdf.consent_lead": (
        "Ich, {name} (Jahrgang {year}, {area}), bin damit einverstanden, dass {proxy} als "
        "beauftragte Person für mich Angebote und Gesuche auf dasnez {kommune} einstellt, "
        "Nachrichten dazu liest und beantwortet, Vereinbarungen bestätigt und Bewertungen "
        "abgibt. Dafür werden mein Name, mein Ortsteil, mein Geburtsjahr und eine "
        "Kontaktmöglichkeit gespeichert. Öffentlich erscheint nur mein Vorname mit dem "
        "Hinweis „vertreten durch {proxy}“. Meine Kontaktangaben sehen nur die beauftragte "
        "Person und die Verwaltung der Kommune. Ich kann diese Einwilligung jederzeit "
        "widerrufen; dann werden meine Daten gelöscht. Die Datenschutzerklärung der Kommune "
        "unten habe ich erhalten.",
        "I, {name} (born {year}, {area}), agree that {proxy}, as an appointed proxy, posts "
        "offers and requests for me on dasnez {kommune}, reads and answers messages about "
        "them, confirms agreements and gives ratings. For this, my name, district, year of "
        "birth and one way to reach me are stored. Publicly only my first name appears, with "
        "“represented by {proxy}”. Only the proxy and the Kommune's administration see my "
        "contact details. I can withdraw this consent at any time; my data is then deleted. I "
        "have received the Kommune's privacy notice below.",
    ),
    "represented.pdf.privacy_heading": (
        "Datenschutzerklärung der Kommune (Version {version})",
        "The Kommune's privacy notice (version {version})",
    ),
    "represented.pdf.place_date": ("Ort, Datum", "Place, date"),
    "represented.pdf.signature": ("Unterschrift {name}", "Signature {name}"),
    "represented.pdf.export_title": (
        "Gespeicherte Daten von {name} – dasnez {kommune}",
        "Stored data of {name} – dasnez {kommune}",
    ),
    "represented.pdf.as_of": ("Stand: {date}", "As of: {date}"),
    "represented.pdf.section_person": ("Person", "Person"),
    "represented.pdf.section_consent": ("Einwilligung", "Consent"),
    "represented.pdf.section_listings": ("Einträge", "Listings"),
    "represented.pdf.section_conversations": ("Gespräche", "Conversations"),
    "represented.pdf.section_agreements": (
        "Vereinbarungen und Bewertungen",
        "Agreements and ratings",
    ),
    "represented.pdf.name": ("Name: {value}", "Name: {value}"),
    "represented.pdf.area": ("Ortsteil: {value}", "District: {value}"),
    "represented.pdf.birth_year": ("Geburtsjahr: {value}", "Year of birth: {value}"),
    "represented.pdf.contact": ("Kontakt: {value}", "Contact: {value}"),
    "represented.pdf.spaces": ("Sozialräume: {value}", "Social spaces: {value}"),
    "represented.pdf.proxy": ("Vertreten durch: {value}", "Represented by: {value}"),
    "represented.pdf.registered": ("Erfasst am: {value}", "Recorded on: {value}"),
    "represented.pdf.status": ("Freischaltung: {value}", "Approval: {value}"),
    "represented.pdf.consent": (
        "Unterschrieben am {date}, Datenschutzerklärung Version {version}, erfasst von {by}",
        "Signed on {date}, privacy notice version {version}, recorded by {by}",
    ),
    "represented.pdf.no_consent": ("Keine Einwilligung erfasst.", "No consent recorded."),
    "represented.pdf.none": ("keine", "none"),
    "represented.pdf.ratings": (
        "Bewertungen abgegeben: {given}; erhalten: {received}",
        "Ratings given: {given}; received: {received}",
    ),
    # --- mails ---------------------------------------------------------------------------------
    "mail.new_message_for.subject": (
        "Neue Nachricht für {person} zu {title}",
        "New message for {person} about {title}",
    ),
    "mail.new_message_for.body": (
        "Hallo {name},\n\n"
        "{sender} hat {person}, die/den Sie vertreten, eine Nachricht zu „{title}“ "
        "geschrieben.\n\n"
        "Sie können sie hier lesen und beantworten:\n"
        "{url}/nachrichten/{conversation_id}\n\n"
        "Ihr dasnez-Team",
        "Hello {name},\n\n"
        "{sender} has written to {person}, whom you represent, about “{title}”.\n\n"
        "You can read it and reply here:\n"
        "{url}/nachrichten/{conversation_id}\n\n"
        "Your dasnez team",
    ),
    "mail.represented_approved.subject": (
        "{person} ist bei dasnez {kommune} freigeschaltet",
        "{person} has been approved at dasnez {kommune}",
    ),
    "mail.represented_approved.body": (
        "Guten Tag {name},\n\n"
        "{person}, die/den Sie vertreten, ist bei dasnez {kommune} freigeschaltet. Sie "
        "können jetzt für sie/ihn Angebote und Gesuche einstellen:\n\n"
        "{url}/vertretung\n\n"
        "Viele Grüße\ndasnez {kommune}",
        "Hello {name},\n\n"
        "{person}, whom you represent, has been approved at dasnez {kommune}. You can now "
        "post offers and requests for them:\n\n"
        "{url}/vertretung\n\n"
        "Kind regards\ndasnez {kommune}",
    ),
}
