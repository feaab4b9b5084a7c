"""Catalog part: Zeitkonto (time accounts), Ehrenamtsnachweis, listing photos and swaps
(key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- booking -----------------------------------------------------------------------------
    "timebank.overdraft": (
        "Das Zeitkonto der Person, der geholfen wurde, darf höchstens {limit} Stunden im "
        "Minus sein (Kontostand jetzt: {balance} Stunden). Bitte weniger Stunden eintragen "
        "oder die Kommune ansprechen.",
        "The time account of the person who was helped may be at most {limit} hours below "
        "zero (balance now: {balance} hours). Please enter fewer hours or contact the "
        "Kommune.",
    ),
    "timebank.booked_note": (
        "Die Stunden werden nach beiden Bestätigungen auf den Zeitkonten gebucht.",
        "The hours are booked on the time accounts once both sides have confirmed.",
    ),
    # --- the person's account page -------------------------------------------------------------
    "nav.time_account": ("Zeitkonto", "Time account"),
    "timebank.title": ("Ihr Zeitkonto", "Your time account"),
    "timebank.intro_donations": (
        "Hier sehen Sie die Stunden, die Sie über die Zeitspende verschenkt haben.",
        "Here you see the hours you have given through the time donation exchange.",
    ),
    "timebank.intro_timebank": (
        "Ihre Kommune führt eine Zeitbank: Geschenkte Stunden werden Ihnen gutgeschrieben, "
        "erhaltene Hilfe wird abgebucht. Ihr Konto darf bis zu {limit} Stunden im Minus sein.",
        "Your Kommune runs a time bank: hours you give are credited, help you receive is "
        "debited. Your account may go down to {limit} hours below zero.",
    ),
    "timebank.balance": ("Kontostand", "Balance"),
    "timebank.hours_unit": ("{hours} Stunden", "{hours} hours"),
    "timebank.donated_total": ("Insgesamt geschenkt", "Given in total"),
    "timebank.donated_year": ("Geschenkt in diesem Jahr", "Given this year"),
    "timebank.card_progress": (
        "Ehrenamtskarte NRW: {hours} von 250 Stunden in diesem Jahr ({percent} %)",
        "Ehrenamtskarte NRW (volunteer card): {hours} of 250 hours this year ({percent} %)",
    ),
    "timebank.card_hint": (
        "Für die Ehrenamtskarte NRW sind 250 Stunden ehrenamtliche Arbeit im Jahr nötig "
        "(oder 5 Stunden in der Woche). Den Antrag stellen Sie bei Ihrer Kommune.",
        "The Ehrenamtskarte NRW asks for 250 hours of voluntary work a year (or 5 hours a "
        "week). You apply for it at your Kommune.",
    ),
    "timebank.statement": ("Kontoauszug", "Statement"),
    "timebank.statement_empty": (
        "Noch keine Buchungen. Stunden werden gebucht, sobald beide Seiten einer "
        "Zeitspende „Hilfe hat stattgefunden“ bestätigt haben.",
        "No bookings yet. Hours are booked once both sides of a time donation have "
        'confirmed "help took place".',
    ),
    "timebank.col_date": ("Datum", "Date"),
    "timebank.col_title": ("Eintrag", "Listing"),
    "timebank.col_kind": ("Art", "Kind"),
    "timebank.col_hours": ("Stunden", "Hours"),
    "timebank.col_reason": ("Grund", "Reason"),
    "timebank.kind.credit": ("Gutschrift", "Credit"),
    "timebank.kind.debit": ("Abbuchung", "Debit"),
    "timebank.kind.correction": ("Korrektur", "Correction"),
    "timebank.older": ("Ältere Buchungen", "Older bookings"),
    "timebank.newer": ("Neuere Buchungen", "Newer bookings"),
    "timebank.export_csv": ("Kontoauszug als CSV", "Statement as CSV"),
    "timebank.csv.date": ("Datum", "Date"),
    "timebank.csv.title": ("Eintrag", "Listing"),
    "timebank.csv.kind": ("Art", "Kind"),
    "timebank.csv.credit": ("Gutschrift (Stunden)", "Credit (hours)"),
    "timebank.csv.debit": ("Abbuchung (Stunden)", "Debit (hours)"),
    "timebank.csv.reason": ("Grund", "Reason"),
    "timebank.certificate": ("Ehrenamtsnachweis", "Volunteer certificate"),
    "timebank.certificate_intro": (
        "Ein druckbarer Nachweis Ihrer geschenkten Stunden in einem Zeitraum, ausgestellt "
        "im Namen Ihrer Kommune.",
        "A printable record of the hours you gave in a period, issued in your Kommune's name.",
    ),
    "timebank.period_start": ("Von", "From"),
    "timebank.period_end": ("Bis", "To"),
    "timebank.certificate_download": ("Nachweis als PDF", "Certificate as PDF"),
    "timebank.certificate_ready": (
        "Der Nachweis wurde erstellt ({total} Stunden).",
        "The certificate was created ({total} hours).",
    ),
    "timebank.csv_ready": ("Der Kontoauszug wurde erstellt.", "The statement was created."),
    "timebank.period_date_invalid": (
        "Bitte ein Datum wählen.",
        "Please choose a date.",
    ),
    "timebank.period_order": (
        "Das Ende des Zeitraums liegt vor seinem Anfang.",
        "The end of the period is before its start.",
    ),
    "timebank.period_future": (
        "Der Zeitraum darf nicht in der Zukunft enden.",
        "The period may not end in the future.",
    ),
    "timebank.period_too_long": (
        "Der Zeitraum darf höchstens {years} Jahre lang sein.",
        "The period may be at most {years} years long.",
    ),
    # --- the certificate PDF -------------------------------------------------------------------
    "timebank.pdf.title": ("Ehrenamtsnachweis", "Volunteer certificate"),
    "timebank.pdf.subtitle": (
        "Bescheinigung über ehrenamtlich geleistete Stunden (Zeitspende)",
        "Record of hours of voluntary work (time donation)",
    ),
    "timebank.pdf.statement": (
        "Hiermit bestätigt die Kommune {kommune}, dass {name} im Zeitraum vom {start} bis "
        "{end} insgesamt {total} Stunden ehrenamtlich in der Nachbarschaftshilfe geleistet "
        "hat. Jede Stunde wurde von beiden Beteiligten bestätigt.",
        "The Kommune {kommune} confirms that {name} gave {total} hours of voluntary "
        "neighbourhood help between {start} and {end}. Each hour was confirmed by both "
        "people involved.",
    ),
    "timebank.pdf.col_date": ("Datum", "Date"),
    "timebank.pdf.col_activity": ("Tätigkeit", "Activity"),
    "timebank.pdf.col_hours": ("Stunden", "Hours"),
    "timebank.pdf.total": ("Summe", "Total"),
    "timebank.pdf.correction": ("Korrektur: {title}", "Correction: {title}"),
    "timebank.pdf.none": (
        "In diesem Zeitraum wurden keine Stunden gebucht.",
        "No hours were booked in this period.",
    ),
    "timebank.pdf.card_heading": ("Ehrenamtskarte NRW", "Ehrenamtskarte NRW (volunteer card)"),
    "timebank.pdf.card_text": (
        "Die Ehrenamtskarte NRW setzt {required} Stunden ehrenamtliche Arbeit im Jahr voraus. "
        "Im Kalenderjahr des Zeitraumendes sind {hours} Stunden gebucht ({percent} % von "
        "{required}).",
        "The Ehrenamtskarte NRW asks for {required} hours of voluntary work a year. In the "
        "calendar year the period ends in, {hours} hours are booked ({percent} % of "
        "{required}).",
    ),
    "timebank.pdf.issued": (
        "Ausgestellt von der Kommune {kommune} am {date}.",
        "Issued by the Kommune {kommune} on {date}.",
    ),
    "timebank.pdf.signature": (
        "Für die Kommune {kommune}: Unterschrift, Stempel",
        "For the Kommune {kommune}: signature, stamp",
    ),
    # --- admins --------------------------------------------------------------------------------
    "nav.admin_timebank": ("Zeitkonten", "Time accounts"),
    "timebank.admin.title": ("Zeitkonten", "Time accounts"),
    "timebank.admin.settings": ("Regeln der Zeitspende", "Time donation rules"),
    "timebank.admin.mode": ("Wie werden Stunden gezählt?", "How are hours counted?"),
    "timebank.admin.mode_donations": (
        "Nur geschenkte Stunden zählen (keine Abbuchung)",
        "Count only hours given (no debit)",
    ),
    "timebank.admin.mode_timebank": (
        "Zeitbank: Wer Hilfe bekommt, dem werden die Stunden abgebucht",
        "Time bank: the hours are debited from whoever receives help",
    ),
    "timebank.admin.overdraft": (
        "Wie viele Stunden darf ein Konto im Minus sein?",
        "How many hours may an account be below zero?",
    ),
    "timebank.admin.save_settings": ("Regeln speichern", "Save rules"),
    "timebank.admin.settings_saved": ("Die Regeln sind gespeichert.", "The rules are saved."),
    "timebank.mode_required": ("Bitte eine Zählweise wählen.", "Please choose how to count."),
    "timebank.overdraft_invalid": (
        "Bitte eine ganze Zahl von 0 bis {max} eingeben.",
        "Please enter a whole number from 0 to {max}.",
    ),
    "timebank.admin.totals": (
        "Geschenkte Stunden je Ortsteil und Monat",
        "Hours given per district and month",
    ),
    "timebank.admin.totals_empty": (
        "In den letzten zwölf Monaten wurden keine Stunden gebucht.",
        "No hours were booked in the last twelve months.",
    ),
    "timebank.admin.col_month": ("Monat", "Month"),
    "timebank.admin.col_district": ("Ortsteil", "District"),
    "timebank.admin.col_person": ("Person", "Person"),
    "timebank.admin.entries": ("Buchungen", "Bookings"),
    "timebank.admin.search": ("Person (Name oder E-Mail)", "Person (name or email)"),
    "timebank.admin.search_button": ("Suchen", "Search"),
    "timebank.admin.entries_empty": ("Keine Buchungen gefunden.", "No bookings found."),
    "timebank.admin.correct": ("Korrigieren", "Correct"),
    "timebank.admin.correct_heading": ("Buchung korrigieren", "Correct a booking"),
    "timebank.admin.correct_intro": (
        "Eine Buchung wird nie geändert: Die Korrektur ist eine weitere Buchung mit Grund, "
        "die im Protokoll steht.",
        "A booking is never changed: the correction is a further booking with its reason, "
        "recorded in the audit log.",
    ),
    "timebank.admin.entry": ("Buchung", "Booking"),
    "timebank.admin.correct_hours": (
        "Richtige Stunden für diese Buchung (0 storniert sie)",
        "Correct hours for this booking (0 cancels it)",
    ),
    "timebank.admin.reason": ("Grund der Korrektur", "Reason for the correction"),
    "timebank.admin.corrected": ("Die Korrektur ist gebucht.", "The correction is booked."),
    "timebank.correction_hours_invalid": (
        "Bitte eine Stundenzahl von 0 bis {max} eingeben, z. B. 1,5.",
        "Please enter a number of hours from 0 to {max}, e.g. 1.5.",
    ),
    "timebank.correction_unchanged": (
        "Die Buchung zählt schon so viele Stunden.",
        "The booking already counts that many hours.",
    ),
    "timebank.reason_required": (
        "Bitte einen Grund angeben (mindestens {min} Zeichen).",
        "Please give a reason (at least {min} characters).",
    ),
    "timebank.reason_too_long": (
        "Der Grund darf höchstens {max} Zeichen lang sein.",
        "The reason may be at most {max} characters long.",
    ),
    "timebank.entry_not_found": (
        "Diese Buchung gibt es nicht (mehr).",
        "This booking does not exist (any more).",
    ),
    "timebank.admin.choose_entry": ("Bitte eine Buchung wählen.", "Please choose a booking."),
    "dash.timebank_link": (
        "Zeitkonten: Stunden je Ortsteil und Monat",
        "Time accounts: hours per district and month",
    ),
    "audit.action.correct_time_entry": ("Zeitbuchung korrigiert", "Time booking corrected"),
    "audit.action.update_timebank_settings": (
        "Regeln der Zeitspende geändert",
        "Time donation rules changed",
    ),
    "audit.target.time_entry": ("Zeitbuchung", "Time booking"),
    "audit.action.remove_photo": ("Foto entfernt", "Photo removed"),
    # --- photos --------------------------------------------------------------------------------
    "photo.heading": ("Fotos", "Photos"),
    "photo.hint": (
        "Bis zu {max} Fotos (JPEG, PNG oder WebP, je höchstens {mb} MB). Standortdaten und "
        "andere Angaben der Kamera werden entfernt.",
        "Up to {max} photos (JPEG, PNG or WebP, at most {mb} MB each). Location and other "
        "camera data are removed.",
    ),
    "photo.upload": ("Foto hinzufügen", "Add a photo"),
    "photo.added": ("Das Foto ist hinzugefügt.", "The photo was added."),
    "photo.deleted": ("Das Foto ist gelöscht.", "The photo was deleted."),
    "photo.delete": ("Foto löschen", "Delete photo"),
    "photo.alt": ("Foto {number} zu „{title}“", 'Photo {number} of "{title}"'),
    "photo.alt_own": ("Foto {number}", "Photo {number}"),
    "photo.empty": ("Bitte eine Bilddatei wählen.", "Please choose an image file."),
    "photo.too_big": (
        "Das Foto ist zu groß (höchstens {mb} MB).",
        "The photo is too big (at most {mb} MB).",
    ),
    "photo.wrong_type": (
        "Diese Datei ist kein Foto im Format JPEG, PNG oder WebP.",
        "This file is not a JPEG, PNG or WebP photo.",
    ),
    "photo.too_many_pixels": (
        "Das Foto hat zu viele Bildpunkte (höchstens {mp} Megapixel).",
        "The photo has too many pixels (at most {mp} megapixels).",
    ),
    "photo.too_many": (
        "Ein Eintrag kann höchstens {max} Fotos haben. Bitte erst ein Foto löschen.",
        "A listing can have at most {max} photos. Please delete one first.",
    ),
    "photo.listing_closed": (
        "Zu diesem Eintrag können keine Fotos mehr hinzugefügt werden.",
        "No more photos can be added to this listing.",
    ),
    "photo.not_found": (
        "Dieses Foto gibt es nicht (mehr).",
        "This photo does not exist (any more).",
    ),
    "photo.save_first": (
        "Fotos können Sie hinzufügen, sobald der Eintrag gespeichert ist.",
        "You can add photos once the listing is saved.",
    ),
    "photo.remove_reason": ("Grund für das Entfernen", "Reason for removing"),
    "photo.remove": ("Foto entfernen", "Remove photo"),
    "photo.removed": ("Das Foto ist entfernt.", "The photo was removed."),
    "photo.reason_required": (
        "Bitte einen Grund angeben (mindestens {min} Zeichen).",
        "Please give a reason (at least {min} characters).",
    ),
    "photo.removed_by_kommune": (
        "Von der Kommune entfernt: {reason}",
        "Removed by the Kommune: {reason}",
    ),
    # --- swaps ---------------------------------------------------------------------------------
    "swap.mode": ("Tauschbörse: Was möchten Sie dafür?", "Swap: what would you like for it?"),
    "swap.mode_gift": ("Zu verschenken", "To give away"),
    "swap.mode_swap": ("Tauschen gegen …", "Swap for …"),
    "swap.mode_required": (
        "Bitte wählen: zu verschenken oder tauschen gegen etwas.",
        "Please choose: to give away, or to swap for something.",
    ),
    "swap.for_required": (
        "Bitte angeben, wogegen Sie tauschen möchten.",
        "Please say what you would like to swap it for.",
    ),
    "swap.gift_badge": ("Zu verschenken", "To give away"),
    "swap.for_badge": ("Tausch gegen: {what}", "Swap for: {what}"),
}
