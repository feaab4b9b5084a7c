"""Messages of running the platform: the admins' digest mails and their settings, the mail
outbox page of platform staff, retention periods and the warning before an inactive
account is deleted."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- menu ------------------------------------------------------------------------------
    "ops.nav.outbox": ("Postausgang", "Mail outbox"),
    "ops.nav.my_profile": ("Mein Profil", "My profile"),
    "ops.nav.retention": ("Aufbewahrungsfristen", "Retention periods"),
    # --- digest mails ----------------------------------------------------------------------
    "ops.mail.digest.subject": (
        "Zusammenfassung für {kommune}: {people} Freischaltungen, {reports} Meldungen",
        "Summary for {kommune}: {people} approvals, {reports} reports",
    ),
    "ops.mail.digest.body": (
        "Hallo {name},\n\nbei {kommune} wartet auf Ihre Verwaltung:\n\n"
        "- Freischaltungen: {people}\n- offene Meldungen: {reports}\n"
        "- Einträge in der Vorabprüfung: {listings}\n\n"
        "Davon warten {overdue} schon länger als drei Tage.\n\n"
        "Freischaltung: {admin_url}/freischaltung\nMeldungen: {admin_url}/meldungen\n\n"
        "Diese Zusammenfassung können Sie unter „Mein Profil“ abbestellen: "
        "{admin_url}/mein-profil\n\nIhr dasnez-Team",
        "Hello {name},\n\nwaiting for your administration at {kommune}:\n\n"
        "- approvals: {people}\n- open reports: {reports}\n"
        "- listings awaiting review: {listings}\n\n"
        "{overdue} of them have waited for more than three days.\n\n"
        "Approvals: {admin_url}/freischaltung\nReports: {admin_url}/meldungen\n\n"
        "You can turn this summary off under “My profile”: {admin_url}/mein-profil\n\n"
        "Your dasnez team",
    ),
    "ops.mail.overdue.subject": (
        "Erinnerung: {overdue} Vorgänge bei {kommune} warten seit mehr als drei Tagen",
        "Reminder: {overdue} items at {kommune} have waited for more than three days",
    ),
    "ops.mail.overdue.body": (
        "Hallo {name},\n\nbei {kommune} warten {overdue} Vorgänge seit mehr als drei Tagen "
        "auf eine Entscheidung (Freischaltungen, Meldungen oder Einträge in der "
        "Vorabprüfung).\n\nFreischaltung: {admin_url}/freischaltung\n"
        "Meldungen: {admin_url}/meldungen\n\n"
        "Diese Erinnerung können Sie unter „Mein Profil“ abbestellen: "
        "{admin_url}/mein-profil\n\nIhr dasnez-Team",
        "Hello {name},\n\nat {kommune}, {overdue} items have waited for a decision for more "
        "than three days (approvals, reports or listings awaiting review).\n\n"
        "Approvals: {admin_url}/freischaltung\nReports: {admin_url}/meldungen\n\n"
        "You can turn this reminder off under “My profile”: {admin_url}/mein-profil\n\n"
        "Your dasnez team",
    ),
    # --- my profile: digest settings -------------------------------------------------------
    "ops.profile.title": ("Mein Profil", "My profile"),
    "ops.profile.mails": ("Benachrichtigungen per E-Mail", "Email notifications"),
    "ops.profile.intro": (
        "Wir schreiben Ihnen, wenn in Ihrer Kommune etwas auf eine Entscheidung wartet. "
        "Die Mails nennen nur Anzahlen, keine Namen.",
        "We write to you when something in your Kommune waits for a decision. The mails "
        "give numbers only, no names.",
    ),
    "ops.profile.daily_digest": (
        "Tägliche Zusammenfassung: wartende Freischaltungen, offene Meldungen und Einträge "
        "in der Vorabprüfung (nur wenn etwas wartet)",
        "Daily summary: pending approvals, open reports and listings awaiting review (only "
        "when something waits)",
    ),
    "ops.profile.overdue_reminder": (
        "Erinnerung, wenn etwas länger als drei Tage wartet",
        "Reminder when something has waited for more than three days",
    ),
    "ops.profile.save": ("Einstellungen speichern", "Save settings"),
    "ops.profile.saved": ("Ihre Einstellungen sind gespeichert.", "Your settings are saved."),
    "ops.profile.only_admins": (
        "Diese Einstellungen gibt es für die Verwaltung einer Kommune.",
        "These settings are for a Kommune's administration.",
    ),
    # --- outbox page (platform staff) ------------------------------------------------------
    "ops.outbox.title": ("Postausgang", "Mail outbox"),
    "ops.outbox.intro": (
        "Jede Mail der Plattform geht über diesen Postausgang. Was der Mailserver nicht "
        "annimmt, wird mit wachsendem Abstand erneut versucht (1, 2, 4 … bis 60 Minuten); "
        "nach {attempts} Versuchen gilt die Mail als fehlgeschlagen. Den Text einer Mail "
        "zeigt diese Seite nicht.",
        "Every mail of the platform goes through this outbox. What the mail server does not "
        "accept is tried again at growing intervals (1, 2, 4 … up to 60 minutes); after "
        "{attempts} attempts the mail counts as failed. This page never shows a mail's text.",
    ),
    "ops.outbox.counts": (
        "Fehlgeschlagen: {failed} · Wartend: {waiting} · Versendet in den letzten 24 "
        "Stunden: {sent}",
        "Failed: {failed} · Waiting: {waiting} · Sent in the last 24 hours: {sent}",
    ),
    "ops.outbox.col.to": ("Empfänger", "Recipient"),
    "ops.outbox.col.subject": ("Betreff", "Subject"),
    "ops.outbox.col.attempts": ("Versuche", "Attempts"),
    "ops.outbox.col.error": ("Letzter Fehler", "Last error"),
    "ops.outbox.col.created": ("Erstellt", "Created"),
    "ops.outbox.col.next": ("Nächster Versuch", "Next attempt"),
    "ops.outbox.col.action": ("Aktion", "Action"),
    "ops.outbox.resend": ("Erneut senden", "Send again"),
    "ops.outbox.resend_label": ("Mail an {to} erneut senden", "Send the mail to {to} again"),
    "ops.outbox.resend_all": (
        "Alle fehlgeschlagenen erneut senden",
        "Send all failed mails again",
    ),
    "ops.outbox.resent": (
        "Die Mail wird erneut gesendet.",
        "The mail is being sent again.",
    ),
    "ops.outbox.resent_all": (
        "{count} Mails werden erneut gesendet.",
        "{count} mails are being sent again.",
    ),
    "ops.outbox.empty": ("Hier ist keine Mail.", "There is no mail here."),
    "ops.outbox.newest": (
        "Die neuesten zuerst, 50 auf einer Seite.",
        "Newest first, 50 to a page.",
    ),
    "ops.outbox.states": ("Mails nach Stand", "Mails by state"),
    "ops.outbox.state.failed": ("Fehlgeschlagene ({count})", "Failed ({count})"),
    "ops.outbox.state.waiting": ("Wartende ({count})", "Waiting ({count})"),
    "ops.outbox.state.sent": ("Versendete ({count})", "Sent ({count})"),
    "ops.outbox.col.sent": ("Versendet", "Sent"),
    "ops.outbox.bad_state": (
        "Diesen Stand gibt es nicht: fehlgeschlagen, wartend oder versendet.",
        "There is no such state: failed, waiting or sent.",
    ),
    "ops.outbox.bad_page": (
        "Bitte eine Seitenzahl ab 1 angeben.",
        "Please give a page number from 1.",
    ),
    "ops.outbox.not_found": ("Diese Mail gibt es nicht.", "This mail does not exist."),
    "ops.outbox.not_failed": (
        "Diese Mail ist nicht fehlgeschlagen: sie wartet schon oder ist versendet.",
        "This mail has not failed: it is waiting already or has been sent.",
    ),
    # --- retention -------------------------------------------------------------------------
    "ops.retention.title": ("Aufbewahrungsfristen", "Retention periods"),
    "ops.retention.intro": (
        "Wie lange personenbezogene Daten Ihrer Kommune aufbewahrt werden (DSGVO Art. 5 "
        "Abs. 1 e, Art. 17). Danach löscht oder anonymisiert die Plattform sie jede Nacht "
        "von selbst; sie protokolliert dabei nur Anzahlen. Die Datenschutzerklärung nennt "
        "diese Fristen.",
        "How long your Kommune's personal data is kept (GDPR Art. 5 (1) e, Art. 17). After "
        "that the platform deletes or anonymises it each night by itself, logging counts "
        "only. The privacy notice states these periods.",
    ),
    "ops.retention.col.kind": ("Daten", "Data"),
    "ops.retention.col.days": ("Frist in Tagen", "Period in days"),
    "ops.retention.col.range": ("Erlaubt", "Allowed"),
    "ops.retention.range": ("{minimum} bis {maximum} Tage", "{minimum} to {maximum} days"),
    "ops.retention.fixed": ("fest: {days} Tage", "fixed: {days} days"),
    "ops.retention.default": ("Standard: {days}", "Default: {days}"),
    "ops.retention.save": ("Fristen speichern", "Save periods"),
    "ops.retention.saved": ("Die Fristen sind gespeichert.", "The periods are saved."),
    "ops.retention.out_of_range": (
        "Bitte eine ganze Zahl von {minimum} bis {maximum} Tagen eingeben.",
        "Please enter a whole number from {minimum} to {maximum} days.",
    ),
    "ops.retention.kind.listings_ended": (
        "Beendete Einträge (abgelaufen, erledigt, entfernt, gelöscht) mit ihren Nachrichten",
        "Ended listings (expired, closed, removed, deleted) with their messages",
    ),
    "ops.retention.kind.conversations_inactive": (
        "Unterhaltungen ohne neue Nachricht",
        "Conversations without a new message",
    ),
    "ops.retention.kind.accounts_inactive": (
        "Konten ohne Anmeldung (30 Tage vorher kommt eine Warnung per E-Mail)",
        "Accounts without a login (a warning by email comes 30 days before)",
    ),
    "ops.retention.kind.audit_events": (
        "Protokoll der Verwaltungsaktionen",
        "Log of administrative actions",
    ),
    "ops.retention.kind.mail_log": (
        "Versandprotokoll der Mails (Empfänger, Betreff)",
        "Mail log (recipient, subject)",
    ),
    "ops.retention.kind.registrations_unconfirmed": (
        "Nicht bestätigte Registrierungen",
        "Unconfirmed registrations",
    ),
    "ops.mail.inactive_warning.subject": (
        "Ihr Konto bei {kommune} wird am {date} gelöscht",
        "Your account at {kommune} will be deleted on {date}",
    ),
    "ops.mail.inactive_warning.body": (
        "Hallo {name},\n\nSie haben sich lange nicht bei dasnez ({kommune}) angemeldet. "
        "Damit wir keine Daten länger als nötig speichern, löschen wir Ihr Konto mit Ihren "
        "Einträgen und Nachrichten am {date}.\n\nMöchten Sie es behalten? Dann melden Sie "
        "sich bis dahin einfach einmal an:\n\n{url}/anmelden\n\nIhr dasnez-Team",
        "Hello {name},\n\nyou have not logged in to dasnez ({kommune}) for a long time. So "
        "that we keep no data longer than needed, we will delete your account with your "
        "listings and messages on {date}.\n\nWant to keep it? Simply log in once before "
        "then:\n\n{url}/anmelden\n\nYour dasnez team",
    ),
    # --- audit log -------------------------------------------------------------------------
    "audit.action.set_retention": ("Aufbewahrungsfristen geändert", "Retention periods changed"),
    "audit.action.resend_mail": ("Mail erneut gesendet", "Mail sent again"),
    "audit.target.mail": ("Mail", "Mail"),
}
